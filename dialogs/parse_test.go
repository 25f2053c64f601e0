package dialogs

import (
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

func TestParseAnswer(t *testing.T) {
	today := data.NewDate(2026, 7, 26)
	g := func(gs ...data.Goal) data.Goals {
		var s data.Goals
		for _, x := range gs {
			s = s.With(x)
		}
		return s
	}
	tests := []struct {
		text string
		ctx  asking
		want answer
	}{
		// Ages, in every way a resident writes them.
		{"52", ctxAge, answer{age: data.Age50to54}},
		{"52세", ctxAge, answer{age: data.Age50to54}},
		{"52세", ctxOther, answer{age: data.Age50to54}},
		{"만 52세", ctxAge, answer{age: data.Age50to54}},
		{"52살이에요", ctxAge, answer{age: data.Age50to54}},
		{"52요", ctxAge, answer{age: data.Age50to54}},
		{"1972", ctxAge, answer{age: data.Age50to54}},
		{"1972", ctxOther, answer{age: data.Age50to54}},
		{"1972년생", ctxOther, answer{age: data.Age50to54}},
		{"1972년생이에요", ctxOther, answer{age: data.Age50to54}},
		{"72년생", ctxOther, answer{age: data.Age50to54}},
		{"72년 생", ctxOther, answer{age: data.Age50to54}},
		{"1966년", ctxAge, answer{age: data.Age60to64}},
		{"오십이세", ctxAge, answer{age: data.Age50to54}},
		{"쉰두 살", ctxAge, answer{age: data.Age50to54}},
		{"쉰다섯", ctxAge, answer{age: data.Age55to59}},
		{"예순", ctxAge, answer{age: data.Age60to64}},
		{"마흔이요", ctxAge, answer{age: data.Age40to44}},
		{"38", ctxAge, answer{age: data.AgeUnder40}},
		{"45", ctxAge, answer{age: data.Age45to49}},
		{"70세", ctxAge, answer{age: data.Age65Plus}},
		{"200", ctxAge, answer{}},
		{"0", ctxAge, answer{}},
		// Decades: the half is asked unless it is said.
		{"50대", ctxAge, answer{decade: 5}},
		{"오십대", ctxAge, answer{decade: 5}},
		{"사십대요", ctxAge, answer{decade: 4}},
		{"60대", ctxAge, answer{decade: 6}},
		{"50대 초반", ctxAge, answer{age: data.Age50to54}},
		{"50대 후반", ctxAge, answer{age: data.Age55to59}},
		{"오십대 후반이에요", ctxAge, answer{age: data.Age55to59}},
		{"30대", ctxAge, answer{age: data.AgeUnder40}},
		{"70대", ctxAge, answer{age: data.Age65Plus}},
		// Bare numbers mean years at the experience questions.
		{"20", ctxYears, answer{years: data.Years20Plus}},
		{"3", ctxYears, answer{years: data.YearsUnder5}},
		{"20", ctxGoals, answer{}},
		{"20년", ctxAge, answer{years: data.Years20Plus}},
		{"20년 넘게", ctxYears, answer{years: data.Years20Plus}},
		{"이십년", ctxYears, answer{years: data.Years20Plus}},
		{"이십 년", ctxYears, answer{years: data.Years20Plus}},
		{"십년", ctxYears, answer{years: data.Years10to20}},
		{"오년", ctxYears, answer{years: data.Years5to10}},
		{"5년 미만", ctxYears, answer{years: data.YearsUnder5}},
		{"10년 안 됐어요", ctxYears, answer{years: data.Years5to10}},
		{"6개월", ctxYears, answer{years: data.YearsUnder5}},
		{"15년쯤", ctxYears, answer{years: data.Years10to20}},
		// Fields, with years in the same words.
		{"회계 사무 20년", ctxField, answer{field: data.FieldFinance, years: data.Years20Plus}},
		{"회계사무20년", ctxField, answer{field: data.FieldFinance, years: data.Years20Plus}},
		{"사무직", ctxField, answer{field: data.FieldOffice}},
		{"경리 일을 오래 했어요", ctxField, answer{field: data.FieldFinance}},
		{"요양보호사 5년", ctxField, answer{field: data.FieldCare, years: data.Years5to10}},
		{"택시 운전 10년 넘게", ctxField, answer{field: data.FieldDriving, years: data.Years10to20}},
		{"경력 없음", ctxField, answer{field: data.FieldNone}},
		{"전업 주부였어요", ctxField, answer{field: data.FieldNone}},
		{"IT·디지털", ctxField, answer{field: data.FieldIT}},
		{"디지털", ctxField, answer{field: data.FieldIT}},
		{"창업", ctxField, answer{field: data.FieldSelfEmployed}},
		// A generic word alone does not name a field away from its question.
		{"취업 상담", ctxGoals, answer{goals: g(data.GoalJob)}},
		// Goals.
		{"디지털", ctxGoals, answer{goals: g(data.GoalDigital)}},
		{"재취업", ctxGoals, answer{goals: g(data.GoalJob)}},
		{"재취업 디지털", ctxGoals, answer{goals: g(data.GoalJob, data.GoalDigital)}},
		{"보람일자리", ctxGoals, answer{goals: g(data.GoalSocial)}},
		{"직업훈련·자격증", ctxGoals, answer{goals: g(data.GoalTrain)}},
		{"창업이랑 노후 준비", ctxGoals, answer{goals: g(data.GoalStartup, data.GoalLife)}},
		{"취업 창업 디지털 노후", ctxGoals, answer{goals: g(data.GoalJob, data.GoalStartup, data.GoalDigital)}},
		// Districts.
		{"은평", ctxDistrict, answer{district: 12}},
		{"은평구", ctxDistrict, answer{district: 12}},
		{"서울 은평구", ctxDistrict, answer{district: 12}},
		{"서울시 은평구 녹번동", ctxDistrict, answer{district: 12}},
		{"Eunpyeong", ctxDistrict, answer{district: 12}},
		{"eunpyeong-gu", ctxDistrict, answer{district: 12}},
		{"은평에 살아요", ctxDistrict, answer{district: 12}},
		{"중구", ctxDistrict, answer{district: 2}},
		{"준비 중이에요", ctxDistrict, answer{}},
		{"동대문구요", ctxDistrict, answer{district: 6}},
		// Everything at once.
		{"52세 회계 사무 20년 은평구", ctxAge, answer{age: data.Age50to54, field: data.FieldFinance, years: data.Years20Plus, district: 12}},
		{"1972년생 경리 이십년 재취업 마포구", ctxAge, answer{age: data.Age50to54, field: data.FieldFinance, years: data.Years20Plus, goals: g(data.GoalJob), district: 14}},
		{"저는 58살이고 은평구 살아요 경리 20년 넘게 했어요 재취업이랑 디지털 배우고 싶어요", ctxAge,
			answer{age: data.Age55to59, field: data.FieldFinance, years: data.Years20Plus, goals: g(data.GoalJob, data.GoalDigital), district: 12}},
		{"1972년생 경리 이십년 넘게 했고 은평구 살아요", ctxAge, answer{age: data.Age50to54, field: data.FieldFinance, years: data.Years20Plus, district: 12}},
		{"오십대 후반인데 은평구로 바꿀게요", ctxOther, answer{age: data.Age55to59, district: 12}},
		// Written after the corpus, to see that the readings carry over.
		{"올해로 쉰여덟", ctxAge, answer{age: data.Age55to59}},
		{"68년생 원숭이띠", ctxAge, answer{age: data.Age55to59}},
		{"2020년에 정년퇴직했어요 지금 66세", ctxAge, answer{age: data.Age65Plus}},
		{"딸이 90년생이고 저는 64년생", ctxAge, answer{age: data.Age60to64}},
		{"1985년에 결혼했어요", ctxAge, answer{}},
		{"곧 쉰이에요", ctxAge, answer{age: data.Age45to49}},
		{"중학교 영어 선생님 25년 했어요", ctxField, answer{field: data.FieldEducation, years: data.Years20Plus}},
		{"우체국 집배원 20년", ctxField, answer{field: data.FieldDriving, years: data.Years20Plus}},
		{"옷가게 운영 8년", ctxField, answer{field: data.FieldSelfEmployed, years: data.Years5to10}},
		{"작은 가게 하나 하고 싶어요", ctxGoals, answer{goals: g(data.GoalStartup)}},
		{"자격증 따서 취업하고 싶어요", ctxGoals, answer{goals: g(data.GoalJob, data.GoalTrain)}},
		{"택시 운전 하고 싶어요", ctxGoals, answer{goals: g(data.GoalJob)}},
		{"성북구 정릉동", ctxDistrict, answer{district: district("성북구")}},
		{"용인 살아요", ctxDistrict, answer{outside: true}},
		{"나이를 55로 바꿔 주세요", ctxOther, answer{age: data.Age55to59}},
		{"61살이고 72년생이에요", ctxAge, answer{confirm: data.Age60to64, confirmAge: 61}},
		{"환갑 지났어요", ctxAge, answer{span: data.Age60to64}},
		{"지금은 마포 사는데 다음 달에 은평으로 이사 가요", ctxDistrict, answer{district: district("마포구"), other: district("은평구")}},
		// Nothing at all.
		{"안녕하세요", ctxAge, answer{}},
		{"50플러스 캠퍼스", ctxAge, answer{}},
		{"어서 오세요", ctxAge, answer{}},
		{"사무실", ctxAge, answer{}},
		{"\xff\xfe", ctxAge, answer{}},
		{"", ctxAge, answer{}},
	}
	for _, tt := range tests {
		got := parseAnswer(tt.text, tt.ctx, today)
		if got != tt.want {
			t.Errorf("parseAnswer(%q, ctx %d) = %+v, want %+v", tt.text, tt.ctx, got, tt.want)
		}
	}
}

func TestParseAnswerBirthYearNeedsToday(t *testing.T) {
	if got := parseAnswer("1972년생", ctxAge, 0); got.age != 0 {
		t.Errorf("without today, 1972년생 gave %v; want no age", got.age)
	}
}
