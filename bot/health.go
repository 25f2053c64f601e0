package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Check is a dependency /healthz reports on.
type Check struct {
	Name string                          // "sqlite", "redis"
	Ping func(ctx context.Context) error // nil when the dependency answers
	// Advisory checks are reported ("warn: …") without failing /healthz:
	// the bot still answers (a catalog source gone stale).
	Advisory bool
}

// HealthHandler answers 200 when every check passes and 503 naming the
// ones that fail, as JSON: {"status":"ok","checks":{"sqlite":"ok",...}}.
// An advisory check that fails shows as "warn: …" and leaves the status
// 200. Checks run concurrently with a 2-second timeout.
func HealthHandler(checks ...Check) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		results := make(map[string]string, len(checks))
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, c := range checks {
			wg.Go(func() {
				res := "ok"
				if err := c.Ping(ctx); err != nil && c.Advisory {
					res = "warn: " + err.Error()
				} else if err != nil {
					res = "down: " + err.Error()
				}
				mu.Lock()
				results[c.Name] = res
				mu.Unlock()
			})
		}
		wg.Wait()
		status, code := "ok", http.StatusOK
		for _, res := range results {
			if strings.HasPrefix(res, "down: ") {
				status, code = "down", http.StatusServiceUnavailable
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(map[string]any{"status": status, "checks": results})
	})
}
