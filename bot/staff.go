package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// recentBroadcasts is how many broadcasts /broadcasts lists.
const recentBroadcasts = 5

// staff answers the staff commands: it runs the staff conversation
// (dialogs.Staff) for staff commands and buttons, and for a staff member's
// typed text while a /broadcast is being written, applying what it asks of
// the store and feeding the results back (dialogs, Effects), and reports
// whether it answered the input. Anyone else who tries a staff command or
// button is refused politely, and the attempt is logged with their id
// only. Everything else goes on to the resident's conversation; a command
// (and the "알림 끄기" button, which is /stop) ends a draft. A draft is kept
// in the store, so that a restart in the middle of one loses nothing;
// residents' inputs never read it. A nil Broadcasts answers nothing. Errors come from the store, or from
// showing the progress message of a broadcast just created (which goes out
// all the same).
func (bc *Broadcasts) staff(ctx context.Context, t *turn) (bool, error) {
	if bc == nil {
		return false, nil
	}
	in := t.Input
	var draft dialogs.StaffState
	if in.Staff {
		var err error
		if draft, err = bc.draft(ctx, t.Resident); err != nil {
			return false, err
		}
	}
	switch {
	case dialogs.IsStaffInput(in):
	case draft.Active() && (in.Kind == dialogs.InputText || in.Kind == dialogs.InputOther):
	default:
		if draft.Active() && (in.Kind == dialogs.InputCommand || dialogs.IsStop(in)) {
			return false, bc.setDraft(ctx, t.Resident, dialogs.StaffState{})
		}
		return false, nil
	}

	next, replies, err := runSteps(ctx, t, dialogs.Staff, draft, func(ctx context.Context, e dialogs.Effect) (*dialogs.Result, error) {
		return bc.apply(ctx, t, e)
	})
	if err != nil {
		return true, err
	}
	if next != draft {
		if err := bc.setDraft(ctx, t.Resident, next); err != nil {
			return true, err
		}
	}
	return true, bc.show(ctx, t, replies)
}

// apply carries out one effect of the staff conversation and returns its
// result, if it has one.
func (bc *Broadcasts) apply(ctx context.Context, t *turn, e dialogs.Effect) (*dialogs.Result, error) {
	res := &dialogs.Result{Of: e.Kind}
	var err error
	switch e.Kind {
	case dialogs.EffectRefused:
		t.log.WarnContext(ctx, "staff command refused: the sender is not in DASI_STAFF", "resident", t.Resident.String(), "command", e.Tried)
		return nil, nil
	case dialogs.EffectCountAudience:
		if res.Count, err = bc.store.CountAudience(ctx, e.Audience); err == nil {
			res.Unreachable, err = bc.store.CountUnreachable(ctx, e.Audience)
		}
	case dialogs.EffectCreateBroadcast:
		res.Broadcast, err = bc.start(ctx, t, e)
	case dialogs.EffectListBroadcasts:
		res.Broadcasts, err = bc.store.Broadcasts(ctx, data.BroadcastStaff, recentBroadcasts)
	case dialogs.EffectCancelBroadcast:
		err = bc.cancel(ctx, t, e.BroadcastID, res)
	case dialogs.EffectReadStats:
		res.Stats, err = bc.store.Stats(ctx)
	default:
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// start stores a confirmed broadcast and wakes the worker.
func (bc *Broadcasts) start(ctx context.Context, t *turn, e dialogs.Effect) (data.Broadcast, error) {
	b, err := bc.store.CreateBroadcast(ctx, data.NewBroadcast{
		Text: e.Text, Audience: e.Audience, Staff: t.Resident,
	}, time.Now())
	if err != nil {
		return data.Broadcast{}, err
	}
	t.log.InfoContext(ctx, "broadcast created", "broadcast_id", b.ID, "resident", t.Resident.String(), "recipients", b.Counts.Recipients)
	bc.Wake()
	return b, nil
}

// cancel stops a broadcast and fills res with what that did.
func (bc *Broadcasts) cancel(ctx context.Context, t *turn, id int64, res *dialogs.Result) error {
	before, err := bc.store.Broadcast(ctx, id)
	if errors.Is(err, data.ErrNoBroadcast) || (err == nil && before.Kind != data.BroadcastStaff) {
		res.NoBroadcast = true
		return nil
	}
	if err != nil {
		return err
	}
	b, err := bc.store.CancelBroadcast(ctx, id, time.Now())
	if err != nil {
		return err
	}
	bc.Wake()
	res.Broadcast, res.WasRunning = b, before.State == data.BroadcastRunning
	if res.WasRunning {
		t.log.InfoContext(ctx, "broadcast cancelled", "broadcast_id", id, "resident", t.Resident.String(), "sent", b.Counts.Sent)
	}
	return nil
}

// show sends the staff conversation's replies in order. A broadcast's
// progress message (dialogs.Reply.Progress) is sent on its own, and its
// message id recorded with the broadcast, for the worker to edit.
func (bc *Broadcasts) show(ctx context.Context, t *turn, replies []dialogs.Reply) error {
	for len(replies) > 0 {
		i := slices.IndexFunc(replies, func(r dialogs.Reply) bool { return r.Progress != 0 })
		if i < 0 {
			return t.out.Reply(ctx, replies...)
		}
		if err := t.out.Reply(ctx, replies[:i]...); err != nil {
			return err
		}
		r := replies[i]
		id, err := t.out.Track(ctx, r)
		if err != nil {
			// The broadcast goes out all the same; /broadcasts shows it.
			return fmt.Errorf("show the progress of broadcast %d: %w", r.Progress, err)
		}
		if err := bc.store.SetProgressMessage(ctx, r.Progress, id); err != nil {
			return err
		}
		replies = replies[i+1:]
	}
	return nil
}

// draft returns the /broadcast the staff chat is writing; the idle state
// when none (or one the store holds damaged).
func (bc *Broadcasts) draft(ctx context.Context, id data.ResidentID) (dialogs.StaffState, error) {
	b, err := bc.store.StaffDraft(ctx, id)
	var s dialogs.StaffState
	if err == nil {
		err = s.UnmarshalBinary(b)
	}
	return s, err
}

// setDraft keeps the staff chat's draft, or deletes it when s is idle.
func (bc *Broadcasts) setDraft(ctx context.Context, id data.ResidentID, s dialogs.StaffState) error {
	var b []byte
	if s.Active() {
		var err error
		if b, err = s.MarshalBinary(); err != nil {
			return err
		}
	}
	return bc.store.SaveStaffDraft(ctx, id, b, time.Now())
}
