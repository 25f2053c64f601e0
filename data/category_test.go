package data

import "testing"

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
		c, g := Classify(tt.faculty, tt.title)
		if c != tt.category || g != tt.goals {
			t.Errorf("Classify(%q, %q) = %q %v; want %q %v", tt.faculty, tt.title, c, g.List(), tt.category, tt.goals.List())
		}
	}
}
