package bot_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/faketg"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/inmem"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
)

// dasi is the whole bot as serve wires it: the real conversation over the
// seed catalog, the residents' and staff hooks, and the broadcast worker,
// against a fake Telegram and a real SQLite file.
type dasi struct {
	*env
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
	d.res = bot.NewResidents(d.store, nil)
	d.bc = bot.NewBroadcasts(d.store, d.bcOpt)
	d.env = start(t, bot.Options{
		Conversation: dialogs.New(cat),
		Sessions:     d.sessions,
		Chats:        d.store,
		Staff:        d.staff,
		Today:        func() data.Date { return data.NewDate(2026, 7, 26) },
		Hooks: bot.Hooks{
			Intercept: bot.Intercepts(d.res.Intercept, d.bc.Intercept),
			Effect:    d.res.Effect,
			Forget:    bot.ForgetHooks(d.res.Forget, d.bc.Forget),
			NoSession: d.res.NoSession,
			Stepped:   d.res.Stepped,
		},
	}, tg)
	d.updates = 0
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { d.bc.Run(ctx, d.bot) })
	wg.Go(func() { d.res.Run(ctx) })
	e := d.env
	d.halt = func() {
		e.stop()
		cancel()
		wg.Wait()
	}
}

// restart stops the bot and its workers, as stopping the process would,
// and starts them again over the same database, sessions and Telegram.
func (d *dasi) restart() {
	d.t.Helper()
	d.halt()
	d.boot(d.t, d.tg)
}

// say sends text from chat and waits until the bot has handled it.
func (d *dasi) say(chat int64, text string) {
	d.t.Helper()
	d.tg.SendText(chat, text)
	d.updates++
	d.waitHandled(d.updates)
}

// press presses the button with data under the latest message of chat that
// has it, and waits until the bot has handled it.
func (d *dasi) press(chat int64, data string) {
	d.t.Helper()
	msgs := d.tg.Messages(chat)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if b.Data == data {
					d.tg.Press(chat, msgs[i].ID, data)
					d.updates++
					d.waitHandled(d.updates)
					return
				}
			}
		}
	}
	d.t.Fatalf("chat %d: no message has a button %q:\n%s", chat, data, describe(d.tg.Events(chat)))
}

// last returns the text of chat's latest message.
func (d *dasi) last(chat int64) string {
	msgs := d.tg.Messages(chat)
	if len(msgs) == 0 {
		return ""
	}
	return msgs[len(msgs)-1].Text
}

// expect fails unless chat's latest message holds every part.
func (d *dasi) expect(chat int64, parts ...string) {
	d.t.Helper()
	got := d.last(chat)
	for _, p := range parts {
		if !strings.Contains(got, p) {
			d.t.Fatalf("chat %d: latest message %q does not say %q", chat, got, p)
		}
	}
}

// waitMessage waits until some message of chat holds text.
func (d *dasi) waitMessage(chat int64, text string) faketg.Message {
	d.t.Helper()
	ctx, cancel := context.WithTimeout(d.t.Context(), 15*time.Second)
	defer cancel()
	var found faketg.Message
	err := d.tg.WaitUntil(ctx, func(v *faketg.View) bool {
		for _, m := range v.Messages(chat) {
			if strings.Contains(m.Text, text) {
				found = m
				return true
			}
		}
		return false
	})
	if err != nil {
		d.t.Fatalf("chat %d never showed %q:\n%s", chat, text, describe(d.tg.Events(chat)))
	}
	return found
}

// intake takes chat through the whole conversation with typed answers:
// consent, a 52-year-old accountant of 20 years in district who wants a job
// and digital skills, and notices when notices is set.
func (d *dasi) intake(chat int64, district string, notices bool) {
	d.t.Helper()
	for _, s := range []string{"/start", "네", "1972년생 경리 이십년 넘게 했고 " + district + " 살아요", "재취업이랑 디지털 배우고 싶어요", "선택 완료", "네"} {
		d.say(chat, s)
	}
	if notices {
		d.say(chat, "받을게요")
	}
}
