package main

import (
	"io"
	"net/http"
	"net/http/httptest"
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
