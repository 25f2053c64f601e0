package dialogs

import (
	"strings"
	"testing"
	"unicode"

	"github.com/dasi-seoul/dasi/data"
)

func TestReasonText(t *testing.T) {
	eunpyeong := data.DistrictByName("은평구")
	tests := []struct {
		name string
		r    data.Reason
		want string
	}{
		{"goal", data.Reason{Kind: data.ReasonGoal, Goal: data.GoalDigital}, "디지털 목표"},
		{"social goal", data.Reason{Kind: data.ReasonGoal, Goal: data.GoalSocial}, "사회공헌 목표"},
		{"two goals", data.Reason{Kind: data.ReasonGoal, Goal: data.GoalJob, Goals: data.Goals(0).With(data.GoalJob).With(data.GoalDigital)}, "재취업·디지털 목표"},
		{"field", data.Reason{Kind: data.ReasonField, Field: data.FieldFinance}, "회계·금융 경력 살리기"},
		{"no experience", data.Reason{Kind: data.ReasonField, Field: data.FieldNone}, "경력 없어도 괜찮음"},
		// A distance says where it is measured from: the district's point
		// near its 구청, or the location the resident sent.
		{"distance from the district", data.Reason{Kind: data.ReasonDistance, Meters: 1234, District: eunpyeong}, "은평구청에서 1.2km"},
		{"distance from a location", data.Reason{Kind: data.ReasonDistance, Meters: 963, FromLocation: true, District: eunpyeong}, "보내 주신 위치에서 960m"},
		{"very near", data.Reason{Kind: data.ReasonDistance, Meters: 0, FromLocation: true}, "보내 주신 위치에서 100m 이내"},
		{"whole kilometres", data.Reason{Kind: data.ReasonDistance, Meters: 2960, District: eunpyeong}, "은평구청에서 3km"},
		{"far", data.Reason{Kind: data.ReasonDistance, Meters: 15282, District: eunpyeong}, "은평구청에서 15km"},
		{"to a place known by its district's point", data.Reason{Kind: data.ReasonDistance, Meters: 4875, District: eunpyeong, Approx: true}, "은평구청에서 약 4.9km"},
		{"in the district", data.Reason{Kind: data.ReasonDistrict, District: eunpyeong}, "사시는 은평구"},
		{"online", data.Reason{Kind: data.ReasonOnline}, "집에서 온라인 참여"},
		{"ages", data.Reason{Kind: data.ReasonAges, MinAge: 40, MaxAge: 64}, "만 40~64세 대상"},
		{"lower bound", data.Reason{Kind: data.ReasonAges, MinAge: 50}, "만 50세 이상 대상"},
		{"upper bound", data.Reason{Kind: data.ReasonAges, MaxAge: 64}, "만 64세 이하 대상"},
		{"age check", data.Reason{Kind: data.ReasonAgeCheck, MinAge: 47, MaxAge: 60}, "나이 조건 확인 필요"},
		{"deadline today", data.Reason{Kind: data.ReasonDeadline, Date: 20260726, Days: 0}, "오늘 마감"},
		{"deadline tomorrow", data.Reason{Kind: data.ReasonDeadline, Date: 20260727, Days: 1}, "내일 마감"},
		{"deadline", data.Reason{Kind: data.ReasonDeadline, Date: 20260804, Days: 9}, "8월 4일 마감"},
		{"opens", data.Reason{Kind: data.ReasonOpensSoon, Date: 20260818, Days: 23}, "8월 18일부터 신청"},
		{"free", data.Reason{Kind: data.ReasonFree}, "무료"},
		{"job open until filled", data.Reason{Kind: data.ReasonAlwaysOpen}, "상시 모집"},
		{"program without dates", data.Reason{Kind: data.ReasonScheduleCheck}, "신청 일정 확인 필요"},
		{"between rounds", data.Reason{Kind: data.ReasonBetweenRounds, Date: 20260304}, "지난 모집 3월 4일 마감, 다음 모집은 공고 전"},
		{"between rounds, no date", data.Reason{Kind: data.ReasonBetweenRounds}, "지난 모집 마감, 다음 모집은 공고 전"},
		{"residence", data.Reason{Kind: data.ReasonResidence, District: eunpyeong}, "은평구 주민 대상"},
		{"place kind", data.Reason{Kind: data.ReasonPlaceKind, PlaceKind: "tech_institute"}, "기술교육원"},
		{"unknown place kind", data.Reason{Kind: data.ReasonPlaceKind, PlaceKind: "museum"}, "배움·일자리 기관"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReasonText(tt.r); got != tt.want {
				t.Errorf("ReasonText(%+v) = %q, want %q", tt.r, got, tt.want)
			}
		})
	}
}

// TestReasonTextBrowsing: a resident who refused the consent chose a
// district to look at, not said where they live, and gave no age.
func TestReasonTextBrowsing(t *testing.T) {
	eunpyeong := data.DistrictByName("은평구")
	tests := []struct {
		r    data.Reason
		want string
	}{
		{data.Reason{Kind: data.ReasonDistrict, District: eunpyeong}, "은평구에 있음"},
		{data.Reason{Kind: data.ReasonAgeCheck, MinAge: 40, MaxAge: 64}, "만 40~64세 대상"},
		{data.Reason{Kind: data.ReasonAgeCheck, MinAge: 50}, "만 50세 이상 대상"},
		{data.Reason{Kind: data.ReasonAgeCheck}, "나이 조건 확인 필요"},
		{data.Reason{Kind: data.ReasonDistance, Meters: 1234, District: eunpyeong}, "은평구청에서 1.2km"},
	}
	for _, tt := range tests {
		if got := reasonText(tt.r, true); got != tt.want {
			t.Errorf("reasonText(%+v, browsing) = %q, want %q", tt.r, got, tt.want)
		}
	}
	rs := []data.Reason{{Kind: data.ReasonGoal, Goal: data.GoalJob}, {Kind: data.ReasonDistrict, District: eunpyeong}, {Kind: data.ReasonFree}}
	if got, want := reasonLine(rs, false), "재취업 목표 · 사시는 은평구 · 무료"; got != want {
		t.Errorf("reasonLine = %q, want %q", got, want)
	}
}

// TestReasonTextAlwaysKorean renders every kind with every goal, field and
// district, and with nothing set: a resident never reads an empty phrase,
// English, or a formatting error.
func TestReasonTextAlwaysKorean(t *testing.T) {
	var rs []data.Reason
	for k := data.ReasonKind(0); k <= data.ReasonBetweenRounds+1; k++ {
		rs = append(rs, data.Reason{Kind: k})
		for _, g := range data.AllGoals {
			rs = append(rs, data.Reason{Kind: k, Goal: g})
		}
		for _, f := range data.Fields {
			rs = append(rs, data.Reason{Kind: k, Field: f})
		}
		for _, d := range data.Districts() {
			rs = append(rs, data.Reason{Kind: k, District: d, Meters: 4321, Date: 20261231, Days: 5, MinAge: 40, MaxAge: 64})
		}
		for kind := range placeKindText {
			rs = append(rs, data.Reason{Kind: k, PlaceKind: kind})
		}
	}
	texts := ReasonTexts(rs)
	if len(texts) != len(rs) {
		t.Fatalf("%d texts for %d reasons", len(texts), len(rs))
	}
	for _, r := range rs {
		texts = append(texts, reasonText(r, true))
	}
	rs = append(rs, rs...)
	for i, s := range texts {
		if s == "" || strings.Contains(s, "%!") {
			t.Errorf("%+v: %q", rs[i], s)
		}
		// "IT" is part of the field label "IT·디지털" residents pick.
		rest := strings.NewReplacer("km", "", "m", "", "IT", "").Replace(s)
		if strings.IndexFunc(rest, func(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }) >= 0 {
			t.Errorf("%+v: %q has Latin letters", rs[i], s)
		}
	}
}
