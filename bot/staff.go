package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// recentBroadcasts is how many broadcasts /broadcasts lists.
const recentBroadcasts = 5

// Intercept is the staff commands' hook (Hooks.Intercept): it runs the
// staff conversation (dialogs.Staff) for staff commands and buttons, and
// for a staff member's typed text while a /broadcast is being written, and
// carries out what it asks of the store. Anyone else who tries a staff
// command or button is refused politely, and the attempt is logged with
// their user id only. Everything else goes on to the conversation; a
// command ends a draft. A draft is kept in the store, so that a restart
// in the middle of one loses nothing; residents' updates never read it.
// Errors come from the store.
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
		if draft.Active() && in.Kind == dialogs.InputCommand {
			return false, bc.setDraft(ctx, t.ChatID, dialogs.StaffState{})
		}
		return false, nil
	}

	next, replies, req := dialogs.Staff(draft, in)
	var err error
	switch req.Kind {
	case dialogs.StaffRefused:
		what := in.Command
		if in.Kind == dialogs.InputButton {
			what = "button"
		}
		t.log.WarnContext(ctx, "staff command refused: the sender is not in DASI_STAFF", "user_id", t.UserID, "command", what)
	case dialogs.StaffCountAudience:
		var n int
		if n, err = bc.store.CountAudience(ctx, req.Audience); err == nil {
			var more []dialogs.Reply
			next, more = dialogs.StaffPreview(next, n)
			replies = append(replies, more...)
		}
	case dialogs.StaffCreateBroadcast:
		if err = t.Reply(ctx, replies...); err != nil {
			return true, err
		}
		// The store deletes the draft with the broadcast it becomes.
		return true, bc.start(ctx, t, req)
	case dialogs.StaffListBroadcasts:
		var bs []data.Broadcast
		if bs, err = bc.store.Broadcasts(ctx, data.BroadcastStaff, recentBroadcasts); err == nil {
			replies = append(replies, dialogs.StaffList(bs)...)
		}
	case dialogs.StaffCancelBroadcast:
		var more []dialogs.Reply
		if more, err = bc.cancel(ctx, t, req.BroadcastID); err == nil {
			replies = append(replies, more...)
		}
	case dialogs.StaffReadStats:
		var st data.Stats
		if st, err = bc.store.Stats(ctx); err == nil {
			replies = append(replies, dialogs.StaffStats(st)...)
		}
	}
	if err != nil {
		return true, err
	}
	if next != draft {
		if err := bc.setDraft(ctx, t.ChatID, next); err != nil {
			return true, err
		}
	}
	return true, t.Reply(ctx, replies...)
}

// start stores a confirmed broadcast, shows its progress message and wakes
// the worker.
func (bc *Broadcasts) start(ctx context.Context, t *Turn, req dialogs.StaffRequest) error {
	b, err := bc.store.CreateBroadcast(ctx, data.NewBroadcast{
		Text: req.Text, Audience: req.Audience, StaffID: t.UserID, StaffChat: t.ChatID,
	}, time.Now())
	if err != nil {
		return err
	}
	t.log.InfoContext(ctx, "broadcast created", "broadcast_id", b.ID, "user_id", t.UserID, "recipients", b.Counts.Recipients)
	bc.Wake()
	id, err := t.sendTracked(ctx, dialogs.StaffStarted(b))
	if err != nil {
		// The broadcast goes out all the same; /broadcasts shows it.
		return fmt.Errorf("show the progress of broadcast %d: %w", b.ID, err)
	}
	return bc.store.SetProgressMessage(ctx, b.ID, id)
}

// cancel stops a broadcast and says what that did.
func (bc *Broadcasts) cancel(ctx context.Context, t *Turn, id int64) ([]dialogs.Reply, error) {
	before, err := bc.store.Broadcast(ctx, id)
	if errors.Is(err, data.ErrNoBroadcast) || (err == nil && before.Kind != data.BroadcastStaff) {
		return dialogs.StaffNoBroadcast(), nil
	}
	if err != nil {
		return nil, err
	}
	b, err := bc.store.CancelBroadcast(ctx, id, time.Now())
	if err != nil {
		return nil, err
	}
	bc.Wake()
	running := before.State == data.BroadcastRunning
	if running {
		t.log.InfoContext(ctx, "broadcast cancelled", "broadcast_id", id, "user_id", t.UserID, "sent", b.Counts.Sent)
	}
	return dialogs.StaffCancelled(b, running), nil
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
