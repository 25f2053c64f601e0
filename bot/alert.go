package bot

import (
	"context"
	"log/slog"

	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
)

// AlertOptions configure personal alerts. Every zero field means its
// documented default.
type AlertOptions struct {
	// Today returns the date taken as today (DASI_NOW). Default: the real
	// date in Seoul.
	Today func() data.Date
	// Now returns the time, for the hours alerts may be sent. Default
	// time.Now.
	Now func() time.Time
	// Every is how often the job looks for a new catalog. Default 1 minute.
	Every time.Duration
	// Hours are the hours of the day in Seoul, [From, To), in which alerts
	// start: nobody is woken by one. Default 9 to 20.
	From, To int
	// Log receives the job's log. Default: discarded.
	Log *slog.Logger
}

// Alerts are personal alerts: after every import, the new programs and
// job openings that match a resident who asked for notices are sent to
// them, at most one digest a day, each item with the reasons it matched,
// through the broadcast worker. The digest carries the "알림 끄기" button.
type Alerts struct {
	store *sqlite.Store
	bc    *Broadcasts
	live  *data.LiveCatalog
	opt   AlertOptions
	log   *slog.Logger
}

// NewAlerts returns the alerts job over store, watching live (the catalog
// the conversation answers from, which serve reloads after each import)
// and sending through bc.
func NewAlerts(store *sqlite.Store, bc *Broadcasts, live *data.LiveCatalog, opt AlertOptions) *Alerts {
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
		opt.From, opt.To = 9, 20
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	return &Alerts{store: store, bc: bc, live: live, opt: opt, log: opt.Log}
}

// alertPage is how many residents one alert broadcast carries.
const alertPage = 500

// Run looks at the catalog now and every Every until ctx is done. When it
// is a new one (an import), it notes which programs and jobs are new and
// sends the residents they match their digest; residents who already had
// one that day, or who are due one outside the sending hours, get theirs
// at the first look after. Failures are logged and retried at the next
// look.
func (a *Alerts) Run(ctx context.Context) {
	var (
		seen   *data.Catalog // the catalog whose new items were noted
		upto   int64         // the latest sequence number of new items
		looked time.Time     // the hour of the last look for due residents
	)
	for {
		if cat := a.live.Load(); cat != nil && cat != seen {
			seq, fresh, err := a.store.NoteAlertItems(ctx, cat.AlertItems(), a.opt.Now())
			switch {
			case err != nil && ctx.Err() == nil:
				a.log.WarnContext(ctx, "alerts: cannot note new catalog items", "error", err)
			case err == nil:
				if fresh > 0 {
					a.log.InfoContext(ctx, "alerts: new catalog items", "new_items", fresh)
				}
				seen, upto, looked = cat, seq, time.Time{}
			}
		}
		if hour := a.opt.Now().Truncate(time.Hour); seen != nil && upto > 0 && hour.After(looked) && a.sendingHours() {
			if err := a.Send(ctx, seen, upto); err != nil {
				if ctx.Err() == nil {
					a.log.WarnContext(ctx, "alerts: cannot prepare the digests; retrying", "error", err)
				}
			} else {
				looked = hour
			}
		}
		if Sleep(ctx, a.opt.Every) != nil {
			return
		}
	}
}

// sendingHours reports whether alerts may start now.
func (a *Alerts) sendingHours() bool {
	h := a.opt.Now().In(data.Seoul()).Hour()
	return h >= a.opt.From && h < a.opt.To
}

// Send prepares today's digests from cat for every resident due one, given
// that upto is the latest sequence number of new items, and queues them on
// the broadcast worker. It returns an error from the store.
func (a *Alerts) Send(ctx context.Context, cat *data.Catalog, upto int64) error {
	today := a.opt.Today()
	since := make(map[int64]*data.Catalog) // the new items after each sequence number
	var digests, residents int
	for after := data.ResidentID(""); ; {
		due, err := a.store.AlertRecipients(ctx, today, upto, after, alertPage)
		if err != nil {
			return err
		}
		if len(due) == 0 {
			break
		}
		after = due[len(due)-1].Resident
		var (
			batch   []data.AlertDigest
			nothing []data.ResidentID
		)
		for _, r := range due {
			sub := since[r.Since]
			if sub == nil {
				items, err := a.store.AlertItemsSince(ctx, r.Since)
				if err != nil {
					return err
				}
				sub = cat.Only(items)
				since[r.Since] = sub
			}
			res := sub.Match(data.Query{Profile: r.Profile, Today: today, Limit: 100})
			var hits []data.Hit
			for _, h := range append(res.Programs, res.Jobs...) {
				if alertWorthy(h) {
					hits = append(hits, h)
				}
			}
			if text, ok := dialogs.AlertDigest(hits, today); ok {
				batch = append(batch, data.AlertDigest{Resident: r.Resident, Text: text})
			} else {
				nothing = append(nothing, r.Resident)
			}
		}
		residents += len(due)
		if len(batch) > 0 {
			b, err := a.store.CreateAlertBroadcast(ctx, batch, upto, today, a.opt.Now())
			if err != nil {
				return err
			}
			digests += b.Counts.Recipients
			a.bc.Wake()
		}
		if err := a.store.MarkAlertsChecked(ctx, nothing, upto); err != nil {
			return err
		}
	}
	if residents > 0 {
		a.log.InfoContext(ctx, "alerts prepared", "residents", residents, "digests", digests)
	}
	return nil
}

// alertNear is how far a job opening may be from the resident's district
// to be announced on distance alone.
const alertNear = 5000 // meters

// alertWorthy reports whether a new item is worth a resident's alert: a
// program that serves one of their goals; a job opening in their field, in
// or near their district, or a 사회공헌 일자리 for those who asked for one.
func alertWorthy(h data.Hit) bool {
	for _, r := range h.Reasons {
		switch {
		case h.Program != nil && r.Kind == data.ReasonGoal:
			return true
		case h.Job == nil:
		case r.Kind == data.ReasonField, r.Kind == data.ReasonDistrict,
			r.Kind == data.ReasonGoal && r.Goal == data.GoalSocial,
			r.Kind == data.ReasonDistance && r.Meters <= alertNear:
			return true
		}
	}
	return false
}
