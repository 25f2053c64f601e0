package imports

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// Work24APIURL is the 고용24 job list (채용정보 목록) Open API.
const Work24APIURL = "https://www.work24.go.kr/cm/openApi/call/wk/callOpenApiSvcInfo210L01.do"

// The 고용24 list's paging: at most 100 postings a page, and pages up to
// 1,000.
const (
	work24PageSize = 100
	work24MaxPage  = 1000
)

// work24Seoul is the region code of Seoul (서울 전체) in the 고용24 list.
const work24Seoul = "11000"

// work24File names the 고용24 API in the imports log and in rejects.
const work24File = "api:work24"

// Work24API reads every page of the 고용24 job list at baseURL
// (WORK24_API_URL; empty: Work24APIURL) with key, for the Seoul region,
// one call every opt.Pace, then writes the postings into store's catalog
// in one transaction: the store's write lock is not held while the API
// answers. A posting outside Seoul is skipped; each keeps 고용24's source
// notice (Work24Notice) and its posting page as its link. The 고용24
// postings that two listings in a row lack are removed (Report.Removed).
// Deadlines are judged against today (zero: the real date). It returns an
// error, and changes nothing, when a call fails, a page is an error
// answer (*APIError), the listing holds no posting at all (an outage, not
// a Seoul without jobs), or the store fails. Errors never show the key.
func Work24API(ctx context.Context, store Store, baseURL, key string, today data.Date, opt APIOptions) (Report, error) {
	rep, err := work24API(ctx, store, baseURL, key, today, opt)
	return rep, hideKey(&rep, err, key, "WORK24_API_KEY")
}

// work24Posting is one posting read from a page, or the field and reason
// that reject it.
type work24Posting struct {
	n             int
	wd            wanted
	field, reason string
}

// work24API is Work24API before its messages hide the key.
func work24API(ctx context.Context, store Store, baseURL, key string, today data.Date, opt APIOptions) (Report, error) {
	rep := Report{Format: FormatWork24}
	if key == "" {
		return rep, errors.New("고용24: no API key (WORK24_API_KEY; apply at work24.go.kr)")
	}
	if baseURL == "" {
		baseURL = Work24APIURL
	}
	if today.IsZero() {
		today = data.Today()
	}
	var posts []work24Posting
	keep := func(n int, wd wanted, field, reason string) error {
		posts = append(posts, work24Posting{n, wd, field, reason})
		return nil
	}
	for page := 1; page <= work24MaxPage; page++ {
		if page > 1 {
			if err := opt.pause(ctx); err != nil {
				return Report{}, fmt.Errorf("고용24: %w", err)
			}
		}
		q := url.Values{
			"authKey": {key}, "callTp": {"L"}, "returnType": {"XML"}, "region": {work24Seoul},
			"startPage": {strconv.Itoa(page)}, "display": {strconv.Itoa(work24PageSize)},
		}
		sep := "?"
		if strings.Contains(baseURL, "?") {
			sep = "&"
		}
		r, err := getPage(ctx, opt.client(), baseURL+sep+q.Encode(), "the 고용24 API")
		if err != nil {
			return Report{}, fmt.Errorf("고용24: page %d: %w", page, err)
		}
		x, err := newXMLInput(r)
		if err != nil {
			return Report{}, fmt.Errorf("고용24: page %d: %w", page, err)
		}
		before := len(posts)
		total, err := decodeWork24(x, len(posts), keep)
		if err != nil {
			return Report{}, fmt.Errorf("고용24: page %d: %w", page, err)
		}
		if len(posts) == before || page*work24PageSize >= total {
			break
		}
	}
	err := store.WriteImport(ctx, Jobs, work24File, &rep, func(ctx context.Context, sink Sink) error {
		b := newBatch(sink, work24File, today, &rep)
		listed := make(map[string]bool, len(posts))
		for _, p := range posts {
			if id := strings.TrimSpace(p.wd.WantedAuthNo); id != "" {
				listed["work24-"+id] = true
			}
			if p.field != "" {
				b.reject(p.n, false, p.field, p.reason)
				continue
			}
			if err := putWanted(ctx, b, p.n, p.wd, true); err != nil {
				return err
			}
		}
		if len(listed) == 0 {
			return errors.New("the listing holds no posting: nothing was changed")
		}
		var err error
		rep.Removed, rep.Unlisted, err = sink.RemoveUnlisted(ctx, Jobs, FormatWork24, listed)
		return err
	})
	if err != nil {
		return Report{}, fmt.Errorf("고용24: %w", err)
	}
	return rep, nil
}
