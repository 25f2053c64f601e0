// Package telegramtest runs the Telegram channel against the fake Bot API
// (faketg) for the tests of the channel and of the core: a channel over a
// handler, waits for its events and updates, its metrics, a scripted
// conversation.
package telegramtest

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// Env is a running Telegram channel against a fake Telegram.
type Env struct {
	T       *testing.T
	TG      *faketg.Server
	Channel *telegram.Channel
	Reg     *prometheus.Registry
	Logs    *Logs
	// Stop stops Run and returns its error.
	Stop func() error
	// Done delivers Run's error if Run returns by itself; Stop then
	// returns the same error.
	Done <-chan error
}

// Start runs a Telegram channel over handler against tg (nil: a new fake
// Telegram), logging into logs and registering its metrics in reg; the
// channel stops when the test ends, and its log is shown if the test
// failed. Token, Endpoint, Handler, Log and Registry of opt are set here,
// and RetryBackoff when zero (10ms).
func Start(t *testing.T, handler telegram.Handler, opt telegram.Options, tg *faketg.Server, logs *Logs, reg *prometheus.Registry) *Env {
	t.Helper()
	if tg == nil {
		tg = faketg.New(faketg.Options{MaxWait: 500 * time.Millisecond})
		t.Cleanup(tg.Close)
	}
	opt.Token = tg.Token()
	opt.Endpoint = tg.Endpoint()
	opt.Handler = handler
	opt.Log = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opt.Registry = reg
	if opt.RetryBackoff == 0 {
		opt.RetryBackoff = 10 * time.Millisecond
	}
	b, err := telegram.New(t.Context(), opt)
	if err != nil {
		t.Fatalf("telegram.New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	done := make(chan error, 1)
	go func() { err := b.Run(ctx); ran <- err; done <- err }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-ran:
			case <-time.After(30 * time.Second):
				t.Errorf("Run did not return within 30s of cancel")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Logf("Run: %v", err)
		}
		if t.Failed() {
			t.Logf("bot log:\n%s", logs.String())
		}
	})
	return &Env{T: t, TG: tg, Channel: b, Reg: reg, Logs: logs, Stop: stop, Done: done}
}

// WaitEvents waits until chat has at least n events and returns them.
func (e *Env) WaitEvents(chat int64, n int) []faketg.Event {
	e.T.Helper()
	ctx, cancel := context.WithTimeout(e.T.Context(), 15*time.Second)
	defer cancel()
	var got []faketg.Event
	err := e.TG.WaitUntil(ctx, func(v *faketg.View) bool {
		got = v.Events(chat)
		return len(got) >= n
	})
	if err != nil {
		e.T.Fatalf("chat %d: want %d events, have %d: %v\n%s", chat, n, len(got), err, Describe(got))
	}
	return got
}

// WaitHandled waits until the channel has handled n updates in total.
func (e *Env) WaitHandled(n int) {
	e.T.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for e.Metric("dasi_update_handling_seconds") < float64(n) {
		if time.Now().After(deadline) {
			e.T.Fatalf("handled %v updates, want %d", e.Metric("dasi_update_handling_seconds"), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Metric returns the sum of a metric's samples whose labels hold the
// given name-value pairs (the count, for a histogram).
func (e *Env) Metric(name string, labels ...string) float64 {
	e.T.Helper()
	return Metric(e.T, e.Reg, name, labels...)
}

// Metric returns the sum of reg's samples of metric name whose labels hold
// the given name-value pairs (the count, for a histogram).
func Metric(t testing.TB, reg *prometheus.Registry, name string, labels ...string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metrics:
		for _, m := range mf.GetMetric() {
			for i := 0; i+1 < len(labels); i += 2 {
				found := false
				for _, lp := range m.GetLabel() {
					if lp.GetName() == labels[i] && lp.GetValue() == labels[i+1] {
						found = true
					}
				}
				if !found {
					continue metrics
				}
			}
			switch {
			case m.Counter != nil:
				sum += m.Counter.GetValue()
			case m.Gauge != nil:
				sum += m.Gauge.GetValue()
			case m.Histogram != nil:
				sum += float64(m.Histogram.GetSampleCount())
			}
		}
	}
	return sum
}

// Describe lists events, one a line, for a test's failure message.
func Describe(evs []faketg.Event) string {
	var b strings.Builder
	for _, e := range evs {
		fmt.Fprintf(&b, "  #%d %s id=%d %.60q buttons=%v\n", e.Seq, e.Method, e.Message.ID, e.Message.Text, e.Message.Buttons)
	}
	return b.String()
}

// Sent returns the texts of sendMessage events, in order.
func Sent(evs []faketg.Event) []string {
	var out []string
	for _, e := range evs {
		if e.Method == "sendMessage" {
			out = append(out, e.Message.Text)
		}
	}
	return out
}

// Logs is a log sink shared by the bot's goroutines.
type Logs struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p; it never fails.
func (s *Logs) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns everything written so far.
func (s *Logs) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Script is a conversation for testing the channel: its answer depends on
// the input alone, so that each test can ask for the reply it needs. The
// real conversation runs in the end-to-end tests of bot and cmd/dasi.
type Script struct{}

// Step answers with reply; "forget" also asks the bot to forget the chat.
func (sc Script) Step(s dialogs.State, in dialogs.Input) (dialogs.State, []dialogs.Reply, []dialogs.Effect) {
	next, replies := sc.reply(s, in)
	if in.Kind == dialogs.InputText && in.Text == "forget" {
		return next, replies, []dialogs.Effect{{Kind: dialogs.EffectForget}}
	}
	return next, replies, nil
}

// reply is the script's answer to in.
func (Script) reply(s dialogs.State, in dialogs.Input) (dialogs.State, []dialogs.Reply) {
	text := func(t string) dialogs.Reply { return dialogs.Reply{Kind: dialogs.ReplyText, Text: t} }
	switch in.Kind {
	case dialogs.InputCommand:
		r := text("안녕하세요 /" + in.Command + " " + in.Text)
		r.Buttons = [][]dialogs.Button{{{Label: "첫째", Data: "a"}, {Label: "둘째", Data: "b"}}}
		return s, []dialogs.Reply{r}
	case dialogs.InputButton:
		if in.Text == "same" {
			// The pressed message says exactly this: the edit changes nothing.
			return s, []dialogs.Reply{{Kind: dialogs.ReplyText, Text: "같은 질문", Edit: true,
				Buttons: [][]dialogs.Button{{{Label: "같게", Data: "same"}}}}}
		}
		return s, []dialogs.Reply{{Kind: dialogs.ReplyText, Text: "눌렀어요: " + in.Text, Edit: true,
			Buttons: [][]dialogs.Button{{{Label: "다음", Data: "next"}, {Label: "같게", Data: "same"}}}}}
	case dialogs.InputLocation:
		return s, []dialogs.Reply{text(fmt.Sprintf("위치 %.4f,%.4f", in.At.Lat, in.At.Lon))}
	case dialogs.InputOther:
		return s, []dialogs.Reply{text("다시 말씀해 주세요")}
	}
	switch in.Text {
	case "long":
		var b strings.Builder
		for i := range 300 {
			fmt.Fprintf(&b, "%03d 서울시 중장년 일자리 안내 문장입니다 %s\n", i, strings.Repeat("가", 20))
		}
		return s, []dialogs.Reply{text(b.String())}
	case "ask":
		return s, []dialogs.Reply{{Kind: dialogs.ReplyText, Text: "어느 구에 사세요?", AskLocation: true,
			Buttons: [][]dialogs.Button{{{Label: "은평구", Data: "d:13"}}}}}
	case "askonly":
		return s, []dialogs.Reply{{Kind: dialogs.ReplyText, Text: "위치를 보내 주세요", AskLocation: true}}
	case "place":
		p := data.Place{Name: "서부캠퍼스", Address: "서울 은평구 통일로 684", At: data.LatLon{Lat: 37.6191, Lon: 126.9210}}
		return s, []dialogs.Reply{text("가까운 곳이에요"), {Kind: dialogs.ReplyPlace, Place: &p}}
	case "forget":
		return dialogs.State{}, []dialogs.Reply{text("모두 지웠어요")}
	case "two":
		return s, []dialogs.Reply{text("하나"), text("둘")}
	case "badbutton":
		r := text("버튼")
		r.Buttons = [][]dialogs.Button{{{Label: "긴 것", Data: strings.Repeat("x", 65)}, {Label: "좋은 것", Data: "ok"}}}
		return s, []dialogs.Reply{r}
	}
	return s, []dialogs.Reply{text("받았어요: " + in.Text)}
}

// NoHandler answers nothing: for tests of telegram.New alone.
type NoHandler struct{}

// Handle does nothing.
func (NoHandler) Handle(context.Context, bot.Turn, bot.Replier) {}
