package bot_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/faketg"
	"github.com/dasi-seoul/dasi/data/inmem"
	"github.com/dasi-seoul/dasi/data/sqlite"
)

// TestRateLimitHoldsOnlyThatChat: a 429 for one chat holds that chat's
// sends for retry_after, then its replies arrive once and in order, while
// another chat is answered meanwhile.
func TestRateLimitHoldsOnlyThatChat(t *testing.T) {
	tg := faketg.New(faketg.Options{MaxWait: 200 * time.Millisecond})
	t.Cleanup(tg.Close)
	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 10, Status: 429, RetryAfter: 1})
	e := start(t, bot.Options{}, tg)

	e.tg.SendText(10, "two")
	e.waitEvents(10, 0)
	e.tg.SendText(20, "안녕") // arrives while chat 10 is held
	held := e.waitEvents(10, 2)
	other := e.waitEvents(20, 1)
	if got := sent(held); !slices.Equal(got, []string{"하나", "둘"}) {
		t.Fatalf("held chat got %q, want each reply once, in order", got)
	}
	if other[0].Seq > held[0].Seq {
		t.Errorf("chat 20 was answered after chat 10's hold ended: a 429 held every chat")
	}
	if e.metric("dasi_telegram_retries_total", "reason", "rate_limited") != 1 {
		t.Errorf("rate-limited retries = %v, want 1", e.metric("dasi_telegram_retries_total", "reason", "rate_limited"))
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
	e := start(t, bot.Options{SendAttempts: 5}, tg)
	e.tg.SendText(11, "two")
	e.tg.SendText(11, "셋")
	e.waitHandled(2)
	if got := sent(e.tg.Events(11)); !slices.Equal(got, []string{"하나", "둘", "받았어요: 셋"}) {
		t.Fatalf("replies = %q, want each once, in order", got)
	}
	if n := e.metric("dasi_telegram_retries_total", "reason", "transient"); n != 4 {
		t.Errorf("transient retries = %v, want 4", n)
	}
	if e.tg.FaultsLeft() != 0 {
		t.Error("not every injected fault was met")
	}
	// The dropped connection's error names the request URL, which holds
	// the token.
	if !strings.Contains(e.logs.String(), "<token>") || strings.Contains(e.logs.String(), tg.Token()) {
		t.Errorf("the token is not scrubbed from the network error:\n%s", e.logs.String())
	}
}

func TestNewNeverShowsTheToken(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	url := tg.Endpoint()
	tg.Close() // nothing listens there any more
	_, err := bot.New(t.Context(), bot.Options{Token: "123:SECRET", Endpoint: url, Conversation: script{}, Sessions: inmem.NewSessions(inmem.Options{})})
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("New against a dead endpoint: %v", err)
	}

	// A malformed endpoint: the library's own error quotes the request
	// URL, token included, before any request is made.
	_, err = bot.New(t.Context(), bot.Options{Token: "123:SECRET", Endpoint: "http://bad host/bot%s/%s", Conversation: script{}, Sessions: inmem.NewSessions(inmem.Options{})})
	if err == nil || strings.Contains(err.Error(), "SECRET") || !strings.Contains(err.Error(), "<token>") {
		t.Fatalf("New with a malformed endpoint: %v", err)
	}

	tg = faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	_, err = bot.New(t.Context(), bot.Options{Token: "123:WRONG", Endpoint: tg.Endpoint(), Conversation: script{}, Sessions: inmem.NewSessions(inmem.Options{})})
	if err == nil || strings.Contains(err.Error(), "WRONG") || !strings.Contains(err.Error(), "@BotFather") {
		t.Fatalf("New with a wrong token: %v", err)
	}
}

func TestGivesUpAfterTheAttempts(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 12, Status: 500, Times: 3})
	e := start(t, bot.Options{SendAttempts: 3}, tg)
	e.tg.SendText(12, "안녕")
	e.waitHandled(1)
	e.tg.SendText(12, "다시")
	if got := sent(e.waitEvents(12, 1)); !slices.Equal(got, []string{"받았어요: 다시"}) {
		t.Fatalf("replies = %q", got)
	}
	if e.metric("dasi_telegram_requests_total", "method", "sendMessage", "outcome", "failed") != 1 {
		t.Error("the failed send is not counted")
	}
}

// TestSlowAnswerIsWaitedFor: a slow Bot API answer is not a failure.
func TestSlowAnswerIsWaitedFor(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 13, Delay: 300 * time.Millisecond})
	e := start(t, bot.Options{}, tg)
	e.tg.SendText(13, "two")
	if got := sent(e.waitEvents(13, 2)); !slices.Equal(got, []string{"하나", "둘"}) {
		t.Fatalf("replies = %q", got)
	}
}

// TestBlockedChat: a 403 marks the chat blocked: the rest of the turn is
// not sent, nor anything later, until the resident comes back.
func TestBlockedChat(t *testing.T) {
	e := start(t, bot.Options{}, nil)
	e.tg.SendText(14, "안녕")
	e.waitEvents(14, 1)

	e.tg.Block(14)
	e.tg.SendText(14, "two")
	e.waitHandled(2)
	calls := e.tg.Calls("sendMessage")
	if e.metric("dasi_blocked_chats") != 1 {
		t.Fatalf("blocked chats = %v, want 1", e.metric("dasi_blocked_chats"))
	}
	if got := len(sent(e.tg.Events(14))); got != 1 {
		t.Fatalf("a blocked chat received %d messages", got)
	}
	if calls != 2 { // "안녕"'s reply, then one refused "하나"; "둘" not tried
		t.Errorf("sendMessage calls = %d, want 2: the bot kept sending to a blocked chat", calls)
	}

	// The resident unblocks the bot and writes again.
	e.tg.Unblock(14)
	e.tg.ChatMember(14, "member")
	e.tg.SendText(14, "/start")
	evs := e.waitEvents(14, 2)
	if evs[1].Message.Text != "안녕하세요 /start" {
		t.Fatalf("after coming back: %s", describe(evs))
	}
	if e.metric("dasi_blocked_chats") != 0 {
		t.Error("the chat is still marked blocked")
	}
}

func TestKickedMarksBlockedAndChatNotFound(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	e := start(t, bot.Options{}, tg)
	e.tg.SendText(15, "안녕")
	e.waitEvents(15, 1)
	e.tg.ChatMember(15, "kicked")
	e.waitHandled(2)
	if e.metric("dasi_blocked_chats") != 1 {
		t.Fatal("my_chat_member kicked did not mark the chat blocked")
	}
	e.tg.ChatMember(15, "member")
	e.waitHandled(3)
	if e.metric("dasi_blocked_chats") != 0 {
		t.Fatal("my_chat_member member did not clear the mark")
	}

	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 15, Status: 400, Description: "Bad Request: chat not found"})
	e.tg.SendText(15, "two")
	e.waitHandled(4)
	if e.metric("dasi_blocked_chats") != 1 {
		t.Fatal("400 chat not found did not mark the chat blocked")
	}
}

// TestFloodFromOneChat: a chat sending far more than its queue holds loses
// its own excess; every other chat is answered in full.
func TestFloodFromOneChat(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	tg.Inject(faketg.Fault{Method: "sendMessage", ChatID: 16, Delay: 200 * time.Millisecond, Times: 1000})
	e := start(t, bot.Options{ChatQueue: 4, Workers: 4}, tg)
	for range 200 {
		e.tg.SendText(16, "도배")
	}
	for c := int64(100); c < 110; c++ {
		e.tg.SendText(c, "안녕")
	}
	for c := int64(100); c < 110; c++ {
		if got := sent(e.waitEvents(c, 1)); got[0] != "받았어요: 안녕" {
			t.Fatalf("chat %d got %q", c, got)
		}
	}
	if e.metric("dasi_updates_dropped_total", "reason", "chat_queue_full") == 0 {
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

	e := start(t, bot.Options{Chats: store}, tg)
	tg.SendText(17, "안녕")
	e.waitEvents(17, 1)
	tg.ChatMember(17, "kicked")
	e.waitHandled(2)
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	if blocked, _ := store.ChatBlocked(t.Context(), 17); !blocked {
		t.Fatal("the mark is not in the store")
	}

	e = start(t, bot.Options{Chats: store}, tg)
	// New loads the marks, before anything can be sent.
	if got := e.metric("dasi_blocked_chats"); got != 1 {
		t.Fatalf("blocked chats after a restart = %v, want 1", got)
	}
	tg.SendText(17, "/start")
	e.waitEvents(17, 2)
	if blocked, _ := store.ChatBlocked(t.Context(), 17); blocked {
		t.Error("the mark stayed after the resident came back")
	}
}
