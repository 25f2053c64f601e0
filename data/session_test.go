package data_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/internal/redistest"
)

// sessionStore is what the bot needs of a session store; both stores must
// keep this contract.
type sessionStore interface {
	Load(ctx context.Context, chatID int64) ([]byte, error)
	Save(ctx context.Context, chatID int64, state []byte) error
	Delete(ctx context.Context, chatID int64) error
	Ping(ctx context.Context) error
}

// TestSessionContract runs the one contract test against both stores.
func TestSessionContract(t *testing.T) {
	t.Run("memory", func(t *testing.T) {
		testSessionContract(t, func(t *testing.T) sessionStore {
			return data.NewMemorySessions(data.SessionOptions{}, nil)
		})
	})
	t.Run("redis", func(t *testing.T) {
		srv := redistest.Start(t)
		testSessionContract(t, func(t *testing.T) sessionStore {
			return openRedis(t, srv, data.SessionOptions{})
		})
	})
}

func openRedis(t *testing.T, srv *redistest.Server, opt data.SessionOptions) *data.RedisSessions {
	t.Helper()
	if opt.Prefix == "" {
		opt.Prefix = srv.Prefix(t)
	}
	s, err := data.OpenRedis(t.Context(), srv.URL(), opt)
	if err != nil {
		t.Fatalf("OpenRedis: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func testSessionContract(t *testing.T, open func(t *testing.T) sessionStore) {
	t.Run("missing session is ErrNoSession", func(t *testing.T) {
		s := open(t)
		if _, err := s.Load(t.Context(), 1); !errors.Is(err, data.ErrNoSession) {
			t.Fatalf("Load of a new chat: err = %v, want ErrNoSession", err)
		}
	})
	t.Run("save then load returns the bytes", func(t *testing.T) {
		s := open(t)
		mustSave(t, s, 7, `{"v":1,"step":"age"}`)
		mustLoad(t, s, 7, `{"v":1,"step":"age"}`)
		mustSave(t, s, 7, `{"v":1,"step":"field"}`)
		mustLoad(t, s, 7, `{"v":1,"step":"field"}`)
	})
	t.Run("chats are separate", func(t *testing.T) {
		s := open(t)
		mustSave(t, s, 1, "one")
		mustSave(t, s, -1001, "group")
		mustLoad(t, s, 1, "one")
		mustLoad(t, s, -1001, "group")
		if _, err := s.Load(t.Context(), 2); !errors.Is(err, data.ErrNoSession) {
			t.Fatalf("Load of chat 2: err = %v, want ErrNoSession", err)
		}
	})
	t.Run("delete forgets, twice is fine", func(t *testing.T) {
		s := open(t)
		mustSave(t, s, 3, "x")
		for range 2 {
			if err := s.Delete(t.Context(), 3); err != nil {
				t.Fatalf("Delete: %v", err)
			}
		}
		if _, err := s.Load(t.Context(), 3); !errors.Is(err, data.ErrNoSession) {
			t.Fatalf("Load after Delete: err = %v, want ErrNoSession", err)
		}
	})
	t.Run("empty and large values survive", func(t *testing.T) {
		s := open(t)
		mustSave(t, s, 4, "")
		mustLoad(t, s, 4, "")
		big := bytes.Repeat([]byte("상태"), 20000)
		mustSave(t, s, 5, string(big))
		mustLoad(t, s, 5, string(big))
	})
	t.Run("stored bytes are not shared with the caller", func(t *testing.T) {
		s := open(t)
		in := []byte("abc")
		if err := s.Save(t.Context(), 6, in); err != nil {
			t.Fatal(err)
		}
		in[0] = 'X'
		got, err := s.Load(t.Context(), 6)
		if err != nil {
			t.Fatal(err)
		}
		got[1] = 'Y'
		mustLoad(t, s, 6, "abc")
	})
	t.Run("concurrent chats", func(t *testing.T) {
		s := open(t)
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for g := range 16 {
			wg.Go(func() {
				chat := int64(100 + g)
				for i := range 50 {
					want := fmt.Sprintf("chat %d step %d", chat, i)
					if err := s.Save(t.Context(), chat, []byte(want)); err != nil {
						errs <- err
						return
					}
					got, err := s.Load(t.Context(), chat)
					if err != nil || string(got) != want {
						errs <- fmt.Errorf("chat %d: Load = %q, %v; want %q", chat, got, err, want)
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
	t.Run("ping", func(t *testing.T) {
		if err := open(t).Ping(t.Context()); err != nil {
			t.Fatalf("Ping: %v", err)
		}
	})
}

func mustSave(t *testing.T, s sessionStore, chat int64, v string) {
	t.Helper()
	if err := s.Save(t.Context(), chat, []byte(v)); err != nil {
		t.Fatalf("Save(%d): %v", chat, err)
	}
}

func mustLoad(t *testing.T, s sessionStore, chat int64, want string) {
	t.Helper()
	got, err := s.Load(t.Context(), chat)
	if err != nil {
		t.Fatalf("Load(%d): %v", chat, err)
	}
	if string(got) != want {
		t.Fatalf("Load(%d) = %.40q, want %.40q", chat, got, want)
	}
}

// TestMemorySessionsExpire checks the sliding TTL with a clock the test moves.
func TestMemorySessionsExpire(t *testing.T) {
	now := time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	s := data.NewMemorySessions(data.SessionOptions{}, clock)
	mustSave(t, s, 1, "half-finished intake")

	now = now.Add(29 * 24 * time.Hour)
	mustLoad(t, s, 1, "half-finished intake") // a visit restarts the 30 days
	now = now.Add(29 * 24 * time.Hour)
	mustLoad(t, s, 1, "half-finished intake")

	now = now.Add(data.DefaultSessionTTL)
	if _, err := s.Load(t.Context(), 1); !errors.Is(err, data.ErrNoSession) {
		t.Fatalf("Load after 30 silent days: err = %v, want ErrNoSession", err)
	}
}

// TestRedisSessionsTTL checks that Save sets the TTL and Load restarts it,
// reading the TTL Redis keeps.
func TestRedisSessionsTTL(t *testing.T) {
	srv := redistest.Start(t)
	prefix := srv.Prefix(t)
	s := openRedis(t, srv, data.SessionOptions{Prefix: prefix})
	rdb := srv.Client(t)
	key := prefix + "session:42"

	mustSave(t, s, 42, "state")
	ttl := rdb.PTTL(t.Context(), key).Val()
	if ttl <= data.DefaultSessionTTL-time.Minute || ttl > data.DefaultSessionTTL {
		t.Fatalf("TTL after Save = %v, want about %v", ttl, data.DefaultSessionTTL)
	}

	rdb.PExpire(t.Context(), key, time.Minute) // as if 30 days had almost passed
	mustLoad(t, s, 42, "state")
	ttl = rdb.PTTL(t.Context(), key).Val()
	if ttl <= data.DefaultSessionTTL-time.Minute {
		t.Fatalf("TTL after Load = %v, want it restarted to about %v", ttl, data.DefaultSessionTTL)
	}
}

// TestRedisSessionsOutage stops Redis: the store reports errors that are not
// ErrNoSession (the bot must not mistake an outage for a new resident), and
// works again, with the saved session, once Redis is back.
func TestRedisSessionsOutage(t *testing.T) {
	srv := redistest.StartOwned(t)
	s := openRedis(t, srv, data.SessionOptions{})
	mustSave(t, s, 9, "before the outage")

	srv.Stop(t)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	if _, err := s.Load(ctx, 9); err == nil || errors.Is(err, data.ErrNoSession) {
		t.Fatalf("Load while Redis is down: err = %v, want a connection error", err)
	}
	if err := s.Save(ctx, 9, []byte("lost")); err == nil {
		t.Fatal("Save while Redis is down succeeded")
	}
	if err := s.Ping(ctx); err == nil {
		t.Fatal("Ping while Redis is down succeeded")
	}

	srv.Restart(t)
	mustLoad(t, s, 9, "before the outage")
}

func TestLease(t *testing.T) {
	srv := redistest.Start(t)
	s := openRedis(t, srv, data.SessionOptions{})
	ctx := t.Context()
	const ttl = 10 * time.Second

	first, err := s.AcquireLease(ctx, "token-hash", ttl)
	if err != nil {
		t.Fatalf("first AcquireLease: %v", err)
	}
	_, err = s.AcquireLease(ctx, "token-hash", ttl)
	var held *data.LeaseHeldError
	if !errors.As(err, &held) {
		t.Fatalf("second AcquireLease: err = %v, want *LeaseHeldError", err)
	}
	if held.Remaining <= 0 || held.Remaining > ttl {
		t.Errorf("LeaseHeldError.Remaining = %v, want within (0, %v]", held.Remaining, ttl)
	}
	if _, err := s.AcquireLease(ctx, "other-token", ttl); err != nil {
		t.Errorf("a lease of another token: %v", err)
	}
	if err := first.Renew(ctx); err != nil {
		t.Fatalf("Renew: %v", err)
	}

	// The lease expired while Redis was unreachable, and nobody took it:
	// renewing takes it back.
	rdb := srv.Client(t)
	rdb.Del(ctx, first.Key())
	if err := first.Renew(ctx); err != nil {
		t.Fatalf("Renew of an expired lease: %v", err)
	}

	// Someone else took it: the holder must stop.
	rdb.Set(ctx, first.Key(), "someone else", ttl)
	if err := first.Renew(ctx); !errors.Is(err, data.ErrLeaseLost) {
		t.Fatalf("Renew of a lease taken by another: err = %v, want ErrLeaseLost", err)
	}
	if err := first.Release(ctx); err != nil {
		t.Fatalf("Release: %v", err)
	}
	if got := rdb.Get(ctx, first.Key()).Val(); got != "someone else" {
		t.Fatalf("Release deleted another holder's lease (value now %q)", got)
	}

	rdb.Del(ctx, first.Key())
	again, err := s.AcquireLease(ctx, "token-hash", ttl)
	if err != nil {
		t.Fatalf("AcquireLease after the holder left: %v", err)
	}
	if err := again.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AcquireLease(ctx, "token-hash", ttl); err != nil {
		t.Fatalf("AcquireLease after Release: %v", err)
	}
}
