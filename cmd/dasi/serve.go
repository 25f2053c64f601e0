package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/inmem"
	"github.com/dasi-seoul/dasi/data/redis"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
)

// catalogCheckEvery is how often serve looks for a new import in the
// database (dasi import runs as another process) to reload the catalog.
const catalogCheckEvery = 30 * time.Second

// runServe runs "dasi serve": the bot on Telegram, with /healthz, /metrics
// and, in webhook mode, the webhook on DASI_HTTP_ADDR. It returns when ctx
// ends (SIGINT, SIGTERM) after an orderly shutdown: intake stopped, chats
// drained, then Redis and SQLite closed.
func runServe(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "dasi serve takes no arguments (configuration is in the environment)\n\n%s", usage)
		return errUsage
	}
	if err := cfg.requireChannel(); err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))

	store, err := sqlite.Open(ctx, cfg.DB)
	if err != nil {
		return fmt.Errorf("DASI_DB: %w", err)
	}
	defer store.Close()
	if sr := store.Seed(); sr.Applied {
		// A new database, or a dasi whose embedded seed changed: say what
		// the catalog took from it, so an upgrade is visible in the log.
		log.InfoContext(ctx, "catalog seed applied", "upgrade", sr.Upgrade,
			"added", sr.Report.Added, "updated", sr.Report.Updated, "kept", sr.Kept,
			"removed", sr.Removed, "closed", sr.Closed)
	}
	live := data.NewLiveCatalog(nil)
	v, err := loadCatalog(ctx, store, live)
	if err != nil {
		return err
	}
	var version atomic.Int64 // of the catalog in live: watchCatalog and the refresher reload it
	version.Store(v)
	if text, ok := noJobsNotice(live.Load(), cfg); ok {
		log.WarnContext(ctx, text)
	}

	// SQLite is healthy when it answers and takes writes: a full or
	// read-only disk leaves reads working while every consent fails.
	checks := []bot.Check{{Name: "sqlite", Ping: func(ctx context.Context) error {
		if _, err := store.SchemaVersion(ctx); err != nil {
			return err
		}
		return store.CheckWrites(ctx)
	}}}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "dasi_sqlite_writable",
			Help: "1 while SQLite takes writes; 0 after a write failed for want of storage (disk full, read-only, I/O error) in the last minute, with none succeeding since."},
			func() float64 {
				if store.Writable() {
					return 1
				}
				return 0
			}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "dasi_sqlite_write_errors_total",
			Help: "SQLite writes that failed for want of storage (disk full, read-only, I/O error)."},
			func() float64 { return float64(store.WriteFailures()) }),
	)

	var (
		sessions bot.Sessions
		lease    telegram.Lease
		rdb      *redis.Sessions // nil without REDIS_URL
	)
	// Run releases the lease as it stops; a start that fails before Run
	// gives it back at once, so that the next start need not wait for it
	// to expire.
	giveBack := func() {
		if lease == nil {
			return
		}
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
		defer cancel()
		if err := lease.Release(rctx); err != nil {
			log.WarnContext(ctx, "cannot release the lease; the next start waits for it to expire", "error", err)
		}
	}

	if cfg.RedisURL != "" {
		rs, err := redis.Open(ctx, cfg.RedisURL, redis.Options{Timeout: cfg.redisTimeout()})
		if err != nil {
			return fmt.Errorf("REDIS_URL: cannot reach Redis: %w", err)
		}
		defer rs.Close()
		sessions = rs
		if cfg.TelegramToken != "" {
			l, err := acquireLease(ctx, rs, cfg, log)
			if err != nil {
				return err
			}
			lease = l
		}
		rdb = rs
		// Sessions of a dasi from before channels were kept by chat id
		// alone: moved once, before any update, so nobody mid-intake
		// starts over.
		if moved, err := rs.MoveLegacySessions(ctx); err != nil {
			giveBack()
			return fmt.Errorf("REDIS_URL: %w", err)
		} else if moved > 0 {
			log.InfoContext(ctx, "sessions of the previous version moved to their residents' keys", "sessions", moved)
		}
		checks = append(checks, bot.Check{Name: "redis", Ping: rs.Ping})
	} else {
		log.WarnContext(ctx, "REDIS_URL is not set: conversations are kept in this process and lost when it stops; set REDIS_URL in production")
		sessions = inmem.NewSessions(inmem.Options{})
	}
	for _, w := range cfg.privacyWarnings() {
		log.WarnContext(ctx, w)
	}
	// The core: the conversation, residents' consent and rights, staff
	// commands and broadcasts. The channel hands it every input.
	res := bot.NewResidents(store, log)
	bc := bot.NewBroadcasts(store, bot.BroadcastOptions{Rate: cfg.BroadcastRate, Log: log})
	core, err := bot.New(bot.Options{
		Conversation: dialogs.New(live, cfg.dialogOptions()),
		Sessions:     sessions,
		Residents:    res,
		Broadcasts:   bc,
		Today:        cfg.today,
		Log:          log,
		Registry:     reg,
	})
	if err != nil {
		giveBack()
		return err
	}
	b, err := newTelegram(ctx, cfg, core, store, lease, log, reg)
	if err != nil {
		giveBack()
		return err
	}

	refresher, err := newRefresher(cfg, store, live, &version, rdb, log, reg)
	if err != nil {
		giveBack()
		return err
	}
	if refresher != nil {
		checks = append(checks, refresher.Check())
	}
	// Reminders go through the Telegram channel: KakaoTalk cannot message
	// first.
	reminders, err := bot.NewReminders(store, live, bot.ReminderOptions{Today: cfg.today, Broadcasts: bc, Log: log, Registry: reg})
	if err != nil {
		giveBack()
		return fmt.Errorf("reminders: %w", err)
	}
	mux := http.NewServeMux()
	ops := mux
	if cfg.MetricsAddr != "" {
		ops = http.NewServeMux()
	}
	ops.Handle("GET /healthz", bot.HealthHandler(checks...))
	ops.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	webhookPath := ""
	if b != nil && b.WebhookPath() != "" {
		webhookPath = b.WebhookPath()
		mux.Handle(webhookPath, b.WebhookHandler())
	}
	if err := mountKakao(mux, cfg, core, log, reg); err != nil {
		giveBack()
		return err
	}
	tcp, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		giveBack()
		return fmt.Errorf("DASI_HTTP_ADDR: %w", err)
	}
	ln := newLimitListener(tcp, cfg.MaxConns)
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "dasi_http_connections",
		Help: "Open connections to DASI_HTTP_ADDR; at DASI_MAX_CONNS, new ones wait."},
		func() float64 { return float64(ln.open()) }))
	srv := &http.Server{
		Handler: mux,
		// A request's headers must arrive within 5 s and the whole of it
		// within 15 s (a webhook body within 10 s of its checked secret);
		// a connection idle between requests is closed after a minute.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("http server stopped", "error", err)
		}
	})
	log.InfoContext(ctx, "http listening", "addr", ln.Addr().String(), "webhook_path", webhookPath, "kakao_skill_path", cfg.KakaoSkillPath)
	opsSrv, err := serveOps(cfg, ops, log, &wg)
	if err != nil {
		giveBack()
		srv.Close()
		wg.Wait()
		return err
	}

	refresh, stopRefresh := context.WithCancel(ctx)
	wg.Go(func() { watchCatalog(refresh, store, live, &version, log) })
	if b != nil {
		// Broadcasts, alerts and reminders go out on Telegram alone: KakaoTalk
		// cannot message first.
		wg.Go(func() {
			if err := bc.Run(refresh, b); err != nil {
				log.ErrorContext(ctx, "the broadcast worker cannot start; broadcasts wait for the next start", "error", err)
			}
		})
		wg.Go(func() { bot.NewAlerts(store, bc, live, bot.AlertOptions{Today: cfg.today, Log: log}).Run(refresh) })
		wg.Go(func() { reminders.Run(refresh, b) })
	}
	wg.Go(func() { res.Run(refresh) })
	if refresher != nil {
		wg.Go(func() { refresher.Run(refresh) })
	}

	runErr := runTelegram(ctx, b)

	stopRefresh()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("http server shutdown", "error", err)
	}
	if opsSrv != nil {
		_ = opsSrv.Shutdown(sctx)
	}
	cancel()
	wg.Wait()
	// The deferred closes run now: Redis first, then SQLite.
	return runErr
}

// loadCatalog reads the catalog into live and returns its version.
func loadCatalog(ctx context.Context, store *sqlite.Store, live *data.LiveCatalog) (int64, error) {
	v, err := store.CatalogVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("DASI_DB: %w", err)
	}
	c, err := store.Catalog(ctx)
	if err != nil {
		return 0, fmt.Errorf("DASI_DB: %w", err)
	}
	live.Store(c)
	return v, nil
}

// watchCatalog reloads the catalog when an import has changed it since
// version (which a refresh that reloaded itself moves on).
func watchCatalog(ctx context.Context, store *sqlite.Store, live *data.LiveCatalog, version *atomic.Int64, log *slog.Logger) {
	t := time.NewTicker(catalogCheckEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		v, err := store.CatalogVersion(ctx)
		if err != nil || v == version.Load() {
			if err != nil && ctx.Err() == nil {
				log.WarnContext(ctx, "cannot check the catalog version", "error", err)
			}
			continue
		}
		nv, err := loadCatalog(ctx, store, live)
		if err != nil {
			log.ErrorContext(ctx, "cannot reload the catalog; answering from the previous one", "error", err)
			continue
		}
		places, programs, jobs := live.Load().Len()
		log.InfoContext(ctx, "catalog reloaded", "version", nv, "places", places, "programs", programs, "jobs", jobs)
		version.Store(nv)
	}
}

// acquireLease takes this bot token's lease in Redis. A lease held by
// another instance may be a crashed one's: acquireLease waits for it to
// expire once, and refuses if the holder renewed it meanwhile (it is alive).
func acquireLease(ctx context.Context, rs *redis.Sessions, cfg config, log *slog.Logger) (*redis.Lease, error) {
	name := leaseName(cfg.TelegramToken)
	for waited := false; ; waited = true {
		l, err := rs.AcquireLease(ctx, name, cfg.LeaseTTL)
		var held *redis.LeaseHeldError
		switch {
		case err == nil:
			return l, nil
		case !errors.As(err, &held):
			return nil, fmt.Errorf("REDIS_URL: %w", err)
		case waited:
			return nil, fmt.Errorf("another dasi instance is serving this bot token (it keeps renewing its lease, Redis key %s): "+
				"stop it before starting this one; one token is served by one instance", held.Key)
		}
		log.WarnContext(ctx, "another instance holds this bot token's lease; waiting for it to expire in case that instance crashed",
			"key", held.Key, "wait", held.Remaining.Round(time.Millisecond).String())
		t := time.NewTimer(held.Remaining + 200*time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// leaseName names a token's lease by a hash of the token: the token itself
// never reaches Redis.
func leaseName(token secret) string {
	sum := sha256.Sum256([]byte(token.reveal()))
	return "bot:" + hex.EncodeToString(sum[:8])
}

// redisLog is go-redis's process-wide logger (set in main), writing its
// reconnection trouble as JSON lines like every other log line.
type redisLog struct{ log *slog.Logger }

// Printf writes one of go-redis's messages as a warning.
func (r redisLog) Printf(ctx context.Context, format string, v ...any) {
	r.log.WarnContext(ctx, "redis client", "detail", fmt.Sprintf(format, v...))
}
