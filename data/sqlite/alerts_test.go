package sqlite_test

import (
	"context"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

func TestAlertsAnnounceOnlyNewItemsAtMostOncePerDay(t *testing.T) {
	ctx := context.Background()
	st, _ := residentsDB(t)
	today := data.DateOf(t0)
	seed := []data.AlertItem{{Kind: data.AlertProgram, ID: "seed-1"}, {Kind: data.AlertJob, ID: "seed-1"}}

	// What the catalog held before alerts began is not news.
	seq, fresh, err := st.NoteAlertItems(ctx, seed, t0)
	if err != nil || seq != 0 || fresh != 0 {
		t.Fatalf("first NoteAlertItems = %d, %d, %v; want 0, 0", seq, fresh, err)
	}
	resident(t, st, tg(1), eunpyeong50, true)
	resident(t, st, tg(2), eunpyeong50, true)
	resident(t, st, tg(3), eunpyeong50, false) // not opted in

	imported := append(seed, data.AlertItem{Kind: data.AlertJob, ID: "getjobinfo-7"})
	seq, fresh, err = st.NoteAlertItems(ctx, imported, t0)
	if err != nil || seq != 1 || fresh != 1 {
		t.Fatalf("NoteAlertItems after an import = %d, %d, %v; want 1, 1", seq, fresh, err)
	}
	if seq2, fresh2, _ := st.NoteAlertItems(ctx, imported, t0); seq2 != 1 || fresh2 != 0 {
		t.Errorf("the same catalog again = %d, %d; want 1, 0", seq2, fresh2)
	}

	due, err := st.AlertRecipients(ctx, today, seq, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].Resident != tg(1) || due[1].Resident != tg(2) || due[0].Since != 0 || due[0].Profile != eunpyeong50 {
		t.Fatalf("AlertRecipients = %+v, want telegram:1 and telegram:2 since 0", due)
	}
	items, _ := st.AlertItemsSince(ctx, due[0].Since)
	if len(items) != 1 || items[0].ID != "getjobinfo-7" {
		t.Errorf("AlertItemsSince(0) = %+v, want the new job only", items)
	}

	// 1 gets a digest, 2 had nothing matching.
	b, err := st.CreateAlertBroadcast(ctx, []data.AlertDigest{{Resident: tg(1), Text: "새 일자리 1건"}}, seq, today, t0)
	if err != nil || b.Kind != data.BroadcastAlert || b.Counts.Recipients != 1 {
		t.Fatalf("CreateAlertBroadcast = %+v, %v", b, err)
	}
	if err := st.MarkAlertsChecked(ctx, []data.ResidentID{tg(2)}, seq); err != nil {
		t.Fatal(err)
	}
	if due, _ := st.AlertRecipients(ctx, today, seq, "", 10); len(due) != 0 {
		t.Errorf("still due after the look: %+v", due)
	}

	// Another import the same day: 1 waits for tomorrow, 2 is due.
	seq, _, _ = st.NoteAlertItems(ctx, append(imported, data.AlertItem{Kind: data.AlertProgram, ID: "50plus-9"}), t0)
	due, _ = st.AlertRecipients(ctx, today, seq, "", 10)
	if len(due) != 1 || due[0].Resident != tg(2) || due[0].Since != 1 {
		t.Errorf("due the same day = %+v, want telegram:2 since 1", due)
	}
	again, err := st.CreateAlertBroadcast(ctx, []data.AlertDigest{{Resident: tg(1), Text: "둘째 소식"}}, seq, today, t0)
	if err != nil || again.Counts.Recipients != 0 || again.State != data.BroadcastDone {
		t.Errorf("a second digest the same day = %+v, %v; want none", again, err)
	}
	due, _ = st.AlertRecipients(ctx, today.AddDays(1), seq, "", 10)
	if len(due) != 2 || due[0].Since != 1 {
		t.Errorf("due the next day = %+v, want telegram:1 and telegram:2", due)
	}
	ds, _ := st.ClaimDeliveries(ctx, b.ID, t0, 10)
	if len(ds) != 1 || ds[0].Resident != tg(1) || ds[0].Text != "새 일자리 1건" {
		t.Errorf("alert delivery %+v", ds)
	}
}
