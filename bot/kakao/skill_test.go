package kakao_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/bot/kakao"
	"github.com/dasi-seoul/dasi/bot/kakao/kakaotest"
)

// TestSkillSecret: the secret is taken from the fixed header or as the
// path's last segment; without it, or with another, the answer is 401 and
// nothing reaches the conversation; anything but a POST is 405.
func TestSkillSecret(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	payload := kakaotest.Payload("usecret", "시작하기", nil)
	for _, tc := range []struct {
		name   string
		client kakaotest.Client
		want   int
	}{
		{"header", kakaotest.Client{URL: e.srv.URL + testPath, Secret: testSecret}, http.StatusOK},
		{"path", kakaotest.Client{URL: e.srv.URL + testPath, Secret: testSecret, InPath: true}, http.StatusOK},
		{"none", kakaotest.Client{URL: e.srv.URL + testPath}, http.StatusUnauthorized},
		{"wrong header", kakaotest.Client{URL: e.srv.URL + testPath, Secret: testSecret + "x"}, http.StatusUnauthorized},
		{"wrong path", kakaotest.Client{URL: e.srv.URL + testPath, Secret: testSecret[:20], InPath: true}, http.StatusUnauthorized},
		{"empty path secret", kakaotest.Client{URL: e.srv.URL + testPath + "/"}, http.StatusUnauthorized},
	} {
		status, body, err := tc.client.Post(ctx, payload)
		if err != nil {
			t.Fatal(err)
		}
		if status != tc.want {
			t.Errorf("%s: HTTP %d %s, want %d", tc.name, status, body, tc.want)
		}
		if status != http.StatusOK && bytes.Contains(body, []byte("다시")) {
			t.Errorf("%s: a refused request reached the conversation: %s", tc.name, body)
		}
	}
	res, err := http.Get(e.srv.URL + testPath)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: HTTP %d, want 405", res.StatusCode)
	}
}

// TestSkillHugeBody: a body past the limit is answered with a gentle
// re-prompt, not read whole.
func TestSkillHugeBody(t *testing.T) {
	e := start(t)
	body := []byte(`{"userRequest":{"utterance":"` + strings.Repeat("가", 200_000) + `","user":{"id":"uhuge"}}}`)
	resp, err := e.client.Send(context.Background(), body)
	if err != nil {
		t.Fatal(err)
	}
	if got := kakaotest.Describe(resp); !strings.Contains(got, "읽지 못했어요") {
		t.Errorf("a 600 KB request is answered\n%s", got)
	}
}

// TestNewRefusesBadOptions: a path and a secret are required, and a
// secret is 16-256 of A-Z a-z 0-9 _ -.
func TestNewRefusesBadOptions(t *testing.T) {
	for _, opt := range []kakao.Options{
		{Path: "", Secret: testSecret},
		{Path: "kakao", Secret: testSecret},
		{Path: "/kakao/", Secret: testSecret},
		{Path: "/kakao", Secret: "short"},
		{Path: "/kakao", Secret: strings.Repeat("a", 257)},
		{Path: "/kakao", Secret: "with space in it, 0123456789"},
	} {
		if _, err := kakao.New(nopHandler{}, opt); err == nil {
			t.Errorf("New(%+v) accepted", opt)
		}
	}
}
