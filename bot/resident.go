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
	"github.com/dasi-seoul/dasi/dialogs"
)

// Residents keeps the store in step with each resident's conversation and
// rights: it records consents with their wording and the confirmed profile
// (Effect), withdraws notices on /stop or the button under an announcement
// (Intercept), forgets a resident at once (Forget), gives a resident whose
// session expired their answers back (NoSession), records each chat's last
// use and how far it got in the intake (Stepped), and applies the
// retention policy (RunRetention). It is safe for concurrent use.
type Residents struct {
	store             *data.Store
	log               *slog.Logger
	required, notices data.ConsentText

	mu      sync.Mutex
	touched map[int64]time.Time // when each chat's last use was last written
}

// maxTouched bounds the memory of recent writes of last use.
const maxTouched = 100_000

// NewResidents returns the residents' hooks over store. log may be nil.
func NewResidents(store *data.Store, log *slog.Logger) *Residents {
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
	}
}

// wordingVersion names a consent wording by its content, so that a changed
// wording is always recorded as a new version.
func wordingVersion(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(sum[:6])
}

// Effect records the conversation's effects (Hooks.Effect): the required
// consent given (with its wording and time) or refused (any stored profile
// is cleared), notices on or off, and the confirmed profile. It consumes
// those replies and passes every other on. Errors come from the store.
func (r *Residents) Effect(ctx context.Context, t *Turn, rep dialogs.Reply) (bool, error) {
	now := time.Now()
	switch rep.Kind {
	case dialogs.ReplyConsent:
		if rep.On {
			return true, r.store.GiveConsent(ctx, t.ChatID, r.required, now)
		}
		if err := r.store.CountConsentRefused(ctx); err != nil {
			return true, err
		}
		_, err := r.store.WithdrawConsent(ctx, t.ChatID, data.ConsentProfile, now)
		return true, err
	case dialogs.ReplyNotices:
		if rep.On {
			return true, r.store.GiveConsent(ctx, t.ChatID, r.notices, now)
		}
		_, err := r.store.WithdrawConsent(ctx, t.ChatID, data.ConsentNotices, now)
		return true, err
	case dialogs.ReplyProfile:
		err := r.store.SaveProfile(ctx, t.ChatID, rep.Profile, true, now)
		if errors.Is(err, data.ErrNoConsent) {
			// The session says yes but the store has no record of it: keep
			// nothing rather than store without a recorded consent.
			t.log.WarnContext(ctx, "profile not stored: no consent on record for the chat")
			return true, nil
		}
		return true, err
	}
	return false, nil
}

// Intercept turns the "알림 끄기" button under announcements and alerts into
// /stop, whatever step the resident is at, for the conversation to answer
// and withdraw notices (Hooks.Intercept). A resident the conversation
// cannot know as such (notices on, the required consent withdrawn) has
// notices withdrawn here. It never handles the update itself. Errors come
// from the store.
func (r *Residents) Intercept(ctx context.Context, t *Turn) (bool, error) {
	if t.Input.Kind == dialogs.InputButton && t.Input.Text == dialogs.StopAlertsData {
		t.Input = dialogs.Input{Kind: dialogs.InputCommand, Command: "stop", Today: t.Input.Today, Staff: t.Input.Staff}
		t.pressedID = 0 // the answer is a new message; the announcement stays as it was
	}
	if t.Input.Kind != dialogs.InputCommand || t.Input.Command != "stop" {
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
// session). Errors come from the store.
func (r *Residents) Forget(ctx context.Context, chatID int64) error {
	r.mu.Lock()
	delete(r.touched, chatID)
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

// Stepped records, after each turn (Hooks.Stepped), the chat's last use
// (written at most hourly) and the furthest intake step it reached. Errors
// come from the store; the resident's answer does not depend on them.
func (r *Residents) Stepped(ctx context.Context, t *Turn, next dialogs.State) error {
	now := time.Now()
	r.mu.Lock()
	stale := now.Sub(r.touched[t.ChatID]) >= touchEvery
	if stale {
		if len(r.touched) >= maxTouched {
			clear(r.touched)
		}
		r.touched[t.ChatID] = now
	}
	r.mu.Unlock()
	if stale {
		if err := r.store.Touch(ctx, t.ChatID, now); err != nil {
			return err
		}
	}
	// Step 0 (nothing said yet) is reached by every chat that says anything;
	// a state back there is a conversation started over (/forget), which
	// must leave no trace.
	if step, ok := dialogs.FunnelStep(next.Step()); ok && step > 0 {
		return r.store.RecordStep(ctx, t.ChatID, step, now)
	}
	return nil
}

// touchEvery is how often, at most, a chat's last use is written.
const touchEvery = time.Hour

// retentionEvery is how often the retention policy runs.
const retentionEvery = 24 * time.Hour

// RunRetention applies the retention policy now and then daily until ctx is
// done (data.Store.DeleteExpired: residents 12 months after their last use,
// per-recipient rows of broadcasts 30 days after they ended). Failures are
// logged and retried at the next run.
func (r *Residents) RunRetention(ctx context.Context) {
	for {
		exp, err := r.store.DeleteExpired(ctx, time.Now())
		switch {
		case err != nil && ctx.Err() == nil:
			r.log.ErrorContext(ctx, "retention: cannot delete expired data; retrying tomorrow", "error", err)
		case err == nil:
			r.log.InfoContext(ctx, "retention applied", "residents", exp.Residents, "chats", exp.Chats, "deliveries", exp.Deliveries)
		}
		if sleep(ctx, retentionEvery) != nil {
			return
		}
	}
}
