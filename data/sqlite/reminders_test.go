package sqlite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
)

// TestRemindersKeptPerResident: a reminder needs a stored profile; asking
// again moves it; the list is the resident's own, soonest first; a cancel
// with another resident's id deletes nothing; only reminders of residents
// whose notices consent stands come due, each claimed once.
func TestRemindersKeptPerResident(t *testing.T) {
	ctx := context.Background()
	st, _ := residentsDB(t)
	a, b, stranger := tg(101), tg(102), tg(103)
	resident(t, st, a, eunpyeong50, true)
	resident(t, st, b, eunpyeong50, false)
	jul := func(d int) data.Date { return data.NewDate(2026, 7, d) }
	deadline := data.Reminder{Item: data.AlertItem{Kind: data.AlertJob, ID: "gji-K1"}, Kind: data.ReminderDeadline, On: jul(31), Due: jul(29)}
	opening := data.Reminder{Item: data.AlertItem{Kind: data.AlertProgram, ID: "fpo-7"}, Kind: data.ReminderOpen, On: jul(28), Due: jul(27)}

	if _, err := st.AddReminder(ctx, stranger, deadline, t0); !errors.Is(err, data.ErrNoResident) {
		t.Errorf("a reminder for a resident without a profile: %v, want ErrNoResident", err)
	}
	da, err := st.AddReminder(ctx, a, deadline, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddReminder(ctx, a, opening, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddReminder(ctx, b, deadline, t0); err != nil {
		t.Fatal(err)
	}
	moved := deadline
	moved.On, moved.Due = jul(30), jul(28)
	again, err := st.AddReminder(ctx, a, moved, t0)
	if err != nil || again.ID != da.ID {
		t.Fatalf("asking again: %+v, %v; want the same reminder (id %d) moved", again, err, da.ID)
	}
	list, err := st.Reminders(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Item != opening.Item || list[1].Due != jul(28) || list[1].On != jul(30) {
		t.Fatalf("resident a's reminders: %+v; want the opening first, then the deadline moved to 7/30", list)
	}

	if ok, err := st.CancelReminder(ctx, b, list[0].ID); ok || err != nil {
		t.Errorf("resident b cancelled resident a's reminder: %v, %v", ok, err)
	}
	due, err := st.DueReminders(ctx, jul(28), 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].Resident != a || due[1].Resident != a {
		t.Fatalf("due on 7/28: %+v; want resident a's two (b has no notices)", due)
	}
	if due, _ := st.DueReminders(ctx, jul(26), 0, 10); len(due) != 0 {
		t.Errorf("due on 7/26: %+v, want none", due)
	}
	if ok, err := st.MarkReminderSent(ctx, due[0].ID, t0); !ok || err != nil {
		t.Fatalf("first claim: %v, %v", ok, err)
	}
	if ok, _ := st.MarkReminderSent(ctx, due[0].ID, t0); ok {
		t.Error("a reminder claimed twice")
	}
	if due, _ := st.DueReminders(ctx, jul(28), 0, 10); len(due) != 1 {
		t.Errorf("due after one was sent: %d, want 1", len(due))
	}
	if _, err := st.WithdrawConsent(ctx, a, data.ConsentNotices, t0); err != nil {
		t.Fatal(err)
	}
	if due, _ := st.DueReminders(ctx, jul(28), 0, 10); len(due) != 0 {
		t.Errorf("due after /stop: %+v, want none", due)
	}
	if n, err := st.DeletePastReminders(ctx, data.NewDate(2026, 8, 1)); err != nil || n != 3 {
		t.Errorf("past reminders deleted on 8/1: %d, %v; want all 3", n, err)
	}
}

// TestRemindersAtMost: a resident keeps at most data.MaxReminders waiting.
func TestRemindersAtMost(t *testing.T) {
	ctx := context.Background()
	st, _ := residentsDB(t)
	a := tg(201)
	resident(t, st, a, eunpyeong50, true)
	r := data.Reminder{Kind: data.ReminderDeadline, On: data.NewDate(2026, 8, 30), Due: data.NewDate(2026, 8, 28)}
	for i := range data.MaxReminders + 1 {
		r.Item = data.AlertItem{Kind: data.AlertJob, ID: "job-" + string(rune('a'+i))}
		_, err := st.AddReminder(ctx, a, r, t0)
		if i < data.MaxReminders && err != nil {
			t.Fatal(err)
		}
		if i == data.MaxReminders && !errors.Is(err, sqlite.ErrTooManyReminders) {
			t.Errorf("reminder %d: %v, want ErrTooManyReminders", i+1, err)
		}
	}
}
