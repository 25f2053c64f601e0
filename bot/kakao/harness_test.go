package kakao_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/kakao"
	"github.com/dasi-seoul/dasi/bot/kakao/kakaotest"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/redis"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
	"github.com/dasi-seoul/dasi/internal/redistest"
)

const (
	testPath   = "/kakao/skill"
	testSecret = "kakao-test-secret_0123456789"
)

// logBuf collects log lines, safe for concurrent writes.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// env is dasi as serve wires it for KakaoTalk: the core with the real
// conversation over the seed catalog and the residents' records, over a
// real SQLite file and a real Redis, and the skill on a loopback HTTP
// server, with a fake Open Builder client.
type env struct {
	t        *testing.T
	path     string
	store    *sqlite.Store
	redisURL string
	prefix   string
	sessions *redis.Sessions
	srv      *httptest.Server
	client   *kakaotest.Client
	logs     *logBuf
	halt     func()
}

// start starts it over a new SQLite file and a Redis of its own.
func start(t *testing.T) *env {
	t.Helper()
	rs := redistest.Start(t)
	return startOn(t, rs.URL(), rs.Prefix(t))
}

// startOn starts it over a new SQLite file and the Redis at url, its keys
// under prefix.
func startOn(t *testing.T, url, prefix string) *env {
	t.Helper()
	e := &env{t: t, path: filepath.Join(t.TempDir(), "dasi.db"), redisURL: url, prefix: prefix, logs: &logBuf{}}
	e.boot()
	t.Cleanup(func() {
		e.halt()
		if t.Failed() {
			t.Logf("log:\n%s", e.logs.String())
		}
	})
	return e
}

// boot starts the store, the core and the skill, as a start of dasi serve.
func (e *env) boot() {
	t := e.t
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, e.path)
	if err != nil {
		t.Fatal(err)
	}
	sessions, err := redis.Open(ctx, e.redisURL, redis.Options{Prefix: e.prefix, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := store.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewJSONHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	res := bot.NewResidents(store, log)
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
		t.Fatal(err)
	}
	skill, err := kakao.New(core, kakao.Options{Path: testPath, Secret: testSecret, Log: log, Deadline: 1500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { res.Run(rctx) })
	e.srv = httptest.NewServer(skill)
	e.store, e.sessions = store, sessions
	e.client = &kakaotest.Client{URL: e.srv.URL + testPath, Secret: testSecret}
	e.halt = func() {
		e.srv.Close()
		cancel()
		wg.Wait()
		sessions.Close()
		store.Close()
	}
}

// restart stops everything and starts it again over the same SQLite file
// and Redis, as a restart of dasi serve.
func (e *env) restart() {
	e.t.Helper()
	e.halt()
	e.boot()
}
