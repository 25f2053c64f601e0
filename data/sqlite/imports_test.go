package sqlite

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
)

// goalsOf returns the set of the given goals.
func goalsOf(gs ...data.Goal) data.Goals {
	var s data.Goals
	for _, g := range gs {
		s = s.With(g)
	}
	return s
}

// demoDay is the DASI_NOW of the demo: the day the 50플러스 crawl
// was taken.
const demoDay data.Date = 20260726

// fixture returns the path of a sample of a source's format: the
// importers' own, in data/imports/testdata, which these tests import
// through the store.
func fixture(name string) string { return filepath.Join("..", "imports", "testdata", name) }

// importFile imports the fixture name as kind on demoDay.
func importFile(t *testing.T, s *Store, kind imports.Kind, name, format string) (imports.Report, error) {
	t.Helper()
	b, err := os.ReadFile(fixture(name))
	if err != nil {
		t.Fatal(err)
	}
	return imports.File(context.Background(), s, bytes.NewReader(b), imports.Options{Kind: kind, Format: format, File: name, Today: demoDay})
}

func rejectLines(rep imports.Report) []string {
	var out []string
	for _, r := range rep.Rejects {
		out = append(out, r.String())
	}
	return out
}

func programByID(t *testing.T, s *Store, id string) data.Program {
	t.Helper()
	for _, p := range catalogPrograms(t, s) {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no program %s", id)
	return data.Program{}
}

func jobByID(t *testing.T, s *Store, id string) data.Job {
	t.Helper()
	js, err := loadJobs(context.Background(), s.db)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range js {
		if j.ID == id {
			return j
		}
	}
	t.Fatalf("no job %s", id)
	return data.Job{}
}

func TestImportFormats(t *testing.T) {
	tests := []struct {
		kind    imports.Kind
		file    string
		format  string // detected
		counts  string
		rejects []string
		check   func(t *testing.T, s *Store)
	}{
		{
			kind: imports.Programs, file: "lectures.json", format: imports.Format50PlusLectures,
			counts: "added=2 updated=0 unchanged=0 expired=2 rejected=4 skipped=0",
			rejects: []string{
				`lectures.json:record 4: registEndDate: "261340" is not a real day`,
				`lectures.json:record 5: title: missing`,
				`lectures.json:record 6: cost: "삼만원" is not an amount of won`,
				`lectures.json:record 7: cost: want text, found an object`,
			},
			check: func(t *testing.T, s *Store) {
				p := programByID(t, s, "50plus-1001")
				want := data.Program{
					ID: "50plus-1001", Title: "[인생설계] 나를 찾는 글쓰기", Category: "인생설계", Goals: goalsOf(data.GoalLife),
					Provider: "서대문50플러스센터", PlaceID: "ctr_seodaemun", District: data.DistrictByName("서대문구"),
					Cost: 0, CostText: "무료", Schedule: "2026-08-05~2026-08-26 · 4회 · 2026년 여름학기",
					ApplyStart: 20260701, ApplyEnd: 20260731, Start: 20260805, End: 20260826, Keywords: "인생설계 교육사업",
					Source: data.Source{Format: imports.Format50PlusLectures, ID: "1001", URL: "https://www.50plus.or.kr/education-detail.do?id=1001", ImportedAt: demoDay},
				}
				if p != want {
					t.Errorf("course 1001:\n got %+v\nwant %+v", p, want)
				}
				p = programByID(t, s, "50plus-1002")
				if p.Title != "[AI디지털교육] 스마트폰으로 배우는 엑셀" || p.Category != "AI(기초)" || p.Goals != goalsOf(data.GoalDigital) ||
					p.PlaceID != "c50_west" || p.District.Name() != "은평구" || p.Cost != 36000 || p.CostText != "36,000원" {
					t.Errorf("course 1002 = %+v", p)
				}
				p = programByID(t, s, "50plus-1003")
				// "[일활동] 카페 창업 준비반": a course towards a business of
				// one's own, whatever faculty it is filed under.
				if p.Category != "일활동" || p.Goals != goalsOf(data.GoalStartup) || !p.Online || p.Cost != 15000 || p.District.Name() != "용산구" {
					t.Errorf("course 1003 = %+v", p)
				}
				p = programByID(t, s, "50plus-1008")
				if p.Category != "노후준비" || p.Goals != goalsOf(data.GoalLife) || p.Provider != "어딘가센터" || p.PlaceID != "" || p.District != 0 {
					t.Errorf("course 1008 = %+v", p)
				}
			},
		},
		{
			kind: imports.Programs, file: "openapi.json", format: imports.Format50PlusOpenAPI,
			counts:  "added=2 updated=0 unchanged=0 expired=0 rejected=1 skipped=0",
			rejects: []string{`openapi.json:record 3: crEndDe: 2026-09-01 is before the start 2026-09-30`},
			check: func(t *testing.T, s *Store) {
				var kiosk, online data.Program
				for _, p := range catalogPrograms(t, s) {
					switch p.Source.Format {
					case imports.Format50PlusOpenAPI:
						if p.Online {
							online = p
						} else {
							kiosk = p
						}
					}
				}
				if kiosk.PlaceID != "c50_central" || kiosk.Goals != goalsOf(data.GoalDigital) || kiosk.Cost != 0 ||
					kiosk.ApplyEnd != 20260804 || kiosk.Source.URL != "" || !strings.Contains(kiosk.Source.Note, "education/list") {
					t.Errorf("kiosk course = %+v", kiosk)
				}
				if online.Cost != 20000 || online.Start != 20260901 || online.PlaceID != "c50_south" {
					t.Errorf("online course = %+v", online)
				}
			},
		},
		{
			kind: imports.Jobs, file: "announcements.json", format: imports.Format50PlusAnnouncements,
			counts: "added=2 updated=0 unchanged=0 expired=1 rejected=2 skipped=0",
			rejects: []string{
				`announcements.json:record 3: BIZ_SE: IN49001 is not a kind dasi imports (IN49008 민간채용공고, IN49009 직업훈련)`,
				`announcements.json:record 4: APPDURNG_STED: "2026-07-01 부터": want START~END`,
			},
			check: func(t *testing.T, s *Store) {
				j := jobByID(t, s, "50plusann-501")
				if j.Wage != "시급 12,000원" || j.Career != "경력무관" || j.Deadline != 20260831 || j.Posted != 20260720 ||
					j.OccupationCode != "IN59001" || j.Source.URL != "https://www.50plus.or.kr/in_appView.do?ANN_NO=501" {
					t.Errorf("job 501 = %+v", j)
				}
				j = jobByID(t, s, "50plusann-505")
				if j.District.Name() != "종로구" || j.Wage != "급여 2,374,116원" || j.Career != "경력" {
					t.Errorf("job 505 = %+v", j)
				}
				p := programByID(t, s, "50plusann-502")
				if p.Category != "직업훈련" || !p.Goals.Has(data.GoalTrain) || !p.Goals.Has(data.GoalDigital) || p.PlaceID != "c50_east" ||
					p.District.Name() != "광진구" || p.Start != 20260901 || p.ApplyEnd != 20260816 || p.Cost != -1 {
					t.Errorf("training 502 = %+v", p)
				}
			},
		},
		{
			kind: imports.Jobs, file: "getjobinfo.json", format: imports.FormatGetJobInfo,
			counts: "added=2 updated=0 unchanged=0 expired=0 rejected=2 skipped=0",
			rejects: []string{
				`getjobinfo.json:record 3: RCEPT_CLOS_NM: "마감일 (2026-02-30)" is not a real day`,
				`getjobinfo.json:record 4: JO_SJ: missing`,
			},
			check: func(t *testing.T, s *Store) {
				j := jobByID(t, s, "seoul-K000000000000001")
				want := data.Job{
					ID: "seoul-K000000000000001", Title: "방학동 어르신 댁 요양보호사", Company: "가나 재가복지센터",
					OccupationCode: "550100", Occupation: "요양보호사", District: data.DistrictByName("도봉구"),
					Address: "서울 도봉구 802호", Wage: "시급 10,320원", Employment: "상용직(시간제)", Career: "관계없음",
					Hours: "(오전) 9시 ~ (오후) 1시 · 주5일근무 · 주 20시간", Posted: 20260720, Deadline: 20260926,
					Licence: "요양보호사", // a 요양보호사 post needs the certificate
					Source: data.Source{Format: imports.FormatGetJobInfo, ID: "K000000000000001", ImportedAt: demoDay,
						URL: "https://www.work24.go.kr/wk/a/b/1500/empDetailAuthView.do?infoTypeCd=VALIDATION&infoTypeGroup=tb_workinfoworknet&wantedAuthNo=K000000000000001"},
				}
				if j != want {
					t.Errorf("row 1:\n got %+v\nwant %+v", j, want)
				}
				j = jobByID(t, s, "seoul-H000000000000002")
				if j.Address != "서울 동대문구" || j.District.Name() != "동대문구" || j.Deadline != 0 || j.Wage != "월급 2,300,000원" ||
					j.Source.URL != "" || j.Source.Note == "" {
					t.Errorf("row 2 = %+v", j)
				}
			},
		},
		{
			kind: imports.Jobs, file: "getjobinfo.xml", format: imports.FormatGetJobInfo,
			counts:  "added=1 updated=0 unchanged=0 expired=0 rejected=1 skipped=0",
			rejects: []string{`getjobinfo.xml:record 2: JO_REG_DT: "2026-07-1" is not a date: want YYYY-MM-DD`},
			check: func(t *testing.T, s *Store) {
				j := jobByID(t, s, "seoul-K000000000000011")
				if j.District.Name() != "은평구" || j.Wage != "시급 10,320원" || j.Deadline != 20260830 {
					t.Errorf("XML row 1 = %+v", j)
				}
			},
		},
		{
			kind: imports.Jobs, file: "work24.xml", format: imports.FormatWork24,
			counts:  "added=1 updated=0 unchanged=0 expired=0 rejected=1 skipped=0",
			rejects: []string{`work24.xml:record 2: closeDt: "2026-13-01" is not a real day`},
			check: func(t *testing.T, s *Store) {
				j := jobByID(t, s, "work24-K000000000000021")
				if j.Employment != "계약직(시간제)" || j.Address != "서울특별시 노원구 상계로 1" || j.District.Name() != "노원구" ||
					j.Wage != "월급 250만원 이상" || j.Deadline != 20260920 ||
					!strings.HasPrefix(j.Source.URL, "https://www.work24.go.kr/") || !strings.Contains(j.Source.URL, "K000000000000021") {
					t.Errorf("posting 1 = %+v", j)
				}
			},
		},
		{
			kind: imports.Programs, file: "programs.csv", format: imports.FormatProgramsCSV,
			counts: "added=2 updated=0 unchanged=0 expired=0 rejected=6 skipped=0",
			rejects: []string{
				`programs.csv:line 4: goals: "fishing" is not a goal (job train startup digital social life)`,
				`programs.csv:line 5: district: "부산진구" is not one of Seoul's 25 districts`,
				`programs.csv:line 6: url: either url or source_note is required: every program keeps its source`,
				`programs.csv:line 7: apply_end: "2026-02-30": want YYYY-MM-DD`,
				`programs.csv:line 8: record: 3 fields, want 21`,
				`programs.csv:line 9: max_age: 50 is below min_age 60`,
			},
			check: func(t *testing.T, s *Store) {
				p := programByID(t, s, "test-digital")
				if p.PlaceID != "c50_west" || p.District.Name() != "은평구" || p.MinAge != 50 || !p.SeoulOnly || p.Cost != 0 ||
					p.CostText != "무료" || p.ApplyEnd != 20260831 || p.Source.Format != imports.FormatProgramsCSV || p.Source.URL != "https://example.org/digital" {
					t.Errorf("test-digital = %+v", p)
				}
				p = programByID(t, s, "test-life")
				if p.Title != "인생 후반 설계, 함께 해요" || p.Goals != goalsOf(data.GoalLife, data.GoalDigital) || p.District.Name() != "은평구" ||
					p.MinAge != 40 || p.MaxAge != 64 || p.Cost != -1 || p.Source.Note != "seeds/000_test.txt (테스트신문 2026-01-01)" {
					t.Errorf("test-life = %+v", p)
				}
			},
		},
		{
			kind: imports.Places, file: "places.csv", format: imports.FormatPlacesCSV,
			counts:  "added=3 updated=0 unchanged=0 expired=0 rejected=1 skipped=0",
			rejects: []string{`places.csv:line 4: lat: give both lat and lon, or neither`},
			check: func(t *testing.T, s *Store) {
				cat, err := s.Catalog(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if p, ok := cat.Place("ctr_dosim"); !ok || p.Status != data.PlaceClosed {
					t.Errorf("a closed place in an import must be stored as closed: %+v, %v", p, ok)
				}
				if p, _ := cat.Place("test_center"); p.At != (data.LatLon{Lat: 37.55, Lon: 126.91}) || p.District.Name() != "마포구" || p.Source.Note == "" {
					t.Errorf("test_center = %+v", p)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s, _ := openTest(t)
			v0, _ := s.CatalogVersion(context.Background())
			rep, err := importFile(t, s, tt.kind, tt.file, "")
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if rep.Format != tt.format {
				t.Errorf("format %q, want %q", rep.Format, tt.format)
			}
			if got := rep.String(); got != tt.counts {
				t.Errorf("counts %s\n      want %s", got, tt.counts)
			}
			if got := rejectLines(rep); !slices.Equal(got, tt.rejects) {
				t.Errorf("rejects:\n got %q\nwant %q", got, tt.rejects)
			}
			if v1, _ := s.CatalogVersion(context.Background()); v1 <= v0 {
				t.Errorf("CatalogVersion %d -> %d: an import must move it", v0, v1)
			}
			tt.check(t, s)

			// The same file again adds nothing and changes nothing.
			again, err := importFile(t, s, tt.kind, tt.file, "")
			if err != nil {
				t.Fatalf("second import: %v", err)
			}
			if again.Added != 0 || again.Updated != 0 || again.Rejected != rep.Rejected ||
				again.Unchanged+again.Expired != rep.Added+rep.Updated+rep.Unchanged+rep.Expired {
				t.Errorf("second import %s after %s: want nothing added or updated", again, rep)
			}
		})
	}
}

func TestImportCountsUpdatesAndExpiry(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	csv := func(title, applyEnd string) string {
		return strings.Join(imports.ProgramsCSVHeader, ",") + "\n" +
			"t1," + title + ",기타,job,,,,,,,,,,,," + applyEnd + ",,,,https://example.org/t1,\n"
	}
	imp := func(body string, today data.Date) imports.Report {
		t.Helper()
		rep, err := imports.File(ctx, s, strings.NewReader(body), imports.Options{Kind: imports.Programs, File: "-", Today: today})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	if got := imp(csv("하나", "2026-08-31"), demoDay).String(); got != "added=1 updated=0 unchanged=0 expired=0 rejected=0 skipped=0" {
		t.Errorf("first: %s", got)
	}
	if got := imp(csv("하나", "2026-08-31"), demoDay).String(); got != "added=0 updated=0 unchanged=1 expired=0 rejected=0 skipped=0" {
		t.Errorf("same again: %s", got)
	}
	if got := imp(csv("둘", "2026-08-31"), demoDay).String(); got != "added=0 updated=1 unchanged=0 expired=0 rejected=0 skipped=0" {
		t.Errorf("changed title: %s", got)
	}
	if p := programByID(t, s, "t1"); p.Title != "둘" {
		t.Errorf("the update did not replace the title: %q", p.Title)
	}
	if got := imp(csv("둘", "2026-08-31"), 20260901).String(); got != "added=0 updated=0 unchanged=0 expired=1 rejected=0 skipped=0" {
		t.Errorf("past its deadline: %s", got)
	}
	// A course that ended while applications were still open is as
	// expired as matching judges it: it will never be recommended.
	ended := strings.Join(imports.ProgramsCSVHeader, ",") + "\n" +
		"t2,끝난 과정,기타,job,,,,,,,,,,,,2026-08-31,2026-07-01,2026-07-20,,https://example.org/t2,\n"
	if got := imp(ended, demoDay).String(); got != "added=0 updated=0 unchanged=0 expired=1 rejected=0 skipped=0" {
		t.Errorf("ended course: %s", got)
	}
	cat, err := s.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range cat.Match(data.Query{Today: demoDay, Limit: 100}).Programs {
		if h.Program.ID == "t2" {
			t.Error("the ended course t2 is recommended")
		}
	}
	// A duplicate id in one file is rejected, naming the first.
	dup := csv("셋", "") + "t1,넷,기타,job,,,,,,,,,,,,,,,,https://example.org/t1,\n"
	rep := imp(dup, demoDay)
	if got := rejectLines(rep); !slices.Equal(got, []string{"-:line 3: id: t1 is already in record 2 of this file"}) {
		t.Errorf("duplicate: %q", got)
	}
}

// fingerprint summarises everything an import can change.
func fingerprint(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"places", "programs", "jobs"} {
		var n int64
		var rows string
		q := `SELECT count(*), coalesce(group_concat(r, ','), '') FROM (SELECT id || ':' || content_hash AS r FROM ` + table + ` ORDER BY id)`
		if err := s.db.QueryRow(q).Scan(&n, &rows); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d/%x ", table, n, fnvString(rows))
	}
	v, err := s.CatalogVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "version=%d", v)
	return b.String()
}

func fnvString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(fixture(name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImportOfAnUnusableFileChangesNothing(t *testing.T) {
	lectures := readFixture(t, "lectures.json")
	jobsJSON := readFixture(t, "getjobinfo.json")
	jobsXML := readFixture(t, "getjobinfo.xml")
	programs := readFixture(t, "programs.csv")
	tests := []struct {
		name   string
		kind   imports.Kind
		format string
		body   string
		want   []string // substrings of the error
	}{
		{"truncated lectures", imports.Programs, "", lectures[:len(lectures)*2/3], []string{"x.json: truncated: the file ends in record", "nothing was imported"}},
		{"truncated GetJobInfo", imports.Jobs, "", jobsJSON[:strings.Index(jobsJSON, "마바")], []string{"truncated", "record 3"}},
		{"truncated GetJobInfo XML", imports.Jobs, "", jobsXML[:strings.Index(jobsXML, "카타")], []string{"truncated"}},
		{"truncated CSV in a quoted field", imports.Programs, "", programs[:strings.Index(programs, "함께")], []string{"line 3", "nothing was imported"}},
		{"INFO-200", imports.Jobs, "", `{"RESULT":{"CODE":"INFO-200","MESSAGE":"해당하는 데이터가 없습니다."}}`, []string{"INFO-200", "해당하는 데이터가 없습니다."}},
		{"ERROR-336 in the envelope", imports.Jobs, "", `{"GetJobInfo":{"list_total_count":0,"RESULT":{"CODE":"ERROR-336","MESSAGE":"데이터요청은 한번에 최대 1000건을 넘을 수 없습니다."}}}`, []string{"ERROR-336", "최대 1000건"}},
		{"error after good rows", imports.Jobs, "", `{"GetJobInfo":{"row":[{"JO_REGIST_NO":"K1","JO_SJ":"좋은 일자리","RCEPT_CLOS_NM":"마감일 (2026-09-26)"}],"RESULT":{"CODE":"ERROR-500","MESSAGE":"서버 오류입니다"}}}`, []string{"ERROR-500", "서버 오류"}},
		{"INFO-200 in XML", imports.Jobs, "", `<?xml version="1.0" encoding="UTF-8"?><RESULT><CODE>INFO-200</CODE><MESSAGE>해당하는 데이터가 없습니다.</MESSAGE></RESULT>`, []string{"INFO-200"}},
		{"고용24 error", imports.Jobs, "", `<?xml version="1.0"?><error>인증키가 유효하지 않습니다</error>`, []string{"인증키가 유효하지 않습니다"}},
		{"고용24 messageCd", imports.Jobs, "", `<wantedRoot><messageCd>006</messageCd><messageNm>요청 변수 오류</messageNm></wantedRoot>`, []string{"006", "요청 변수 오류"}},
		{"50플러스 Open API header", imports.Programs, "", `{"response":{"header":{"resultCode":"30","resultMsg":"SERVICE KEY IS NOT REGISTERED ERROR."}}}`, []string{"30", "SERVICE KEY"}},
		{"unknown JSON", imports.Programs, "", `{"data":[{"id":1}]}`, []string{"unknown format"}},
		{"wrong envelope for the forced format", imports.Jobs, imports.FormatGetJobInfo, lectures, []string{"no \"GetJobInfo\""}},
		{"a jobs file as programs", imports.Programs, "", jobsJSON, []string{"getjobinfo", "dasi import jobs"}},
		{"empty", imports.Programs, "", "  \n", []string{"empty"}},
		{"not JSON, XML or CSV", imports.Places, "", "hello\nworld\n", []string{"unknown format"}},
		{"CSV in Latin-1", imports.Programs, "", strings.Join(imports.ProgramsCSVHeader, ",") + "\nt1,ok,x,job,,,,,,,,,,,,,,,,https://example.org/t1,\nt2,caf\xe9 cr\xe8me,x,job,,,,,,,,,,,,,,,,https://example.org/t2,\n",
			[]string{"line 3: title: not UTF-8 or EUC-KR text", "nothing was imported"}},
		{"JSON in Latin-1", imports.Jobs, "", `{"GetJobInfo":{"row":[{"JO_REGIST_NO":"K1","JO_SJ":"ok"},{"JO_REGIST_NO":"K2","JO_SJ":"caf` + "\xe9" + ` cr` + "\xe8" + `me"}]}}`,
			[]string{"record 2: JO_SJ: not UTF-8 or EUC-KR text", "nothing was imported"}},
		{"XML declared UTF-8 holding EUC-KR", imports.Jobs, "", `<?xml version="1.0" encoding="UTF-8"?><GetJobInfo><row><JO_REGIST_NO>K1</JO_REGIST_NO><JO_SJ>` + "\xbc\xad\xbf\xef" + `</JO_SJ></row></GetJobInfo>`,
			[]string{"record 1: JO_SJ: not UTF-8 or EUC-KR text"}},
		{"XML in an encoding dasi does not read", imports.Jobs, "", `<?xml version="1.0" encoding="ISO-8859-1"?><GetJobInfo><row><JO_SJ>caf` + "\xe9" + `</JO_SJ></row></GetJobInfo>`,
			[]string{"ISO-8859-1", "UTF-8 and EUC-KR"}},
		{"U+FFFD already in the text", imports.Jobs, "", `{"GetJobInfo":{"row":[{"JO_REGIST_NO":"K1","JO_SJ":"\ufffd\ufffd 채용"}]}}`, []string{"record 1: JO_SJ", "U+FFFD"}},
		{"CSV with an unknown column", imports.Programs, "", strings.Replace(programs, "source_note", "sources", 1), []string{"line 1", "sources"}},
		{"trailing garbage", imports.Programs, "", lectures + "\n{}", []string{"after the JSON document"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTest(t)
			before := fingerprint(t, s)
			rep, err := imports.File(context.Background(), s, strings.NewReader(tt.body),
				imports.Options{Kind: tt.kind, Format: tt.format, File: "x.json", Today: demoDay})
			if err == nil {
				t.Fatalf("no error; report %s %q", rep, rejectLines(rep))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if !strings.HasPrefix(err.Error(), "x.json: ") {
				t.Errorf("error %q does not start with the file name", err)
			}
			if after := fingerprint(t, s); after != before {
				t.Errorf("the catalog changed: %s -> %s", before, after)
			}
		})
	}
}

func TestAPIErrorIsTyped(t *testing.T) {
	s, _ := openTest(t)
	_, err := imports.File(context.Background(), s, strings.NewReader(`{"RESULT":{"CODE":"INFO-100","MESSAGE":"인증키가 유효하지 않습니다."}}`),
		imports.Options{Kind: imports.Jobs, File: "-", Today: demoDay})
	var ae *imports.APIError
	if !errors.As(err, &ae) || ae.Code != "INFO-100" {
		t.Errorf("err = %v, want an *APIError INFO-100", err)
	}
	_, err = imports.File(context.Background(), s, strings.NewReader(`{"x":1}`), imports.Options{Kind: imports.Jobs, File: "-"})
	if !errors.Is(err, imports.ErrUnknownFormat) {
		t.Errorf("err = %v, want ErrUnknownFormat", err)
	}
}

// TestCSVInEUCKRIsDecoded imports a file whose first 64 KB are plain
// ASCII, so that it is recognised as CSV before any Korean is seen, and
// whose last row was written in EUC-KR (Excel's plain "CSV"): the encoding
// is told at its first Korean byte, and the row is stored as the Korean it
// is. Before, such a row was rejected as "not UTF-8".
func TestCSVInEUCKRIsDecoded(t *testing.T) {
	s, _ := openTest(t)
	var b strings.Builder
	b.WriteString(strings.Join(imports.ProgramsCSVHeader, ",") + "\n")
	for i := 0; b.Len() < 70<<10; i++ {
		fmt.Fprintf(&b, "p%d,Excel basics %d,office,job,,,,,,,,,,,,,,,,https://example.org/p%d,\n", i, i, i)
	}
	b.WriteString("euckr,\xbc\xad\xbf\xef \xb0\xfa\xc1\xa4,office,job,,,,,,,,,,,,,,,,https://example.org/e,\n")
	rep, err := imports.File(context.Background(), s, strings.NewReader(b.String()), imports.Options{Kind: imports.Programs, File: "e.csv", Today: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	if lines := rejectLines(rep); len(lines) != 0 {
		t.Errorf("rejects %q, want none", lines)
	}
	if p := programByID(t, s, "euckr"); p.Title != "서울 과정" {
		t.Errorf("title %q, want 서울 과정", p.Title)
	}
}

func TestProgramsCSVDistrictOnly(t *testing.T) {
	s, _ := openTest(t)
	body := strings.Join(imports.ProgramsCSVHeader, ",") + ",district_only\n" +
		"eunpyeong-store,온라인스토어 창업교육,창업,startup,은평구청,,은평구,,,,,0,,,,,,,,https://example.org/e,,y\n" +
		"nowhere-only,구가 없는 구민 과정,창업,startup,,,,,,,,,,,,,,,,https://example.org/n,,y\n"
	rep, err := imports.File(context.Background(), s, strings.NewReader(body), imports.Options{Kind: imports.Programs, File: "d.csv", Today: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	if got := rejectLines(rep); !slices.Equal(got, []string{"d.csv:line 3: district_only: y needs the district (or a place_id in one)"}) {
		t.Errorf("rejects %q", got)
	}
	if p := programByID(t, s, "eunpyeong-store"); !p.DistrictOnly || p.District.Name() != "은평구" {
		t.Errorf("eunpyeong-store = %+v: the residence rule was lost", p)
	}
}

func TestRowHashSeesEveryColumn(t *testing.T) {
	base := []any{"ab", "c", int64(7), 3, true, 37.5, nil}
	h := rowHash(base)
	for i, other := range []any{"ab ", "", int64(8), 4, false, 37.50001, ""} {
		cols := slices.Clone(base)
		cols[i] = other
		if rowHash(cols) == h {
			t.Errorf("column %d: %v -> %v leaves the hash unchanged", i, base[i], other)
		}
	}
	if rowHash([]any{"a", "bc"}) == rowHash([]any{"ab", "c"}) {
		t.Error(`"a","bc" and "ab","c" hash alike`)
	}
	if rowHash(slices.Clone(base)) != h {
		t.Error("the same columns hash differently")
	}
}
