package main

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/data/redis"
	"github.com/dasi-seoul/dasi/data/sqlite"
)

// refreshPoll is how often serve looks for a source due a refresh and
// renews the refresh lease; the lease lasts three looks.
const refreshPoll = time.Minute

// refreshLeaseName names the refresh lease in Redis: one instance of all
// those sharing the Redis refreshes.
const refreshLeaseName = "catalog-refresh"

// refreshSources returns the sources whose keys are set: Seoul's
// GetJobInfo (SEOUL_API_KEY), 고용24 (WORK24_API_KEY), the 50플러스 Open API
// (FIFTYPLUS_API_KEY).
func refreshSources(cfg config, store *sqlite.Store) []bot.RefreshSource {
	client := &http.Client{Timeout: apiTimeout}
	opt := imports.APIOptions{Client: client}
	var out []bot.RefreshSource
	if cfg.SeoulAPIKey != "" {
		out = append(out, bot.RefreshSource{Name: "seoul", File: "api:GetJobInfo", Fetch: func(ctx context.Context) (imports.Report, error) {
			return imports.GetJobInfoAPI(ctx, store, client, cfg.SeoulAPIURL, cfg.SeoulAPIKey.reveal(), cfg.today())
		}})
	}
	if r := cfg.Refresh; r.Work24Key != "" {
		out = append(out, bot.RefreshSource{Name: "work24", File: "api:work24", Fetch: func(ctx context.Context) (imports.Report, error) {
			return imports.Work24API(ctx, store, r.Work24URL, r.Work24Key.reveal(), cfg.today(), opt)
		}})
	}
	if r := cfg.Refresh; r.FiftyPlusKey != "" {
		out = append(out, bot.RefreshSource{Name: "50plus", File: "api:50plus", Fetch: func(ctx context.Context) (imports.Report, error) {
			return imports.FiftyPlusAPI(ctx, store, r.FiftyPlusURL, r.FiftyPlusKey.reveal(), cfg.today(), opt)
		}})
	}
	return out
}

// newRefresher returns serve's refresher of the configured sources, or
// nil when no source's key is set. With Redis (rs not nil) it takes the
// refresh lease, whether or not this instance serves Telegram; the catalog
// in live is swapped after every refresh that wrote, and version (of the
// catalog in live, which watchCatalog reads) moved with it.
func newRefresher(cfg config, store *sqlite.Store, live *data.LiveCatalog, version *atomic.Int64, rs *redis.Sessions, log *slog.Logger, reg prometheus.Registerer) (*bot.Refresher, error) {
	sources := refreshSources(cfg, store)
	if len(sources) == 0 {
		return nil, nil
	}
	opt := bot.RefreshOptions{
		Every: cfg.Refresh.Every, Poll: refreshPoll, Log: log, Registry: reg,
		Reload: func(ctx context.Context) error {
			v, err := loadCatalog(ctx, store, live)
			if err == nil {
				version.Store(v)
			}
			return err
		},
	}
	if rs != nil {
		opt.Lease = rs.Holder(refreshLeaseName, 3*refreshPoll)
	}
	names := make([]string, len(sources))
	for i, s := range sources {
		names[i] = s.Name
	}
	log.Info("catalog refresh on", "sources", names, "every", cfg.Refresh.Every.String(), "lease", rs != nil)
	return bot.NewRefresher(store, sources, opt)
}
