package main

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"
)

// TestServeCutsAHugeTitle reproduces a catalog holding a 10 MB title (an
// import before the limits let one in): one 더 보기 then sent 857 messages,
// 3.5 million characters, to one chat. The title is now cut where results
// are built, and the page is its usual few messages.
func TestServeCutsAHugeTitle(t *testing.T) {
	e := newServeEnv(t)
	catalogVersion(t, e.env["DASI_DB"]) // creates the database with the seed
	// The programs the resident's 더 보기 shows.
	out, stderr, err := dasi(t, e.env, "", "match", "--age", "52", "--field", "회계·금융", "--years", "20",
		"--goals", "디지털", "--district", "은평구", "--offset", "3", "--json")
	if err != nil {
		t.Fatalf("match: %v\n%s", err, stderr)
	}
	var page struct {
		Programs []struct{ ID string } `json:"programs"`
	}
	if err := json.Unmarshal([]byte(out), &page); err != nil || len(page.Programs) == 0 {
		t.Fatalf("match --json: %v, %s", err, out)
	}
	db, err := sql.Open("sqlite", e.env["DASI_DB"])
	if err != nil {
		t.Fatal(err)
	}
	// One title of 10 MB, as in the issue, on the first program of the page.
	huge := strings.Repeat("아주 긴 제목 ", 10<<20/17)
	if _, err := db.Exec(`UPDATE programs SET title = ? WHERE id = ?`, huge, page.Programs[0].ID); err != nil {
		t.Fatal(err)
	}
	db.Close()

	e.serve()
	r := resident{e.tg, 2001}
	if err := r.say("/start", "동의해요"); err != nil {
		t.Fatal(err)
	}
	for _, s := range []step{
		{"동의해요", "50~54세"}, {"50~54세", "회계·금융"}, {"회계·금융", "20년 이상"}, {"20년 이상", "선택 완료"},
		{"디지털·AI", "✓ 디지털·AI"}, {"선택 완료", "은평구"}, {"은평구", "네, 찾아 주세요"}, {"네, 찾아 주세요", "받을게요"},
	} {
		if err := r.press(s.press, s.want); err != nil {
			t.Fatal(err)
		}
	}
	after := e.tg.Seq()
	if err := r.press("더 보기", "조건 바꾸기"); err != nil {
		t.Fatal(err)
	}
	var sent int
	var texts []string
	for _, ev := range e.tg.Events(r.chat) {
		if ev.Seq <= after || (ev.Method != "sendMessage" && ev.Method != "editMessageText") {
			continue
		}
		sent++
		texts = append(texts, ev.Message.Text)
		if n := len(utf16.Encode([]rune(ev.Message.Text))); n > 4096 {
			t.Errorf("a message of %d characters", n)
		}
	}
	if sent > 3 {
		t.Errorf("더 보기 sent %d messages, want its usual 3 at most", sent)
	}
	if all := strings.Join(texts, "\n"); !strings.Contains(all, "아주 긴 제목 아주 긴 제목") || !strings.Contains(all, "…") {
		t.Errorf("the page does not show the long title cut with …:\n%s", all)
	}
}

// TestServeHealthSaysWhenWritesFail reproduces /healthz answering
// "sqlite":"ok" while every write failed: the process may write no file
// larger than it is now (RLIMIT_FSIZE, as a full disk does: SQLite's writes
// fail with "file too large"), so every consent fails while reads still
// work. /healthz answers 503 naming SQLite, the metric says so, and both
// recover once the files may grow again.
func TestServeHealthSaysWhenWritesFail(t *testing.T) {
	e := newServeEnv(t)
	e.serve()
	if code, body := e.health(); code != http.StatusOK {
		t.Fatalf("/healthz at start = %d %s", code, body)
	}
	// The log emptied into the file, nothing may grow from now on.
	db, err := sql.Open("sqlite", e.env["DASI_DB"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	full := syscall.Rlimit{Cur: 0, Max: old.Max}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &full); err != nil {
		t.Fatal(err)
	}
	restore := func() {
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
			t.Fatal(err)
		}
	}
	defer restore()

	r := resident{e.tg, 3001}
	if err := r.say("/start", "동의해요"); err != nil {
		t.Fatal(err)
	}
	if err := r.press("동의해요", "잠시 후 다시 시도해 주세요"); err != nil {
		t.Fatal(err)
	}
	code, body := e.health()
	if code != http.StatusServiceUnavailable || !strings.Contains(body, `"sqlite":"down: writes fail since`) {
		t.Errorf("/healthz while writes fail = %d %s; want 503 naming sqlite", code, body)
	}
	if got := e.metric("dasi_sqlite_writable"); got != "0" {
		t.Errorf("dasi_sqlite_writable = %s, want 0", got)
	}

	restore()
	if code, body := e.health(); code != http.StatusOK || !strings.Contains(body, `"sqlite":"ok"`) {
		t.Errorf("/healthz once writes succeed again = %d %s", code, body)
	}
	if got := e.metric("dasi_sqlite_writable"); got != "1" {
		t.Errorf("dasi_sqlite_writable = %s, want 1", got)
	}
	if err := r.press("동의해요", "1/4단계"); err != nil {
		t.Fatal(err)
	}
}

// metric returns the value of an unlabelled series on /metrics.
func (e *serveEnv) metric(name string) string {
	e.t.Helper()
	resp, err := http.Get("http://" + e.env["DASI_HTTP_ADDR"] + "/metrics")
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			return v
		}
	}
	return ""
}

// TestServeWebhookRefusesASlowStrangerAtOnce reproduces an unauthenticated
// webhook request with a slow body holding its connection for 30 s: the
// secret is checked from the headers, the 401 comes while the body is still
// to be sent, and the connection is closed without waiting for the body.
func TestServeWebhookRefusesASlowStrangerAtOnce(t *testing.T) {
	e := newServeEnv(t)
	e.env["DASI_WEBHOOK_URL"] = "https://dasi.example.org/telegram/hook"
	e.env["DASI_WEBHOOK_SECRET"] = "e2e-secret_123"
	e.serve()
	c, err := net.Dial("tcp", e.env["DASI_HTTP_ADDR"])
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "POST /telegram/hook HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: guess\r\nContent-Length: 100000\r\n\r\n{\"update_id\":")
	// Well before the server's 15 s read timeout: were it waiting for the
	// body, the read would time out here.
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("no answer while the body is unsent: %v", err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || !resp.Close {
		t.Errorf("status %d, close %v; want 401 and the connection closed", resp.StatusCode, resp.Close)
	}
	if _, err := c.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("after the 401 the connection is still open: %v", err)
	}
}

// TestServeHoldsAtMostMaxConns: with DASI_MAX_CONNS=16 and 16 connections
// open, a 17th waits and is answered as soon as one of them closes.
func TestServeHoldsAtMostMaxConns(t *testing.T) {
	e := newServeEnv(t)
	e.env["DASI_MAX_CONNS"] = "16"
	e.serve()
	// serve's own readiness check may still hold a connection for a
	// moment: one request through a fresh client settles it.
	if code, _ := e.health(); code != http.StatusOK {
		t.Fatalf("/healthz = %d", code)
	}
	http.DefaultClient.CloseIdleConnections()
	var held []net.Conn
	for range 16 {
		c, err := net.Dial("tcp", e.env["DASI_HTTP_ADDR"])
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		held = append(held, c)
	}
	answered := make(chan int, 1)
	go func() {
		client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err := client.Get("http://" + e.env["DASI_HTTP_ADDR"] + "/healthz")
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	select {
	case code := <-answered:
		t.Fatalf("a 17th connection was served (%d) while 16 were open", code)
	case <-time.After(300 * time.Millisecond):
	}
	held[0].Close()
	select {
	case code := <-answered:
		if code != http.StatusOK {
			t.Errorf("the waiting request got %d", code)
		}
	case <-time.After(4 * time.Second):
		t.Fatal("the waiting connection was not served after one closed")
	}
}
