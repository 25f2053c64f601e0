package dialogs

import (
	"fmt"
	"slices"

	"github.com/dasi-seoul/dasi/data"
)

// remindersKept is what a channel's core keeps of one resident's
// reminders, for the transcripts and the fuzz test: the effects are
// applied to it as a core applies them to its store.
type remindersKept struct {
	next int64
	list []data.Reminder
}

// apply applies one effect and returns its result, if it has one.
func (k *remindersKept) apply(e Effect) *Result {
	switch e.Kind {
	case EffectForget:
		*k = remindersKept{next: k.next}
	case EffectRemind:
		for i, r := range k.list {
			if r.Item == e.Reminder.Item && r.Kind == e.Reminder.Kind {
				e.Reminder.ID = r.ID
				k.list[i] = e.Reminder
				return nil
			}
		}
		k.next++
		r := e.Reminder
		r.ID = k.next
		k.list = append(k.list, r)
		slices.SortStableFunc(k.list, func(a, b data.Reminder) int { return int(a.Due) - int(b.Due) })
	case EffectCancelReminder:
		k.list = slices.DeleteFunc(k.list, func(r data.Reminder) bool { return r.ID == e.ReminderID })
	case EffectListReminders:
		return &Result{Of: EffectListReminders, Reminders: slices.Clone(k.list)}
	}
	return nil
}

// playTurn runs one input as a channel's core does: the step, its effects
// applied in order, and, for an effect with a result, the step that takes
// it. It returns the last state, every reply and effect of the turn, and
// what broke the core's contract (a second result, a result after a
// result).
func playTurn(m *Machine, s State, in Input, k *remindersKept) (State, []Reply, []Effect, []string) {
	next, replies, effects := m.Step(s, in)
	all := effects
	var bad []string
	var res *Result
	for i, e := range effects {
		if r := k.apply(e); r != nil {
			if res != nil || i != len(effects)-1 {
				bad = append(bad, fmt.Sprintf("effect %d: %s: a result that is not the last effect's", i, e.Kind))
			}
			res = r
		}
	}
	if res != nil {
		more, moreReplies, moreEffects := m.Step(next, in.WithResult(*res))
		if len(moreEffects) > 0 {
			bad = append(bad, fmt.Sprintf("the step that took a result asked for %d effects", len(moreEffects)))
		}
		next, replies = more, append(replies, moreReplies...)
	}
	return next, replies, all, bad
}
