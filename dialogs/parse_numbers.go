package dialogs

import (
	"unicode"
)

// This file finds the numbers of a message (digits, Sino-Korean numerals
// such as 오십이, native ones such as 쉰둘, digits read one by one as in
// 칠이년생) with the unit after them (살, 년, 년생, 대, 해, 개월…).

// unit is what follows a number.
type unit uint8

const (
	unitNone   unit = iota
	unitAge         // 세, 살
	unitYear        // 년, 연 (a slip): years of experience, or a calendar year
	unitBorn        // 년생, 년도생, 생, 띠: a birth year
	unitDecade      // 대: 50대
	unitMonth       // 개월
	unitHae         // 해: years, as in 스무 해
	unitGrade       // 학년: 5학년 2반 is 52
	unitClass       // 반, after 학년
	unitOther       // 급, 일, 시, 월, 원, 번, 층, 호, 가, 동, 명: not an age, not years
)

// qualifier refines a number: "20년 넘게", "5년 미만", "50대 후반".
type qualifier uint8

const (
	qualNone   qualifier = iota
	qualOver             // 넘게, 이상
	qualUnder            // 미만, 안 돼
	qualAlmost           // 다 돼 가요, 가까이: a little under
	qualEarly            // 초반
	qualMid              // 중반
	qualLate             // 후반, 말
	qualHalf             // 반: 7년 반
)

// typedNumber is one number found in a message.
type typedNumber struct {
	val        int
	from, to   int // runes of the typedNumber and its unit in typed.rs
	end        int // rune just past the typedNumber itself
	digits     int // how many digits, for numbers typed as digits
	isDigits   bool
	native     bool // a native Korean numeral (쉰, 예순하나)
	oneByOne   bool // digits read one by one (칠이 = 72)
	u          unit
	q          qualifier
	word       int  // the word it starts in
	dateSuffix bool // followed by .M.D or -MM-DD: a date
}

// numbers finds every number of the message, in order.
func (t *typed) numbers() []typedNumber {
	rs := t.rs
	var out []typedNumber
	for i := 0; i < len(rs); {
		n, ok := numberAt(rs, i)
		if !ok {
			i++
			continue
		}
		n.u, n.q, n.to = unitAfter(rs, n.end)
		if n.u == unitGrade {
			// "오학년 이반", "6학년 1반": the grade is the tens of an age, the
			// class its ones (an everyday joke for 52).
			k := n.to
			if k < len(rs) && rs[k] == ' ' {
				k++
			}
			c := -1
			if k < len(rs) && isDigit(rs[k]) {
				c = int(rs[k] - '0')
			} else if k < len(rs) {
				if d := sino(rs[k]); d >= 0 && d < 10 {
					c = d
				}
			}
			if c >= 0 && k+1 < len(rs) && rs[k+1] == '반' {
				n.val, n.u, n.q, n.to = n.val*10+c, unitAge, qualNone, k+2
			}
		}
		n.word = t.wordAt(n.from)
		if n.isDigits && n.digits == 4 && n.end+1 < len(rs) && (rs[n.end] == '.' || rs[n.end] == '-') && isDigit(rs[n.end+1]) {
			n.dateSuffix = true
			j := n.end
			for j < len(rs) && (isDigit(rs[j]) || rs[j] == '.' || rs[j] == '-') {
				j++
			}
			n.to = j
		}
		out = append(out, n)
		i = max(n.to, n.end)
	}
	return out
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// numberAt reads a number starting at rs[i].
func numberAt(rs []rune, i int) (typedNumber, bool) {
	r := rs[i]
	if i > 0 && (isDigit(rs[i-1]) || unicode.IsLetter(rs[i-1]) && !isHangul(rs[i-1])) {
		return typedNumber{}, false
	}
	if isDigit(r) {
		j := i
		for j < len(rs) && isDigit(rs[j]) {
			j++
		}
		if j-i > 6 || (j < len(rs) && unicode.IsLetter(rs[j]) && !isHangul(rs[j])) {
			return typedNumber{}, false
		}
		if u, _, _ := unitAfter(rs, j); u == unitNone && j < len(rs) && isHangul(rs[j]) && !particleAt(rs, j) {
			// "50플러스" is a name, not a number.
			return typedNumber{}, false
		}
		v := 0
		for _, d := range rs[i:j] {
			v = v*10 + int(d-'0')
		}
		return typedNumber{val: v, from: i, end: j, digits: j - i, isDigits: true}, true
	}
	// Korean numerals start a word: "사무" is no 4.
	if i > 0 && isHangul(rs[i-1]) {
		return typedNumber{}, false
	}
	if v, j, ok := readNative(rs, i); ok {
		return typedNumber{val: v, from: i, end: j, native: true}, true
	}
	if v, j, ok := readOneByOne(rs, i); ok {
		return typedNumber{val: v, from: i, end: j, oneByOne: true}, true
	}
	if sino(r) >= 0 || r == '천' || r == '백' {
		v, j, tens := readSino(rs, i)
		if j == i {
			return typedNumber{}, false
		}
		// Sino tens and native ones, as people say ages: "오십넷".
		if tens && v%10 == 0 {
			for _, o := range nativeOnes {
				if n := prefixAt(rs, j, o.word); n > 0 && o.word != "한" && o.word != "세" && o.word != "네" && o.word != "두" {
					v, j = v+o.val, j+n
					break
				}
			}
		}
		// "오십 구세": the ones a space apart, right before 세 or 살.
		if tens && v%10 == 0 && j+2 < len(rs) && rs[j] == ' ' && sino(rs[j+1]) > 0 && sino(rs[j+1]) < 10 && (rs[j+2] == '세' || rs[j+2] == '살') {
			v, j = v+sino(rs[j+1]), j+2
		}
		u, _, _ := unitAfter(rs, j)
		switch {
		case u == unitNone:
			// A bare Sino-Korean numeral counts only with 십 in it and as a
			// word of its own ("육십삼"): "이것" holds no 2.
			if !tens || !endsWord(rs, j) {
				return typedNumber{}, false
			}
		case j-i == 1:
			// A single syllable only glued to its unit ("오년", "오학년"):
			// "오세요" is no age, "이 년" no two years.
			if j >= len(rs) || rs[j] == ' ' || u == unitAge || u == unitBorn || u == unitOther || u == unitHae {
				return typedNumber{}, false
			}
		}
		return typedNumber{val: v, from: i, end: j}, true
	}
	return typedNumber{}, false
}

// endsWord reports whether a bare number ending at rs[j] ends its word,
// or only a particle or ending follows ("육십삼", "육십삼이요").
func endsWord(rs []rune, j int) bool {
	return j >= len(rs) || !isHangul(rs[j]) || particleAt(rs, j)
}

// numberTails are endings a bare number may carry: "52요", "52이에요".
var numberTails = []string{"이에요", "예요", "에요", "이요", "요", "입니다", "이고", "이유", "이여", "여유", "이라예", "이지예", "이당", "이다", "에", "이", "인데", "은", "는", "세요", "으로", "로"}

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

// readSino reads a Sino-Korean number below 10,000 ("이십", "오십이",
// "천구백칠십이"); tens reports a 십 (or 백, 천) in it.
func readSino(rs []rune, i int) (val, end int, tens bool) {
	total, digit := 0, 0
	j := i
	for j < len(rs) && j-i < 8 {
		r := rs[j]
		var place int
		switch r {
		case '천':
			place = 1000
		case '백':
			place = 100
		case '십':
			place = 10
		}
		if place > 0 {
			if digit == 0 {
				digit = 1
			}
			if total%(place*10) >= place { // "십십"
				break
			}
			total += digit * place
			digit = 0
			tens = true
			j++
			continue
		}
		d := sino(r)
		if d < 0 || d == 10 || digit != 0 {
			break
		}
		digit = d
		j++
	}
	return total + digit, j, tens
}

// readOneByOne reads two Sino-Korean digits said one by one before a
// birth-year word: "칠이년생" is 72, "오팔 개띠" 58, "칠공년생" 70.
func readOneByOne(rs []rune, i int) (int, int, bool) {
	digit := func(r rune) int {
		if r == '공' || r == '영' {
			return 0
		}
		if d := sino(r); d < 10 {
			return d
		}
		return -1
	}
	if i+1 >= len(rs) {
		return 0, 0, false
	}
	a, b := digit(rs[i]), digit(rs[i+1])
	if a <= 0 || b < 0 {
		return 0, 0, false
	}
	if u, _, _ := unitAfter(rs, i+2); u != unitBorn {
		return 0, 0, false
	}
	return a*10 + b, i + 2, true
}

var nativeTens = []struct {
	word string
	val  int
}{{"스물", 20}, {"스무", 20}, {"서른", 30}, {"마흔", 40}, {"쉰", 50}, {"예순", 60}, {"일흔", 70}, {"열", 10}}

var nativeOnes = []struct {
	word string
	val  int
}{
	{"하나", 1}, {"한", 1}, {"둘", 2}, {"두", 2}, {"셋", 3}, {"세", 3}, {"넷", 4}, {"네", 4},
	{"다섯", 5}, {"여섯", 6}, {"일곱", 7}, {"여덟", 8}, {"아홉", 9},
}

// readNative reads a native Korean number ("쉰", "쉰두", "예순하나",
// "여덟" and "열두" before 해 or 살). "쉰 지 5년" (since I rested) is no 50.
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
		if t.word == "쉰" && v == 50 && (prefixAt(rs, j, " 지") > 0 || prefixAt(rs, j, "지 ") > 0 || prefixAt(rs, j, " 적") > 0) {
			return 0, 0, false
		}
		if t.word == "열" || t.word == "스무" {
			// 열 and 스무 are numbers only before a unit: "열두 해", "스무 해".
			if u, _, _ := unitAfter(rs, j); u != unitHae && u != unitAge && u != unitYear {
				return 0, 0, false
			}
		}
		return v, j, true
	}
	// Native ones alone count only before 해 or 살: "여덟 해", "한 살".
	for _, o := range nativeOnes {
		n := prefixAt(rs, i, o.word)
		if n == 0 || o.word == "세" || o.word == "네" {
			continue
		}
		if u, _, _ := unitAfter(rs, i+n); u == unitHae {
			return o.val, i + n, true
		}
	}
	return 0, 0, false
}

// unitAfter reads the unit and qualifier after a number ending at rs[j],
// and returns the index past them.
func unitAfter(rs []rune, j int) (unit, qualifier, int) {
	k := j
	if k < len(rs) && rs[k] == ' ' {
		k++
	}
	u, n := unitNone, 0
	for _, c := range units {
		if m := prefixAt(rs, k, c.word); m > 0 && (!c.glued || k == j) && (!c.alone || k+m >= len(rs) || !isHangul(rs[k+m]) || particleAt(rs, k+m)) {
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
// count right after the number ("72생", not "72 생"), and alone ones only
// as a whole word ("5일", not "일하고").
var units = []struct {
	word         string
	u            unit
	glued, alone bool
}{
	{"년도생", unitBorn, false, false}, {"년생", unitBorn, false, false}, {"년 생", unitBorn, false, false},
	{"년쌩", unitBorn, false, false}, {"년 개띠", unitBorn, false, false}, {"년도에 태어", unitBorn, false, false},
	{"개띠", unitBorn, false, false}, {"생", unitBorn, true, false},
	{"개월", unitMonth, false, false}, {"학년", unitGrade, false, false},
	{"년", unitYear, false, false}, {"연", unitYear, true, false},
	{"세", unitAge, false, false}, {"살", unitAge, false, false}, {"대", unitDecade, false, false},
	{"해", unitHae, false, true}, {"반", unitClass, true, true},
	{"급", unitOther, true, false}, {"일", unitOther, true, false}, {"시", unitOther, true, false}, {"월", unitOther, true, false},
	{"원", unitOther, true, false}, {"번", unitOther, false, false}, {"층", unitOther, true, false}, {"호", unitOther, true, false},
	{"가", unitOther, true, false}, {"동", unitOther, true, false}, {"명", unitOther, true, false}, {"만", unitOther, true, false},
	{"주", unitOther, true, false},
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
	{"도 안", qualUnder}, {"다 돼", qualAlmost}, {"다 되", qualAlmost}, {"가까이", qualAlmost}, {"가깝", qualAlmost},
	{"초반", qualEarly}, {"초", qualEarly}, {"중반", qualMid}, {"후반", qualLate}, {"말", qualLate}, {"반", qualHalf},
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
