package dialogs

import (
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// This file reads fields and goals from the words of a message with the
// dictionary of keywords.go, clause by clause: what a resident did ("경리
// 20년 했어요") names a field, what they wish ("요양보호사 자격증 따고
// 싶어요") names goals, and never the other way round.

// hit is one dictionary word found in a message.
type hit struct {
	k    data.Keyword
	word int
	at   int // byte offset in typed.fold
	kind wordKind
}

// readKeywords reads fields and goals. Longer keywords win over the shorter
// ones they contain ("보람일자리" is social work, not "일자리"); the field with
// the most weight wins ("회계 사무": 회계 outweighs 사무). A field word in a
// wish names a goal instead (a trade to start, a licence to take, a job to
// find); at the goals question a field is read only from a correction in
// the past tense ("아 경리 말고 보험 영업 20년 했어요").
func (t *typed) readKeywords(ctx asking, a *answer) {
	if t.fold == "" {
		return
	}
	hits := t.hits()
	wants := func(w int) bool {
		if ctx == ctxGoals {
			return !t.pastClause(w)
		}
		return t.wishClause(w)
	}
	var weight [data.FieldNone + 1]int
	var first [data.FieldNone + 1]int
	var goals, weak data.Goals
	clauseGoal := map[int]bool{}
	var wishFields []hit
	addField := func(h hit) {
		f := h.k.Field
		if weight[f] == 0 {
			first[f] = h.at
		}
		weight[f] += h.k.Weight
	}
	for _, h := range hits {
		if t.neg[h.word] {
			continue
		}
		c := t.clause[h.word]
		switch h.kind {
		case kindWeakJob:
			if wants(h.word) {
				weak = weak.With(data.GoalJob)
			}
			continue
		case kindWishJob:
			if wants(h.word) || ctx == ctxGoals {
				goals = goals.With(data.GoalJob)
				clauseGoal[c] = true
			}
			continue
		case kindLearnable:
			// 컴퓨터: a goal when it is to be learnt, else IT work.
			if wants(h.word) && t.clauseHas(h.word, learnMarks) {
				goals = goals.With(h.k.Goal)
				clauseGoal[c] = true
			} else if ctx == ctxField && !wants(h.word) {
				addField(h)
			}
			continue
		case kindLearn:
			if wants(h.word) && !t.clauseHas(h.word, digitalWords) {
				goals = goals.With(data.GoalTrain)
				clauseGoal[c] = true
			}
			continue
		}
		f, g := h.k.Field, h.k.Goal
		if f != 0 && g != 0 { // ambiguous: the question and the clause decide
			if ctx == ctxField && !wants(h.word) {
				g = 0
			} else {
				f = 0
			}
		}
		if g != 0 {
			if (ctx == ctxField || ctx == ctxYears) && !wants(h.word) {
				continue // part of the work history: "창업해서 10년"
			}
			goals = goals.With(g)
			clauseGoal[c] = true
			continue
		}
		if f == 0 {
			continue
		}
		switch {
		case ctx == ctxGoals && !t.pastClause(h.word):
			wishFields = append(wishFields, h)
		case ctx != ctxGoals && t.wishClause(h.word):
			wishFields = append(wishFields, h)
		default:
			addField(h)
		}
	}
	// A trade named in a wish, with no goal said beside it, names the goal
	// the wish is about: "가게 차리고 싶어요" is 창업, "요양보호사 하고
	// 싶어요" 재취업.
	for _, h := range wishFields {
		c := t.clause[h.word]
		if clauseGoal[c] {
			continue
		}
		switch {
		case t.clauseHas(h.word, startupMarks) || h.k.Field == data.FieldSelfEmployed:
			goals = goals.With(data.GoalStartup)
		case t.clauseHas(h.word, learnMarks) || t.clauseHas(h.word, licenceMarks):
			goals = goals.With(data.GoalTrain)
		default:
			goals = goals.With(data.GoalJob)
		}
		clauseGoal[c] = true
	}
	if goals == 0 {
		goals = weak
	}
	for _, g := range goals.List() {
		if a.goals.Len() < data.MaxGoals {
			a.goals = a.goals.With(g)
		}
	}
	// Away from the field question, one generic word ("상담" in "취업 상담")
	// is not enough to name the resident's experience.
	least := 1
	if ctx != ctxField {
		least = 2
	}
	best := data.FieldUnknown
	for _, f := range data.Fields {
		if weight[f] < least {
			continue
		}
		if best == 0 || weight[f] > weight[best] || (weight[f] == weight[best] && first[f] < first[best]) {
			best = f
		}
	}
	if best != 0 {
		a.field = best
	}
}

// The marks of a clause that say what a wish is about.
var (
	learnMarks   = []string{"배우", "배워", "배울", "공부", "익히", "쓰는법", "다루", "잘쓰", "교육"}
	licenceMarks = []string{"자격", "따고", "따서", "딸", "땄", "시험", "기술"}
	startupMarks = []string{"차리", "차릴", "창업", "가게", "식당", "카페", "치킨집", "편의점", "장사", "사업"}
	digitalWords = []string{"디지털", "ai", "인공지능", "스마트폰", "핸드폰", "휴대폰", "키오스크", "유튜브", "엑셀", "챗gpt", "gpt", "컴퓨터", "컴퓨타", "인터넷"}
)

// clauseHas reports whether the clause of word w holds one of marks.
func (t *typed) clauseHas(w int, marks []string) bool {
	c := t.clause[w]
	for k := range t.words {
		if t.clause[k] == c && containsAny(t.words[k].fold, marks) {
			return true
		}
	}
	return false
}

// hits finds the dictionary's words in the message, longest first, each
// letter claimed once, then one slip of a letter in a word of three
// syllables or more ("자걱증", "재취엽", "컴퓨타").
func (t *typed) hits() []hit {
	norm := t.fold
	used := make([]bool, len(norm))
	var hs []hit
	for _, e := range dictionary {
		k := e.k
		for from := 0; from < len(norm); {
			idx := strings.Index(norm[from:], k.Word)
			if idx < 0 {
				break
			}
			at := from + idx
			from = at + len(k.Word)
			if anyUsed(used, at, at+len(k.Word)) {
				continue
			}
			w := t.foldWord[at]
			if e.kind == kindWeakJob && !bareWork(t.words[w].fold) && k.Word == "일" {
				continue
			}
			if e.kind == kindWishJob && strings.HasPrefix(k.Word, "일") && t.foldWord[at+len(k.Word)-1] != w {
				// "일하고" is wanting work; "보람 있는 일 하고" is the work wanted.
				continue
			}
			for x := at; x < at+len(k.Word); x++ {
				used[x] = true
			}
			hs = append(hs, hit{k: k, word: w, at: at, kind: e.kind})
		}
	}
	// Slips: a word none of whose letters matched, one letter away from a
	// dictionary word of as many syllables.
	for i, w := range t.words {
		if w.fold == "" || anyUsedWord(used, t.foldWord, i) {
			continue
		}
		for _, stem := range stems(w.fold) {
			if e, ok := slipOf(stem); ok {
				hs = append(hs, hit{k: e.k, word: i, at: wordOffset(t.foldWord, i), kind: e.kind})
				break
			}
		}
	}
	return hs
}

// wordOffset returns the byte offset of word i in the folded text.
func wordOffset(foldWord []int, i int) int {
	for x, w := range foldWord {
		if w == i {
			return x
		}
	}
	return len(foldWord)
}

// bareWork reports a word that is the noun 일 (work) with a particle:
// "일", "일이나", "일을"; not "일곱" or "3일".
func bareWork(f string) bool {
	switch f {
	case "일", "일이", "일을", "일은", "일도", "일이나", "일이요", "일이라도", "일만":
		return true
	}
	return false
}

func anyUsed(used []bool, from, to int) bool {
	for _, u := range used[from:to] {
		if u {
			return true
		}
	}
	return false
}

// anyUsedWord reports whether any letter of word i was matched.
func anyUsedWord(used []bool, foldWord []int, i int) bool {
	for x, w := range foldWord {
		if w == i && used[x] {
			return true
		}
	}
	return false
}

// stems are a word and the word without a common ending ("자걱증을").
func stems(f string) []string {
	out := []string{f}
	for _, e := range []string{"이요", "이에요", "예요", "요", "을", "를", "이", "가", "은", "는", "도", "으로", "로", "배우고", "싶어요", "싶어유"} {
		if s, ok := strings.CutSuffix(f, e); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// slipOf returns the dictionary entry one slip away from w: a letter of
// one syllable changed, added or dropped in a word of three syllables or
// more, or, in a word of two, a vowel's stroke (ㅓ for ㅕ: "겅리"). It
// refuses when two entries are as close.
func slipOf(w string) (entry, bool) {
	n := utf8.RuneCountInString(w)
	if n < 2 || n >= len(bySyllables) {
		return entry{}, false
	}
	var found entry
	ok := false
	rw := []rune(w)
	for _, e := range bySyllables[n] {
		close := n >= 3 && oneSlip(rw, e.runes) || n == 2 && strokeSlip(rw, e.runes)
		if !close {
			continue
		}
		if ok && found.k != e.k {
			return entry{}, false
		}
		found, ok = e.entry, true
	}
	return found, ok
}

// bySyllables is the dictionary by the length of its words, in runes,
// each word with its runes.
var bySyllables = func() [][]slipEntry {
	out := make([][]slipEntry, 12)
	for _, e := range dictionary {
		if n := utf8.RuneCountInString(e.k.Word); n < len(out) {
			out[n] = append(out[n], slipEntry{e, []rune(e.k.Word)})
		}
	}
	return out
}()

type slipEntry struct {
	entry
	runes []rune
}

// oneSlip reports whether a and b, of as many syllables, differ in one
// syllable by one letter (a lead, a vowel, or a tail changed, added or
// dropped).
func oneSlip(ra, rb []rune) bool {
	if len(ra) != len(rb) {
		return false
	}
	diff := -1
	for i := range ra {
		if ra[i] != rb[i] {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	if diff < 0 || !isHangul(ra[diff]) || !isHangul(rb[diff]) {
		return false
	}
	la, va, ta := jamo(ra[diff])
	lb, vb, tb := jamo(rb[diff])
	same := 0
	if la == lb {
		same++
	}
	if va == vb {
		same++
	}
	if ta == tb {
		same++
	}
	return same == 2
}

// strokeSlip reports whether two-syllable a and b differ only in one
// vowel's stroke (ㅓ/ㅕ, ㅏ/ㅑ, ㅗ/ㅛ, ㅜ/ㅠ, ㅐ/ㅒ, ㅔ/ㅖ), the slip of a
// finger on a phone's keyboard that changes no other word.
func strokeSlip(ra, rb []rune) bool {
	if len(ra) != 2 || len(rb) != 2 {
		return false
	}
	diff := -1
	for i := range ra {
		if ra[i] != rb[i] {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	if diff < 0 || !isHangul(ra[diff]) || !isHangul(rb[diff]) {
		return false
	}
	la, va, ta := jamo(ra[diff])
	lb, vb, tb := jamo(rb[diff])
	if la != lb || ta != tb {
		return false
	}
	pair := string([]rune{vowels[va], vowels[vb]})
	for _, p := range []string{"ㅓㅕ", "ㅕㅓ", "ㅏㅑ", "ㅑㅏ", "ㅗㅛ", "ㅛㅗ", "ㅜㅠ", "ㅠㅜ", "ㅐㅒ", "ㅒㅐ", "ㅔㅖ", "ㅖㅔ"} {
		if pair == p {
			return true
		}
	}
	return false
}
