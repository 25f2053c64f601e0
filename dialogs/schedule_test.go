package dialogs

import (
	"testing"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// TestCurrentSchedule holds the detail line to what a resident can act on:
// schedules from the seed catalog (data/seed/programs.csv) and imports,
// read in July and in November 2026.
func TestCurrentSchedule(t *testing.T) {
	july, november := data.NewDate(2026, 7, 26), data.NewDate(2026, 11, 20)
	tests := []struct {
		schedule string
		today    data.Date
		want     string
	}{
		// A past year ends what is shown, whatever follows it.
		{"2025년 9~10월 AI 활용·디지털 강사, 10~11월 AI 딥러닝 강사 (5주, 15명)", july, ""},
		{"2025년 하반기 시작, 직무 설계·경력 확장", july, ""},
		{"2023년 8~11월 3기 (기수별 25명, YDP미래평생학습관)", july, ""},
		// This year's months that have gone by are past too; those to come are not.
		{"2026년 3월 모집 20명, 8주 160시간 교육 뒤 약 7개월 현장 컨설팅", july, ""},
		{"2026년 재무설계(3월)·직업설계(3~4월) 과정별 20명 추첨", july, ""},
		{"2026년 2~12월 운영, 사업별 모집공고로 수시 선발", july, "2026년 2~12월 운영"},
		{"2026년 2~12월 운영, 사업별 모집공고로 수시 선발", data.NewDate(2027, 1, 5), ""},
		// A past parenthesis keeps the words before it.
		{"해마다 초에 공동 모집 (2026년 1차 2~3월), 약 7개월 활동, 월 최대 57시간", july, "해마다 초에 공동 모집"},
		{"상·하반기 모집 (2026년 상반기 1~2월 원서 접수, 면접 선발)", july, "상·하반기 모집"},
		{"입주기업 모집 때 신청 (2025년 하반기 신규 입주기업의 70% 안팎)", july, "입주기업 모집 때 신청"},
		{"상담·교육·체험 상시 (평일 오전 9시~오후 9시, 2023년 개관 때 기준)", july, "상담·교육·체험 상시"},
		{"해마다 2월 모집 (2026년 150명), 7개월 활동", july, "해마다 2월 모집 (2026년 150명), 7개월 활동"},
		{"해마다 2월 모집 (2026년 150명), 7개월 활동", data.NewDate(2027, 3, 1), "해마다 2월 모집"},
		// Months without a year come back every year; 개월 is no month.
		{"동절기(11~2월) 오전 9시~오후 6시, 하절기(3~10월) 오후 7시까지", november, "동절기(11~2월) 오전 9시~오후 6시"},
		{"7개월 활동, 월 최대 57시간", november, "7개월 활동, 월 최대 57시간"},
		// Whole pieces as far as they fit; a long first piece is cut.
		{"학기별 모집 (50+포털, 대부분 선착순), 과정마다 일정·수강료 다름", july, "학기별 모집 (50+포털, 대부분 선착순)"},
		{"온라인 상시 수강, 이직·전직·창업 관련 1,000여 개 무료 콘텐츠", july, "온라인 상시 수강"},
		{"캠퍼스에서 학기별 운영: 디지털기본, AI 기초·중급·고급 (50+포털 신청)", july, "캠퍼스에서 학기별 운영: 디지털기본"},
		{"평일 오전 9시~오후 9시와 주말·공휴일 오전 9시~오후 6시에 누리집 예약 뒤 방문", july, "평일 오전 9시~오후 9시와 주말·공휴일 오전…"},
		// Imports: dates in figures are left to the words of the detail line.
		{"2026-07-01~2026-09-30 · 12회 · 화·목 10:00~12:00", july, "12회, 화·목 10:00~12:00"},
		{"2026-09-01", july, ""},
		// Without a date nothing can be judged.
		{"2025년 9~10월 과정", 0, "2025년 9~10월 과정"},
		{"", july, ""},
	}
	for _, tt := range tests {
		got := currentSchedule(tt.schedule, tt.today)
		if got != tt.want {
			t.Errorf("currentSchedule(%q, %v) = %q, want %q", tt.schedule, tt.today, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > maxSchedule+1 {
			t.Errorf("currentSchedule(%q) has %d characters", tt.schedule, n)
		}
	}
}
