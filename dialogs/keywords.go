package dialogs

import (
	"sort"

	"github.com/dasi-seoul/dasi/data"
)

// keyword is one word of the dictionary that reads fields and goals from
// typed text. A keyword with both a field and a goal is ambiguous: at the
// field question it names the field, elsewhere the goal ("디지털" is IT
// experience when asked about experience, and the digital goal otherwise).
type keyword struct {
	word   string // folded: lower case, no spacing
	field  data.Field
	goal   data.Goal
	weight int // how surely the word names its field: 1 generic, 2 specific, 3 unmistakable
}

// keywords is the dictionary. Words are folded (see fold): no spaces.
var keywords = []keyword{
	// 사무·행정
	{word: "사무", field: data.FieldOffice, weight: 1},
	{word: "사무직", field: data.FieldOffice, weight: 2},
	{word: "행정", field: data.FieldOffice, weight: 2},
	{word: "총무", field: data.FieldOffice, weight: 2},
	{word: "서무", field: data.FieldOffice, weight: 2},
	{word: "인사", field: data.FieldOffice, weight: 1},
	{word: "비서", field: data.FieldOffice, weight: 2},
	{word: "공무원", field: data.FieldOffice, weight: 2},
	{word: "경영지원", field: data.FieldOffice, weight: 2},
	{word: "기획", field: data.FieldOffice, weight: 1},
	{word: "문서", field: data.FieldOffice, weight: 1},
	// 회계·금융
	{word: "회계", field: data.FieldFinance, weight: 2},
	{word: "경리", field: data.FieldFinance, weight: 2},
	{word: "세무", field: data.FieldFinance, weight: 2},
	{word: "금융", field: data.FieldFinance, weight: 2},
	{word: "은행", field: data.FieldFinance, weight: 2},
	{word: "보험", field: data.FieldFinance, weight: 2},
	{word: "재무", field: data.FieldFinance, weight: 2},
	{word: "증권", field: data.FieldFinance, weight: 2},
	{word: "출납", field: data.FieldFinance, weight: 2},
	// 영업·판매·상담
	{word: "영업", field: data.FieldSales, weight: 2},
	{word: "판매", field: data.FieldSales, weight: 2},
	{word: "상담", field: data.FieldSales, weight: 1},
	{word: "마케팅", field: data.FieldSales, weight: 2},
	{word: "매장", field: data.FieldSales, weight: 1},
	{word: "고객", field: data.FieldSales, weight: 1},
	{word: "콜센터", field: data.FieldSales, weight: 2},
	{word: "텔레마케", field: data.FieldSales, weight: 2},
	{word: "유통", field: data.FieldSales, weight: 1},
	{word: "무역", field: data.FieldSales, weight: 1},
	// 생산·제조
	{word: "생산", field: data.FieldManufacturing, weight: 2},
	{word: "제조", field: data.FieldManufacturing, weight: 2},
	{word: "공장", field: data.FieldManufacturing, weight: 2},
	{word: "용접", field: data.FieldManufacturing, weight: 2},
	{word: "기계", field: data.FieldManufacturing, weight: 1},
	{word: "조립", field: data.FieldManufacturing, weight: 2},
	{word: "품질", field: data.FieldManufacturing, weight: 1},
	{word: "가공", field: data.FieldManufacturing, weight: 1},
	{word: "금형", field: data.FieldManufacturing, weight: 2},
	{word: "봉제", field: data.FieldManufacturing, weight: 2},
	// 건설·시설관리
	{word: "건설", field: data.FieldConstruction, weight: 2},
	{word: "건축", field: data.FieldConstruction, weight: 2},
	{word: "시설관리", field: data.FieldConstruction, weight: 3},
	{word: "시설", field: data.FieldConstruction, weight: 1},
	{word: "목수", field: data.FieldConstruction, weight: 2},
	{word: "인테리어", field: data.FieldConstruction, weight: 2},
	{word: "설비", field: data.FieldConstruction, weight: 2},
	{word: "전기", field: data.FieldConstruction, weight: 1},
	{word: "배관", field: data.FieldConstruction, weight: 2},
	{word: "토목", field: data.FieldConstruction, weight: 2},
	{word: "도배", field: data.FieldConstruction, weight: 2},
	{word: "보일러", field: data.FieldConstruction, weight: 2},
	{word: "현장", field: data.FieldConstruction, weight: 1},
	// IT·디지털
	{word: "it", field: data.FieldIT, weight: 2},
	{word: "아이티", field: data.FieldIT, weight: 2},
	{word: "전산", field: data.FieldIT, weight: 2},
	{word: "개발자", field: data.FieldIT, weight: 2},
	{word: "프로그래머", field: data.FieldIT, weight: 2},
	{word: "소프트웨어", field: data.FieldIT, weight: 2},
	{word: "네트워크", field: data.FieldIT, weight: 2},
	{word: "정보통신", field: data.FieldIT, weight: 2},
	{word: "컴퓨터", field: data.FieldIT, weight: 1},
	{word: "디지털", field: data.FieldIT, goal: data.GoalDigital, weight: 1},
	// 돌봄·보건·복지
	{word: "돌봄", field: data.FieldCare, weight: 2},
	{word: "돌보", field: data.FieldCare, weight: 2},
	{word: "요양", field: data.FieldCare, weight: 2},
	{word: "요양보호사", field: data.FieldCare, weight: 3},
	{word: "간호", field: data.FieldCare, weight: 2},
	{word: "간병", field: data.FieldCare, weight: 2},
	{word: "보건", field: data.FieldCare, weight: 2},
	{word: "복지", field: data.FieldCare, weight: 2},
	{word: "사회복지", field: data.FieldCare, weight: 3},
	{word: "의료", field: data.FieldCare, weight: 2},
	{word: "병원", field: data.FieldCare, weight: 1},
	{word: "보육", field: data.FieldCare, weight: 2},
	{word: "어린이집", field: data.FieldCare, weight: 2},
	// 교육·강사
	{word: "교육", field: data.FieldEducation, goal: data.GoalTrain, weight: 1},
	{word: "강사", field: data.FieldEducation, weight: 2},
	{word: "교사", field: data.FieldEducation, weight: 2},
	{word: "선생", field: data.FieldEducation, weight: 2},
	{word: "학원", field: data.FieldEducation, weight: 2},
	{word: "교수", field: data.FieldEducation, weight: 2},
	{word: "가르치", field: data.FieldEducation, weight: 2},
	{word: "과외", field: data.FieldEducation, weight: 2},
	// 운전·물류
	{word: "운전", field: data.FieldDriving, weight: 2},
	{word: "물류", field: data.FieldDriving, weight: 2},
	{word: "택시", field: data.FieldDriving, weight: 2},
	{word: "버스", field: data.FieldDriving, weight: 2},
	{word: "배송", field: data.FieldDriving, weight: 2},
	{word: "택배", field: data.FieldDriving, weight: 2},
	{word: "화물", field: data.FieldDriving, weight: 2},
	{word: "배달", field: data.FieldDriving, weight: 2},
	{word: "운송", field: data.FieldDriving, weight: 2},
	{word: "트럭", field: data.FieldDriving, weight: 2},
	{word: "창고", field: data.FieldDriving, weight: 1},
	// 음식·서비스
	{word: "음식", field: data.FieldFoodService, weight: 2},
	{word: "요리", field: data.FieldFoodService, weight: 2},
	{word: "조리", field: data.FieldFoodService, weight: 2},
	{word: "식당", field: data.FieldFoodService, weight: 2},
	{word: "주방", field: data.FieldFoodService, weight: 2},
	{word: "카페", field: data.FieldFoodService, weight: 2},
	{word: "외식", field: data.FieldFoodService, weight: 2},
	{word: "제과", field: data.FieldFoodService, weight: 2},
	{word: "제빵", field: data.FieldFoodService, weight: 2},
	{word: "바리스타", field: data.FieldFoodService, weight: 2},
	{word: "호텔", field: data.FieldFoodService, weight: 1},
	{word: "서비스", field: data.FieldFoodService, weight: 1},
	// 경비·청소
	{word: "경비", field: data.FieldSecurity, weight: 2},
	{word: "청소", field: data.FieldSecurity, weight: 2},
	{word: "미화", field: data.FieldSecurity, weight: 2},
	{word: "환경미화", field: data.FieldSecurity, weight: 3},
	{word: "보안", field: data.FieldSecurity, weight: 1},
	{word: "방역", field: data.FieldSecurity, weight: 1},
	{word: "주차", field: data.FieldSecurity, weight: 1},
	// 자영업·창업
	{word: "자영업", field: data.FieldSelfEmployed, weight: 3},
	{word: "가게", field: data.FieldSelfEmployed, weight: 2},
	{word: "장사", field: data.FieldSelfEmployed, weight: 2},
	{word: "사장", field: data.FieldSelfEmployed, weight: 2},
	{word: "소상공인", field: data.FieldSelfEmployed, weight: 2},
	{word: "프랜차이즈", field: data.FieldSelfEmployed, weight: 2},
	{word: "사업", field: data.FieldSelfEmployed, weight: 1},
	{word: "창업", field: data.FieldSelfEmployed, goal: data.GoalStartup, weight: 1},
	// 경력 없음
	{word: "경력없", field: data.FieldNone, weight: 3},
	{word: "경력이없", field: data.FieldNone, weight: 3},
	{word: "일해본적없", field: data.FieldNone, weight: 3},
	{word: "주부", field: data.FieldNone, weight: 3},
	{word: "신입", field: data.FieldNone, weight: 2},

	// Goals.
	{word: "재취업", goal: data.GoalJob},
	{word: "취업", goal: data.GoalJob},
	{word: "취직", goal: data.GoalJob},
	{word: "구직", goal: data.GoalJob},
	{word: "일자리", goal: data.GoalJob},
	{word: "직장", goal: data.GoalJob},
	{word: "직업훈련", goal: data.GoalTrain},
	{word: "훈련", goal: data.GoalTrain},
	{word: "자격증", goal: data.GoalTrain},
	{word: "기술배우", goal: data.GoalTrain},
	{word: "창직", goal: data.GoalStartup},
	{word: "ai", goal: data.GoalDigital},
	{word: "인공지능", goal: data.GoalDigital},
	{word: "스마트폰", goal: data.GoalDigital},
	{word: "키오스크", goal: data.GoalDigital},
	{word: "사회공헌", goal: data.GoalSocial},
	{word: "가치동행", goal: data.GoalSocial},
	{word: "보람일자리", goal: data.GoalSocial},
	{word: "봉사", goal: data.GoalSocial},
	{word: "공익", goal: data.GoalSocial},
	{word: "인생설계", goal: data.GoalLife},
	{word: "노후", goal: data.GoalLife},
	{word: "은퇴", goal: data.GoalLife},
	{word: "인생", goal: data.GoalLife},
}

// keywordsByLength is keywords, longest word first, so that a long keyword
// claims its letters before a short one inside it can.
var keywordsByLength = func() []keyword {
	k := append([]keyword(nil), keywords...)
	sort.SliceStable(k, func(i, j int) bool { return len(k[i].word) > len(k[j].word) })
	return k
}()
