package dialogs

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// This file prepares typed text for reading: stray letters and emoji
// dropped, syllables typed as separate letters put together ("52ㅅㅔ"),
// then words, clauses and the folded form the dictionary is matched in.

// typed is a message prepared for reading.
type typed struct {
	rs     []rune // the text, cleaned (see clean)
	words  []tword
	clause []int // clause of each word
	// fold is the words folded (data.Fold) and joined without spaces;
	// foldWord gives the word of each of its bytes.
	fold     string
	foldWord []int
	// neg marks words a resident said no to: "창업은 말고", "은평 아니고".
	neg []bool
	// nums are the numbers of the message, in order (numbers).
	nums []typedNumber
}

// tword is one word of a message: its runes in rs and its folded form.
type tword struct {
	from, to int // rune range in typed.rs
	fold     string
}

func (t *typed) word(i int) string { return string(t.rs[t.words[i].from:t.words[i].to]) }

// wordAt returns the word holding rune k, or -1.
func (t *typed) wordAt(k int) int {
	for i, w := range t.words {
		if k >= w.from && k < w.to {
			return i
		}
	}
	return -1
}

// prepare cleans text and splits it into words and clauses.
func prepare(text string) *typed {
	t := &typed{rs: clean(text)}
	for i := 0; i < len(t.rs); {
		if isBreak(t.rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(t.rs) && !isBreak(t.rs[j]) {
			j++
		}
		t.words = append(t.words, tword{from: i, to: j, fold: data.Fold(string(t.rs[i:j]))})
		i = j
	}
	var b strings.Builder
	for i, w := range t.words {
		b.WriteString(w.fold)
		for range len(w.fold) {
			t.foldWord = append(t.foldWord, i)
		}
	}
	t.fold = b.String()
	t.nums = t.numbers()
	t.clauses()
	return t
}

// isBreak reports whether r separates words.
func isBreak(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(",.!?~()[]'\"…·/;:", r)
}

// clean drops what carries no answer (emoji, symbols, a stray letter as
// in "후반ㄴ") and puts together syllables typed as letters ("ㅅㅔ" is
// 세). "ㅇㅇ", "ㅋㅋ" and the like stay: they are words.
func clean(text string) []rune {
	in := []rune(text)
	out := make([]rune, 0, len(in))
	for i := 0; i < len(in); i++ {
		r := in[i]
		if s, n := composeJamo(in[i:]); n > 0 {
			out = append(out, s)
			i += n - 1
			continue
		}
		if isJamo(r) {
			// A lone letter glued to a word is a slip; a run of two or more
			// letters ("ㅇㅇ", "ㅠㅠ") is a word of its own.
			prev := i > 0 && isJamo(in[i-1])
			next := i+1 < len(in) && isJamo(in[i+1])
			if !prev && !next {
				continue
			}
			out = append(out, r)
			continue
		}
		if r == '…' || r == '·' || r == 'ㆍ' {
			out = append(out, ' ')
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || strings.ContainsRune(",.!?~()[]'\"/;:-", r) {
			out = append(out, r)
			continue
		}
		// Emoji and other symbols: a space, so that the words around stay apart.
		out = append(out, ' ')
	}
	return out
}

// The compatibility letters (ㄱ-ㅎ, ㅏ-ㅣ).
func isJamo(r rune) bool { return r >= 0x3131 && r <= 0x3163 }

// leads and vowels are the compatibility letters in the order of the
// precomposed syllables' lead consonants and vowels.
var (
	leads  = []rune("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")
	vowels = []rune("ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ")
)

// composeJamo puts a lead consonant and a vowel typed as letters together
// into their syllable: "ㅅㅔ" is 세. It returns 0 when rs does not start so.
func composeJamo(rs []rune) (rune, int) {
	if len(rs) < 2 {
		return 0, 0
	}
	l, v := indexRune(leads, rs[0]), indexRune(vowels, rs[1])
	if l < 0 || v < 0 {
		return 0, 0
	}
	return rune(0xAC00 + (l*21+v)*28), 2
}

func indexRune(rs []rune, r rune) int {
	for i, x := range rs {
		if x == r {
			return i
		}
	}
	return -1
}

// clauseEnds are the endings that close a clause: "했고", "배워서",
// "했는데", "하면서", "다니다", a sentence's end ("했어요", "싶어유").
// "배우고 싶어요" is one clause.
var clauseEnds = []string{"는데", "인데", "은데", "면서", "니까", "다가", "지만", "고", "서", "데", "요", "유", "다", "예", "당"}

// workVerbs go with the years before them: "20년 했어요" is one clause,
// "조리사 20년 가게 차리고 싶어요" two.
var workVerbs = []string{"했", "해", "하", "일했", "일해", "일하", "다녔", "다니", "근무", "몰았", "있었", "정도", "넘", "가까이", "째", "이상", "미만"}

// negators say no to what comes before them in their clause.
var negators = []string{"말고", "아니고", "아니라", "빼고", "말구", "아니구"}

// clauses numbers the clauses and marks the words said no to.
func (t *typed) clauses() {
	t.clause = make([]int, len(t.words))
	t.neg = make([]bool, len(t.words))
	// Years of work close the phrase of the work they measure, unless the
	// verb of that work follows.
	yearsEnd := make([]bool, len(t.words))
	for _, n := range t.nums {
		if n.word < 0 || !(n.u == unitYear && (!n.isDigits || n.digits <= 2) || n.u == unitHae) {
			continue
		}
		last := t.wordAt(max(n.to-1, n.from))
		if last < 0 {
			continue
		}
		rest := string(t.rs[min(n.to, t.words[last].to):t.words[last].to])
		if strings.HasPrefix(rest, "에") || strings.HasPrefix(rest, "부터") || strings.HasPrefix(rest, "까지") {
			continue
		}
		if last+1 < len(t.words) && hasPrefixAny(t.words[last+1].fold, workVerbs) {
			continue
		}
		yearsEnd[last] = true
	}
	c, start := 0, 0
	for i, w := range t.words {
		t.clause[i] = c
		end := yearsEnd[i]
		if isNegator(w.fold) {
			for k := start; k < i; k++ {
				t.neg[k] = true
			}
			end = true
		} else if i+1 < len(t.words) && !strings.HasPrefix(t.words[i+1].fold, "싶") && !strings.HasPrefix(t.words[i+1].fold, "있") {
			for _, e := range clauseEnds {
				if strings.HasSuffix(w.fold, e) && utf8.RuneCountInString(w.fold) > 1 {
					end = true
					break
				}
			}
		}
		// Punctuation typed right after the word closes its clause too.
		if w.to < len(t.rs) && strings.ContainsRune(",.!?;…", t.rs[w.to]) {
			end = true
		}
		if end {
			c++
			start = i + 1
		}
	}
}

func hasPrefixAny(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func isNegator(f string) bool {
	for _, n := range negators {
		if f == n || strings.HasSuffix(f, n) && utf8.RuneCountInString(f) <= utf8.RuneCountInString(n)+2 && f != n {
			return true
		}
	}
	return false
}

// Hangul syllable parts, for the tense of a word and for typing slips.
const (
	hangulBase = 0xAC00
	hangulLast = 0xD7A3
)

func isHangul(r rune) bool { return r >= hangulBase && r <= hangulLast }

// jamo splits a syllable into its lead, vowel and tail indexes.
func jamo(r rune) (lead, vowel, tail int) {
	n := int(r - hangulBase)
	return n / (21 * 28), n / 28 % 21, n % 28
}

// pastSyllable reports a syllable that carries the past tense (했, 었,
// 았, 였, 땄, 렸, 웠, 났, 됐): a tail ㅆ under a vowel that takes it. 있
// and 겠 are not past.
func pastSyllable(r rune) bool {
	if !isHangul(r) {
		return false
	}
	_, v, tail := jamo(r)
	if tail != 20 { // ㅆ
		return false
	}
	switch vowels[v] {
	case 'ㅏ', 'ㅓ', 'ㅕ', 'ㅐ', 'ㅘ', 'ㅝ', 'ㅙ', 'ㅚ', 'ㅛ':
		return true
	}
	return false
}
