package kakao_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	goredis "github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/kakao"
	"github.com/dasi-seoul/dasi/bot/kakao/kakaotest"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/redis"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
	"github.com/dasi-seoul/dasi/internal/redistest"
)

// benchResidents is how many residents talk at once.
const benchResidents = 200

// userMark stands for the resident's botUserKey in a recorded request.
const userMark = "BENCHUSERMARK"

// BenchmarkSkill measures the skill endpoint over loopback HTTP with a
// real Redis and SQLite: 200 residents at once, each doing whole intakes
// (the welcome, consent, four answers, 권역 and district, the search, 더
// 보기) as Open Builder posts them; beside it, in the same run and on the
// same HTTP server, an echo skill that decodes the payload, does one Redis
// GET and SET and answers one simpleText. It reports requests per second,
// p50 and p99 of each, and the skill's share of the echo's throughput.
//
//	go test -run '^$' -bench Skill -count 3 ./bot/kakao
func BenchmarkSkill(b *testing.B) {
	rs := redistest.Start(b)
	ctx := context.Background()
	dir := b.TempDir()
	if d := os.Getenv("DASI_BENCH_DIR"); d != "" {
		dir = d
	}
	store, err := sqlite.Open(ctx, filepath.Join(dir, "dasi.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	prefix := rs.Prefix(b)
	sessions, err := redis.Open(ctx, rs.URL(), redis.Options{Prefix: prefix, Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer sessions.Close()
	cat, err := store.Catalog(ctx)
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	res := bot.NewResidents(store, log)
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go res.Run(rctx)
	core, err := bot.New(bot.Options{
		Conversation: dialogs.New(cat, dialogs.Options{}),
		Sessions:     sessions,
		Residents:    res,
		Broadcasts:   bot.NewBroadcasts(store, bot.BroadcastOptions{Log: log}),
		Today:        func() data.Date { return data.NewDate(2026, 7, 26) },
		Log:          log,
		Registry:     prometheus.NewRegistry(),
	})
	if err != nil {
		b.Fatal(err)
	}
	skill, err := kakao.New(core, kakao.Options{Path: testPath, Secret: testSecret, Log: log})
	if err != nil {
		b.Fatal(err)
	}
	// The echo's Redis client is configured as the sessions' is
	// (data/redis.Open): the same pool, no handshakes beyond AUTH.
	o, _ := goredis.ParseURL(rs.URL())
	o.DisableIdentity = true
	o.MaintNotificationsConfig = &maintnotifications.Config{Mode: maintnotifications.ModeDisabled}
	o.ContextTimeoutEnabled = true
	o.DialTimeout, o.ReadTimeout, o.WriteTimeout = time.Second, time.Second, time.Second
	rdb := goredis.NewClient(o)
	defer rdb.Close()
	mux := http.NewServeMux()
	mux.Handle(testPath, skill)
	mux.Handle("/echo", echoSkill(rdb, prefix))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchResidents, MaxConnsPerHost: benchResidents}}

	script := recordIntake(b, &kakaotest.Client{URL: srv.URL + testPath, Secret: testSecret, HTTP: hc})
	retries.Store(0)
	b.ResetTimer()
	// The two alternate in rounds, so that other load on the shared
	// machine weighs on both; a ratio compares two runs a moment apart.
	var (
		skillRates, echoRates, ratios []float64
		skillLat, echoLat             []time.Duration
	)
	for range rounds {
		// Throughput: every resident posts its next request as soon as
		// the last is answered.
		sr, _ := drive(b, hc, srv.URL+testPath, script, saturate, 0)
		er, _ := drive(b, hc, srv.URL+"/echo", script, saturate, 0)
		skillRates, echoRates, ratios = append(skillRates, sr), append(echoRates, er), append(ratios, sr/er)
		// Latency: the residents together post paced requests a second
		// (each waits between its requests, as people do between taps).
		_, sl := drive(b, hc, srv.URL+testPath, script, paced, paced)
		_, el := drive(b, hc, srv.URL+"/echo", script, paced, paced)
		skillLat, echoLat = append(skillLat, sl...), append(echoLat, el...)
	}
	b.StopTimer()
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(median(skillRates), "req/s")
	b.ReportMetric(median(echoRates), "echo-req/s")
	b.ReportMetric(median(ratios), "x-echo")
	b.ReportMetric(ms(skillLat, 50), "p50-ms")
	b.ReportMetric(ms(skillLat, 99), "p99-ms")
	b.ReportMetric(ms(echoLat, 50), "echo-p50-ms")
	b.ReportMetric(ms(echoLat, 99), "echo-p99-ms")
	b.ReportMetric(float64(retries.Load()), "try-again")
}

// median is the middle of xs.
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// The benchmark's fixed workload, whatever b.N: rounds of saturate
// requests for throughput, then a second of paced requests for latency,
// of each skill.
const (
	rounds   = 5
	saturate = 3_000
	paced    = 3_000
)

// echoSkill is the baseline: decode the payload, one Redis GET and SET of
// the resident's key, one simpleText.
func echoSkill(rdb *goredis.Client, prefix string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p kakao.Payload
		if err := json.NewDecoder(io.LimitReader(r.Body, 256<<10)).Decode(&p); err != nil {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		key := prefix + "echo:" + p.UserRequest.User.ID
		rdb.Get(r.Context(), key)
		rdb.Set(r.Context(), key, p.UserRequest.Utterance, time.Hour)
		b, _ := json.Marshal(kakao.Response{Version: "2.0", Template: kakao.Template{Outputs: []kakao.Output{{SimpleText: &kakao.SimpleText{Text: p.UserRequest.Utterance}}}}})
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		_, _ = w.Write(b)
	})
}

// recordIntake plays the whole intake once and returns its requests as
// Open Builder sent them (the typed words, the taps' messageText and
// extra), the resident's id replaced by userMark.
func recordIntake(b *testing.B, c *kakaotest.Client) [][]byte {
	ctx := context.Background()
	var (
		out  [][]byte
		last kakao.Response
	)
	for _, line := range append(append([]string(nil), intake52...), "[더 보기]") {
		var p map[string]any
		if label, ok := bytes.CutPrefix([]byte(line), []byte("[")); ok {
			q, found := kakaotest.Find(last, string(bytes.TrimSuffix(label, []byte("]"))))
			if !found {
				b.Fatalf("no quick reply %s in\n%s", line, kakaotest.Describe(last))
			}
			p = kakaotest.Payload(userMark, q.MessageText, q.Extra)
		} else {
			p = kakaotest.Payload(userMark, string(bytes.TrimPrefix([]byte(line), []byte("> "))), nil)
			if line == ">" {
				p = kakaotest.Payload(userMark, "", nil)
			}
		}
		raw, _ := json.Marshal(p)
		out = append(out, raw)
		var err error
		if last, err = c.Send(ctx, bytes.ReplaceAll(raw, []byte(userMark), []byte("recorder"))); err != nil {
			b.Fatal(err)
		}
	}
	return out
}

var benchRun atomic.Int64

// retries counts the answers that asked the resident to try again (a turn
// past the skill's deadline, or Redis failing).
var retries atomic.Int64

var tryAgain = []byte(dialogs.TryAgainLater())

// drive posts n requests to url from benchResidents residents at once,
// each going through script again and again as a new resident, and
// returns the requests per second and every request's latency. With rate
// zero each resident posts its next request as soon as the last is
// answered; otherwise each posts one every benchResidents/rate seconds
// (rate requests a second in all).
func drive(b *testing.B, hc *http.Client, url string, script [][]byte, n, rate int) (float64, []time.Duration) {
	run := benchRun.Add(1)
	var (
		next atomic.Int64
		mu   sync.Mutex
		all  = make([]time.Duration, 0, n)
		wg   sync.WaitGroup
	)
	var every time.Duration
	if rate > 0 {
		every = time.Duration(benchResidents) * time.Second / time.Duration(rate)
	}
	start := time.Now()
	for g := range benchResidents {
		wg.Go(func() {
			lat := make([]time.Duration, 0, n/benchResidents+1)
			defer func() {
				mu.Lock()
				all = append(all, lat...)
				mu.Unlock()
			}()
			due := start.Add(every * time.Duration(g) / benchResidents)
			for round := 0; ; round++ {
				user := []byte("b" + strconv.FormatInt(run, 10) + "r" + strconv.Itoa(g) + "x" + strconv.Itoa(round))
				for _, raw := range script {
					if next.Add(1) > int64(n) {
						return
					}
					if every > 0 {
						time.Sleep(time.Until(due))
						due = due.Add(every)
					}
					body := bytes.ReplaceAll(raw, []byte(userMark), user)
					req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
					req.Header.Set(kakao.SecretHeader, testSecret)
					t0 := time.Now()
					resp, err := hc.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					answer, _ := io.ReadAll(resp.Body)
					if bytes.Contains(answer, tryAgain) {
						retries.Add(1)
					}
					resp.Body.Close()
					lat = append(lat, time.Since(t0))
					if resp.StatusCode != http.StatusOK {
						b.Errorf("HTTP %d", resp.StatusCode)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	return float64(len(all)) / time.Since(start).Seconds(), all
}

// ms is the p-th percentile of lat, in milliseconds.
func ms(lat []time.Duration, p int) float64 {
	if len(lat) == 0 {
		return 0
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	return float64(s[(len(s)-1)*p/100]) / float64(time.Millisecond)
}
