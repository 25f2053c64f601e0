package dialogs

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// This file turns a typed message into the answers it holds. It is pure:
// text and today's date in, an answer out. One message may answer several
// questions at once ("52세 회계 사무 20년 은평구"), and a message whose age
// could be read two ways asks rather than guesses.

// maxTyped is the longest typed message the parser reads, in runes. A
// longer one is not an answer to a short question; the resident is asked
// to write it shorter.
const maxTyped = 300

// answer is what a typed message told us. Zero fields were not mentioned.
type answer struct {
	age data.AgeBand
	// decade is 4, 5 or 6 when the resident gave a decade ("50대", "마흔
	//중반") without saying which half; the machine then asks.
	decade int
	// span is the younger of two bands a phrase spans ("환갑 지났어요":
	// 60~64세 or 65세 이상); the machine asks which.
	span data.AgeBand
	// confirm is the band of an age that two readings disagree on ("61살이고
	// 72년생", a bare "72"), and confirmAge the age to say back ("61세가
	// 맞으세요?"); the machine asks before taking it.
	confirm    data.AgeBand
	confirmAge int
	field      data.Field
	years      data.YearsBand
	goals      data.Goals
	district   data.District
	// other is a second district named beside district ("지금은 마포 사는데
	// 다음 달에 은평으로"); the machine asks which.
	other data.District
	// outside reports a place outside Seoul named instead of a district.
	outside bool
}

// empty reports whether the message held no answer at all.
func (a answer) empty() bool {
	return a.age == 0 && a.decade == 0 && a.span == 0 && a.confirm == 0 && a.field == 0 &&
		a.years == 0 && a.goals == 0 && a.district == 0
}

// asksAge reports whether the age needs a question back.
func (a answer) asksAge() bool { return a.decade != 0 || a.span != 0 || a.confirm != 0 }

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
// ("1972년생") and years of work ("2010년부터"); when it is zero, neither
// is read.
func parseAnswer(text string, ctx asking, today data.Date) answer {
	var a answer
	if !utf8.ValidString(text) || utf8.RuneCountInString(text) > maxTyped {
		return a
	}
	return prepare(text).answer(ctx, today)
}

// answer reads every answer of a prepared message (parseAnswer).
func (t *typed) answer(ctx asking, today data.Date) answer {
	var a answer
	nums := t.nums
	t.readAge(nums, ctx, today, &a)
	t.readYears(nums, ctx, today, &a)
	t.readDistricts(ctx, &a)
	t.readKeywords(ctx, &a)
	return a
}

// The words around a number that say what it is.
var (
	// ageMarkers before a bare number make it an age: "나이는 57", "올해 61".
	ageMarkers = []string{"나이", "올해", "지금", "만으로", "현재", "제가", "저는", "나는", "내가"}
	// futureMarkers: "곧 65", "내년에 마흔".
	futureMarkers = []string{"곧", "내년", "내후년"}
	// familyWords: a birth year or age after them is someone else's.
	familyWords = []string{"남편", "아내", "와이프", "신랑", "아들", "딸", "엄마", "아빠", "어머니", "아버지", "부모", "동생", "형은", "형이", "누나", "언니", "오빠", "애가", "애는", "아이", "손주", "손자", "손녀", "시어머니", "장모", "친구"}
	// startWords after a calendar year: the year work began.
	startWords = []string{"부터", "입사", "시작", "들어가", "들어갔", "취직", "취업"}
	// endWords after a calendar year: the year work ended.
	endWords = []string{"까지", "퇴직", "그만두", "그만뒀", "나왔", "명퇴", "정년", "은퇴", "폐업", "접었", "퇴사"}
	// eventWords after a calendar year: something else that happened then.
	eventWords = []string{"결혼", "이사", "졸업", "에"}
	// breakWords after years: time off, not experience ("10년 쉬었고").
	breakWords = []string{"쉬었", "쉬고", "쉬는", "쉬었고", "놀았", "키웠"}
)

// clauseFold returns the folded words of clause c from word i to j
// (exclusive), joined.
func (t *typed) foldRange(from, to int) string {
	var b strings.Builder
	for k := max(from, 0); k < min(to, len(t.words)); k++ {
		b.WriteString(t.words[k].fold)
	}
	return b.String()
}

// before returns the folded text of a number's clause before it,
// including the start of its own word.
func (t *typed) before(n typedNumber) string {
	if n.word < 0 {
		return ""
	}
	c := t.clause[n.word]
	from := n.word
	for from > 0 && t.clause[from-1] == c {
		from--
	}
	return t.foldRange(from, n.word) + data.Fold(string(t.rs[t.words[n.word].from:n.from]))
}

// beforeWide returns the folded text before a number in its clause and
// the clause before ("나이 틀렸어요 57이에요").
func (t *typed) beforeWide(n typedNumber) string {
	if n.word < 0 {
		return ""
	}
	from := n.word
	for from > 0 && t.clause[from-1] >= t.clause[n.word]-1 {
		from--
	}
	return t.foldRange(from, n.word) + data.Fold(string(t.rs[t.words[n.word].from:n.from]))
}

// next returns the folded rest of a number's word after its unit and the
// word after, in any clause.
func (t *typed) next(n typedNumber) string {
	w := t.wordAt(max(min(n.to, len(t.rs))-1, n.from))
	if w < 0 {
		return ""
	}
	rest := ""
	if n.to < t.words[w].to {
		rest = data.Fold(string(t.rs[n.to:t.words[w].to]))
	}
	if w+1 < len(t.words) {
		rest += t.words[w+1].fold
	}
	return rest
}

// after returns the folded text of a number's clause after it and its
// unit, up to two words further.
func (t *typed) after(n typedNumber) string {
	if n.word < 0 {
		return ""
	}
	w := t.wordAt(max(min(n.to, len(t.rs))-1, n.from))
	if w < 0 {
		w = n.word
	}
	var rest string
	if n.to < t.words[w].to {
		rest = data.Fold(string(t.rs[n.to:t.words[w].to]))
	}
	c := t.clause[n.word]
	for k := w + 1; k < len(t.words) && k <= w+3 && t.clause[k] == c; k++ {
		rest += t.words[k].fold
	}
	return rest
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// yearRole is what a calendar year is to the resident.
type yearRole uint8

const (
	roleNone  yearRole = iota
	roleStart          // work began: 입사, 부터
	roleEnd            // work ended: 퇴직, 그만두고, 까지
	roleEvent          // something else: 결혼, 이사
)

// calendarYear reads a number with 년 as a calendar year with its role,
// or reports that it is none ("20년" is years of work).
func (t *typed) calendarYear(n typedNumber, today data.Date) (int, yearRole, bool) {
	if n.u != unitYear || !n.isDigits || today == 0 {
		return 0, roleNone, false
	}
	this := int(today) / 10000
	after := t.after(n)
	role := roleNone
	switch {
	case containsAny(after, startWords):
		role = roleStart
	case containsAny(after, endWords):
		role = roleEnd
	case containsAny(after, eventWords[:3]):
		role = roleEvent
	}
	switch {
	case n.digits == 4 && n.val >= 1900 && n.val <= this:
		return n.val, role, true
	case n.digits == 2 && role != roleNone && (strings.HasPrefix(after, "에") || strings.HasPrefix(after, "부터") || strings.HasPrefix(after, "까지")):
		y := 1900 + n.val // "95년부터" is 1995; "20년에" 2020
		if 2000+n.val <= this {
			y = 2000 + n.val
		}
		return y, role, true
	}
	return 0, roleNone, false
}

// birthYearOf reads a birth year from a number with 년생, 생, 띠 ("72년생",
// "칠이년생", "천구백칠십이년생") or a birth date ("1972.3.15"); ok is false
// for anything else.
func birthYearOf(n typedNumber, today data.Date) (int, bool) {
	if today == 0 {
		return 0, false
	}
	this := int(today) / 10000
	born := n.u == unitBorn || n.dateSuffix
	switch {
	case !born:
		return 0, false
	case n.val >= 1900 && n.val <= this+1:
		return n.val, true
	case n.val >= 0 && n.val < 100 && (n.isDigits && n.digits <= 2 || !n.isDigits):
		y := 1900 + n.val
		if 2000+n.val <= this-15 {
			y = 2000 + n.val
		}
		return y, true
	}
	return 0, false
}

// readAge reads the resident's age: a stated age ("52살", "쉰둘",
// "나이는 57"), a birth year, a decade with its half, or a phrase (환갑,
// 지천명). A stated age wins over a birth year it agrees with; when they
// disagree, or a past age moves into another band, the age is confirmed
// rather than taken. A year next to 퇴직, 입사, 부터 is never a birth year,
// nor someone else's ("아들이 95년생"), and an age under 20 or over 100
// from a year is never taken.
func (t *typed) readAge(nums []typedNumber, ctx asking, today data.Date, a *answer) {
	this := int(today) / 10000
	var (
		stated, pastAge, future, korean = -1, -1, -1, -1
		pastShift                       int
		born                            = -1
		bornBad                         bool
		bareOld                         = -1 // a bare 70-99 at the age question
		decade                          int
		decadeQ                         qualifier
		overDecade                      = -1 // "예순 넘었어요"
		justOver                        bool
		lastCalendar                    int
	)
	for _, n := range nums {
		before, after := t.before(n), t.after(n)
		others := containsAny(before, familyWords)
		if y, role, ok := t.calendarYear(n, today); ok {
			if role == roleNone && ctx == ctxAge && n.digits == 4 && !others {
				// "1972년" at the age question, with no role after it.
				if age := this - y; age >= 20 && age <= 100 {
					if born < 0 {
						born = y
					}
				} else {
					bornBad = true
				}
				continue
			}
			lastCalendar = y
			continue
		}
		if y, ok := birthYearOf(n, today); ok {
			if others {
				continue
			}
			if age := this - y; age < 20 || age > 100 {
				bornBad = true
			} else if born < 0 {
				born = y
			}
			continue
		}
		// A bare year (at the age question, or anywhere but the questions
		// about work, where it may be when work began), or a six-digit birth
		// date at the age question.
		if n.isDigits && n.u == unitNone && !others && (ctx == ctxAge || n.digits == 4 && ctx != ctxField && ctx != ctxYears) {
			switch {
			case n.digits == 4 && n.val >= 1900 && n.val <= this:
				if age := this - n.val; age < 20 || age > 100 {
					bornBad = true
				} else if born < 0 {
					born = n.val
				}
				continue
			case n.digits == 4 && n.val > this:
				bornBad = true
				continue
			case n.digits == 6 && ctx == ctxAge && validYYMMDD(n.val):
				if born < 0 {
					born = 1900 + n.val/10000
				}
				continue
			}
		}
		if n.u == unitYear && n.isDigits && n.digits == 4 && ctx == ctxAge && !others {
			bornBad = true // a year to come
			continue
		}
		if n.u == unitDecade {
			if decade == 0 {
				decade, decadeQ = n.val, n.q
			}
			continue
		}
		isAge := n.u == unitAge
		if n.u == unitNone {
			switch {
			case n.native:
				isAge = n.val >= 20 && n.val <= 99
			case n.isDigits && n.digits <= 2:
				isAge = ctx == ctxAge && n.val >= 20 && n.val <= 99 ||
					n.val >= 20 && n.val <= 99 && (hasSuffixAny(before, ageMarkers) || strings.HasSuffix(before, "만") || containsAny(t.beforeWide(n), []string{"나이"}) || hasSuffixAny(before, futureMarkers))
			case !n.isDigits && !n.oneByOne:
				isAge = n.val >= 20 && n.val <= 99 && (ctx == ctxAge || containsAny(before, ageMarkers))
			}
		}
		if !isAge || others {
			continue
		}
		v := n.val
		switch {
		case n.q == qualOver && v%10 == 0:
			// "예순 넘었어요": past a round age, but how far?
			overDecade = v
			justOver = containsAny(before+after, []string{"조금", "막", "갓"}) || hasSuffixAny(before, []string{"조금", "막", "갓"})
			continue
		case n.q == qualMid && n.native:
			decade, decadeQ = v, qualMid
			continue
		case (n.q == qualEarly || n.q == qualLate) && n.native && v%10 == 0:
			decade, decadeQ = v, n.q
			continue
		case hasSuffixAny(before, futureMarkers) || strings.Contains(before, "내년"):
			if future < 0 {
				future = v
			}
			continue
		case strings.Contains(before, "한국나이"):
			korean = v
			continue
		case strings.Contains(before, "재작년"):
			pastAge, pastShift = v, 2
			continue
		case strings.Contains(before, "작년"):
			pastAge, pastShift = v, 1
			continue
		case strings.Contains(before, "그때") || strings.Contains(before, "당시"):
			pastAge, pastShift = v, -1 // moved by the year said before
			continue
		case n.isDigits && n.u == unitNone && ctx == ctxAge && v >= 70 && !containsAny(before, ageMarkers):
			// A bare 72 at the age question: 72세, or 1972년생?
			if bareOld < 0 {
				bareOld = v
			}
			continue
		}
		if stated < 0 {
			stated = v
		}
	}
	if pastAge >= 0 && pastShift < 0 {
		if lastCalendar > 0 && lastCalendar <= this {
			pastShift = this - lastCalendar
		} else {
			pastShift = 0
		}
	}
	ageOK := func(v int) bool { return v >= 1 && v <= 120 }
	switch {
	case stated >= 0 && ageOK(stated):
		if born >= 0 {
			if b := this - born; stated != b && stated != b-1 && data.AgeBandOf(stated) != data.AgeBandOf(b) {
				a.confirm, a.confirmAge = data.AgeBandOf(stated), stated
				return
			}
		}
		a.age = data.AgeBandOf(stated)
	case pastAge >= 0 && ageOK(pastAge):
		now := pastAge + pastShift
		if data.AgeBandOf(now) == data.AgeBandOf(pastAge) {
			a.age = data.AgeBandOf(now)
		} else {
			a.confirm, a.confirmAge = data.AgeBandOf(now), now
		}
	case korean >= 0:
		hi, lo := korean-1, korean-2
		if data.AgeBandOf(hi) == data.AgeBandOf(lo) {
			a.age = data.AgeBandOf(hi)
		} else {
			a.confirm, a.confirmAge = data.AgeBandOf(hi), hi
		}
	case born >= 0:
		a.age = data.AgeBandOf(this - born)
	case bareOld >= 0 && today != 0:
		age := this - (1900 + bareOld)
		a.confirm, a.confirmAge = data.AgeBandOf(age), age
	case future >= 0 && ageOK(future):
		a.age = data.AgeBandOf(future - 1)
	case overDecade >= 0:
		if justOver || overDecade >= 70 || overDecade < 40 {
			a.age = data.AgeBandOf(overDecade)
		} else {
			a.span = data.AgeBandOf(overDecade)
		}
	case decade != 0:
		if b, dec := decadeBand(decade, decadeQ); b.Valid() {
			a.age = b
		} else {
			a.decade = dec
		}
	case bornBad:
		// A year that gives an age under 20 or over 100: not taken.
	default:
		t.readAgePhrase(a)
	}
}

// readAgePhrase reads the ages said in words rather than numbers: 환갑
// (60), 칠순 (70), 지천명 (50), 불혹 (40), with 올해, 내년, 작년, 곧 and 지났.
func (t *typed) readAgePhrase(a *answer) {
	f := t.fold
	at := func(word string) (string, string, bool) {
		i := strings.Index(f, word)
		if i < 0 {
			return "", "", false
		}
		return f[:i], f[i+len(word):], true
	}
	for _, p := range []struct {
		word string
		age  int
	}{{"환갑", 60}, {"회갑", 60}, {"칠순", 70}, {"고희", 70}, {"지천명", 50}, {"불혹", 40}} {
		before, after, ok := at(p.word)
		if !ok {
			continue
		}
		v := p.age
		switch {
		case strings.Contains(before, "내년") || strings.Contains(before, "곧") || containsAny(after, []string{"코앞", "앞두", "곧", "다됐", "다돼"}):
			v--
		case strings.Contains(before, "작년"):
			v++
		case containsAny(after, []string{"막지났", "갓지났", "조금지났", "막넘", "갓넘", "조금넘"}) || strings.Contains(before, "막"):
		case containsAny(after, []string{"지났", "넘었", "넘어", "지나"}):
			if b := data.AgeBandOf(v); b != data.Age65Plus {
				a.span = b
				return
			}
		}
		a.age = data.AgeBandOf(v)
		return
	}
}

func hasSuffixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// validYYMMDD reports whether a six-digit number is a date (a birth date
// as 주민등록번호 starts: 720315).
func validYYMMDD(v int) bool {
	m, d := v/100%100, v%100
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
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

// readYears reads the years of experience: "20년", "이십 년", "스무 해",
// "20년 넘게", "20년 다 돼 가요" (under 20), "7년 반", or the years
// between a start and an end ("1998년 입사해서 2020년 퇴직", "2010년부터").
// Time off ("10년 쉬었고", "퇴직한 지 3년") is not experience. At the goals
// question only a correction in the past tense gives years.
func (t *typed) readYears(nums []typedNumber, ctx asking, today data.Date, a *answer) {
	start, end := 0, 0
	found := false
	for _, n := range nums {
		if y, role, ok := t.calendarYear(n, today); ok {
			switch role {
			case roleStart:
				if start == 0 {
					start = y
				}
			case roleEnd:
				if y > end {
					end = y
				}
			}
			continue
		}
		if found {
			continue
		}
		if ctx == ctxGoals && !t.pastClause(n.word) {
			continue
		}
		before, after := t.before(n), t.after(n)
		var v int
		switch {
		case n.u == unitYear && (n.isDigits && n.digits <= 2 || !n.isDigits), n.u == unitHae:
			v = n.val
		case n.u == unitMonth && n.val < 60:
			v = 0
		case n.u == unitNone && n.isDigits && n.digits <= 2 && (ctx == ctxYears || ctx == ctxField) && n.val <= 70 &&
			!containsAny(before, ageMarkers) && !containsAny(before, futureMarkers):
			v = n.val
		default:
			continue
		}
		if v > 70 || strings.HasSuffix(before, "지") || containsAny(after+t.next(n), breakWords) || containsAny(before, familyWords) {
			continue // time off, or time since: "퇴직한 지 3년", "10년 쉬었고"
		}
		switch n.q {
		case qualUnder, qualAlmost:
			if v > 0 {
				v--
			}
		}
		if strings.HasSuffix(before, "거의") && v > 0 {
			v--
		}
		if b := data.YearsBandOf(v); b != 0 {
			a.years, found = b, true
		}
	}
	if !found && strings.Contains(t.fold, "반년") {
		a.years, found = data.YearsUnder5, true
	}
	if !found && start > 0 && today != 0 {
		if end == 0 || end < start {
			end = int(today) / 10000
		}
		if ctx != ctxGoals {
			a.years = data.YearsBandOf(end - start)
		}
	}
}

// pastClause reports whether the clause of word w tells what the resident
// did (a verb in the past tense, "했어요", "다녔어요", or the present of
// work, "하고 있어요", "해요"), rather than what they wish.
func (t *typed) pastClause(w int) bool {
	if w < 0 {
		return false
	}
	if t.wishClause(w) {
		return false
	}
	c := t.clause[w]
	for k := range t.words {
		if t.clause[k] != c {
			continue
		}
		f := t.words[k].fold
		for _, r := range f {
			if pastSyllable(r) && !strings.HasPrefix(f, "됐") && !strings.HasPrefix(f, "넘었") {
				return true
			}
		}
		if containsAny(f, []string{"하고있", "다니고", "근무", "퇴직"}) {
			return true
		}
	}
	return false
}

// wishMarks are what make a clause a wish: "하고 싶어요", "원해요",
// "생각 중", "차릴까", "배우고", "따서".
var wishMarks = []string{"싶", "원해", "원합", "원하", "생각", "할까", "릴까", "려고", "배우", "배워", "따고", "따서", "딸까", "차리", "차릴", "준비", "공부"}

// wishClause reports whether the clause of word w says what the resident
// wants to do.
func (t *typed) wishClause(w int) bool {
	if w < 0 {
		return false
	}
	c := t.clause[w]
	for k := range t.words {
		if t.clause[k] == c && containsAny(t.words[k].fold, wishMarks) {
			return true
		}
	}
	return false
}

// readDistricts finds district names among the words ("은평", "은평구",
// "서울 은평구", "Eunpyeong", "은평에 살아요", "은펑구" with a slip, a
// well-known 동 such as 잠실), leaving out those said no to ("은평 말고")
// and a place of work ("회사는 강남인데"). Two districts give a question.
func (t *typed) readDistricts(ctx asking, a *answer) {
	work := map[int]bool{}
	for i, w := range t.words {
		if containsAny(w.fold, []string{"회사", "직장", "일터", "사무실", "근무지"}) {
			for k := range t.words {
				if t.clause[k] == t.clause[i] {
					work[k] = true
				}
			}
		}
	}
	for i, w := range t.words {
		if t.neg[i] || work[i] {
			continue
		}
		ds := districtsOfWord(t.word(i), ctx)
		if len(ds) == 0 {
			if outsideSeoul(w.fold) {
				a.outside = true
			}
			continue
		}
		for _, d := range ds {
			switch {
			case a.district == 0:
				a.district = d
			case d != a.district && a.other == 0:
				a.other = d
			}
		}
	}
	if a.district != 0 {
		a.outside = false
	}
}

// outsideSeoul reports a word that names a place near Seoul but outside it.
func outsideSeoul(f string) bool {
	for _, p := range []string{"경기", "일산", "부천", "인천", "수원", "성남", "분당", "고양", "의정부", "안양", "광명", "하남", "남양주", "김포", "용인", "파주", "시흥시", "안산"} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// districtTails are endings a district name may carry in a sentence.
var districtTails = []string{
	"으로", "에서", "에", "이에요", "예요", "이요", "요", "입니다", "이고", "고", "이랑", "랑", "쪽", "근처", "동네", "살아요", "살아유", "살아여", "사는", "살고", "삽니다", "산당께", "이", "은", "는", "인데", "이었", "도",
}

// districtsOfWord returns the districts one word names: one, or two for a
// 동 that lies in two (신사동: 강남구, 은평구), or none.
func districtsOfWord(w string, ctx asking) []data.District {
	w = strings.TrimPrefix(w, "서울특별시")
	w = strings.TrimPrefix(w, "서울시")
	w = strings.TrimPrefix(w, "서울")
	if w == "" {
		return nil
	}
	if isASCIIWord(w) {
		if d := data.DistrictByName(w); d != 0 {
			return []data.District{d}
		}
		return nil
	}
	if d := districtWord(w); d != 0 {
		return []data.District{d}
	}
	// A 동 or an area: everywhere when it says 동, and at the district
	// question when it is a bare name ("잠실").
	stems := []string{w}
	for _, t := range districtTails {
		if s, ok := strings.CutSuffix(w, t); ok && s != "" {
			stems = append(stems, s)
			break
		}
	}
	for _, stem := range stems {
		key := strings.TrimSuffix(stem, "동")
		if ds, ok := dongs[key]; ok && (strings.HasSuffix(stem, "동") || ctx == ctxDistrict && utf8.RuneCountInString(key) >= 2) {
			return ds
		}
	}
	return nil
}

// districtWord returns the district one word names, or 0, allowing one
// slip of a letter in a name of three syllables or more ("은펑구",
// "영등표구").
func districtWord(w string) data.District {
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
	// One slip in a full name ("중량구"), also before a tail.
	stems := []string{w}
	for _, t := range districtTails {
		if s, ok := strings.CutSuffix(w, t); ok && s != "" {
			stems = append(stems, s)
		}
	}
	for _, s := range stems {
		if !strings.HasSuffix(s, "구") || utf8.RuneCountInString(s) < 3 {
			continue
		}
		var found data.District
		rs := []rune(s)
		for i, full := range districtFull {
			if oneSlip(rs, []rune(full)) {
				if found != 0 {
					return 0 // two districts are one slip away: not a guess to make
				}
				found = data.District(i + 1)
			}
		}
		if found != 0 {
			return found
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
	return w != ""
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
