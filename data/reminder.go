package data

import "time"

// ReminderKind says what a reminder is before: applications opening, or
// the deadline.
type ReminderKind string

// The kinds of reminder.
const (
	// ReminderOpen goes out the day before applications open (선착순
	// courses fill on their first day).
	ReminderOpen ReminderKind = "open"
	// ReminderDeadline goes out two days before the last day to apply.
	ReminderDeadline ReminderKind = "deadline"
)

// Valid reports whether k is one of the kinds.
func (k ReminderKind) Valid() bool { return k == ReminderOpen || k == ReminderDeadline }

// ReminderHour is the hour of the day, in Seoul, at which a reminder goes
// out on its day.
const ReminderHour = 9

// MaxReminders is the most reminders one resident keeps waiting at once.
const MaxReminders = 20

// Reminder is one resident's reminder of one programme or job opening.
type Reminder struct {
	// ID is the store's id for it (0 before it is stored).
	ID int64
	// Item is the programme or job opening it is about.
	Item AlertItem
	// Kind says whether it is before the opening or the deadline.
	Kind ReminderKind
	// On is the item's date it is about: the first day of applications
	// (ReminderOpen) or the last (ReminderDeadline).
	On Date
	// Due is the day it goes out, at ReminderHour.
	Due Date
}

// DueReminder is a stored reminder with whom it goes to.
type DueReminder struct {
	Reminder
	Resident ResidentID
	// Notices reports whether the resident's notices consent stands (it
	// does for every reminder due: none goes out after /stop).
	Notices bool
}

// ReminderOf returns the reminder a resident may ask for about a programme
// on today, without its ID: before applications open when they open after
// today, else before the last day to apply when that is after today. ok is
// false for a programme without such a date (all year, between rounds,
// unknown): no reminder is offered.
func ReminderOf(p *Program, today Date) (r Reminder, ok bool) {
	it := AlertItem{Kind: AlertProgram, ID: p.ID}
	switch {
	case p.Window == WindowRolling || p.Window == WindowBetween || p.Window == WindowUnknown || p.Window == WindowPast:
		return Reminder{}, false
	case p.ApplyStart > today:
		return reminderBefore(it, ReminderOpen, p.ApplyStart, today)
	case p.ApplyEnd > today:
		return reminderBefore(it, ReminderDeadline, p.ApplyEnd, today)
	}
	return Reminder{}, false
}

// JobReminderOf is ReminderOf for a job opening: before its deadline, when
// it has one after today.
func JobReminderOf(j *Job, today Date) (r Reminder, ok bool) {
	if j.Deadline <= today {
		return Reminder{}, false
	}
	return reminderBefore(AlertItem{Kind: AlertJob, ID: j.ID}, ReminderDeadline, j.Deadline, today)
}

// ReminderDate returns the date a reminder of kind k is about in the
// catalog's current item (its first or last day to apply), 0 when the
// item no longer has one, and found false when the catalog no longer
// holds the item.
func (c *Catalog) ReminderDate(it AlertItem, k ReminderKind) (on Date, found bool) {
	switch it.Kind {
	case AlertProgram:
		p, ok := c.Program(it.ID)
		if !ok {
			return 0, false
		}
		switch {
		case p.Window == WindowRolling || p.Window == WindowBetween || p.Window == WindowUnknown || p.Window == WindowPast:
			return 0, true
		case k == ReminderOpen:
			return p.ApplyStart, true
		}
		return p.ApplyEnd, true
	case AlertJob:
		j, ok := c.Job(it.ID)
		if !ok {
			return 0, false
		}
		if k != ReminderDeadline {
			return 0, true
		}
		return j.Deadline, true
	}
	return 0, false
}

// ReminderDue returns the day a reminder of kind k about on goes out when
// asked for on today: the day before an opening, two days before a
// deadline, but never before tomorrow; ok is false when that day would be
// after on (on is today or past).
func ReminderDue(k ReminderKind, on, today Date) (due Date, ok bool) {
	if on <= today {
		return 0, false
	}
	due = on.AddDays(-1)
	if k == ReminderDeadline {
		due = on.AddDays(-2)
	}
	if due <= today {
		due = today.AddDays(1)
	}
	return due, due <= on
}

func reminderBefore(it AlertItem, k ReminderKind, on, today Date) (Reminder, bool) {
	due, ok := ReminderDue(k, on, today)
	if !ok {
		return Reminder{}, false
	}
	return Reminder{Item: it, Kind: k, On: on, Due: due}, true
}

// ReminderAt returns when a reminder due on d goes out: ReminderHour in Seoul.
func ReminderAt(d Date) time.Time { return d.Time().Add(ReminderHour * time.Hour) }
