package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/bot/kakao"
	"github.com/dasi-seoul/dasi/bot/kakao/kakaotest"
)

const kakaoSecret = "serve-test-secret_0123456789"

// kakaoEnv is a serve environment with the KakaoTalk skill on (and
// Telegram too, or not), and a fake Open Builder client for it.
func kakaoEnv(t *testing.T, telegramToo bool) (*serveEnv, *kakaotest.Client) {
	e := newServeEnv(t)
	if !telegramToo {
		delete(e.env, "TELEGRAM_TOKEN")
		delete(e.env, "TELEGRAM_API_ENDPOINT")
	}
	e.env["DASI_KAKAO_SKILL_PATH"] = "/kakao/skill"
	e.env["DASI_KAKAO_SKILL_SECRET"] = kakaoSecret
	return e, &kakaotest.Client{URL: "http://" + e.env["DASI_HTTP_ADDR"] + "/kakao/skill", Secret: kakaoSecret}
}

// kakaoChat is one KakaoTalk resident talking to the skill.
type kakaoChat struct {
	t    *testing.T
	c    *kakaotest.Client
	user string
	last kakao.Response
}

// do types each line, or taps it when it is "[label]", checking every
// answer against the protocol's limits, and returns the last answer as
// text.
func (k *kakaoChat) do(lines ...string) string {
	k.t.Helper()
	ctx := context.Background()
	for _, l := range lines {
		var err error
		if strings.HasPrefix(l, "[") {
			q, ok := kakaotest.Find(k.last, strings.Trim(l, "[]"))
			if !ok {
				k.t.Fatalf("no quick reply %s in\n%s", l, kakaotest.Describe(k.last))
			}
			k.last, err = k.c.Tap(ctx, k.user, q)
		} else {
			k.last, err = k.c.Say(ctx, k.user, l)
		}
		if err != nil {
			k.t.Fatalf("%s: after %q: %v", k.user, l, err)
		}
	}
	return kakaotest.Describe(k.last)
}

// TestServeKakaoAlone: dasi serve with only the KakaoTalk skill (no
// TELEGRAM_TOKEN), /healthz and /metrics on DASI_METRICS_ADDR alone; a
// restart in the middle of the intake loses nothing (sessions in Redis),
// and a 52-year-old in 은평구 ends with 서울시50플러스 서부캠퍼스 first
// among places.
func TestServeKakaoAlone(t *testing.T) {
	e, c := kakaoEnv(t, false)
	ops := "127.0.0.1:" + freePort(t)
	e.env["DASI_METRICS_ADDR"] = ops
	stop := e.serve()
	k := &kakaoChat{t: t, c: c, user: "userveKakao52"}
	if got := k.do("", "[동의해요]", "52세", "[회계·금융]"); !strings.Contains(got, "몇 년쯤") {
		t.Fatalf("after the field, the answer is\n%s", got)
	}
	if err := stop(); err != nil {
		t.Fatalf("serve: %v", err)
	}
	e.serve()
	got := k.do("[20년 이상]", "[재취업]", "[디지털·AI]", "[선택 완료]", "[서북권]", "[은평구]", "[네, 찾아 주세요]")
	first := ""
	for _, o := range k.last.Template.Outputs {
		if o.TextCard != nil && first == "" {
			first = o.TextCard.Title
		}
	}
	if !strings.Contains(first, "서울시50플러스 서부캠퍼스") {
		t.Errorf("after a restart mid-intake, the first place is %q; want 서울시50플러스 서부캠퍼스\n%s", first, got)
	}

	for _, tc := range []struct {
		addr, path string
		want       int
	}{
		{ops, "/healthz", http.StatusOK},
		{ops, "/metrics", http.StatusOK},
		{e.env["DASI_HTTP_ADDR"], "/healthz", http.StatusNotFound},
		{e.env["DASI_HTTP_ADDR"], "/metrics", http.StatusNotFound},
	} {
		resp, err := http.Get("http://" + tc.addr + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s%s: HTTP %d, want %d", tc.addr, tc.path, resp.StatusCode, tc.want)
		}
		if tc.path == "/metrics" && tc.want == http.StatusOK && !strings.Contains(string(b), `dasi_kakao_requests_total{outcome="answered"}`) {
			t.Errorf("/metrics lacks the skill's requests")
		}
	}
}

// TestServeKakaoAndTelegram: both channels at once, on one core.
func TestServeKakaoAndTelegram(t *testing.T) {
	e, c := kakaoEnv(t, true)
	e.serve()
	k := &kakaoChat{t: t, c: c, user: "userveBoth"}
	if got := k.do("시작하기"); !strings.Contains(got, "동의하시겠어요?") {
		t.Errorf("KakaoTalk's 시작하기 is answered\n%s", got)
	}
	r := resident{tg: e.tg, chat: 5150}
	if err := r.say("/start", "동의"); err != nil {
		t.Errorf("Telegram beside KakaoTalk: %v", err)
	}
}

// TestServeKakaoConfigurationErrors: every problem of the KakaoTalk
// variables is reported at once, with the others.
func TestServeKakaoConfigurationErrors(t *testing.T) {
	err := run(t.Context(), []string{"serve"}, func(k string) string {
		return map[string]string{"DASI_KAKAO_SKILL_PATH": "kakao skill", "DASI_KAKAO_SKILL_SECRET": "short",
			"DASI_METRICS_ADDR": "nine thousand", "DASI_MAX_CONNS": "lots"}[k]
	}, nil, io.Discard, io.Discard)
	if err == nil {
		t.Fatal("serve started with a bad configuration")
	}
	for _, want := range []string{"DASI_KAKAO_SKILL_PATH", "DASI_KAKAO_SKILL_SECRET", "DASI_METRICS_ADDR", "DASI_MAX_CONNS"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not name %s:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "short") {
		t.Errorf("the error shows the secret:\n%v", err)
	}
	err = run(t.Context(), []string{"serve"}, func(k string) string {
		return map[string]string{"DASI_KAKAO_SKILL_SECRET": kakaoSecret}[k]
	}, nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "DASI_KAKAO_SKILL_SECRET: set without DASI_KAKAO_SKILL_PATH") {
		t.Errorf("a secret without a path: %v", err)
	}
}
