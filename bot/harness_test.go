package bot_test

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
	"github.com/dasi-seoul/dasi/bot/faketg"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/inmem"
	"github.com/dasi-seoul/dasi/dialogs"
)

// env is a running bot against a fake Telegram.
type env struct {
	t    *testing.T
	tg   *faketg.Server
	bot  *bot.Bot
	reg  *prometheus.Registry
	logs *syncBuffer
	stop func() error // stops Run and returns its error
	// done delivers Run's error if Run returns by itself; stop then
	// returns the same error.
	done <-chan error
}

// start runs a bot with the script conversation and in-process sessions
// unless opt says otherwise. The fake Telegram is fopt's, or a new one.
func start(t *testing.T, opt bot.Options, tg *faketg.Server) *env {
	t.Helper()
	if tg == nil {
		tg = faketg.New(faketg.Options{MaxWait: 500 * time.Millisecond})
		t.Cleanup(tg.Close)
	}
	logs := &syncBuffer{}
	reg := prometheus.NewRegistry()
	opt.Token = tg.Token()
	opt.Endpoint = tg.Endpoint()
	if opt.Conversation == nil {
		opt.Conversation = script{}
	}
	if opt.Sessions == nil {
		opt.Sessions = inmem.NewSessions(inmem.Options{})
	}
	opt.Log = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opt.Registry = reg
	if opt.RetryBackoff == 0 {
		opt.RetryBackoff = 10 * time.Millisecond
	}
	b, err := bot.New(t.Context(), opt)
	if err != nil {
		t.Fatalf("bot.New: %v", err)
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
	return &env{t: t, tg: tg, bot: b, reg: reg, logs: logs, stop: stop, done: done}
}

// waitEvents waits until chat has at least n events and returns them.
func (e *env) waitEvents(chat int64, n int) []faketg.Event {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.t.Context(), 15*time.Second)
	defer cancel()
	var got []faketg.Event
	err := e.tg.WaitUntil(ctx, func(v *faketg.View) bool {
		got = v.Events(chat)
		return len(got) >= n
	})
	if err != nil {
		e.t.Fatalf("chat %d: want %d events, have %d: %v\n%s", chat, n, len(got), err, describe(got))
	}
	return got
}

// waitHandled waits until the fake has no unconfirmed update and the bot
// has handled n updates in total.
func (e *env) waitHandled(n int) {
	e.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for e.metric("dasi_update_handling_seconds") < float64(n) {
		if time.Now().After(deadline) {
			e.t.Fatalf("handled %v updates, want %d", e.metric("dasi_update_handling_seconds"), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// metric returns the sum of a metric's samples (the count, for a histogram).
func (e *env) metric(name string, labels ...string) float64 {
	e.t.Helper()
	mfs, err := e.reg.Gather()
	if err != nil {
		e.t.Fatal(err)
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

func describe(evs []faketg.Event) string {
	var b strings.Builder
	for _, e := range evs {
		fmt.Fprintf(&b, "  #%d %s id=%d %.60q buttons=%v\n", e.Seq, e.Method, e.Message.ID, e.Message.Text, e.Message.Buttons)
	}
	return b.String()
}

// sent returns the texts of sendMessage events, in order.
func sent(evs []faketg.Event) []string {
	var out []string
	for _, e := range evs {
		if e.Method == "sendMessage" {
			out = append(out, e.Message.Text)
		}
	}
	return out
}

// syncBuffer is a log sink shared by the bot's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// script is a conversation for testing the channel: its answer depends on
// the input alone, so that each test can ask for the reply it needs. The
// real conversation runs in the end-to-end tests of cmd/dasi.
type script struct{}

// Step answers with reply; "forget" also asks the bot to forget the chat.
func (sc script) Step(s dialogs.State, in dialogs.Input) (dialogs.State, []dialogs.Reply, []dialogs.Effect) {
	next, replies := sc.reply(s, in)
	if in.Kind == dialogs.InputText && in.Text == "forget" {
		return next, replies, []dialogs.Effect{{Kind: dialogs.EffectForget}}
	}
	return next, replies, nil
}

// reply is the script's answer to in.
func (script) reply(s dialogs.State, in dialogs.Input) (dialogs.State, []dialogs.Reply) {
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
