package telegram_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/bot/telegram/telegramtest"
	"github.com/dasi-seoul/dasi/data/sqlite"
)

// TestRateLimitHoldsOnlyThatChat: a 429 for one chat holds that chat's
// sends for retry_after, then its replies arrive once and in order, while
// another chat is answered meanwhile.
func TestRateLimitHoldsOnlyThatChat(t *testing.T) {
	tg := faketg.New(faketg.Options{MaxWait: 200 * time.Millisecond})
	t.Cleanup(tg.Close)
	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 10, Status: 429, RetryAfter: 1})
	e := start(t, telegram.Options{}, tg)

	e.TG.SendText(10, "two")
	e.WaitEvents(10, 0)
	e.TG.SendText(20, "안녕") // arrives while chat 10 is held
	held := e.WaitEvents(10, 2)
	other := e.WaitEvents(20, 1)
	if got := telegramtest.Sent(held); !slices.Equal(got, []string{"하나", "둘"}) {
		t.Fatalf("held chat got %q, want each reply once, in order", got)
	}
	if other[0].Seq > held[0].Seq {
		t.Errorf("chat 20 was answered after chat 10's hold ended: a 429 held every chat")
	}
	if e.Metric("dasi_telegram_retries_total", "reason", "rate_limited") != 1 {
		t.Errorf("rate-limited retries = %v, want 1", e.Metric("dasi_telegram_retries_total", "reason", "rate_limited"))
	}
}

// TestTransientFailuresAreRetried: 5xx answers, a dropped connection and a
// proxy's non-JSON 502 are retried; each reply arrives once, in order.
func TestTransientFailuresAreRetried(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 11, Status: 500, Times: 2})
	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 11, Drop: true})
	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 11, Status: 502})
	e := start(t, telegram.Options{SendAttempts: 5}, tg)
	e.TG.SendText(11, "two")
	e.TG.SendText(11, "셋")
	e.WaitHandled(2)
	if got := telegramtest.Sent(e.TG.Events(11)); !slices.Equal(got, []string{"하나", "둘", "받았어요: 셋"}) {
		t.Fatalf("replies = %q, want each once, in order", got)
	}
	if n := e.Metric("dasi_telegram_retries_total", "reason", "transient"); n != 4 {
		t.Errorf("transient retries = %v, want 4", n)
	}
	if e.TG.FaultsLeft() != 0 {
		t.Error("not every injected fault was met")
	}
	// The dropped connection's error is logged without the token, which
	// is in every request's URL (net/http's errors name the URL; they are
	// scrubbed, as TestNewNeverShowsTheToken checks).
	if !strings.Contains(e.Logs.String(), "read the answer") || strings.Contains(e.Logs.String(), tg.Token()) {
		t.Errorf("the token is not scrubbed from the network error:\n%s", e.Logs.String())
	}
}

func TestNewNeverShowsTheToken(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	url := tg.Endpoint()
	tg.Close() // nothing listens there any more
	_, err := telegram.New(t.Context(), telegram.Options{Token: "123:SECRET", Endpoint: url, Handler: telegramtest.NoHandler{}})
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("New against a dead endpoint: %v", err)
	}

	// A malformed endpoint: the library's own error quotes the request
	// URL, token included, before any request is made.
	_, err = telegram.New(t.Context(), telegram.Options{Token: "123:SECRET", Endpoint: "http://bad host/bot%s/%s", Handler: telegramtest.NoHandler{}})
	if err == nil || strings.Contains(err.Error(), "SECRET") || !strings.Contains(err.Error(), "<token>") {
		t.Fatalf("New with a malformed endpoint: %v", err)
	}

	tg = faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	_, err = telegram.New(t.Context(), telegram.Options{Token: "123:WRONG", Endpoint: tg.Endpoint(), Handler: telegramtest.NoHandler{}})
	if err == nil || strings.Contains(err.Error(), "WRONG") || !strings.Contains(err.Error(), "@BotFather") {
		t.Fatalf("New with a wrong token: %v", err)
	}
}

func TestGivesUpAfterTheAttempts(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 12, Status: 500, Times: 3})
	e := start(t, telegram.Options{SendAttempts: 3}, tg)
	e.TG.SendText(12, "안녕")
	e.WaitHandled(1)
	e.TG.SendText(12, "다시")
	if got := telegramtest.Sent(e.WaitEvents(12, 1)); !slices.Equal(got, []string{"받았어요: 다시"}) {
		t.Fatalf("replies = %q", got)
	}
	if e.Metric("dasi_telegram_requests_total", "method", "sendMessage", "outcome", "failed") != 1 {
		t.Error("the failed send is not counted")
	}
}

// TestSlowAnswerIsWaitedFor: a slow Bot API answer is not a failure.
func TestSlowAnswerIsWaitedFor(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 13, Delay: 300 * time.Millisecond})
	e := start(t, telegram.Options{}, tg)
	e.TG.SendText(13, "two")
	if got := telegramtest.Sent(e.WaitEvents(13, 2)); !slices.Equal(got, []string{"하나", "둘"}) {
		t.Fatalf("replies = %q", got)
	}
}

// TestBlockedChat: a 403 marks the chat blocked: the rest of the turn is
// not sent, nor anything later, until the resident comes back.
func TestBlockedChat(t *testing.T) {
	e := start(t, telegram.Options{}, nil)
	e.TG.SendText(14, "안녕")
	e.WaitEvents(14, 1)

	e.TG.Block(14)
	e.TG.SendText(14, "two")
	e.WaitHandled(2)
	calls := e.TG.Calls("sendMessage")
	if e.Metric("dasi_blocked_chats") != 1 {
		t.Fatalf("blocked chats = %v, want 1", e.Metric("dasi_blocked_chats"))
	}
	if got := len(telegramtest.Sent(e.TG.Events(14))); got != 1 {
		t.Fatalf("a blocked chat received %d messages", got)
	}
	if calls != 2 { // "안녕"'s reply, then one refused "하나"; "둘" not tried
		t.Errorf("sendMessage calls = %d, want 2: the bot kept sending to a blocked chat", calls)
	}

	// The resident unblocks the bot and writes again.
	e.TG.Unblock(14)
	e.TG.ChatMember(14, "member")
	e.TG.SendText(14, "/start")
	evs := e.WaitEvents(14, 2)
	if evs[1].Message.Text != "안녕하세요 /start" {
		t.Fatalf("after coming back: %s", telegramtest.Describe(evs))
	}
	if e.Metric("dasi_blocked_chats") != 0 {
		t.Error("the chat is still marked blocked")
	}
}

func TestKickedMarksBlockedAndChatNotFound(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	e := start(t, telegram.Options{}, tg)
	e.TG.SendText(15, "안녕")
	e.WaitEvents(15, 1)
	e.TG.ChatMember(15, "kicked")
	e.WaitHandled(2)
	if e.Metric("dasi_blocked_chats") != 1 {
		t.Fatal("my_chat_member kicked did not mark the chat blocked")
	}
	e.TG.ChatMember(15, "member")
	e.WaitHandled(3)
	if e.Metric("dasi_blocked_chats") != 0 {
		t.Fatal("my_chat_member member did not clear the mark")
	}

	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 15, Status: 400, Description: "Bad Request: chat not found"})
	e.TG.SendText(15, "two")
	e.WaitHandled(4)
	if e.Metric("dasi_blocked_chats") != 1 {
		t.Fatal("400 chat not found did not mark the chat blocked")
	}
}

// TestFloodFromOneChat: a chat sending far more than its queue holds loses
// its own excess; every other chat is answered in full.
func TestFloodFromOneChat(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 16, Delay: 200 * time.Millisecond, Times: 1000})
	e := start(t, telegram.Options{ChatQueue: 4, Workers: 4}, tg)
	for range 200 {
		e.TG.SendText(16, "도배")
	}
	for c := int64(100); c < 110; c++ {
		e.TG.SendText(c, "안녕")
	}
	for c := int64(100); c < 110; c++ {
		if got := telegramtest.Sent(e.WaitEvents(c, 1)); got[0] != "받았어요: 안녕" {
			t.Fatalf("chat %d got %q", c, got)
		}
	}
	if e.Metric("dasi_updates_dropped_total", "reason", "chat_queue_full") == 0 {
		t.Error("the flood's excess was not dropped")
	}
}

// TestBlockedMarkSurvivesARestart: the blocked mark is kept in SQLite, so a
// restarted bot sends nothing to the chat, broadcast worker included, until
// the resident comes back.
func TestBlockedMarkSurvivesARestart(t *testing.T) {
	store, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "dasi.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)

	e := start(t, telegram.Options{Chats: store}, tg)
	tg.SendText(17, "안녕")
	e.WaitEvents(17, 1)
	tg.ChatMember(17, "kicked")
	e.WaitHandled(2)
	if err := e.Stop(); err != nil {
		t.Fatal(err)
	}
	if blocked, _ := store.ChatBlocked(t.Context(), "telegram:17"); !blocked {
		t.Fatal("the mark is not in the store")
	}

	e = start(t, telegram.Options{Chats: store}, tg)
	// New loads the marks, before anything can be sent.
	if got := e.Metric("dasi_blocked_chats"); got != 1 {
		t.Fatalf("blocked chats after a restart = %v, want 1", got)
	}
	tg.SendText(17, "/start")
	e.WaitEvents(17, 2)
	if blocked, _ := store.ChatBlocked(t.Context(), "telegram:17"); blocked {
		t.Error("the mark stayed after the resident came back")
	}
}
