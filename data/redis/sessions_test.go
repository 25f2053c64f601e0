package redis_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/redis"
	"github.com/dasi-seoul/dasi/internal/redistest"
	"github.com/dasi-seoul/dasi/internal/sessiontest"
)

// TestSessionContract runs the contract both session stores keep.
func TestSessionContract(t *testing.T) {
	srv := redistest.Start(t)
	sessiontest.Run(t, func(t *testing.T) sessiontest.Store {
		return open(t, srv, redis.Options{})
	})
}

// open opens the sessions on srv, under a prefix of the test's own unless
// opt names one, closed when t ends.
func open(t *testing.T, srv *redistest.Server, opt redis.Options) *redis.Sessions {
	t.Helper()
	if opt.Prefix == "" {
		opt.Prefix = srv.Prefix(t)
	}
	s, err := redis.Open(t.Context(), srv.URL(), opt)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestSessionsTTL checks that Save sets the TTL and Load restarts it,
// reading the TTL Redis keeps.
func TestSessionsTTL(t *testing.T) {
	srv := redistest.Start(t)
	prefix := srv.Prefix(t)
	s := open(t, srv, redis.Options{Prefix: prefix})
	rdb := srv.Client(t)
	key := prefix + "session:telegram:42"

	sessiontest.MustSave(t, s, "telegram:42", "state")
	ttl := rdb.PTTL(t.Context(), key).Val()
	if ttl <= data.DefaultSessionTTL-time.Minute || ttl > data.DefaultSessionTTL {
		t.Fatalf("TTL after Save = %v, want about %v", ttl, data.DefaultSessionTTL)
	}

	rdb.PExpire(t.Context(), key, time.Minute) // as if 30 days had almost passed
	sessiontest.MustLoad(t, s, "telegram:42", "state")
	ttl = rdb.PTTL(t.Context(), key).Val()
	if ttl <= data.DefaultSessionTTL-time.Minute {
		t.Fatalf("TTL after Load = %v, want it restarted to about %v", ttl, data.DefaultSessionTTL)
	}
}

// TestSessionsSaveFor: a session saved for a day (answers typed before
// consent) expires in a day, not thirty.
func TestSessionsSaveFor(t *testing.T) {
	srv := redistest.Start(t)
	prefix := srv.Prefix(t)
	s := open(t, srv, redis.Options{Prefix: prefix})
	if err := s.SaveFor(t.Context(), "telegram:43", []byte("before consent"), 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	sessiontest.MustLoad(t, s, "telegram:43", "before consent")
	if err := s.SaveFor(t.Context(), "telegram:43", []byte("before consent"), 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	if ttl := srv.Client(t).PTTL(t.Context(), prefix+"session:telegram:43").Val(); ttl <= 23*time.Hour || ttl > 24*time.Hour {
		t.Fatalf("TTL after SaveFor a day = %v", ttl)
	}
}

// TestSessionsOutage stops Redis: the store reports errors that are not
// ErrNoSession (the bot must not mistake an outage for a new resident), and
// works again, with the saved session, once Redis is back.
func TestSessionsOutage(t *testing.T) {
	srv := redistest.StartOwned(t)
	s := open(t, srv, redis.Options{})
	sessiontest.MustSave(t, s, "telegram:9", "before the outage")

	srv.Stop(t)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	if _, err := s.Load(ctx, "telegram:9"); err == nil || errors.Is(err, data.ErrNoSession) {
		t.Fatalf("Load while Redis is down: err = %v, want a connection error", err)
	}
	if err := s.Save(ctx, "telegram:9", []byte("lost")); err == nil {
		t.Fatal("Save while Redis is down succeeded")
	}
	if err := s.Ping(ctx); err == nil {
		t.Fatal("Ping while Redis is down succeeded")
	}

	srv.Restart(t)
	sessiontest.MustLoad(t, s, "telegram:9", "before the outage")
}

// TestSessionsManyAtOnce has residents answered at the same moment (their
// commands share the pipeline's writes): each reads back what it saved
// last, and a session deleted after a save stays deleted.
func TestSessionsManyAtOnce(t *testing.T) {
	srv := redistest.Start(t)
	s := open(t, srv, redis.Options{})
	ctx := t.Context()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for r := range 64 {
		wg.Go(func() {
			id := data.ResidentID(fmt.Sprintf("telegram:%d", 1000+r))
			for turn := range 40 {
				want := fmt.Sprintf("resident %d, turn %d", r, turn)
				if err := s.Save(ctx, id, []byte(want)); err != nil {
					errs <- err
					return
				}
				got, err := s.Load(ctx, id)
				if err != nil || string(got) != want {
					errs <- fmt.Errorf("%s: Load after Save = %q, %v; want %q", id, got, err, want)
					return
				}
			}
			// Save, then forget at once: the delete is not overtaken.
			if err := s.Save(ctx, id, []byte("last")); err != nil {
				errs <- err
				return
			}
			if err := s.Delete(ctx, id); err != nil {
				errs <- err
				return
			}
			if _, err := s.Load(ctx, id); !errors.Is(err, data.ErrNoSession) {
				errs <- fmt.Errorf("%s: Load after Delete: err = %v, want ErrNoSession", id, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestSessionsWaitEndsWithTheContext pauses Redis: a Load whose context
// ends (a KakaoTalk skill's deadline) returns at once with the context's
// error instead of waiting for Redis (1.5 s), and the store works again
// after.
func TestSessionsWaitEndsWithTheContext(t *testing.T) {
	srv := redistest.Start(t)
	s := open(t, srv, redis.Options{})
	sessiontest.MustSave(t, s, "telegram:77", "before the pause")
	if err := srv.Client(t).Do(t.Context(), "client", "pause", 1500, "all").Err(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	// Had it waited for Redis, the Load would have succeeded.
	if _, err := s.Load(ctx, "telegram:77"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Load while Redis is paused: err = %v, want the context's deadline", err)
	}
	sessiontest.MustLoad(t, s, "telegram:77", "before the pause")
}
