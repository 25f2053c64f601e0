package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
)

func TestAudienceIsOptedInResidentsMatchingEveryFilter(t *testing.T) {
	ctx := context.Background()
	st, _ := residentsDB(t)
	mapo := eunpyeong50
	mapo.District = data.DistrictByName("마포구")
	older := eunpyeong50
	older.Age = data.Age60to64
	older.Goals = data.Goals(0).With(data.GoalLife)

	kakao := data.ResidentID("kakao:2b7f0c9e")
	resident(t, st, tg(1), eunpyeong50, true)
	resident(t, st, kakao, mapo, true)
	resident(t, st, tg(3), older, true)
	resident(t, st, tg(4), eunpyeong50, false)                       // never opted in
	if err := give(ctx, st, tg(5), noticesConsent, t0); err != nil { // notices only, no profile
		t.Fatal(err)
	}

	// A KakaoTalk resident is never a recipient (dasi cannot message
	// them first), even with notices on in the store; the preview counts
	// them apart (CountUnreachable). Deliveries come in resident id order.
	for _, tc := range []struct {
		name        string
		a           data.Audience
		want        []data.ResidentID
		unreachable int
	}{
		{"all", data.Audience{}, []data.ResidentID{tg(1), tg(3), tg(5)}, 1},
		{"은평구", data.Audience{District: data.DistrictByName("은평구")}, []data.ResidentID{tg(1), tg(3)}, 0},
		{"디지털", data.Audience{Goal: data.GoalDigital}, []data.ResidentID{tg(1)}, 1},
		{"인생설계", data.Audience{Goal: data.GoalLife}, []data.ResidentID{tg(3)}, 0},
		{"50~54세 은평구", data.Audience{Age: data.Age50to54, District: data.DistrictByName("은평구")}, []data.ResidentID{tg(1)}, 0},
		{"마포구", data.Audience{District: data.DistrictByName("마포구")}, nil, 1},
		{"nobody", data.Audience{District: data.DistrictByName("강남구")}, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := st.CountAudience(ctx, tc.a)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(tc.want) {
				t.Errorf("CountAudience = %d, want %d", n, len(tc.want))
			}
			if u, err := st.CountUnreachable(ctx, tc.a); err != nil || u != tc.unreachable {
				t.Errorf("CountUnreachable = %d, %v; want %d", u, err, tc.unreachable)
			}
			b, err := st.CreateBroadcast(ctx, data.NewBroadcast{Text: "안내 " + tc.name, Audience: tc.a, Staff: tg(9)}, t0)
			if err != nil {
				t.Fatal(err)
			}
			if b.Audience != tc.a || b.Counts.Recipients != len(tc.want) || b.Staff != tg(9) || b.Kind != data.BroadcastStaff {
				t.Errorf("broadcast %s by %s, audience %+v with %d recipients; want a staff one by telegram:9, %+v with %d",
					b.Kind, b.Staff, b.Audience, b.Counts.Recipients, tc.a, len(tc.want))
			}
			if len(tc.want) == 0 && b.State != data.BroadcastDone {
				t.Errorf("a broadcast to nobody is %s, want done", b.State)
			}
			ds, err := st.ClaimDeliveries(ctx, b.ID, t0, 100)
			if err != nil {
				t.Fatal(err)
			}
			var got []data.ResidentID
			for _, d := range ds {
				got = append(got, d.Resident)
				if d.Text != "안내 "+tc.name {
					t.Errorf("delivery text %q", d.Text)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("recipients %v, want %v", got, tc.want)
			}
		})
	}
}

func TestStatsCountKakaoApart(t *testing.T) {
	ctx := context.Background()
	st, _ := residentsDB(t)
	resident(t, st, tg(1), eunpyeong50, true)
	resident(t, st, data.ResidentID("kakao:2b7f0c9e"), eunpyeong50, false)
	s, err := st.Stats(ctx)
	if err != nil || s.Residents != 2 || s.Kakao != 1 {
		t.Errorf("stats %+v, %v; want 2 residents, 1 on KakaoTalk", s, err)
	}
}

func TestCreateBroadcastRejectsBadText(t *testing.T) {
	st, _ := residentsDB(t)
	for _, text := range []string{"", "  \n", strings.Repeat("가", data.MaxBroadcastText+1)} {
		if _, err := st.CreateBroadcast(context.Background(), data.NewBroadcast{Text: text, Staff: tg(9)}, t0); err == nil {
			t.Errorf("text of %d characters accepted", len([]rune(text)))
		}
	}
	if _, err := st.Broadcast(context.Background(), 42); !errors.Is(err, data.ErrNoBroadcast) {
		t.Errorf("Broadcast(42) = %v, want ErrNoBroadcast", err)
	}
}

// TestDeliveryLifecycle walks deliveries through every outcome, a restart
// and a cancel, checking the totals against the rows at each point.
func TestDeliveryLifecycle(t *testing.T) {
	ctx := context.Background()
	st, path := residentsDB(t)
	// Ten residents whose ids sort as their numbers do.
	for id := int64(10); id <= 19; id++ {
		resident(t, st, tg(id), eunpyeong50, true)
	}
	b, err := st.CreateBroadcast(ctx, data.NewBroadcast{Text: "안내", Staff: tg(9)}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetProgressMessage(ctx, b.ID, 77); err != nil {
		t.Fatal(err)
	}

	first, _ := st.ClaimDeliveries(ctx, b.ID, t0, 4) // residents 10-13
	if len(first) != 4 || first[0].Resident != tg(10) || first[0].Attempts != 1 {
		t.Fatalf("first claim %+v", first)
	}
	retryAt := t0.Add(2 * time.Second)
	err = st.RecordDeliveries(ctx, []data.DeliveryResult{
		{ID: first[0].ID, BroadcastID: b.ID, Outcome: data.Sent},
		{ID: first[1].ID, BroadcastID: b.ID, Outcome: data.Blocked},
		{ID: first[2].ID, BroadcastID: b.ID, Outcome: data.Retry, RetryAt: retryAt},
		{ID: first[3].ID, BroadcastID: b.ID, Outcome: data.Held, RetryAt: retryAt},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, st, path, b.ID, data.DeliveryCounts{Recipients: 10, Sent: 1, Blocked: 1})

	// A recorded outcome is final: recording it again changes nothing.
	st.RecordDeliveries(ctx, []data.DeliveryResult{{ID: first[0].ID, BroadcastID: b.ID, Outcome: data.Sent}})
	checkCounts(t, st, path, b.ID, data.DeliveryCounts{Recipients: 10, Sent: 1, Blocked: 1})

	// The two waiting for a retry are not due before retryAt.
	second, _ := st.ClaimDeliveries(ctx, b.ID, t0, 100) // residents 14-19
	if len(second) != 6 || second[0].Resident != tg(14) {
		t.Fatalf("second claim %+v", second)
	}
	if due, ok, _ := st.NextDue(ctx, b.ID); !ok || !due.Equal(retryAt) {
		t.Errorf("NextDue = %v %v, want %v", due, ok, retryAt)
	}

	// The worker stops with six in flight; recovery makes them pending.
	if n, err := st.RecoverDeliveries(ctx); err != nil || n != 6 {
		t.Fatalf("RecoverDeliveries = %d, %v; want 6", n, err)
	}
	third, _ := st.ClaimDeliveries(ctx, b.ID, retryAt, 100)
	if len(third) != 8 {
		t.Fatalf("after recovery claimed %d, want 8", len(third))
	}
	attempts := map[data.ResidentID]int{}
	for _, d := range third {
		attempts[d.Resident] = d.Attempts
	}
	// 12 failed once; 13's 429 and 14-19's interrupted sends do not count.
	if attempts[tg(12)] != 2 || attempts[tg(13)] != 1 || attempts[tg(14)] != 1 {
		t.Errorf("attempts %v, want telegram:12: 2, telegram:13: 1, telegram:14: 1", attempts)
	}
	var results []data.DeliveryResult
	for _, d := range third[:6] {
		results = append(results, data.DeliveryResult{ID: d.ID, BroadcastID: b.ID, Outcome: data.Sent})
	}
	results = append(results, data.DeliveryResult{ID: third[6].ID, BroadcastID: b.ID, Outcome: data.Failed})
	if err := st.RecordDeliveries(ctx, results); err != nil {
		t.Fatal(err)
	}
	if done, _ := st.FinishBroadcasts(ctx, t0); len(done) != 0 {
		t.Errorf("finished with one delivery in flight: %+v", done)
	}

	// Cancelled with the last one in flight: it still counts when it lands.
	c, err := st.CancelBroadcast(ctx, b.ID, t0)
	if err != nil || c.State != data.BroadcastCancelled {
		t.Fatalf("CancelBroadcast = %+v, %v", c, err)
	}
	if more, _ := st.ClaimDeliveries(ctx, b.ID, t0.Add(time.Hour), 100); len(more) != 0 {
		t.Errorf("claimed %d deliveries of a cancelled broadcast", len(more))
	}
	st.RecordDeliveries(ctx, []data.DeliveryResult{{ID: third[7].ID, BroadcastID: b.ID, Outcome: data.Retry, RetryAt: t0}})
	checkCounts(t, st, path, b.ID, data.DeliveryCounts{Recipients: 10, Sent: 7, Blocked: 1, Failed: 1, Cancelled: 1})
	got, _ := st.Broadcast(ctx, b.ID)
	if got.ProgressMessage != 77 || got.Staff != tg(9) || got.FinishedAt.IsZero() {
		t.Errorf("broadcast %+v", got)
	}
}

func TestFinishAndListBroadcasts(t *testing.T) {
	ctx := context.Background()
	st, _ := residentsDB(t)
	resident(t, st, tg(1), eunpyeong50, true)
	a, _ := st.CreateBroadcast(ctx, data.NewBroadcast{Text: "하나", Staff: tg(9)}, t0)
	b, _ := st.CreateBroadcast(ctx, data.NewBroadcast{Text: "둘", Staff: tg(9)}, t0)
	ds, _ := st.ClaimDeliveries(ctx, a.ID, t0, 10)
	st.RecordDeliveries(ctx, []data.DeliveryResult{{ID: ds[0].ID, BroadcastID: a.ID, Outcome: data.Sent}})

	done, err := st.FinishBroadcasts(ctx, t0.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 1 || done[0].ID != a.ID || done[0].State != data.BroadcastDone || done[0].Counts.Sent != 1 {
		t.Fatalf("FinishBroadcasts = %+v, want broadcast %d done with 1 sent", done, a.ID)
	}
	running, _ := st.RunningBroadcasts(ctx)
	if len(running) != 1 || running[0].ID != b.ID {
		t.Errorf("RunningBroadcasts = %+v, want only %d", running, b.ID)
	}
	list, _ := st.Broadcasts(ctx, data.BroadcastStaff, 10)
	if len(list) != 2 || list[0].ID != b.ID || list[0].Text != "둘" {
		t.Errorf("Broadcasts = %+v, want newest first", list)
	}
	// A month later the per-recipient rows go, the totals stay.
	exp, err := st.DeleteExpired(ctx, t0.Add(31*24*time.Hour))
	if err != nil || exp.Deliveries != 1 {
		t.Errorf("DeleteExpired = %+v, %v; want 1 delivery", exp, err)
	}
	if got, _ := st.Broadcast(ctx, a.ID); got.Counts.Sent != 1 {
		t.Errorf("totals lost with the rows: %+v", got.Counts)
	}
}

// checkCounts compares the broadcast's totals with want and with the
// delivery rows themselves.
func checkCounts(t *testing.T, st *sqlite.Store, path string, id int64, want data.DeliveryCounts) {
	t.Helper()
	b, err := st.Broadcast(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if b.Counts != want {
		t.Errorf("counts %+v, want %+v", b.Counts, want)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT state, count(*) FROM deliveries WHERE broadcast_id = ? GROUP BY state`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var fromRows data.DeliveryCounts
	for rows.Next() {
		var (
			state string
			n     int
		)
		rows.Scan(&state, &n)
		fromRows.Recipients += n
		switch state {
		case "sent":
			fromRows.Sent = n
		case "blocked":
			fromRows.Blocked = n
		case "failed":
			fromRows.Failed = n
		case "cancelled":
			fromRows.Cancelled = n
		}
	}
	if fromRows != b.Counts {
		t.Errorf("totals %+v disagree with the rows %+v", b.Counts, fromRows)
	}
}

// TestBlockedResidentsAreLeftOut: a resident who blocked the bot is not in
// an audience, and one who blocks it while a broadcast waits is skipped
// (recorded as blocked) rather than sent to.
func TestBlockedResidentsAreLeftOut(t *testing.T) {
	ctx := context.Background()
	st, _ := residentsDB(t)
	for id := int64(1); id <= 3; id++ {
		resident(t, st, tg(id), eunpyeong50, true)
	}
	if err := st.SetChatBlocked(ctx, tg(1), true); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.CountAudience(ctx, data.Audience{}); n != 2 {
		t.Errorf("audience with one blocked = %d, want 2", n)
	}
	b, err := st.CreateBroadcast(ctx, data.NewBroadcast{Text: "안내", Staff: tg(9)}, t0)
	if err != nil || b.Counts.Recipients != 2 {
		t.Fatalf("CreateBroadcast = %+v, %v", b.Counts, err)
	}
	if err := st.SetChatBlocked(ctx, tg(2), true); err != nil {
		t.Fatal(err)
	}
	// One at a time: the first claimed is the blocked chat's, and the
	// claim goes on to the next rather than come back empty.
	ds, _ := st.ClaimDeliveries(ctx, b.ID, t0, 1)
	if len(ds) != 1 || ds[0].Resident != tg(3) {
		t.Errorf("claimed %+v, want only telegram:3", ds)
	}
	if b, _ = st.Broadcast(ctx, b.ID); b.Counts.Blocked != 1 {
		t.Errorf("counts %+v, want 1 blocked", b.Counts)
	}
	if s, _ := st.Stats(ctx); s.Blocked != 2 {
		t.Errorf("stats.Blocked = %d, want 2", s.Blocked)
	}
}

// TestBroadcastPauseKeepsTheLaterEnd: the pause a 429 asks for is kept to
// the millisecond, rounded up, and a shorter one recorded later does not
// shorten it.
func TestBroadcastPauseKeepsTheLaterEnd(t *testing.T) {
	ctx := context.Background()
	st, _ := residentsDB(t)
	if until, err := st.BroadcastPause(ctx); err != nil || !until.IsZero() {
		t.Fatalf("BroadcastPause of a new store = %v, %v; want none", until, err)
	}
	long := t0.Add(30*time.Second + 400*time.Microsecond)
	for _, until := range []time.Time{long, t0.Add(time.Second)} {
		if err := st.PauseBroadcasts(ctx, until); err != nil {
			t.Fatal(err)
		}
	}
	if until, err := st.BroadcastPause(ctx); err != nil || !until.Equal(t0.Add(30*time.Second+time.Millisecond)) {
		t.Errorf("BroadcastPause = %v, %v; want %v rounded up to the millisecond", until, err, long)
	}
}

// TestStaffDraftIsKeptUntilSentOrStale: a staff chat's draft is kept until
// the broadcast it becomes is stored, or until it has been left alone for
// 30 days; an empty draft deletes it.
func TestStaffDraftIsKeptUntilSentOrStale(t *testing.T) {
	ctx := context.Background()
	st, _ := residentsDB(t)
	sender, idle, quitter := tg(9101), data.ResidentID("kakao:idle-9102"), tg(9103)
	for _, chat := range []data.ResidentID{sender, idle, quitter} {
		if err := st.SaveStaffDraft(ctx, chat, []byte(`{"v":1,"s":"write"}`), t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SaveStaffDraft(ctx, quitter, nil, t0); err != nil {
		t.Fatal(err)
	}
	if got, err := st.StaffDraft(ctx, sender); err != nil || string(got) != `{"v":1,"s":"write"}` {
		t.Fatalf("StaffDraft = %q, %v", got, err)
	}
	if _, err := st.CreateBroadcast(ctx, data.NewBroadcast{Text: "안내", Staff: sender}, t0); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.StaffDraft(ctx, sender); got != nil {
		t.Errorf("the draft outlived the broadcast it became: %q", got)
	}
	if got, _ := st.StaffDraft(ctx, quitter); got != nil {
		t.Errorf("an empty draft did not delete the one kept: %q", got)
	}
	if exp, err := st.DeleteExpired(ctx, t0.Add(29*24*time.Hour)); err != nil || exp.Drafts != 0 {
		t.Errorf("after 29 days: DeleteExpired = %+v, %v; want no draft deleted", exp, err)
	}
	if exp, err := st.DeleteExpired(ctx, t0.Add(31*24*time.Hour)); err != nil || exp.Drafts != 1 {
		t.Errorf("after 31 days: DeleteExpired = %+v, %v; want the idle draft deleted", exp, err)
	}
	if got, _ := st.StaffDraft(ctx, idle); got != nil {
		t.Errorf("a draft untouched for 31 days is still kept: %q", got)
	}
}
