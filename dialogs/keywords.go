package dialogs

import (
	"slices"
	"sort"

	"github.com/dasi-seoul/dasi/data"
)

// The weights of field words (data.Keyword.Weight).
const (
	generic      = 1 // also said of other work: "인사", "상담"
	specific     = 2 // names the field: "경리", "요양"
	unmistakable = 3 // names nothing else, and wins over the rest: "요양보호사"
)

// wordKind says how a dictionary word is read beyond its field or goal.
type wordKind uint8

const (
	kindPlain     wordKind = iota
	kindWeakJob            // a hint of paid work ("일", "용돈") that counts only when no goal is said
	kindWishJob            // wanting to work ("일하고", "돈 벌고"): the job goal in a wish only
	kindLearnable          // a thing to learn (컴퓨터): its goal only when it is to be learnt
	kindLearn              // learning itself ("배우는 거"): training, unless what is learnt is digital
)

// entry is one word of the dictionary.
type entry struct {
	k    data.Keyword
	kind wordKind
}

// fieldWords are words that name field f with the given weight.
func fieldWords(f data.Field, weight int, words ...string) []entry {
	return entries(kindPlain, data.FieldKeywords(f, weight, words...))
}

// goalWords are words that name goal g.
func goalWords(g data.Goal, words ...string) []entry {
	return entries(kindPlain, data.GoalKeywords(g, words...))
}

func entries(kind wordKind, ks []data.Keyword) []entry {
	es := make([]entry, len(ks))
	for i, k := range ks {
		es[i] = entry{k: k, kind: kind}
	}
	return es
}

// keywords is the dictionary; data.FieldKeywords and data.GoalKeywords fold
// its words, so that "전기 기사" is found as "전기기사". Where a counsellor
// would decide a close call, the dictionary does as they do: 경리 is
// 회계·금융, 보험 설계사 영업, 미용사 a service trade, 배달 운전·물류, 관리소장
// 시설관리, 식당 운영 and 치킨집 자영업 (the owner), 식당 주방 음식 (the cook).
var keywords = slices.Concat(
	fieldWords(data.FieldOffice, specific, "사무직", "행정", "총무", "서무", "비서", "공무원", "경영지원"),
	fieldWords(data.FieldOffice, generic, "사무", "인사", "기획", "문서"),
	fieldWords(data.FieldFinance, specific, "회계", "경리", "겅리", "세무", "금융", "은행", "재무", "증권", "출납"),
	fieldWords(data.FieldFinance, generic, "보험"),
	fieldWords(data.FieldSales, unmistakable, "설계사", "보험영업"),
	fieldWords(data.FieldSales, specific, "영업", "판매", "마케팅", "콜센터", "텔레마케", "계산원", "캐셔"),
	fieldWords(data.FieldSales, generic, "상담", "매장", "고객", "유통", "마트"),
	fieldWords(data.FieldManufacturing, specific, "생산", "제조", "공장", "용접", "조립", "금형", "봉제", "미싱"),
	fieldWords(data.FieldManufacturing, generic, "기계", "품질", "가공"),
	fieldWords(data.FieldConstruction, unmistakable, "시설관리", "관리소장", "관리사무소", "전기기사"),
	fieldWords(data.FieldConstruction, specific, "건설", "건축", "목수", "인테리어", "설비", "배관", "토목", "도배", "보일러", "노가다", "미장", "건물관리"),
	fieldWords(data.FieldConstruction, generic, "시설", "전기", "현장"),
	fieldWords(data.FieldIT, unmistakable, "웹디자인", "웹디자이너"),
	fieldWords(data.FieldIT, specific, "it", "아이티", "전산", "개발자", "개발", "프로그래머", "소프트웨어", "네트워크", "정보통신"),
	fieldWords(data.FieldCare, unmistakable, "요양보호사", "사회복지"),
	fieldWords(data.FieldCare, specific, "돌봄", "돌보", "요양", "간호", "간병", "보건", "복지", "의료", "보육", "어린이집"),
	fieldWords(data.FieldCare, generic, "병원"),
	fieldWords(data.FieldEducation, specific, "강사", "교사", "선생", "학원", "교수", "가르치", "과외"),
	fieldWords(data.FieldDriving, specific, "운전", "물류", "택시", "버스", "배송", "택배", "화물", "배달", "운송", "트럭", "지게차", "집배원"),
	fieldWords(data.FieldDriving, generic, "창고"),
	fieldWords(data.FieldFoodService, specific, "음식", "요리", "조리", "식당", "주방", "카페", "외식", "제과", "제빵", "바리스타", "급식", "서빙", "미용"),
	fieldWords(data.FieldFoodService, generic, "호텔", "서비스"),
	fieldWords(data.FieldSecurity, unmistakable, "환경미화"),
	fieldWords(data.FieldSecurity, specific, "경비", "청소", "미화"),
	fieldWords(data.FieldSecurity, generic, "보안", "방역", "주차"),
	fieldWords(data.FieldSelfEmployed, unmistakable, "자영업", "운영", "치킨집", "접었"),
	fieldWords(data.FieldSelfEmployed, specific, "가게", "장사", "사장", "소상공인", "프랜차이즈", "편의점"),
	fieldWords(data.FieldSelfEmployed, generic, "사업"),
	fieldWords(data.FieldNone, unmistakable, "경력없", "경력이없", "일해본적없", "주부", "살림"),
	fieldWords(data.FieldNone, specific, "신입"),
	// Words that name a field at the field question and a goal elsewhere.
	[]entry{
		{k: data.Keyword{Word: "디지털", Field: data.FieldIT, Goal: data.GoalDigital, Weight: generic}},
		{k: data.Keyword{Word: "교육", Field: data.FieldEducation, Goal: data.GoalTrain, Weight: generic}},
		{k: data.Keyword{Word: "창업", Field: data.FieldSelfEmployed, Goal: data.GoalStartup, Weight: generic}},
		{k: data.Keyword{Word: "컴퓨터", Field: data.FieldIT, Goal: data.GoalDigital, Weight: generic}, kind: kindLearnable},
	},
	goalWords(data.GoalJob, "재취업", "취업", "취직", "구직", "일자리", "직장", "일거리", "소일거리", "아르바이트", "알바"),
	entries(kindWishJob, data.GoalKeywords(data.GoalJob, "일하", "일해", "일할", "돈벌", "돈도벌", "돈을벌", "생활비")),
	entries(kindWeakJob, data.GoalKeywords(data.GoalJob, "일", "용돈", "용돈벌")),
	goalWords(data.GoalTrain, "직업훈련", "훈련", "자격증", "자격", "기술배우", "시험준비"),
	entries(kindLearn, data.GoalKeywords(data.GoalTrain, "배우는거", "배우고싶", "배울")),
	goalWords(data.GoalStartup, "창직", "내사업", "내가게", "차리", "차릴"),
	goalWords(data.GoalDigital, "ai", "인공지능", "스마트폰", "핸드폰", "휴대폰", "키오스크", "유튜브", "엑셀", "챗gpt", "gpt", "챗지피티", "인터넷"),
	goalWords(data.GoalSocial, "사회공헌", "가치동행", "가치동행일자리", "사회공헌일자리", "보람일자리", "봉사", "공익", "보람"),
	goalWords(data.GoalLife, "인생설계", "노후", "은퇴", "인생", "이모작", "재무설계", "뭘할지", "뭐할지", "제2의"),
)

// dictionary is keywords, longest word first, so that a long keyword
// claims its letters before a short one inside it can.
var dictionary = func() []entry {
	k := slices.Clone(keywords)
	sort.SliceStable(k, func(i, j int) bool { return len(k[i].k.Word) > len(k[j].k.Word) })
	return k
}()
