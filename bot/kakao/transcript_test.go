package kakao_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/bot/kakao"
	"github.com/dasi-seoul/dasi/bot/kakao/kakaotest"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/transcripts")

// A script line is what the resident does: "> text" types text, "[label]"
// taps the quick reply labelled so in the last answer, "{json}" is a raw
// request body as Open Builder might send it damaged, "extra:<data>" taps
// a quick reply carrying data no button of the last answer has (an old or
// forged press), "!restart" restarts dasi serve.

// play runs a script for the resident whose botUserKey is user, checking
// every answer against the protocol's limits, and returns the transcript.
func (e *env) play(user string, script []string) (string, kakao.Response) {
	e.t.Helper()
	ctx := context.Background()
	var (
		b    strings.Builder
		last kakao.Response
		err  error
	)
	for _, line := range script {
		if r := []rune(line); len(r) > 80 {
			b.WriteString(string(r[:40]) + "… (" + itoa(len(r)) + "자)")
		} else {
			b.WriteString(line)
		}
		b.WriteString("\n")
		switch {
		case line == "!restart":
			e.restart()
			continue
		case strings.HasPrefix(line, "> "):
			last, err = e.client.Say(ctx, user, strings.TrimPrefix(line, "> "))
		case line == ">":
			last, err = e.client.Say(ctx, user, "")
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			label := line[1 : len(line)-1]
			q, ok := kakaotest.Find(last, label)
			if !ok {
				e.t.Fatalf("%s: no quick reply %q in\n%s", user, label, kakaotest.Describe(last))
			}
			last, err = e.client.Tap(ctx, user, q)
		case strings.HasPrefix(line, "extra:"):
			last, err = e.client.Send(ctx, kakaotest.Payload(user, "눌렀어요", map[string]string{"data": strings.TrimPrefix(line, "extra:")}))
		case strings.HasPrefix(line, "{"):
			last, err = e.client.Send(ctx, []byte(line))
		default:
			e.t.Fatalf("bad script line %q", line)
		}
		if err != nil {
			e.t.Fatalf("%s: after %q: %v", user, line, err)
		}
		b.WriteString(kakaotest.Describe(last))
		b.WriteString("\n")
	}
	return b.String(), last
}

// golden compares got with testdata/transcripts/name.txt, or rewrites it
// with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "transcripts", name+".txt")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if string(want) != got {
		t.Errorf("transcript %s differs from %s (run with -update after checking the change):\n%s", name, path, diff(string(want), got))
	}
}

// diff shows the first lines where want and got differ.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + itoa(i+1) + ":\n- " + wl + "\n+ " + gl
		}
	}
	return ""
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// intake52 is the whole intake of a 52-year-old former accountant in
// 은평구 who wants a job and digital skills.
var intake52 = []string{
	">",
	"[동의해요]",
	"> 52세",
	"[회계·금융]",
	"[20년 이상]",
	"[재취업]",
	"[디지털·AI]",
	"[선택 완료]",
	"[서북권]",
	"[은평구]",
	"[네, 찾아 주세요]",
}

// TestKakaoIntake: a 52-year-old in 은평구 goes through the whole intake
// on KakaoTalk, from the welcome block's empty utterance, and ends with
// 서울시50플러스 서부캠퍼스 first among places; no question offers
// notices; 더 보기 shows the next page.
func TestKakaoIntake(t *testing.T) {
	e := start(t)
	got, last := e.play("u52eunpyeong", append(intake52, "[더 보기]"))
	golden(t, "intake", got)

	_, results := e.play("u52other", intake52)
	first := ""
	for _, o := range results.Template.Outputs {
		if o.TextCard != nil && first == "" {
			first = o.TextCard.Title
		}
	}
	if !strings.Contains(first, "서울시50플러스 서부캠퍼스") {
		t.Errorf("the first place is %q; want 서울시50플러스 서부캠퍼스\n%s", first, kakaotest.Describe(results))
	}
	for _, tr := range []string{got, kakaotest.Describe(last)} {
		if strings.Contains(tr, "알림 받") || strings.Contains(tr, "새 소식") {
			t.Errorf("a KakaoTalk resident is offered notices:\n%s", tr)
		}
	}
}

// TestKakaoBadInputs: whatever arrives, the answer is a valid 2.0 body
// with a gentle Korean re-prompt: emoji, 5,000 characters, an old or
// forged press, a damaged request, staff commands.
func TestKakaoBadInputs(t *testing.T) {
	e := start(t)
	got, _ := e.play("ubadinputs", []string{
		"> 😀",
		"[동의해요]",
		">",
		"> 🙂🙂🙂",
		"> " + strings.Repeat("가", 5000),
		"extra:dst:11380",
		"extra:zzz",
		"extra:" + strings.Repeat("x", 200),
		"> /broadcast",
		"> /stats",
		"{not json",
		`{"userRequest":{"utterance":"안녕하세요"}}`,
		`{"userRequest":{"utterance":"안녕하세요","user":{"id":"` + strings.Repeat("k", 71) + `"}}}`,
		"> 쉰두 살이에요",
	})
	golden(t, "bad_inputs", got)
	if strings.Contains(got, "error") || strings.Contains(got, "Error") {
		t.Errorf("an error reached the resident:\n%s", got)
	}
}

// TestKakaoBackAndEdit: 이전 goes back a question; 고칠게요 at the summary
// changes one answer (the district, through another 권역) and the search
// runs with it.
func TestKakaoBackAndEdit(t *testing.T) {
	e := start(t)
	got, _ := e.play("ubackedit", []string{
		"> 시작하기",
		"[동의해요]",
		"[50~54세]",
		"[다른 분야 보기]",
		"[교육·강사]",
		"[이전]",
		"[앞 분야 보기]",
		"[사무·행정]",
		"[10~20년]",
		"[인생설계·노후]",
		"[선택 완료]",
		"> 마포구",
		"[고칠게요]",
		"[사는 구]",
		"[동남권]",
		"[다른 권역 보기]",
		"[서남권]",
		"[구로구]",
		"[네, 찾아 주세요]",
		"[처음으로]",
	})
	golden(t, "back_edit", got)
}

// TestKakaoFirstUtterance: someone the bot has never seen types their
// answers straight away (on KakaoTalk there is no Start button): the
// greeting comes first, the answers are kept as answers typed before the
// consent, said back, and used once they agree.
func TestKakaoFirstUtterance(t *testing.T) {
	e := start(t)
	got, _ := e.play("ufirstwords", []string{
		"> 52살이고 은평구 살아요",
		"[동의해요]",
	})
	golden(t, "first_utterance", got)
}
