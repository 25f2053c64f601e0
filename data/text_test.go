package data

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"회계ㆍ금융":          "회계금융", // 'ㆍ' is a middle dot here, though Unicode calls it a letter
		"회계 · 금융":        "회계금융",
		"IT·디지털":         "it디지털",
		"AI(기초)":         "ai기초",
		"[재무] 연금":        "재무연금",
		"인생설계 교육사업":      "인생설계교육사업",
		"서울시50플러스 서부캠퍼스": "서울시50플러스서부캠퍼스",
		"5~10년":          "510년",
		"":               "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
		if got := string(AppendFold([]byte("x"), in)); got != "x"+want {
			t.Errorf("AppendFold(x, %q) = %q, want %q", in, got, "x"+want)
		}
	}
}

func TestLatinWords(t *testing.T) {
	for in, want := range map[string][]string{
		"ChatGPT·AI 활용": {"chatgpt", "ai"},
		"[AI디지털교육] 엑셀":  {"ai"},
		"생성형AI2단계":      {"ai"},
		"Training":      {"training"},
		"인생설계":          nil,
	} {
		if got := latinWords(in); !slices.Equal(got, want) {
			t.Errorf("latinWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestClassifyLatinWords checks that "ai" of the category table is a whole
// word: in any case and spacing, but never inside another Latin word.
func TestClassifyLatinWords(t *testing.T) {
	for _, tt := range []struct {
		title string
		want  Goals
	}{
		{"ChatGPT AI 활용", goalsOf(GoalDigital)},
		{"생성형 ai 입문", goalsOf(GoalDigital)},
		{"[AI디지털교육] 스마트폰 사진", goalsOf(GoalDigital)},
		{"Training 과정 안내", 0},
		{"Email 예절", 0},
	} {
		if _, g := Classify("", tt.title); g != tt.want {
			t.Errorf("Classify(\"\", %q) goals %v, want %v", tt.title, g.List(), tt.want.List())
		}
	}
}

// TestCategoryRuleWordsAreFolded checks that every word of the category
// table is written as Fold writes it, or it could never match.
func TestCategoryRuleWordsAreFolded(t *testing.T) {
	var words []string
	for _, r := range categoryRules {
		words = append(words, r.word)
	}
	for _, t := range titleGoalWords {
		words = append(words, t.words...)
	}
	for _, k := range notProgrammeWords {
		words = append(words, k.words...)
	}
	words = append(words, workWords[:]...)
	words = append(words, lifeStrongWords[:]...)
	for _, s := range goalStopWords {
		words = append(words, s.word)
	}
	for _, f := range fieldWords {
		words = append(words, f.trade...)
		words = append(words, f.topic...)
	}
	for _, s := range stopWords {
		words = append(words, s.word)
	}
	for _, w := range words {
		if f := Fold(w); f != w || f == "" {
			t.Errorf("table word %q folds to %q", w, f)
		}
	}
}
