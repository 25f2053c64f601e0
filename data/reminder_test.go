package data_test

import (
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

// TestReminderDue: the day before an opening, two days before a deadline,
// never before tomorrow, never after the day itself.
func TestReminderDue(t *testing.T) {
	today := data.NewDate(2026, 7, 26)
	for _, c := range []struct {
		kind data.ReminderKind
		on   data.Date
		due  data.Date
		ok   bool
	}{
		{data.ReminderOpen, data.NewDate(2026, 8, 3), data.NewDate(2026, 8, 2), true},
		{data.ReminderDeadline, data.NewDate(2026, 8, 14), data.NewDate(2026, 8, 12), true},
		{data.ReminderDeadline, data.NewDate(2026, 8, 1), data.NewDate(2026, 7, 30), true},
		// Too close for two days' notice: tomorrow.
		{data.ReminderDeadline, data.NewDate(2026, 7, 28), data.NewDate(2026, 7, 27), true},
		{data.ReminderDeadline, data.NewDate(2026, 7, 27), data.NewDate(2026, 7, 27), true},
		{data.ReminderOpen, data.NewDate(2026, 7, 27), data.NewDate(2026, 7, 27), true},
		{data.ReminderDeadline, today, 0, false},
		{data.ReminderOpen, data.NewDate(2026, 7, 1), 0, false},
		// Across a month's end.
		{data.ReminderDeadline, data.NewDate(2026, 9, 1), data.NewDate(2026, 8, 30), true},
	} {
		due, ok := data.ReminderDue(c.kind, c.on, today)
		if ok != c.ok || (ok && due != c.due) {
			t.Errorf("ReminderDue(%s, %s) = %s, %v; want %s, %v", c.kind, c.on, due, ok, c.due, c.ok)
		}
	}
}

// TestReminderOf: which reminder an item offers on its details.
func TestReminderOf(t *testing.T) {
	today := data.NewDate(2026, 7, 26)
	later := &data.Program{ID: "p1", ApplyStart: data.NewDate(2026, 8, 3), ApplyEnd: data.NewDate(2026, 8, 7)}
	if r, ok := data.ReminderOf(later, today); !ok || r.Kind != data.ReminderOpen || r.On != later.ApplyStart {
		t.Errorf("a course opening later: %+v, %v; want an opening reminder", r, ok)
	}
	open := &data.Program{ID: "p2", ApplyStart: data.NewDate(2026, 7, 1), ApplyEnd: data.NewDate(2026, 8, 7)}
	if r, ok := data.ReminderOf(open, today); !ok || r.Kind != data.ReminderDeadline || r.Due != data.NewDate(2026, 8, 5) {
		t.Errorf("a course taking applications: %+v, %v; want a deadline reminder due 8/5", r, ok)
	}
	for _, p := range []*data.Program{
		{ID: "p3", Window: data.WindowRolling},
		{ID: "p4", Window: data.WindowBetween, ApplyEnd: data.NewDate(2026, 3, 4)},
		{ID: "p5"},
	} {
		if r, ok := data.ReminderOf(p, today); ok {
			t.Errorf("%s (window %q, no future date) offers %+v", p.ID, p.Window.ID(), r)
		}
	}
	if _, ok := data.JobReminderOf(&data.Job{ID: "j1"}, today); ok {
		t.Error("a job opening open until filled offers a reminder")
	}
	if r, ok := data.JobReminderOf(&data.Job{ID: "j2", Deadline: data.NewDate(2026, 8, 14)}, today); !ok || r.Item != (data.AlertItem{Kind: data.AlertJob, ID: "j2"}) {
		t.Errorf("a job opening with a deadline: %+v, %v", r, ok)
	}
}
