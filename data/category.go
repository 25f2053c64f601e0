package data

import (
	"slices"
	"strings"
)

// scope says which text of a source record a rule reads.
type scope uint8

const (
	// inLabel: the record's category words: 50플러스's faculty (free text
	// per centre: "인생설계", "인생설계 교육사업", "일·활동"…) and the
	// bracketed prefix of its title ("[재무]", "[AI디지털교육]").
	inLabel scope = 1 << iota
	// inTitle: anywhere in the title.
	inTitle
)

// categoryRule maps a word found in a record to a normalised category
// (when category is set) and to the goals it serves.
type categoryRule struct {
	word     string // folded (Fold); see foldedText.has
	where    scope
	category string
	goals    Goals
}

// categoryRules is the one table from the words Seoul's sources use to
// dasi's categories and goals (DESIGN.md, Matching: goals map to catalog
// categories through one table; seoul-data-formats.md §3.2 and §3.5). The
// first rule whose word is in the faculty names the category; every
// matching rule adds its goals. Words are written folded, as Fold writes
// them: "AI(기초)" is "ai기초".
var categoryRules = [...]categoryRule{
	// 생애설계·노후준비.
	{"인생설계", inLabel, "인생설계", goalsOf(GoalLife)},
	{"인생디자인", inLabel | inTitle, "인생설계", goalsOf(GoalLife)},
	{"인생전환", inLabel | inTitle, "인생설계", goalsOf(GoalLife)},
	{"노후", inLabel | inTitle, "노후준비", goalsOf(GoalLife)},
	{"재무", inLabel, "노후준비", goalsOf(GoalLife)},
	{"연금", inTitle, "", goalsOf(GoalLife)},
	// 직업역량강화 and 일·활동: training towards work.
	{"직업역량", inLabel, "직업역량강화", goalsOf(GoalTrain, GoalJob)},
	{"일활동", inLabel, "일활동", goalsOf(GoalTrain, GoalJob)},
	{"직업훈련", inLabel, "직업훈련", goalsOf(GoalTrain, GoalJob)},
	{"일자리", inLabel, "일자리", goalsOf(GoalJob)},
	{"취업", inLabel | inTitle, "", goalsOf(GoalJob)},
	{"양성", inTitle, "", goalsOf(GoalTrain)},
	{"자격증", inTitle, "", goalsOf(GoalTrain)},
	{"전문가", inTitle, "", goalsOf(GoalTrain)},
	// 디지털·AI: the campuses' AI디지털교육 faculties and their prefixes.
	{"디지털기본", inLabel, "디지털기본", goalsOf(GoalDigital)},
	{"ai기초", inLabel, "AI(기초)", goalsOf(GoalDigital)},
	{"ai중급", inLabel, "AI(중급)", goalsOf(GoalDigital)},
	{"ai고급", inLabel, "AI(고급)", goalsOf(GoalDigital)},
	{"디지털", inLabel | inTitle, "디지털", goalsOf(GoalDigital)},
	{"ai", inLabel | inTitle, "디지털", goalsOf(GoalDigital)},
	{"스마트폰", inTitle, "", goalsOf(GoalDigital)},
	{"키오스크", inTitle, "", goalsOf(GoalDigital)},
	// 창업·창직.
	{"창업", inLabel | inTitle, "창업", goalsOf(GoalStartup)},
	{"창직", inLabel | inTitle, "창업", goalsOf(GoalStartup)},
	// 사회공헌 일자리: 가치동행일자리, formerly 보람일자리.
	{"가치동행", inLabel | inTitle, "가치동행일자리", goalsOf(GoalSocial)},
	{"보람일자리", inLabel | inTitle, "가치동행일자리", goalsOf(GoalSocial)},
	{"사회공헌", inLabel | inTitle, "사회공헌", goalsOf(GoalSocial)},
}

// Classify returns the normalised category and the goals of a catalog
// record with the given faculty (or other category text) and title: the
// one table from the words of Seoul's sources to dasi's categories and
// goals, which the importers use for the records they read and matching
// for the programs that arrive without goals. Texts are compared folded
// (Fold), so spacing, separators and case do not matter; a Latin rule
// word ("ai") matches a whole Latin word only (foldedText.has). A faculty
// no rule knows keeps its own words as the category, cleaned (CleanText);
// with no faculty, the title's bracketed prefix stands for it.
func Classify(faculty, title string) (category string, g Goals) {
	faculty = CleanText(faculty)
	prefix := titlePrefix(title)
	fFac, fPre, fTitle := foldText(faculty), foldText(prefix), foldText(title)
	facCategory, preCategory := "", ""
	for _, r := range categoryRules {
		hit := false
		if r.where&inLabel != 0 {
			if fFac.has(r.word) {
				hit = true
				if facCategory == "" {
					facCategory = r.category
				}
			}
			if fPre.has(r.word) {
				hit = true
				if preCategory == "" {
					preCategory = r.category
				}
			}
		}
		if r.where&inTitle != 0 && fTitle.has(r.word) {
			hit = true
		}
		if hit {
			g |= r.goals
		}
	}
	switch {
	case facCategory != "":
		category = facCategory
	case faculty != "":
		category = faculty
	case preCategory != "":
		category = preCategory
	default:
		category = prefix
	}
	return category, g
}

// foldedText is a text as the category table reads it: folded (Fold), and
// its Latin words (latinWords).
type foldedText struct {
	folded string
	latin  []string
}

// foldText returns s as the category table reads it.
func foldText(s string) foldedText { return foldedText{Fold(s), latinWords(s)} }

// has reports whether the text holds the rule word w (folded): anywhere in
// the folded text, or, for a word of Latin letters ("ai"), as one of its
// Latin words whole: "AI디지털교육", "생성형 AI" and "ChatGPT AI" hold it,
// "Training" and "OpenAI" do not.
func (t foldedText) has(w string) bool {
	if isLatinWord(w) {
		return slices.Contains(t.latin, w)
	}
	return t.folded != "" && strings.Contains(t.folded, w)
}

// titlePrefix returns the text of a title's leading bracket: "재무" for
// "[재무] 연금 월급 만들기"; "" when there is none.
func titlePrefix(title string) string {
	t := CleanText(title)
	rest, ok := strings.CutPrefix(t, "[")
	if !ok {
		return ""
	}
	p, _, ok := strings.Cut(rest, "]")
	if !ok {
		return ""
	}
	return CleanText(p)
}
