// Package sourcetest holds local fakes of the public sources dasi reads
// (Seoul's GetJobInfo, 고용24's job list, the 50플러스 Open API), speaking
// their real formats, for tests: each serves a listing the test changes,
// and can fail or be slow on demand.
package sourcetest

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// fault is what a fake does besides answering: fail, or wait first.
type fault struct {
	mu    sync.Mutex
	fail  bool
	delay time.Duration
	calls int
}

// Fail makes every call answer HTTP 500 (on) or answer again (off).
func (f *fault) Fail(on bool) { f.mu.Lock(); f.fail = on; f.mu.Unlock() }

// Delay makes every call wait d before it answers (or its client gives up).
func (f *fault) Delay(d time.Duration) { f.mu.Lock(); f.delay = d; f.mu.Unlock() }

// Calls returns how many calls the fake has had.
func (f *fault) Calls() int { f.mu.Lock(); defer f.mu.Unlock(); return f.calls }

// before counts a call, waits its delay and reports whether it fails.
func (f *fault) before(w http.ResponseWriter, r *http.Request) bool {
	f.mu.Lock()
	f.calls++
	fail, delay := f.fail, f.delay
	f.mu.Unlock()
	if delay > 0 {
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return true
		}
	}
	if fail {
		http.Error(w, "unavailable", http.StatusInternalServerError)
		return true
	}
	return false
}

// Posting is one job opening of a fake job list.
type Posting struct {
	ID, Title, Company string
	Region             string // "서울 은평구"
	Close              string // deadline, YYYY-MM-DD
}

// Work24 is a fake 고용24 job list API (XML), answering
// ?authKey=Key&startPage=N&display=M for region 11000.
type Work24 struct {
	fault
	Key      string
	mu       sync.Mutex
	postings []Posting
}

// Set replaces the listing.
func (f *Work24) Set(ps ...Posting) { f.mu.Lock(); f.postings = ps; f.mu.Unlock() }

// ServeHTTP implements http.Handler.
func (f *Work24) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.before(w, r) {
		return
	}
	q := r.URL.Query()
	w.Header().Set("Content-Type", "application/xml; charset=UTF-8")
	if q.Get("authKey") != f.Key || q.Get("callTp") != "L" || q.Get("region") != "11000" {
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><wantedRoot><messageCd>006</messageCd><messageNm>인증키가 유효하지 않습니다</messageNm></wantedRoot>`)
		return
	}
	page, _ := strconv.Atoi(q.Get("startPage"))
	size, _ := strconv.Atoi(q.Get("display"))
	f.mu.Lock()
	ps := f.postings
	f.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><wantedRoot><total>%d</total><startPage>%d</startPage><display>%d</display>`, len(ps), page, size)
	for i := (page - 1) * size; i < len(ps) && i < page*size && i >= 0; i++ {
		p := ps[i]
		b.WriteString("<wanted>")
		for _, kv := range [][2]string{{"wantedAuthNo", p.ID}, {"company", p.Company}, {"title", p.Title},
			{"salTpNm", "월급"}, {"sal", "250만원 이상"}, {"region", p.Region}, {"holidayTpNm", "주5일근무"},
			{"career", "관계없음"}, {"regDt", "20260720"}, {"closeDt", strings.ReplaceAll(p.Close, "-", "")},
			{"wantedInfoUrl", "https://www.work24.go.kr/wk/a/b/1500/empDetailAuthView.do?wantedAuthNo=" + p.ID + "&infoTypeCd=VALIDATION&infoTypeGroup=tb_workinfoworknet"},
			{"basicAddr", p.Region}, {"empTpCd", "10"}, {"jobsCd", "861100"}} {
			fmt.Fprintf(&b, "<%s>", kv[0])
			xml.EscapeText(&b, []byte(kv[1]))
			fmt.Fprintf(&b, "</%s>", kv[0])
		}
		b.WriteString("</wanted>")
	}
	b.WriteString("</wantedRoot>")
	fmt.Fprint(w, b.String())
}

// Seoul is a fake Seoul Open API serving GetJobInfo (JSON) at
// /{Key}/json/GetJobInfo/{start}/{end}/.
type Seoul struct {
	fault
	Key      string
	mu       sync.Mutex
	postings []Posting
}

// Set replaces the listing.
func (f *Seoul) Set(ps ...Posting) { f.mu.Lock(); f.postings = ps; f.mu.Unlock() }

// ServeHTTP implements http.Handler.
func (f *Seoul) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.before(w, r) {
		return
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) < 5 || parts[0] != f.Key || parts[2] != "GetJobInfo" {
		fmt.Fprint(w, `{"RESULT":{"CODE":"INFO-100","MESSAGE":"인증키가 유효하지 않습니다."}}`)
		return
	}
	start, _ := strconv.Atoi(parts[3])
	end, _ := strconv.Atoi(parts[4])
	f.mu.Lock()
	ps := f.postings
	f.mu.Unlock()
	var rows []map[string]any
	for i := start - 1; i < end && i < len(ps) && i >= 0; i++ {
		p := ps[i]
		rows = append(rows, map[string]any{"JO_REQST_NO": p.ID, "JO_REGIST_NO": p.ID, "CMPNY_NM": p.Company,
			"WORK_PARAR_BASS_ADRES_CN": p.Region, "HOPE_WAGE": "월급 / 2,300,000원",
			"RCEPT_CLOS_NM": "마감일 (" + p.Close + ")", "JO_SJ": p.Title, "JO_REG_DT": "2026-07-20"})
	}
	json.NewEncoder(w).Encode(map[string]any{"GetJobInfo": map[string]any{"list_total_count": len(ps),
		"RESULT": map[string]string{"CODE": "INFO-000", "MESSAGE": "정상 처리되었습니다"}, "row": rows}})
}

// Course is one course of a fake education/list.
type Course struct {
	Title, Org                           string
	ApplyStart, ApplyEnd, Start, End, Yr string // YYYY-MM-DD; Yr the year
}

// Round is one 가치동행일자리 round of a fake job1/list.
type Round struct {
	Name, Org                            string
	ApplyStart, ApplyEnd, Start, End, Yr string
}

// FiftyPlus is a fake 50플러스 Open API: /education/list and /job1/list,
// ?_type=json&accessKey=Key&pageNo=N&numOfRows=M.
type FiftyPlus struct {
	fault
	Key     string
	mu      sync.Mutex
	courses []Course
	rounds  []Round
}

// Set replaces both listings.
func (f *FiftyPlus) Set(cs []Course, rs []Round) {
	f.mu.Lock()
	f.courses, f.rounds = cs, rs
	f.mu.Unlock()
}

// ServeHTTP implements http.Handler.
func (f *FiftyPlus) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.before(w, r) {
		return
	}
	q := r.URL.Query()
	if q.Get("accessKey") != f.Key || q.Get("_type") != "json" {
		fmt.Fprint(w, `{"response":{"header":{"resultCode":"30","resultMsg":"SERVICE KEY IS NOT REGISTERED ERROR."}}}`)
		return
	}
	page, _ := strconv.Atoi(q.Get("pageNo"))
	size, _ := strconv.Atoi(q.Get("numOfRows"))
	f.mu.Lock()
	var all []map[string]any
	switch {
	case strings.HasSuffix(r.URL.Path, "/education/list"):
		for _, c := range f.courses {
			all = append(all, map[string]any{"lctNm": c.Title, "orgNm": c.Org, "crPpl": 20, "lctCost": 0,
				"lctStatView": "모집중", "lctTypeView": "오프라인", "crStartDe": c.Start, "crEndDe": c.End,
				"regStartDe": c.ApplyStart, "regEndDe": c.ApplyEnd, "lctCtt": "", "crYear": c.Yr})
		}
	case strings.HasSuffix(r.URL.Path, "/job1/list"):
		for _, c := range f.rounds {
			all = append(all, map[string]any{"bizNm": c.Name, "orgNm": c.Org, "rcrtPpl": 30, "actamtHamt": 10320,
				"annApprvStatView": "승인", "actperStartDe": c.Start, "actperEndDe": c.End,
				"appdurngStartDe": c.ApplyStart, "appdurngEndDe": c.ApplyEnd, "bizYear": c.Yr})
		}
	default:
		f.mu.Unlock()
		http.NotFound(w, r)
		return
	}
	f.mu.Unlock()
	var items []map[string]any
	for i := (page - 1) * size; i < len(all) && i < page*size && i >= 0; i++ {
		items = append(items, all[i])
	}
	json.NewEncoder(w).Encode(map[string]any{"response": map[string]any{
		"header": map[string]string{"resultCode": "0000", "resultMsg": "NORMAL SERVICE"},
		"body":   map[string]any{"totalCount": len(all), "items": map[string]any{"item": items}}}})
}
