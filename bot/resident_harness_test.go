package bot_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/bot/telegram/telegramtest"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/inmem"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
	"github.com/prometheus/client_golang/prometheus"
)

// dasi is the whole bot as serve wires it: the core with the real
// conversation over the seed catalog, the residents' records and the staff
// commands, the broadcast worker, and the Telegram channel against a fake
// Telegram, over a real SQLite file.
type dasi struct {
	*telegramtest.Env
	store    *sqlite.Store
	path     string
	bc       *bot.Broadcasts
	res      *bot.Residents
	updates  int // updates sent since the bot started
	staff    []int64
	sessions bot.Sessions
	bcOpt    bot.BroadcastOptions
	halt     func() // stops the bot, the worker and the residents' writer
}

// startDasi starts it with the given staff, session store (nil: in
// process) and broadcast rate.
func startDasi(t *testing.T, staff []int64, sessions bot.Sessions, rate int) *dasi {
	t.Helper()
	return startDasiWith(t, staff, sessions, bot.BroadcastOptions{Rate: rate, ProgressEvery: 100 * time.Millisecond})
}

// startDasiWith starts it with the given staff, session store (nil: in
// process) and broadcast options.
func startDasiWith(t *testing.T, staff []int64, sessions bot.Sessions, opt bot.BroadcastOptions) *dasi {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dasi.db")
	store, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if sessions == nil {
		sessions = inmem.NewSessions(inmem.Options{})
	}
	d := &dasi{store: store, path: path, staff: staff, sessions: sessions, bcOpt: opt}
	d.boot(t, nil)
	t.Cleanup(func() { d.halt() })
	return d
}

// boot starts the bot over d's store and sessions, against tg (nil: a new
// fake Telegram).
func (d *dasi) boot(t *testing.T, tg *faketg.Server) {
	t.Helper()
	cat, err := d.store.Catalog(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	logs := &telegramtest.Logs{}
	reg := prometheus.NewRegistry()
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	d.res = bot.NewResidents(d.store, log)
	bcOpt := d.bcOpt
	bcOpt.Log = log
	d.bc = bot.NewBroadcasts(d.store, bcOpt)
	core, err := bot.New(bot.Options{
		Conversation: dialogs.New(cat, dialogs.Options{}),
		Sessions:     d.sessions,
		Residents:    d.res,
		Broadcasts:   d.bc,
		Today:        func() data.Date { return data.NewDate(2026, 7, 26) },
		Log:          log,
		Registry:     reg,
	})
	if err != nil {
		t.Fatal(err)
	}
	d.Env = telegramtest.Start(t, core, telegram.Options{Chats: d.store, Staff: d.staff}, tg, logs, reg)
	d.updates = 0
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { d.bc.Run(ctx, d.Channel) })
	wg.Go(func() { d.res.Run(ctx) })
	e := d.Env
	d.halt = func() {
		e.Stop()
		cancel()
		wg.Wait()
	}
}

// restart stops the bot and its workers, as stopping the process would,
// and starts them again over the same database, sessions and Telegram.
func (d *dasi) restart() {
	d.T.Helper()
	d.halt()
	d.boot(d.T, d.TG)
}

// say sends text from chat and waits until the bot has handled it.
func (d *dasi) say(chat int64, text string) {
	d.T.Helper()
	d.TG.SendText(chat, text)
	d.updates++
	d.WaitHandled(d.updates)
}

// press presses the button with data under the latest message of chat that
// has it, and waits until the bot has handled it.
func (d *dasi) press(chat int64, data string) {
	d.T.Helper()
	msgs := d.TG.Messages(chat)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if b.Data == data {
					d.TG.Press(chat, msgs[i].ID, data)
					d.updates++
					d.WaitHandled(d.updates)
					return
				}
			}
		}
	}
	d.T.Fatalf("chat %d: no message has a button %q:\n%s", chat, data, telegramtest.Describe(d.TG.Events(chat)))
}

// last returns the text of chat's latest message.
func (d *dasi) last(chat int64) string {
	msgs := d.TG.Messages(chat)
	if len(msgs) == 0 {
		return ""
	}
	return msgs[len(msgs)-1].Text
}

// expect fails unless chat's latest message holds every part.
func (d *dasi) expect(chat int64, parts ...string) {
	d.T.Helper()
	got := d.last(chat)
	for _, p := range parts {
		if !strings.Contains(got, p) {
			d.T.Fatalf("chat %d: latest message %q does not say %q", chat, got, p)
		}
	}
}

// waitMessage waits until some message of chat holds text.
func (d *dasi) waitMessage(chat int64, text string) faketg.Message {
	d.T.Helper()
	ctx, cancel := context.WithTimeout(d.T.Context(), 15*time.Second)
	defer cancel()
	var found faketg.Message
	err := d.TG.WaitUntil(ctx, func(v *faketg.View) bool {
		for _, m := range v.Messages(chat) {
			if strings.Contains(m.Text, text) {
				found = m
				return true
			}
		}
		return false
	})
	if err != nil {
		d.T.Fatalf("chat %d never showed %q:\n%s", chat, text, telegramtest.Describe(d.TG.Events(chat)))
	}
	return found
}

// intake takes chat through the whole conversation with typed answers:
// consent, a 52-year-old accountant of 20 years in district who wants a job
// and digital skills, and notices when notices is set.
func (d *dasi) intake(chat int64, district string, notices bool) {
	d.T.Helper()
	for _, s := range []string{"/start", "네", "1972년생 경리 이십년 넘게 했고 " + district + " 살아요", "재취업이랑 디지털 배우고 싶어요", "선택 완료", "네"} {
		d.say(chat, s)
	}
	if notices {
		d.say(chat, "받을게요")
	}
}

// resident is the id of the Telegram resident whose private chat is chat.
func resident(chat int64) data.ResidentID {
	return data.ResidentID("telegram:" + strconv.FormatInt(chat, 10))
}
