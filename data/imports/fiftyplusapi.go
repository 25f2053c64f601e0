package imports

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"net/url"
	"strconv"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// FiftyPlusAPIURL is the base of 서울시50플러스재단's Open API; its services
// are paths under it (education/list, job1/list).
const FiftyPlusAPIURL = "https://openapi.50plus.or.kr/openapi/service"

// fiftyPlusPageSize is how many items one call asks for.
const fiftyPlusPageSize = 100

// fiftyPlusMaxPages bounds the pages one service is read for.
const fiftyPlusMaxPages = 1000

// fiftyPlusFile names the 50플러스 Open API in the imports log and rejects.
const fiftyPlusFile = "api:50plus"

// valueJobMinAge is the youngest age of 서울 중장년 가치동행일자리: 40 and
// over since 2026, with no upper age (seoul-data-formats.md §3.4).
const valueJobMinAge = 40

// job1Item is one 가치동행일자리 round of the Open API's job1/list.
type job1Item struct {
	BizNm           jtext `json:"bizNm"`
	OrgNm           jtext `json:"orgNm"`
	RcrtPpl         jtext `json:"rcrtPpl"`
	ActamtHamt      jtext `json:"actamtHamt"`
	ActperStartDe   jtext `json:"actperStartDe"`
	ActperEndDe     jtext `json:"actperEndDe"`
	AppdurngStartDe jtext `json:"appdurngStartDe"`
	AppdurngEndDe   jtext `json:"appdurngEndDe"`
	BizYear         jtext `json:"bizYear"`
}

// FiftyPlusAPI reads every page of 서울시50플러스재단's Open API at baseURL
// (FIFTYPLUS_API_URL; empty: FiftyPlusAPIURL) with key, for the year of
// today: education/list (courses) and job1/list (가치동행일자리 rounds with
// their application periods), one call every opt.Pace, then writes both
// into store's catalog as programs in one transaction, by the rules of the
// 50plus-openapi file import. The Open API programs that two listings in
// a row lack are removed (Report.Removed). It returns an error, and
// changes nothing, when a call fails, a page is an error answer
// (*APIError), both services list nothing (an outage), or the store fails.
// Errors never show the key.
func FiftyPlusAPI(ctx context.Context, store Store, baseURL, key string, today data.Date, opt APIOptions) (Report, error) {
	rep, err := fiftyPlusAPI(ctx, store, baseURL, key, today, opt)
	return rep, hideKey(&rep, err, key, "FIFTYPLUS_API_KEY")
}

// fiftyPlusItem is one item read from a page: a course or a round, or the
// field and reason that reject it.
type fiftyPlusItem struct {
	n             int
	course        *openAPIItem
	round         *job1Item
	field, reason string
}

// fiftyPlusAPI is FiftyPlusAPI before its messages hide the key.
func fiftyPlusAPI(ctx context.Context, store Store, baseURL, key string, today data.Date, opt APIOptions) (Report, error) {
	rep := Report{Format: Format50PlusOpenAPI}
	if key == "" {
		return rep, errors.New("50플러스 Open API: no API key (FIFTYPLUS_API_KEY)")
	}
	if baseURL == "" {
		baseURL = FiftyPlusAPIURL
	}
	if today.IsZero() {
		today = data.Today()
	}
	var items []fiftyPlusItem
	calls := 0
	for _, service := range []string{"education/list", "job1/list"} {
		for page := 1; page <= fiftyPlusMaxPages; page++ {
			if calls > 0 {
				if err := opt.pause(ctx); err != nil {
					return Report{}, fmt.Errorf("50플러스 Open API: %w", err)
				}
			}
			calls++
			q := url.Values{
				"_type": {"json"}, "accessKey": {key}, "year": {strconv.Itoa(today.Time().Year())},
				"pageNo": {strconv.Itoa(page)}, "numOfRows": {strconv.Itoa(fiftyPlusPageSize)},
			}
			u := strings.TrimRight(baseURL, "/") + "/" + service + "?" + q.Encode()
			r, err := getPage(ctx, opt.client(), u, "the 50플러스 Open API")
			if err != nil {
				return Report{}, fmt.Errorf("50플러스 Open API %s: page %d: %w", service, page, err)
			}
			before := len(items)
			total, err := walk50PlusOpenAPI(newTextReader(r, ""), len(items), func(dec *jsonStream, n int) error {
				it := fiftyPlusItem{n: n}
				var err error
				if service == "education/list" {
					it.course = new(openAPIItem)
					it.field, it.reason, err = decodeRecord(dec, n, it.course)
				} else {
					it.round = new(job1Item)
					it.field, it.reason, err = decodeRecord(dec, n, it.round)
				}
				items = append(items, it)
				return err
			})
			if err != nil {
				return Report{}, fmt.Errorf("50플러스 Open API %s: page %d: %w", service, page, err)
			}
			if len(items) == before || page*fiftyPlusPageSize >= total {
				break
			}
		}
	}
	if len(items) == 0 {
		return Report{}, errors.New("50플러스 Open API: both education/list and job1/list list nothing: nothing was changed")
	}
	err := store.WriteImport(ctx, Programs, fiftyPlusFile, &rep, func(ctx context.Context, sink Sink) error {
		b := newBatch(sink, fiftyPlusFile, today, &rep)
		places, err := b.placeIndex(ctx)
		if err != nil {
			return err
		}
		listed := make(map[string]bool, len(items))
		for _, it := range items {
			switch {
			case it.field != "":
				b.reject(it.n, false, it.field, it.reason)
			case it.course != nil:
				p, _, _ := openAPIProgram(*it.course, places)
				listed[p.ID] = p.ID != ""
				if err := putOpenAPIItem(ctx, b, places, it.n, *it.course); err != nil {
					return err
				}
			default:
				p, field, reason := roundProgram(*it.round, places)
				listed[p.ID] = p.ID != ""
				if field != "" {
					b.reject(it.n, false, field, reason)
					continue
				}
				if err := b.putProgram(ctx, it.n, false, p); err != nil {
					return err
				}
			}
		}
		rep.Removed, rep.Unlisted, err = sink.RemoveUnlisted(ctx, Programs, Format50PlusOpenAPI, listed)
		return err
	})
	if err != nil {
		return Report{}, fmt.Errorf("50플러스 Open API: %w", err)
	}
	return rep, nil
}

// roundProgram turns a 가치동행일자리 round into a program: who may apply
// (40 and over, Seoul residents), when applications are taken, the
// activity period and its hourly pay. The API gives no id and no link, so
// the source id is a hash of year, organisation, name and the first day
// of applications, and the source is a note. A round without a name is
// rejected, as is one whose dates do not read.
func roundProgram(it job1Item, places *placeIndex) (p data.Program, field, reason string) {
	title := it.BizNm.String()
	org := it.OrgNm.String()
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%s|%s|%s", it.BizYear.String(), org, title, it.AppdurngStartDe.String())
	id := fmt.Sprintf("%016x", h.Sum64())
	p.ID = "50plusjob1-" + id
	if title == "" {
		return p, "bizNm", "missing"
	}
	if f, r := parseDates(parseDate,
		dateField{"appdurngStartDe", it.AppdurngStartDe.String(), &p.ApplyStart}, dateField{"appdurngEndDe", it.AppdurngEndDe.String(), &p.ApplyEnd},
		dateField{"actperStartDe", it.ActperStartDe.String(), &p.Start}, dateField{"actperEndDe", it.ActperEndDe.String(), &p.End},
	); f != "" {
		return p, f, r
	}
	if f, r := checkSpans(p, "appdurngEndDe", "actperEndDe"); f != "" {
		return p, f, r
	}
	p.Title = title
	p.Category, p.Goals = data.Classify("가치동행일자리", title)
	places.locate(&p, org)
	if p.Provider == "" {
		p.Provider = org
	}
	p.MinAge = valueJobMinAge
	p.SeoulOnly = true
	p.Cost = -1 // paid work, not a fee: the pay is in the schedule
	pay := ""
	if n, ok, err := it.ActamtHamt.Int(); err == nil && ok && n > 0 {
		pay = "활동비 시급 " + wonText(n)
	}
	people := ""
	if n, ok, err := it.RcrtPpl.Int(); err == nil && ok && n > 0 {
		people = fmt.Sprintf("%d명 모집", n)
	}
	p.Schedule = joinNonEmpty(" · ", dateSpan(p.Start, p.End), pay, people)
	p.Keywords = "가치동행일자리 " + org
	courseConditions(&p)
	note := "서울시50플러스재단 Open API job1/list (가치동행일자리)"
	if y := it.BizYear.String(); y != "" {
		note += ", " + y
	}
	p.Source = data.Source{Format: Format50PlusOpenAPI, ID: id, Note: note}
	return p, "", ""
}
