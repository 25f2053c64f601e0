package redis

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/dasi-seoul/dasi/data"
)

// A Lease is a claim, held in Redis, that one process alone writes a set of
// sessions: dasi takes one per bot token, so that a second instance started
// by mistake refuses to run instead of answering the same residents twice.
// The lease expires by itself within its TTL when its holder dies, so a
// restarted instance is never locked out for long. Renew it well within the
// TTL; Release it on shutdown so that the next start needs no wait.
type Lease struct {
	rdb   *goredis.Client
	key   string
	owner string // random, this holder's
	ttl   time.Duration
}

// LeaseHeldError is returned by AcquireLease when another holder has the
// lease.
type LeaseHeldError struct {
	Key string // the lease's Redis key
	// Remaining is how long the lease lasts unless its holder renews it.
	Remaining time.Duration
}

// Error names the key and how long the lease lasts.
func (e *LeaseHeldError) Error() string {
	return fmt.Sprintf("lease %s is held by another holder for %s more", e.Key, e.Remaining.Round(time.Second))
}

// AcquireLease takes the lease called name for ttl. It returns a
// *LeaseHeldError when someone else holds it, or a wrapped Redis error.
func (s *Sessions) AcquireLease(ctx context.Context, name string, ttl time.Duration) (*Lease, error) {
	var b [16]byte
	rand.Read(b[:])
	l := &Lease{rdb: s.rdb, key: s.opt.Prefix + "lease:" + name, owner: hex.EncodeToString(b[:]), ttl: ttl}
	ok, err := s.rdb.SetNX(ctx, l.key, l.owner, ttl).Result()
	if err != nil {
		return nil, fmt.Errorf("acquire lease: %w", err)
	}
	if !ok {
		left, err := s.rdb.PTTL(ctx, l.key).Result()
		if err != nil {
			return nil, fmt.Errorf("acquire lease: %w", err)
		}
		return nil, &LeaseHeldError{Key: l.key, Remaining: max(left, 0)}
	}
	return l, nil
}

// renewScript extends the lease if this holder has it, takes it again if it
// expired meanwhile (Redis was down longer than the TTL), and reports 0 when
// another holder has it.
var renewScript = goredis.NewScript(`
local v = redis.call("GET", KEYS[1])
if v == ARGV[1] then
	return redis.call("PEXPIRE", KEYS[1], ARGV[2])
elseif not v then
	redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
	return 1
end
return 0`)

// releaseScript deletes the lease only if this holder has it.
var releaseScript = goredis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("DEL", KEYS[1])
end
return 0`)

// Key returns the Redis key of the lease.
func (l *Lease) Key() string { return l.key }

// TTL returns how long the lease lasts after each renewal.
func (l *Lease) TTL() time.Duration { return l.ttl }

// Renew extends the lease by its TTL. It returns data.ErrLeaseLost when another
// holder has taken it, and a wrapped Redis error when Redis cannot be reached
// (the lease may still be valid: try again).
func (l *Lease) Renew(ctx context.Context) error {
	n, err := renewScript.Run(ctx, l.rdb, []string{l.key}, l.owner, l.ttl.Milliseconds()).Int()
	if err != nil {
		return fmt.Errorf("renew lease: %w", err)
	}
	if n == 0 {
		return data.ErrLeaseLost
	}
	return nil
}

// Release gives the lease up, if this holder still has it.
func (l *Lease) Release(ctx context.Context) error {
	if err := releaseScript.Run(ctx, l.rdb, []string{l.key}, l.owner).Err(); err != nil {
		return fmt.Errorf("release lease: %w", err)
	}
	return nil
}
