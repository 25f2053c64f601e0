package kakao

import "github.com/prometheus/client_golang/prometheus"

// metrics are the skill's Prometheus metrics.
type metrics struct {
	requests *prometheus.CounterVec
	handling prometheus.Histogram
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dasi_kakao_requests_total",
			Help: "Skill requests from Kakao i Open Builder, by outcome (answered, late, failed, malformed, too_large, unreadable, unauthorized).",
		}, []string{"outcome"}),
		handling: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "dasi_kakao_request_seconds",
			Help:    "Time from a skill request's arrival to its answer.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}),
	}
	reg.MustRegister(m.requests, m.handling)
	return m
}
