package telegram_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/bot/telegram/telegramtest"
	"github.com/dasi-seoul/dasi/data/inmem"
)

// FuzzWebhookUpdate posts any body, with the right secret, to the webhook
// handler of a running channel (over the core and the script
// conversation): the handler answers 200, 400 or 503, and an update it
// queues is handled without a panic. Run it with
//
//	go test -run '^$' -fuzz FuzzWebhookUpdate -fuzztime 2m ./bot/telegram
//
// The inputs the fuzzer found interesting are in testdata/fuzz.
func FuzzWebhookUpdate(f *testing.F) {
	for _, s := range []string{
		`{"update_id":1,"message":{"message_id":1,"from":{"id":30,"is_bot":false,"first_name":"a"},"chat":{"id":30,"type":"private"},"date":1,"text":"안녕하세요"}}`,
		`{"update_id":2,"message":{"message_id":2,"from":{"id":30},"chat":{"id":30,"type":"private"},"date":1,"text":"/start c50_west","entities":[{"type":"bot_command","offset":0,"length":6}]}}`,
		`{"update_id":3,"callback_query":{"id":"q1","from":{"id":30},"message":{"message_id":5,"chat":{"id":30,"type":"private"},"date":1},"data":"age:50"}}`,
		`{"update_id":4,"message":{"message_id":3,"from":{"id":30},"chat":{"id":30,"type":"private"},"date":1,"location":{"latitude":37.6,"longitude":126.9}}}`,
		`{"update_id":5,"message":{"message_id":4,"from":{"id":30},"chat":{"id":30,"type":"private"},"date":1,"sticker":{"file_id":"x","width":1,"height":1}}}`,
		`{"update_id":6,"my_chat_member":{"chat":{"id":30,"type":"private"},"from":{"id":30},"date":1,"old_chat_member":{"user":{"id":9},"status":"member"},"new_chat_member":{"user":{"id":9},"status":"kicked"}}}`,
		`{"update_id":7,"edited_message":{"message_id":1,"chat":{"id":30,"type":"private"},"date":1,"text":"x"}}`,
		`{"update_id":8,"message":{"message_id":1,"chat":{"id":-100,"type":"group"},"date":1,"text":"x"}}`,
		`{"update_id":9,"callback_query":{"id":"q2","from":{"id":31},"data":"x"}}`,
		`{"update_id":10}`,
	} {
		f.Add([]byte(s))
	}
	const secret = "fuzz-secret"
	tg := faketg.New(faketg.Options{MaxWait: 100 * time.Millisecond})
	f.Cleanup(tg.Close)
	logs := &telegramtest.Logs{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	reg := prometheus.NewRegistry()
	core, err := bot.New(bot.Options{Conversation: telegramtest.Script{}, Sessions: inmem.NewSessions(inmem.Options{}), Log: log, Registry: reg})
	if err != nil {
		f.Fatal(err)
	}
	var (
		mu      sync.Mutex
		handled = map[int]chan struct{}{}
	)
	waiter := func(id int) chan struct{} {
		mu.Lock()
		defer mu.Unlock()
		c, ok := handled[id]
		if !ok {
			c = make(chan struct{})
			handled[id] = c
		}
		return c
	}
	ch, err := telegram.New(f.Context(), telegram.Options{
		Token: tg.Token(), Endpoint: tg.Endpoint(), Handler: core, Log: log, Registry: reg,
		Webhook:      &telegram.Webhook{URL: "https://dasi.example.org/tg/hook", Secret: secret},
		RetryBackoff: time.Millisecond, SendAttempts: 1,
		OnHandled: func(id int, _ time.Duration) { close(waiter(id)) },
	})
	if err != nil {
		f.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	go func() { ran <- ch.Run(ctx) }()
	f.Cleanup(func() { cancel(); <-ran })
	h := ch.WebhookHandler()
	seen := map[int]bool{}

	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/tg/hook", bytes.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusServiceUnavailable:
		default:
			t.Fatalf("status %d for %q", w.Code, body)
		}
		var u tgbotapi.Update
		if w.Code != http.StatusOK || json.Unmarshal(body, &u) != nil {
			return
		}
		mu.Lock()
		again := seen[u.UpdateID] // a redelivery is answered 200 and not handled
		seen[u.UpdateID] = true
		mu.Unlock()
		if again {
			return
		}
		select {
		case <-waiter(u.UpdateID):
		case <-time.After(10 * time.Second):
			t.Fatalf("update %d queued but not handled within 10s", u.UpdateID)
		}
		if l := logs.String(); strings.Contains(l, "panic") {
			t.Fatalf("a panic handling %q:\n%s", body, l)
		}
	})
}
