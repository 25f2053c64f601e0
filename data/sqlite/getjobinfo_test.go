package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
)

// writeJobInfoRows writes GetJobInfo rows start..end (1-based, inclusive)
// as JSON objects separated by commas. Row i is a posting in one of the 25
// districts whose deadline is 2026-09-(i%28+1).
func writeJobInfoRows(w io.Writer, start, end int) {
	names := data.Districts()
	for i := start; i <= end; i++ {
		if i > start {
			io.WriteString(w, ",")
		}
		d := names[i%len(names)].Name()
		fmt.Fprintf(w, `{"JO_REQST_NO":"H%015d","JO_REGIST_NO":"K%015d","CMPNY_NM":"회사 %d","BSNS_SUMRY_CN":"사업 요약",`+
			`"RCRIT_JSSFC_CMMN_CODE_SE":"%06d","JOBCODE_NM":"직종 %d","RCRIT_NMPR_CO":%d,"ACDMCR_CMMN_CODE_SE":"J00100","ACDMCR_NM":"관계없음",`+
			`"EMPLYM_STLE_CMMN_CODE_SE":"J01105","EMPLYM_STLE_CMMN_MM":"상용직(시간제)","WORK_PARAR_BASS_ADRES_CN":"서울 %s%d호","SUBWAY_NM":"",`+
			`"DTY_CN":"어르신 댁 방문, 신체활동·가사·정서 지원, 주 5일 하루 세 시간 근무하실 분을 찾습니다.",`+
			`"CAREER_CND_CMMN_CODE_SE":"J01300","CAREER_CND_NM":"관계없음","HOPE_WAGE":"시급 / %d원 ","RET_GRANTS_NM":"",`+
			`"WORK_TIME_NM":"(근무시간) (오전) 10시 30분 ~ (오후) 1시 30분","WORK_TM_NM":"","HOLIDAY_NM":"주5일근무","WEEK_WORK_HR":"15",`+
			`"JO_FEINSR_SBSCRB_NM":"","RCEPT_CLOS_NM":"마감일 (2026-09-%02d)","RCEPT_MTH_IEM_NM":"","MODEL_MTH_NM":"면접","RCEPT_MTH_NM":"전화",`+
			`"PRESENTN_PAPERS_NM":"이력서","MNGR_NM":"","MNGR_PHON_NO":"","MNGR_INSTT_NM":"","BASS_ADRES_CN":"서울특별시 %s",`+
			`"JO_SJ":"%s 요양보호사 %d번 모집","JO_REG_DT":"2026-07-%02d","GUI_LN":""}`,
			i, i, i, 550100+i%50, i%50, 1+i%3, d, i%900+1, 10320+i%500, i%28+1, d, d, i, i%28+1)
	}
}

// fakeSeoulAPI serves GetJobInfo pages of total rows, as the Seoul Open
// API does, and counts its calls. failAt, when set, is the START_INDEX of
// a page answered with an ERROR-500 envelope instead.
type fakeSeoulAPI struct {
	key    string
	total  int
	failAt int
	mu     sync.Mutex
	calls  []string
}

func (f *fakeSeoulAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// /{KEY}/json/GetJobInfo/{START}/{END}/
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	f.mu.Lock()
	f.calls = append(f.calls, strings.Join(parts[min(1, len(parts)):], "/"))
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	result := func(code, msg string) {
		fmt.Fprintf(w, `{"RESULT":{"CODE":%q,"MESSAGE":%q}}`, code, msg)
	}
	if len(parts) != 5 || parts[1] != "json" || parts[2] != "GetJobInfo" {
		result("ERROR-310", "해당하는 서비스를 찾을 수 없습니다.")
		return
	}
	if parts[0] != f.key {
		result("INFO-100", "인증키가 유효하지 않습니다.")
		return
	}
	start, err1 := strconv.Atoi(parts[3])
	end, err2 := strconv.Atoi(parts[4])
	switch {
	case err1 != nil || err2 != nil:
		result("ERROR-333", "요청위치 값의 타입이 유효하지 않습니다.")
		return
	case end-start+1 > 1000:
		result("ERROR-336", "데이터요청은 한번에 최대 1000건을 넘을 수 없습니다.")
		return
	case start == f.failAt:
		result("ERROR-500", "서버 오류입니다.")
		return
	case start > f.total:
		result("INFO-200", "해당하는 데이터가 없습니다.")
		return
	}
	fmt.Fprintf(w, `{"GetJobInfo":{"list_total_count":%d,"RESULT":{"CODE":"INFO-000","MESSAGE":"정상 처리되었습니다"},"row":[`, f.total)
	writeJobInfoRows(w, start, min(end, f.total))
	io.WriteString(w, "]}}")
}

func TestImportGetJobInfoAPIPagesThroughEveryRow(t *testing.T) {
	api := &fakeSeoulAPI{key: "test-key", total: 2345}
	srv := httptest.NewServer(api)
	defer srv.Close()
	s, _ := openTest(t)
	rep, err := imports.GetJobInfoAPI(context.Background(), s, srv.Client(), srv.URL+"/", "test-key", demoDay)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"json/GetJobInfo/1/1000", "json/GetJobInfo/1001/2000", "json/GetJobInfo/2001/3000"}
	if strings.Join(api.calls, " ") != strings.Join(want, " ") {
		t.Errorf("calls %q, want %q", api.calls, want)
	}
	if got := rep.String(); got != "added=2345 updated=0 unchanged=0 expired=0 rejected=0 skipped=0" {
		t.Errorf("report %s", got)
	}
	j := jobByID(t, s, "seoul-K000000000002345")
	if j.Title == "" || !j.District.Valid() || j.Deadline.IsZero() {
		t.Errorf("last row = %+v", j)
	}
	// Again: nothing new.
	api.calls = nil
	rep, err = imports.GetJobInfoAPI(context.Background(), s, srv.Client(), srv.URL, "test-key", demoDay)
	if err != nil || rep.Added != 0 || rep.Unchanged != 2345 || rep.Removed != 0 {
		t.Errorf("second run: %s removed=%d, %v", rep, rep.Removed, err)
	}
}

// TestImportGetJobInfoAPIRemovesWithdrawnPostings checks that a posting
// two listings in a row lack (filled, or withdrawn before a deadline it may
// never have had) leaves the catalog, one listing lacking it only marks it
// (paged listings shift while they are read), and openings of other
// sources stay.
func TestImportGetJobInfoAPIRemovesWithdrawnPostings(t *testing.T) {
	ctx := context.Background()
	api := &fakeSeoulAPI{key: "test-key", total: 1500}
	srv := httptest.NewServer(api)
	defer srv.Close()
	s, _ := openTest(t)
	if _, err := importFile(t, s, imports.Jobs, "work24.xml", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := imports.GetJobInfoAPI(ctx, s, srv.Client(), srv.URL, "test-key", demoDay); err != nil {
		t.Fatal(err)
	}
	api.total = 1200
	rep, err := imports.GetJobInfoAPI(ctx, s, srv.Client(), srv.URL, "test-key", demoDay)
	if err != nil || rep.Unchanged != 1200 || rep.Removed != 0 || rep.Unlisted != 300 {
		t.Fatalf("one listing without 300 postings: %s removed=%d unlisted=%d, %v", rep, rep.Removed, rep.Unlisted, err)
	}
	if j := jobByID(t, s, "seoul-K000000000001500"); j.Title == "" {
		t.Error("a posting one listing lacked is gone")
	}
	rep, err = imports.GetJobInfoAPI(ctx, s, srv.Client(), srv.URL, "test-key", demoDay)
	if err != nil || rep.Unchanged != 1200 || rep.Removed != 300 {
		t.Fatalf("after 300 postings were withdrawn: %s removed=%d, %v", rep, rep.Removed, err)
	}
	js, err := loadJobs(ctx, s.db)
	if err != nil {
		t.Fatal(err)
	}
	var seoul, work24 int
	for _, j := range js {
		switch j.Source.Format {
		case imports.FormatGetJobInfo:
			seoul++
			if j.ID > "seoul-K000000000001200" {
				t.Errorf("%s is no longer listed but stays", j.ID)
			}
		case imports.FormatWork24:
			work24++
		}
	}
	if seoul != 1200 || work24 != 1 {
		t.Errorf("%d GetJobInfo and %d 고용24 openings, want 1200 and 1", seoul, work24)
	}
}

// TestImportGetJobInfoAPIWritesAfterFetching checks that the database stays
// writable while the API answers (a hundred calls may take minutes): the
// bot's own writes, a resident's consent or a delivery, must not wait for
// the import, which takes the write lock only once every page is in.
func TestImportGetJobInfoAPIWritesAfterFetching(t *testing.T) {
	s, path := openTest(t)
	// A second connection that fails at once, instead of waiting, when
	// another holds the write lock.
	other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(0)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	api := &fakeSeoulAPI{key: "test-key", total: 1500}
	locked := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/1001/") {
			tx, err := other.Begin()
			if err == nil {
				tx.Rollback()
			}
			locked <- err
		}
		api.ServeHTTP(w, r)
	}))
	defer srv.Close()
	rep, err := imports.GetJobInfoAPI(context.Background(), s, srv.Client(), srv.URL, "test-key", demoDay)
	if err != nil || rep.Added != 1500 {
		t.Fatalf("import: %s, %v", rep, err)
	}
	if err := <-locked; err != nil {
		t.Errorf("while the import fetched page 2, another connection could not write: %v", err)
	}
}

func TestImportGetJobInfoAPIErrorPageChangesNothing(t *testing.T) {
	for _, tc := range []struct {
		name string
		api  http.Handler
		want string
	}{
		{"error envelope on page 2", &fakeSeoulAPI{key: "secret-key-123", total: 2500, failAt: 1001}, "ERROR-500"},
		{"wrong key", &fakeSeoulAPI{key: "another-key", total: 10}, "INFO-100"},
		{"HTTP 502 on page 2", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/1001/") {
				http.Error(w, "bad gateway", http.StatusBadGateway)
				return
			}
			(&fakeSeoulAPI{key: "secret-key-123", total: 1500}).ServeHTTP(w, r)
		}), "502"},
		{"page cut short", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			(&fakeSeoulAPI{key: "secret-key-123", total: 1500}).ServeHTTP(rec, r)
			body := rec.Body.String()
			if strings.Contains(r.URL.Path, "/1001/") {
				body = body[:len(body)/2]
			}
			io.WriteString(w, body)
		}), "truncated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.api)
			defer srv.Close()
			s, _ := openTest(t)
			before := fingerprint(t, s)
			_, err := imports.GetJobInfoAPI(context.Background(), s, srv.Client(), srv.URL, "secret-key-123", demoDay)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one saying %s", err, tc.want)
			}
			if strings.Contains(err.Error(), "secret-key-123") {
				t.Errorf("the error shows the API key: %v", err)
			}
			if after := fingerprint(t, s); after != before {
				t.Errorf("the catalog changed: %s -> %s", before, after)
			}
		})
	}
}

func TestImportGetJobInfoAPIUnreachableHidesTheKey(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there any more
	s, _ := openTest(t)
	_, err := imports.GetJobInfoAPI(context.Background(), s, nil, url, "secret-key-123", demoDay)
	if err == nil || strings.Contains(err.Error(), "secret-key-123") {
		t.Errorf("err = %v: want an error without the key", err)
	}
}

// TestImportGetJobInfoAPIKeepsAListedButRejectedPosting checks that a
// posting the API still lists, but with a field dasi cannot read this
// time, is rejected without being removed: its stored version stays.
func TestImportGetJobInfoAPIKeepsAListedButRejectedPosting(t *testing.T) {
	ctx := context.Background()
	var closes atomic.Value
	closes.Store("마감일 (2026-09-26)")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"GetJobInfo":{"list_total_count":2,"RESULT":{"CODE":"INFO-000","MESSAGE":"정상 처리되었습니다"},"row":[`+
			`{"JO_REGIST_NO":"K1","JO_SJ":"경비원 모집","RCEPT_CLOS_NM":"마감일 (2026-09-26)"},`+
			`{"JO_REGIST_NO":"K2","JO_SJ":"조리원 모집","RCEPT_CLOS_NM":%q}]}}`, closes.Load())
	}))
	defer srv.Close()
	s, _ := openTest(t)
	if _, err := imports.GetJobInfoAPI(ctx, s, srv.Client(), srv.URL, "k", demoDay); err != nil {
		t.Fatal(err)
	}
	closes.Store("마감일 (2026-02-30)")
	rep, err := imports.GetJobInfoAPI(ctx, s, srv.Client(), srv.URL, "k", demoDay)
	if err != nil || rep.Rejected != 1 || rep.Removed != 0 {
		t.Fatalf("second run: %s removed=%d, %v", rep, rep.Removed, err)
	}
	if j := jobByID(t, s, "seoul-K2"); j.Deadline != 20260926 {
		t.Errorf("K2 = %+v, want its stored version", j)
	}
}
