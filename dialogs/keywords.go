package dialogs

import (
	"slices"
	"sort"

	"github.com/dasi-seoul/dasi/data"
)

// The weights of field words (data.Keyword.Weight).
const (
	generic      = 1 // also said of other work: "사무", "상담"
	specific     = 2 // names the field: "경리", "요양"
	unmistakable = 3 // names nothing else, and wins over the rest: "요양보호사"
)

// fieldWords are words that name field f with the given weight.
func fieldWords(f data.Field, weight int, words ...string) []data.Keyword {
	return data.FieldKeywords(f, weight, words...)
}

// goalWords are words that name goal g.
func goalWords(g data.Goal, words ...string) []data.Keyword {
	return data.GoalKeywords(g, words...)
}

// keywords is the dictionary; data.FieldKeywords and data.GoalKeywords fold its words.
var keywords = slices.Concat(
	fieldWords(data.FieldOffice, specific, "사무직", "행정", "총무", "서무", "비서", "공무원", "경영지원"),
	fieldWords(data.FieldOffice, generic, "사무", "인사", "기획", "문서"),
	fieldWords(data.FieldFinance, specific, "회계", "경리", "세무", "금융", "은행", "보험", "재무", "증권", "출납"),
	fieldWords(data.FieldSales, specific, "영업", "판매", "마케팅", "콜센터", "텔레마케"),
	fieldWords(data.FieldSales, generic, "상담", "매장", "고객", "유통", "무역"),
	fieldWords(data.FieldManufacturing, specific, "생산", "제조", "공장", "용접", "조립", "금형", "봉제"),
	fieldWords(data.FieldManufacturing, generic, "기계", "품질", "가공"),
	fieldWords(data.FieldConstruction, unmistakable, "시설관리"),
	fieldWords(data.FieldConstruction, specific, "건설", "건축", "목수", "인테리어", "설비", "배관", "토목", "도배", "보일러"),
	fieldWords(data.FieldConstruction, generic, "시설", "전기", "현장"),
	fieldWords(data.FieldIT, specific, "it", "아이티", "전산", "개발자", "프로그래머", "소프트웨어", "네트워크", "정보통신"),
	fieldWords(data.FieldIT, generic, "컴퓨터"),
	fieldWords(data.FieldCare, unmistakable, "요양보호사", "사회복지"),
	fieldWords(data.FieldCare, specific, "돌봄", "돌보", "요양", "간호", "간병", "보건", "복지", "의료", "보육", "어린이집"),
	fieldWords(data.FieldCare, generic, "병원"),
	fieldWords(data.FieldEducation, specific, "강사", "교사", "선생", "학원", "교수", "가르치", "과외"),
	fieldWords(data.FieldDriving, specific, "운전", "물류", "택시", "버스", "배송", "택배", "화물", "배달", "운송", "트럭"),
	fieldWords(data.FieldDriving, generic, "창고"),
	fieldWords(data.FieldFoodService, specific, "음식", "요리", "조리", "식당", "주방", "카페", "외식", "제과", "제빵", "바리스타"),
	fieldWords(data.FieldFoodService, generic, "호텔", "서비스"),
	fieldWords(data.FieldSecurity, unmistakable, "환경미화"),
	fieldWords(data.FieldSecurity, specific, "경비", "청소", "미화"),
	fieldWords(data.FieldSecurity, generic, "보안", "방역", "주차"),
	fieldWords(data.FieldSelfEmployed, unmistakable, "자영업"),
	fieldWords(data.FieldSelfEmployed, specific, "가게", "장사", "사장", "소상공인", "프랜차이즈"),
	fieldWords(data.FieldSelfEmployed, generic, "사업"),
	fieldWords(data.FieldNone, unmistakable, "경력없", "경력이없", "일해본적없", "주부"),
	fieldWords(data.FieldNone, specific, "신입"),
	// Words that name a field at the field question and a goal elsewhere.
	[]data.Keyword{
		{Word: "디지털", Field: data.FieldIT, Goal: data.GoalDigital, Weight: generic},
		{Word: "교육", Field: data.FieldEducation, Goal: data.GoalTrain, Weight: generic},
		{Word: "창업", Field: data.FieldSelfEmployed, Goal: data.GoalStartup, Weight: generic},
	},
	goalWords(data.GoalJob, "재취업", "취업", "취직", "구직", "일자리", "직장"),
	goalWords(data.GoalTrain, "직업훈련", "훈련", "자격증", "기술배우"),
	goalWords(data.GoalStartup, "창직"),
	goalWords(data.GoalDigital, "ai", "인공지능", "스마트폰", "키오스크"),
	goalWords(data.GoalSocial, "사회공헌", "가치동행", "보람일자리", "봉사", "공익"),
	goalWords(data.GoalLife, "인생설계", "노후", "은퇴", "인생"),
)

// keywordsByLength is keywords, longest word first, so that a long keyword
// claims its letters before a short one inside it can.
var keywordsByLength = func() []data.Keyword {
	k := slices.Clone(keywords)
	sort.SliceStable(k, func(i, j int) bool { return len(k[i].Word) > len(k[j].Word) })
	return k
}()
