package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
)

// Residents keeps the store in step with each resident's conversation and
// rights: it records consents with their wording and the confirmed profile
// (the conversation's effects), withdraws notices on /stop or the button
// under an announcement for a resident the conversation cannot know,
// forgets a resident at once, gives a resident whose session expired their
// answers back, records each resident's last use and how far they got in
// the intake (written by Flush), and applies the retention policy (Run).
// It is safe for concurrent use. A Bot without Residents (nil) keeps
// nothing beyond the session.
type Residents struct {
	store             *sqlite.Store
	log               *slog.Logger
	required, notices data.ConsentText

	// flushing is held while pending records are written, and by forget,
	// so that a record taken before a forget is never written after it.
	flushing sync.Mutex

	mu      sync.Mutex
	touched map[data.ResidentID]time.Time // when each resident's last use was last recorded
	used    map[data.ResidentID]bool      // residents whose last use awaits writing
	reached map[data.ResidentID]int       // the furthest intake step of each resident, awaiting writing
	texts   map[data.ConsentKind]bool     // consent wordings recorded in the store
}

// maxTouched bounds the memory of recent records of last use.
const maxTouched = 100_000

// NewResidents returns the residents' records over store. log may be nil.
func NewResidents(store *sqlite.Store, log *slog.Logger) *Residents {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	required, notices := dialogs.ConsentWording()
	return &Residents{
		store:    store,
		log:      log,
		required: data.ConsentText{Kind: data.ConsentProfile, Version: wordingVersion(required), Text: required},
		notices:  data.ConsentText{Kind: data.ConsentNotices, Version: wordingVersion(notices), Text: notices},
		touched:  make(map[data.ResidentID]time.Time),
		used:     make(map[data.ResidentID]bool),
		reached:  make(map[data.ResidentID]int),
		texts:    make(map[data.ConsentKind]bool),
	}
}

// wordingVersion names a consent wording by its content, so that a changed
// wording is always recorded as a new version.
func wordingVersion(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(sum[:6])
}

// apply records one effect of the resident's conversation: the required
// consent given (with its wording and time) or refused (any stored profile
// is cleared), notices on or off, the confirmed profile, and reminders set,
// cancelled or listed (the one effect with a result: the resident's
// reminders waiting, for /profile). Other kinds are no business of its.
// Errors come from the store.
func (r *Residents) apply(ctx context.Context, t *turn, e dialogs.Effect) (*dialogs.Result, error) {
	if r == nil {
		if e.Kind == dialogs.EffectListReminders {
			return &dialogs.Result{Of: e.Kind}, nil
		}
		return nil, nil
	}
	now := time.Now()
	switch e.Kind {
	case dialogs.EffectConsent:
		if e.On {
			return nil, r.give(ctx, t.Resident, r.required, now)
		}
		return nil, r.store.RefuseConsent(ctx, t.Resident, now)
	case dialogs.EffectNotices:
		if e.On {
			return nil, r.give(ctx, t.Resident, r.notices, now)
		}
		_, err := r.store.WithdrawConsent(ctx, t.Resident, data.ConsentNotices, now)
		return nil, err
	case dialogs.EffectProfile:
		err := r.store.SaveProfile(ctx, t.Resident, e.Profile, true, now)
		if errors.Is(err, data.ErrNoConsent) {
			// The session says yes but the store has no record of it: keep
			// nothing rather than store without a recorded consent.
			t.log.WarnContext(ctx, "profile not stored: no consent on record for the resident")
			return nil, nil
		}
		return nil, err
	case dialogs.EffectRemind:
		_, err := r.store.AddReminder(ctx, t.Resident, e.Reminder, now)
		switch {
		case errors.Is(err, data.ErrNoResident):
			t.log.WarnContext(ctx, "reminder not stored: no profile on record for the resident")
			return nil, nil
		case errors.Is(err, sqlite.ErrTooManyReminders):
			t.log.WarnContext(ctx, "reminder not stored: the resident keeps the most reminders already", "most", data.MaxReminders)
			return nil, nil
		}
		return nil, err
	case dialogs.EffectCancelReminder:
		_, err := r.store.CancelReminder(ctx, t.Resident, e.ReminderID)
		return nil, err
	case dialogs.EffectListReminders:
		rs, err := r.store.Reminders(ctx, t.Resident)
		if err != nil {
			return nil, err
		}
		return &dialogs.Result{Of: e.Kind, Reminders: rs}, nil
	}
	return nil, nil
}

// give records the resident's consent to c, and c's wording the first time.
func (r *Residents) give(ctx context.Context, id data.ResidentID, c data.ConsentText, now time.Time) error {
	r.mu.Lock()
	known := r.texts[c.Kind]
	r.mu.Unlock()
	if !known {
		if err := r.store.RecordConsentText(ctx, c, now); err != nil {
			return err
		}
		r.mu.Lock()
		r.texts[c.Kind] = true
		r.mu.Unlock()
	}
	return r.store.GiveConsent(ctx, id, c.Kind, c.Version, now)
}

// stopping withdraws notices, on /stop or the "알림 끄기" button under
// announcements and alerts (dialogs.IsStop), for a resident the
// conversation cannot know as such (notices on, the required consent
// withdrawn); the conversation answers the resident and withdraws them for
// everyone else. Errors come from the store.
func (r *Residents) stopping(ctx context.Context, t *turn) error {
	if r == nil {
		return nil
	}
	if !dialogs.IsStop(t.Input) {
		return nil
	}
	res, err := r.store.Resident(ctx, t.Resident)
	switch {
	case errors.Is(err, data.ErrNoResident):
		return nil
	case err != nil:
		return err
	case res.Notices && !res.ProfileConsent:
		_, err = r.store.WithdrawConsent(ctx, t.Resident, data.ConsentNotices, time.Now())
	}
	return err
}

// forget deletes everything the store keeps about the resident: profile,
// consents, intake reach, deliveries, reminders, and drops what was waiting to be
// recorded about them. Errors come from the store.
func (r *Residents) forget(ctx context.Context, id data.ResidentID) error {
	if r == nil {
		return nil
	}
	r.flushing.Lock()
	defer r.flushing.Unlock()
	r.mu.Lock()
	delete(r.touched, id)
	delete(r.used, id)
	delete(r.reached, id)
	r.mu.Unlock()
	_, err := r.store.Forget(ctx, id)
	return err
}

// restore gives a resident without a session whom the store knows (their
// session expired after 30 days of silence) their answers and notices
// back, with dialogs.Restore; anyone else starts afresh. Errors come from
// the store.
func (r *Residents) restore(ctx context.Context, id data.ResidentID) (dialogs.State, error) {
	if r == nil {
		return dialogs.State{}, nil
	}
	res, err := r.store.Resident(ctx, id)
	switch {
	case errors.Is(err, data.ErrNoResident):
		return dialogs.State{}, nil
	case err != nil:
		return dialogs.State{}, err
	case !res.ProfileConsent:
		return dialogs.State{}, nil
	}
	return dialogs.Restore(res.Profile, res.Notices), nil
}

// stepped notes, after each turn, the resident's last use (at most hourly)
// and the furthest intake step they reached; Flush writes them. The
// resident's answer does not wait for statistics.
func (r *Residents) stepped(id data.ResidentID, next dialogs.State) {
	if r == nil {
		return
	}
	now := time.Now()
	// Step 0 (nothing said yet) is reached by every resident who says
	// anything; a state back there is a conversation started over
	// (/forget), which must leave no trace.
	step, onPath := dialogs.FunnelStep(next.Step())
	r.mu.Lock()
	defer r.mu.Unlock()
	if now.Sub(r.touched[id]) >= touchEvery {
		if len(r.touched) >= maxTouched {
			clear(r.touched)
		}
		r.touched[id] = now
		r.used[id] = true
	}
	if onPath && step > 0 && step > r.reached[id] {
		r.reached[id] = step
	}
}

// touchEvery is how often, at most, a resident's last use is recorded.
const touchEvery = time.Hour

// flushEvery is how often Run writes what stepped noted.
const flushEvery = time.Second

// retentionEvery is how often the retention policy runs.
const retentionEvery = 24 * time.Hour

// Flush writes the last uses and intake steps noted since the last flush,
// in two statements, off the path of the residents' answers. What it cannot
// write is noted again for the next flush. Errors come from the store.
func (r *Residents) Flush(ctx context.Context) error {
	r.flushing.Lock()
	defer r.flushing.Unlock()
	r.mu.Lock()
	used, reached := r.used, r.reached
	r.used, r.reached = make(map[data.ResidentID]bool), make(map[data.ResidentID]int)
	r.mu.Unlock()

	now := time.Now()
	ids := make([]data.ResidentID, 0, len(used))
	for id := range used {
		ids = append(ids, id)
	}
	err := r.store.Touch(ctx, now, ids...)
	if err == nil {
		err = r.store.RecordSteps(ctx, reached, now)
	}
	if err != nil {
		r.mu.Lock()
		for id := range used {
			r.used[id] = true
		}
		for id, st := range reached {
			r.reached[id] = max(r.reached[id], st)
		}
		r.mu.Unlock()
	}
	return err
}

// Run writes what stepped noted every second, and applies the retention
// policy at once and then daily (sqlite.Store.DeleteExpired: residents 12
// months after their last use, per-recipient rows of broadcasts 30 days
// after they ended), until ctx is done; then it writes what is left.
// Failures are logged and retried at the next turn.
func (r *Residents) Run(ctx context.Context) {
	flush := time.NewTicker(flushEvery)
	defer flush.Stop()
	retain := time.NewTimer(0)
	defer retain.Stop()
	for {
		select {
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			if err := r.Flush(sctx); err != nil {
				r.log.WarnContext(sctx, "residents: cannot record the last uses and intake steps at shutdown", "error", err)
			}
			cancel()
			return
		case <-flush.C:
			if err := r.Flush(ctx); err != nil && ctx.Err() == nil {
				r.log.WarnContext(ctx, "residents: cannot record the last uses and intake steps; retrying", "error", err)
			}
		case <-retain.C:
			exp, err := r.store.DeleteExpired(ctx, time.Now())
			switch {
			case err != nil && ctx.Err() == nil:
				r.log.ErrorContext(ctx, "retention: cannot delete expired data; retrying tomorrow", "error", err)
			case err == nil:
				r.log.InfoContext(ctx, "retention applied", "residents", exp.Residents, "chats", exp.Chats, "deliveries", exp.Deliveries, "drafts", exp.Drafts)
			}
			retain.Reset(retentionEvery)
		}
	}
}
