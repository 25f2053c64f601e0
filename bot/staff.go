package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// recentBroadcasts is how many broadcasts /broadcasts lists.
const recentBroadcasts = 5

// Intercept is the staff commands' hook (Hooks.Intercept): it runs the
// staff conversation (dialogs.Staff) for staff commands and buttons, and
// for a staff member's typed text while a /broadcast is being written,
// applying what it asks of the store and feeding the results back
// (dialogs, Effects). Anyone else who tries a staff command or button is
// refused politely, and the attempt is logged with their user id only.
// Everything else goes on to the conversation; a command (and the "알림
// 끄기" button, which is /stop) ends a draft. A draft is kept in the
// store, so that a restart in the middle of one loses nothing; residents'
// updates never read it. Errors come from the store, or from showing the
// progress message of a broadcast just created (which goes out all the
// same).
func (bc *Broadcasts) Intercept(ctx context.Context, t *Turn) (bool, error) {
	in := t.Input
	var draft dialogs.StaffState
	if in.Staff {
		var err error
		if draft, err = bc.draft(ctx, t.ChatID); err != nil {
			return false, err
		}
	}
	switch {
	case dialogs.IsStaffInput(in):
	case draft.Active() && (in.Kind == dialogs.InputText || in.Kind == dialogs.InputOther):
	default:
		if draft.Active() && (in.Kind == dialogs.InputCommand || dialogs.IsStop(in)) {
			return false, bc.setDraft(ctx, t.ChatID, dialogs.StaffState{})
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
		if err := bc.setDraft(ctx, t.ChatID, next); err != nil {
			return true, err
		}
	}
	return true, bc.show(ctx, t, replies)
}

// apply carries out one effect of the staff conversation and returns its
// result, if it has one.
func (bc *Broadcasts) apply(ctx context.Context, t *Turn, e dialogs.Effect) (*dialogs.Result, error) {
	res := &dialogs.Result{Of: e.Kind}
	var err error
	switch e.Kind {
	case dialogs.EffectRefused:
		t.log.WarnContext(ctx, "staff command refused: the sender is not in DASI_STAFF", "user_id", t.UserID, "command", e.Tried)
		return nil, nil
	case dialogs.EffectCountAudience:
		res.Count, err = bc.store.CountAudience(ctx, e.Audience)
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
func (bc *Broadcasts) start(ctx context.Context, t *Turn, e dialogs.Effect) (data.Broadcast, error) {
	b, err := bc.store.CreateBroadcast(ctx, data.NewBroadcast{
		Text: e.Text, Audience: e.Audience, StaffID: t.UserID, StaffChat: t.ChatID,
	}, time.Now())
	if err != nil {
		return data.Broadcast{}, err
	}
	t.log.InfoContext(ctx, "broadcast created", "broadcast_id", b.ID, "user_id", t.UserID, "recipients", b.Counts.Recipients)
	bc.Wake()
	return b, nil
}

// cancel stops a broadcast and fills res with what that did.
func (bc *Broadcasts) cancel(ctx context.Context, t *Turn, id int64, res *dialogs.Result) error {
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
		t.log.InfoContext(ctx, "broadcast cancelled", "broadcast_id", id, "user_id", t.UserID, "sent", b.Counts.Sent)
	}
	return nil
}

// show sends the staff conversation's replies in order. A broadcast's
// progress message (dialogs.Reply.Progress) is sent on its own, and its
// message id recorded with the broadcast, for the worker to edit.
func (bc *Broadcasts) show(ctx context.Context, t *Turn, replies []dialogs.Reply) error {
	for len(replies) > 0 {
		i := slices.IndexFunc(replies, func(r dialogs.Reply) bool { return r.Progress != 0 })
		if i < 0 {
			return t.Reply(ctx, replies...)
		}
		if err := t.Reply(ctx, replies[:i]...); err != nil {
			return err
		}
		r := replies[i]
		id, err := t.sendTracked(ctx, r)
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
func (bc *Broadcasts) draft(ctx context.Context, chatID int64) (dialogs.StaffState, error) {
	b, err := bc.store.StaffDraft(ctx, chatID)
	var s dialogs.StaffState
	if err == nil {
		err = s.UnmarshalBinary(b)
	}
	return s, err
}

// setDraft keeps the staff chat's draft, or deletes it when s is idle.
func (bc *Broadcasts) setDraft(ctx context.Context, chatID int64, s dialogs.StaffState) error {
	var b []byte
	if s.Active() {
		var err error
		if b, err = s.MarshalBinary(); err != nil {
			return err
		}
	}
	return bc.store.SaveStaffDraft(ctx, chatID, b, time.Now())
}

// sendTracked sends one text reply as one message and returns its id, for
// a message the bot edits later.
func (t *Turn) sendTracked(ctx context.Context, r dialogs.Reply) (int, error) {
	msg := tgbotapi.NewMessage(t.ChatID, escapeHTML(r.Text))
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	if kb := t.inlineKeyboard(ctx, r.Buttons); kb != nil {
		msg.ReplyMarkup = *kb
	}
	var resp *tgbotapi.APIResponse
	err := t.b.out.deliver(ctx, t.ChatID, "sendMessage", func(ctx context.Context) error {
		var err error
		resp, err = t.b.c.request(ctx, msg)
		return err
	})
	if err != nil {
		return 0, err
	}
	var sent struct {
		MessageID int `json:"message_id"`
	}
	if err := json.Unmarshal(resp.Result, &sent); err != nil {
		return 0, fmt.Errorf("sendMessage: read Telegram's answer: %w", err)
	}
	if sent.MessageID == 0 {
		return 0, errors.New("sendMessage: no message_id in Telegram's answer")
	}
	return sent.MessageID, nil
}

// Intercepts chains Intercept hooks: each sees the input in turn (as a hook
// before it may have changed it) until one handles it.
func Intercepts(hooks ...func(context.Context, *Turn) (bool, error)) func(context.Context, *Turn) (bool, error) {
	return func(ctx context.Context, t *Turn) (bool, error) {
		for _, h := range hooks {
			if h == nil {
				continue
			}
			if handled, err := h(ctx, t); handled || err != nil {
				return handled, err
			}
		}
		return false, nil
	}
}
