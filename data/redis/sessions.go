package redis

import (
	"context"
	"errors"
	"fmt"
	"time"

	goredis "github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"

	"github.com/dasi-seoul/dasi/data"
)

// DefaultPrefix starts every Redis key dasi writes.
const DefaultPrefix = "dasi:"

// Options configure the sessions on Redis. The zero value means the
// defaults: data.DefaultSessionTTL and DefaultPrefix.
type Options struct {
	// TTL is how long a session lives after it was last loaded or saved.
	TTL time.Duration
	// Prefix starts every key: tests sharing a server, or two deployments
	// sharing a database, keep apart with it.
	Prefix string
	// Timeout, when set, bounds dialling Redis and each read and write
	// (KakaoTalk's skill must answer within seconds, even when Redis
	// stalls); zero keeps go-redis's (5 s to dial, 3 s a read or write).
	// A context's deadline bounds them as well.
	Timeout time.Duration
}

func (o Options) withDefaults() Options {
	if o.TTL <= 0 {
		o.TTL = data.DefaultSessionTTL
	}
	if o.Prefix == "" {
		o.Prefix = DefaultPrefix
	}
	return o
}

// sessionKey is the one key of the resident's session:
// "dasi:session:telegram:123456".
func sessionKey(prefix string, id data.ResidentID) string {
	return prefix + "session:" + string(id)
}

// Sessions keeps each resident's session under one Redis key with a
// sliding TTL. Load is one GETEX (read and refresh the TTL), Save one SET
// with EX, Delete one DEL: an update costs at most two round trips. Values
// are opaque bytes (the conversation's encoded state). The sessions an
// older dasi kept under the chat id alone are moved to their residents'
// keys once, at start (MoveLegacySessions). Sessions is safe for concurrent use; the
// go-redis client reconnects by itself when Redis comes back after an
// outage.
type Sessions struct {
	rdb *goredis.Client
	opt Options
}

// Open connects to the Redis at rawURL (redis://HOST:PORT/DB, rediss:// or
// unix://) and checks that it answers. It returns an error naming the
// address (never the password) when the URL is malformed or Redis does not
// answer.
func Open(ctx context.Context, rawURL string, opt Options) (*Sessions, error) {
	o, err := goredis.ParseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("redis url: %w", err)
	}
	// No CLIENT SETINFO or maintenance-notification handshakes: plain Redis
	// and fewer round trips on every new connection.
	o.DisableIdentity = true
	o.MaintNotificationsConfig = &maintnotifications.Config{Mode: maintnotifications.ModeDisabled}
	// Fail fast while Redis is down: the resident gets "try again later" at
	// once instead of waiting through retries.
	o.MaxRetries = 1
	o.DialerRetries = 1
	// A request's deadline bounds its commands too.
	o.ContextTimeoutEnabled = true
	if opt.Timeout > 0 {
		o.DialTimeout, o.ReadTimeout, o.WriteTimeout = opt.Timeout, opt.Timeout, opt.Timeout
	}
	rdb := goredis.NewClient(o)
	s := &Sessions{rdb: rdb, opt: opt.withDefaults()}
	if err := s.Ping(ctx); err != nil {
		rdb.Close()
		return nil, err
	}
	return s, nil
}

// Load returns the resident's session and restarts its TTL. It returns
// data.ErrNoSession when there is none, an error wrapping
// data.ErrResidentID for an invalid id, and a wrapped Redis error when
// Redis cannot be reached.
func (s *Sessions) Load(ctx context.Context, id data.ResidentID) ([]byte, error) {
	if err := id.Validate(); err != nil {
		return nil, fmt.Errorf("load session: %w", err)
	}
	b, err := s.rdb.GetEx(ctx, sessionKey(s.opt.Prefix, id), s.opt.TTL).Bytes()
	if errors.Is(err, goredis.Nil) {
		return nil, data.ErrNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("load session: %w", err)
	}
	return b, nil
}

// Save stores the resident's session with a fresh TTL. It returns an error
// wrapping data.ErrResidentID for an invalid id, and a wrapped Redis error
// when Redis cannot be reached.
func (s *Sessions) Save(ctx context.Context, id data.ResidentID, state []byte) error {
	return s.SaveFor(ctx, id, state, s.opt.TTL)
}

// SaveFor is Save with ttl instead of the store's TTL, for a session that
// must not outlive it (answers kept before consent); a ttl of zero or
// less is the store's. Its errors are Save's.
func (s *Sessions) SaveFor(ctx context.Context, id data.ResidentID, state []byte, ttl time.Duration) error {
	if err := id.Validate(); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	if ttl <= 0 {
		ttl = s.opt.TTL
	}
	if err := s.rdb.Set(ctx, sessionKey(s.opt.Prefix, id), state, ttl).Err(); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	return nil
}

// Delete removes the resident's session; deleting a missing one is not an
// error. It returns an error wrapping data.ErrResidentID for an invalid
// id, and a wrapped Redis error when Redis cannot be reached.
func (s *Sessions) Delete(ctx context.Context, id data.ResidentID) error {
	if err := id.Validate(); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	if err := s.rdb.Del(ctx, sessionKey(s.opt.Prefix, id)).Err(); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// Ping reports whether Redis answers, naming its address when it does not.
func (s *Sessions) Ping(ctx context.Context) error {
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis at %s: %w", s.rdb.Options().Addr, err)
	}
	return nil
}

// Close closes the connections to Redis. It returns the client's error,
// if any.
func (s *Sessions) Close() error { return s.rdb.Close() }
