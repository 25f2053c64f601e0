package redis_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/redis"
	"github.com/dasi-seoul/dasi/internal/redistest"
	"github.com/dasi-seoul/dasi/internal/sessiontest"
)

// TestSessionUnderTheOldKeyIsFoundAndMoved: a session today's main stored
// under the chat id alone (dasi:session:123456) is loaded for
// telegram:123456, moved to the new key with its TTL restarted, and no key
// under the old name is left.
func TestSessionUnderTheOldKeyIsFoundAndMoved(t *testing.T) {
	srv := redistest.Start(t)
	prefix := srv.Prefix(t)
	s := open(t, srv, redis.Options{Prefix: prefix})
	rdb := srv.Client(t)
	ctx := t.Context()
	old, key := prefix+"session:123456", prefix+"session:telegram:123456"
	const state = `{"v":1,"step":"field","age":"50"}`
	if err := rdb.Set(ctx, old, state, 10*24*time.Hour).Err(); err != nil {
		t.Fatal(err)
	}

	sessiontest.MustLoad(t, s, "telegram:123456", state)
	if n := rdb.Exists(ctx, old).Val(); n != 0 {
		t.Errorf("the old key %s survived the first load", old)
	}
	if got := rdb.Get(ctx, key).Val(); got != state {
		t.Errorf("new key %s = %q, want %q", key, got, state)
	}
	if ttl := rdb.PTTL(ctx, key).Val(); ttl <= data.DefaultSessionTTL-time.Minute || ttl > data.DefaultSessionTTL {
		t.Errorf("TTL of the moved session = %v, want it restarted to about %v", ttl, data.DefaultSessionTTL)
	}
	// From now on it is an ordinary session.
	sessiontest.MustSave(t, s, "telegram:123456", "next")
	sessiontest.MustLoad(t, s, "telegram:123456", "next")
	if n := rdb.Exists(ctx, old).Val(); n != 0 {
		t.Errorf("the old key %s came back", old)
	}
}

// TestDeleteRemovesTheOldKeyToo: /forget before the resident's first load
// after the upgrade leaves no session under either name.
func TestDeleteRemovesTheOldKeyToo(t *testing.T) {
	srv := redistest.Start(t)
	prefix := srv.Prefix(t)
	s := open(t, srv, redis.Options{Prefix: prefix})
	rdb := srv.Client(t)
	ctx := t.Context()
	old, key := prefix+"session:777", prefix+"session:telegram:777"
	rdb.Set(ctx, old, "old state", time.Hour)
	rdb.Set(ctx, key, "new state", time.Hour) // both, as if a load were cut short

	if err := s.Delete(ctx, "telegram:777"); err != nil {
		t.Fatal(err)
	}
	if n := rdb.Exists(ctx, old, key).Val(); n != 0 {
		t.Errorf("Delete left %d of %s and %s", n, old, key)
	}
	if _, err := s.Load(ctx, "telegram:777"); !errors.Is(err, data.ErrNoSession) {
		t.Errorf("Load after Delete: err = %v, want ErrNoSession", err)
	}
}

// TestOldKeyIsOnlyTelegrams: a Kakao resident never reads a key of the old
// form, which only ever held Telegram chats; and a newer session wins over
// an old one left beside it.
func TestOldKeyIsOnlyTelegrams(t *testing.T) {
	srv := redistest.Start(t)
	prefix := srv.Prefix(t)
	s := open(t, srv, redis.Options{Prefix: prefix})
	rdb := srv.Client(t)
	ctx := t.Context()
	rdb.Set(ctx, prefix+"session:55", "telegram chat 55", time.Hour)
	if _, err := s.Load(ctx, "kakao:55"); !errors.Is(err, data.ErrNoSession) {
		t.Errorf("Load(kakao:55): err = %v, want ErrNoSession", err)
	}
	if n := rdb.Exists(ctx, prefix+"session:55").Val(); n != 1 {
		t.Error("loading kakao:55 touched telegram chat 55's old session")
	}
	sessiontest.MustLoad(t, s, "telegram:55", "telegram chat 55")
}

// TestSteadyStateCostsOneCommandEach counts the commands Redis runs: with
// the session under its new key, a load is one GETEX and a save one SET;
// only a load that finds nothing looks under the old key, in one more
// round trip.
func TestSteadyStateCostsOneCommandEach(t *testing.T) {
	srv := redistest.StartOwned(t) // its own server: nobody else's commands are counted
	s := open(t, srv, redis.Options{})
	rdb := srv.Client(t)
	ctx := t.Context()
	sessiontest.MustSave(t, s, "telegram:1", "state") // connections are open from here on

	counts := func() map[string]int {
		t.Helper()
		info, err := rdb.Info(ctx, "commandstats").Result()
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, line := range strings.Split(info, "\n") {
			name, rest, ok := strings.Cut(strings.TrimSpace(line), ":calls=")
			if !ok {
				continue
			}
			name = strings.TrimPrefix(name, "cmdstat_")
			switch name {
			case "info", "config|resetstat", "config":
				continue // the test's own
			case "hello":
				continue // once per new connection, not per update
			}
			n, _ := strconv.Atoi(strings.SplitN(rest, ",", 2)[0])
			out[name] = n
		}
		rdb.ConfigResetStat(ctx)
		return out
	}
	counts()

	for range 3 { // three updates of a resident mid-intake
		sessiontest.MustLoad(t, s, "telegram:1", "state")
		sessiontest.MustSave(t, s, "telegram:1", "state")
	}
	if got := counts(); len(got) != 2 || got["getex"] != 3 || got["set"] != 3 {
		t.Errorf("three updates ran %v, want getex=3 set=3 and nothing else", got)
	}

	if _, err := s.Load(ctx, "telegram:2"); !errors.Is(err, data.ErrNoSession) {
		t.Fatal(err)
	}
	if got := counts(); got["getex"] != 2 || got["renamenx"] != 1 || got["del"] != 1 || got["multi"] != 1 || got["exec"] != 1 {
		t.Errorf("a miss ran %v, want GETEX, then MULTI RENAMENX GETEX DEL EXEC", got)
	}
	if _, err := s.Load(ctx, "kakao:2"); !errors.Is(err, data.ErrNoSession) {
		t.Fatal(err)
	}
	if got := counts(); len(got) != 1 || got["getex"] != 1 {
		t.Errorf("a Kakao miss ran %v, want one GETEX", got)
	}
}
