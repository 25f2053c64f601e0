package dialogs

import (
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

func labels(r Reply) []string {
	var ls []string
	for _, row := range r.Buttons {
		for _, b := range row {
			ls = append(ls, b.Label)
		}
	}
	return ls
}

func hasLabel(r Reply, label string) bool {
	for _, l := range labels(r) {
		if l == label {
			return true
		}
	}
	return false
}

// TestResultsTurnMessages holds the results to few messages, since each is
// a notification on the resident's phone: one per group, the way on under
// the last group, the map pin, and the notices question on its own with
// only its two answers (it is optional, and asked apart from the rest).
func TestResultsTurnMessages(t *testing.T) {
	m := New(fixtureCatalog())
	full := data.Profile{Age: data.Age50to54, Field: data.FieldFinance, Years: data.Years20Plus,
		Goals: goals(data.GoalJob, data.GoalDigital), District: district("은평구")}
	s, msgs, effects := m.Step(State{step: stepConfirm, consent: yes, prof: full, seen: fixtureToday},
		Input{Kind: InputButton, Text: "cfm:yes", Today: fixtureToday})
	if len(effects) != 1 || effects[0].Kind != EffectProfile || effects[0].Profile != full {
		t.Errorf("effects %+v; want the confirmed profile stored", effects)
	}
	kinds := make([]string, len(msgs))
	for i, r := range msgs {
		switch {
		case r.Kind == ReplyPlace:
			kinds[i] = "pin"
		case len(r.Items) > 0:
			kinds[i] = r.Heading[:strings.Index(r.Heading, " ")]
		default:
			kinds[i] = r.Text
		}
	}
	if len(msgs) != 5 || msgs[3].Kind != ReplyPlace {
		t.Fatalf("results turn shows %d messages %q; want programs, jobs, places, pin, notices question", len(msgs), kinds)
	}
	places, question := msgs[2], msgs[4]
	if !hasLabel(places, labelMore) || !hasLabel(places, labelChangeCond) || !hasLabel(places, labelHome) {
		t.Errorf("the last group's buttons are %q; want 더 보기, 조건 바꾸기 and 처음으로 under it", labels(places))
	}
	if places.Foot != msgFooter || !strings.HasSuffix(places.Text, "\n\n"+msgFooter) {
		t.Errorf("the last group does not close with %q:\n%s", msgFooter, places.Text)
	}
	if got := labels(question); question.Text != msgNoticesAsk || len(got) != 2 || got[0] != labelNoticesYes || got[1] != labelNoticesNo {
		t.Errorf("notices question %q with buttons %q; want it alone with %q and %q", question.Text, got, labelNoticesYes, labelNoticesNo)
	}
	for _, r := range msgs {
		if hasLabel(r, labelNotify) {
			t.Errorf("%q offers %q beside the notices question", r.Text, labelNotify)
		}
	}

	// 더 보기: the groups only, the way on under the last; the button
	// for notices is back, since the question was let pass.
	_, msgs, _ = m.Step(s, Input{Kind: InputButton, Text: "res:more", Today: fixtureToday})
	// The fixture's two job openings were all on page 1.
	if len(msgs) != 2 || !strings.HasPrefix(msgs[0].Heading, "참여하실") || !strings.HasPrefix(msgs[1].Heading, "찾아가실") {
		t.Fatalf("더 보기 shows %d messages; want programs and places", len(msgs))
	}
	if last := msgs[1]; last.Foot == "" || !hasLabel(last, labelChangeCond) || !hasLabel(last, labelNotify) {
		t.Errorf("the last group of page 2 has foot %q and buttons %q", last.Foot, labels(last))
	}
	for _, r := range msgs[:1] {
		for _, l := range labels(r) {
			if !strings.HasSuffix(l, "자세히 보기") {
				t.Errorf("%q carries the button %q; the way on belongs under the last group", r.Heading, l)
			}
		}
	}
}

// TestResultsEmptyGroup: a group that found nothing is said at the top of
// the next group's message, pointing to the places listed there; the
// nearest place's pin still follows.
func TestResultsEmptyGroup(t *testing.T) {
	m := New(fixtureCatalog())
	// 인생설계 in 도봉구: programs and places, no job openings in the fixture.
	p := data.Profile{Age: data.Age55to59, Field: data.FieldEducation, Years: data.Years20Plus,
		Goals: goals(data.GoalLife), District: district("도봉구")}
	_, msgs, _ := m.Step(State{step: stepConfirm, consent: yes, notices: no, prof: p, seen: fixtureToday},
		Input{Kind: InputButton, Text: "cfm:yes", Today: fixtureToday})
	if len(msgs) != 3 || msgs[2].Kind != ReplyPlace {
		t.Fatalf("%d messages; want programs, places with the note and the way on, pin", len(msgs))
	}
	places := msgs[1]
	want := msgNotFound(false, true, false, false)
	if !strings.HasPrefix(places.Heading, "찾아가실 수 있는") || places.Lead != want || !strings.HasPrefix(places.Text, want+"\n\n") {
		t.Errorf("places message opens %q / %q; want the note %q", places.Lead, places.Heading, want)
	}
	if !hasLabel(places, labelNotify) {
		t.Errorf("notices already answered no: the way on should offer %q, got %q", labelNotify, labels(places))
	}
}

// TestMsgNotFound never points to places below when there are none, and
// gives 120 when there are.
func TestMsgNotFound(t *testing.T) {
	for i := range 16 {
		noProgs, noJobs, noPlaces, browse := i&1 != 0, i&2 != 0, i&4 != 0, i&8 != 0
		if browse && noJobs {
			continue // browsing shows no job openings
		}
		got := msgNotFound(noProgs, noJobs, noPlaces, browse)
		switch {
		case !noProgs && !noJobs && !noPlaces:
			if got != "" {
				t.Errorf("everything found, yet %q", got)
			}
		case noPlaces:
			if !strings.Contains(got, "120") || strings.Contains(got, "아래") {
				t.Errorf("no places (%v %v %v): %q; want 120 and nothing below", noProgs, noJobs, browse, got)
			}
		default:
			if !strings.Contains(got, "아래 가까운 곳") {
				t.Errorf("(%v %v %v): %q; want the places below", noProgs, noJobs, browse, got)
			}
		}
		if strings.Count(got, "\n") > 0 {
			t.Errorf("%q is more than one line", got)
		}
	}
}
