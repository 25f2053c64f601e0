package data

import "unicode/utf8"

// This file holds the tables matching reads: which field of experience a
// program or job is relevant to, which jobs are social-contribution jobs,
// and which goals each kind of place serves. (Which goals a category or
// title serves is the category table, categoryRules in category.go, which
// the importers read too: matching reads it for programs that arrive
// without goals.) Every table is built once at start and never modified.

// fieldSet is a set of Fields, bit f for Field f.
type fieldSet uint16

// has reports whether f is in the set.
func (s fieldSet) has(f Field) bool { return f.Valid() && s&(1<<f) != 0 }

// fieldsOf returns the set of the given fields.
func fieldsOf(fs ...Field) fieldSet {
	var s fieldSet
	for _, f := range fs {
		s |= 1 << f
	}
	return s
}

// fieldWords is the one keyword table per field of experience: an item
// holding one of a field's words fits residents with that experience. A
// trade word names the work itself ("바리스타", "경비원", "요양보호사",
// "엑셀"): a program holding one trains for that trade, so it is for that
// field alone (and for beginners, when the trade is one a beginner may
// learn: tradesForBeginners). A topic word names a subject of the field
// that any course may touch ("홍보", "문서", "코딩"): it fits the field
// without keeping others out. A job fits the fields of every word it
// holds. Words name work, not what residents learn about for their own
// lives: "재무" lectures on pensions are not accounting work, "자산관리" not
// finance work.
var fieldWords = []struct {
	field        Field
	trade, topic []string
}{
	{FieldOffice, []string{
		"사무원", "사무직", "사무보조", "총무", "경리", "비서", "민원", "안내데스크", "경영지원", "행정보조",
		"데이터입력", "자료입력", "엑셀", "파워포인트", "보고서", "기획서", "제안서", "문서작성", "워크스페이스",
		"협업툴", "데이터읽고", "팀장",
	}, []string{"문서", "오피스", "노션", "notion", "노트북lm", "업무스킬", "업무효율", "한글문서"}},
	{FieldFinance, []string{
		"회계", "세무사무", "경리", "재무회계", "결산", "출납", "보험총무", "보험설계", "보험접수", "일반보험",
		"금융권", "은행원", "파산", "엑셀", "보고서", "문서작성", "데이터읽고",
	}, nil},
	{FieldSales, []string{
		"판매원", "판매직", "판매담당", "영업직", "상담원", "텔레마케팅", "콜센터", "쇼호스트", "cs상담", "고객상담",
		"기획서", "제안서",
	}, []string{"판매", "영업", "마케팅", "홍보", "셀러", "쇼핑몰", "스마트스토어", "커머스", "마케터", "고객응대"}},
	{FieldManufacturing, []string{
		"생산직", "제조", "공장", "조립", "가공", "용접", "반도체", "정비", "cnc", "금형", "기능공", "품질검사",
		"설비",
	}, []string{"3d프린팅", "기계"}},
	{FieldConstruction, []string{
		"건설", "건축", "시설관리", "전기", "설비", "인테리어", "도배", "타일", "보일러", "냉난방", "공조", "냉동",
		"소방", "배관", "집수리", "주택관리", "아파트관리", "관리소장", "영선", "승강기", "안전관리", "안전인력",
		"산업안전", "조경", "철거", "미장", "시공",
	}, nil},
	{FieldIT, []string{
		"개발자", "프로그래밍", "정보통신", "전산", "소프트웨어", "웹개발", "앱개발", "네트워크", "정보보안",
		"클라우드", "서버", "파이썬", "python", "데이터베이스", "배포자동화", "워크스페이스", "협업툴", "데이터분석",
		"데이터읽고",
	}, []string{"it", "코딩", "ai활용지도사", "ai코딩"}},
	{FieldCare, []string{
		"돌봄", "요양", "간병", "간호", "병원동행", "산후", "아이돌보미", "보육", "생활지원사", "활동지원",
		"사회복지", "복지사", "재활", "치매", "케어",
	}, []string{"복지", "보건", "의료", "노인", "어르신", "장애인"}},
	{FieldEducation, []string{
		"강사", "교사", "지도사", "튜터", "방과후", "독서지도", "학습지도", "학습나눔", "방문학습", "학습매니저", "교재", "교습",
		"동화구연", "해설사", "도슨트", "늘봄", "문해교육", "훈련교사",
	}, []string{"멘토", "아이돌봄"}},
	{FieldDriving, []string{
		"운전", "운송", "물류", "배송", "택배", "배달원", "화물", "버스", "택시", "지게차", "창고", "운반", "드라이버",
		"퀵서비스", "셔틀", "운행", "세차",
	}, nil},
	{FieldFoodService, []string{
		"조리", "요리사", "주방", "외식", "식당", "카페", "바리스타", "제과", "제빵", "급식", "서빙", "홀서비스",
		"한식", "커피", "로스팅", "브루잉", "반찬", "도시락", "식품",
	}, []string{"음식"}},
	{FieldSecurity, []string{
		"경비", "청소", "미화", "방역", "소독", "주차관리", "경호", "보안요원", "보안검색", "화물보안", "세탁",
		"건물관리", "위생관리", "검침", "가사", "홈매니저", "홈클리닝", "리빙케어", "환경관리", "안전인력",
	}, nil},
	{FieldSelfEmployed, nil, []string{
		"창업", "자영업", "소상공인", "사장님", "가게", "점포", "프랜차이즈", "온라인스토어", "스마트스토어",
		"쇼핑몰", "셀러", "사업자", "1인기업", "1인지식기업", "사업계획서", "공간대여", "공유숙박", "상가임대차",
		"고시원", "브랜딩", "내사업",
	}},
	// 경력 없음: items open to beginners; its trade words name trades for
	// beginners that no field of experience leads to.
	{FieldNone, []string{"펫시터", "정리수납", "네일아트"}, []string{
		"입문", "기초", "초보", "왕기초", "처음", "누구나", "경력무관", "관계없음", "무관", "신입", "무경력", "초급",
		"첫걸음",
	}},
}

// tradesForBeginners are the trades a program may teach to someone with
// no experience: a course for one of them fits a resident of 경력 없음
// ("경력 없어도 괜찮음"). Teaching, office, IT and sales courses presume
// the trade's experience.
var tradesForBeginners = fieldsOf(FieldSecurity, FieldCare, FieldFoodService, FieldDriving, FieldConstruction,
	FieldManufacturing, FieldNone)

// stopWords are compounds whose parts are not the field words they
// contain: 일활동지원 (a faculty) is not 활동지원 care work, 경영지도사 is
// not a teacher, 자영업 is not 영업, 시설관리공단 (an employer) is not
// facility work, 요양시설 is care and not facilities, 카페설비 케어 is
// equipment and neither café nor care work, 청소년 is not cleaning, 운전기사
// holds no 전기, 안전산행 no 전산 and 아카데미 no 미화. Each compound names
// the fields it does stand for, if any (a 펫시터 돌봄 course is for
// beginners, not care workers).
var stopWords = []struct {
	word   string
	fields fieldSet
}{
	{"일활동지원", 0},
	{"경영지도사", 0},
	{"자영업", fieldsOf(FieldSelfEmployed)},
	{"시설관리공단", 0},
	{"요양시설", fieldsOf(FieldCare)},
	{"카페설비", fieldsOf(FieldConstruction, FieldManufacturing)},
	{"설비케어", fieldsOf(FieldConstruction, FieldManufacturing)},
	{"청소년", 0},
	{"교육경비", 0},
	{"산후조리", fieldsOf(FieldCare)},
	{"데이케어", 0},
	{"홈케어", fieldsOf(FieldSecurity)},
	{"펫시터돌봄", fieldsOf(FieldNone)},
	{"반려견돌봄", 0},
	{"디지털금융", 0},
	{"배달앱", 0},
	{"운전기사", fieldsOf(FieldDriving)},
	{"화물보안", fieldsOf(FieldSecurity)},
	{"안전산행", 0},
	{"아카데미", 0},
	{"배달주문", 0},
}

// occupationCodeFields maps occupation codes to fields, used when a job's
// title and occupation name name no field. Keys are the 50플러스 OCCUPATION
// codes, and the two-digit 중분류 (first two digits of a six-digit code) of
// 한국고용직업분류 KECO 2018, which GetJobInfo and 고용24 codes start with
// (550100 요양보호사 is 55 돌봄 서비스직).
var occupationCodeFields = map[string]fieldSet{
	"IN59001": fieldsOf(FieldOffice, FieldFinance), // 경영/금융/사무/보험
	"IN59003": fieldsOf(FieldEducation),            // 교육/강사/연구/법률
	"IN59004": fieldsOf(FieldCare),                 // 의료/보건/사회복지
	"IN59008": fieldsOf(FieldSales),                // 영업/판매/고객상담/CS
	"IN59009": fieldsOf(FieldConstruction),         // 건설/건축/환경/산업
	"IN59010": fieldsOf(FieldIT),                   // IT/정보통신/웹
	// IN59011 숙박/음식/여행/스포츠/경비청소 covers unlike work (a cook, a
	// cleaner): its postings are read by their title words alone.
	"01": fieldsOf(FieldOffice),  // 관리직
	"02": fieldsOf(FieldOffice),  // 경영·행정·사무직
	"03": fieldsOf(FieldFinance), // 금융·보험직
	"13": fieldsOf(FieldIT),      // 정보통신 연구개발직 및 공학기술직
	"14": fieldsOf(FieldConstruction),
	"15": fieldsOf(FieldManufacturing),
	"21": fieldsOf(FieldEducation),   // 교육직
	"23": fieldsOf(FieldCare),        // 사회복지·종교직
	"30": fieldsOf(FieldCare),        // 보건·의료직
	"51": fieldsOf(FieldFoodService), // 미용·예식 서비스직
	"52": fieldsOf(FieldFoodService), // 여행·숙박·오락 서비스직
	"53": fieldsOf(FieldFoodService), // 음식 서비스직
	"54": fieldsOf(FieldSecurity),    // 경호·경비직
	"55": fieldsOf(FieldCare),        // 돌봄 서비스직
	"56": fieldsOf(FieldSecurity),    // 청소 및 기타 개인서비스직
	"61": fieldsOf(FieldSales),       // 영업·판매직
	"62": fieldsOf(FieldDriving),     // 운전·운송직
	"70": fieldsOf(FieldConstruction),
	"81": fieldsOf(FieldManufacturing),
	"82": fieldsOf(FieldManufacturing),
	"83": fieldsOf(FieldManufacturing),
	"84": fieldsOf(FieldIT), // 정보통신 설치·정비직
	"85": fieldsOf(FieldManufacturing),
	"86": fieldsOf(FieldManufacturing),
	"87": fieldsOf(FieldManufacturing),
	"88": fieldsOf(FieldManufacturing),
	"89": fieldsOf(FieldManufacturing),
}

// experiencedCodes are the occupation codes of work that presumes
// experience, whatever a posting's career condition says: office, finance,
// teaching and IT (50플러스 IN59001, IN59003, IN59010; KECO 01-03, 13, 21).
// A posting under one is not offered to a resident of 경력 없음.
var experiencedCodes = map[string]bool{
	"IN59001": true, "IN59003": true, "IN59010": true,
	"01": true, "02": true, "03": true, "13": true, "21": true,
}

// socialJobWords mark a job opening as a social-contribution job
// (가치동행일자리, formerly 보람일자리), which serves the goal GoalSocial.
var socialJobWords = []string{"가치동행", "보람일자리", "사회공헌", "공익활동", "사회서비스"}

// placeKinds says, for each kind of place (places.csv kind), which goals
// a resident is sent there for (counsellor-rules.md: 사회공헌 → the 50플러스
// campus or centre that runs 가치동행; 직업훈련 → 기술교육원, 폴리텍), and
// whether it is a first door at all.
var placeKinds = map[string]struct {
	goals Goals
	// byProgrammes: the kind serves its goals only where it runs a
	// programme serving them (서울시민대학: 인생설계 where it runs
	// 인생디자인학교).
	byProgrammes bool
	// second: never a resident's first door (여성발전센터: courses mostly
	// for women, and dasi does not ask a resident's sex).
	second bool
}{
	"campus_50plus":  {goals: goalsOf(AllGoals[:]...)},
	"center_50plus":  {goals: goalsOf(AllGoals[:]...)},
	"tech_institute": {goals: goalsOf(GoalTrain)},
	"polytech":       {goals: goalsOf(GoalTrain)},
	"women_center":   {goals: goalsOf(GoalTrain, GoalJob), second: true},
	"job_center":     {goals: goalsOf(GoalJob)},
	"digital_center": {goals: goalsOf(GoalDigital)},
	"citizen_univ":   {goals: goalsOf(GoalLife), byProgrammes: true},
}

// keywordIndex finds every table word in a folded text in one pass: the
// words are filed under their first rune. A word of ASCII letters only
// matches a whole Latin word ("it", not "digital").
type keywordIndex map[rune][]Keyword

// add files the keywords.
func (ix keywordIndex) add(ks ...Keyword) {
	for _, k := range ks {
		r, _ := utf8.DecodeRuneInString(k.Word)
		ix[r] = append(ix[r], k)
	}
}

// each calls f with every keyword found in text, which must be folded
// (AppendFold), and the byte where it starts.
func (ix keywordIndex) each(text []byte, f func(k Keyword, at int)) {
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRune(text[i:])
		for _, k := range ix[r] {
			if !hasPrefixAt(text, i, k.Word) {
				continue
			}
			if isLatinWord(k.Word) && (isLatinAt(text, i-1) || isLatinAt(text, i+len(k.Word))) {
				continue
			}
			f(k, i)
		}
		i += n
	}
}

// match returns the union of the fields and goals of the words in text,
// which must be folded (AppendFold).
func (ix keywordIndex) match(text []byte) (fieldSet, Goals) {
	var fs fieldSet
	var gs Goals
	ix.each(text, func(k Keyword, _ int) {
		if k.Field.Valid() {
			fs |= fieldsOf(k.Field)
		}
		gs = gs.With(k.Goal)
	})
	return fs, gs
}

// goals returns the goals of the words in text (folded).
func (ix keywordIndex) goals(text []byte) Goals {
	_, g := ix.match(text)
	return g
}

// fields returns the fields of the words in text (folded).
func (ix keywordIndex) fields(text []byte) fieldSet {
	f, _ := ix.match(text)
	return f
}

// hasPrefixAt reports whether text holds p at byte i.
func hasPrefixAt(text []byte, i int, p string) bool {
	return len(text)-i >= len(p) && string(text[i:i+len(p)]) == p
}

// appendFoldedWords appends each text folded (AppendFold), each after a
// space, so that words of two texts never run together into a keyword.
func appendFoldedWords(dst []byte, texts ...string) []byte {
	for _, t := range texts {
		if len(dst) > 0 {
			dst = append(dst, ' ')
		}
		dst = AppendFold(dst, t)
	}
	return dst
}

// The indexes of the tables above.
var (
	// fieldIndex holds every field word, a trade word with weightTrade.
	fieldIndex = newKeywordIndex(func(ix keywordIndex) {
		for _, t := range fieldWords {
			ix.add(FieldKeywords(t.field, weightTrade, t.trade...)...)
			ix.add(FieldKeywords(t.field, weightTopic, t.topic...)...)
		}
	})
	// stopIndex finds the stop compounds; a Keyword's Weight is its index
	// in stopWords.
	stopIndex = newKeywordIndex(func(ix keywordIndex) {
		for i, s := range stopWords {
			ix.add(Keyword{Word: s.word, Weight: i})
		}
	})
	socialJobIndex = newKeywordIndex(func(ix keywordIndex) {
		ix.add(GoalKeywords(GoalSocial, socialJobWords...)...)
	})
)

// The weights of field words in fieldIndex.
const (
	weightTopic = 1
	weightTrade = 2
)

// fieldsAndTrades returns the fields of the words in text (folded) and
// those of its trade words.
func (ix keywordIndex) fieldsAndTrades(text []byte) (fit, trade fieldSet) {
	ix.each(text, func(k Keyword, _ int) {
		if k.Field.Valid() {
			fit |= fieldsOf(k.Field)
			if k.Weight >= weightTrade {
				trade |= fieldsOf(k.Field)
			}
		}
	})
	return fit, trade
}

// newKeywordIndex returns the index fill builds.
func newKeywordIndex(fill func(keywordIndex)) keywordIndex {
	ix := keywordIndex{}
	fill(ix)
	return ix
}
