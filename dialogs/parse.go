package dialogs

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// This file turns a typed message into the answers it holds. It is pure:
// text and today's date in, an answer out. One message may answer several
// questions at once ("52세 회계 사무 20년 은평구").

// maxTyped is the longest typed message the parser reads, in runes. A
// longer one is not an answer to a short question; the resident is asked
// to write it shorter.
const maxTyped = 300

// answer is what a typed message told us. Zero fields were not mentioned.
type answer struct {
	age data.AgeBand
	// decade is 4, 5 or 6 when the resident gave a decade ("50대") without
	// saying which half; the machine then asks.
	decade   int
	field    data.Field
	years    data.YearsBand
	goals    data.Goals
	district data.District
}

// empty reports whether the message held no answer at all.
func (a answer) empty() bool {
	return a.age == 0 && a.decade == 0 && a.field == 0 && a.years == 0 && a.goals == 0 && a.district == 0
}

// asking says which question the resident is answering. It decides what a
// bare number means ("52" is an age at the age question and years of
// experience at the experience questions) and which way an ambiguous word
// leans ("디지털" is a field at the field question and a goal elsewhere).
type asking uint8

const (
	ctxOther asking = iota
	ctxAge
	ctxField
	ctxYears
	ctxGoals
	ctxDistrict
)

// parseAnswer reads every answer text holds. today dates birth years
// ("1972년생"); when it is zero, birth years are not read.
func parseAnswer(text string, ctx asking, today data.Date) answer {
	var a answer
	if !utf8.ValidString(text) || utf8.RuneCountInString(text) > maxTyped {
		return a
	}
	rest := readNumbers(text, ctx, today, &a)
	rest = readDistricts(rest, &a)
	readKeywords(rest, ctx, &a)
	return a
}

// unit is what follows a number.
type unit uint8

const (
	unitNone   unit = iota
	unitAge         // 세, 살
	unitYear        // 년: years of experience, or a birth year when it has four digits
	unitBorn        // 년생, 년도생, 생
	unitDecade      // 대: 50대
	unitMonth       // 개월
)

// qualifier refines a number: "20년 넘게", "5년 미만", "50대 후반".
type qualifier uint8

const (
	qualNone qualifier = iota
	qualOver
	qualUnder
	qualEarly
	qualMid
	qualLate
)

// readNumbers finds numbers with their units (digits, Sino-Korean numerals
// such as 이십, native ones such as 쉰두), fills a from them, and returns the
// text with each number blanked out so that keywords are not read inside it.
func readNumbers(text string, ctx asking, today data.Date, a *answer) string {
	rs := []rune(text)
	blank := make([]bool, len(rs))
	ageSet := false
	setAge := func(b data.AgeBand) {
		if !ageSet && b.Valid() {
			a.age, a.decade, ageSet = b, 0, true
		}
	}
	for i := 0; i < len(rs); {
		val, end, ok := numberAt(rs, i)
		if !ok {
			i++
			continue
		}
		start := i
		u, q, uend := unitAfter(rs, end)
		i = uend
		for k := start; k < uend; k++ {
			blank[k] = true
		}
		digits := end - start
		isDigits := rs[start] >= '0' && rs[start] <= '9'
		switch u {
		case unitAge:
			if val >= 1 && val <= 120 {
				setAge(data.AgeBandOf(val))
			}
		case unitBorn:
			if y, ok := birthYear(val, digits, isDigits, today); ok {
				setAge(ageFromBirthYear(y, today))
			}
		case unitDecade:
			if !ageSet {
				if b, dec := decadeBand(val, q); b.Valid() {
					setAge(b)
				} else if dec != 0 && a.decade == 0 {
					a.decade = dec
				}
			}
		case unitYear:
			if isDigits && digits == 4 {
				if y, ok := birthYear(val, digits, isDigits, today); ok {
					setAge(ageFromBirthYear(y, today))
				}
				continue
			}
			if a.years == 0 {
				a.years = yearsWith(val, q)
			}
		case unitMonth:
			if a.years == 0 && val >= 0 && val < 60 {
				a.years = data.YearsUnder5
			}
		case unitNone:
			if !isDigits {
				// A bare Sino-Korean numeral ("오십") is too easily a piece
				// of another word; only native tens ("쉰") stand alone.
				if native(rs[start]) && val >= 20 && val <= 99 {
					setAge(data.AgeBandOf(val))
				}
				continue
			}
			switch {
			case digits == 4:
				if y, ok := birthYear(val, digits, isDigits, today); ok {
					setAge(ageFromBirthYear(y, today))
				}
			case ctx == ctxAge && val >= 1 && val <= 120:
				setAge(data.AgeBandOf(val))
			case (ctx == ctxYears || ctx == ctxField) && a.years == 0 && val <= 70:
				a.years = yearsWith(val, q)
			}
		}
	}
	out := make([]rune, len(rs))
	for k, r := range rs {
		if blank[k] {
			out[k] = ' '
		} else {
			out[k] = r
		}
	}
	return string(out)
}

// numberAt reads a number starting at rs[i]: ASCII digits, a native Korean
// number (스물, 서른, 마흔, 쉰, 예순, 일흔 with an optional unit word), or a
// Sino-Korean numeral (일 이 삼 … 십) right before a unit. It returns the
// value and the index just past the number.
func numberAt(rs []rune, i int) (val, end int, ok bool) {
	r := rs[i]
	if i > 0 && (unicode.IsDigit(rs[i-1]) || (unicode.IsLetter(rs[i-1]) && !isHangul(rs[i-1]))) {
		return 0, 0, false
	}
	if r >= '0' && r <= '9' {
		j := i
		for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
			j++
		}
		if j-i > 4 || (j < len(rs) && unicode.IsLetter(rs[j]) && !isHangul(rs[j])) {
			return 0, 0, false
		}
		if u, _, _ := unitAfter(rs, j); u == unitNone && j < len(rs) && isHangul(rs[j]) && !particleAt(rs, j) {
			// "50플러스" is a name, not a number.
			return 0, 0, false
		}
		v := 0
		for _, d := range rs[i:j] {
			v = v*10 + int(d-'0')
		}
		return v, j, true
	}
	// Korean numerals start a word: "사무" is no 4.
	if i > 0 && isHangul(rs[i-1]) {
		return 0, 0, false
	}
	if native(r) {
		if v, j, ok := readNative(rs, i); ok {
			return v, j, true
		}
	}
	if sino(r) >= 0 {
		v, j := readSino(rs, i)
		if j == i {
			return 0, 0, false
		}
		// A Sino-Korean numeral counts only right before a unit, and a
		// single syllable only glued to 년 or 대 ("오년"): "오세요" is no age.
		u, _, _ := unitAfter(rs, j)
		single := j-i == 1
		if u == unitNone || (single && (u == unitAge || u == unitBorn || j >= len(rs) || rs[j] == ' ')) {
			return 0, 0, false
		}
		return v, j, true
	}
	return 0, 0, false
}

// numberTails are endings a bare number may carry: "52요", "52이에요".
var numberTails = []string{"이에요", "예요", "이요", "요", "입니다", "이고", "에", "이"}

// particleAt reports whether rs[j:] starts with one of numberTails ending
// the word.
func particleAt(rs []rune, j int) bool {
	for _, t := range numberTails {
		if n := prefixAt(rs, j, t); n > 0 && (j+n == len(rs) || !isHangul(rs[j+n])) {
			return true
		}
	}
	return false
}

func isHangul(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// sino returns the value of a Sino-Korean digit, 10 for 십, or -1.
func sino(r rune) int {
	switch r {
	case '일':
		return 1
	case '이':
		return 2
	case '삼':
		return 3
	case '사':
		return 4
	case '오':
		return 5
	case '육':
		return 6
	case '칠':
		return 7
	case '팔':
		return 8
	case '구':
		return 9
	case '십':
		return 10
	}
	return -1
}

// readSino reads a Sino-Korean number below 100 ("이십", "오십이", "십").
func readSino(rs []rune, i int) (val, end int) {
	tens, ones, seenTen := 0, 0, false
	j := i
	for j < len(rs) && j-i < 3 {
		d := sino(rs[j])
		if d < 0 {
			break
		}
		if d == 10 {
			if seenTen {
				break
			}
			seenTen = true
			if ones == 0 {
				ones = 1
			}
			tens, ones = ones, 0
		} else {
			if ones != 0 {
				break
			}
			ones = d
		}
		j++
	}
	return tens*10 + ones, j
}

var nativeTens = []struct {
	word string
	val  int
}{{"스물", 20}, {"스무", 20}, {"서른", 30}, {"마흔", 40}, {"쉰", 50}, {"예순", 60}, {"일흔", 70}}

var nativeOnes = []struct {
	word string
	val  int
}{
	{"하나", 1}, {"한", 1}, {"둘", 2}, {"두", 2}, {"셋", 3}, {"세", 3}, {"넷", 4}, {"네", 4},
	{"다섯", 5}, {"여섯", 6}, {"일곱", 7}, {"여덟", 8}, {"아홉", 9},
}

func native(r rune) bool {
	switch r {
	case '스', '서', '마', '쉰', '예', '일':
		return true
	}
	return false
}

// readNative reads a native Korean number from 20 to 79 ("쉰", "쉰두").
func readNative(rs []rune, i int) (val, end int, ok bool) {
	for _, t := range nativeTens {
		n := prefixAt(rs, i, t.word)
		if n == 0 {
			continue
		}
		j := i + n
		v := t.val
		for _, o := range nativeOnes {
			if n := prefixAt(rs, j, o.word); n > 0 {
				v += o.val
				j += n
				break
			}
		}
		// The number must end the word: "서른" yes, "서류" no, "마흔살" yes.
		if j < len(rs) && isHangul(rs[j]) && rs[j] != '살' && rs[j] != '이' && rs[j] != '요' {
			return 0, 0, false
		}
		return v, j, true
	}
	return 0, 0, false
}

// unitAfter reads the unit and qualifier after a number ending at rs[j].
func unitAfter(rs []rune, j int) (unit, qualifier, int) {
	k := j
	for k < len(rs) && rs[k] == ' ' && k-j < 1 {
		k++
	}
	u, n := unitNone, 0
	for _, c := range units {
		if m := prefixAt(rs, k, c.word); m > 0 && (!c.glued || k == j) {
			u, n = c.u, m
			break
		}
	}
	if u == unitNone {
		// A qualifier may follow a bare number too: "20 넘게".
		q, m := qualifierAt(rs, j)
		return unitNone, q, j + m
	}
	q, m := qualifierAt(rs, k+n)
	return u, q, k + n + m
}

// units are the words a number may carry, longest first; glued ones only
// count right after the number ("72생", not "72 생").
var units = []struct {
	word  string
	u     unit
	glued bool
}{
	{"년도생", unitBorn, false}, {"년생", unitBorn, false}, {"년 생", unitBorn, false}, {"생", unitBorn, true},
	{"개월", unitMonth, false}, {"년", unitYear, false}, {"세", unitAge, false}, {"살", unitAge, false}, {"대", unitDecade, false},
}

// prefixAt returns how many runes p has when rs[k:] starts with it, or 0.
func prefixAt(rs []rune, k int, p string) int {
	n := 0
	for _, r := range p {
		if k+n >= len(rs) || rs[k+n] != r {
			return 0
		}
		n++
	}
	return n
}

var qualifiers = []struct {
	word string
	q    qualifier
}{
	{"넘게", qualOver}, {"넘었", qualOver}, {"넘어", qualOver}, {"이상", qualOver}, {"넘", qualOver},
	{"미만", qualUnder}, {"안 돼", qualUnder}, {"안돼", qualUnder}, {"안 됐", qualUnder}, {"안됐", qualUnder},
	{"안 되", qualUnder}, {"안되", qualUnder}, {"이하", qualUnder}, {"못 돼", qualUnder}, {"못돼", qualUnder},
	{"초반", qualEarly}, {"초", qualEarly}, {"중반", qualMid}, {"후반", qualLate}, {"말", qualLate},
}

// qualifierAt reads a qualifier at rs[j], after at most one space.
func qualifierAt(rs []rune, j int) (qualifier, int) {
	k := j
	if k < len(rs) && rs[k] == ' ' {
		k++
	}
	for _, w := range qualifiers {
		if n := prefixAt(rs, k, w.word); n > 0 {
			return w.q, k - j + n
		}
	}
	return qualNone, 0
}

// yearsWith turns "n년" with its qualifier into a band: "5년 미만" is below
// five years, "20년 넘게" twenty or more.
func yearsWith(n int, q qualifier) data.YearsBand {
	if q == qualUnder && n > 0 {
		n--
	}
	return data.YearsBandOf(n)
}

// decadeBand turns "50대" into a band when the half is known ("50대 후반")
// or the decade holds one band (30대: 40세 미만). Otherwise it returns the
// decade (4, 5 or 6) for the machine to ask which half.
func decadeBand(val int, q qualifier) (data.AgeBand, int) {
	if val%10 != 0 || val < 10 || val > 100 {
		return data.AgeUnknown, 0
	}
	switch {
	case val < 40:
		return data.AgeUnder40, 0
	case val >= 70:
		return data.Age65Plus, 0
	}
	switch q {
	case qualEarly:
		return data.AgeBandOf(val), 0
	case qualLate:
		return data.AgeBandOf(val + 5), 0
	}
	return data.AgeUnknown, val / 10
}

// birthYear reads a birth year: four digits from 1900 to this year, or two
// digits ("72년생") taken in the last century unless that is in the future.
func birthYear(val, digits int, isDigits bool, today data.Date) (int, bool) {
	if today == 0 || !isDigits {
		return 0, false
	}
	this := int(today) / 10000
	switch digits {
	case 4:
		if val >= 1900 && val <= this {
			return val, true
		}
	case 2:
		y := 1900 + val
		if 2000+val <= this-20 {
			y = 2000 + val
		}
		return y, true
	}
	return 0, false
}

// ageFromBirthYear is this year minus the birth year: the 연 나이 that many
// programs' rules count in ("1961~1986년생"). It can be one year above the
// legal age; the band is confirmed on the summary before any search.
func ageFromBirthYear(y int, today data.Date) data.AgeBand {
	return data.AgeBandOf(int(today)/10000 - y)
}

// readDistricts finds district names among the words of text ("은평",
// "은평구", "서울 은평구", "Eunpyeong", "은평에 살아요"), records the first,
// and returns text with them blanked out.
func readDistricts(text string, a *answer) string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",.!?~()[]'\"", r)
	})
	for _, w := range words {
		d := districtWord(w)
		if d == 0 {
			continue
		}
		if a.district == 0 {
			a.district = d
		}
		text = strings.Replace(text, w, " ", 1)
	}
	return text
}

// districtTails are endings a district name may carry in a sentence.
var districtTails = []string{
	"에서", "에", "이에요", "예요", "이요", "요", "입니다", "이고", "고", "이랑", "쪽", "근처", "동네", "살아요", "사는", "살고", "삽니다", "이",
}

// districtWord returns the district one word names, or 0.
func districtWord(w string) data.District {
	w = strings.TrimPrefix(w, "서울특별시")
	w = strings.TrimPrefix(w, "서울시")
	w = strings.TrimPrefix(w, "서울")
	if w == "" {
		return 0
	}
	if isASCIIWord(w) {
		return data.DistrictByName(w)
	}
	if d := districtByWord[w]; d != 0 {
		return d
	}
	for i := range data.NumDistricts {
		if strings.HasPrefix(w, districtFull[i]) { // "은평구청", "은평구에"
			return data.District(i + 1)
		}
	}
	for _, t := range districtTails {
		if s, ok := strings.CutSuffix(w, t); ok && s != "" {
			if d := districtByWord[s]; d != 0 {
				return d
			}
		}
	}
	return 0
}

// districtFull is the districts' full names, in District order.
var districtFull = func() (names [data.NumDistricts]string) {
	for i := range names {
		names[i] = data.District(i + 1).Name()
	}
	return names
}()

// districtByWord maps every name a district goes by in Korean to it: the
// full name, and the short name when it has two syllables or more ("은평";
// "중" alone is too common a word to be 중구).
var districtByWord = func() map[string]data.District {
	m := make(map[string]data.District, 2*data.NumDistricts)
	for _, d := range data.Districts() {
		m[d.Name()] = d
		if short := strings.TrimSuffix(d.Name(), "구"); utf8.RuneCountInString(short) >= 2 {
			m[short] = d
		}
	}
	return m
}()

func isASCIIWord(w string) bool {
	for _, r := range w {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || r == '-') {
			return false
		}
	}
	return true
}

// readKeywords reads fields and goals from the words of text with the
// dictionary of keywords.go. Longer keywords win over the shorter ones they
// contain ("보람일자리" is social work, not "일자리"); the field with the
// most weight wins ("회계 사무": 회계 outweighs 사무).
func readKeywords(text string, ctx asking, a *answer) {
	norm := data.Fold(text)
	if norm == "" {
		return
	}
	used := make([]bool, len(norm))
	var weight [data.FieldNone + 1]int
	var first [data.FieldNone + 1]int
	for _, k := range keywordsByLength {
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
			for x := at; x < at+len(k.Word); x++ {
				used[x] = true
			}
			f, g := k.Field, k.Goal
			if f != 0 && g != 0 { // ambiguous: the question decides
				if ctx == ctxField {
					g = 0
				} else {
					f = 0
				}
			}
			if g != 0 && a.goals.Len() < data.MaxGoals {
				a.goals = a.goals.With(g)
			}
			if f != 0 {
				if weight[f] == 0 {
					first[f] = at
				}
				weight[f] += k.Weight
			}
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

func anyUsed(used []bool, from, to int) bool {
	for _, u := range used[from:to] {
		if u {
			return true
		}
	}
	return false
}

// foldedIs reports whether label folds (data.Fold, the form typed text,
// button labels and keywords are compared in) to f, without building the
// label's folded form.
func foldedIs(label, f string) bool {
	for _, r := range label {
		r, keep := data.FoldRune(r)
		if !keep {
			continue
		}
		c, n := utf8.DecodeRuneInString(f)
		if n == 0 || c != r {
			return false
		}
		f = f[n:]
	}
	return f == ""
}
