package imports

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// fiftyPlusMinAge is the youngest age dasi records for 서울시50플러스재단's
// own courses: none. The foundation aims its courses at "50이후의 삶을
// 준비하는 서울 시민이라면 누구나" (nocutnews, seoul-data-formats.md §3.2),
// and its citizen reporter notes that people under 50 and from outside
// Seoul can register for courses too, residence mattering only for paid
// 사업 participation (50plus.or.kr detail 5690144). The course records carry
// no age field (§2(c-4)). So a 45-year-old is not kept from a course she may
// join; matching still ranks by goal and distance.
const fiftyPlusMinAge = 0

// fiftyPlusURL is the detail page of a 50plus.or.kr course.
const fiftyPlusURL = "https://www.50plus.or.kr/education-detail.do?id="

// announcementURL is the detail page of a 50plus.or.kr announcement.
const announcementURL = "https://www.50plus.or.kr/in_appView.do?ANN_NO="

// lecture is one course of 50plus.or.kr's /api/lectures/list. Fields the
// importer does not use (the bulky openDate and endDate objects among them)
// are skipped by the decoder.
type lecture struct {
	ID              jtext `json:"id"`
	Title           jtext `json:"title"`
	RegistStartDate jtext `json:"registStartDate"`
	RegistEndDate   jtext `json:"registEndDate"`
	CourseStartDate jtext `json:"courseStartDate"`
	CourseEndDate   jtext `json:"courseEndDate"`
	Type            jtext `json:"type"`
	Cost            jtext `json:"cost"`
	Term            jtext `json:"term"`
	Faculty         jtext `json:"faculty"`
	OrgName         jtext `json:"orgName"`
	ScheduleCount   jtext `json:"scheduleCount"`
	Status          jtext `json:"status"`
}

// read50PlusLectures reads {"content":[…],"totalElements":N,…}.
func read50PlusLectures(ctx context.Context, b *batch, r io.Reader) error {
	places, err := b.placeIndex(ctx)
	if err != nil {
		return err
	}
	return readJSONList(r, b, "content", "list of courses in the 50plus-lectures envelope", func(n int, l lecture) error {
		p, field, reason := lectureProgram(l, places)
		if field != "" {
			b.reject(n, false, field, reason)
			return nil
		}
		if what, word, ok := data.NotProgramme(p.Title); ok {
			b.skip(n, false, "title", fmt.Sprintf("%s (%q), not work, training or a plan for later life", what, word))
			return nil
		}
		return b.putProgram(ctx, n, false, p)
	})
}

// readJSONList reads a JSON object that holds its records as a list under
// key, skipping its other keys, and hands each record to put with its
// number. A record of the wrong shape is rejected alone; an object without
// the list (what names it in the error) fails the whole file.
func readJSONList[T any](r io.Reader, b *batch, key, what string, put func(n int, rec T) error) error {
	dec := newJSONStream(r, nil)
	found := false
	err := walkObject(dec, "in the envelope", func(k string) error {
		if k != key {
			return skipValue(dec, "in "+k)
		}
		found = true
		_, err := walkArray(dec, "in "+key, 0, func(n int) error {
			var rec T
			field, reason, err := decodeRecord(dec, n, &rec)
			switch {
			case err != nil:
				return err
			case field != "":
				b.reject(n, false, field, reason)
				return nil
			}
			return put(n, rec)
		})
		return err
	})
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("no %q %s", key, what)
	}
	return expectEOF(dec)
}

// lectureProgram turns a course into a program, or names the field that
// makes it unusable.
func lectureProgram(l lecture, places *placeIndex) (p data.Program, field, reason string) {
	id := l.ID.String()
	if id == "" {
		return p, "id", "missing"
	}
	title := l.Title.String()
	if title == "" {
		return p, "title", "missing"
	}
	if f, r := parseDates(parseYYMMDD,
		dateField{"registStartDate", l.RegistStartDate.String(), &p.ApplyStart},
		dateField{"registEndDate", l.RegistEndDate.String(), &p.ApplyEnd},
		dateField{"courseStartDate", l.CourseStartDate.String(), &p.Start},
		dateField{"courseEndDate", l.CourseEndDate.String(), &p.End},
	); f != "" {
		return p, f, r
	}
	if f, r := checkSpans(p, "registEndDate", "courseEndDate"); f != "" {
		return p, f, r
	}
	cost, hasCost, err := l.Cost.Int()
	if err != nil || cost < 0 {
		return p, "cost", fmt.Sprintf("%q is not an amount of won", string(l.Cost))
	}
	p.Cost = -1
	switch t := l.Type.String(); {
	case strings.HasPrefix(t, "FREE"):
		p.Cost, p.CostText = 0, "무료"
	case hasCost && cost > 0:
		p.Cost, p.CostText = int(cost), wonText(cost)
	case hasCost && t == "":
		p.Cost = int(cost)
	}
	p.ID = "50plus-" + id
	p.Title = title
	p.Category, p.Goals = data.Classify(l.Faculty.String(), title)
	places.locate(&p, l.OrgName.String())
	p.Online = onlineTitle(title)
	p.MinAge = fiftyPlusMinAge
	times := ""
	if n, ok, _ := l.ScheduleCount.Int(); ok && n > 0 {
		times = fmt.Sprintf("%d회", n)
	}
	p.Schedule = joinNonEmpty(" · ", dateSpan(p.Start, p.End), times, l.Term.String())
	p.Keywords = l.Faculty.String()
	p.Waitlist = l.Status.String() == "WAITING"
	courseConditions(&p)
	p.Source = data.Source{Format: Format50PlusLectures, ID: id, URL: fiftyPlusURL + id}
	return p, "", ""
}

// onlineTitle reports whether a course title marks the course as held
// online: "(온라인)", "[비대면]"… A word inside the title ("온라인스토어
// 창업") does not count.
func onlineTitle(title string) bool {
	for _, w := range []string{"온라인", "비대면", "ZOOM", "줌", "Zoom"} {
		if strings.Contains(title, "("+w+")") || strings.Contains(title, "["+w+"]") {
			return true
		}
	}
	return false
}

// checkSpans names the end field of an application period or a course
// that ends before it starts.
func checkSpans(p data.Program, applyEnd, end string) (field, reason string) {
	if !p.ApplyStart.IsZero() && !p.ApplyEnd.IsZero() && p.ApplyEnd < p.ApplyStart {
		return applyEnd, fmt.Sprintf("%s is before the start %s", p.ApplyEnd, p.ApplyStart)
	}
	if !p.Start.IsZero() && !p.End.IsZero() && p.End < p.Start {
		return end, fmt.Sprintf("%s is before the start %s", p.End, p.Start)
	}
	return "", ""
}

// dateField is one date of a record: its name in the source, its text, and
// where the parsed date goes.
type dateField struct {
	name, text string
	d          *data.Date
}

// parseDates parses each field's text with parse, an empty text being no
// date. It returns the first field that is not a date, with the reason.
func parseDates(parse func(string) (data.Date, error), fields ...dateField) (field, reason string) {
	for _, f := range fields {
		if f.text == "" {
			continue
		}
		d, err := parse(f.text)
		if err != nil {
			return f.name, err.Error()
		}
		*f.d = d
	}
	return "", ""
}

// dateSpan writes "2026-08-03~2026-08-12", or one end when the other is unknown.
func dateSpan(a, b data.Date) string {
	switch {
	case a.IsZero() && b.IsZero():
		return ""
	case a == b || b.IsZero():
		return a.String()
	case a.IsZero():
		return "~" + b.String()
	}
	return a.String() + "~" + b.String()
}

// openAPIItem is one course of the 50플러스 Open API education/list.
type openAPIItem struct {
	LctNm       jtext `json:"lctNm"`
	OrgNm       jtext `json:"orgNm"`
	LctCost     jtext `json:"lctCost"`
	LctTypeView jtext `json:"lctTypeView"`
	CrStartDe   jtext `json:"crStartDe"`
	CrEndDe     jtext `json:"crEndDe"`
	RegStartDe  jtext `json:"regStartDe"`
	RegEndDe    jtext `json:"regEndDe"`
	LctCtt      jtext `json:"lctCtt"`
	CrYear      jtext `json:"crYear"`
}

// read50PlusOpenAPI reads {"response":{"header":{…},"body":{"items":{"item":[…]}}}},
// as a stream like the other JSON sources. item may be a single object;
// items may be empty text when there are none.
func read50PlusOpenAPI(ctx context.Context, b *batch, r io.Reader) error {
	places, err := b.placeIndex(ctx)
	if err != nil {
		return err
	}
	_, err = walk50PlusOpenAPI(r, 0, func(dec *jsonStream, n int) error {
		var it openAPIItem
		field, reason, err := decodeRecord(dec, n, &it)
		if err != nil {
			return err
		}
		if field == "" {
			return putOpenAPIItem(ctx, b, places, n, it)
		}
		b.reject(n, false, field, reason)
		return nil
	})
	return err
}

// putOpenAPIItem stores one course of education/list, or rejects or skips
// it.
func putOpenAPIItem(ctx context.Context, b *batch, places *placeIndex, n int, it openAPIItem) error {
	p, field, reason := openAPIProgram(it, places)
	if field != "" {
		b.reject(n, false, field, reason)
		return nil
	}
	if what, word, ok := data.NotProgramme(p.Title); ok {
		b.skip(n, false, "lctNm", fmt.Sprintf("%s (%q), not work, training or a plan for later life", what, word))
		return nil
	}
	return b.putProgram(ctx, n, false, p)
}

// walk50PlusOpenAPI reads {"response":{"header":{…},"body":{"items":{"item":[…]},"totalCount":N}}}
// as a stream, calling put with each item's number (from first+1); put
// must consume the item, normally with decodeRecord. item may be a single
// object; items may be empty text when there are none. It returns
// totalCount (0 when absent); a header whose resultCode is not 0000 is an
// *APIError.
func walk50PlusOpenAPI(r io.Reader, first int, put func(dec *jsonStream, n int) error) (total int, err error) {
	dec := newJSONStream(r, nil)
	var response, body bool
	err = walkObject(dec, "in the envelope", func(k string) error {
		if k != "response" {
			return skipValue(dec, "in "+k)
		}
		response = true
		return walkObject(dec, "in response", func(k string) error {
			switch k {
			case "header":
				var h struct {
					ResultCode jtext `json:"resultCode"`
					ResultMsg  jtext `json:"resultMsg"`
				}
				if err := decodeValue(dec, "in header", &h); err != nil {
					return err
				}
				if c := h.ResultCode.String(); c != "" && c != "0000" && c != "00" {
					return &APIError{Code: c, Message: h.ResultMsg.String()}
				}
				return nil
			case "body":
				body = true
				return walkObject(dec, "in body", func(k string) error {
					if k == "totalCount" {
						var t jtext
						if err := decodeValue(dec, "in totalCount", &t); err != nil {
							return err
						}
						if n, ok, err := t.Int(); err == nil && ok {
							total = int(n)
						}
						return nil
					}
					if c, err := dec.peek(); k != "items" || err != nil || c != '{' {
						return skipValue(dec, "in "+k)
					}
					return walkObject(dec, "in items", func(k string) error {
						c, err := dec.peek()
						switch {
						case k != "item" || err != nil:
							return skipValue(dec, "in "+k)
						case c == '{':
							return put(dec, first+1)
						}
						_, err = walkArray(dec, "in item", first, func(n int) error { return put(dec, n) })
						return err
					})
				})
			}
			return skipValue(dec, "in "+k)
		})
	})
	switch {
	case err != nil:
		return 0, err
	case !response:
		return 0, errors.New(`no "response" in the 50plus-openapi envelope`)
	case !body:
		return 0, errors.New(`no "body" in the 50plus-openapi envelope`)
	}
	return total, expectEOF(dec)
}

// openAPIProgram turns an Open API course into a program. The API gives no
// course id, so the source id is a hash of year, organisation, title and
// start; and no link (the foundation's policy), so the source is a note.
func openAPIProgram(it openAPIItem, places *placeIndex) (p data.Program, field, reason string) {
	title := it.LctNm.String()
	if title == "" {
		return p, "lctNm", "missing"
	}
	if f, r := parseDates(parseDate,
		dateField{"regStartDe", it.RegStartDe.String(), &p.ApplyStart}, dateField{"regEndDe", it.RegEndDe.String(), &p.ApplyEnd},
		dateField{"crStartDe", it.CrStartDe.String(), &p.Start}, dateField{"crEndDe", it.CrEndDe.String(), &p.End},
	); f != "" {
		return p, f, r
	}
	if f, r := checkSpans(p, "regEndDe", "crEndDe"); f != "" {
		return p, f, r
	}
	p.Cost = -1
	if cost, ok, err := it.LctCost.Int(); err != nil || cost < 0 {
		return p, "lctCost", fmt.Sprintf("%q is not an amount of won", string(it.LctCost))
	} else if ok {
		p.Cost = int(cost)
		p.CostText = wonText(cost)
		if cost == 0 {
			p.CostText = "무료"
		}
	}
	org := it.OrgNm.String()
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%s|%s|%s", it.CrYear.String(), org, title, p.Start)
	id := fmt.Sprintf("%016x", h.Sum64())
	p.ID = "50plusapi-" + id
	p.Title = title
	p.Category, p.Goals = data.Classify("", title)
	places.locate(&p, org)
	p.Online = strings.Contains(it.LctTypeView.String(), "온라인")
	p.MinAge = fiftyPlusMinAge
	p.Schedule = dateSpan(p.Start, p.End)
	p.Keywords = it.LctCtt.String()
	courseConditions(&p)
	note := "서울시50플러스재단 Open API education/list"
	if y := it.CrYear.String(); y != "" {
		note += ", " + y
	}
	p.Source = data.Source{Format: Format50PlusOpenAPI, ID: id, Note: note}
	return p, "", ""
}

// announcement is one entry of 50plus.or.kr's in_appListAjax list.
type announcement struct {
	AnnNo          jtext `json:"ANN_NO"`
	AnnNm          jtext `json:"ANN_NM"`
	BizSe          jtext `json:"BIZ_SE"`
	CorprOrg       jtext `json:"CORPR_ORG"`
	AppdurngSted   jtext `json:"APPDURNG_STED"`
	AppdurngSttm   jtext `json:"APPDURNG_STTM"`
	AppdurngEdtm   jtext `json:"APPDURNG_EDTM"`
	Occupation     jtext `json:"OCCUPATION"`
	OccupationNm   jtext `json:"OCCUPATION_LABEL"`
	WorkCondition  jtext `json:"WORK_CONDITION_LABEL"`
	Career         jtext `json:"CAREER_HISTORY"`
	CareerLabel    jtext `json:"CAREER_HISTORY_LABEL"`
	ActamtHamt     jtext `json:"ACTAMT_HAMT"`
	ActamtPamt     jtext `json:"ACTAMT_PAMT"`
	EventDateStart jtext `json:"EVENT_DATE_START"`
	EventDateEnd   jtext `json:"EVENT_DATE_END"`
	EventLocation  jtext `json:"EVENT_LOCATION"`
	OperOrgList    []struct {
		Name jtext `json:"OPER_ORG_NM"`
	} `json:"OPER_ORG_LIST"`
}

// The 50플러스 business kinds (BIZ_SE) the importer reads.
const (
	bizPrivateJobs = "IN49008" // 민간채용공고: a job opening
	bizTraining    = "IN49009" // 직업훈련: a training, stored as a program
)

// read50PlusAnnouncements reads {"list":[…],"paginationInfo":{…}}: job
// openings become jobs, job-training calls become programs.
func read50PlusAnnouncements(ctx context.Context, b *batch, r io.Reader) error {
	places, err := b.placeIndex(ctx)
	if err != nil {
		return err
	}
	return readJSONList(r, b, "list", "of announcements in the 50plus-announcements envelope", func(n int, a announcement) error {
		return putAnnouncement(ctx, b, places, n, a)
	})
}

// putAnnouncement stores one announcement as a job or a program.
func putAnnouncement(ctx context.Context, b *batch, places *placeIndex, n int, a announcement) error {
	no := a.AnnNo.String()
	if no == "" {
		b.reject(n, false, "ANN_NO", "missing")
		return nil
	}
	title := a.AnnNm.String()
	if title == "" {
		b.reject(n, false, "ANN_NM", "missing")
		return nil
	}
	start, end, field, reason := announcementPeriod(a)
	if field != "" {
		b.reject(n, false, field, reason)
		return nil
	}
	src := data.Source{Format: Format50PlusAnnouncements, ID: no, URL: announcementURL + no}
	corp := a.CorprOrg.String()
	switch biz := a.BizSe.String(); biz {
	case bizPrivateJobs:
		j := data.Job{
			ID: "50plusann-" + no, Title: title, Company: corp,
			OccupationCode: a.Occupation.String(), Occupation: a.OccupationNm.String(),
			Address: a.EventLocation.String(), Wage: announcementWage(a),
			Employment: a.WorkCondition.String(), Career: careerLabel(a),
			Posted: start, Deadline: end, Source: src,
		}
		if pl, ok := places.byOrg(corp); ok {
			j.District = pl.District
		} else if j.District = data.DistrictIn(corp + " " + title + " " + j.Address); !j.District.Valid() {
			j.District = orgDistrict(corp)
		}
		jobConditions(&j)
		return b.putJob(ctx, n, false, j)
	case bizTraining:
		p := data.Program{ID: "50plusann-" + no, Title: title, ApplyStart: start, ApplyEnd: end, Cost: -1, Source: src}
		f, r := parseDates(parseDate,
			dateField{"EVENT_DATE_START", a.EventDateStart.String(), &p.Start},
			dateField{"EVENT_DATE_END", a.EventDateEnd.String(), &p.End})
		if f == "" {
			f, r = checkSpans(p, "APPDURNG_STED", "EVENT_DATE_END")
		}
		if f != "" {
			b.reject(n, false, f, r)
			return nil
		}
		p.Category, p.Goals = data.Classify("직업훈련", title)
		for _, o := range a.OperOrgList {
			if pl, ok := places.byOrg(o.Name.String()); ok {
				p.Provider, p.PlaceID, p.District = pl.Name, pl.ID, pl.District
				break
			}
		}
		if p.Provider == "" {
			p.Provider = strings.Trim(corp, "[] ")
		}
		p.MinAge = fiftyPlusMinAge
		p.Schedule = joinNonEmpty(" · ", dateSpan(p.Start, p.End), a.EventLocation.String())
		p.Keywords = strings.TrimSpace(strings.Trim(corp, "[] ") + " " + a.OccupationNm.String())
		courseConditions(&p)
		return b.putProgram(ctx, n, false, p)
	case "":
		b.reject(n, false, "BIZ_SE", "missing")
	default:
		b.reject(n, false, "BIZ_SE", fmt.Sprintf("%s is not a kind dasi imports (IN49008 민간채용공고, IN49009 직업훈련)", biz))
	}
	return nil
}

// announcementPeriod reads the application period: APPDURNG_STED
// ("2026-07-22~2026-08-16"), else the YYYYMMDDHH pair APPDURNG_STTM and
// APPDURNG_EDTM.
func announcementPeriod(a announcement) (start, end data.Date, field, reason string) {
	var err error
	if s := a.AppdurngSted.String(); s != "" {
		from, to, ok := strings.Cut(s, "~")
		if !ok {
			return 0, 0, "APPDURNG_STED", fmt.Sprintf("%q: want START~END", s)
		}
		if start, err = parseDate(from); err != nil {
			return 0, 0, "APPDURNG_STED", err.Error()
		}
		if end, err = parseDate(to); err != nil {
			return 0, 0, "APPDURNG_STED", err.Error()
		}
	} else {
		// YYYYMMDDHH: the day is the first 8 digits.
		day := func(s string) (data.Date, error) { return parseDate(s[:min(len(s), 8)]) }
		if f, r := parseDates(day,
			dateField{"APPDURNG_STTM", a.AppdurngSttm.String(), &start},
			dateField{"APPDURNG_EDTM", a.AppdurngEdtm.String(), &end}); f != "" {
			return 0, 0, f, r
		}
	}
	if !start.IsZero() && !end.IsZero() && end < start {
		return 0, 0, "APPDURNG_STED", fmt.Sprintf("%s is before the start %s", end, start)
	}
	return start, end, "", ""
}

// announcementWage writes an announcement's pay: ACTAMT_HAMT is an hourly
// wage; ACTAMT_PAMT is free text ("2,374,116", "연봉 3,200만원"), kept as
// written unless it is a plain amount of won.
func announcementWage(a announcement) string {
	if n, ok, err := a.ActamtHamt.Int(); err == nil && ok && n > 0 {
		return "시급 " + wonText(n)
	}
	p := a.ActamtPamt.String()
	switch n, ok := parseWon(p); {
	case ok && n >= 10000:
		return "급여 " + wonText(n)
	case ok && n == 0:
		return ""
	}
	return p
}

// careerLabel returns the career condition in words.
func careerLabel(a announcement) string {
	if l := a.CareerLabel.String(); l != "" {
		return l
	}
	switch a.Career.String() {
	case "ANY":
		return "경력무관"
	case "EXPERIENCED":
		return "경력"
	}
	return ""
}
