package telegram_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/bot/telegram/telegramtest"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/redis"
	"github.com/dasi-seoul/dasi/internal/redistest"
)

const secret = "s3cret_for-tests"

func startWebhook(t *testing.T) (*telegramtest.Env, *httptest.Server) {
	t.Helper()
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	e := start(t, telegram.Options{Webhook: &telegram.Webhook{URL: "https://dasi.example.org/tg/hook", Secret: secret}}, tg)
	mux := http.NewServeMux()
	mux.Handle(e.Channel.WebhookPath(), e.Channel.WebhookHandler())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return e, srv
}

func TestWebhook(t *testing.T) {
	e, srv := startWebhook(t)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	var wh *faketg.Webhook
	if err := e.TG.WaitUntil(ctx, func(v *faketg.View) bool { wh = v.Webhook(); return wh != nil }); err != nil {
		t.Fatal(err)
	}
	if wh.URL != "https://dasi.example.org/tg/hook" || wh.SecretToken != secret {
		t.Fatalf("setWebhook got url=%q secret=%q", wh.URL, wh.SecretToken)
	}
	if !slices.Equal(wh.AllowedUpdates, []string{"message", "callback_query", "my_chat_member"}) {
		t.Errorf("allowed_updates = %q", wh.AllowedUpdates)
	}

	post := func(body, sec string) int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/tg/hook", strings.NewReader(body))
		if sec != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", sec)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	e.TG.SendText(30, "hello") // makes chat 30 known to the fake; its update stays queued
	upd := `{"update_id":5001,"message":{"message_id":1,"from":{"id":30,"is_bot":false,"first_name":"a"},"chat":{"id":30,"type":"private"},"date":1,"text":"웹훅"}}`
	if code := post(upd, "wrong"); code != http.StatusUnauthorized {
		t.Errorf("wrong secret: status %d, want 401", code)
	}
	if code := post(upd, ""); code != http.StatusUnauthorized {
		t.Errorf("missing secret: status %d, want 401", code)
	}
	if code := post(upd, secret); code != http.StatusOK {
		t.Fatalf("right secret: status %d, want 200", code)
	}
	if code := post(upd, secret); code != http.StatusOK {
		t.Fatalf("redelivery: status %d, want 200", code)
	}
	if got := telegramtest.Sent(e.WaitEvents(30, 1)); !slices.Equal(got, []string{"받았어요: 웹훅"}) {
		t.Fatalf("replies = %q", got)
	}
	// The handler counts a redelivery before it answers 200.
	if e.Metric("dasi_updates_dropped_total", "reason", "duplicate") != 1 {
		t.Error("the redelivered update was not recognised as a duplicate")
	}
	// Every refused request is counted, though the warning is logged at
	// most once a minute.
	if n := e.Metric("dasi_updates_dropped_total", "reason", "bad_secret"); n != 2 {
		t.Errorf("refused webhook requests counted = %v, want 2", n)
	}
	if n := strings.Count(e.Logs.String(), "without the right secret"); n != 1 {
		t.Errorf("refusal warnings logged = %d, want 1 for two refusals within a minute", n)
	}
	if resp, _ := http.Get(srv.URL + "/tg/hook"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d", resp.StatusCode)
	}
}

// TestWebhookDelivery runs the fake's own deliveries, as Telegram makes
// them, through the handler.
func TestWebhookDelivery(t *testing.T) {
	e, srv := startWebhook(t)
	e.TG.DeliverTo(srv.URL)
	for i := range 5 {
		e.TG.SendText(31, string(rune('가'+i)))
	}
	if got := telegramtest.Sent(e.WaitEvents(31, 5)); !slices.Equal(got, []string{"받았어요: 가", "받았어요: 각", "받았어요: 갂", "받았어요: 갃", "받았어요: 간"}) {
		t.Fatalf("replies = %q", got)
	}
}

// TestWebhookAnswersAPressInItsAnswer: in webhook mode a button press is
// answered in the answer to its delivery, which Telegram carries out: the
// resident's spinner stops, the reply follows, and the bot makes no
// answerCallbackQuery request of its own. A redelivered press is answered
// again, in case Telegram missed the first answer.
func TestWebhookAnswersAPressInItsAnswer(t *testing.T) {
	e, srv := startWebhook(t)
	e.TG.DeliverTo(srv.URL)
	e.TG.SendText(32, "안녕")
	e.WaitEvents(32, 1)
	_, qid := e.TG.Press(32, 999, "x")
	evs := e.WaitEvents(32, 3)
	if got := telegramtest.Sent(evs); !slices.Equal(got, []string{"받았어요: 안녕", "눌렀어요: x"}) {
		t.Fatalf("events = %s", telegramtest.Describe(evs))
	}
	if e.TG.Answered(qid) != 1 || e.TG.WebhookAnswers() != 1 {
		t.Errorf("press answered %d times, %d in webhook answers; want once, in the delivery's answer", e.TG.Answered(qid), e.TG.WebhookAnswers())
	}
	if n := e.TG.Calls("answerCallbackQuery"); n != 0 {
		t.Errorf("the bot called answerCallbackQuery %d times; the webhook answer was enough", n)
	}
	if n := e.Metric("dasi_telegram_requests_total", "method", "answerCallbackQuery", "outcome", "in_webhook_answer"); n != 1 {
		t.Errorf("presses answered in webhook answers counted = %v, want 1", n)
	}

	// Telegram delivers the same press again: the answer carries it again.
	body := `{"update_id":5002,"callback_query":{"id":"again","from":{"id":32,"is_bot":false,"first_name":"a"},"message":{"message_id":999,"chat":{"id":32,"type":"private"},"date":1},"chat_instance":"c","data":"y"}}`
	for range 2 {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/tg/hook", strings.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || string(got) != `{"method":"answerCallbackQuery","callback_query_id":"again"}` {
			t.Errorf("delivery answered %d %s, want 200 with the press's answer", resp.StatusCode, got)
		}
	}
}

// TestConflictIsExplained: polling while a webhook is set gets 409; the log
// says what to do, and the loop backs off instead of spinning.
func TestConflictIsExplained(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	tg.SetWebhookForTest("https://old.example.org/hook")
	e := start(t, telegram.Options{}, tg)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(e.Logs.String(), "deleteWebhook") {
		if time.Now().After(deadline) {
			t.Fatalf("no 409 explanation in the log:\n%s", e.Logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	if n := tg.Calls("getUpdates"); n > 3 {
		t.Errorf("getUpdates called %d times in about half a second: the loop spins on 409", n)
	}
	if strings.Contains(e.Logs.String(), tg.Token()) {
		t.Error("the token is in the log")
	}
}

// TestNoSpinOnInstantEmptyAnswers: a server that answers empty polls at
// once does not make the loop spin.
func TestNoSpinOnInstantEmptyAnswers(t *testing.T) {
	tg := faketg.New(faketg.Options{MaxWait: time.Nanosecond})
	t.Cleanup(tg.Close)
	start(t, telegram.Options{}, tg)
	time.Sleep(time.Second)
	if n := tg.Calls("getUpdates"); n > 5 {
		t.Errorf("getUpdates called %d times in a second against a server that never waits", n)
	}
}

// TestShutdownDrainsAndConfirms: updates received before the stop are all
// answered, and confirmed, so a new start does not get them again.
func TestShutdownDrainsAndConfirms(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	tg.Inject(faketg.Fault{Method: "sendMessage", Delay: 100 * time.Millisecond, Times: 10})
	for i := range 10 {
		tg.SendText(int64(40+i), "마지막")
	}
	e := start(t, telegram.Options{}, tg)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	// Stop as soon as the bot has taken the updates.
	tg.WaitUntil(ctx, func(v *faketg.View) bool { return v.Calls("sendMessage") > 0 })
	if err := e.Stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	for i := range 10 {
		if got := telegramtest.Sent(tg.Events(int64(40 + i))); len(got) != 1 {
			t.Errorf("chat %d got %d replies, want 1", 40+i, len(got))
		}
	}
	if n := tg.Pending(); n != 0 {
		t.Errorf("%d updates left unconfirmed after a clean stop", n)
	}
}

// TestShutdownCutsAStuckChatShort: a reply Telegram does not answer keeps
// its chat's updates waiting; a stop gives it DrainTimeout, then cuts it
// short, counts what was left, and returns.
func TestShutdownCutsAStuckChatShort(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 60, Delay: time.Minute})
	for _, text := range []string{"하나", "둘", "셋"} {
		tg.SendText(60, text)
	}
	e := start(t, telegram.Options{DrainTimeout: 200 * time.Millisecond}, tg)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := tg.WaitUntil(ctx, func(v *faketg.View) bool { return v.Calls("sendMessage") > 0 }); err != nil {
		t.Fatal(err)
	}
	if err := e.Stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if n := e.Metric("dasi_updates_dropped_total", "reason", "shutdown"); n != 2 {
		t.Errorf("updates dropped at shutdown = %v, want the 2 behind the stuck reply", n)
	}
	if !strings.Contains(e.Logs.String(), "drain timeout") {
		t.Error("the cut is not logged")
	}
}

// TestRedisOutage: while Redis is down the resident is asked to try again
// later (a button press is still answered); when it is back, the bot
// answers normally without a restart.
func TestRedisOutage(t *testing.T) {
	srv := redistest.StartOwned(t)
	sessions, err := redis.Open(t.Context(), srv.URL(), redis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sessions.Close() })
	e := startOver(t, sessions, telegram.Options{}, nil)
	e.TG.SendText(50, "/start")
	q := e.WaitEvents(50, 1)[0].Message

	srv.Stop(t)
	e.TG.SendText(50, "안녕")
	_, qid := e.TG.Press(50, q.ID, "a")
	evs := e.WaitEvents(50, 4)
	want := "지금은 잠깐 답을 드릴 수 없어요. 잠시 후 다시 시도해 주세요."
	if got := telegramtest.Sent(evs); !slices.Equal(got[1:], []string{want, want}) {
		t.Fatalf("during the outage: %s", telegramtest.Describe(evs))
	}
	if e.TG.Answered(qid) != 1 {
		t.Error("the press during the outage was not answered")
	}

	srv.Restart(t)
	e.TG.SendText(50, "돌아왔어요")
	if got := telegramtest.Sent(e.WaitEvents(50, 5)); got[len(got)-1] != "받았어요: 돌아왔어요" {
		t.Fatalf("after the outage: %q", got)
	}
	if e.Metric("dasi_session_errors_total") < 2 {
		t.Error("session errors are not counted")
	}
}

func TestForgetDeletesTheSession(t *testing.T) {
	srv := redistest.Start(t)
	prefix := srv.Prefix(t)
	sessions, err := redis.Open(t.Context(), srv.URL(), redis.Options{Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sessions.Close() })
	e := startOver(t, sessions, telegram.Options{}, nil)
	rdb := srv.Client(t)
	e.TG.SendText(51, "안녕")
	e.WaitHandled(1)
	if rdb.Exists(t.Context(), prefix+"session:telegram:51").Val() != 1 {
		t.Fatal("no session after the first update")
	}
	e.TG.SendText(51, "forget")
	if got := telegramtest.Sent(e.WaitEvents(51, 2)); got[1] != "모두 지웠어요" {
		t.Fatalf("replies = %q", got)
	}
	if rdb.Exists(t.Context(), prefix+"session:telegram:51").Val() != 0 {
		t.Error("the session is still in Redis after forget")
	}
}

// fakeLease is lost on its first renewal, as when another instance has
// taken the token.
type fakeLease struct{ released bool }

func (l *fakeLease) Renew(context.Context) error   { return data.ErrLeaseLost }
func (l *fakeLease) Release(context.Context) error { l.released = true; return nil }
func (l *fakeLease) TTL() time.Duration            { return 30 * time.Millisecond }

func TestLostLeaseStopsTheBot(t *testing.T) {
	l := &fakeLease{}
	e := start(t, telegram.Options{Lease: l}, nil)
	select {
	case err := <-e.Done:
		if err == nil || !strings.Contains(err.Error(), "another dasi instance") {
			t.Fatalf("Run returned %v, want the lost lease explained", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the bot kept running after losing its lease")
	}
}
