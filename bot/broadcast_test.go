package bot_test

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/bot/telegram/telegramtest"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
)

// crowd is a store of opted-in residents, a fake Telegram that knows their
// chats, and a Telegram channel that sends to them (without receiving
// updates).
type crowd struct {
	t     *testing.T
	tg    *faketg.Server
	store *sqlite.Store
	path  string
	bot   *telegram.Channel
	reg   *prometheus.Registry
	logs  *telegramtest.Logs
	log   *slog.Logger
}

func newCrowd(t *testing.T) *crowd {
	t.Helper()
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	path := filepath.Join(t.TempDir(), "dasi.db")
	store, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	logs := &telegramtest.Logs{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	reg := prometheus.NewRegistry()
	b, err := telegram.New(t.Context(), telegram.Options{
		Token: tg.Token(), Endpoint: tg.Endpoint(), Handler: telegramtest.NoHandler{},
		Chats: store, Log: log, Registry: reg,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("log:\n%s", logs.String())
		}
	})
	return &crowd{t: t, tg: tg, store: store, path: path, bot: b, reg: reg, logs: logs, log: log}
}

// add stores opted-in residents of district d and makes their chats known
// to the fake Telegram, as if each had written once.
func (c *crowd) add(first int64, n int, d data.District) []int64 {
	c.t.Helper()
	ids := insertResidents(c.t, c.path, first, n, d)
	for _, id := range ids {
		c.tg.SendText(id, "/start")
	}
	return ids
}

// insertResidents stores n opted-in residents of district d, aged 50~54 and
// looking for a job, with chat ids from first, in one transaction (the
// store's API would take a transaction each), and returns their ids.
func insertResidents(tb testing.TB, path string, first int64, n int, d data.District) []int64 {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	now := time.Now().Unix()
	ids := make([]int64, 0, n)
	for id := first; id < first+int64(n); id++ {
		_, err := tx.Exec(`INSERT INTO residents (resident, age_band, district, goals, profile, notices, created_at, updated_at, last_used_at)
			VALUES (?, '50', ?, ',job,', 1, 1, ?, ?, ?)`, string(resident(id)), d.Info().Code, now, now, now)
		if err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return ids
}

// run starts a worker and returns the function that stops it and waits for
// Run to return.
func (c *crowd) run(bc *bot.Broadcasts) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bc.Run(ctx, c.bot) }()
	return func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				c.t.Errorf("Run: %v", err)
			}
		case <-time.After(20 * time.Second):
			c.t.Fatal("Run did not return within 20s of cancel")
		}
	}
}

// waitFinished waits until the broadcast is no longer running.
func (c *crowd) waitFinished(id int64, within time.Duration) data.Broadcast {
	c.t.Helper()
	return waitFinished(c.t, c.store, id, within)
}

// waitFinished waits until broadcast id of store is no longer running, and
// returns it; it fails the test after within.
func waitFinished(t *testing.T, store *sqlite.Store, id int64, within time.Duration) data.Broadcast {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		b, err := store.Broadcast(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if b.State != data.BroadcastRunning {
			return b
		}
		if time.Now().After(deadline) {
			t.Fatalf("broadcast %d still running after %v: %+v", id, within, b.Counts)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// received counts the messages holding text that each chat received.
func (c *crowd) received(ids []int64, text string) map[int64]int {
	got := make(map[int64]int, len(ids))
	for _, id := range ids {
		for _, m := range c.tg.Messages(id) {
			if strings.Contains(m.Text, text) {
				got[id]++
			}
		}
	}
	return got
}

// TestBroadcastSurvivesRestartsAndTelegramErrors sends one announcement to
// 2,000 residents at 500 a second while Telegram answers 429 (retry_after
// 1) five times, 403 for 5% of them and a few 502s, and the worker is
// stopped at random points and started again on the same database. Every
// reachable resident gets the message, once apart from the few in flight
// at each stop; no blocked resident gets one.
func TestBroadcastSurvivesRestartsAndTelegramErrors(t *testing.T) {
	c := newCrowd(t)
	ctx := context.Background()
	const n, rate, senders = 2000, 500, 8
	ids := c.add(1_000_000, n, data.DistrictByName("은평구"))
	preBlocked := ids[:10] // blocked the bot before the broadcast
	for _, id := range preBlocked {
		if err := c.store.SetChatBlocked(ctx, resident(id), true); err != nil {
			t.Fatal(err)
		}
		c.tg.Block(id)
	}
	blocked := map[int64]bool{}
	for i, id := range ids {
		if i%20 == 7 { // 5% answer 403 "bot was blocked by the user"
			blocked[id] = true
			c.tg.Block(id)
		}
	}
	for _, id := range preBlocked {
		blocked[id] = true
	}
	c.tg.Inject(faketg.Fault{Method: "sendMessage", Status: 502, Times: 3})

	const text = "[안내] 8월 4일 서부캠퍼스 디지털 교실이 열려요."
	b, err := c.store.CreateBroadcast(ctx, data.NewBroadcast{Text: text, Staff: "telegram:1"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if want := n - len(preBlocked); b.Counts.Recipients != want {
		t.Fatalf("recipients = %d, want %d (the residents who had blocked the bot left out)", b.Counts.Recipients, want)
	}

	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewPCG(uint64(seed), 1))
	t.Logf("seed %d", seed)
	opt := bot.BroadcastOptions{Rate: rate, Senders: senders, Backoff: 50 * time.Millisecond, ProgressEvery: 200 * time.Millisecond, Log: c.log}

	// Five 429s, one at a time, spread over the run.
	var wg sync.WaitGroup
	faults, stopFaults := context.WithCancel(ctx)
	defer stopFaults()
	faultRNG := rand.New(rand.NewPCG(uint64(seed), 2))
	wg.Go(func() {
		for range 5 {
			select {
			case <-time.After(time.Duration(200+faultRNG.IntN(400)) * time.Millisecond):
			case <-faults.Done():
				return
			}
			c.tg.Inject(faketg.Fault{Method: "sendMessage", Status: 429, RetryAfter: 1})
		}
	})

	const restarts = 4
	for range restarts {
		stop := c.run(bot.NewBroadcasts(c.store, opt))
		time.Sleep(time.Duration(100+rng.IntN(900)) * time.Millisecond)
		stop()
	}
	stop := c.run(bot.NewBroadcasts(c.store, opt))
	defer stop()
	b = c.waitFinished(b.ID, 25*time.Second)
	stopFaults()
	wg.Wait()

	got := c.received(ids, text)
	var missing, dups []int64
	extra := 0
	for _, id := range ids {
		switch {
		case blocked[id] && got[id] > 0:
			t.Errorf("chat %d blocked the bot but received %d messages", id, got[id])
		case blocked[id]:
		case got[id] == 0:
			missing = append(missing, id)
		case got[id] > 1:
			dups = append(dups, id)
			extra += got[id] - 1
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d reachable residents received nothing: %v", len(missing), missing[:min(len(missing), 10)])
	}
	// At each stop at most the sends on their way (one per sender) may have
	// reached Telegram without their outcome being recorded.
	if extra > restarts*senders {
		t.Errorf("%d duplicate messages (chats %v), more than the %d that were in flight at %d stops",
			extra, dups[:min(len(dups), 10)], restarts*senders, restarts)
	}
	t.Logf("duplicates after %d stops: %d", restarts, extra)

	reachable := 0
	for _, id := range ids {
		if !blocked[id] {
			reachable++
		}
	}
	want := data.DeliveryCounts{Recipients: n - len(preBlocked), Sent: reachable, Blocked: len(blocked) - len(preBlocked)}
	if b.State != data.BroadcastDone || b.Counts != want {
		t.Errorf("broadcast %s with %+v, want done with %+v", b.State, b.Counts, want)
	}
	if left := c.tg.FaultsLeft(); left != 0 {
		t.Errorf("%d scripted faults were never answered", left)
	}
	if got := telegramtest.Metric(t, c.reg, "dasi_telegram_retries_total", "reason", "rate_limited"); got != 5 {
		t.Errorf("rate-limited retries = %v, want the 5 429s", got)
	}
	for id := range blocked {
		if ok, _ := c.store.ChatBlocked(ctx, resident(id)); !ok {
			t.Errorf("chat %d answered 403 but is not marked blocked", id)
			break
		}
	}
}

// TestBroadcastCarriesTheStopButton checks what a resident sees: the text
// as written, with the button that stops notices.
func TestBroadcastCarriesTheStopButton(t *testing.T) {
	c := newCrowd(t)
	ids := c.add(500, 1, data.DistrictByName("마포구"))
	const text = "<중요> 접수는 8월 4일 & 5일이에요."
	b, err := c.store.CreateBroadcast(context.Background(), data.NewBroadcast{Text: text, Staff: "telegram:1"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	stop := c.run(bot.NewBroadcasts(c.store, bot.BroadcastOptions{Rate: 100}))
	defer stop()
	c.waitFinished(b.ID, 10*time.Second)
	var msg *faketg.Message
	for _, m := range c.tg.Messages(ids[0]) {
		if strings.Contains(m.Text, "접수") {
			msg = &m
		}
	}
	if msg == nil {
		t.Fatal("the announcement did not arrive")
	}
	stopBtn := dialogs.StopAlertsButton()
	if msg.Text != text || fmt.Sprint(msg.Buttons) != fmt.Sprint([][]faketg.Button{{{Text: stopBtn.Label, Data: stopBtn.Data}}}) {
		t.Errorf("received %q with buttons %v, want %q with [%s]", msg.Text, msg.Buttons, text, stopBtn.Label)
	}
}

// TestBroadcastPauseOutlivesARestart: Telegram answers 429 (retry_after
// 1) and the worker is stopped at once and started again, by a new bot, on
// the same database. The new worker too waits for the end of the pause
// before it sends anything. (A lower bound on when messages arrive: a slow
// machine cannot fail it.)
func TestBroadcastPauseOutlivesARestart(t *testing.T) {
	ctx := context.Background()
	fake := newCountingAPI(100)
	defer fake.Close()
	fake.retryAfter = 1
	fake.tooMany.Store(1)
	path := filepath.Join(t.TempDir(), "dasi.db")
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	const n = 5
	insertResidents(t, path, 2_000_000, n, data.DistrictByName("은평구"))
	b, err := store.CreateBroadcast(ctx, data.NewBroadcast{Text: "쉬었다 가는 안내", Staff: "telegram:1"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	start := func() (stop func()) {
		tg, err := telegram.New(ctx, telegram.Options{Token: "1:pause", Endpoint: fake.URL + "/bot%s/%s",
			Handler: telegramtest.NoHandler{}, Chats: store})
		if err != nil {
			t.Fatal(err)
		}
		run, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		// One sender: nothing else is on its way when the 429 comes back
		// (a message already sent cannot be called back).
		go func() { done <- bot.NewBroadcasts(store, bot.BroadcastOptions{Rate: 100, Senders: 1}).Run(run, tg) }()
		return func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		}
	}

	stop := start()
	var until time.Time
	for deadline := time.Now().Add(10 * time.Second); until.IsZero(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the worker never recorded the pause Telegram asked for")
		}
		if until, err = store.BroadcastPause(ctx); err != nil {
			t.Fatal(err)
		}
	}
	stop()
	limited := time.Unix(0, fake.limitedAt.Load())
	if until.Before(limited.Add(time.Second)) {
		t.Fatalf("BroadcastPause = %v, want at least a second after the 429 at %v", until, limited)
	}

	stop = start()
	defer stop()
	b = waitFinished(t, store, b.ID, 15*time.Second)
	arrivals := fake.arrivals()
	if b.Counts.Sent != n || len(arrivals) != n {
		t.Errorf("sent %d (%d arrived), want %d", b.Counts.Sent, len(arrivals), n)
	}
	if len(arrivals) > 0 {
		if first := time.Unix(0, arrivals[0]); first.Before(limited.Add(time.Second)) {
			t.Errorf("a message arrived %v after the 429 asked for a pause of 1s", first.Sub(limited))
		}
	}
}
