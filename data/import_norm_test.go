package data

import "testing"

func TestNormalizeWage(t *testing.T) {
	for in, want := range map[string]string{
		"시급 / 10320원 ":    "시급 10,320원",
		"월급 / 2,300,000원": "월급 2,300,000원",
		"연봉 / 3600만원":     "연봉 3600만원",
		"회사내규에 따름":        "회사내규에 따름",
		"  일급 /  95000원 ": "일급 95,000원",
	} {
		if got := normalizeWage(in); got != want {
			t.Errorf("normalizeWage(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeAddress(t *testing.T) {
	for in, want := range map[string]string{
		"서울 도봉구802호":        "서울 도봉구 802호",
		"서울 동대문구.":          "서울 동대문구",
		"서울특별시 은평구 통일로 684": "서울특별시 은평구 통일로 684",
		"경기 군포시 고산로 589":    "경기 군포시 고산로 589",
		"서울 중구(을지로)":        "서울 중구(을지로)",
	} {
		if got := normalizeAddress(in); got != want {
			t.Errorf("normalizeAddress(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFindDate(t *testing.T) {
	for in, want := range map[string]Date{
		"마감일 (2026-09-26)": 20260926,
		"20260920":         20260920,
		"2026.08.04(화)":    20260804,
		"채용시까지":            0,
		"":                 0,
	} {
		got, err := findDate(in)
		if err != nil || got != want {
			t.Errorf("findDate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"마감일 (2026-02-30)", "2026-13-01"} {
		if _, err := findDate(in); err == nil {
			t.Errorf("findDate(%q): no error", in)
		}
	}
}

func TestParseYYMMDD(t *testing.T) {
	if d, err := parseYYMMDD("260804"); err != nil || d != 20260804 {
		t.Errorf("260804 = %v, %v", d, err)
	}
	for _, in := range []string{"26084", "2608040", "261340", "26-8-4"} {
		if _, err := parseYYMMDD(in); err == nil {
			t.Errorf("parseYYMMDD(%q): no error", in)
		}
	}
}

func TestClassifyFacultyVariants(t *testing.T) {
	tests := []struct {
		faculty, title string
		category       string
		goals          Goals
	}{
		{"인생설계", "[여가] 수채화", "인생설계", goalsOf(GoalLife)},
		{"인생설계교육사업", "글쓰기", "인생설계", goalsOf(GoalLife)},
		{"인생설계 교육사업", "글쓰기", "인생설계", goalsOf(GoalLife)},
		{"인생설계 ", "글쓰기", "인생설계", goalsOf(GoalLife)},
		{"일·활동", "청소 매니저 양성과정", "일활동", goalsOf(GoalJob, GoalTrain)},
		{"일활동지원사업", "모임", "일활동", goalsOf(GoalJob, GoalTrain)},
		{"4050직업역량교육", "회계 실무", "직업역량강화", goalsOf(GoalJob, GoalTrain)},
		{"노후지원사업", "상담", "노후준비", goalsOf(GoalLife)},
		{"디지털기본", "스마트폰 첫걸음", "디지털기본", goalsOf(GoalDigital)},
		{"AI(중급)", "생성형 AI", "AI(중급)", goalsOf(GoalDigital)},
		{"공모사업", "[창업초보자학교] 내 가게 열기", "공모사업", goalsOf(GoalStartup)},
		{"", "[재무] 연금 월급 만들기", "노후준비", goalsOf(GoalLife)},
		{"", "가치동행일자리 참여자 모집", "", goalsOf(GoalSocial)},
		{"당사자주도", "펜으로 그리는 수채화", "당사자주도", 0},
	}
	for _, tt := range tests {
		c, g := classify(tt.faculty, tt.title)
		if c != tt.category || g != tt.goals {
			t.Errorf("classify(%q, %q) = %q %v; want %q %v", tt.faculty, tt.title, c, g.List(), tt.category, tt.goals.List())
		}
	}
}
