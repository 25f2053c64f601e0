package dialogs

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// checkTurn returns what is wrong with one turn's outcome (playTurn: the
// step, and the step that takes its result when it asked for one): every
// promise Step makes to a channel and a resident. The transcripts and the
// fuzz test both hold every turn to it.
func checkTurn(after State, replies []Reply, effects []Effect) []string {
	var bad []string
	for i, e := range effects {
		switch e.Kind {
		case EffectConsent, EffectNotices, EffectProfile, EffectForget,
			EffectRemind, EffectCancelReminder, EffectListReminders:
		default:
			bad = append(bad, fmt.Sprintf("effect %d: %s is not the resident conversation's", i, e.Kind))
		}
		if e.Kind.HasResult() && (e.Kind != EffectListReminders || i != len(effects)-1) {
			bad = append(bad, fmt.Sprintf("effect %d: %s asks for a result", i, e.Kind))
		}
		if e.Kind == EffectRemind && (!e.Reminder.Kind.Valid() || e.Reminder.Item.ID == "" || e.Reminder.Due == 0 || e.Reminder.Due > e.Reminder.On) {
			bad = append(bad, fmt.Sprintf("effect %d: a reminder that cannot be sent: %+v", i, e.Reminder))
		}
		if e.Kind == EffectProfile && e.Profile.At.Valid() {
			bad = append(bad, fmt.Sprintf("effect %d: a profile to store with a location in it", i))
		}
	}
	text, results, buttons := 0, false, 0
	for _, r := range replies {
		for _, row := range r.Buttons {
			buttons += len(row)
		}
		if len(r.Items) > 0 {
			results = true
		}
		for _, it := range r.Items {
			if n := utf8.RuneCountInString(it.Detail); n > maxDetail {
				bad = append(bad, fmt.Sprintf("item %q: a details line of %d characters, want at most %d: %q", it.Title, n, maxDetail, it.Detail))
			}
		}
	}
	if results && buttons > maxResultsButtons {
		bad = append(bad, fmt.Sprintf("a results turn with %d buttons, want at most %d", buttons, maxResultsButtons))
	}
	for i, r := range replies {
		// A channel of ten quick replies (KakaoTalk) shows Compact, or
		// Buttons when there is none: either fits.
		rows := r.Compact
		if len(rows) == 0 {
			rows = r.Buttons
		}
		if n := countButtons(rows); n > MaxCompact && i == len(replies)-1 {
			bad = append(bad, fmt.Sprintf("reply %d: %d buttons for a channel of %d quick replies", i, n, MaxCompact))
		}
		if r.Progress != 0 {
			bad = append(bad, fmt.Sprintf("reply %d: a broadcast's progress to a resident", i))
		}
		switch r.Kind {
		case ReplyText:
			if r.Text == "" {
				bad = append(bad, fmt.Sprintf("reply %d: empty text", i))
				continue
			}
			text++
			if !utf8.ValidString(r.Text) {
				bad = append(bad, fmt.Sprintf("reply %d: invalid UTF-8", i))
			}
			if n := strings.Count(r.Text, "\n") + 1; n > maxLines && len(r.Items) == 0 {
				bad = append(bad, fmt.Sprintf("reply %d: %d lines, want at most 4: %q", i, n, r.Text))
			}
			if hasLatinWord(r.Text) {
				bad = append(bad, fmt.Sprintf("reply %d: English to a resident: %q", i, r.Text))
			}
		case ReplyPlace:
			if r.Place == nil || !r.Place.At.Valid() || r.Text == "" {
				bad = append(bad, fmt.Sprintf("reply %d: a pin without a place, point or name", i))
			}
		default:
			bad = append(bad, fmt.Sprintf("reply %d: unknown kind %d", i, r.Kind))
		}
		for _, row := range r.Buttons {
			if len(row) == 0 || len(row) > 4 {
				bad = append(bad, fmt.Sprintf("reply %d: a row of %d buttons", i, len(row)))
			}
			for _, b := range row {
				if n := utf8.RuneCountInString(b.Label); n == 0 || n > maxLabel {
					bad = append(bad, fmt.Sprintf("reply %d: label %q has %d characters", i, b.Label, n))
				}
				if (b.Data == "") == (b.URL == "") {
					bad = append(bad, fmt.Sprintf("reply %d: button %q needs exactly one of data and URL", i, b.Label))
				}
				if len(b.Data) > maxData {
					bad = append(bad, fmt.Sprintf("reply %d: button %q data is %d bytes", i, b.Label, len(b.Data)))
				}
			}
		}
	}
	if text == 0 {
		bad = append(bad, "no message to show")
	}
	if !after.valid() {
		bad = append(bad, fmt.Sprintf("invalid state %+v", after))
	}
	b, err := after.MarshalBinary()
	if err != nil {
		bad = append(bad, fmt.Sprintf("marshal: %v", err))
	}
	var back State
	if err := back.UnmarshalBinary(b); err != nil || back != after {
		bad = append(bad, fmt.Sprintf("state does not survive encoding: %+v -> %s -> %+v", after, b, back))
	}
	if len(b) > 512 {
		bad = append(bad, fmt.Sprintf("state encodes to %d bytes", len(b)))
	}
	return bad
}

// maxResultsButtons is the most buttons a results turn shows: more is
// more than a resident weighs at a glance.
const maxResultsButtons = 6

// hasLatinWord reports a run of three or more Latin letters outside a
// command (/help) or a link: English a resident would have to read. "IT"
// and "AI" in the fixed labels are two letters.
func hasLatinWord(s string) bool {
	for _, w := range strings.Fields(s) {
		if strings.HasPrefix(w, "/") || strings.Contains(w, "://") {
			continue
		}
		run := 0
		for _, r := range w {
			if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				run++
				if run >= 3 {
					return true
				}
			} else {
				run = 0
			}
		}
	}
	return false
}

func countButtons(rows [][]Button) int {
	n := 0
	for _, row := range rows {
		n += len(row)
	}
	return n
}
