package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/internal/sqlitetest"
)

// residentsDB opens a fresh store in a temporary directory and returns it
// with its file, which tests open again to look at every row.
func residentsDB(t *testing.T) (*sqlite.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dasi.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

var (
	t0 = time.Date(2026, 7, 26, 10, 0, 0, 0, time.UTC)

	profileConsent = data.ConsentText{Kind: data.ConsentProfile, Version: "2026-07", Text: "맞춤 정보를 드리려면 몇 가지를 여쭤봐야 해요."}
	noticesConsent = data.ConsentText{Kind: data.ConsentNotices, Version: "2026-07", Text: "새 소식을 가끔 보내 드릴까요?"}

	eunpyeong50 = data.Profile{
		Age: data.Age50to54, Field: data.FieldFinance, Years: data.Years20Plus,
		Goals:    data.Goals(0).With(data.GoalJob).With(data.GoalDigital),
		District: data.DistrictByName("은평구"),
	}
)

// tg returns the resident id of Telegram chat n.
func tg(n int64) data.ResidentID { return data.ResidentID("telegram:" + strconv.FormatInt(n, 10)) }

// give records the consent text and the resident's consent to it.
func give(ctx context.Context, st *sqlite.Store, id data.ResidentID, c data.ConsentText, now time.Time) error {
	if err := st.RecordConsentText(ctx, c, now); err != nil {
		return err
	}
	return st.GiveConsent(ctx, id, c.Kind, c.Version, now)
}

// resident stores a consenting resident with profile p, opted in to notices
// when notices is set.
func resident(t *testing.T, st *sqlite.Store, id data.ResidentID, p data.Profile, notices bool) {
	t.Helper()
	ctx := context.Background()
	if err := give(ctx, st, id, profileConsent, t0); err != nil {
		t.Fatalf("GiveConsent: %v", err)
	}
	if err := st.SaveProfile(ctx, id, p, true, t0); err != nil {
		t.Fatalf("SaveProfile: %v", err)
	}
	if notices {
		if err := give(ctx, st, id, noticesConsent, t0); err != nil {
			t.Fatalf("GiveConsent notices: %v", err)
		}
	}
}

func TestProfileIsStoredOnlyAfterConsent(t *testing.T) {
	ctx := context.Background()
	st, path := residentsDB(t)
	chat := tg(700100)

	if err := st.SaveProfile(ctx, chat, eunpyeong50, true, t0); !errors.Is(err, data.ErrNoConsent) {
		t.Fatalf("SaveProfile before consent: got %v, want ErrNoConsent", err)
	}
	if _, err := st.Resident(ctx, chat); !errors.Is(err, data.ErrNoResident) {
		t.Fatalf("Resident before consent: got %v, want ErrNoResident", err)
	}
	if n := sqlitetest.RowsMentioning(t, path, chat); len(n) > 0 {
		t.Fatalf("rows stored before consent: %v", n)
	}

	if err := give(ctx, st, chat, profileConsent, t0); err != nil {
		t.Fatal(err)
	}
	withLocation := eunpyeong50
	withLocation.At = data.LatLon{Lat: 37.6191, Lon: 126.9215}
	if err := st.SaveProfile(ctx, chat, withLocation, true, t0.Add(time.Minute)); err != nil {
		t.Fatalf("SaveProfile after consent: %v", err)
	}
	r, err := st.Resident(ctx, chat)
	if err != nil {
		t.Fatal(err)
	}
	if r.Profile != eunpyeong50 {
		t.Errorf("stored profile = %+v, want %+v (and never the location)", r.Profile, eunpyeong50)
	}
	if !r.ProfileConsent || !r.IntakeDone || r.Notices {
		t.Errorf("flags: consent %v intake %v notices %v, want true true false", r.ProfileConsent, r.IntakeDone, r.Notices)
	}
	for _, v := range []string{"37.6191", "126.9215", "37.619", "126.921"} {
		if rows := sqlitetest.RowsMentioning(t, path, v); len(rows) > 0 {
			t.Errorf("the shared location is stored: %v", rows)
		}
	}

	// Changing an answer (/profile) updates the row.
	changed := eunpyeong50
	changed.District = data.DistrictByName("마포구")
	if err := st.SaveProfile(ctx, chat, changed, false, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if r, _ := st.Resident(ctx, chat); r.Profile.District.Name() != "마포구" || !r.IntakeDone {
		t.Errorf("after a change: district %s intake %v, want 마포구 true", r.Profile.District.Name(), r.IntakeDone)
	}

	// Withdrawing the required consent clears the profile.
	if ok, err := st.WithdrawConsent(ctx, chat, data.ConsentProfile, t0.Add(2*time.Hour)); err != nil || !ok {
		t.Fatalf("WithdrawConsent = %v, %v", ok, err)
	}
	if r, _ := st.Resident(ctx, chat); r.Profile != (data.Profile{}) || r.ProfileConsent {
		t.Errorf("after withdrawal the profile is %+v (consent %v), want nothing", r.Profile, r.ProfileConsent)
	}
	if err := st.SaveProfile(ctx, chat, eunpyeong50, true, t0); !errors.Is(err, data.ErrNoConsent) {
		t.Errorf("SaveProfile after withdrawal: got %v, want ErrNoConsent", err)
	}
}

// TestRefusingCountsAndKeepsNothing: a chat that refuses the required
// consent is counted, anonymously, and leaves no row; one that agreed
// earlier and refuses now has its profile cleared.
func TestRefusingCountsAndKeepsNothing(t *testing.T) {
	ctx := context.Background()
	st, path := residentsDB(t)
	stranger, changedMind := tg(700150), data.ResidentID("kakao:changed-mind-700160")
	if err := st.RefuseConsent(ctx, stranger, t0); err != nil {
		t.Fatal(err)
	}
	if rows := sqlitetest.RowsMentioning(t, path, stranger); len(rows) > 0 {
		t.Errorf("a refusal stored rows about the chat: %v", rows)
	}
	resident(t, st, changedMind, eunpyeong50, false)
	if err := st.RefuseConsent(ctx, changedMind, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if r, err := st.Resident(ctx, changedMind); err != nil || r.ProfileConsent || r.IntakeDone || r.Profile != (data.Profile{}) {
		t.Errorf("after refusing: %+v, %v; want no consent and no profile", r, err)
	}
	if cs, _ := st.Consents(ctx, changedMind); len(cs) != 1 || cs[0].Standing() {
		t.Errorf("consents after refusing: %+v, want the one given, withdrawn", cs)
	}
	if stats, _ := st.Stats(ctx); stats.ConsentsRefused != 2 || stats.ConsentsGiven != 1 {
		t.Errorf("stats: %d refused, %d given; want 2 and 1", stats.ConsentsRefused, stats.ConsentsGiven)
	}
}

func TestConsentTextAndVersionAreRecordedWithTime(t *testing.T) {
	ctx := context.Background()
	st, _ := residentsDB(t)
	chat := data.ResidentID("kakao:consenting-700200")

	if err := give(ctx, st, chat, profileConsent, t0); err != nil {
		t.Fatal(err)
	}
	// Giving the same version again records nothing new.
	if err := give(ctx, st, chat, profileConsent, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	changed := profileConsent
	changed.Text += " (바뀐 문장)"
	if err := give(ctx, st, chat, changed, t0); err == nil {
		t.Fatal("a changed text under the same version was accepted")
	}
	v2 := data.ConsentText{Kind: data.ConsentProfile, Version: "2026-09", Text: "새 안내문이에요."}
	if err := give(ctx, st, chat, v2, t0.Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := give(ctx, st, chat, data.ConsentText{Kind: "marketing", Version: "1", Text: "x"}, t0); err == nil {
		t.Error("an unknown consent kind was accepted")
	}
	if err := st.GiveConsent(ctx, chat, data.ConsentProfile, "never-recorded", t0); err == nil {
		t.Error("a consent to a text never recorded was accepted")
	}

	got, err := st.Consents(ctx, chat)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d consents, want 2: %+v", len(got), got)
	}
	if got[0].ConsentText != profileConsent || !got[0].GivenAt.Equal(t0) || got[0].Standing() {
		t.Errorf("first consent = %+v, want %q given at %v and replaced", got[0], profileConsent.Version, t0)
	}
	if got[1].ConsentText != v2 || !got[1].GivenAt.Equal(t0.Add(48*time.Hour)) || !got[1].Standing() {
		t.Errorf("second consent = %+v, want %q standing", got[1], v2.Version)
	}
}

func TestStopNoticesCancelsWhatIsWaiting(t *testing.T) {
	ctx := context.Background()
	st, _ := residentsDB(t)
	resident(t, st, tg(1), eunpyeong50, true)
	resident(t, st, tg(2), eunpyeong50, true)

	b, err := st.CreateBroadcast(ctx, data.NewBroadcast{Text: "안내", Staff: tg(9)}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := st.WithdrawConsent(ctx, tg(2), data.ConsentNotices, t0); err != nil || !ok {
		t.Fatalf("WithdrawConsent = %v, %v", ok, err)
	}
	if r, _ := st.Resident(ctx, tg(2)); r.Notices {
		t.Error("notices still on after /stop")
	}
	got, err := st.ClaimDeliveries(ctx, b.ID, t0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Resident != tg(1) {
		t.Fatalf("claimed %+v, want only telegram:1", got)
	}
	b, _ = st.Broadcast(ctx, b.ID)
	if b.Counts.Cancelled != 1 {
		t.Errorf("cancelled = %d, want 1", b.Counts.Cancelled)
	}
	if n, _ := st.CountAudience(ctx, data.Audience{}); n != 1 {
		t.Errorf("audience after /stop = %d, want 1", n)
	}
}

func TestForgetLeavesNoRowMentioningTheResident(t *testing.T) {
	ctx := context.Background()
	st, path := residentsDB(t)
	chat := tg(918273645) // distinctive, so a match anywhere is this resident
	resident(t, st, chat, eunpyeong50, true)
	resident(t, st, tg(5), eunpyeong50, true)
	if err := st.SetChatBlocked(ctx, chat, true); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveStaffDraft(ctx, chat, []byte(`{"v":1,"s":"write"}`), t0); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordStep(ctx, chat, 4, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddReminder(ctx, chat, data.Reminder{Item: data.AlertItem{Kind: data.AlertJob, ID: "gji-K1"},
		Kind: data.ReminderDeadline, On: data.NewDate(2026, 8, 14), Due: data.NewDate(2026, 8, 12)}, t0); err != nil {
		t.Fatal(err)
	}
	if err := st.SetChatBlocked(ctx, chat, false); err != nil {
		t.Fatal(err)
	}
	sent, err := st.CreateBroadcast(ctx, data.NewBroadcast{Text: "지난 안내", Staff: tg(9)}, t0)
	if err != nil {
		t.Fatal(err)
	}
	claimed, _ := st.ClaimDeliveries(ctx, sent.ID, t0, 10)
	var results []data.DeliveryResult
	for _, d := range claimed {
		results = append(results, data.DeliveryResult{ID: d.ID, BroadcastID: d.BroadcastID, Outcome: data.Sent})
	}
	if err := st.RecordDeliveries(ctx, results); err != nil {
		t.Fatal(err)
	}
	waiting, err := st.CreateBroadcast(ctx, data.NewBroadcast{Text: "새 안내", Staff: tg(9)}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetChatBlocked(ctx, chat, true); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveStaffDraft(ctx, chat, []byte(`{"v":1,"s":"write"}`), t0); err != nil {
		t.Fatal(err)
	}
	if rows := sqlitetest.RowsMentioning(t, path, chat); len(rows) == 0 {
		t.Fatal("the test stored nothing about the resident")
	}

	n, err := st.Forget(ctx, chat)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("Forget deleted no row")
	}
	if rows := sqlitetest.RowsMentioning(t, path, chat); len(rows) > 0 {
		t.Errorf("rows still mention the resident after Forget:\n%s", strings.Join(rows, "\n"))
	}
	if _, err := st.Resident(ctx, chat); !errors.Is(err, data.ErrNoResident) {
		t.Errorf("Resident after Forget: %v, want ErrNoResident", err)
	}
	// The pending delivery is gone and no longer counted; the sent one
	// stays in the totals.
	w, _ := st.Broadcast(ctx, waiting.ID)
	if w.Counts.Recipients != 1 || w.Counts.Pending() != 1 {
		t.Errorf("waiting broadcast counts %+v, want 1 recipient pending", w.Counts)
	}
	s, _ := st.Broadcast(ctx, sent.ID)
	if s.Counts.Sent != 2 {
		t.Errorf("sent broadcast counts %+v, want 2 sent", s.Counts)
	}
	if _, err := st.Resident(ctx, tg(5)); err != nil {
		t.Errorf("another resident was deleted: %v", err)
	}
	stats, _ := st.Stats(ctx)
	if stats.Forgotten != 1 {
		t.Errorf("stats.Forgotten = %d, want 1", stats.Forgotten)
	}
}

func TestRetentionDeletesTwelveMonthsAfterLastUse(t *testing.T) {
	ctx := context.Background()
	st, path := residentsDB(t)
	silent, back, refused := tg(811111111), data.ResidentID("kakao:back-812222222"), tg(813333333)
	resident(t, st, silent, eunpyeong50, true)                 // silent since t0
	resident(t, st, back, eunpyeong50, true)                   // comes back after 11 months
	if err := st.RecordStep(ctx, refused, 1, t0); err != nil { // never consented
		t.Fatal(err)
	}
	if err := st.Touch(ctx, t0.AddDate(0, 11, 0), back); err != nil {
		t.Fatal(err)
	}

	if got, err := st.DeleteExpired(ctx, t0.AddDate(0, 11, 27)); err != nil || got.Residents != 0 || got.Chats != 0 {
		t.Fatalf("before 12 months: DeleteExpired = %+v, %v; want nothing deleted", got, err)
	}
	got, err := st.DeleteExpired(ctx, t0.AddDate(0, 12, 1))
	if err != nil {
		t.Fatal(err)
	}
	if got.Residents != 1 || got.Chats != 1 {
		t.Errorf("DeleteExpired = %+v, want 1 resident and 1 chat", got)
	}
	for _, id := range []data.ResidentID{silent, refused} {
		if rows := sqlitetest.RowsMentioning(t, path, id); len(rows) > 0 {
			t.Errorf("%s still has rows after 12 months: %v", id, rows)
		}
	}
	if _, err := st.Resident(ctx, back); err != nil {
		t.Errorf("the resident who came back was deleted: %v", err)
	}
	stats, _ := st.Stats(ctx)
	if stats.Expired != 2 {
		t.Errorf("stats.Expired = %d, want 2", stats.Expired)
	}
}

func TestStatsCountEachChatOncePerStep(t *testing.T) {
	ctx := context.Background()
	st, _ := residentsDB(t)
	resident(t, st, tg(1), eunpyeong50, true)
	resident(t, st, tg(2), eunpyeong50, false)
	if err := give(ctx, st, tg(3), profileConsent, t0); err != nil {
		t.Fatal(err)
	}
	// Confirming again, or without a consent, completes no more intakes.
	if err := st.SaveProfile(ctx, tg(1), eunpyeong50, true, t0); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveProfile(ctx, tg(4), eunpyeong50, true, t0); !errors.Is(err, data.ErrNoConsent) {
		t.Fatalf("SaveProfile without a consent: %v, want ErrNoConsent", err)
	}
	for _, s := range []struct {
		chat int64
		step int
	}{
		{1, 0}, {1, 1}, {1, 2}, {1, 1}, {1, 2}, {1, 5}, // back and forth; a jump from 2 to 5
		{2, 0}, {2, 3},
		{3, 0},
	} {
		if err := st.RecordStep(ctx, tg(s.chat), s.step, t0); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := data.Stats{
		Residents: 3, Profiles: 3, Intakes: 2, Notices: 1,
		ConsentsGiven: 3, NoticesGiven: 1, IntakesCompleted: 2,
		Reach: []data.StepReach{{Step: 0, Chats: 3}, {Step: 1, Chats: 2}, {Step: 2, Chats: 2}, {Step: 3, Chats: 2}, {Step: 4, Chats: 1}, {Step: 5, Chats: 1}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Stats =\n %+v\nwant\n %+v", got, want)
	}
}

// TestRetentionDeletesTheBlockedMarkOfChatsThatNeverConsented: a chat that
// blocked the bot without ever consenting is forgotten 12 months later; a
// resident who blocked it keeps the mark while they are kept.
func TestRetentionDeletesTheBlockedMarkOfChatsThatNeverConsented(t *testing.T) {
	ctx := context.Background()
	st, path := residentsDB(t)
	stranger, blocker := tg(815555555), tg(816666666)
	resident(t, st, blocker, eunpyeong50, true)
	for _, id := range []data.ResidentID{stranger, blocker} {
		if err := st.SetChatBlocked(ctx, id, true); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	if err := st.Touch(ctx, now.AddDate(0, 12, 0), blocker); err != nil {
		t.Fatal(err)
	}
	if got, err := st.DeleteExpired(ctx, now.AddDate(0, 11, 0)); err != nil || got.Chats != 0 {
		t.Fatalf("after 11 months: DeleteExpired = %+v, %v; want nothing deleted", got, err)
	}
	if got, err := st.DeleteExpired(ctx, now.AddDate(0, 12, 1)); err != nil || got.Chats != 1 || got.Residents != 0 {
		t.Fatalf("after 12 months: DeleteExpired = %+v, %v; want the stranger's trace deleted", got, err)
	}
	if rows := sqlitetest.RowsMentioning(t, path, stranger); len(rows) > 0 {
		t.Errorf("the chat that only blocked the bot is still kept: %v", rows)
	}
	if ok, err := st.ChatBlocked(ctx, blocker); err != nil || !ok {
		t.Errorf("the resident's blocked mark went before the resident: %v, %v", ok, err)
	}
}
