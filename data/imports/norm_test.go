package imports

import (
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

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
	for in, want := range map[string]data.Date{
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
