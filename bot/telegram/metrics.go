package telegram

import (
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the Telegram channel's Prometheus series. Label values are fixed words,
// never chat ids or text.
type metrics struct {
	updates  *prometheus.CounterVec // dasi_updates_total{kind}
	handling prometheus.Histogram   // dasi_update_handling_seconds
	dropped  *prometheus.CounterVec // dasi_updates_dropped_total{reason}
	sends    *prometheus.CounterVec // dasi_telegram_requests_total{method,outcome}
	retries  *prometheus.CounterVec // dasi_telegram_retries_total{reason}
	polls    *prometheus.CounterVec // dasi_poll_errors_total{reason}
	inFlight prometheus.Gauge       // dasi_chats_in_flight
	lease    prometheus.Gauge       // dasi_lease_held
	active   *activity              // dasi_active_chats
	blocked  prometheus.Gauge       // dasi_blocked_chats
}

// activeWindow is what "active" means for dasi_active_chats: the chats that
// sent an update within this window.
const activeWindow = 15 * time.Minute

func newMetrics(reg prometheus.Registerer) *metrics {
	counter := func(name, help, label string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, []string{label})
	}
	gauge := func(name, help string) prometheus.Gauge {
		return prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help})
	}
	m := &metrics{
		updates: counter("dasi_updates_total",
			"Updates received, by kind: text, command, button, location, other, member (my_chat_member), ignored.", "kind"),
		handling: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "dasi_update_handling_seconds",
			Help:    "Time from receiving an update to the last reply sent for it, queueing in its chat included.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}),
		dropped: counter("dasi_updates_dropped_total",
			"Updates not handled: duplicate (a webhook redelivery), chat_queue_full (a flood from one chat), shutdown.", "reason"),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dasi_telegram_requests_total",
			Help: "Bot API requests that send, edit or answer, by method and final outcome: ok, blocked, failed, canceled.",
		}, []string{"method", "outcome"}),
		retries: counter("dasi_telegram_retries_total",
			"Bot API requests retried, by reason: rate_limited (429), transient (5xx, network).", "reason"),
		polls: counter("dasi_poll_errors_total",
			"getUpdates failures, by reason: conflict (409), rate_limited, transient, empty_fast (an empty answer with no wait).", "reason"),
		inFlight: gauge("dasi_chats_in_flight", "Chats with an update being handled or waiting in their queue."),
		lease:    gauge("dasi_lease_held", "1 while this instance holds the token's lease in Redis (0 without Redis)."),
		blocked:  gauge("dasi_blocked_chats", "Chats whose resident blocked the bot; nothing is sent to them until they come back."),
		active:   newActivity(activeWindow),
	}
	activeGauge := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "dasi_active_chats",
		Help: "Chats that sent an update in the last 15 minutes: the residents in a conversation now.",
	}, func() float64 { return float64(m.active.count(time.Now())) })
	reg.MustRegister(m.updates, m.handling, m.dropped, m.sends, m.retries, m.polls,
		m.inFlight, m.lease, m.blocked, activeGauge)
	return m
}

// activity remembers when each chat was last seen, to count the active
// ones. Chats older than the window are forgotten when the gauge is read
// and, so that memory stays bounded without a scraper, once per window as
// chats are seen.
type activity struct {
	window time.Duration
	mu     sync.Mutex
	seen   map[int64]time.Time
	swept  time.Time // the last time old chats were forgotten
}

func newActivity(window time.Duration) *activity {
	return &activity{window: window, seen: make(map[int64]time.Time)}
}

func (a *activity) touch(chatID int64, now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.seen[chatID] = now
	if now.Sub(a.swept) > a.window {
		a.sweepLocked(now)
	}
}

// count returns the chats seen within the window and forgets older ones.
func (a *activity) count(now time.Time) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.sweepLocked(now)
	return len(a.seen)
}

func (a *activity) sweepLocked(now time.Time) {
	for id, t := range a.seen {
		if now.Sub(t) > a.window {
			delete(a.seen, id)
		}
	}
	a.swept = now
}
