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

// TestOldSessionsAreMovedAtStart: sessions today's main stored under the
// chat id alone (dasi:session:123456) are found for telegram:123456 after
// MoveLegacySessions, with their TTL, and no key under the old name is
// left; a session already under the new key wins over an old one beside
// it; Kakao residents never see the old keys; a second start moves nothing
// and only reads the marker.
func TestOldSessionsAreMovedAtStart(t *testing.T) {
	srv := redistest.Start(t)
	prefix := srv.Prefix(t)
	s := open(t, srv, redis.Options{Prefix: prefix})
	rdb := srv.Client(t)
	ctx := t.Context()
	const state = `{"v":1,"step":"field","age":"50"}`
	for i := range 1200 { // more than one batch
		if err := rdb.Set(ctx, prefix+"session:"+strconv.Itoa(100000+i), state, 10*24*time.Hour).Err(); err != nil {
			t.Fatal(err)
		}
	}
	rdb.Set(ctx, prefix+"session:777", "old state", time.Hour)
	rdb.Set(ctx, prefix+"session:telegram:777", "new state", time.Hour) // written since, by the new dasi
	rdb.Set(ctx, prefix+"session:kakao:55", "kakao", time.Hour)

	moved, err := s.MoveLegacySessions(ctx)
	if err != nil || moved != 1200 {
		t.Fatalf("MoveLegacySessions = %d, %v; want 1200 moved", moved, err)
	}
	sessiontest.MustLoad(t, s, "telegram:100000", state)
	sessiontest.MustLoad(t, s, "telegram:101199", state)
	sessiontest.MustLoad(t, s, "telegram:777", "new state")
	sessiontest.MustLoad(t, s, "kakao:55", "kakao")
	if ttl := rdb.PTTL(ctx, prefix+"session:telegram:100001").Val(); ttl <= 9*24*time.Hour || ttl > 10*24*time.Hour {
		t.Errorf("TTL of a moved session = %v, want the old one kept (about 10 days)", ttl)
	}
	if keys := rdb.Keys(ctx, prefix+"session:[0-9]*").Val(); len(keys) != 0 {
		t.Errorf("%d keys of the old form left, such as %s", len(keys), keys[0])
	}
	if _, err := s.Load(ctx, "kakao:100000"); !errors.Is(err, data.ErrNoSession) {
		t.Errorf("Load(kakao:100000): err = %v, want ErrNoSession", err)
	}

	// A later start: the marker says it is done.
	rdb.Set(ctx, prefix+"session:5", "too late", time.Hour)
	if moved, err := s.MoveLegacySessions(ctx); err != nil || moved != 0 {
		t.Errorf("second MoveLegacySessions = %d, %v; want nothing moved", moved, err)
	}
}

// TestSteadyStateCostsOneCommandEach counts the commands Redis runs: a
// load is one GETEX, found or not, and a save one SET.
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
	if got := counts(); len(got) != 1 || got["getex"] != 1 {
		t.Errorf("a miss ran %v, want one GETEX", got)
	}
}
