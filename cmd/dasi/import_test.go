package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/internal/sharedtest"
)

// dasi runs the command line with the given environment and standard
// input, returning standard output, standard error and the error.
func dasi(t *testing.T, env map[string]string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

// lastLine returns the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func fixture(name string) string {
	return filepath.Join("..", "..", "data", "imports", "testdata", name)
}

// catalogVersion opens the database and returns its catalog version.
func catalogVersion(t *testing.T, path string) int64 {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := s.CatalogVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestImportCommand(t *testing.T) {
	env := map[string]string{"DASI_DB": filepath.Join(t.TempDir(), "t.db"), "DASI_NOW": "2026-07-26"}
	stdout, stderr, err := dasi(t, env, "", "import", "programs", fixture("lectures.json"))
	if err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	if got := lastLine(stdout); got != "added=2 updated=0 unchanged=0 expired=2 rejected=4 skipped=0" {
		t.Errorf("last line %q", got)
	}
	wantErr := fixture("lectures.json") + `:record 4: registEndDate: "261340" is not a real day`
	if !strings.Contains(stderr, wantErr+"\n") || strings.Count(stderr, "\n") != 4 {
		t.Errorf("stderr does not list the 4 rejects one per line, with %q:\n%s", wantErr, stderr)
	}

	stdout, _, err = dasi(t, env, "", "import", "programs", fixture("lectures.json"))
	if err != nil || lastLine(stdout) != "added=0 updated=0 unchanged=2 expired=2 rejected=4 skipped=0" {
		t.Errorf("second run: %q, %v", lastLine(stdout), err)
	}

	// Standard input, with the flag after KIND.
	csv, err := os.ReadFile(fixture("programs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err = dasi(t, env, string(csv), "import", "programs", "--format", "programs-csv", "-")
	if err != nil || lastLine(stdout) != "added=2 updated=0 unchanged=0 expired=0 rejected=6 skipped=0" {
		t.Errorf("stdin: %q, %v", lastLine(stdout), err)
	}
	if !strings.Contains(stderr, `-:line 5: district: "부산진구" is not one of Seoul's 25 districts`) {
		t.Errorf("stdin rejects are not named after -:\n%s", stderr)
	}
}

// lockProbe is standard input that arrives in small pieces, as a download
// piped in does, and checks at every piece that the database at path can
// still be written by another connection.
type lockProbe struct {
	r    io.Reader
	db   *sql.DB
	err  error // the first failed write
	read int
}

func (p *lockProbe) Read(b []byte) (int, error) {
	if tx, err := p.db.Begin(); err != nil && p.err == nil {
		p.err = fmt.Errorf("after %d bytes: %w", p.read, err)
	} else if err == nil {
		tx.Rollback()
	}
	n, err := p.r.Read(b[:min(len(b), 4096)])
	p.read += n
	return n, err
}

// TestImportCommandReadsStdinBeforeWriting checks that an import from
// standard input does not hold the database's write lock while the input
// is still arriving: the running bot must go on writing meanwhile.
func TestImportCommandReadsStdinBeforeWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	env := map[string]string{"DASI_DB": path, "DASI_NOW": "2026-07-26"}
	catalogVersion(t, path) // creates the database
	other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(0)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	// Well beyond the 64 KB the importer reads ahead to recognise the format.
	var csv strings.Builder
	csv.WriteString(strings.Join(imports.ProgramsCSVHeader, ",") + "\n")
	for i := range 1500 {
		fmt.Fprintf(&csv, "p%d,과정 %d번: 엑셀로 하는 사무 실무,사무,job train,,,,,,,,,,,,,,,,https://example.org/p%d,\n", i, i, i)
	}
	in := &lockProbe{r: strings.NewReader(csv.String()), db: other}
	var stdout, stderr bytes.Buffer
	err = run(context.Background(), []string{"import", "programs", "-"}, func(k string) string { return env[k] }, in, &stdout, &stderr)
	if err != nil || lastLine(stdout.String()) != "added=1500 updated=0 unchanged=0 expired=0 rejected=0 skipped=0" {
		t.Fatalf("import: %q, %v\n%s", lastLine(stdout.String()), err, stderr.String())
	}
	if in.err != nil {
		t.Errorf("while standard input was still arriving, another connection could not write: %v", in.err)
	}
}

func TestImportCommandUnusableFile(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DASI_DB": filepath.Join(dir, "t.db"), "DASI_NOW": "2026-07-26"}
	if _, _, err := dasi(t, env, "", "import", "jobs", fixture("getjobinfo.json")); err != nil {
		t.Fatal(err)
	}
	v := catalogVersion(t, env["DASI_DB"])

	b, err := os.ReadFile(fixture("announcements.json"))
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.json")
	if err := os.WriteFile(cut, b[:len(b)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	info200 := filepath.Join(dir, "info200.json")
	os.WriteFile(info200, []byte(`{"RESULT":{"CODE":"INFO-200","MESSAGE":"해당하는 데이터가 없습니다."}}`), 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "jobs", cut}, cut + ": truncated"},
		{[]string{"import", "jobs", info200}, info200 + ": the source answered with an error: INFO-200 해당하는 데이터가 없습니다."},
		{[]string{"import", "jobs", filepath.Join(dir, "missing.json")}, "missing.json: cannot read the file: no such file or directory"},
		{[]string{"import", "jobs", dir}, dir + ": is a directory: name one file"},
		{[]string{"import", "programs", fixture("work24.xml")}, "this is a work24 file, which \"dasi import jobs\" loads"},
	} {
		stdout, _, err := dasi(t, env, "", tc.args...)
		if err == nil || errors.Is(err, errUsage) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want one saying %q", tc.args[2], err, tc.want)
		}
		if strings.Contains(stdout, "added=") {
			t.Errorf("%v: printed counts for a failed import: %q", tc.args[2], stdout)
		}
	}
	if v2 := catalogVersion(t, env["DASI_DB"]); v2 != v {
		t.Errorf("catalog version %d -> %d after failed imports", v, v2)
	}
}

// TestImportCommandLimits: a file whose every record is rejected exits 1
// and changes nothing, listing the first 100 rejects and counting the
// rest; a file over --max-size is refused before it is read.
func TestImportCommandLimits(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DASI_DB": filepath.Join(dir, "t.db"), "DASI_NOW": "2026-07-26"}
	v := catalogVersion(t, env["DASI_DB"])
	rows := strings.TrimSuffix(strings.Repeat("{},", 250), ",")
	empty := `{"GetJobInfo":{"list_total_count":1,"RESULT":{"CODE":"INFO-000","MESSAGE":"ok"},"row":[` + rows + `]}}`
	stdout, stderr, err := dasi(t, env, empty, "import", "jobs", "-")
	if err == nil || errors.Is(err, errUsage) || !strings.Contains(err.Error(), "-: every record was rejected (250); nothing was imported") {
		t.Errorf("err = %v, want every record rejected", err)
	}
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	if len(lines) != 101 || lines[0] != "-:record 1: JO_REGIST_NO: missing (and no JO_REQST_NO)" || lines[100] != "... and 150 more rejected" {
		t.Errorf("stderr: %d lines, first %q, last %q; want 100 rejects and \"... and 150 more rejected\"", len(lines), lines[0], lines[len(lines)-1])
	}
	if strings.Contains(stdout, "added=") {
		t.Errorf("printed counts for a failed import: %q", stdout)
	}
	if v2 := catalogVersion(t, env["DASI_DB"]); v2 != v {
		t.Errorf("catalog version %d -> %d", v, v2)
	}

	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, []byte(empty), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err = dasi(t, env, "", "import", "--max-size", "600B", "jobs", big)
	if !errors.Is(err, imports.ErrTooLarge) || !strings.Contains(err.Error(), "big.json: the file is larger than the limit of 600 bytes") {
		t.Errorf("err = %v, want the file refused over 600 bytes", err)
	}
	_, _, err = dasi(t, env, empty, "import", "--max-size", "600B", "jobs", "-")
	if !errors.Is(err, imports.ErrTooLarge) || !strings.Contains(err.Error(), "-: the input is larger than the limit of 600 bytes") {
		t.Errorf("standard input: err = %v, want it refused over 600 bytes", err)
	}
	if v2 := catalogVersion(t, env["DASI_DB"]); v2 != v {
		t.Errorf("catalog version %d -> %d", v, v2)
	}
}

func TestImportCommandUsage(t *testing.T) {
	env := map[string]string{"DASI_DB": filepath.Join(t.TempDir(), "t.db")}
	for _, args := range [][]string{
		{"import"},
		{"import", "courses", "x.json"},
		{"import", "programs"},
		{"import", "programs", "a.json", "b.json"},
		{"import", "programs", "--from-api"},
		{"import", "jobs", "--from-api", "x.json"},
		{"import", "jobs", "--format", "places-csv", "x.csv"},
		{"import", "--no-such-flag", "jobs", "x.json"},
		{"import", "--max-size", "lots", "jobs", "x.json"},
		{"import", "--max-size", "0", "jobs", "x.json"},
	} {
		_, stderr, err := dasi(t, env, "", args...)
		if !errors.Is(err, errUsage) || !strings.Contains(stderr, "usage:") {
			t.Errorf("%q: err = %v, stderr %q; want the usage", args, err, stderr)
		}
	}
	if _, err := os.Stat(env["DASI_DB"]); err == nil {
		t.Error("a usage error created the database")
	}
}

func TestImportCommandFromAPI(t *testing.T) {
	var calls []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls = append(calls, r.URL.Path)
		if !strings.HasPrefix(r.URL.Path, "/the-key/json/GetJobInfo/") {
			io.WriteString(w, `{"RESULT":{"CODE":"INFO-100","MESSAGE":"인증키가 유효하지 않습니다."}}`)
			return
		}
		fmt.Fprint(w, `{"GetJobInfo":{"list_total_count":1,"RESULT":{"CODE":"INFO-000","MESSAGE":"정상 처리되었습니다"},"row":[`+
			`{"JO_REGIST_NO":"K1","JO_SJ":"경비원 모집","WORK_PARAR_BASS_ADRES_CN":"서울 은평구","RCEPT_CLOS_NM":"마감일 (2026-09-26)"}]}}`)
	}))
	defer srv.Close()
	env := map[string]string{
		"DASI_DB": filepath.Join(t.TempDir(), "t.db"), "DASI_NOW": "2026-07-26",
		"SEOUL_API_URL": srv.URL, "SEOUL_API_KEY": "the-key",
	}
	// Two openings from an earlier GetJobInfo file, which the API no longer lists.
	if _, stderr, err := dasi(t, env, "", "import", "jobs", fixture("getjobinfo.json")); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	stdout, stderr, err := dasi(t, env, "", "import", "jobs", "--from-api")
	if err != nil || lastLine(stdout) != "added=1 updated=0 unchanged=0 expired=0 rejected=0 skipped=0" {
		t.Fatalf("from-api: %q, %v\n%s", stdout, err, stderr)
	}
	if !strings.Contains(stdout, "2 items this listing lacks are kept for now, removed if the next listing lacks them too") {
		t.Errorf("stdout does not say the 2 unlisted openings wait for the next listing:\n%s", stdout)
	}
	if len(calls) != 1 || calls[0] != "/the-key/json/GetJobInfo/1/1000/" {
		t.Errorf("calls %q", calls)
	}
	// The next listing lacks them too: they go.
	if stdout, stderr, err = dasi(t, env, "", "import", "jobs", "--from-api"); err != nil ||
		!strings.Contains(stdout, "removed 2 items the last two listings lacked") {
		t.Errorf("second from-api: %q, %v\n%s", stdout, err, stderr)
	}
	calls = nil
	env["SEOUL_API_KEY"] = "wrong-key"
	_, _, err = dasi(t, env, "", "import", "jobs", "--from-api")
	if err == nil || !strings.Contains(err.Error(), "INFO-100") || strings.Contains(err.Error(), "wrong-key") {
		t.Errorf("wrong key: %v", err)
	}
	delete(env, "SEOUL_API_KEY")
	_, _, err = dasi(t, env, "", "import", "jobs", "--from-api")
	if err == nil || !strings.Contains(err.Error(), "SEOUL_API_KEY") {
		t.Errorf("no key: %v", err)
	}
}

// TestImportCommandRealLectures is the acceptance: every course of
// the real crawl is read, none rejected; the 90 that are resident
// services, children's or hobby classes are skipped, each said on
// standard error; the others are stored, all past their deadlines at the
// date of writing; running it again adds nothing.
func TestImportCommandRealLectures(t *testing.T) {
	lectures := sharedtest.Data(t, "50plus/lectures.json")
	env := map[string]string{"DASI_DB": filepath.Join(t.TempDir(), "t.db"), "DASI_NOW": "2026-11-23"}
	for i, want := range []string{
		"added=0 updated=0 unchanged=0 expired=153 rejected=0 skipped=90",
		"added=0 updated=0 unchanged=0 expired=153 rejected=0 skipped=90",
	} {
		stdout, stderr, err := dasi(t, env, "", "import", "programs", lectures)
		if err != nil || lastLine(stdout) != want {
			t.Errorf("run %d: %q, %v", i+1, lastLine(stdout), err)
		}
		lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		if len(lines) != 90 {
			t.Errorf("run %d: %d lines on standard error, want one per skipped course", i+1, len(lines))
		}
		for _, l := range lines {
			if !strings.HasSuffix(l, "not work, training or a plan for later life (skipped)") {
				t.Errorf("run %d: stderr line %q", i+1, l)
			}
		}
	}
}

// TestImportFromAPINeverShowsTheKey reproduces the Seoul API key shown in an
// error when the upstream echoed the request path: in an error envelope, in
// a row's text that a reject quotes, and in a broken answer, the key is
// replaced wherever it appears.
func TestImportFromAPINeverShowsTheKey(t *testing.T) {
	const key = "6b4c7a2e5f1d9a3b8c0e" // the form of a Seoul Open API key
	answer := ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, strings.ReplaceAll(answer, "PATH", r.URL.Path))
	}))
	defer srv.Close()
	env := map[string]string{"DASI_DB": filepath.Join(t.TempDir(), "t.db"), "DASI_NOW": "2026-07-26", "SEOUL_API_URL": srv.URL, "SEOUL_API_KEY": key}
	for _, tc := range []struct {
		name, answer string
		echoed       bool // the message shows what the API answered
	}{
		{"error envelope", `{"RESULT":{"CODE":"ERROR-500","MESSAGE":"잘못된 요청입니다: PATH"}}`, true},
		{"a reject quoting a row", `{"GetJobInfo":{"list_total_count":2,"RESULT":{"CODE":"INFO-000","MESSAGE":"ok"},"row":[` +
			`{"JO_REGIST_NO":"K1","JO_SJ":"경비원","RCEPT_CLOS_NM":"마감일 (2026-09-26)"},{"JO_REGIST_NO":"K2","JO_SJ":"청소원","JO_REG_DT":"PATH"}]}}`, true},
		{"a broken answer", `{"GetJobInfo":{"row":[PATH]}}`, false},
	} {
		answer = tc.answer
		stdout, stderr, err := dasi(t, env, "", "import", "jobs", "--from-api")
		all := stdout + stderr + fmt.Sprint(err)
		if strings.Contains(all, key) {
			t.Errorf("%s: the key is shown:\n%s", tc.name, all)
		}
		if tc.echoed && !strings.Contains(all, "<SEOUL_API_KEY>") {
			t.Errorf("%s: the echo is not shown with the key replaced:\n%s", tc.name, all)
		}
	}
}
