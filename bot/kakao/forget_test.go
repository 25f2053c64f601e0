package kakao_test

import (
	"context"
	"strings"
	"testing"

	goredis "github.com/redis/go-redis/v9"

	"github.com/dasi-seoul/dasi/internal/sqlitetest"
)

// redisMentioning is every key of the Redis at url under prefix whose name
// or value holds s.
func redisMentioning(t *testing.T, url, prefix, s string) []string {
	t.Helper()
	o, err := goredis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	c := goredis.NewClient(o)
	defer c.Close()
	ctx := context.Background()
	var found []string
	iter := c.Scan(ctx, 0, prefix+"*", 100).Iterator()
	for iter.Next(ctx) {
		k := iter.Val()
		v, _ := c.Get(ctx, k).Result()
		if strings.Contains(k, s) || strings.Contains(v, s) {
			found = append(found, k)
		}
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	return found
}

// TestKakaoForget: 내 정보 삭제, confirmed, leaves nothing about
// kakao:<id> in SQLite or Redis, and the next utterance starts afresh.
func TestKakaoForget(t *testing.T) {
	e := start(t)
	const user = "Zq8forgetMe2b7f0c9e" // distinctive: found anywhere, it is this resident
	e.play(user, intake52)
	e.halt() // the residents' writer has written everything
	if rows := sqlitetest.RowsMentioning(t, e.path, user); len(rows) == 0 {
		t.Fatal("nothing about the resident was stored: the test proves nothing")
	}
	if keys := redisMentioning(t, e.redisURL, e.prefix, user); len(keys) == 0 {
		t.Fatal("no Redis key mentions the resident: the test proves nothing")
	}
	e.boot()

	got, _ := e.play(user, []string{"> 내 정보 삭제", "[네, 지워 주세요]"})
	e.halt()
	if rows := sqlitetest.RowsMentioning(t, e.path, user); len(rows) > 0 {
		t.Errorf("rows still mention the resident:\n%s", strings.Join(rows, "\n"))
	}
	if keys := redisMentioning(t, e.redisURL, e.prefix, user); len(keys) > 0 {
		t.Errorf("Redis still mentions the resident: %v", keys)
	}
	e.boot()
	again, _ := e.play(user, []string{"> 안녕하세요"})
	golden(t, "forget", got+again)
}

// TestKakaoRestartMidIntake: dasi serve restarts between two answers of
// the intake; the session is in Redis, and the resident goes on where
// they were.
func TestKakaoRestartMidIntake(t *testing.T) {
	e := start(t)
	got, _ := e.play("urestart", []string{
		"> 시작하기",
		"[동의해요]",
		"> 58세",
		"[생산·제조]",
		"!restart",
		"[10~20년]",
		"[직업훈련·자격증]",
		"[선택 완료]",
		"> 구로구에 살아요",
	})
	golden(t, "restart", got)
}
