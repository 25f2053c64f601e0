package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/korean"

	"github.com/dasi-seoul/dasi/data/imports"
)

// jobRow is one GetJobInfo row with the given id and title.
func jobRow(id, title string) string {
	return fmt.Sprintf(`{"JO_REGIST_NO":%q,"JO_SJ":%q,"RCEPT_CLOS_NM":"마감일 (2026-09-26)","WORK_PARAR_BASS_ADRES_CN":"서울 은평구"}`, id, title)
}

// getJobInfo wraps rows in the GetJobInfo envelope.
func getJobInfo(rows ...string) string {
	return `{"GetJobInfo":{"list_total_count":` + fmt.Sprint(len(rows)) + `,"RESULT":{"CODE":"INFO-000","MESSAGE":"ok"},"row":[` + strings.Join(rows, ",") + `]}}`
}

// programRow is one row of the programs template with the given id, title
// and schedule.
func programRow(id, title, schedule string) string {
	return fmt.Sprintf("%s,%s,office,job,,,,,,,,,,%s,,,,,,https://example.org/%s,\n", id, title, schedule, id)
}

// TestImportRejectsWhatIsOverALimit reproduces the import of a CSV row
// whose title held 10 MB (it reached the first results page, and one 더 보기
// sent 857 messages) and of a 200 MB JSON record (1.13 GB of memory, and
// stored): each record over a limit is rejected, naming the field and the
// limit, and the others are imported.
func TestImportRejectsWhatIsOverALimit(t *testing.T) {
	tenMB := strings.Repeat("가", 10<<20/3)
	tests := []struct {
		name    string
		kind    imports.Kind
		body    string
		stored  []string // ids that are stored
		rejects []string
	}{
		{"CSV", imports.Programs, strings.Join(imports.ProgramsCSVHeader, ",") + "\n" +
			programRow("ok", "엑셀 기초", "매주 화요일") +
			programRow("huge", tenMB, "") +
			programRow("long", strings.Repeat("가", 301), "") +
			programRow("exact", strings.Repeat("가", 300), strings.Repeat("a", 4000)) +
			programRow("sched", "일정이 긴 과정", strings.Repeat("a", 4001)),
			[]string{"ok", "exact"},
			[]string{
				fmt.Sprintf("x:line 3: title: the record takes %s bytes, over the limit of 64 KB; this field alone takes %s", commas(len(programRow("huge", tenMB, ""))), commas(len(tenMB))),
				"x:line 4: title: 301 characters, over the limit of 300 for a title",
				"x:line 6: schedule: 4,001 characters, over the limit of 4,000 for text",
			}},
		{"GetJobInfo JSON", imports.Jobs, getJobInfo(jobRow("K1", "경비원"), jobRow("K2", tenMB), jobRow("K3", strings.Repeat("가", 301)), jobRow("K4", "청소원")),
			[]string{"seoul-K1", "seoul-K4"},
			[]string{
				fmt.Sprintf("x:record 2: JO_SJ: the record takes %s bytes, over the limit of 64 KB; this field alone takes %s", commas(len(jobRow("K2", tenMB))), commas(len(tenMB)+2)),
				"x:record 3: JO_SJ: 301 characters, over the limit of 300 for a title",
			}},
		{"GetJobInfo XML", imports.Jobs, `<GetJobInfo><row><JO_REGIST_NO>K1</JO_REGIST_NO><JO_SJ>경비원</JO_SJ></row>` +
			`<row><JO_REGIST_NO>K2</JO_REGIST_NO><JO_SJ>` + strings.Repeat("가", 301) + `</JO_SJ></row>` +
			`<row><JO_REGIST_NO>K3</JO_REGIST_NO><CMPNY_NM>` + strings.Repeat("a", 4001) + `</CMPNY_NM><JO_SJ>청소원</JO_SJ></row></GetJobInfo>`,
			[]string{"seoul-K1"},
			[]string{
				"x:record 2: JO_SJ: 301 characters, over the limit of 300 for a title",
				"x:record 3: CMPNY_NM: 4,001 characters, over the limit of 4,000 for text",
			}},
		{"50plus-lectures", imports.Programs, `{"content":[{"id":1,"title":"스마트폰 기초"},{"id":2,"title":"` + strings.Repeat("가", 301) + `"}]}`,
			[]string{"50plus-1"},
			[]string{"x:record 2: title: 301 characters, over the limit of 300 for a title"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTest(t)
			rep, err := imports.File(context.Background(), s, strings.NewReader(tt.body), imports.Options{Kind: tt.kind, File: "x", Today: demoDay})
			if err != nil {
				t.Fatal(err)
			}
			if got := rejectLines(rep); strings.Join(got, "\n") != strings.Join(tt.rejects, "\n") {
				t.Errorf("rejects:\n got %q\nwant %q", got, tt.rejects)
			}
			ids := map[string]string{}
			for _, p := range catalogPrograms(t, s) {
				ids[p.ID] = p.Title
			}
			js, err := loadJobs(context.Background(), s.db)
			if err != nil {
				t.Fatal(err)
			}
			for _, j := range js {
				ids[j.ID] = j.Title
			}
			for _, id := range tt.stored {
				if _, ok := ids[id]; !ok {
					t.Errorf("%s was not stored", id)
				}
			}
			for id, title := range ids {
				if len([]rune(title)) > imports.MaxTitle {
					t.Errorf("%s was stored with a title of %d characters", id, len([]rune(title)))
				}
			}
		})
	}
}

// TestImportOfAnXMLRowOverTheRecordLimit: encoding/xml holds a whole
// element before it returns it, so an XML row over 64 KB is not read to
// its end but refused with the file, naming the record.
func TestImportOfAnXMLRowOverTheRecordLimit(t *testing.T) {
	s, _ := openTest(t)
	before := fingerprint(t, s)
	body := `<GetJobInfo><row><JO_REGIST_NO>K1</JO_REGIST_NO><JO_SJ>경비원</JO_SJ></row><row><JO_SJ>` + strings.Repeat("a", 1<<20) + `</JO_SJ></row></GetJobInfo>`
	_, err := imports.File(context.Background(), s, strings.NewReader(body), imports.Options{Kind: imports.Jobs, File: "x.xml", Today: demoDay})
	if err == nil || !strings.Contains(err.Error(), "x.xml: record 2: larger than 64 KB") {
		t.Errorf("err = %v, want record 2 named over 64 KB", err)
	}
	if after := fingerprint(t, s); after != before {
		t.Errorf("the catalog changed: %s -> %s", before, after)
	}
}

// TestImportOfAFileOverMaxSize: a file larger than Options.MaxSize is
// refused whole, even when it is well formed up to the limit.
func TestImportOfAFileOverMaxSize(t *testing.T) {
	s, _ := openTest(t)
	before := fingerprint(t, s)
	var rows []string
	for i := range 2000 {
		rows = append(rows, jobRow(fmt.Sprintf("K%d", i), "경비원"))
	}
	body := getJobInfo(rows...)
	_, err := imports.File(context.Background(), s, strings.NewReader(body), imports.Options{Kind: imports.Jobs, File: "big.json", Today: demoDay, MaxSize: 64 << 10})
	if !errors.Is(err, imports.ErrTooLarge) || !strings.Contains(err.Error(), "big.json: the input is larger than the limit of 64KB") {
		t.Errorf("err = %v, want ErrTooLarge naming 64KB", err)
	}
	if after := fingerprint(t, s); after != before {
		t.Errorf("the catalog changed: %s -> %s", before, after)
	}
	// Exactly the limit is fine.
	rep, err := imports.File(context.Background(), s, strings.NewReader(body), imports.Options{Kind: imports.Jobs, File: "big.json", Today: demoDay, MaxSize: int64(len(body))})
	if err != nil || rep.Added != 2000 {
		t.Errorf("a file of exactly MaxSize: %s, %v", rep, err)
	}
}

// TestImportWhoseEveryRecordIsRejected reproduces a 20 MB file of {} rows:
// it exited 0, moved the catalog version, and kept every reject in memory
// (1.97 GB). Now it changes nothing and fails with ErrAllRejected, counts
// every reject and keeps the first MaxListed.
func TestImportWhoseEveryRecordIsRejected(t *testing.T) {
	s, _ := openTest(t)
	before := fingerprint(t, s)
	rows := make([]string, 250)
	for i := range rows {
		rows[i] = "{}"
	}
	rep, err := imports.File(context.Background(), s, strings.NewReader(getJobInfo(rows...)), imports.Options{Kind: imports.Jobs, File: "x.json", Today: demoDay})
	if !errors.Is(err, imports.ErrAllRejected) || !strings.Contains(err.Error(), "x.json: every record was rejected (250); nothing was imported") {
		t.Errorf("err = %v, want ErrAllRejected", err)
	}
	if rep.Rejected != 250 || len(rep.Rejects) != imports.MaxListed || rep.Rejects[99].N != 100 {
		t.Errorf("Rejected %d, %d rejects kept (last %+v); want 250 counted, the first 100 kept", rep.Rejected, len(rep.Rejects), rep.Rejects[len(rep.Rejects)-1])
	}
	if after := fingerprint(t, s); after != before {
		t.Errorf("the catalog changed: %s -> %s", before, after)
	}
	// One good row among them: imported, the rejects reported.
	rows[200] = jobRow("K1", "경비원")
	rep, err = imports.File(context.Background(), s, strings.NewReader(getJobInfo(rows...)), imports.Options{Kind: imports.Jobs, File: "x.json", Today: demoDay})
	if err != nil || rep.Added != 1 || rep.Rejected != 249 {
		t.Errorf("one good row: %s, %v", rep, err)
	}
}

// TestImportReadsEUCKR reproduces EUC-KR JSON stored as "������" and EUC-KR
// XML refused with "CharsetReader is nil": both are read as the Korean they
// are, detected in JSON, declared in XML; an EUC-KR XML with no
// declaration is read too.
func TestImportReadsEUCKR(t *testing.T) {
	euckr := func(s string) string {
		b, err := korean.EUCKR.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct{ name, body string }{
		{"JSON", euckr(getJobInfo(jobRow("K1", "방학동 요양보호사")))},
		{"XML declared", euckr(`<?xml version="1.0" encoding="EUC-KR"?><GetJobInfo><row><JO_REGIST_NO>K1</JO_REGIST_NO><JO_SJ>방학동 요양보호사</JO_SJ><WORK_PARAR_BASS_ADRES_CN>서울 도봉구</WORK_PARAR_BASS_ADRES_CN></row></GetJobInfo>`)},
		{"XML declared ks_c_5601-1987", euckr(`<?xml version="1.0" encoding="ks_c_5601-1987"?><GetJobInfo><row><JO_REGIST_NO>K1</JO_REGIST_NO><JO_SJ>방학동 요양보호사</JO_SJ></row></GetJobInfo>`)},
		{"XML undeclared", euckr(`<GetJobInfo><row><JO_REGIST_NO>K1</JO_REGIST_NO><JO_SJ>방학동 요양보호사</JO_SJ></row></GetJobInfo>`)},
		{"work24 declared", euckr(`<?xml version="1.0" encoding="euc-kr"?><wantedRoot><wanted><wantedAuthNo>K1</wantedAuthNo><title>방학동 요양보호사</title><regDt>20260801</regDt><closeDt>20260920</closeDt></wanted></wantedRoot>`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTest(t)
			if strings.Contains(tt.body, "방학동") {
				t.Fatal("the fixture is not EUC-KR")
			}
			rep, err := imports.File(context.Background(), s, strings.NewReader(tt.body), imports.Options{Kind: imports.Jobs, File: "x", Today: demoDay})
			if err != nil || rep.Added != 1 {
				t.Fatalf("%s, %v, rejects %q", rep, err, rejectLines(rep))
			}
			js, err := loadJobs(context.Background(), s.db)
			if err != nil {
				t.Fatal(err)
			}
			if len(js) != 1 || js[0].Title != "방학동 요양보호사" {
				t.Errorf("stored %+v", js)
			}
		})
	}
}

// TestImportOfRandomBytes: 200 MB of garbage on standard input was read
// whole (430 MB) before its format was checked. The format is now told from
// the first 64 KB, and the rest is never read.
func TestImportOfRandomBytes(t *testing.T) {
	s, _ := openTest(t)
	r := &countingReader{r: io.LimitReader(&noise{x: 1}, 200<<20)}
	_, err := imports.File(context.Background(), s, r, imports.Options{Kind: imports.Jobs, File: "-", Today: demoDay, SpoolDir: t.TempDir()})
	if !errors.Is(err, imports.ErrUnknownFormat) {
		t.Errorf("err = %v, want ErrUnknownFormat", err)
	}
	if r.n > 1<<20 {
		t.Errorf("read %d bytes of the garbage before refusing it", r.n)
	}
	// The same after a valid start: refused at the first bad byte.
	r = &countingReader{r: io.MultiReader(strings.NewReader(`{"GetJobInfo":{"row":[`), io.LimitReader(&noise{x: 7}, 200<<20))}
	_, err = imports.File(context.Background(), s, r, imports.Options{Kind: imports.Jobs, File: "-", Today: demoDay, SpoolDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "not valid JSON") && !strings.Contains(err.Error(), "not UTF-8") {
		t.Errorf("err = %v, want invalid JSON", err)
	}
}

// noise is an endless reader of pseudo-random bytes.
type noise struct{ x uint64 }

func (n *noise) Read(p []byte) (int, error) {
	for i := range p {
		n.x ^= n.x << 13
		n.x ^= n.x >> 7
		n.x ^= n.x << 17
		p[i] = byte(n.x)
	}
	return len(p), nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// commas writes n with commas, as the importers do: 10,485,759.
func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestImportOfSkipsAndRejectsIsNotAllRejected: records left out on purpose
// (a resident service, a children's class) are read, not rejected, so a
// file of skips and rejects imports as usual, counting both; only a file
// of rejects alone fails.
func TestImportOfSkipsAndRejectsIsNotAllRejected(t *testing.T) {
	s, _ := openTest(t)
	body := `{"content":[{"id":1,"title":"초등학생 코딩 교실"},{"id":2,"title":""},{"id":3,"title":"가전 무상수리"}]}`
	rep, err := imports.File(context.Background(), s, strings.NewReader(body), imports.Options{Kind: imports.Programs, File: "x", Today: demoDay})
	if err != nil || rep.Skipped != 2 || rep.Rejected != 1 || len(rep.Skips) != 2 {
		t.Errorf("%s, %v; want 2 skipped, 1 rejected, no error", rep, err)
	}
	// Skips are kept like rejects: the first 100, the rest counted.
	var rows []string
	for i := range 150 {
		rows = append(rows, fmt.Sprintf(`{"id":%d,"title":"초등학생 교실 %d"}`, 100+i, i))
	}
	rep, err = imports.File(context.Background(), s, strings.NewReader(`{"content":[`+strings.Join(rows, ",")+`]}`), imports.Options{Kind: imports.Programs, File: "x", Today: demoDay})
	if err != nil || rep.Skipped != 150 || len(rep.Skips) != imports.MaxListed {
		t.Errorf("%s, %d skips kept, %v; want 150 counted, 100 kept", rep, len(rep.Skips), err)
	}
}
