package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/internal/sourcetest"
)

// TestServeRefreshesTheCatalog: dasi serve with the three sources' keys
// set says at start that no job opening is open, reads every source at
// once (none has refreshed before), logs a line per source with its
// counts, and shows it in /metrics and /healthz.
func TestServeRefreshesTheCatalog(t *testing.T) {
	seoul := &sourcetest.Seoul{Key: "seoul-key"}
	seoul.Set(sourcetest.Posting{ID: "K100", Title: "은평 아파트 경비원", Company: "은평관리", Region: "서울 은평구", Close: "2026-09-30"})
	w24 := &sourcetest.Work24{Key: "w24-key"}
	w24.Set(sourcetest.Posting{ID: "W200", Title: "은평 시설 전기기사", Company: "OO시설관리", Region: "서울 은평구", Close: "2026-09-20"})
	fp := &sourcetest.FiftyPlus{Key: "fp-key"}
	fp.Set([]sourcetest.Course{{Title: "[AI디지털교육] 엑셀 완성", Org: "서부캠퍼스", ApplyStart: "2026-07-01", ApplyEnd: "2026-08-04",
		Start: "2026-08-05", End: "2026-08-21", Yr: "2026"}}, nil)
	ss, ws, fs := httptest.NewServer(seoul), httptest.NewServer(w24), httptest.NewServer(fp)
	defer ss.Close()
	defer ws.Close()
	defer fs.Close()

	e := newServeEnv(t)
	for k, v := range map[string]string{"SEOUL_API_KEY": "seoul-key", "SEOUL_API_URL": ss.URL, "WORK24_API_KEY": "w24-key",
		"WORK24_API_URL": ws.URL, "FIFTYPLUS_API_KEY": "fp-key", "FIFTYPLUS_API_URL": fs.URL} {
		e.env[k] = v
	}
	e.serve()
	deadline := time.Now().Add(30 * time.Second)
	for strings.Count(e.logs.String(), `"msg":"catalog refreshed"`) < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("three refreshes not logged:\n%s", e.logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	logs := e.logs.String()
	if strings.Count(logs, "holds no job opening open on 2026-07-26") != 1 {
		t.Error("the empty catalog of job openings is not said once at start")
	}
	for _, src := range []string{"seoul", "work24", "50plus"} {
		if !strings.Contains(logs, `"msg":"catalog refreshed","source":"`+src+`"`) {
			t.Errorf("no refresh line for %s", src)
		}
	}
	resp, err := http.Get("http://" + e.env["DASI_HTTP_ADDR"] + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`dasi_refresh_failures_total{source="work24"} 0`, `dasi_refresh_last_success_timestamp_seconds{source="50plus"}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if code, body := e.health(); code != http.StatusOK || !strings.Contains(body, `"refresh":"ok"`) {
		t.Errorf("/healthz = %d %s", code, body)
	}
	if seoul.Calls() != 1 || w24.Calls() != 1 {
		t.Errorf("calls: seoul %d, 고용24 %d; want one listing each", seoul.Calls(), w24.Calls())
	}
}

// TestRefreshConfigurationErrors: a bad interval or source URL is named
// with the others, and the keys never show.
func TestRefreshConfigurationErrors(t *testing.T) {
	env := map[string]string{"TELEGRAM_TOKEN": "123:Tok", "DASI_REFRESH_EVERY": "often", "WORK24_API_URL": "ftp://x",
		"FIFTYPLUS_API_URL": "not a url", "WORK24_API_KEY": "W24SecretKey", "FIFTYPLUS_API_KEY": "FPSecretKey"}
	_, err := loadConfig(func(k string) string { return env[k] })
	for _, want := range []string{"DASI_REFRESH_EVERY", "WORK24_API_URL", "FIFTYPLUS_API_URL"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not name %s: %v", want, err)
		}
	}
	cfg, _ := loadConfig(func(k string) string { return env[k] })
	if s := fmt.Sprintf("%v %+v", cfg, cfg); strings.Contains(s, "W24SecretKey") || strings.Contains(s, "FPSecretKey") {
		t.Error("a printed configuration shows an API key")
	}
	env["DASI_REFRESH_EVERY"] = "30s"
	if _, err := loadConfig(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "1m to 168h") {
		t.Errorf("30s taken as an interval: %v", err)
	}
}

// TestImportCommandFromWork24And50Plus: dasi import reads 고용24 and the
// 50플러스 Open API by name, refuses a source of the other kind, and names
// the missing key.
func TestImportCommandFromWork24And50Plus(t *testing.T) {
	w24 := &sourcetest.Work24{Key: "w24-key"}
	w24.Set(sourcetest.Posting{ID: "W200", Title: "노원 시설 전기기사", Company: "OO시설관리", Region: "서울 노원구", Close: "2026-09-20"})
	fp := &sourcetest.FiftyPlus{Key: "fp-key"}
	fp.Set(nil, []sourcetest.Round{{Name: "서울 중장년 가치동행일자리 참여자 모집", Org: "중부캠퍼스", ApplyStart: "2026-07-28",
		ApplyEnd: "2026-08-08", Start: "2026-09-01", End: "2026-12-31", Yr: "2026"}})
	ws, fs := httptest.NewServer(w24), httptest.NewServer(fp)
	defer ws.Close()
	defer fs.Close()
	env := map[string]string{"DASI_DB": filepath.Join(t.TempDir(), "t.db"), "DASI_NOW": "2026-07-26",
		"WORK24_API_URL": ws.URL, "WORK24_API_KEY": "w24-key", "FIFTYPLUS_API_URL": fs.URL, "FIFTYPLUS_API_KEY": "fp-key"}
	if out, stderr, err := dasi(t, env, "", "import", "jobs", "--from-api=work24"); err != nil || lastLine(out) != "added=1 updated=0 unchanged=0 expired=0 rejected=0 skipped=0" ||
		!strings.Contains(out, "고용24") {
		t.Errorf("work24: %q, %v\n%s", out, err, stderr)
	}
	if out, stderr, err := dasi(t, env, "", "import", "programs", "--from-api=50plus"); err != nil || lastLine(out) != "added=1 updated=0 unchanged=0 expired=0 rejected=0 skipped=0" {
		t.Errorf("50plus: %q, %v\n%s", out, err, stderr)
	}
	if _, stderr, err := dasi(t, env, "", "import", "jobs", "--from-api=50plus"); err == nil || !strings.Contains(stderr, "loads programs") {
		t.Errorf("50plus as jobs: %v\n%s", err, stderr)
	}
	delete(env, "WORK24_API_KEY")
	if _, _, err := dasi(t, env, "", "import", "jobs", "--from-api=work24"); err == nil || !strings.Contains(err.Error(), "WORK24_API_KEY") {
		t.Errorf("no key: %v", err)
	}
}
