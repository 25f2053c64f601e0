package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// Turn is one update of one chat being handled: who, what they did, and the
// means to answer. Hooks receive it.
type Turn struct {
	ChatID   int64 // the private chat
	UserID   int64 // the resident (or staff member) who wrote or pressed
	UpdateID int   // Telegram's update_id
	// Input is what the resident did, as the conversation gets it (Staff
	// and Today filled in).
	Input dialogs.Input

	b         *Bot
	log       *slog.Logger
	pressedID int  // the message whose button was pressed, if any
	edited    bool // an Edit reply has used pressedID
}

// handle handles one update. It never fails: whatever goes wrong is logged
// and, where a resident waits for an answer, answered with TryAgainLater.
func (b *Bot) handle(ctx context.Context, in *incoming) {
	log := b.log.With("update_id", in.updateID, "chat_id", in.chatID)
	defer func() {
		if r := recover(); r != nil {
			log.ErrorContext(ctx, "panic while handling an update", "panic", r, "stack", string(debug.Stack()))
			if in.chatID != 0 {
				b.tryAgainLater(ctx, &Turn{ChatID: in.chatID, b: b, log: log})
			}
		}
		took := time.Since(in.received)
		b.m.handling.Observe(took.Seconds())
		if b.opt.OnHandled != nil {
			b.opt.OnHandled(in.updateID, took)
		}
	}()
	b.m.updates.WithLabelValues(in.kind).Inc()
	log.DebugContext(ctx, "update", "kind", in.kind)

	// Answer a button press first, whatever follows: the resident's phone
	// shows a spinner on the button until then.
	if in.callbackID != "" {
		b.answerCallback(ctx, in, log)
	}
	switch in.kind {
	case "ignored":
		return
	case "member":
		b.memberChanged(ctx, in, log)
		return
	}
	b.m.active.touch(in.chatID, in.received)
	if b.blocked.has(in.chatID) {
		// Whoever writes can be written to: the resident has come back.
		b.blocked.set(ctx, in.chatID, false)
		log.InfoContext(ctx, "resident came back; sending again")
	}

	in.input.Today = b.opt.Today()
	in.input.Staff = b.staff[in.userID]
	t := &Turn{ChatID: in.chatID, UserID: in.userID, UpdateID: in.updateID, Input: in.input, b: b, log: log, pressedID: in.pressedID}
	if b.hooks.Intercept != nil {
		handled, err := b.hooks.Intercept(ctx, t)
		if err != nil {
			log.ErrorContext(ctx, "intercept hook failed", "error", err)
			b.tryAgainLater(ctx, t)
			return
		}
		if handled {
			return
		}
	}
	b.converse(ctx, t)
}

// converse runs one step of the chat's conversation: at most one session
// read and one write, effects before the write, messages after it.
func (b *Bot) converse(ctx context.Context, t *Turn) {
	var st dialogs.State
	raw, err := b.sessions.Load(ctx, t.ChatID)
	switch {
	case errors.Is(err, data.ErrNoSession):
		if b.hooks.NoSession != nil {
			if st, err = b.hooks.NoSession(ctx, t.ChatID); err != nil {
				t.log.ErrorContext(ctx, "no-session hook failed", "error", err)
				b.tryAgainLater(ctx, t)
				return
			}
		}
	case err != nil:
		b.m.sessions.WithLabelValues("load").Inc()
		t.log.WarnContext(ctx, "cannot load the session; asking the resident to try again later", "error", err)
		b.tryAgainLater(ctx, t)
		return
	default:
		if err := st.UnmarshalBinary(raw); err != nil {
			t.log.WarnContext(ctx, "unreadable session; starting the conversation over", "error", err)
			st = dialogs.State{}
		}
	}

	forget := false
	next, show, err := runSteps(ctx, t, b.conv.Step, st, func(ctx context.Context, e dialogs.Effect) (*dialogs.Result, error) {
		if e.Kind == dialogs.EffectForget {
			forget = true
			return nil, b.forget(ctx, t)
		}
		if b.hooks.Effect == nil {
			return nil, nil
		}
		res, err := b.hooks.Effect(ctx, t, e)
		if err != nil {
			t.log.ErrorContext(ctx, "effect hook failed", "effect", e.Kind.String(), "error", err)
		}
		return res, err
	})
	if err != nil {
		b.tryAgainLater(ctx, t)
		return
	}

	if b.hooks.Stepped != nil {
		if err := b.hooks.Stepped(ctx, t, next); err != nil {
			t.log.ErrorContext(ctx, "stepped hook failed", "error", err)
		}
	}
	enc, err := next.MarshalBinary()
	if err != nil {
		t.log.ErrorContext(ctx, "cannot encode the conversation state", "error", err)
		b.tryAgainLater(ctx, t)
		return
	}
	// After a forget nothing is saved: no key is left that names the
	// resident, and their next message starts afresh.
	if !forget {
		if err := b.sessions.Save(ctx, t.ChatID, enc); err != nil {
			b.m.sessions.WithLabelValues("save").Inc()
			t.log.WarnContext(ctx, "cannot save the session; asking the resident to try again later", "error", err)
			b.tryAgainLater(ctx, t)
			return
		}
	}
	if err := t.Reply(ctx, show...); err != nil {
		t.logSendError(ctx, err)
	}
}

// forget deletes the chat's session, then what the Forget hook keeps about
// the resident (dialogs.EffectForget). Its errors are logged here.
func (b *Bot) forget(ctx context.Context, t *Turn) error {
	if err := b.sessions.Delete(ctx, t.ChatID); err != nil {
		b.m.sessions.WithLabelValues("delete").Inc()
		t.log.WarnContext(ctx, "cannot delete the session; asking the resident to try again later", "error", err)
		return err
	}
	if b.hooks.Forget != nil {
		if err := b.hooks.Forget(ctx, t.ChatID); err != nil {
			t.log.ErrorContext(ctx, "forget hook failed", "error", err)
			return err
		}
	}
	t.log.InfoContext(ctx, "resident forgotten")
	return nil
}

// maxSteps bounds the steps of one input: the first, and one for the
// result an effect found (a step that takes a result asks for no other).
const maxSteps = 2

// runSteps runs t.Input through a conversation (the resident's, or the
// staff's) as dialogs documents (Effects): it steps from s, applies the
// effects in order with apply, and when one had a result steps again with
// it (dialogs.Input.WithResult). It returns the last state and every reply
// of the steps, in order, to show once the state is saved. apply returns
// the result of an effect that has one, else nil; its error stops the run
// at once (no later effect, no further step), and runSteps returns it with
// s unchanged and nothing to show. A conversation that asks for two
// results in one step, or keeps asking, gets an error too.
func runSteps[S any](ctx context.Context, t *Turn, step func(S, dialogs.Input) (S, []dialogs.Reply, []dialogs.Effect), s S,
	apply func(context.Context, dialogs.Effect) (*dialogs.Result, error)) (S, []dialogs.Reply, error) {
	next, replies, effects := step(s, t.Input)
	for n := 1; ; n++ {
		var res *dialogs.Result
		for _, e := range effects {
			r, err := apply(ctx, e)
			if err != nil {
				return s, nil, fmt.Errorf("apply %s: %w", e.Kind, err)
			}
			if r == nil {
				continue
			}
			if res != nil {
				err := fmt.Errorf("apply %s: a second result in one step", e.Kind)
				t.log.ErrorContext(ctx, "the conversation broke its contract", "error", err)
				return s, nil, err
			}
			res = r
		}
		if res == nil {
			return next, replies, nil
		}
		if n == maxSteps {
			err := fmt.Errorf("apply %s: a result asked for after a result", res.Of)
			t.log.ErrorContext(ctx, "the conversation broke its contract", "error", err)
			return s, nil, err
		}
		var more []dialogs.Reply
		next, more, effects = step(next, t.Input.WithResult(*res))
		replies = append(replies, more...)
	}
}

// tryAgainLater tells the resident the bot cannot answer right now.
func (b *Bot) tryAgainLater(ctx context.Context, t *Turn) {
	err := t.Reply(ctx, dialogs.Reply{Kind: dialogs.ReplyText, Text: dialogs.TryAgainLater()})
	if err != nil {
		t.logSendError(ctx, err)
	}
}

func (t *Turn) logSendError(ctx context.Context, err error) {
	if errors.Is(err, ErrBlocked) || ctx.Err() != nil {
		return // logged where it happened, or shutting down
	}
	t.log.ErrorContext(ctx, "cannot send the replies", "error", err)
}

// answerCallback answers a button press with no text: the reply that
// follows is the answer.
func (b *Bot) answerCallback(ctx context.Context, in *incoming, log *slog.Logger) {
	cfg := tgbotapi.NewCallback(in.callbackID, "")
	err := b.out.deliver(ctx, in.chatID, "answerCallbackQuery", func(ctx context.Context) error {
		return b.c.send(ctx, cfg)
	})
	var se *SendError
	switch {
	case err == nil || errors.Is(err, ErrBlocked) || ctx.Err() != nil:
	case errors.As(err, &se) && !se.Temporary:
		// A press older than Telegram keeps queries for (a button of
		// yesterday's message): routine, and the reply still follows.
		log.DebugContext(ctx, "button press too old to answer", "error", err)
	default:
		log.WarnContext(ctx, "cannot answer the button press", "error", err)
	}
}

// memberChanged records a resident blocking the bot (or deleting the chat)
// and coming back.
func (b *Bot) memberChanged(ctx context.Context, in *incoming, log *slog.Logger) {
	switch in.member {
	case "kicked":
		b.blocked.set(ctx, in.chatID, true)
		log.InfoContext(ctx, "resident blocked the bot; sending nothing more until they come back")
	case "member":
		b.blocked.set(ctx, in.chatID, false)
		log.InfoContext(ctx, "resident came back")
	}
}
