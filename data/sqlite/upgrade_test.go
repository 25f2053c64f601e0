package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/internal/sqlitetest"
)

// The residents of testdata/main-fd75d5d.db (see testdata/README.md), and
// the time it was written at.
var (
	fixtureTime = time.Date(2026, 7, 20, 10, 0, 0, 0, time.UTC)

	oldA     = tg(7012345678) // intake done, notices
	oldB     = tg(123456)     // intake half done
	oldC     = tg(5550001112) // notices given and withdrawn
	oldD     = tg(8000000001) // intake done, notices
	oldStaff = tg(111222333)
	oldBlock = tg(4242424242)
)

// openFixture copies testdata/main-fd75d5d.db to a temporary directory and
// opens it with sqlite.Open, which migrates it. It returns the store and
// the copy's path.
func openFixture(t *testing.T) (*sqlite.Store, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "main-fd75d5d.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dasi.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if v := rawQuery(t, path, `SELECT max(version) FROM schema_migrations`); v != "8" {
		t.Fatalf("the fixture is at schema version %s, want 8 (written before migration 009)", v)
	}
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open the database of main fd75d5d: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

// rawQuery runs query on the file at path, bypassing the store, and
// returns its rows as text: a line per row, columns between '|'.
func rawQuery(t *testing.T, path, query string, args ...any) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		cells := make([]string, len(vals))
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			if v == nil {
				v = "NULL"
			}
			cells[i] = fmt.Sprint(v)
		}
		lines = append(lines, strings.Join(cells, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// TestOpenCarriesOverADatabaseOfMainFd75d5d opens a database the main
// before channels wrote, keyed by Telegram chat ids, and finds every
// resident, consent, step reached, blocked mark, draft, broadcast,
// delivery, alert item, the pause and the counters under telegram:<old id>;
// the schema is the one a new database gets; /forget then removes a
// migrated resident everywhere.
func TestOpenCarriesOverADatabaseOfMainFd75d5d(t *testing.T) {
	ctx := context.Background()
	st, path := openFixture(t)
	at := func(d time.Duration) time.Time { return fixtureTime.Add(d) }

	latest, err := sqlite.LatestSchema()
	if err != nil {
		t.Fatal(err)
	}
	if v, err := st.SchemaVersion(ctx); err != nil || v != latest {
		t.Fatalf("SchemaVersion = %d, %v; want %d, the latest", v, err, latest)
	}

	t.Run("residents", func(t *testing.T) {
		goals := func(gs ...data.Goal) data.Goals {
			var out data.Goals
			for _, g := range gs {
				out = out.With(g)
			}
			return out
		}
		for _, want := range []data.Resident{
			{ID: oldA, Profile: data.Profile{Age: data.Age50to54, Field: data.FieldFinance, Years: data.Years20Plus,
				Goals: goals(data.GoalJob, data.GoalDigital), District: data.DistrictByName("은평구")},
				ProfileConsent: true, IntakeDone: true, Notices: true,
				CreatedAt: at(0), UpdatedAt: at(0), LastUsedAt: at(0)},
			{ID: oldB, Profile: data.Profile{Age: data.Age60to64, Field: data.FieldDriving},
				ProfileConsent: true, CreatedAt: at(time.Hour), UpdatedAt: at(time.Hour), LastUsedAt: at(time.Hour)},
			{ID: oldC, Profile: data.Profile{Age: data.Age40to44, Field: data.FieldIT, Years: data.Years10to20,
				Goals: goals(data.GoalStartup), District: data.DistrictByName("강남구")},
				ProfileConsent: true, IntakeDone: true,
				CreatedAt: at(0), UpdatedAt: at(2 * time.Hour), LastUsedAt: at(0)},
			{ID: oldD, Profile: data.Profile{Age: data.Age55to59, Field: data.FieldCare, Years: data.Years5to10,
				Goals: goals(data.GoalSocial), District: data.DistrictByName("노원구")},
				ProfileConsent: true, IntakeDone: true, Notices: true,
				CreatedAt: at(0), UpdatedAt: at(0), LastUsedAt: at(0)},
		} {
			got, err := st.Resident(ctx, want.ID)
			if err != nil {
				t.Errorf("Resident(%s): %v", want.ID, err)
				continue
			}
			if !got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) || !got.LastUsedAt.Equal(want.LastUsedAt) {
				t.Errorf("Resident(%s) times: created %v updated %v last used %v; want %v %v %v", want.ID,
					got.CreatedAt.UTC(), got.UpdatedAt.UTC(), got.LastUsedAt.UTC(), want.CreatedAt, want.UpdatedAt, want.LastUsedAt)
			}
			got.CreatedAt, got.UpdatedAt, got.LastUsedAt = want.CreatedAt, want.UpdatedAt, want.LastUsedAt
			if got != want {
				t.Errorf("Resident(%s) =\n %+v\nwant\n %+v", want.ID, got, want)
			}
		}
		if got := rawQuery(t, path, `SELECT resident FROM residents ORDER BY resident`); got != strings.Join([]string{
			string(oldB), string(oldC), string(oldA), string(oldD)}, "\n") {
			t.Errorf("residents kept:\n%s\nwant the four of the fixture", got)
		}
		if _, err := st.Resident(ctx, tg(999)); !errors.Is(err, data.ErrNoResident) {
			t.Errorf("the chat that refused has a row: %v", err)
		}
	})

	t.Run("consents", func(t *testing.T) {
		prof := data.ConsentText{Kind: data.ConsentProfile, Version: "sha256:aaaaaaaaaaaa", Text: "필수 동의 문구"}
		note := data.ConsentText{Kind: data.ConsentNotices, Version: "sha256:bbbbbbbbbbbb", Text: "알림 동의 문구"}
		for id, want := range map[data.ResidentID][]data.Consent{
			oldA: {{ConsentText: prof, GivenAt: at(0)}, {ConsentText: note, GivenAt: at(0)}},
			oldB: {{ConsentText: prof, GivenAt: at(time.Hour)}},
			oldC: {{ConsentText: prof, GivenAt: at(0)}, {ConsentText: note, GivenAt: at(0), WithdrawnAt: at(2 * time.Hour)}},
			oldD: {{ConsentText: prof, GivenAt: at(0)}, {ConsentText: note, GivenAt: at(0)}},
		} {
			got, err := st.Consents(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Errorf("Consents(%s) = %+v, want %+v", id, got, want)
				continue
			}
			for i := range want {
				g, w := got[i], want[i]
				if g.ConsentText != w.ConsentText || !g.GivenAt.Equal(w.GivenAt) || !g.WithdrawnAt.Equal(w.WithdrawnAt) {
					t.Errorf("Consents(%s)[%d] = %s %s given %v withdrawn %v; want %s %s given %v withdrawn %v", id, i,
						g.Kind, g.Version, g.GivenAt.UTC(), g.WithdrawnAt.UTC(), w.Kind, w.Version, w.GivenAt, w.WithdrawnAt)
				}
			}
		}
		if n := rawQuery(t, path, `SELECT count(*) FROM consents`); n != "7" {
			t.Errorf("%s consents kept, want 7", n)
		}
	})

	t.Run("step reach", func(t *testing.T) {
		want := strings.Join([]string{
			"telegram:123456|3|1784541600",
			"telegram:31337|1|1784541600",
			"telegram:5550001112|6|1784541600",
			"telegram:7012345678|6|1784541600",
			"telegram:8000000001|6|1784541600",
		}, "\n")
		if got := rawQuery(t, path, `SELECT resident, furthest, updated_at FROM step_reach ORDER BY resident`); got != want {
			t.Errorf("step_reach =\n%s\nwant\n%s", got, want)
		}
	})

	t.Run("blocked mark and staff draft", func(t *testing.T) {
		if ids, err := st.BlockedChats(ctx); err != nil || !slices.Equal(ids, []data.ResidentID{oldBlock}) {
			t.Errorf("BlockedChats = %v, %v; want [%s]", ids, err, oldBlock)
		}
		if b, err := st.ChatBlocked(ctx, oldBlock); err != nil || !b {
			t.Errorf("ChatBlocked(%s) = %v, %v; want true", oldBlock, b, err)
		}
		if b, _ := st.ChatBlocked(ctx, oldA); b {
			t.Errorf("%s is blocked", oldA)
		}
		if got, err := st.StaffDraft(ctx, oldStaff); err != nil || string(got) != `{"v":1,"s":"write"}` {
			t.Errorf("StaffDraft(%s) = %q, %v", oldStaff, got, err)
		}
	})

	t.Run("broadcasts", func(t *testing.T) {
		for _, want := range []data.Broadcast{
			{ID: 1, Kind: data.BroadcastStaff, Text: "서부캠퍼스 8월 강좌 안내", Staff: oldStaff, ProgressMessage: 77,
				State: data.BroadcastRunning, Counts: data.DeliveryCounts{Recipients: 2, Sent: 1}, CreatedAt: at(0)},
			{ID: 2, Kind: data.BroadcastStaff, Text: "노원구 안내", Audience: data.Audience{District: data.DistrictByName("노원구")},
				Staff: oldStaff, State: data.BroadcastDone, Counts: data.DeliveryCounts{Recipients: 1, Sent: 1},
				CreatedAt: at(0), FinishedAt: at(0)},
			{ID: 3, Kind: data.BroadcastAlert, State: data.BroadcastRunning,
				Counts: data.DeliveryCounts{Recipients: 1}, CreatedAt: at(0)},
		} {
			got, err := st.Broadcast(ctx, want.ID)
			if err != nil {
				t.Errorf("Broadcast(%d): %v", want.ID, err)
				continue
			}
			if !got.CreatedAt.Equal(want.CreatedAt) || !got.FinishedAt.Equal(want.FinishedAt) {
				t.Errorf("broadcast %d created %v finished %v, want %v %v", want.ID, got.CreatedAt, got.FinishedAt, want.CreatedAt, want.FinishedAt)
			}
			got.CreatedAt, got.FinishedAt = want.CreatedAt, want.FinishedAt
			if got != want {
				t.Errorf("Broadcast(%d) =\n %+v\nwant\n %+v", want.ID, got, want)
			}
		}
		running, err := st.RunningBroadcasts(ctx)
		if err != nil || len(running) != 2 || running[0].ID != 1 || running[1].ID != 3 {
			t.Errorf("RunningBroadcasts = %+v, %v; want 1 and 3", running, err)
		}
		want := strings.Join([]string{
			"1|1|telegram:7012345678|sent|1|0|NULL",
			"2|1|telegram:8000000001|pending|0|0|NULL",
			"3|2|telegram:8000000001|sent|1|0|NULL",
			"4|3|telegram:7012345678|pending|0|0|새 소식 1건: 가치동행일자리",
		}, "\n")
		if got := rawQuery(t, path, `SELECT id, broadcast_id, resident, state, attempts, next_at, body FROM deliveries ORDER BY id`); got != want {
			t.Errorf("deliveries =\n%s\nwant\n%s", got, want)
		}
	})

	t.Run("alerts and pause", func(t *testing.T) {
		items, err := st.AlertItemsSince(ctx, -1)
		if err != nil || fmt.Sprint(items) != "[{job seoul-K123} {program seed-gachi-2026}]" {
			t.Errorf("AlertItemsSince(-1) = %v, %v", items, err)
		}
		if seq := rawQuery(t, path, `SELECT group_concat(seq || ':' || first_seen_at) FROM alert_items`); seq != "0:1784541600,0:1784541600" {
			t.Errorf("alert items seq:first_seen = %s", seq)
		}
		// The next day 7012345678 (who had items up to 2) and 8000000001
		// are due a look; 5550001112 stopped notices. Pages follow the ids.
		next := data.DateOf(fixtureTime).AddDays(1)
		due, err := st.AlertRecipients(ctx, next, 3, "", 1)
		if err != nil || len(due) != 1 || due[0].Resident != oldA || due[0].Since != 2 {
			t.Fatalf("first page of AlertRecipients = %+v, %v; want %s since 2", due, err, oldA)
		}
		due, err = st.AlertRecipients(ctx, next, 3, due[0].Resident, 10)
		if err != nil || len(due) != 1 || due[0].Resident != oldD || due[0].Since != 0 {
			t.Errorf("second page of AlertRecipients = %+v, %v; want %s since 0", due, err, oldD)
		}
		if due, _ := st.AlertRecipients(ctx, data.DateOf(fixtureTime), 3, "", 10); len(due) != 1 || due[0].Resident != oldD {
			t.Errorf("AlertRecipients the day of the digest = %+v, want only %s", due, oldD)
		}
		if until, err := st.BroadcastPause(ctx); err != nil || !until.Equal(at(30*time.Second)) {
			t.Errorf("BroadcastPause = %v, %v; want %v", until, err, at(30*time.Second))
		}
	})

	t.Run("stats", func(t *testing.T) {
		got, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := data.Stats{
			Residents: 4, Profiles: 4, Intakes: 3, Notices: 2,
			ConsentsGiven: 4, ConsentsRefused: 1, NoticesGiven: 3, IntakesCompleted: 3,
			Reach: []data.StepReach{{Step: 0, Chats: 5}, {Step: 1, Chats: 5}, {Step: 2, Chats: 4}, {Step: 3, Chats: 4},
				{Step: 4, Chats: 3}, {Step: 5, Chats: 3}, {Step: 6, Chats: 3}},
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Stats =\n %+v\nwant\n %+v", got, want)
		}
	})

	t.Run("schema is a new database's", func(t *testing.T) {
		fresh := filepath.Join(t.TempDir(), "fresh.db")
		s, err := sqlite.Open(ctx, fresh)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		const schema = `SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name`
		if got, want := rawQuery(t, path, schema), rawQuery(t, fresh, schema); got != want {
			t.Errorf("the migrated schema differs from a new database's:\n%s\n\nwant\n%s", got, want)
		}
		if old := rawQuery(t, path, `SELECT m.name || '.' || p.name FROM sqlite_schema m, pragma_table_info(m.name) p
			WHERE m.type = 'table' AND (p.name IN ('chat_id', 'staff_id', 'staff_chat') OR m.name LIKE '%_v8')`); old != "" {
			t.Errorf("left from before the migration: %s", old)
		}
		if bad := rawQuery(t, path, `PRAGMA foreign_key_check`); bad != "" {
			t.Errorf("foreign keys broken by the migration:\n%s", bad)
		}
		if ok := rawQuery(t, path, `PRAGMA integrity_check`); ok != "ok" {
			t.Errorf("integrity_check: %s", ok)
		}
	})

	t.Run("deliveries resume", func(t *testing.T) {
		ds, err := st.ClaimDeliveries(ctx, 1, at(time.Minute), 10)
		if err != nil || len(ds) != 1 || ds[0].Resident != oldD || ds[0].Text != "서부캠퍼스 8월 강좌 안내" || ds[0].Attempts != 1 {
			t.Errorf("ClaimDeliveries(1) = %+v, %v; want the pending one to %s", ds, err, oldD)
		}
		ds, err = st.ClaimDeliveries(ctx, 3, at(time.Minute), 10)
		if err != nil || len(ds) != 1 || ds[0].Resident != oldA || ds[0].Text != "새 소식 1건: 가치동행일자리" {
			t.Errorf("ClaimDeliveries(3) = %+v, %v; want the digest to %s", ds, err, oldA)
		}
		if _, err := st.RecoverDeliveries(ctx); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("forget removes a migrated resident everywhere", func(t *testing.T) {
		if rows := sqlitetest.RowsMentioning(t, path, oldA); len(rows) < 5 {
			t.Fatalf("before Forget only %d cells mention %s: %v", len(rows), oldA, rows)
		}
		n, err := st.Forget(ctx, oldA)
		if err != nil || n == 0 {
			t.Fatalf("Forget(%s) = %d, %v", oldA, n, err)
		}
		if rows := sqlitetest.RowsMentioning(t, path, oldA); len(rows) > 0 {
			t.Errorf("rows still mention %s after Forget:\n%s", oldA, strings.Join(rows, "\n"))
		}
		if cs, err := st.Consents(ctx, oldD); err != nil || len(cs) != 2 {
			t.Errorf("Consents(%s) after another resident was forgotten = %+v, %v", oldD, cs, err)
		}
		if b, _ := st.Broadcast(ctx, 1); b.Counts.Sent != 1 || b.Counts.Recipients != 2 {
			t.Errorf("broadcast 1 after Forget: %+v; the sent delivery stays in the totals", b.Counts)
		}
		if b, _ := st.Broadcast(ctx, 3); b.Counts.Recipients != 0 {
			t.Errorf("broadcast 3 after Forget: %+v; its one pending delivery is taken off", b.Counts)
		}
	})

	t.Run("new channels live beside the old rows", func(t *testing.T) {
		kakao := data.ResidentID("kakao:" + strings.Repeat("k", data.MaxResidentKey))
		if err := st.GiveConsent(ctx, kakao, data.ConsentProfile, "sha256:aaaaaaaaaaaa", at(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if r, err := st.Resident(ctx, kakao); err != nil || r.ID != kakao || !r.ProfileConsent {
			t.Errorf("Resident(kakao) = %+v, %v", r, err)
		}
	})
}
