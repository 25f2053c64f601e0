package bot_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/inmem"
	"github.com/dasi-seoul/dasi/data/redis"
	"github.com/dasi-seoul/dasi/dialogs"
	"github.com/dasi-seoul/dasi/internal/redistest"
	"github.com/dasi-seoul/dasi/internal/sqlitetest"
)

// TestForgetLeavesNoTrace: a resident goes through the conversation with
// Redis sessions, asks for notices and a reminder, receives an
// announcement and asks to be forgotten (that waiting deliveries go too is tested in data).
// Afterwards no row of any table and no Redis key or value mentions them,
// and the bot said so.
func TestForgetLeavesNoTrace(t *testing.T) {
	srv := redistest.Start(t)
	prefix := srv.Prefix(t)
	rs, err := redis.Open(t.Context(), srv.URL(), redis.Options{Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rs.Close() })
	d := startDasi(t, []int64{staffChat}, rs, 100)
	const chat = 918273645 // distinctive: found anywhere, it is this resident
	d.intake(chat, "은평구", true)
	ctx := context.Background()
	if _, err := d.store.AddReminder(ctx, resident(chat), data.Reminder{Item: data.AlertItem{Kind: data.AlertJob, ID: "test-job"},
		Kind: data.ReminderDeadline, On: data.NewDate(2026, 8, 14), Due: data.NewDate(2026, 8, 12)}, time.Now()); err != nil {
		t.Fatal(err)
	}
	b, err := d.store.CreateBroadcast(ctx, data.NewBroadcast{Text: "지난 안내", Staff: resident(staffChat)}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	d.bc.Wake()
	d.waitMessage(chat, "지난 안내")
	if b = waitFinished(t, d.store, b.ID, 10*time.Second); b.State != data.BroadcastDone {
		t.Fatalf("broadcast %s, want done", b.State)
	}
	if rows := sqlitetest.RowsMentioning(t, d.path, chat); len(rows) == 0 {
		t.Fatal("nothing about the resident was stored: the test proves nothing")
	}
	if keys := redisMentioning(t, srv, chat); len(keys) == 0 {
		t.Fatal("no Redis key mentions the resident: the test proves nothing")
	}

	d.say(chat, "/forget")
	d.expect(chat, "지울까요?")
	d.say(chat, "네")
	d.expect(chat, "모두 지웠어요")

	if rows := sqlitetest.RowsMentioning(t, d.path, chat); len(rows) > 0 {
		t.Errorf("rows still mention the resident:\n%s", strings.Join(rows, "\n"))
	}
	if keys := redisMentioning(t, srv, chat); len(keys) > 0 {
		t.Errorf("Redis still mentions the resident: %v", keys)
	}
	st, _ := d.store.Stats(ctx)
	if st.Residents != 0 || st.Forgotten != 1 || st.IntakesCompleted != 1 {
		t.Errorf("stats after /forget: %+v, want no resident, 1 forgotten, the completed intake still counted", st)
	}
}

// TestForgetLeavesNoBytesOnDisk: after /forget and a checkpoint, the
// resident's id occurs nowhere in the database file or its write-ahead
// log, in its stored form, as its digits, or as an integer in any encoding
// SQLite uses. Before, with secure_delete off, the deleted rows stayed
// readable on free pages and the chat id occurred 10 times in the file.
func TestForgetLeavesNoBytesOnDisk(t *testing.T) {
	d := startDasi(t, []int64{staffChat}, nil, 100)
	const chat = 9182736450 // ten digits: a chat id found anywhere is this resident
	id := resident(chat)
	d.intake(chat, "은평구", true)
	b, err := d.store.CreateBroadcast(t.Context(), data.NewBroadcast{Text: "지난 안내", Staff: resident(staffChat)}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	d.bc.Wake()
	d.waitMessage(chat, "지난 안내")
	waitFinished(t, d.store, b.ID, 10*time.Second)
	checkpoint(t, d.path)
	if found := sqlitetest.FileMentions(t, d.path, string(id), id.Key()); len(found) == 0 {
		t.Fatal("the files do not hold the resident before /forget: the test proves nothing")
	}

	d.say(chat, "/forget")
	d.expect(chat, "지울까요?")
	d.say(chat, "네")
	d.expect(chat, "모두 지웠어요")
	if found := sqlitetest.FileMentions(t, d.path, string(id), id.Key()); len(found) > 0 {
		t.Errorf("after /forget the files still hold the resident:\n%s", strings.Join(found, "\n"))
	}
	checkpoint(t, d.path)
	if found := sqlitetest.FileMentions(t, d.path, string(id), id.Key()); len(found) > 0 {
		t.Errorf("after /forget and a checkpoint the files still hold the resident:\n%s", strings.Join(found, "\n"))
	}
}

// checkpoint copies the write-ahead log of the database at path into the
// file, as SQLite does by itself when the log grows.
func checkpoint(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
		t.Fatal(err)
	}
}

// TestForgetStopsAMessageAlreadyClaimed: an announcement to three
// residents is claimed by the worker (one sender, so it sends them in
// turn) when Telegram answers the first with 429 (retry_after 2): the
// others wait, claimed, in the worker. The second resident asks to be
// forgotten meanwhile. After the pause the first and third receive the
// announcement; the forgotten resident never does, and the broadcast
// counts only those it was for.
func TestForgetStopsAMessageAlreadyClaimed(t *testing.T) {
	d := startDasiWith(t, nil, nil, bot.BroadcastOptions{Rate: 50, Senders: 1})
	const first, forgotten, third = 7601, 7602, 7603
	for _, chat := range []int64{first, forgotten, third} {
		d.intake(chat, "은평구", true)
	}
	ctx := context.Background()
	d.TG.Inject(faketg.Fault{Method: "sendMessage", ChatID: first, Status: 429, RetryAfter: 2})
	const text = "잠시 멈췄다 가는 안내"
	b, err := d.store.CreateBroadcast(ctx, data.NewBroadcast{Text: text, Staff: resident(staffChat)}, time.Now())
	if err != nil || b.Counts.Recipients != 3 {
		t.Fatalf("CreateBroadcast = %+v, %v", b.Counts, err)
	}
	d.bc.Wake()
	// The pause is recorded once the first send met the 429: by then all
	// three deliveries were claimed, in one batch.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if until, err := d.store.BroadcastPause(ctx); err != nil || !until.IsZero() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the worker never met the 429")
		}
	}
	if left := d.TG.FaultsLeft(); left != 0 {
		t.Fatal("the 429 was not answered")
	}
	d.say(forgotten, "/forget")
	d.say(forgotten, "네")
	d.expect(forgotten, "모두 지웠어요")

	d.waitMessage(third, text) // sent after the forgotten resident's turn
	if n := countText(d.TG, forgotten, text); n != 0 {
		t.Errorf("the forgotten resident received the announcement %d times after /forget", n)
	}
	for _, chat := range []int64{first, third} {
		if n := countText(d.TG, chat, text); n != 1 {
			t.Errorf("resident %d received the announcement %d times, want once", chat, n)
		}
	}
	b = waitFinished(t, d.store, b.ID, 10*time.Second)
	if want := (data.DeliveryCounts{Recipients: 2, Sent: 2}); b.Counts != want {
		t.Errorf("broadcast counts %+v, want %+v", b.Counts, want)
	}
	if rows := sqlitetest.RowsMentioning(t, d.path, forgotten); len(rows) > 0 {
		t.Errorf("rows still mention the forgotten resident:\n%s", strings.Join(rows, "\n"))
	}
}

// TestStopButtonUnderAnAnnouncement: the "알림 끄기" button under an
// announcement stops notices, even when the resident's session has expired,
// and is answered with a new message.
func TestStopButtonUnderAnAnnouncement(t *testing.T) {
	sessions := inmem.NewSessions(inmem.Options{})
	d := startDasi(t, []int64{staffChat}, sessions, 100)
	const chat = 7300
	d.intake(chat, "은평구", true)
	b, err := d.store.CreateBroadcast(context.Background(), data.NewBroadcast{Text: "새 강좌 안내", Staff: resident(staffChat)}, time.Now())
	if err != nil || b.Counts.Recipients != 1 {
		t.Fatalf("CreateBroadcast = %+v, %v", b.Counts, err)
	}
	d.bc.Wake()
	d.waitMessage(chat, "새 강좌 안내")
	if err := sessions.Delete(context.Background(), resident(chat)); err != nil { // 30 days of silence
		t.Fatal(err)
	}
	d.press(chat, "ntc:stop")
	d.expect(chat, "알림을 껐어요")
	// The answer is a new message: the announcement stays as it was.
	if m := d.waitMessage(chat, "새 강좌 안내"); m.Edits != 0 || m.Text != "새 강좌 안내" {
		t.Errorf("the answer changed the announcement: %q (%d edits)", m.Text, m.Edits)
	}
	r, err := d.store.Resident(context.Background(), resident(chat))
	if err != nil || r.Notices {
		t.Errorf("after the stop button: notices %v (%v), want off", r.Notices, err)
	}
	if n, _ := d.store.CountAudience(context.Background(), data.Audience{}); n != 0 {
		t.Errorf("audience after /stop = %d, want 0", n)
	}
}

// TestExpiredSessionComesBackFromTheStore: a resident whose session expired
// is greeted with their stored answers, not asked everything again.
func TestExpiredSessionComesBackFromTheStore(t *testing.T) {
	sessions := inmem.NewSessions(inmem.Options{})
	d := startDasi(t, nil, sessions, 100)
	const chat = 7400
	d.intake(chat, "은평구", false)
	if err := sessions.Delete(context.Background(), resident(chat)); err != nil {
		t.Fatal(err)
	}
	d.say(chat, "/profile")
	d.expect(chat, "50~54세", "은평구")
}

// redisMentioning scans every key of the Redis server for the value in its
// name or, for string keys, its content.
func redisMentioning(t *testing.T, srv *redistest.Server, value any) []string {
	t.Helper()
	rdb := srv.Client(t)
	ctx := context.Background()
	needle := fmt.Sprint(value)
	var found []string
	iter := rdb.Scan(ctx, 0, "*", 100).Iterator()
	for iter.Next(ctx) {
		key := iter.Val()
		if strings.Contains(key, needle) {
			found = append(found, key)
			continue
		}
		if typ, _ := rdb.Type(ctx, key).Result(); typ == "string" {
			if v, _ := rdb.Get(ctx, key).Result(); strings.Contains(v, needle) {
				found = append(found, key+" (value)")
			}
		}
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	return found
}

// TestAnswersBeforeConsentLiveADay: a profile typed before the consent is
// kept in the session only, and that session expires a day later even if
// the resident never comes back; nothing of it reaches the store.
func TestAnswersBeforeConsentLiveADay(t *testing.T) {
	now := time.Now()
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	sessions := inmem.NewSessions(inmem.Options{Now: clock})
	d := startDasi(t, nil, sessions, 100)
	const chat = 7500
	d.say(chat, "/start")
	d.say(chat, "52살 회계 20년 재취업 은평 살아요")
	d.expect(chat, "동의해 주시면", "50~54세", "은평구")
	if r, err := d.store.Resident(context.Background(), resident(chat)); err == nil && r.Profile != (data.Profile{}) {
		t.Errorf("answers typed before consent reached the store: %+v", r.Profile)
	}
	// (A Load here would restart the store's thirty days, as the bot's own
	// load does before every save; the save after it is what shortens it.)
	mu.Lock()
	now = now.Add(dialogs.PendingTTL + time.Minute)
	mu.Unlock()
	if _, err := sessions.Load(context.Background(), resident(chat)); !errors.Is(err, data.ErrNoSession) {
		t.Fatalf("a day later the session is still there (err %v)", err)
	}
}
