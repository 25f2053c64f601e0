package dialogs

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

// TestCorpus drives every row of testdata/corpus/utterances.tsv (the
// answers residents type, each with the reading a counsellor would give
// it; its README says how it was written and scored) through the real
// Machine at the row's step, reads what the machine understood from the
// state, replies and effects of that turn, and scores it: right, asked
// back, missed or misread. It prints the shares and every misreading, and
// fails on any silent misreading of an age or a field (or a consent or a
// deletion the resident did not ask for), on fewer than 95% of the rows
// read right, and on more than 5% of the unambiguous rows asked back.
//
//	go test ./dialogs -run Corpus -v
func TestCorpus(t *testing.T) {
	rows := readCorpus(t)
	if len(rows) < 400 {
		t.Fatalf("%d rows in the corpus; want at least 400", len(rows))
	}
	m := New(fixtureCatalog(), fixtureOptions)
	var (
		scored, right, unambiguous, askedBack, silent int
		dong, dongRight                               int
		byClass                                       = map[string][]string{}
	)
	for _, row := range rows {
		exp, keep, err := parseExpect(row.expect)
		if err != nil {
			t.Fatalf("line %d: %v", row.line, err)
		}
		got, fieldKept := readRow(t, m, row, exp)
		class, grave := score(row.step, exp, got, keep && !fieldKept)
		line := fmt.Sprintf("line %d  %-22s %q\n      want %s\n      read %s", row.line, row.step, row.text, exp, got)
		if keep && !fieldKept {
			line += " (the confirmed field changed)"
		}
		if grave {
			silent++
			line = "SILENT " + line
		}
		if row.has("dong") {
			dong++
			if class == classRight {
				dongRight++
			}
			if class == classMisread {
				byClass[class] = append(byClass[class], "(동) "+line)
			}
			continue
		}
		scored++
		byClass[class] = append(byClass[class], line)
		if class == classRight {
			right++
		}
		if exp.ask == "" && !row.has("ambiguous") {
			unambiguous++
			if class == classAskedBack {
				askedBack++
			}
		}
	}
	rightShare := float64(right) / float64(scored)
	askedShare := float64(askedBack) / float64(unambiguous)
	t.Logf("corpus: %d rows (%d scored, %d 동 rows apart: %d right)", len(rows), scored, dong, dongRight)
	t.Logf("read right: %d/%d = %.1f%% (target at least 95%%)", right, scored, 100*rightShare)
	t.Logf("asked back: %d/%d unambiguous = %.1f%% (target at most 5%%)", askedBack, unambiguous, 100*askedShare)
	t.Logf("missed: %d, misread: %d, of which silent (age, field, consent, deletion): %d",
		len(byClass[classMissed]), len(byClass[classMisread]), silent)
	for _, c := range []string{classMisread, classMissed, classAskedBack} {
		for _, l := range byClass[c] {
			t.Logf("%s: %s", c, l)
		}
	}
	var failures []string
	if silent > 0 {
		failures = append(failures, fmt.Sprintf("%d silent misreadings of an age or a field, or an unasked consent or deletion", silent))
	}
	if rightShare < 0.95 {
		failures = append(failures, fmt.Sprintf("%.1f%% read right, want at least 95%%", 100*rightShare))
	}
	if askedShare > 0.05 {
		failures = append(failures, fmt.Sprintf("%.1f%% of the unambiguous rows asked back, want at most 5%%", 100*askedShare))
	}
	for _, f := range failures {
		t.Error(f)
	}
}

// The classes of a row's reading (testdata/corpus/README.md, Scoring).
const (
	classRight     = "right"
	classAskedBack = "asked back"
	classMissed    = "missed"
	classMisread   = "misread"
)

// corpusRow is one line of utterances.tsv.
type corpusRow struct {
	line                           int
	step, text, expect, tags, note string
}

func (r corpusRow) has(tag string) bool { return slices.Contains(strings.Split(r.tags, ","), tag) }

func readCorpus(t *testing.T) []corpusRow {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "corpus", "utterances.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusRow
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if n == 1 {
			continue // the header
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 5 {
			t.Fatalf("utterances.tsv line %d: %d columns, want 5", n, len(cols))
		}
		rows = append(rows, corpusRow{line: n, step: cols[0], text: cols[1], expect: cols[2], tags: cols[3], note: cols[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// reading is what a turn understood, or what a row expects it to: facts
// by name (age, field, years, goals, district, as the corpus writes them),
// the action taken and the question asked back.
type reading struct {
	facts map[string]string
	act   string
	ask   string
}

// factNames are the facts in the order a reading prints them.
var factNames = []string{"age", "field", "years", "goals", "district"}

func (r reading) String() string {
	var parts []string
	for _, k := range factNames {
		if v, ok := r.facts[k]; ok {
			parts = append(parts, k+"="+v)
		}
	}
	if r.act != "" {
		parts = append(parts, "act="+r.act)
	}
	if r.ask != "" {
		parts = append(parts, "ask="+r.ask)
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, " ")
}

// parseExpect reads the expect column; keep reports keep=field.
func parseExpect(s string) (r reading, keep bool, err error) {
	r.facts = map[string]string{}
	for _, f := range strings.Fields(s) {
		k, v, ok := strings.Cut(f, "=")
		if !ok || v == "" {
			return r, false, fmt.Errorf("bad expectation %q", f)
		}
		switch k {
		case "age":
			if data.AgeBandByID(v) == 0 {
				return r, false, fmt.Errorf("unknown age band %q", v)
			}
		case "field":
			if data.FieldByName(v) == 0 {
				return r, false, fmt.Errorf("unknown field %q", v)
			}
		case "years":
			if data.YearsBandByID(v) == 0 {
				return r, false, fmt.Errorf("unknown years band %q", v)
			}
		case "goals":
			var gs data.Goals
			for _, id := range strings.Split(v, ",") {
				g := data.GoalByName(id)
				if g == 0 || g.ID() != id {
					return r, false, fmt.Errorf("unknown goal %q", id)
				}
				gs = gs.With(g)
			}
			v = goalIDs(gs)
		case "district":
			if d := data.DistrictByName(v); d == 0 || d.Name() != v {
				return r, false, fmt.Errorf("unknown district %q", v)
			}
		case "keep":
			if v != "field" {
				return r, false, fmt.Errorf("keep=%s: only keep=field is known", v)
			}
			keep = true
			continue
		case "act":
			r.act = v
			continue
		case "ask":
			r.ask = v
			continue
		default:
			return r, false, fmt.Errorf("unknown fact %q", k)
		}
		r.facts[k] = v
	}
	return r, keep, nil
}

// goalIDs writes goals as the corpus does, in a fixed order.
func goalIDs(gs data.Goals) string {
	var ids []string
	for _, g := range gs.List() {
		ids = append(ids, g.ID())
	}
	return strings.Join(ids, ",")
}

// corpusContexts are the two sets of answers the rows are typed over
// where the corpus assumes answers already given. A row runs once on each,
// so that a fact read shows as a change on at least one of them, whatever
// its value. At the goals step the field is always 회계·금융, 20년 이상, as
// the corpus assumes.
var corpusContexts = [2]data.Profile{
	{Age: data.Age40to44, Field: data.FieldOffice, Years: data.Years5to10, Goals: goals(data.GoalLife), District: district("종로구")},
	{Age: data.Age60to64, Field: data.FieldManufacturing, Years: data.Years10to20, Goals: goals(data.GoalSocial), District: district("중랑구")},
}

// corpusState returns the state a row of step is typed in, on context v,
// reached the way a resident reaches it where that is short.
//
// A row that only says it has finished choosing goals ("완료") is typed
// after a goal was chosen: with none chosen, the question rightly stays.
func corpusState(t *testing.T, m *Machine, st string, v int, exp reading) State {
	t.Helper()
	p := corpusContexts[v]
	today := fixtureToday
	do := func(s State, in Input) State {
		in.Today = today
		next, _, _ := m.Step(s, in)
		return next
	}
	at := func(s step, prof data.Profile) State {
		return State{step: s, consent: yes, prof: prof, seen: today}
	}
	var s State
	want := ""
	switch st {
	case "consent":
		s, want = do(State{}, Input{Kind: InputCommand, Command: "start"}), "consent"
	case "age":
		s = at(stepAge, data.Profile{})
	case "field":
		s = at(stepField, data.Profile{Age: p.Age})
	case "years":
		s = at(stepYears, data.Profile{Age: p.Age, Field: p.Field})
	case "goals":
		s = at(stepGoals, data.Profile{Age: p.Age, Field: data.FieldFinance, Years: data.Years20Plus})
		if _, ok := exp.facts["goals"]; exp.act == "done" && !ok {
			s.prof.Goals = p.Goals
		}
	case "district":
		s = at(stepDistrict, data.Profile{Age: p.Age, Field: p.Field, Years: p.Years, Goals: p.Goals})
	case "confirm":
		s = at(stepConfirm, p)
	case "results":
		s = do(at(stepConfirm, p), Input{Kind: InputButton, Text: "cfm:yes"})
		want = "results"
	default:
		n, ok := strings.CutPrefix(st, "age:after_decade:")
		dec, err := strconv.Atoi(n)
		if !ok || err != nil || (dec != 40 && dec != 50 && dec != 60) {
			t.Fatalf("unknown step %q", st)
		}
		s = do(at(stepAge, data.Profile{}), Input{Kind: InputText, Text: n + "대"})
		if s.step != stepAge || int(s.decade) != dec/10 {
			t.Fatalf("typing %s대 at the age question did not ask its half: %+v", n, s)
		}
	}
	if want != "" && s.Step() != want {
		t.Fatalf("reaching %s: at %s", st, s.Step())
	}
	return s
}

// readRow types the row's text at its step on both contexts and returns
// what the machine understood, and whether the field and years came out
// of every turn as they went in.
func readRow(t *testing.T, m *Machine, row corpusRow, exp reading) (reading, bool) {
	t.Helper()
	got := reading{facts: map[string]string{}}
	fieldKept := true
	runs := 2
	if row.step == "consent" || strings.HasPrefix(row.step, "age") {
		runs = 1 // nothing is answered before these steps
	}
	var befores, afters []State
	for v := range runs {
		before := corpusState(t, m, row.step, v, exp)
		after, replies, effects := m.Step(before, Input{Kind: InputText, Text: row.text, Today: fixtureToday})
		if bad := checkTurn(after, replies, effects); len(bad) > 0 {
			t.Errorf("line %d %q: %v", row.line, row.text, bad)
		}
		r := observe(m, before, after, replies, effects, exp)
		for k, val := range r.facts {
			switch old, ok := got.facts[k]; {
			case !ok:
				got.facts[k] = val
			case k == "goals":
				got.facts[k] = mergeGoals(old, val)
			case old != val:
				got.facts[k] = old + "|" + val // read differently on the two contexts
			}
		}
		got.act = merge(got.act, r.act, v)
		got.ask = merge(got.ask, r.ask, v)
		if after.prof.Field != before.prof.Field || after.prof.Years != before.prof.Years {
			fieldKept = false
		}
		befores, afters = append(befores, before), append(afters, after)
	}
	// A fact both contexts already held cannot show as a change: it was
	// read if it is still there (the field at the goals step, 회계·금융 20년).
	for k, want := range exp.facts {
		if _, ok := got.facts[k]; ok {
			continue
		}
		held := true
		for i := range befores {
			held = held && profileFact(befores[i].prof, k) == want && profileFact(afters[i].prof, k) == want
		}
		if held {
			got.facts[k] = want
		}
	}
	return got, fieldKept
}

func merge(a, b string, run int) string {
	switch {
	case run == 0 || a == b:
		return b
	case a == "":
		return "|" + b
	}
	return a + "|" + b
}

func mergeGoals(a, b string) string {
	var gs data.Goals
	for _, id := range strings.Split(a+","+b, ",") {
		if g := data.GoalByName(id); g != 0 {
			gs = gs.With(g)
		}
	}
	return goalIDs(gs)
}

// profileFact writes one fact of a profile as the corpus does ("" when
// unanswered).
func profileFact(p data.Profile, k string) string {
	switch k {
	case "age":
		return p.Age.ID()
	case "field":
		return p.Field.ID()
	case "years":
		return p.Years.ID()
	case "goals":
		return goalIDs(p.Goals)
	case "district":
		if p.District == 0 {
			return ""
		}
		return p.District.Name()
	}
	return ""
}

// observe reads one turn: the facts it changed, the action it took and
// the question it asked back. exp is used only where an outcome stands
// for two readings a resident cannot tell apart (see below).
func observe(m *Machine, before, after State, replies []Reply, effects []Effect, exp reading) reading {
	r := reading{facts: map[string]string{}, act: actionOf(m, before, after, replies, effects)}
	if r.act != "restart" && r.act != "forget" && r.act != "no" {
		for _, k := range []string{"age", "field", "years", "district"} {
			if v := profileFact(after.prof, k); v != "" && v != profileFact(before.prof, k) {
				r.facts[k] = v
			}
		}
		if added := after.prof.Goals &^ before.prof.Goals; added != 0 {
			r.facts["goals"] = goalIDs(added)
		}
	}
	if r.act == "no" && before.step == stepConsent {
		r.facts = map[string]string{}
	}
	if r.act == "back" && len(r.facts) > 0 {
		r.act = "" // moved on because of what was read (to the summary)
	}
	// At the summary, a correction with its value is taken and the summary
	// shown again (corpus README, Everywhere): that is the outcome of
	// "아니요, 57이에요" as of "아 나이는 58이에요", so a "no" there is read
	// when the row says it.
	if before.step == stepConfirm && after.step == stepConfirm && len(r.facts) > 0 && r.act == "" && exp.act == "no" {
		r.act = "no"
	}
	r.ask = askedOf(before, after, replies)
	if r.ask == "" && r.act == "" && len(r.facts) == 0 && after.step == before.step && after.page == before.page {
		r.ask = "none" // nothing read: the same question again
	}
	return r
}

// actionOf names what a turn did besides reading facts, from its outcome.
func actionOf(m *Machine, before, after State, replies []Reply, effects []Effect) string {
	for _, e := range effects {
		switch {
		case e.Kind == EffectForget:
			return "forget"
		case e.Kind == EffectConsent && e.On:
			return "yes"
		case e.Kind == EffectConsent:
			return "no"
		case e.Kind == EffectProfile:
			return "yes"
		case e.Kind == EffectNotices && !e.On:
			return "stop"
		}
	}
	said := func(s string) bool {
		for _, r := range replies {
			if strings.Contains(r.Text, s) {
				return true
			}
		}
		return false
	}
	switch {
	case after.step == stepForget && before.step != stepForget:
		return "forget"
	case said(msgHelp):
		return "help"
	case said(msgConsentMore):
		return "details"
	case said(msgNoProfile), after.step == stepEdit && said("남겨 두신 내 정보예요."):
		return "profile"
	case before.step == stepResults && after.step == stepResults && after.page == before.page+1:
		return "more"
	case before.step == stepResults && after.step == stepEdit:
		return "change"
	case before.step == stepConfirm && after.step == stepEdit:
		return "no"
	case said(msgRestart), said(msgGreeting) && before.step != stepStart:
		return "restart"
	case before.step == stepGoals && (after.step == stepDistrict || after.step == stepConfirm):
		return "done"
	}
	if after != before {
		back, _, _ := m.Step(before, Input{Kind: InputButton, Text: stepInfo[before.step].code + ":" + valBack, Today: fixtureToday})
		if back == after {
			return "back"
		}
	}
	return ""
}

// askedOf names the clarifying question a turn asked, as the corpus does
// ("decade_half:50"), or "".
func askedOf(before, after State, replies []Reply) string {
	said := func(s string) bool {
		for _, r := range replies {
			if strings.Contains(r.Text, s) {
				return true
			}
		}
		return false
	}
	switch {
	case after.step == stepAge && after.decade != 0:
		return "decade_half:" + strconv.Itoa(int(after.decade)*10)
	case after.step == stepAge && after.span != 0:
		lo, _ := after.span.Range()
		hi, _ := (after.span + 1).Range()
		if said(msgAgeSpan(after.span)) {
			return "age_span:" + strconv.Itoa(lo) + "|" + strconv.Itoa(hi)
		}
	case after.step == stepAge && after.confirm != 0:
		for age := 1; age <= 120; age++ {
			if data.AgeBandOf(age) == after.confirm && said(msgAgeConfirm(strconv.Itoa(age)+"세")) {
				return "age_confirm:" + strconv.Itoa(age)
			}
		}
		return "age_confirm:" + after.confirm.ID()
	case said(msgConsentWhich):
		return "consent_which"
	case said(msgConsentExplain):
		return "consent_explain"
	}
	for _, a := range data.Districts() {
		for _, b := range data.Districts() {
			if a != b && said(msgDistrictWhich(a, b)) {
				x, y := a.Name(), b.Name()
				return "district_which:" + x + "|" + y
			}
		}
	}
	return ""
}

// score classes a reading against the row's expectation (README,
// Scoring), and reports a grave error: an age or a field read without a
// question that the row does not hold (or a confirmed field changed by a
// wish), a consent or a deletion the row does not ask for.
func score(st string, exp, got reading, fieldChanged bool) (class string, grave bool) {
	misread := fieldChanged
	for k, v := range got.facts {
		if exp.facts[k] != v {
			misread = true
			if k == "age" || k == "field" {
				grave = true
			}
		}
	}
	if fieldChanged {
		grave = true
	}
	if got.act != "" && got.act != exp.act {
		misread = true
		if got.act == "forget" || got.act == "yes" && st == "consent" {
			grave = true
		}
	}
	if strings.HasPrefix(exp.ask, "district_which:") && got.ask != "" {
		// The two districts may be asked in either order.
		x, y, _ := strings.Cut(strings.TrimPrefix(got.ask, "district_which:"), "|")
		if exp.ask == "district_which:"+y+"|"+x {
			got.ask = exp.ask
		}
	}
	if exp.ask != "" && got.ask != "" && got.ask != "none" && got.ask != exp.ask {
		misread = true // a different question
	}
	switch {
	case misread:
		return classMisread, grave
	case len(got.facts) == len(exp.facts) && got.act == exp.act && got.ask == exp.ask:
		return classRight, false
	case exp.ask == "" && got.ask != "":
		return classAskedBack, false
	}
	return classMissed, false
}
