package bot

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
)

// ReminderOptions configure the reminder sender. Every zero field means
// its documented default.
type ReminderOptions struct {
	// Today returns the date taken as today (DASI_NOW). Default: the real
	// date in Seoul.
	Today func() data.Date
	// Now returns the time, for the hours reminders may be sent. Default
	// time.Now.
	Now func() time.Time
	// Every is how often the sender looks for due reminders and a new
	// catalog. Default 1 minute.
	Every time.Duration
	// From and To are the hours of the day in Seoul, [From, To), in which
	// reminders and the lines about moved or cancelled ones go out: a
	// reminder goes out at From on its day, or at the first look after.
	// Default 9 to 20.
	From, To int
	// Retry is the one RetryPolicy for a message. Default 5 attempts, 2 s
	// backoff doubling up to 5 minutes, as the broadcast worker.
	Retry RetryPolicy
	// Broadcasts, when set, is the broadcast worker whose record of
	// residents being forgotten (Bot.Handle's /forget) the sender shares:
	// a reminder on its way to a resident who asks to be forgotten
	// arrives before the confirmation, never after. Nil: not shared.
	Broadcasts *Broadcasts
	// Log receives the sender's log. Default: discarded.
	Log *slog.Logger
	// Registry receives dasi_reminders_sent_total and
	// dasi_reminders_changed_total. Nil: not registered.
	Registry prometheus.Registerer
}

// Reminders sends the reminders residents asked for on an item's details
// (마감 전 알림, 신청 시작 알림): each once, on its day from 09:00 Seoul
// time, with the item's link, only while the resident's notices consent
// stands (not after /stop; /forget deletes them). When the catalog in
// memory changes (a refresh, an import), it follows it: a reminder whose
// item is gone, or no longer has the date, is cancelled, and one whose date
// moved is moved, each with one line to the resident.
type Reminders struct {
	store *sqlite.Store
	live  *data.LiveCatalog
	opt   ReminderOptions
	log   *slog.Logger

	seen   *data.Catalog // the catalog the reminders were last checked against
	purged data.Date     // the day past reminders were last deleted

	sent    *prometheus.CounterVec
	changed *prometheus.CounterVec
}

// NewReminders returns the reminder sender over store, following live
// (the catalog the conversation answers from). It returns an error when
// the registry refuses the metrics.
func NewReminders(store *sqlite.Store, live *data.LiveCatalog, opt ReminderOptions) (*Reminders, error) {
	if opt.Today == nil {
		opt.Today = data.Today
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Every <= 0 {
		opt.Every = time.Minute
	}
	if opt.From == 0 && opt.To == 0 {
		opt.From, opt.To = data.ReminderHour, 20
	}
	if opt.Retry.Attempts <= 0 {
		opt.Retry = BroadcastOptions{}.withDefaults().retry()
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	r := &Reminders{store: store, live: live, opt: opt, log: opt.Log,
		sent: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "dasi_reminders_sent_total",
			Help: "Reminders sent, by kind (open, deadline) and outcome (sent, blocked, failed)."}, []string{"kind", "outcome"}),
		changed: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "dasi_reminders_changed_total",
			Help: "Reminders moved or cancelled because the catalog changed their item."}, []string{"change"}),
	}
	if opt.Registry != nil {
		for _, c := range []prometheus.Collector{r.sent, r.changed} {
			if err := opt.Registry.Register(c); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}

// Run looks now and every Every until ctx is done (Tick), sending through
// s. Failures are logged and retried at the next look.
func (r *Reminders) Run(ctx context.Context, s Sender) {
	for {
		if err := r.Tick(ctx, s); err != nil && ctx.Err() == nil {
			r.log.WarnContext(ctx, "reminders: cannot look for due reminders; retrying", "error", err)
		}
		if Sleep(ctx, r.opt.Every) != nil {
			return
		}
	}
}

// Tick is one look: in the sending hours, it follows a catalog that
// changed since the last look, then sends every reminder due; once a day
// it deletes the reminders about a day past. It returns the store's error.
func (r *Reminders) Tick(ctx context.Context, s Sender) error {
	today := r.opt.Today()
	if r.purged != today {
		if _, err := r.store.DeletePastReminders(ctx, today); err != nil {
			return err
		}
		r.purged = today
	}
	if h := r.opt.Now().In(data.Seoul()).Hour(); h < r.opt.From || h >= r.opt.To {
		return nil
	}
	if cat := r.live.Load(); cat != nil && cat != r.seen {
		if err := r.follow(ctx, r.seen, cat, today, s); err != nil {
			return err
		}
		r.seen = cat
	}
	return r.sendDue(ctx, today, s)
}

// reminderPage is how many reminders one read of the store returns.
const reminderPage = 500

// follow checks every waiting reminder against cat, the catalog now,
// given prev, the one they were checked against before (nil at start),
// whose titles name the items gone.
func (r *Reminders) follow(ctx context.Context, prev, cat *data.Catalog, today data.Date, s Sender) error {
	var moved, cancelled int
	for after := int64(0); ; {
		page, err := r.store.WaitingReminders(ctx, after, reminderPage)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			break
		}
		after = page[len(page)-1].ID
		for _, w := range page {
			on, found := cat.ReminderDate(w.Item, w.Kind)
			if found && on == w.On {
				continue
			}
			var line string
			due, ok := data.ReminderDue(w.Kind, on, today)
			switch {
			case found && on != 0 && on < today && w.On < today:
				// Past on both sides: deleted with the past ones.
				continue
			case found && on != 0 && ok:
				w.On, w.Due = on, due
				if err := r.store.MoveReminder(ctx, w.ID, on, due); err != nil {
					return err
				}
				moved++
				r.changed.WithLabelValues("moved").Inc()
				line = dialogs.ReminderMovedText(w.Reminder, itemTitle(cat, w.Item))
			default:
				if err := r.store.DeleteReminder(ctx, w.ID); err != nil {
					return err
				}
				cancelled++
				r.changed.WithLabelValues("cancelled").Inc()
				title := itemTitle(cat, w.Item)
				if !found {
					title = itemTitle(prev, w.Item)
				}
				line = dialogs.ReminderCancelledText(title, !found)
			}
			if w.Notices && w.Resident.Channel().CanPush() {
				r.push(ctx, s, w.Resident, dialogs.Reply{Kind: dialogs.ReplyText, Text: line, Buttons: dialogs.ReminderButtons()})
			}
		}
	}
	if moved+cancelled > 0 {
		r.log.InfoContext(ctx, "reminders follow the catalog", "moved", moved, "cancelled", cancelled)
	}
	return nil
}

// sendDue sends every reminder due today, once each.
func (r *Reminders) sendDue(ctx context.Context, today data.Date, s Sender) error {
	cat := r.live.Load()
	var sent int
	for after := int64(0); ; {
		due, err := r.store.DueReminders(ctx, today, after, reminderPage)
		if err != nil {
			return err
		}
		if len(due) == 0 {
			break
		}
		after = due[len(due)-1].ID
		for _, d := range due {
			if ctx.Err() != nil {
				return nil
			}
			// Numbered before the store is asked, as the broadcast worker's
			// claims are: a /forget from now on stops it (forgetting).
			var claim uint64
			if f := r.forgetting(); f != nil {
				claim = f.claim()
			}
			// Marked first, so that it goes out once even if this instance
			// stops while it is on its way; a failure that may pass makes it
			// wait again. A reminder deleted since (/forget, cancelled) is not
			// marked.
			marked, err := r.store.MarkReminderSent(ctx, d.ID, time.Now())
			if err != nil {
				return err
			}
			if !marked || !d.Resident.Channel().CanPush() {
				continue
			}
			if f := r.forgetting(); f != nil {
				if !f.start(claimed{Delivery: data.Delivery{Resident: d.Resident}, claim: claim}) {
					continue
				}
			}
			title, url := itemTitle(cat, d.Item), itemURL(cat, d.Item)
			msg := dialogs.Reply{Kind: dialogs.ReplyText, Text: dialogs.ReminderText(d.Reminder, title, url, today), Buttons: dialogs.ReminderButtons()}
			err = r.push(ctx, s, d.Resident, msg)
			if f := r.forgetting(); f != nil {
				f.end(d.Resident)
			}
			var se *SendError
			switch {
			case err == nil:
				sent++
				r.sent.WithLabelValues(string(d.Kind), "sent").Inc()
			case errors.Is(err, ErrBlocked):
				r.sent.WithLabelValues(string(d.Kind), "blocked").Inc()
			case ctx.Err() != nil:
				return r.store.UnmarkReminderSent(context.WithoutCancel(ctx), d.ID)
			case errors.As(err, &se) && !se.Temporary:
				r.sent.WithLabelValues(string(d.Kind), "failed").Inc()
			default:
				if err := r.store.UnmarkReminderSent(ctx, d.ID); err != nil {
					return err
				}
			}
		}
	}
	if sent > 0 {
		r.log.InfoContext(ctx, "reminders sent", "reminders", sent)
	}
	return nil
}

// forgetting is the broadcast worker's record of residents forgotten, or
// nil.
func (r *Reminders) forgetting() *forgetting {
	if r.opt.Broadcasts == nil {
		return nil
	}
	return r.opt.Broadcasts.forgetting
}

// push sends one message under the retry policy, and logs a failure. It
// returns the last attempt's error.
func (r *Reminders) push(ctx context.Context, s Sender, to data.ResidentID, msg dialogs.Reply) error {
	for try := 1; ; try++ {
		err := s.Push(ctx, to, msg)
		again, wait := r.opt.Retry.Retry(err, try)
		if !again {
			if err != nil && !errors.Is(err, ErrBlocked) && ctx.Err() == nil {
				r.log.WarnContext(ctx, "reminder message failed", "resident", to.String(), "attempts", try, "error", err)
			}
			return err
		}
		if Sleep(ctx, wait) != nil {
			return ctx.Err()
		}
	}
}

// itemTitle is the title of a catalog item, "" when cat does not hold it.
func itemTitle(cat *data.Catalog, it data.AlertItem) string {
	switch it.Kind {
	case data.AlertProgram:
		if p, ok := cat.Program(it.ID); ok {
			return p.Title
		}
	case data.AlertJob:
		if j, ok := cat.Job(it.ID); ok {
			return j.Title
		}
	}
	return ""
}

// itemURL is the official page of a catalog item, "" when unknown.
func itemURL(cat *data.Catalog, it data.AlertItem) string {
	switch it.Kind {
	case data.AlertProgram:
		if p, ok := cat.Program(it.ID); ok {
			return p.Source.URL
		}
	case data.AlertJob:
		if j, ok := cat.Job(it.ID); ok {
			return j.Source.URL
		}
	}
	return ""
}
