package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/dialogs"
)

// TestRunStepsFeedsResultsBackAndStopsOnAnError: the staff conversation
// asks the store to count an audience and is stepped again with the count,
// the replies of both steps shown in order; a store that fails leaves the
// draft as it was and shows nothing; a conversation that keeps asking for
// results is stopped.
func TestRunStepsFeedsResultsBackAndStopsOnAnError(t *testing.T) {
	ctx := context.Background()
	staffTurn := func(in dialogs.Input) *turn {
		in.Staff = true
		return &turn{Turn: Turn{Input: in}, log: slog.New(slog.DiscardHandler)}
	}
	var s dialogs.StaffState
	for _, in := range []dialogs.Input{
		{Kind: dialogs.InputCommand, Command: "broadcast"},
		{Kind: dialogs.InputText, Text: "안내"},
	} {
		s, _, _ = dialogs.Staff(s, staffTurn(in).Input)
	}
	var applied []dialogs.Effect
	count := func(_ context.Context, e dialogs.Effect) (*dialogs.Result, error) {
		applied = append(applied, e)
		return &dialogs.Result{Of: e.Kind, Count: 7}, nil
	}
	next, replies, err := runSteps(ctx, staffTurn(dialogs.Input{Kind: dialogs.InputButton, Text: "stf:all"}), dialogs.Staff, s, count)
	if err != nil || len(applied) != 1 || applied[0].Kind != dialogs.EffectCountAudience {
		t.Fatalf("runSteps = %v, applied %+v; want the audience counted once", err, applied)
	}
	if len(replies) != 2 || !strings.Contains(replies[1].Text, "7명") || next == s {
		t.Fatalf("replies %+v; want the preview with the count", replies)
	}

	failing := func(context.Context, dialogs.Effect) (*dialogs.Result, error) { return nil, errors.New("disk full") }
	back, replies, err := runSteps(ctx, staffTurn(dialogs.Input{Kind: dialogs.InputButton, Text: "stf:all"}), dialogs.Staff, s, failing)
	if err == nil || back != s || len(replies) != 0 {
		t.Fatalf("a failing store: %v, state kept %v, %d replies; want the error, the draft as it was, nothing to show", err, back == s, len(replies))
	}

	greedy := func(s int, in dialogs.Input) (int, []dialogs.Reply, []dialogs.Effect) {
		return s + 1, []dialogs.Reply{{Kind: dialogs.ReplyText, Text: "또"}}, []dialogs.Effect{{Kind: dialogs.EffectReadStats}}
	}
	if n, _, err := runSteps(ctx, staffTurn(dialogs.Input{Kind: dialogs.InputCommand, Command: "stats"}), greedy, 0, count); err == nil || n != 0 {
		t.Errorf("a conversation that keeps asking: %d, %v; want an error and the state as it was", n, err)
	}
}
