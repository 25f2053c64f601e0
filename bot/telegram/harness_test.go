package telegram_test

import (
	"log/slog"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/bot/telegram/telegramtest"
	"github.com/dasi-seoul/dasi/data/inmem"
)

// start runs a Telegram channel against tg (nil: a new fake Telegram) over
// a core with the script conversation and in-process sessions.
func start(t *testing.T, opt telegram.Options, tg *faketg.Server) *telegramtest.Env {
	t.Helper()
	return startOver(t, nil, opt, tg)
}

// startOver is start with the core's sessions (nil: in process).
func startOver(t *testing.T, sessions bot.Sessions, opt telegram.Options, tg *faketg.Server) *telegramtest.Env {
	t.Helper()
	if sessions == nil {
		sessions = inmem.NewSessions(inmem.Options{})
	}
	logs := &telegramtest.Logs{}
	reg := prometheus.NewRegistry()
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	core, err := bot.New(bot.Options{Conversation: telegramtest.Script{}, Sessions: sessions, Log: log, Registry: reg})
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	return telegramtest.Start(t, core, opt, tg, logs, reg)
}
