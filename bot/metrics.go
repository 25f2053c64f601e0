package bot

import "github.com/prometheus/client_golang/prometheus"

// metrics are the core's Prometheus series. Label values are fixed words,
// never resident ids or text.
type metrics struct {
	sessions *prometheus.CounterVec // dasi_session_errors_total{op}
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		sessions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dasi_session_errors_total",
			Help: "Session store failures (Redis unreachable), by operation; the resident was asked to try again later.",
		}, []string{"op"}),
	}
	reg.MustRegister(m.sessions)
	return m
}
