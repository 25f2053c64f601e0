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

// fieldWords is the one keyword table per field of experience: a program
// (category, title, keywords) or a job (title, occupation, career) holding
// one of a field's words is relevant to residents with that experience.
// Words are chosen to name work, not topics residents learn about for
// themselves: "재무" lectures on pensions are not accounting work.
var fieldWords = []struct {
	field Field
	words []string
}{
	{FieldOffice, []string{
		"사무", "행정", "총무", "인사관리", "문서", "엑셀", "파워포인트", "한글문서", "오피스",
		"비서", "데이터입력", "자료입력", "민원", "안내데스크", "보고서", "기획서", "경영지원",
		"구글워크스페이스", "업무효율",
	}},
	{FieldFinance, []string{
		"회계", "금융", "세무", "경리", "재무회계", "재무관리", "은행", "증권", "보험설계",
		"출납", "결산", "자산관리", "핀테크", "대출", "신용", "펀드", "투자",
	}},
	{FieldSales, []string{
		"영업", "판매", "세일즈", "고객상담", "상담원", "텔레마케팅", "콜센터", "마케팅", "매장",
		"고객응대", "고객센터", "홍보", "쇼호스트", "라이브커머스", "중개",
	}},
	{FieldManufacturing, []string{
		"생산", "제조", "공장", "품질", "조립", "가공", "기계", "용접", "반도체", "검수", "cnc",
		"금형", "3d프린팅", "정비", "기능공",
	}},
	{FieldConstruction, []string{
		"건설", "건축", "시설관리", "시설", "전기", "설비", "인테리어", "도배", "타일", "목공",
		"보일러", "냉난방", "공조", "소방", "배관", "집수리", "주택관리", "아파트관리", "관리소장",
		"영선", "승강기", "안전관리", "안전인력", "산업안전", "조경", "철거", "미장",
	}},
	{FieldIT, []string{
		"it", "정보통신", "전산", "프로그래밍", "코딩", "개발자", "소프트웨어", "웹", "앱개발",
		"데이터", "인공지능", "네트워크", "정보보안", "클라우드", "서버", "파이썬", "python",
		"데이터베이스", "배포자동화",
	}},
	{FieldCare, []string{
		"돌봄", "요양", "간병", "복지", "보건", "간호", "의료", "병원", "육아", "장애인", "노인",
		"어르신", "치매", "활동지원", "산후", "케어", "재활", "보육", "아이돌보미", "생활지원사",
	}},
	{FieldEducation, []string{
		"강사", "교사", "지도사", "강의", "튜터", "멘토", "코치", "방과후", "독서지도", "진로",
		"교수", "학습지", "훈련교사", "교재", "교습", "학원", "동화구연", "선생님", "해설사",
	}},
	{FieldDriving, []string{
		"운전", "운송", "물류", "배송", "택배", "배달", "화물", "버스", "택시", "지게차", "창고",
		"운반", "드라이버", "주차", "퀵서비스", "셔틀", "운행",
	}},
	{FieldFoodService, []string{
		"음식", "조리", "요리", "주방", "외식", "식당", "카페", "바리스타", "제과", "제빵", "급식",
		"서빙", "호텔", "숙박", "관광", "한식", "식품", "밥상", "미용", "이용사", "뷰티", "네일",
		"접객", "반찬", "도시락", "커피",
	}},
	{FieldSecurity, []string{
		"경비", "청소", "미화", "방역", "소독", "주차관리", "경호", "보안요원", "세탁", "정리수납",
		"건물관리", "위생관리", "검침",
	}},
	{FieldSelfEmployed, []string{
		"창업", "자영업", "소상공인", "사장님", "가게", "점포", "프랜차이즈", "온라인스토어",
		"스마트스토어", "쇼핑몰", "셀러", "사업자", "1인기업", "창직", "라이브커머스", "브랜딩",
		"내사업",
	}},
	// 경력 없음: items open to beginners.
	{FieldNone, []string{
		"입문", "기초", "초보", "왕기초", "처음", "누구나", "경력무관", "관계없음", "무관", "신입",
		"무경력", "초급", "첫걸음",
	}},
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
	"IN59011": fieldsOf(FieldFoodService, FieldSecurity),
	"01":      fieldsOf(FieldOffice),  // 관리직
	"02":      fieldsOf(FieldOffice),  // 경영·행정·사무직
	"03":      fieldsOf(FieldFinance), // 금융·보험직
	"13":      fieldsOf(FieldIT),      // 정보통신 연구개발직 및 공학기술직
	"14":      fieldsOf(FieldConstruction),
	"15":      fieldsOf(FieldManufacturing),
	"21":      fieldsOf(FieldEducation),   // 교육직
	"23":      fieldsOf(FieldCare),        // 사회복지·종교직
	"30":      fieldsOf(FieldCare),        // 보건·의료직
	"51":      fieldsOf(FieldFoodService), // 미용·예식 서비스직
	"52":      fieldsOf(FieldFoodService), // 여행·숙박·오락 서비스직
	"53":      fieldsOf(FieldFoodService), // 음식 서비스직
	"54":      fieldsOf(FieldSecurity),    // 경호·경비직
	"55":      fieldsOf(FieldCare),        // 돌봄 서비스직
	"56":      fieldsOf(FieldSecurity),    // 청소 및 기타 개인서비스직
	"61":      fieldsOf(FieldSales),       // 영업·판매직
	"62":      fieldsOf(FieldDriving),     // 운전·운송직
	"70":      fieldsOf(FieldConstruction),
	"81":      fieldsOf(FieldManufacturing),
	"82":      fieldsOf(FieldManufacturing),
	"83":      fieldsOf(FieldManufacturing),
	"84":      fieldsOf(FieldIT), // 정보통신 설치·정비직
	"85":      fieldsOf(FieldManufacturing),
	"86":      fieldsOf(FieldManufacturing),
	"87":      fieldsOf(FieldManufacturing),
	"88":      fieldsOf(FieldManufacturing),
	"89":      fieldsOf(FieldManufacturing),
}

// socialJobWords mark a job opening as a social-contribution job
// (가치동행일자리, formerly 보람일자리), which serves the goal GoalSocial.
var socialJobWords = []string{"가치동행", "보람일자리", "사회공헌", "공익활동", "사회서비스"}

// placeKindGoals says which goals each kind of place (places.csv kind)
// serves; it breaks ties between places at the same distance.
var placeKindGoals = map[string]Goals{
	"campus_50plus":  goalsOf(GoalJob, GoalTrain, GoalStartup, GoalDigital, GoalSocial, GoalLife),
	"center_50plus":  goalsOf(GoalJob, GoalDigital, GoalSocial, GoalLife),
	"tech_institute": goalsOf(GoalTrain, GoalJob),
	"polytech":       goalsOf(GoalTrain, GoalJob),
	"women_center":   goalsOf(GoalTrain, GoalJob, GoalStartup),
	"job_center":     goalsOf(GoalJob, GoalSocial),
	"digital_center": goalsOf(GoalDigital),
	"citizen_univ":   goalsOf(GoalLife),
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

// match returns the union of the fields and goals of the words in text,
// which must be folded (AppendFold).
func (ix keywordIndex) match(text []byte) (fieldSet, Goals) {
	var fs fieldSet
	var gs Goals
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRune(text[i:])
		for _, k := range ix[r] {
			if !hasPrefixAt(text, i, k.Word) {
				continue
			}
			if isLatinWord(k.Word) && (isLatinAt(text, i-1) || isLatinAt(text, i+len(k.Word))) {
				continue
			}
			if k.Field.Valid() {
				fs |= fieldsOf(k.Field)
			}
			gs = gs.With(k.Goal)
		}
		i += n
	}
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
	fieldIndex = newKeywordIndex(func(ix keywordIndex) {
		for _, t := range fieldWords {
			ix.add(FieldKeywords(t.field, 1, t.words...)...)
		}
	})
	socialJobIndex = newKeywordIndex(func(ix keywordIndex) {
		ix.add(GoalKeywords(GoalSocial, socialJobWords...)...)
	})
)

// newKeywordIndex returns the index fill builds.
func newKeywordIndex(fill func(keywordIndex)) keywordIndex {
	ix := keywordIndex{}
	fill(ix)
	return ix
}
