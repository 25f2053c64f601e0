package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/internal/redistest"
)

// TestLoadtest runs the load test briefly: the simulated residents must
// find every button of their intakes in the real conversation, and the
// report must hold both runs and the ratio.
func TestLoadtest(t *testing.T) {
	srv := redistest.Start(t)
	var out bytes.Buffer
	env := map[string]string{"REDIS_URL": srv.URL(), "DASI_NOW": "2026-07-26"}
	err := run(t.Context(), []string{"-residents", "3", "-duration", "600ms", "-rounds", "2"}, func(k string) string { return env[k] }, &out, io.Discard)
	if err != nil {
		t.Fatalf("dasi-load: %v\n%s", err, out.String())
	}
	for _, want := range []string{"dasi ", "echo ", "dasi/echo throughput ratio:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, out.String())
		}
	}
	if keys := srv.Client(t).Keys(t.Context(), "dasi-loadtest:*").Val(); len(keys) != 0 {
		t.Errorf("the load test left %d keys in Redis", len(keys))
	}
}

// BenchmarkServe measures the whole bot (conversation, catalog, Redis
// sessions, the fake Telegram) per update, with 8 residents at once, and the
// echo bot on the same machinery as the baseline. Besides ns/op it reports
// the handling latency percentiles and Redis commands per update.
//
//	REDIS_URL=redis://127.0.0.1:6379/0 go test -run '^$' -bench Serve ./cmd/dasi-load
func BenchmarkServe(b *testing.B) {
	srv := redistest.Start(b)
	cfg := config{RedisURL: srv.URL()}
	p, err := openProduct(b.Context(), true)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	for _, bc := range []struct {
		name string
		echo bool
	}{{"dasi", false}, {"echo", true}} {
		b.Run(bc.name, func(b *testing.B) {
			bp := p
			if bc.echo {
				bp = nil
			}
			b.ResetTimer()
			res, err := loadRun(b.Context(), cfg, bc.name, bp, 8, time.Hour, b.N)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(res.elapsed.Nanoseconds())/float64(res.updates()), "ns/op")
			b.ReportMetric(res.perSecond(), "updates/s")
			b.ReportMetric(float64(res.percentile(50).Microseconds()), "p50-µs")
			b.ReportMetric(float64(res.percentile(99).Microseconds()), "p99-µs")
			b.ReportMetric(float64(res.redisCmds)/float64(res.updates()), "redis-cmds/update")
		})
	}
}
