package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/telegram/telegramtest"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/data/redis"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/internal/redistest"
	"github.com/dasi-seoul/dasi/internal/sourcetest"
)

// sources is the three public sources, faked, and the refresher reading
// them into a store whose catalog in memory is live.
type sources struct {
	seoul  *sourcetest.Seoul
	work24 *sourcetest.Work24
	fifty  *sourcetest.FiftyPlus
	store  *sqlite.Store
	live   *data.LiveCatalog
	logs   *telegramtest.Logs
	reg    *prometheus.Registry
	list   []bot.RefreshSource

	mu  sync.Mutex
	now time.Time
}

// refreshDay is the day the fakes' postings are judged against.
var refreshDay = data.NewDate(2026, 7, 26)

func newSources(t *testing.T, store *sqlite.Store) *sources {
	t.Helper()
	s := &sources{
		seoul: &sourcetest.Seoul{Key: "seoul-key"}, work24: &sourcetest.Work24{Key: "w24-key"},
		fifty: &sourcetest.FiftyPlus{Key: "fp-key"}, store: store, logs: &telegramtest.Logs{},
		reg: prometheus.NewRegistry(), now: time.Date(2026, 7, 26, 12, 0, 0, 0, data.Seoul()),
	}
	if s.store == nil {
		st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "dasi.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		s.store = st
	}
	cat, err := s.store.Catalog(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	s.live = data.NewLiveCatalog(cat)
	seoul, w24, fp := httptest.NewServer(s.seoul), httptest.NewServer(s.work24), httptest.NewServer(s.fifty)
	t.Cleanup(seoul.Close)
	t.Cleanup(w24.Close)
	t.Cleanup(fp.Close)
	opt := imports.APIOptions{Pace: -1}
	s.list = []bot.RefreshSource{
		{Name: "seoul", File: "api:GetJobInfo", Fetch: func(ctx context.Context) (imports.Report, error) {
			return imports.GetJobInfoAPI(ctx, s.store, nil, seoul.URL, "seoul-key", refreshDay)
		}},
		{Name: "work24", File: "api:work24", Fetch: func(ctx context.Context) (imports.Report, error) {
			return imports.Work24API(ctx, s.store, w24.URL, "w24-key", refreshDay, opt)
		}},
		{Name: "50plus", File: "api:50plus", Fetch: func(ctx context.Context) (imports.Report, error) {
			return imports.FiftyPlusAPI(ctx, s.store, fp.URL, "fp-key", refreshDay, opt)
		}},
	}
	s.seoul.Set(sourcetest.Posting{ID: "K100", Title: "은평 아파트 경비원", Company: "은평관리", Region: "서울 은평구", Close: "2026-09-30"})
	s.work24.Set(sourcetest.Posting{ID: "W200", Title: "노원 시설 전기기사", Company: "OO시설관리", Region: "서울 노원구", Close: "2026-09-20"})
	s.fifty.Set([]sourcetest.Course{{Title: "[AI디지털교육] 엑셀 완성", Org: "서부캠퍼스", ApplyStart: "2026-07-01", ApplyEnd: "2026-08-04",
		Start: "2026-08-05", End: "2026-08-21", Yr: "2026"}}, nil)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("log:\n%s", s.logs.String())
		}
	})
	return s
}

// clock returns the sources' fake time.
func (s *sources) clock() time.Time { s.mu.Lock(); defer s.mu.Unlock(); return s.now }

// advance moves the fake time on.
func (s *sources) advance(d time.Duration) { s.mu.Lock(); s.now = s.now.Add(d); s.mu.Unlock() }

// refresher returns a refresher of the three sources, every 6 hours,
// swapping s.live after each refresh.
func (s *sources) refresher(t *testing.T, lease bot.RefreshLease, reg prometheus.Registerer, timeout time.Duration) *bot.Refresher {
	t.Helper()
	r, err := bot.NewRefresher(s.store, s.list, bot.RefreshOptions{
		Every: 6 * time.Hour, Timeout: timeout, Now: s.clock, Lease: lease, Registry: reg,
		Log: slog.New(slog.NewJSONHandler(s.logs, nil)),
		Reload: func(ctx context.Context) error {
			cat, err := s.store.Catalog(ctx)
			if err == nil {
				s.live.Store(cat)
			}
			return err
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// jobTitles returns the titles of the job openings residents are answered from.
func jobTitles(live *data.LiveCatalog) string {
	var ts []string
	for _, j := range live.Load().Jobs() {
		ts = append(ts, j.Title)
	}
	return strings.Join(ts, " | ")
}

// TestRefreshFollowsTheSources: the first look reads every source (none
// has refreshed yet) and the bot answers from the new catalog; a look
// before DASI_REFRESH_EVERY has passed reads nothing; after it, the
// listings' changes arrive: a new posting added, a changed one updated,
// one the last two listings lacked removed. A log line per refresh counts
// what it did.
func TestRefreshFollowsTheSources(t *testing.T) {
	s := newSources(t, nil)
	r := s.refresher(t, nil, s.reg, time.Minute)
	ctx := t.Context()
	if n := r.Tick(ctx); n != 3 {
		t.Fatalf("first look refreshed %d sources, want 3", n)
	}
	if got := jobTitles(s.live); !strings.Contains(got, "은평 아파트 경비원") || !strings.Contains(got, "노원 시설 전기기사") {
		t.Fatalf("the bot answers from %q", got)
	}
	if p := s.live.Load().Programs(); !strings.Contains(fmt.Sprint(titles(p)), "엑셀 완성") {
		t.Errorf("no 50플러스 course in the catalog: %v", titles(p))
	}
	calls := s.seoul.Calls() + s.work24.Calls() + s.fifty.Calls()
	s.advance(time.Hour)
	if n := r.Tick(ctx); n != 0 || s.seoul.Calls()+s.work24.Calls()+s.fifty.Calls() != calls {
		t.Errorf("an hour later %d sources were read again", n)
	}

	s.work24.Set(sourcetest.Posting{ID: "W200", Title: "노원 시설 전기기사 (주간)", Company: "OO시설관리", Region: "서울 노원구", Close: "2026-09-20"},
		sourcetest.Posting{ID: "W201", Title: "도봉 아파트 미화원", Company: "OO시설관리", Region: "서울 도봉구", Close: "2026-09-20"})
	s.seoul.Set(sourcetest.Posting{ID: "K101", Title: "마포 학교 조리원", Company: "마포학교", Region: "서울 마포구", Close: "2026-09-30"})
	s.advance(6 * time.Hour)
	if n := r.Tick(ctx); n != 3 {
		t.Fatalf("six hours later %d sources refreshed, want 3", n)
	}
	got := jobTitles(s.live)
	for _, want := range []string{"노원 시설 전기기사 (주간)", "도봉 아파트 미화원", "마포 학교 조리원", "은평 아파트 경비원"} {
		if !strings.Contains(got, want) {
			t.Errorf("after the second refresh the bot lacks %q: %s", want, got)
		}
	}
	s.advance(6 * time.Hour)
	r.Tick(ctx)
	if got := jobTitles(s.live); strings.Contains(got, "은평 아파트 경비원") {
		t.Errorf("a posting two listings lacked is still offered: %s", got)
	}
	logs := s.logs.String()
	if !strings.Contains(logs, `"msg":"catalog refreshed","source":"work24"`) || !strings.Contains(logs, `"added":1`) || !strings.Contains(logs, `"removed":1`) {
		t.Errorf("the log does not say what each refresh did:\n%s", logs)
	}
}

func titles(ps []data.Program) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Title)
	}
	return out
}

// TestRefreshFailureChangesNothing: a source that answers HTTP 500 and one
// slower than the refresh timeout each leave the catalog as it was; their
// failures show in /metrics, and once their last success is older than
// three intervals /healthz names them while still answering 200; the
// healthy source is not named.
func TestRefreshFailureChangesNothing(t *testing.T) {
	s := newSources(t, nil)
	r := s.refresher(t, nil, s.reg, 500*time.Millisecond)
	ctx := t.Context()
	if n := r.Tick(ctx); n != 3 {
		t.Fatalf("first look refreshed %d sources", n)
	}
	before := jobTitles(s.live)
	s.work24.Fail(true)
	s.fifty.Delay(time.Minute)
	s.work24.Set()
	s.fifty.Set(nil, nil)
	for range 4 {
		s.advance(6 * time.Hour)
		if n := r.Tick(ctx); n != 1 {
			t.Fatalf("%d sources refreshed, want seoul alone", n)
		}
	}
	if got := jobTitles(s.live); got != before {
		t.Errorf("a failing source changed the catalog: %q, was %q", got, before)
	}
	if p := s.live.Load().Programs(); !strings.Contains(fmt.Sprint(titles(p)), "엑셀 완성") {
		t.Errorf("a slow source emptied the courses: %v", titles(p))
	}

	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{}))
	mux.Handle("GET /healthz", bot.HealthHandler(bot.Check{Name: "sqlite", Ping: s.store.CheckWrites}, r.Check()))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	metrics := get(t, srv.URL+"/metrics")
	for _, want := range []string{`dasi_refresh_failures_total{source="work24"} 4`, `dasi_refresh_failures_total{source="50plus"} 4`,
		`dasi_refresh_failures_total{source="seoul"} 0`, `dasi_refresh_last_success_timestamp_seconds{source="seoul"} 1.78`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s:\n%s", want, grepLines(metrics, "dasi_refresh"))
		}
	}
	resp, err := http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h struct {
		Status string            `json:"status"`
		Checks map[string]string `json:"checks"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
		t.Fatal(err)
	}
	rc := h.Checks["refresh"]
	if resp.StatusCode != 200 || h.Status != "ok" || !strings.Contains(rc, "work24") || !strings.Contains(rc, "50plus") || strings.Contains(rc, "seoul") {
		t.Errorf("/healthz %d %+v", resp.StatusCode, h)
	}
	if logs := s.logs.String(); !strings.Contains(logs, "refresh timeout") || !strings.Contains(logs, "500") {
		t.Errorf("the log does not say why the sources failed:\n%s", logs)
	}
}

// TestRefreshOneInstance: of two instances on one Redis, the one that
// took the refresh lease refreshes; the other reads no source, even when
// they are due; when the first stops, the second takes over.
func TestRefreshOneInstance(t *testing.T) {
	srv := redistest.Start(t)
	open := func() *redis.Sessions {
		rs, err := redis.Open(t.Context(), srv.URL(), redis.Options{Prefix: prefix(t, srv)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rs.Close() })
		return rs
	}
	s := newSources(t, nil)
	first, second := open(), open()
	r1 := s.refresher(t, first.Holder("catalog-refresh", time.Minute), nil, time.Minute)
	other := newSources(t, nil)
	r2 := other.refresher(t, second.Holder("catalog-refresh", time.Minute), nil, time.Minute)
	ctx := t.Context()
	if n := r1.Tick(ctx); n != 3 {
		t.Fatalf("the first instance refreshed %d sources", n)
	}
	if n := r2.Tick(ctx); n != 0 || other.seoul.Calls()+other.work24.Calls()+other.fifty.Calls() != 0 {
		t.Errorf("the second instance refreshed %d sources while the first holds the lease", n)
	}
	// The first stops (Run releases the lease as it ends).
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	r1.Run(cctx)
	if n := r2.Tick(ctx); n != 3 {
		t.Errorf("after the first stopped, the second refreshed %d sources, want 3", n)
	}
}

// prefixes keeps one Redis key prefix per test, shared by its instances.
var prefixes sync.Map

// prefix returns the key prefix of t on srv, the same for every call.
func prefix(t *testing.T, srv *redistest.Server) string {
	if p, ok := prefixes.Load(t.Name()); ok {
		return p.(string)
	}
	p := srv.Prefix(t)
	prefixes.Store(t.Name(), p)
	return p
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func grepLines(s, word string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestAlertsFollowRefreshes: a refresh that adds a job opening near a
// resident who asked for notices brings them one digest, not during the
// night: a refresh at 22:00 waits for 09:00.
func TestAlertsFollowRefreshes(t *testing.T) {
	c := newCrowd(t)
	ctx := t.Context()
	const chat = 8101
	for _, k := range []data.ConsentKind{data.ConsentProfile, data.ConsentNotices} {
		if err := c.store.RecordConsentText(ctx, data.ConsentText{Kind: k, Version: "t1", Text: "동의 문구 " + string(k)}, time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := c.store.GiveConsent(ctx, resident(chat), k, "t1", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	p := data.Profile{Age: data.Age50to54, Goals: data.Goals(0).With(data.GoalJob), District: data.DistrictByName("은평구")}
	if err := c.store.SaveProfile(ctx, resident(chat), p, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	c.tg.SendText(chat, "/start")

	s := newSources(t, c.store)
	s.work24.Set(sourcetest.Posting{ID: "W1", Title: "강남 호텔 주방 보조", Company: "강남 호텔", Region: "서울 강남구", Close: "2026-09-20"})
	s.mu.Lock()
	s.now = time.Date(2026, 7, 26, 22, 0, 0, 0, data.Seoul())
	s.mu.Unlock()
	today := func() data.Date { return data.DateOf(s.clock()) }
	bc := bot.NewBroadcasts(c.store, bot.BroadcastOptions{Rate: 100, Log: c.log})
	alerts := bot.NewAlerts(c.store, bc, s.live, bot.AlertOptions{Today: today, Now: s.clock, Every: 10 * time.Millisecond, Log: c.log})
	stop := c.run(bc)
	defer stop()
	actx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { alerts.Run(actx); close(done) }()
	defer func() { cancel(); <-done }()
	time.Sleep(100 * time.Millisecond) // the catalog before the refresh is noted first

	r := s.refresher(t, nil, nil, time.Minute)
	if n := r.Tick(ctx); n != 3 {
		t.Fatalf("%d sources refreshed", n)
	}
	time.Sleep(300 * time.Millisecond)
	if got := c.tg.Messages(chat); len(got) != 0 {
		t.Fatalf("a digest at 22:00: %q", got[0].Text)
	}
	s.advance(11 * time.Hour) // 09:00 the next day
	digest := waitText(t, c, chat, "은평 아파트 경비원")
	if strings.Contains(digest.Text, "강남 호텔") {
		t.Errorf("the digest lists a job far away:\n%s", digest.Text)
	}
	time.Sleep(300 * time.Millisecond)
	if n := len(c.tg.Messages(chat)); n != 1 {
		t.Errorf("%d messages after one refresh, want one digest", n)
	}
}
