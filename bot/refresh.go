package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dasi-seoul/dasi/data/imports"
)

// RefreshSource is one public source the refresher keeps fresh: the Seoul
// Open API, 고용24, the 50플러스 Open API.
type RefreshSource struct {
	// Name labels the source in the log, /metrics and /healthz: "seoul",
	// "work24", "50plus".
	Name string
	// File is the source's name in the store's imports log
	// ("api:GetJobInfo"), where its last success is read at start.
	File string
	// Fetch reads the whole listing and writes it into the catalog in one
	// transaction (an imports API fetcher). An error means nothing changed.
	Fetch func(ctx context.Context) (imports.Report, error)
}

// RefreshLease is the claim that one instance alone refreshes: another
// instance on the same Redis leaves the sources alone while it is held.
type RefreshLease interface {
	// Hold takes the lease, or renews it when this instance has it. It
	// returns false when another instance holds it, and an error when the
	// lease cannot be known (Redis unreachable): then nobody refreshes.
	Hold(ctx context.Context) (bool, error)
	// Release gives the lease up, if this instance has it.
	Release(ctx context.Context) error
}

// RefreshLog tells when a source last refreshed: *sqlite.Store satisfies
// it.
type RefreshLog interface {
	// LastImport returns when the last import logged under file finished;
	// the zero time when there was none.
	LastImport(ctx context.Context, file string) (time.Time, error)
}

// RefreshOptions configure the refresher. Every zero field means its
// documented default.
type RefreshOptions struct {
	// Every is how often each source is read (DASI_REFRESH_EVERY).
	// Default 6 hours.
	Every time.Duration
	// Timeout bounds one source's whole refresh: a slower source fails
	// and changes nothing. Default 30 minutes.
	Timeout time.Duration
	// Poll is how often Run looks for a due source and renews the lease.
	// Default 1 minute.
	Poll time.Duration
	// Now returns the time. Default time.Now.
	Now func() time.Time
	// Lease keeps a second instance from refreshing too. Nil: this
	// instance is alone (no Redis).
	Lease RefreshLease
	// Reload swaps the catalog the conversation answers from for the one
	// just written, after a refresh. Nil: nothing (tests).
	Reload func(ctx context.Context) error
	// Log receives a line per refresh. Default: discarded.
	Log *slog.Logger
	// Registry receives dasi_refresh_last_success_timestamp_seconds and
	// dasi_refresh_failures_total. Nil: not registered.
	Registry prometheus.Registerer
}

// Refresher reads each configured source every Every and writes it into
// the catalog, then has the catalog in memory swapped: residents are
// answered from the previous catalog meanwhile. A source is read at start
// when its last success (in the imports log) is older than Every; after a
// failure it is tried again after a quarter of Every. A failing source
// changes nothing; its failures are counted, and /healthz names a source
// whose last success is older than three times Every.
type Refresher struct {
	store   RefreshLog
	sources []RefreshSource
	opt     RefreshOptions
	log     *slog.Logger
	started time.Time

	mu     sync.Mutex
	state  map[string]*sourceState
	loaded bool // last successes read from the store

	failures *prometheus.CounterVec
}

// sourceState is what the refresher knows of one source.
type sourceState struct {
	lastSuccess, lastAttempt time.Time
}

// NewRefresher returns the refresher of sources over store. It returns an
// error when two sources share a name or the registry refuses the
// metrics.
func NewRefresher(store RefreshLog, sources []RefreshSource, opt RefreshOptions) (*Refresher, error) {
	if opt.Every <= 0 {
		opt.Every = 6 * time.Hour
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Minute
	}
	if opt.Poll <= 0 {
		opt.Poll = time.Minute
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	r := &Refresher{store: store, sources: sources, opt: opt, log: opt.Log, started: opt.Now(),
		state: make(map[string]*sourceState, len(sources))}
	for _, s := range sources {
		if _, dup := r.state[s.Name]; dup {
			return nil, fmt.Errorf("refresh: two sources named %q", s.Name)
		}
		r.state[s.Name] = &sourceState{}
	}
	r.failures = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "dasi_refresh_failures_total",
		Help: "Refreshes of a source that failed (unreachable, an error answer, too slow, a store error); each changed nothing."},
		[]string{"source"})
	for _, s := range sources {
		r.failures.WithLabelValues(s.Name)
	}
	if opt.Registry != nil {
		last := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "dasi_refresh_last_success_timestamp_seconds",
			Help: "When each source's last successful refresh finished (Unix time; 0: never)."}, []string{"source"})
		if err := opt.Registry.Register(r.failures); err != nil {
			return nil, fmt.Errorf("refresh metrics: %w", err)
		}
		if err := opt.Registry.Register(lastSuccessCollector{r, last}); err != nil {
			return nil, fmt.Errorf("refresh metrics: %w", err)
		}
	}
	return r, nil
}

// lastSuccessCollector reports each source's last success as it is now.
type lastSuccessCollector struct {
	r    *Refresher
	last *prometheus.GaugeVec
}

// Describe implements prometheus.Collector.
func (c lastSuccessCollector) Describe(ch chan<- *prometheus.Desc) { c.last.Describe(ch) }

// Collect implements prometheus.Collector.
func (c lastSuccessCollector) Collect(ch chan<- prometheus.Metric) {
	c.r.mu.Lock()
	for name, st := range c.r.state {
		v := 0.0
		if !st.lastSuccess.IsZero() {
			v = float64(st.lastSuccess.UnixNano()) / 1e9
		}
		c.last.WithLabelValues(name).Set(v)
	}
	c.r.mu.Unlock()
	c.last.Collect(ch)
}

// Run refreshes the due sources now and every Poll until ctx ends, then
// gives the lease up.
func (r *Refresher) Run(ctx context.Context) {
	defer func() {
		if r.opt.Lease == nil {
			return
		}
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
		defer cancel()
		if err := r.opt.Lease.Release(rctx); err != nil {
			r.log.WarnContext(ctx, "refresh: cannot release the refresh lease; another instance takes over when it expires", "error", err)
		}
	}()
	for {
		r.Tick(ctx)
		if Sleep(ctx, r.opt.Poll) != nil {
			return
		}
	}
}

// Tick is one look: when this instance holds the refresh lease, every due
// source is refreshed in turn, and the catalog in memory swapped when any
// wrote. It returns how many sources it refreshed successfully.
func (r *Refresher) Tick(ctx context.Context) int {
	if !r.loadLast(ctx) {
		return 0
	}
	if r.opt.Lease != nil {
		held, err := r.opt.Lease.Hold(ctx)
		if err != nil {
			if ctx.Err() == nil {
				r.log.WarnContext(ctx, "refresh: cannot reach the refresh lease; no refresh until it answers", "error", err)
			}
			return 0
		}
		if !held {
			return 0
		}
	}
	done := 0
	for _, s := range r.sources {
		if ctx.Err() != nil || !r.due(s.Name) {
			continue
		}
		if r.refresh(ctx, s) {
			done++
		}
	}
	if done > 0 && r.opt.Reload != nil {
		if err := r.opt.Reload(ctx); err != nil && ctx.Err() == nil {
			r.log.ErrorContext(ctx, "refresh: cannot reload the catalog; answering from the previous one until the next reload", "error", err)
		}
	}
	return done
}

// loadLast reads each source's last success from the store, once.
func (r *Refresher) loadLast(ctx context.Context) bool {
	r.mu.Lock()
	loaded := r.loaded
	r.mu.Unlock()
	if loaded {
		return true
	}
	last := make(map[string]time.Time, len(r.sources))
	for _, s := range r.sources {
		t, err := r.store.LastImport(ctx, s.File)
		if err != nil {
			if ctx.Err() == nil {
				r.log.WarnContext(ctx, "refresh: cannot read the imports log; trying again", "error", err)
			}
			return false
		}
		last[s.Name] = t
	}
	r.mu.Lock()
	for name, t := range last {
		r.state[name].lastSuccess = t
	}
	r.loaded = true
	r.mu.Unlock()
	return true
}

// due reports whether source name should be read now.
func (r *Refresher) due(name string) bool {
	now := r.opt.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	st := r.state[name]
	return now.Sub(st.lastSuccess) >= r.opt.Every && now.Sub(st.lastAttempt) >= r.opt.Every/4
}

// refresh reads one source, renewing the lease meanwhile, and logs what it
// did. It reports whether the source was written.
func (r *Refresher) refresh(ctx context.Context, s RefreshSource) bool {
	start := r.opt.Now()
	r.mu.Lock()
	r.state[s.Name].lastAttempt = start
	r.mu.Unlock()

	fctx, cancel := context.WithTimeout(ctx, r.opt.Timeout)
	defer cancel()
	if r.opt.Lease != nil {
		// A listing of many pages may take longer than the lease lasts.
		renewed := make(chan struct{})
		defer func() { <-renewed }()
		defer cancel()
		go func() {
			defer close(renewed)
			for Sleep(fctx, r.opt.Poll) == nil {
				if _, err := r.opt.Lease.Hold(fctx); err != nil && fctx.Err() == nil {
					r.log.WarnContext(ctx, "refresh: cannot renew the refresh lease", "source", s.Name, "error", err)
				}
			}
		}()
	}
	rep, err := s.Fetch(fctx)
	took := r.opt.Now().Sub(start).Round(time.Millisecond).String()
	if err != nil {
		if ctx.Err() != nil {
			return false
		}
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("slower than %s (refresh timeout): %w", r.opt.Timeout, err)
		}
		r.failures.WithLabelValues(s.Name).Inc()
		r.log.WarnContext(ctx, "catalog refresh failed; the catalog is unchanged", "source", s.Name, "took", took, "error", err)
		return false
	}
	r.mu.Lock()
	r.state[s.Name].lastSuccess = r.opt.Now()
	r.mu.Unlock()
	r.log.InfoContext(ctx, "catalog refreshed", "source", s.Name, "took", took,
		"added", rep.Added, "updated", rep.Updated, "unchanged", rep.Unchanged, "expired", rep.Expired,
		"rejected", rep.Rejected, "skipped", rep.Skipped, "removed", rep.Removed, "unlisted", rep.Unlisted)
	return true
}

// Stale returns the sources whose last success is older than three times
// Every (counted from the start for one never refreshed), each as
// "name (last success TIME)" or "name (never refreshed)", in name order.
func (r *Refresher) Stale() []string {
	now := r.opt.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for name, st := range r.state {
		since := st.lastSuccess
		if since.IsZero() {
			since = r.started
		}
		if now.Sub(since) <= 3*r.opt.Every {
			continue
		}
		if st.lastSuccess.IsZero() {
			out = append(out, name+" (never refreshed)")
		} else {
			out = append(out, name+" (last success "+st.lastSuccess.UTC().Format(time.RFC3339)+")")
		}
	}
	sort.Strings(out)
	return out
}

// Check is the refresher's line in /healthz: advisory (it never makes
// /healthz fail, the bot still answers), naming the stale sources.
func (r *Refresher) Check() Check {
	return Check{Name: "refresh", Advisory: true, Ping: func(context.Context) error {
		if s := r.Stale(); len(s) > 0 {
			return fmt.Errorf("stale, older than 3 × %s: %s", r.opt.Every, strings.Join(s, ", "))
		}
		return nil
	}}
}
