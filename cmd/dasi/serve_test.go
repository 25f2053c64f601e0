package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/internal/redistest"
)

// serveEnv is what one "dasi serve" of the end-to-end tests runs against.
type serveEnv struct {
	t     *testing.T
	tg    *faketg.Server
	redis *redistest.Server
	env   map[string]string
	logs  *lockedBuffer
}

func newServeEnv(t *testing.T) *serveEnv {
	t.Helper()
	tg := faketg.New(faketg.Options{MaxWait: 500 * time.Millisecond})
	t.Cleanup(tg.Close)
	rs := redistest.StartOwned(t)
	e := &serveEnv{t: t, tg: tg, redis: rs, logs: &lockedBuffer{}, env: map[string]string{
		"TELEGRAM_TOKEN":        tg.Token(),
		"TELEGRAM_API_ENDPOINT": tg.Endpoint(),
		"REDIS_URL":             rs.URL(),
		"DASI_DB":               filepath.Join(t.TempDir(), "dasi.db"),
		"DASI_HTTP_ADDR":        "127.0.0.1:" + freePort(t),
		"DASI_NOW":              "2026-07-26",
		"DASI_LEASE_TTL":        "1s",
		"DASI_LOG_LEVEL":        "debug",
	}}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("dasi serve log:\n%s", e.logs.String())
		}
	})
	return e
}

// serve starts "dasi serve" and returns a function that stops it (as
// SIGTERM does) and returns its error.
func (e *serveEnv) serve() (stop func() error) {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return e.env[k] }, nil, io.Discard, e.logs)
	}()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				e.t.Fatal("dasi serve did not stop within 30s")
			}
		})
		return err
	}
	e.t.Cleanup(func() { stop() })
	// Ready when /healthz answers (a catalog with huge texts, and -race on a
	// busy machine, make the start slow).
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, herr := http.Get("http://" + e.env["DASI_HTTP_ADDR"] + "/healthz")
		if herr == nil {
			resp.Body.Close()
			return stop
		}
		select {
		case err := <-done:
			e.t.Fatalf("dasi serve stopped at start: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("dasi serve did not answer /healthz within 60s: %v", herr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (e *serveEnv) health() (int, string) {
	resp, err := http.Get("http://" + e.env["DASI_HTTP_ADDR"] + "/healthz")
	if err != nil {
		e.t.Fatalf("/healthz: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// resident drives one chat the way a person does: by pressing the buttons
// the bot actually sent, and waiting for its answer.
type resident struct {
	tg   *faketg.Server
	chat int64
}

// press presses the button labelled label on the newest message showing
// it, and waits until the bot shows want (a button label or a piece of
// text) after the press.
func (r resident) press(label, want string) error {
	var msgID int
	var data string
	msgs := r.tg.Messages(r.chat)
	for i := len(msgs) - 1; i >= 0 && msgID == 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if b.Text == label && b.Data != "" {
					msgID, data = msgs[i].ID, b.Data
				}
			}
		}
	}
	if msgID == 0 {
		return fmt.Errorf("chat %d: no button %q to press; the chat shows:\n%s", r.chat, label, transcript(r.tg.Events(r.chat)))
	}
	return r.pressData(msgID, data, want)
}

// pressData sends a callback with any data, as a forged press does.
func (r resident) pressData(msgID int, data, want string) error {
	after := r.tg.Seq()
	r.tg.Press(r.chat, msgID, data)
	return r.wait(after, want)
}

func (r resident) say(text, want string) error {
	after := r.tg.Seq()
	r.tg.SendText(r.chat, text)
	return r.wait(after, want)
}

// wait waits for a message (sent or edited) after seq that shows want.
func (r resident) wait(after int, want string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := r.tg.WaitUntil(ctx, func(v *faketg.View) bool {
		for _, ev := range v.Events(r.chat) {
			if ev.Seq > after && shows(ev.Message, want) {
				return true
			}
		}
		return false
	})
	if err != nil {
		return fmt.Errorf("chat %d: waiting for %q: %w; the chat shows:\n%s", r.chat, want, err, transcript(r.tg.Events(r.chat)))
	}
	return nil
}

func shows(m faketg.Message, want string) bool {
	if strings.Contains(m.Text, want) {
		return true
	}
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Text == want {
				return true
			}
		}
	}
	return false
}

// transcript renders a chat's events for comparisons and failure output.
func transcript(evs []faketg.Event) string {
	var b strings.Builder
	for _, e := range evs {
		switch e.Method {
		case "answerCallbackQuery":
			b.WriteString("(answered)\n")
			continue
		case "sendVenue":
			fmt.Fprintf(&b, "[venue] %s\n", e.Message.Venue.Title)
			continue
		}
		fmt.Fprintf(&b, "[%s #%d] %s\n", e.Method, e.Message.ID, e.Message.Text)
		for _, row := range e.Message.Buttons {
			var labels []string
			for _, btn := range row {
				labels = append(labels, btn.Text)
			}
			fmt.Fprintf(&b, "    [%s]\n", strings.Join(labels, "] ["))
		}
		for _, row := range e.Message.Keyboard {
			fmt.Fprintf(&b, "    (keyboard) %v\n", row)
		}
	}
	return b.String()
}

// step is one press (or typed text) and what the bot shows after it.
type step struct{ press, want string }

// TestServeEndToEnd is the "done when": three residents go through
// the intake at once, against the real conversation, a real Redis, SQLite
// and the fake Telegram; dasi is stopped and started mid-conversation;
// 429, 5xx and a dropped connection hit one resident; a forged button gets
// the current question again; Redis goes down and comes back.
func TestServeEndToEnd(t *testing.T) {
	e := newServeEnv(t)
	stop := e.serve()

	same := []step{ // residents 1 and 2 answer alike: their chats must read alike
		{"동의해요", "55~59세"},
		{"55~59세", "사무·행정"},
		{"사무·행정", "10~20년"},
		// restart here
		{"10~20년", "선택 완료"},
		{"재취업", "✓ 재취업"},
		// faults here
		{"선택 완료", "마포구"},
		// Redis outage here
		{"마포구", "네, 찾아 주세요"},
		{"네, 찾아 주세요", "받을게요"},
		{"받을게요", "알림을 켰어요"},
	}
	other := []step{
		{"동의해요", "50~54세"},
		{"50~54세", "회계·금융"},
		{"회계·금융", "20년 이상"},
		{"20년 이상", "선택 완료"},
		{"디지털·AI", "✓ 디지털·AI"},
		{"선택 완료", "은평구"},
		{"은평구", "네, 찾아 주세요"},
		{"네, 찾아 주세요", "받을게요"},
		{"안 받을게요", "알림은 보내 드리지 않을게요"},
	}
	rs := []resident{{e.tg, 1001}, {e.tg, 1002}, {e.tg, 1003}}
	plans := [][]step{same, same, other}

	// all runs steps [from, to) of every resident's plan concurrently.
	all := func(from, to int) {
		t.Helper()
		var wg sync.WaitGroup
		errs := make(chan error, len(rs))
		for i, r := range rs {
			wg.Go(func() {
				for _, s := range plans[i][from:to] {
					if err := r.press(s.press, s.want); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	}

	var wg sync.WaitGroup
	for _, r := range rs {
		wg.Go(func() {
			if err := r.say("/start", "동의해요"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	all(0, 3)

	// Stopped and started again: every resident continues where they were.
	if err := stop(); err != nil {
		t.Fatalf("dasi serve: %v", err)
	}
	stop = e.serve()
	all(3, 5)

	// Telegram misbehaves for resident 2 only.
	e.tg.Inject(faketg.Fault{ChatID: 1002, Method: "sendMessage", Status: 429, RetryAfter: 1})
	e.tg.Inject(faketg.Fault{ChatID: 1002, Method: "sendMessage", Status: 500})
	e.tg.Inject(faketg.Fault{ChatID: 1002, Method: "sendMessage", Drop: true})
	e.tg.Inject(faketg.Fault{ChatID: 1002, Method: "sendMessage", Status: 502, Delay: 100 * time.Millisecond})
	all(5, 6)
	if n := e.tg.FaultsLeft(); n != 0 {
		t.Fatalf("%d injected faults were never met", n)
	}

	// A forged button, under the current question: the question again.
	r3 := rs[2]
	q := r3.newestWithButton(t, "은평구")
	if err := r3.pressData(q.ID, "zz:forged", "은평구"); err != nil {
		t.Fatal(err)
	}

	// Redis goes down: residents are asked to try again later, and /healthz
	// says what is down; when Redis is back, the conversation goes on.
	e.redis.Stop(t)
	for _, r := range rs {
		if err := r.say("마포구", "잠시 후 다시 시도해 주세요"); err != nil {
			t.Fatal(err)
		}
	}
	if code, body := e.health(); code != http.StatusServiceUnavailable || !strings.Contains(body, `"redis":"down`) {
		t.Errorf("/healthz with Redis down = %d %s", code, body)
	}
	e.redis.Restart(t)
	if code, body := e.health(); code != http.StatusOK {
		t.Errorf("/healthz with Redis back = %d %s", code, body)
	}
	all(6, 9)

	// Resident 2 met every fault yet reads exactly what resident 1 reads:
	// each reply once, in order.
	t1, t2 := transcript(e.tg.Events(1001)), transcript(e.tg.Events(1002))
	if t1 != t2 {
		t.Errorf("resident 2's chat differs from resident 1's:\n--- 1\n%s\n--- 2\n%s", t1, t2)
	}
	for i, r := range rs {
		want := len(plans[i]) // every press answered once
		if r.chat == 1003 {
			want++ // the forged one too
		}
		if n := strings.Count(transcript(e.tg.Events(r.chat)), "(answered)"); n != want {
			t.Errorf("chat %d: %d presses answered, want %d", r.chat, n, want)
		}
	}
	if err := stop(); err != nil {
		t.Fatalf("dasi serve: %v", err)
	}
	if strings.Contains(e.logs.String(), e.tg.Token()) {
		t.Error("the token appears in the log")
	}
}

func (r resident) newestWithButton(t *testing.T, label string) faketg.Message {
	t.Helper()
	msgs := r.tg.Messages(r.chat)
	for i := len(msgs) - 1; i >= 0; i-- {
		if shows(faketg.Message{Buttons: msgs[i].Buttons}, label) {
			return msgs[i]
		}
	}
	t.Fatalf("chat %d has no message with %q", r.chat, label)
	return faketg.Message{}
}

// TestServeWebhook runs dasi in webhook mode: setWebhook carries the
// secret, Telegram's deliveries are answered, and a request without the
// secret gets 401.
func TestServeWebhook(t *testing.T) {
	e := newServeEnv(t)
	e.env["DASI_WEBHOOK_URL"] = "https://dasi.example.org/telegram/hook"
	e.env["DASI_WEBHOOK_SECRET"] = "e2e-secret_123"
	e.serve()
	// serve answers /healthz before Run has called setWebhook.
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	var wh *faketg.Webhook
	e.tg.WaitUntil(ctx, func(v *faketg.View) bool { wh = v.Webhook(); return wh != nil })
	if wh == nil || wh.SecretToken != "e2e-secret_123" || wh.URL != e.env["DASI_WEBHOOK_URL"] {
		t.Fatalf("setWebhook = %+v", wh)
	}
	base := "http://" + e.env["DASI_HTTP_ADDR"]
	req, _ := http.NewRequest(http.MethodPost, base+"/telegram/hook", strings.NewReader(`{"update_id":1}`))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "wrong")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong secret: status %d, want 401", resp.StatusCode)
	}

	e.tg.DeliverTo(base)
	r := resident{e.tg, 2001}
	if err := r.say("/start", "동의해요"); err != nil {
		t.Fatal(err)
	}
	if err := r.press("동의해요", "55~59세"); err != nil {
		t.Fatal(err)
	}
}

// TestServeRefusesASecondInstance: a second dasi on the same token and
// Redis waits for the first one's lease, sees it renewed, and refuses.
func TestServeRefusesASecondInstance(t *testing.T) {
	e := newServeEnv(t)
	e.serve()
	env := map[string]string{}
	for k, v := range e.env {
		env[k] = v
	}
	env["DASI_HTTP_ADDR"] = "127.0.0.1:" + freePort(t)
	logs := &lockedBuffer{}
	err := run(t.Context(), []string{"serve"}, func(k string) string { return env[k] }, nil, io.Discard, logs)
	if err == nil || !strings.Contains(err.Error(), "another dasi instance is serving this bot token") {
		t.Fatalf("second instance: err = %v, want a refusal", err)
	}
	if strings.Contains(err.Error(), e.tg.Token()) {
		t.Error("the refusal shows the token")
	}
}

// TestServeGivesTheLeaseBackWhenItCannotStart: a start refused by
// Telegram (a wrong token) leaves no lease behind, so the corrected start
// does not wait for it to expire.
func TestServeGivesTheLeaseBackWhenItCannotStart(t *testing.T) {
	e := newServeEnv(t)
	e.env["TELEGRAM_TOKEN"] = "123:WRONG"
	err := run(t.Context(), []string{"serve"}, func(k string) string { return e.env[k] }, nil, io.Discard, e.logs)
	if err == nil || !strings.Contains(err.Error(), "@BotFather") {
		t.Fatalf("serve with a wrong token: %v", err)
	}
	if keys := e.redis.Client(t).Keys(t.Context(), "dasi:lease:*").Val(); len(keys) != 0 {
		t.Errorf("the refused start left its lease in Redis: %v", keys)
	}
}

// TestServeUpgradesFromThePreviousVersion: dasi serve started on a
// database and a Redis written by the dasi before residents were keyed by
// channel (the fixture of data/sqlite, and a session under the chat id
// alone, as that version encoded it) keeps the resident mid-intake where
// they were, and their records.
func TestServeUpgradesFromThePreviousVersion(t *testing.T) {
	e := newServeEnv(t)
	old, err := os.ReadFile(filepath.Join("..", "..", "data", "sqlite", "testdata", "main-fd75d5d.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(e.env["DASI_DB"], old, 0o600); err != nil {
		t.Fatal(err)
	}
	// Resident 123456 of the fixture, at the field question: what that
	// version's dialogs.State.MarshalBinary wrote after 동의해요 and 60~64세.
	rdb := e.redis.Client(t)
	const state = `{"v":1,"s":"field","c":1,"a":"60","t":20260726}`
	if err := rdb.Set(t.Context(), "dasi:session:123456", state, 24*time.Hour).Err(); err != nil {
		t.Fatal(err)
	}
	e.serve()
	if !strings.Contains(e.logs.String(), `"msg":"sessions of the previous version moved to their residents' keys","sessions":1`) {
		t.Error("the move of the old sessions is not logged")
	}
	r := resident{e.tg, 123456}
	if err := r.say("운전 30년 했어요", "3/4단계"); err != nil {
		t.Fatalf("the resident mid-intake was not taken on from the field question: %v", err)
	}
	if n := rdb.Exists(t.Context(), "dasi:session:123456").Val(); n != 0 {
		t.Error("the session under the old key is still there")
	}
	if n := rdb.Exists(t.Context(), "dasi:session:telegram:123456").Val(); n != 1 {
		t.Error("no session under the resident's new key")
	}
}

// TestServeWithoutRedis: without REDIS_URL the bot runs on in-process
// sessions and says so at start.
func TestServeWithoutRedis(t *testing.T) {
	e := newServeEnv(t)
	delete(e.env, "REDIS_URL")
	e.serve()
	r := resident{e.tg, 3001}
	if err := r.say("/start", "동의해요"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.logs.String(), "REDIS_URL is not set") {
		t.Error("the in-process session store is not announced")
	}
	for _, v := range []string{"DASI_PRIVACY_URL is not set", "DASI_OPERATOR_CONTACT is not set"} {
		if !strings.Contains(e.logs.String(), v) {
			t.Errorf("the missing privacy notice is not announced: no %q", v)
		}
	}
	if !strings.Contains(e.logs.String(), `"msg":"catalog seed applied"`) {
		t.Error("the seed loaded into the new database is not announced")
	}
	if code, body := e.health(); code != http.StatusOK || strings.Contains(body, "redis") {
		t.Errorf("/healthz = %d %s", code, body)
	}
	resp, err := http.Get("http://" + e.env["DASI_HTTP_ADDR"] + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, want := range []string{`dasi_updates_total{kind="command"} 1`, "dasi_update_handling_seconds_bucket", "dasi_active_chats 1", "go_goroutines"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestServeConfigurationErrors(t *testing.T) {
	err := run(t.Context(), []string{"serve"}, func(k string) string {
		return map[string]string{"DASI_WEBHOOK_URL": "http://insecure", "DASI_LEASE_TTL": "forever", "DASI_MAX_CONNS": "lots",
			"TELEGRAM_TOKEN": "123:Tok3nValue", "TELEGRAM_API_ENDPOINT": "https://bad host/bot%s/%s",
			"DASI_PRIVACY_URL": "privacy.html", "DASI_OPERATOR_CONTACT": strings.Repeat("운영팀 ", 30)}[k]
	}, nil, io.Discard, io.Discard)
	if err == nil {
		t.Fatal("serve started with a bad configuration")
	}
	if strings.Contains(err.Error(), "Tok3nValue") {
		t.Errorf("the error shows the token:\n%v", err)
	}
	for _, want := range []string{"DASI_WEBHOOK_URL", "DASI_WEBHOOK_SECRET", "DASI_LEASE_TTL", "DASI_MAX_CONNS", "TELEGRAM_API_ENDPOINT", "DASI_PRIVACY_URL", "DASI_OPERATOR_CONTACT"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not name %s:\n%v", want, err)
		}
	}
	err = run(t.Context(), []string{"serve"}, func(string) string { return "" }, nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "TELEGRAM_TOKEN") || !strings.Contains(err.Error(), "@BotFather") {
		t.Fatalf("serve without a token: %v", err)
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

// lockedBuffer is a log sink written by several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
