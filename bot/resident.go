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
// (Effect), withdraws notices on /stop or the button under an announcement
// for a resident the conversation cannot know (Intercept), forgets a resident at once (Forget), gives a resident whose
// session expired their answers back (NoSession), records each chat's last
// use and how far it got in the intake (Stepped, written by Flush), and
// applies the retention policy (Run). It is safe for concurrent use.
type Residents struct {
	store             *sqlite.Store
	log               *slog.Logger
	required, notices data.ConsentText

	// flushing is held while pending records are written, and by Forget,
	// so that a record taken before a forget is never written after it.
	flushing sync.Mutex

	mu      sync.Mutex
	touched map[int64]time.Time       // when each chat's last use was last recorded
	used    map[int64]bool            // chats whose last use awaits writing
	reached map[int64]int             // the furthest intake step of each chat, awaiting writing
	texts   map[data.ConsentKind]bool // consent wordings recorded in the store
}

// maxTouched bounds the memory of recent records of last use.
const maxTouched = 100_000

// NewResidents returns the residents' hooks over store. log may be nil.
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
		touched:  make(map[int64]time.Time),
		used:     make(map[int64]bool),
		reached:  make(map[int64]int),
		texts:    make(map[data.ConsentKind]bool),
	}
}

// wordingVersion names a consent wording by its content, so that a changed
// wording is always recorded as a new version.
func wordingVersion(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(sum[:6])
}

// Effect applies the resident conversation's effects (Hooks.Effect): the
// required consent given (with its wording and time) or refused (any
// stored profile is cleared), notices on or off, and the confirmed
// profile. None of them has a result, and other kinds are no business of
// its: it returns a nil result always. Errors come from the store.
func (r *Residents) Effect(ctx context.Context, t *Turn, e dialogs.Effect) (*dialogs.Result, error) {
	now := time.Now()
	switch e.Kind {
	case dialogs.EffectConsent:
		if e.On {
			return nil, r.give(ctx, t.ChatID, r.required, now)
		}
		return nil, r.store.RefuseConsent(ctx, t.ChatID, now)
	case dialogs.EffectNotices:
		if e.On {
			return nil, r.give(ctx, t.ChatID, r.notices, now)
		}
		_, err := r.store.WithdrawConsent(ctx, t.ChatID, data.ConsentNotices, now)
		return nil, err
	case dialogs.EffectProfile:
		err := r.store.SaveProfile(ctx, t.ChatID, e.Profile, true, now)
		if errors.Is(err, data.ErrNoConsent) {
			// The session says yes but the store has no record of it: keep
			// nothing rather than store without a recorded consent.
			t.log.WarnContext(ctx, "profile not stored: no consent on record for the chat")
			return nil, nil
		}
		return nil, err
	}
	return nil, nil
}

// give records the chat's consent to c, and c's wording the first time.
func (r *Residents) give(ctx context.Context, chatID int64, c data.ConsentText, now time.Time) error {
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
	return r.store.GiveConsent(ctx, chatID, c.Kind, c.Version, now)
}

// Intercept withdraws notices, on /stop or the "알림 끄기" button under
// announcements and alerts (dialogs.IsStop), for a resident the
// conversation cannot know as such (notices on, the required consent
// withdrawn); the conversation answers the resident and withdraws them
// for everyone else (Hooks.Intercept). It never handles the update
// itself. Errors come from the store.
func (r *Residents) Intercept(ctx context.Context, t *Turn) (bool, error) {
	if !dialogs.IsStop(t.Input) {
		return false, nil
	}
	res, err := r.store.Resident(ctx, t.ChatID)
	switch {
	case errors.Is(err, data.ErrNoResident):
		return false, nil
	case err != nil:
		return false, err
	case res.Notices && !res.ProfileConsent:
		_, err = r.store.WithdrawConsent(ctx, t.ChatID, data.ConsentNotices, time.Now())
	}
	return false, err
}

// Forget deletes everything the store keeps about the chat: profile,
// consents, intake reach, deliveries (Hooks.Forget; the bot deletes the
// session), and drops what was waiting to be recorded about it. Chain
// Broadcasts.Forget after it (ForgetHooks), for the messages the worker has
// already claimed. Errors come from the store.
func (r *Residents) Forget(ctx context.Context, chatID int64) error {
	r.flushing.Lock()
	defer r.flushing.Unlock()
	r.mu.Lock()
	delete(r.touched, chatID)
	delete(r.used, chatID)
	delete(r.reached, chatID)
	r.mu.Unlock()
	_, err := r.store.Forget(ctx, chatID)
	return err
}

// NoSession gives a chat without a session whose resident the store knows
// (their session expired after 30 days of silence) their answers and
// notices back, with dialogs.Restore (Hooks.NoSession); any other chat
// starts afresh. Errors come from the store.
func (r *Residents) NoSession(ctx context.Context, chatID int64) (dialogs.State, error) {
	res, err := r.store.Resident(ctx, chatID)
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

// Stepped notes, after each turn (Hooks.Stepped), the chat's last use (at
// most hourly) and the furthest intake step it reached; Flush writes them.
// It never fails: the resident's answer does not wait for statistics.
func (r *Residents) Stepped(ctx context.Context, t *Turn, next dialogs.State) error {
	now := time.Now()
	// Step 0 (nothing said yet) is reached by every chat that says anything;
	// a state back there is a conversation started over (/forget), which
	// must leave no trace.
	step, onPath := dialogs.FunnelStep(next.Step())
	r.mu.Lock()
	defer r.mu.Unlock()
	if now.Sub(r.touched[t.ChatID]) >= touchEvery {
		if len(r.touched) >= maxTouched {
			clear(r.touched)
		}
		r.touched[t.ChatID] = now
		r.used[t.ChatID] = true
	}
	if onPath && step > 0 && step > r.reached[t.ChatID] {
		r.reached[t.ChatID] = step
	}
	return nil
}

// touchEvery is how often, at most, a chat's last use is recorded.
const touchEvery = time.Hour

// flushEvery is how often Run writes what Stepped noted.
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
	r.used, r.reached = make(map[int64]bool), make(map[int64]int)
	r.mu.Unlock()

	now := time.Now()
	ids := make([]int64, 0, len(used))
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

// Run writes what Stepped noted every second, and applies the retention
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
