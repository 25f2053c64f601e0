package redis_test

import (
	"errors"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/redis"
	"github.com/dasi-seoul/dasi/internal/redistest"
)

func TestLease(t *testing.T) {
	srv := redistest.Start(t)
	s := open(t, srv, redis.Options{})
	ctx := t.Context()
	const ttl = 10 * time.Second

	first, err := s.AcquireLease(ctx, "token-hash", ttl)
	if err != nil {
		t.Fatalf("first AcquireLease: %v", err)
	}
	_, err = s.AcquireLease(ctx, "token-hash", ttl)
	var held *redis.LeaseHeldError
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
