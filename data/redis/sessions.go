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
// with PX, Delete one DEL: an update costs at most two commands. Values
// are opaque bytes (the conversation's encoded state). The sessions an
// older dasi kept under the chat id alone are moved to their residents'
// keys once, at start (MoveLegacySessions). Sessions is safe for concurrent use; the
// go-redis client reconnects by itself when Redis comes back after an
// outage.
//
// The three commands ride go-redis's automatic pipeline, one ordered
// stream: the commands of residents answered at the same moment go to
// Redis in one write and come back in one read, instead of a round trip
// each (under load, most of the cost of a command in both processes is
// its system calls). A resident's commands keep their order, a DEL after
// a SET included, and a lone command still goes at once. go-redis marks
// this pipeline experimental: go.mod pins the version, and the tests here
// (order, many residents at once, a context's end, an outage) hold it to
// what Sessions promises.
type Sessions struct {
	rdb *goredis.Client
	ap  *goredis.AutoPipeliner // the deferred face: Submit, then wait with the caller's context
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
	ap, err := rdb.AsyncAutoPipelineWithOptions(&goredis.AutoPipelineOptions{
		// Ordered: a resident's SET and a later DEL (forgetting them) reach
		// Redis in the order they were asked.
		MaxConcurrentBatches: 1,
		// The blocking preset's: with one batch in flight, the commands
		// that arrive meanwhile go together as the next.
		MaxBatchSize: 300,
	})
	if err != nil {
		rdb.Close()
		return nil, fmt.Errorf("redis pipeline: %w", err)
	}
	s := &Sessions{rdb: rdb, ap: ap, opt: opt.withDefaults()}
	if err := s.Ping(ctx); err != nil {
		s.Close()
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
	cmd := goredis.NewStringCmd(ctx, "getex", sessionKey(s.opt.Prefix, id), "px", max(s.opt.TTL.Milliseconds(), 1))
	err := s.run(ctx, cmd)
	if errors.Is(err, goredis.Nil) {
		return nil, data.ErrNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("load session: %w", err)
	}
	return cmd.Bytes()
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
	if err := s.run(ctx, goredis.NewStatusCmd(ctx, "set", sessionKey(s.opt.Prefix, id), state, "px", max(ttl.Milliseconds(), 1))); err != nil {
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
	if err := s.run(ctx, goredis.NewIntCmd(ctx, "del", sessionKey(s.opt.Prefix, id))); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// run sends cmd down the pipeline and waits for its answer, or until ctx
// is done (a KakaoTalk skill's deadline, a stop). A command already queued
// may still run after its caller stopped waiting, as one already written
// may with a plain client; the stream's order keeps a later command of the
// same resident after it. It returns the command's error, or ctx's.
func (s *Sessions) run(ctx context.Context, cmd goredis.Cmder) error {
	return s.ap.Submit(ctx, cmd).WaitContext(ctx)
}

// Ping reports whether Redis answers, naming its address when it does not.
func (s *Sessions) Ping(ctx context.Context) error {
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis at %s: %w", s.rdb.Options().Addr, err)
	}
	return nil
}

// Close sends what is queued, then closes the connections to Redis. It
// returns the pipeline's or the client's error, if any.
func (s *Sessions) Close() error {
	return errors.Join(s.ap.Close(), s.rdb.Close())
}
