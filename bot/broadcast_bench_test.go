package bot_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/bot/telegram/telegramtest"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
)

// The broadcast benchmarks of issue 5 (not part of make test; each runs for
// a minute or two):
//
//	go test -run '^$' -bench 'Broadcast' -benchtime 1x ./bot/
//
// BenchmarkBroadcast100kAt1000 sends one announcement to 100,000 residents
// at a configured 1,000 messages a second and reports the achieved rate
// (messages a second between the first and the last arrival at the fake
// Bot API, and as a share of the configured rate), the most messages that
// arrived in any one-second window, and the Go heap before, at its peak
// during, and after the broadcast. BenchmarkBroadcast1000At25 does the same
// for 1,000 residents at 25 a second, the default.
//
// The fake Bot API here only counts: it answers getMe, sendMessage and
// editMessageText with the real JSON and records each send's arrival time
// in a preallocated slice, so that the heap measured is the worker's, not
// a recorder's (bot/faketg keeps every message it receives).

func BenchmarkBroadcast100kAt1000(b *testing.B) { benchBroadcast(b, 100_000, 1000) }

func BenchmarkBroadcast1000At25(b *testing.B) { benchBroadcast(b, 1000, 25) }

func benchBroadcast(b *testing.B, n, rate int) {
	for range b.N {
		r := runBroadcast(b, n, rate)
		b.ReportMetric(r.rate, "msgs/s")
		b.ReportMetric(100*r.rate/float64(rate), "%_of_rate")
		b.ReportMetric(float64(r.maxWindow), "max_msgs_in_1s")
		b.ReportMetric(float64(r.heapBefore)/(1<<20), "heap_before_MB")
		b.ReportMetric(float64(r.heapPeak)/(1<<20), "heap_peak_MB")
		b.ReportMetric(float64(r.heapAfter)/(1<<20), "heap_after_MB")
		b.Logf("%d messages at %d/s: %.1f/s (%.1f%%), at most %d in one second; heap %.1f MB before, %.1f MB peak, %.1f MB after",
			r.sent, rate, r.rate, 100*r.rate/float64(rate), r.maxWindow,
			float64(r.heapBefore)/(1<<20), float64(r.heapPeak)/(1<<20), float64(r.heapAfter)/(1<<20))
	}
}

type broadcastRun struct {
	sent                            int
	rate                            float64
	maxWindow                       int
	heapBefore, heapPeak, heapAfter uint64
}

func runBroadcast(b *testing.B, n, rate int) broadcastRun {
	b.Helper()
	ctx := context.Background()
	fake := newCountingAPI(n + 1000)
	defer fake.Close()

	path := filepath.Join(b.TempDir(), "dasi.db")
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	insertResidents(b, path, 10_000_001, n, data.DistrictByName("은평구"))
	const text = "[서부캠퍼스] 8월 4일(화) 오전 10시 디지털 기초 교실을 열어요. 신청은 02-388-0600으로 전화해 주세요."
	bc, err := store.CreateBroadcast(ctx, data.NewBroadcast{Text: text, Staff: "telegram:1"}, time.Now())
	if err != nil || bc.Counts.Recipients != n {
		b.Fatalf("CreateBroadcast = %+v, %v", bc.Counts, err)
	}

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	tg, err := telegram.New(ctx, telegram.Options{Token: "1:bench", Endpoint: fake.URL + "/bot%s/%s",
		Handler: telegramtest.NoHandler{}, Chats: store, Log: log})
	if err != nil {
		b.Fatal(err)
	}
	worker := bot.NewBroadcasts(store, bot.BroadcastOptions{Rate: rate, Log: log})

	var before, peak runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	heapPeak := before.HeapAlloc
	sample, stopSample := context.WithCancel(ctx)
	var sampling sync.WaitGroup
	sampling.Go(func() {
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-sample.Done():
				return
			case <-t.C:
				runtime.ReadMemStats(&peak)
				heapPeak = max(heapPeak, peak.HeapAlloc)
			}
		}
	})

	b.ResetTimer()
	run, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { worker.Run(run, tg); close(done) }()
	for {
		got, err := store.Broadcast(ctx, bc.ID)
		if err != nil {
			b.Fatal(err)
		}
		if got.State != data.BroadcastRunning {
			if got.Counts.Sent != n {
				b.Fatalf("broadcast ended with %+v", got.Counts)
			}
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.StopTimer()
	stop()
	<-done
	stopSample()
	sampling.Wait()
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)

	times := fake.arrivals()
	out := broadcastRun{sent: len(times), maxWindow: maxInWindow(times, time.Second),
		heapBefore: before.HeapAlloc, heapPeak: heapPeak, heapAfter: after.HeapAlloc}
	if len(times) > 1 {
		out.rate = float64(len(times)-1) / time.Duration(times[len(times)-1]-times[0]).Seconds()
	}
	return out
}

// maxInWindow returns the most times (unix nanoseconds, ascending) in any
// half-open window [t, t+w).
func maxInWindow(times []int64, w time.Duration) int {
	best, lo := 0, 0
	for hi := range times {
		for times[hi]-times[lo] >= int64(w) {
			lo++
		}
		best = max(best, hi-lo+1)
	}
	return best
}

// countingAPI is a fake Bot API that records when each sendMessage arrived.
type countingAPI struct {
	*httptest.Server
	n     atomic.Int64
	times []int64 // arrival of each sendMessage, unix nanoseconds; preallocated
	msgID atomic.Int64

	// tooMany sendMessages are answered 429 with retry_after retryAfter
	// seconds (and not recorded in times); limitedAt is when the last of
	// them arrived, unix nanoseconds.
	tooMany    atomic.Int32
	retryAfter int
	limitedAt  atomic.Int64
}

func newCountingAPI(capacity int) *countingAPI {
	a := &countingAPI{times: make([]int64, capacity)}
	a.Server = httptest.NewServer(http.HandlerFunc(a.serve))
	return a
}

func (a *countingAPI) serve(w http.ResponseWriter, r *http.Request) {
	now := time.Now().UnixNano()
	method := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	r.ParseForm()
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "getMe":
		io.WriteString(w, `{"ok":true,"result":{"id":777000,"is_bot":true,"first_name":"다시","username":"dasi_bench_bot"}}`)
	case "sendMessage", "editMessageText":
		if method == "sendMessage" && a.limit() {
			a.limitedAt.Store(now)
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintf(w, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after %d","parameters":{"retry_after":%d}}`,
				a.retryAfter, a.retryAfter)
			return
		}
		if method == "sendMessage" {
			if i := a.n.Add(1) - 1; int(i) < len(a.times) {
				a.times[i] = now
			}
		}
		fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"date":1780000000,"chat":{"id":%s,"type":"private"},"text":"ok"}}`,
			a.msgID.Add(1), r.PostForm.Get("chat_id"))
	default:
		io.WriteString(w, `{"ok":true,"result":true}`)
	}
}

// limit reports whether to answer this sendMessage 429, counting it.
func (a *countingAPI) limit() bool {
	for {
		n := a.tooMany.Load()
		if n <= 0 {
			return false
		}
		if a.tooMany.CompareAndSwap(n, n-1) {
			return true
		}
	}
}

// arrivals returns the sendMessage arrival times in ascending order.
func (a *countingAPI) arrivals() []int64 {
	n := min(int(a.n.Load()), len(a.times))
	out := slices.Clone(a.times[:n])
	slices.Sort(out)
	return out
}
