package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// issueScript is the scripted example of the intake issue: consent, a
// typed age, field and years in one typed answer, a goal by its label and
// one typed, the district by its label, then the search.
const issueScript = "동의해요\n52\n회계 사무 20년\n재취업\n디지털\n선택 완료\n은평구\n네, 찾아 주세요\n"

func chatEnv(t *testing.T) map[string]string {
	return map[string]string{"DASI_DB": filepath.Join(t.TempDir(), "dasi.db"), "DASI_NOW": "2026-07-26"}
}

// TestChatPrivacyNotice: with DASI_PRIVACY_URL and DASI_OPERATOR_CONTACT
// set, the consent's details name the operator and link the policy, and
// nothing is warned.
func TestChatPrivacyNotice(t *testing.T) {
	env := chatEnv(t)
	env["DASI_PRIVACY_URL"] = "https://dasi.example.kr/privacy"
	env["DASI_OPERATOR_CONTACT"] = "다시 운영팀 02-000-0000"
	out, errOut, err := dasi(t, env, "자세히 보기\n개인정보 처리방침\n", "chat")
	if err != nil {
		t.Fatalf("dasi chat: %v\nstderr: %s", err, errOut)
	}
	if !strings.Contains(out, "운영하는 곳: 다시 운영팀 02-000-0000") || !strings.Contains(out, "https://dasi.example.kr/privacy") {
		t.Errorf("the details do not show the operator and the policy:\n%s", out)
	}
	if strings.Contains(errOut, "warning") {
		t.Errorf("warned with the notice set:\n%s", errOut)
	}
}

// TestChatIssueScript pipes the issue's script and checks how it ends: the
// results, whose first place is 서부캠퍼스, every item with its reasons.
func TestChatIssueScript(t *testing.T) {
	out, errOut, err := dasi(t, chatEnv(t), issueScript, "chat")
	if err != nil {
		t.Fatalf("dasi chat: %v\nstderr: %s", err, errOut)
	}
	if strings.Contains(out, "> ") {
		t.Errorf("prompt characters in piped output:\n%s", out)
	}
	if !strings.Contains(errOut, "DASI_PRIVACY_URL is not set") || !strings.Contains(errOut, "DASI_OPERATOR_CONTACT is not set") {
		t.Errorf("the missing privacy notice is not announced:\n%s", errOut)
	}
	places := strings.Index(out, "찾아가실 수 있는 가까운 곳")
	if places < 0 {
		t.Fatalf("no places in the output:\n%s", out)
	}
	if first := strings.SplitN(out[places:], "\n", 3)[1]; !strings.HasPrefix(first, "1. 서울시50플러스 서부캠퍼스") {
		t.Errorf("first place is %q; want 서울시50플러스 서부캠퍼스", first)
	}
	results := out[strings.LastIndex(out, "50~54세 · 회계·금융 20년 이상 · 재취업, 디지털 · 은평구"):]
	lines := strings.Split(results, "\n")
	item := regexp.MustCompile(`^\d+\. `)
	items := 0
	for i, l := range lines {
		if !item.MatchString(l) {
			continue
		}
		items++
		if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "   → ") || len(lines[i+1]) <= len("   → ") {
			t.Errorf("item %q has no reasons under it", l)
		}
	}
	if items < 4 {
		t.Errorf("%d result items; want programs and places:\n%s", items, results)
	}
	// The last turn's buttons: the results' (details, more, change,
	// restart; 내 정보 gives way to the notices question on this turn, so
	// that it keeps six) and then the notices question's, which is asked
	// once and not offered twice by a 새 소식 알림 받기 button in the same
	// turn.
	if !regexp.MustCompile(`\[\d+\] 자세히 보기\n\[\d+\] 더 보기\n\[\d+\] 조건 바꾸기\n\[\d+\] 처음으로\n\[\d+\] 받을게요\n\[\d+\] 안 받을게요\n\n$`).MatchString(out) {
		t.Errorf("output does not end with the results' and the notices question's buttons:\n%s", out[max(0, len(out)-300):])
	}
	if strings.Contains(results, "새 소식 알림 받기") {
		t.Errorf("the results offer 새 소식 알림 받기 beside the notices question:\n%s", results)
	}
	// A seed programme's schedule of a past year is not shown as if to come.
	if regexp.MustCompile(`20(1\d|2[0-5])년`).MatchString(results) {
		t.Errorf("the results show a past year's schedule:\n%s", results)
	}
}

// TestChatInputs covers the other ways to answer: a button's number, a
// shared location, a command, a deep link, and the end of input mid-way.
func TestChatInputs(t *testing.T) {
	script := "1\n[not a label]\n7\n@37.6087,126.9335\n/help\n"
	out, _, err := dasi(t, chatEnv(t), script, "chat", "-start", "c50_west")
	if err != nil {
		t.Fatalf("dasi chat: %v", err)
	}
	for _, want := range []string{
		"서울시50플러스 서부캠퍼스에서 오셨군요.",    // the deep link
		"1/4단계 · 나이가 어떻게 되세요?",      // [1] 동의해요
		"잘 알아듣지 못했어요.",              // typed text that answers nothing
		"2/4단계 · 어떤 일을 가장 오래 하셨어요?", // [7] 65세 이상
		"보내 주신 위치는 은평구 같아요.",        // @LAT,LON
		"120다산콜센터",                  // /help
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestChatUsage(t *testing.T) {
	if _, _, err := dasi(t, chatEnv(t), "", "chat", "extra"); err != errUsage {
		t.Errorf("dasi chat extra: %v; want a usage error", err)
	}
	out, _, err := dasi(t, chatEnv(t), "", "chat")
	if err != nil || !strings.Contains(out, "동의하시겠어요?") {
		t.Errorf("dasi chat with no input: %v, %q; want the greeting and exit 0", err, out)
	}
}

// TestChatKakaoView: with -kakao each turn is the SkillResponse 2.0 the
// skill would answer, the quick replies are pressed by number or label,
// and, as on KakaoTalk, the notices question is never asked.
func TestChatKakaoView(t *testing.T) {
	out, errOut, err := dasi(t, chatEnv(t), "동의해요\n52\n회계 사무 20년\n재취업\n디지털\n선택 완료\n서북권\n은평구\n네, 찾아 주세요\n", "chat", "-kakao")
	if err != nil {
		t.Fatalf("dasi chat -kakao: %v\nstderr: %s", err, errOut)
	}
	for _, want := range []string{`"version": "2.0"`, `"quickReplies"`, `"listCard"`, `"textCard"`, "서울시50플러스 서부캠퍼스"} {
		if !strings.Contains(out, want) {
			t.Errorf("the Kakao view lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "새 소식") {
		t.Errorf("the Kakao view offers notices:\n%s", out)
	}
}
