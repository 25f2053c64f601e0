package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/internal/sqlitetest"
)

// TestInvalidResidentIDsAreRefusedAndNeverStored calls every method that
// takes a resident id with ids that name nobody: each returns an error
// wrapping data.ErrResidentID, and nothing reaches the file, not even a
// counter.
func TestInvalidResidentIDsAreRefusedAndNeverStored(t *testing.T) {
	ctx := context.Background()
	st, path := residentsDB(t)
	if err := st.RecordConsentText(ctx, profileConsent, t0); err != nil {
		t.Fatal(err)
	}
	resident(t, st, tg(1), eunpyeong50, true) // a valid one, for the broadcasts to reach
	before, _ := st.Stats(ctx)

	for _, bad := range []data.ResidentID{"", "777111", "telegram:", "sms:777111", "telegram:777 111", ":777111"} {
		calls := map[string]error{}
		calls["GiveConsent"] = st.GiveConsent(ctx, bad, data.ConsentProfile, profileConsent.Version, t0)
		_, calls["WithdrawConsent"] = st.WithdrawConsent(ctx, bad, data.ConsentNotices, t0)
		calls["RefuseConsent"] = st.RefuseConsent(ctx, bad, t0)
		calls["SaveProfile"] = st.SaveProfile(ctx, bad, eunpyeong50, true, t0)
		_, calls["Resident"] = st.Resident(ctx, bad)
		calls["Touch"] = st.Touch(ctx, t0.Add(time.Hour), tg(1), bad)
		calls["RecordSteps"] = st.RecordSteps(ctx, map[data.ResidentID]int{tg(1): 1, bad: 2}, t0)
		calls["RecordStep"] = st.RecordStep(ctx, bad, 1, t0)
		_, calls["Consents"] = st.Consents(ctx, bad)
		_, calls["Forget"] = st.Forget(ctx, bad)
		calls["SetChatBlocked"] = st.SetChatBlocked(ctx, bad, true)
		_, calls["ChatBlocked"] = st.ChatBlocked(ctx, bad)
		_, calls["StaffDraft"] = st.StaffDraft(ctx, bad)
		calls["SaveStaffDraft"] = st.SaveStaffDraft(ctx, bad, []byte(`{"v":1}`), t0)
		_, calls["CreateBroadcast"] = st.CreateBroadcast(ctx, data.NewBroadcast{Text: "안내 777111", Staff: bad}, t0)
		_, calls["CreateAlertBroadcast"] = st.CreateAlertBroadcast(ctx,
			[]data.AlertDigest{{Resident: tg(1), Text: "소식 777111"}, {Resident: bad, Text: "소식 777111"}}, 1, data.DateOf(t0), t0)
		calls["MarkAlertsChecked"] = st.MarkAlertsChecked(ctx, []data.ResidentID{tg(1), bad}, 5)
		if bad != "" { // "" is the first page
			_, calls["AlertRecipients"] = st.AlertRecipients(ctx, data.DateOf(t0), 1, bad, 10)
		}
		for name, err := range calls {
			if !errors.Is(err, data.ErrResidentID) {
				t.Errorf("%s(%q): err = %v, want ErrResidentID", name, bad, err)
			}
		}
	}
	if rows := sqlitetest.RowsMentioning(t, path, "777111"); len(rows) > 0 {
		t.Errorf("an invalid id, or what came with it, was stored: %v", rows)
	}
	if after, _ := st.Stats(ctx); after.ConsentsRefused != before.ConsentsRefused || len(after.Reach) != len(before.Reach) {
		t.Errorf("a refused call still counted: stats %+v, before %+v", after, before)
	}
	if bs, _ := st.Broadcasts(ctx, data.BroadcastAlert, 10); len(bs) != 0 {
		t.Errorf("an alert broadcast was stored with an invalid digest: %+v", bs)
	}
	if r, _ := st.Resident(ctx, tg(1)); !r.LastUsedAt.Equal(t0) {
		t.Errorf("Touch with one invalid id touched the valid one: last used %v", r.LastUsedAt)
	}
}

// TestTheSchemaRefusesWhatIsNotAResidentID: the CHECK of the resident
// columns keeps out what the store's own checks would, for a writer that
// bypasses them.
func TestTheSchemaRefusesWhatIsNotAResidentID(t *testing.T) {
	_, path := residentsDB(t)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, bad := range []string{"7012345678", "telegram:", ":1", "Telegram:1", "telegram:7 1", "kakao:한글", ""} {
		for _, q := range []string{
			`INSERT INTO residents (resident, created_at, updated_at, last_used_at) VALUES (?, 0, 0, 0)`,
			`INSERT INTO step_reach (resident, furthest, updated_at) VALUES (?, 0, 0)`,
			`INSERT INTO blocked_chats (resident, blocked_at) VALUES (?, 0)`,
			`INSERT INTO staff_drafts (resident, state, updated_at) VALUES (?, x'00', 0)`,
		} {
			if _, err := db.Exec(q, bad); err == nil {
				t.Errorf("%s accepted %q", q, bad)
			}
		}
	}
	for _, good := range []string{"telegram:7012345678", "kakao:Ab_9-x"} {
		if _, err := db.Exec(`INSERT INTO blocked_chats (resident, blocked_at) VALUES (?, 0)`, good); err != nil {
			t.Errorf("blocked_chats refused %q: %v", good, err)
		}
	}
}
