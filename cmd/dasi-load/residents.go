package main

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// step is one answer of a resident in the separate-process mode: the
// question is known by one of its buttons (ask), and the resident either
// presses that button or types (typed) instead.
type step struct {
	ask   string
	typed string
}

// processIntakes are the whole intakes of the separate-process mode's
// residents: some answers typed, the others tapped, the results read.
var processIntakes = [][]step{
	{{ask: "동의해요"}, {ask: "55~59세", typed: "57세예요"}, {ask: "사무·행정"}, {ask: "10~20년", typed: "15년 정도"},
		{ask: "재취업"}, {ask: "선택 완료"}, {ask: "마포구"}, {ask: "네, 찾아 주세요"}, {ask: "받을게요"}},
	{{ask: "동의해요"}, {ask: "50~54세"}, {ask: "회계·금융"}, {ask: "20년 이상"}, {ask: "디지털·AI"}, {ask: "선택 완료"},
		{ask: "은평구", typed: "은평구에 살아요"}, {ask: "네, 찾아 주세요"}, {ask: "안 받을게요"}},
	{{ask: "동의해요"}, {ask: "60~64세", typed: "1963년생"}, {ask: "돌봄·보건·복지"}, {ask: "5~10년"}, {ask: "사회공헌 일자리"},
		{ask: "인생설계·노후"}, {ask: "선택 완료"}, {ask: "노원구"}, {ask: "네, 찾아 주세요"}, {ask: "더 보기"}},
}

// replyTimeout is how long a resident waits for the bot's answer before
// the run fails.
const replyTimeout = 20 * time.Second

// tally collects what the residents measured: the latency of every update
// answered while measuring is on.
type tally struct {
	measuring atomic.Bool
	mu        sync.Mutex
	latencies []time.Duration
}

func (t *tally) add(d time.Duration) {
	if !t.measuring.Load() {
		return
	}
	t.mu.Lock()
	t.latencies = append(t.latencies, d)
	t.mu.Unlock()
}

// take returns the latencies collected, sorted, and starts afresh.
func (t *tally) take() []time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := t.latencies
	t.latencies = nil
	slices.Sort(out)
	return out
}

// resident is one simulated resident of the separate-process mode. It
// sends an update, waits until the bot's answer shows what it waits for
// (the next question's button; for the last answer, any message), and
// answers again at once.
type resident struct {
	api  *fakeAPI
	echo bool // the echo bot answers every update with one message, no buttons
	t    *tally
	stop func() bool
}

// intake runs one whole intake in chat, stopping early once the run is
// over. The latency of an update runs from queueing it to the answer the
// resident waits for.
func (r resident) intake(chat int64, steps []step) error {
	defer r.api.forget(chat)
	start := time.Now()
	v := r.api.sendText(chat, "/start")
	for i := 0; i <= len(steps); i++ {
		label := ""
		if i < len(steps) && !r.echo {
			label = steps[i].ask
		}
		msg, data, err := r.api.waitFor(chat, v, label, replyTimeout)
		if err != nil {
			what := "any message"
			if label != "" {
				what = fmt.Sprintf("a button %q", label)
			}
			return fmt.Errorf("dasi-load: chat %d waited %s for %s (the bot's newest message: %s): if the conversation changed, update processIntakes in cmd/dasi-load/residents.go", chat, replyTimeout, what, err)
		}
		r.t.add(time.Since(start))
		if i == len(steps) || r.stop() {
			return nil
		}
		start = time.Now()
		switch s := steps[i]; {
		case s.typed != "":
			v = r.api.sendText(chat, s.typed)
		case r.echo:
			v = r.api.press(chat, r.api.lastMessage(chat), s.ask)
		default:
			v = r.api.press(chat, msg, data)
		}
	}
	return nil
}
