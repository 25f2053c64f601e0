package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// Handle answers one input of one resident through out, and never fails:
// whatever goes wrong is logged, and the resident is told to try again
// later (dialogs.TryAgainLater). Staff commands and a staff member's draft
// go to the staff conversation; everything else to the resident's, with at
// most one session read and one write. Effects are applied before the
// session is saved, and replies are shown after it. The channel calls
// Handle for one resident's inputs in order.
func (b *Bot) Handle(ctx context.Context, t Turn, out Replier) {
	log := t.Log
	if log == nil {
		log = b.log.With("resident", t.Resident.String())
	}
	t.Input.Today = b.today()
	t.Input.NoPush = !t.Resident.Channel().CanPush()
	tr := &turn{Turn: t, log: log, out: out}
	handled, err := b.bc.staff(ctx, tr)
	if err == nil && !handled {
		if err = b.residents.stopping(ctx, tr); err == nil {
			err = b.converse(ctx, tr)
		}
	}
	if err != nil {
		if !errors.Is(err, errAnswered) {
			log.ErrorContext(ctx, "cannot answer the resident; asking them to try again later", "error", err)
		}
		tr.tryAgainLater(ctx)
	}
}

// turn is one Handle in progress.
type turn struct {
	Turn
	log *slog.Logger
	out Replier
}

// errAnswered marks an error already logged where it happened (a session
// store down): Handle only asks the resident to try again later.
var errAnswered = errors.New("logged")

// show shows replies, and logs what could not be shown.
func (t *turn) show(ctx context.Context, replies ...dialogs.Reply) {
	if err := t.out.Reply(ctx, replies...); err != nil {
		t.logSendError(ctx, err)
	}
}

// tryAgainLater tells the resident the bot cannot answer right now.
func (t *turn) tryAgainLater(ctx context.Context) {
	t.show(ctx, dialogs.Reply{Kind: dialogs.ReplyText, Text: dialogs.TryAgainLater()})
}

func (t *turn) logSendError(ctx context.Context, err error) {
	if errors.Is(err, ErrBlocked) || ctx.Err() != nil {
		return // logged where it happened, or shutting down
	}
	t.log.ErrorContext(ctx, "cannot send the replies", "error", err)
}

// converse runs one step of the resident's conversation: at most one
// session read and one write, effects before the write, messages after
// it. Its error leaves the session as it was.
func (b *Bot) converse(ctx context.Context, t *turn) error {
	st, err := b.load(ctx, t)
	if err != nil {
		return err
	}
	forget := false
	next, show, err := runSteps(ctx, t, b.conv.Step, st, func(ctx context.Context, e dialogs.Effect) (*dialogs.Result, error) {
		if e.Kind == dialogs.EffectForget {
			forget = true
			return nil, b.forget(ctx, t)
		}
		return b.residents.apply(ctx, t, e)
	})
	if err != nil {
		return err
	}
	b.residents.stepped(t.Resident, next)
	enc, err := next.MarshalBinary()
	if err != nil {
		return fmt.Errorf("encode the conversation state: %w", err)
	}
	// After a forget nothing is saved: no key is left that names the
	// resident, and their next message starts afresh.
	if !forget {
		save := b.sessions.Save
		if next.Pending() {
			// Answers typed before the consent live a day at most, at
			// rest too: the session expires with them.
			save = func(ctx context.Context, r data.ResidentID, state []byte) error {
				return b.sessions.SaveFor(ctx, r, state, dialogs.PendingTTL)
			}
		}
		if err := save(ctx, t.Resident, enc); err != nil {
			b.m.sessions.WithLabelValues("save").Inc()
			t.log.WarnContext(ctx, "cannot save the session; asking the resident to try again later", "error", err)
			return errAnswered
		}
	}
	t.show(ctx, show...)
	return nil
}

// load returns the resident's conversation state: the session's; for a
// resident without one, what the store keeps of them (their session
// expired after 30 days of silence), else a fresh conversation; and a
// fresh one for a session that cannot be read (another version, damage),
// which the conversation answers with an apology.
func (b *Bot) load(ctx context.Context, t *turn) (dialogs.State, error) {
	var st dialogs.State
	raw, err := b.sessions.Load(ctx, t.Resident)
	switch {
	case errors.Is(err, data.ErrNoSession):
		return b.residents.restore(ctx, t.Resident)
	case err != nil:
		b.m.sessions.WithLabelValues("load").Inc()
		t.log.WarnContext(ctx, "cannot load the session; asking the resident to try again later", "error", err)
		return st, errAnswered
	}
	if err := st.UnmarshalBinary(raw); err != nil {
		t.log.WarnContext(ctx, "unreadable session; starting the conversation over", "error", err)
		return dialogs.State{}, nil
	}
	return st, nil
}

// forget deletes everything about the resident (dialogs.EffectForget): the
// session, what the store keeps (profile, consents, intake reach,
// deliveries, reminders), and the broadcast messages and reminders already
// claimed for them. Its
// errors are logged here.
func (b *Bot) forget(ctx context.Context, t *turn) error {
	if err := b.sessions.Delete(ctx, t.Resident); err != nil {
		b.m.sessions.WithLabelValues("delete").Inc()
		t.log.WarnContext(ctx, "cannot delete the session; asking the resident to try again later", "error", err)
		return errAnswered
	}
	if err := b.residents.forget(ctx, t.Resident); err != nil {
		return fmt.Errorf("forget the resident: %w", err)
	}
	b.bc.forget(t.Resident)
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
func runSteps[S any](ctx context.Context, t *turn, step func(S, dialogs.Input) (S, []dialogs.Reply, []dialogs.Effect), s S,
	apply func(context.Context, dialogs.Effect) (*dialogs.Result, error)) (S, []dialogs.Reply, error) {
	next, replies, effects := step(s, t.Input)
	for n := 1; ; n++ {
		var res *dialogs.Result
		for _, e := range effects {
			r, err := apply(ctx, e)
			if err != nil {
				if errors.Is(err, errAnswered) {
					return s, nil, err
				}
				return s, nil, fmt.Errorf("apply %s: %w", e.Kind, err)
			}
			if r == nil {
				continue
			}
			if res != nil {
				return s, nil, fmt.Errorf("apply %s: the conversation broke its contract: a second result in one step", e.Kind)
			}
			res = r
		}
		if res == nil {
			return next, replies, nil
		}
		if n == maxSteps {
			return s, nil, fmt.Errorf("apply %s: the conversation broke its contract: a result asked for after a result", res.Of)
		}
		var more []dialogs.Reply
		next, more, effects = step(next, t.Input.WithResult(*res))
		replies = append(replies, more...)
	}
}
