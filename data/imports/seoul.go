package imports

import (
	"bufio"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// work24DetailURL is the 고용24 page of a posting, by its 구인인증번호
// (GetJobInfo's JO_REGIST_NO, 고용24's wantedAuthNo).
const work24DetailURL = "https://www.work24.go.kr/wk/a/b/1500/empDetailAuthView.do?infoTypeCd=VALIDATION&infoTypeGroup=tb_workinfoworknet&wantedAuthNo="

// jobInfoRow is one row of the Seoul Open API GetJobInfo (서울시
// 일자리포털 채용정보), in JSON or XML.
type jobInfoRow struct {
	JoReqstNo   jtext `json:"JO_REQST_NO" xml:"JO_REQST_NO"`
	JoRegistNo  jtext `json:"JO_REGIST_NO" xml:"JO_REGIST_NO"`
	CmpnyNm     jtext `json:"CMPNY_NM" xml:"CMPNY_NM"`
	JobCode     jtext `json:"RCRIT_JSSFC_CMMN_CODE_SE" xml:"RCRIT_JSSFC_CMMN_CODE_SE"`
	JobCodeNm   jtext `json:"JOBCODE_NM" xml:"JOBCODE_NM"`
	EmplymStle  jtext `json:"EMPLYM_STLE_CMMN_MM" xml:"EMPLYM_STLE_CMMN_MM"`
	WorkAddress jtext `json:"WORK_PARAR_BASS_ADRES_CN" xml:"WORK_PARAR_BASS_ADRES_CN"`
	CareerCndNm jtext `json:"CAREER_CND_NM" xml:"CAREER_CND_NM"`
	HopeWage    jtext `json:"HOPE_WAGE" xml:"HOPE_WAGE"`
	WorkTimeNm  jtext `json:"WORK_TIME_NM" xml:"WORK_TIME_NM"`
	HolidayNm   jtext `json:"HOLIDAY_NM" xml:"HOLIDAY_NM"`
	WeekWorkHr  jtext `json:"WEEK_WORK_HR" xml:"WEEK_WORK_HR"`
	RceptClosNm jtext `json:"RCEPT_CLOS_NM" xml:"RCEPT_CLOS_NM"`
	BassAdresCn jtext `json:"BASS_ADRES_CN" xml:"BASS_ADRES_CN"`
	JoSj        jtext `json:"JO_SJ" xml:"JO_SJ"`
	JoRegDt     jtext `json:"JO_REG_DT" xml:"JO_REG_DT"`
}

// seoulResult is the RESULT of every 열린데이터광장 answer.
type seoulResult struct {
	Code    jtext `json:"CODE" xml:"CODE"`
	Message jtext `json:"MESSAGE" xml:"MESSAGE"`
}

// check returns the envelope's error; INFO-000 is success.
func (r seoulResult) check() error {
	if c := r.Code.String(); c != "INFO-000" {
		return &APIError{Code: c, Message: r.Message.String()}
	}
	return nil
}

// jobInfoRecord is one GetJobInfo row as read: a job, or the field and
// reason that reject it.
type jobInfoRecord struct {
	n             int // 1-based record number
	job           data.Job
	field, reason string
}

// putJobInfo returns the function that stores what the GetJobInfo readers
// emit, through b.
func (b *batch) putJobInfo(ctx context.Context) func(jobInfoRecord) error {
	return func(r jobInfoRecord) error {
		if r.field != "" {
			b.reject(r.n, false, r.field, r.reason)
			return nil
		}
		return b.putJob(ctx, r.n, false, r.job)
	}
}

// readGetJobInfoJSON reads {"GetJobInfo":{"list_total_count":N,"RESULT":{…},"row":[…]}}
// or the bare error envelope {"RESULT":{…}}, handing each row to emit.
// Records are numbered from first+1. It returns list_total_count (0 when
// absent).
func readGetJobInfoJSON(r io.Reader, first int, emit func(jobInfoRecord) error) (total int, err error) {
	dec := newJSONStream(r, nil)
	found := false
	err = walkObject(dec, "in the envelope", func(key string) error {
		switch key {
		case "RESULT":
			return decodeResult(dec)
		case "GetJobInfo":
		default:
			return skipValue(dec, "in "+key)
		}
		found = true
		return walkObject(dec, "in GetJobInfo", func(key string) error {
			switch key {
			case "list_total_count":
				var t jtext
				if err := decodeValue(dec, "in list_total_count", &t); err != nil {
					return err
				}
				n, _, err := t.Int()
				if err != nil {
					return fmt.Errorf("list_total_count: %w", err)
				}
				total = int(n)
				return nil
			case "RESULT":
				return decodeResult(dec)
			case "row":
				_, err := walkArray(dec, "in row", first, func(n int) error {
					var row jobInfoRow
					field, reason, err := decodeRecord(dec, n, &row)
					switch {
					case err != nil:
						return err
					case field != "":
						return emit(jobInfoRecord{n: n, field: field, reason: reason})
					}
					return emit(jobInfoJob(n, row))
				})
				return err
			}
			return skipValue(dec, "in "+key)
		})
	})
	if err != nil {
		return 0, err
	}
	if !found {
		return 0, errors.New("no \"GetJobInfo\" in the envelope")
	}
	return total, expectEOF(dec)
}

// decodeResult reads a JSON RESULT and returns its error, if any.
func decodeResult(dec *jsonStream) error {
	var res seoulResult
	if err := decodeValue(dec, "in RESULT", &res); err != nil {
		return err
	}
	return res.check()
}

// decodeXMLResult reads the XML RESULT element that start opens, after
// record n, and returns its error, if any.
func decodeXMLResult(dec *xml.Decoder, start *xml.StartElement, n int) error {
	var res seoulResult
	if err := dec.DecodeElement(&res, start); err != nil {
		return xmlErr(err, n)
	}
	return res.check()
}

// readGetJobInfoXML reads <GetJobInfo><list_total_count/><RESULT/><row/>…</GetJobInfo>,
// or the bare error envelope <RESULT>, handing each row to emit.
func readGetJobInfoXML(x *xmlInput, emit func(jobInfoRecord) error) error {
	dec := x.decoder()
	n, depth, root := 0, 0, ""
	for {
		x.reset()
		tok, err := dec.Token()
		if err == io.EOF {
			if root == "" {
				return errors.New("no XML root element")
			}
			return nil
		}
		if err != nil {
			return xmlErr(err, n)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1:
				root = t.Name.Local
				if root == "RESULT" {
					return decodeXMLResult(dec, &t, n)
				}
				if root != "GetJobInfo" {
					return fmt.Errorf("XML root <%s>: want <GetJobInfo>", root)
				}
			case depth == 2 && t.Name.Local == "RESULT":
				depth--
				if err := decodeXMLResult(dec, &t, n); err != nil {
					return err
				}
			case depth == 2 && t.Name.Local == "row":
				n++
				var row jobInfoRow
				x.reset()
				if err := dec.DecodeElement(&row, &t); err != nil {
					return xmlErr(err, n-1)
				}
				depth--
				rec := jobInfoJob(n, row)
				if field, reason, bad := checkRecord(&row); bad {
					return badTextError(n, false, field, x.encoding())
				} else if field != "" {
					rec.field, rec.reason = field, reason
				}
				if err := emit(rec); err != nil {
					return err
				}
			default:
				if err := dec.Skip(); err != nil {
					return xmlErr(err, n)
				}
				depth--
			}
		case xml.EndElement:
			depth--
		}
	}
}

// xmlErr describes an XML error of the whole file, after record n.
func xmlErr(err error, n int) error {
	var ce *unknownCharsetError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected EOF"):
		return fmt.Errorf("%w: the file ends after record %d; nothing was imported", errTruncated, n)
	case errors.Is(err, errRecordTooLarge):
		return fmt.Errorf("record %d: %w; nothing was imported", n+1, err)
	case errors.As(err, &ce):
		return ce
	}
	return fmt.Errorf("not valid XML after record %d: %w", n, err)
}

// jobInfoJob turns GetJobInfo row n into a job, or names the field that
// makes it unusable.
func jobInfoJob(n int, row jobInfoRow) jobInfoRecord {
	id := row.JoRegistNo.String()
	if id == "" {
		id = row.JoReqstNo.String()
	}
	if id == "" {
		return jobInfoRecord{n: n, field: "JO_REGIST_NO", reason: "missing (and no JO_REQST_NO)"}
	}
	// A rejected row keeps its catalog id: the posting is still listed.
	bad := func(field, reason string) jobInfoRecord {
		return jobInfoRecord{n: n, job: data.Job{ID: "seoul-" + id}, field: field, reason: reason}
	}
	title := row.JoSj.String()
	if title == "" {
		return bad("JO_SJ", "missing")
	}
	deadline, err := findDate(row.RceptClosNm.String())
	if err != nil {
		return bad("RCEPT_CLOS_NM", err.Error())
	}
	posted, err := parseDate(row.JoRegDt.String())
	if err != nil {
		return bad("JO_REG_DT", err.Error())
	}
	j := data.Job{
		ID: "seoul-" + id, Title: title, Company: row.CmpnyNm.String(),
		OccupationCode: row.JobCode.String(), Occupation: row.JobCodeNm.String(),
		Address: normalizeAddress(row.WorkAddress.String()), Wage: normalizeWage(string(row.HopeWage)),
		Employment: row.EmplymStle.String(), Career: row.CareerCndNm.String(),
		Hours: jobHours(row), Posted: posted, Deadline: deadline,
		Source: data.Source{Format: FormatGetJobInfo, ID: id},
	}
	if j.District = data.DistrictIn(j.Address); !j.District.Valid() {
		j.District = data.DistrictIn(row.BassAdresCn.String())
	}
	jobConditions(&j)
	if no := row.JoRegistNo.String(); no != "" {
		j.Source.URL = work24DetailURL + url.QueryEscape(no)
	} else {
		j.Source.Note = "서울시 일자리포털 구인신청번호 " + id
	}
	return jobInfoRecord{n: n, job: j}
}

// jobHours joins the working time, days and weekly hours.
func jobHours(row jobInfoRow) string {
	week := row.WeekWorkHr.String()
	if _, err := strconv.Atoi(week); err == nil {
		week = "주 " + week + "시간"
	}
	return joinNonEmpty(" · ", strings.TrimSpace(strings.TrimPrefix(row.WorkTimeNm.String(), "(근무시간)")),
		row.HolidayNm.String(), week)
}

// SeoulAPIPageSize is how many rows one call of the Seoul Open API returns
// at most (ERROR-336 above it).
const SeoulAPIPageSize = 1000

// GetJobInfoAPI pages through the Seoul Open API's GetJobInfo at baseURL
// (SEOUL_API_URL) with key, SeoulAPIPageSize rows a call, then writes every
// page into store's catalog in one transaction (Store.WriteImport): the
// store's write lock is not held while the API answers, so the bot's own
// writes go on meanwhile. The API lists every current posting, so the
// GetJobInfo openings that two listings in a row lack (withdrawn or
// filled, "채용시까지" ones included) are removed and counted in
// Report.Removed. Deadlines are
// judged against today (zero: the real date). Rejected rows are numbered
// across pages and named after the service ("GetJobInfo:record 1234"). It
// returns an error, and changes nothing, when a call fails, any page
// carries an error envelope (*APIError), or the store fails. Errors never
// show the key: it is replaced with <SEOUL_API_KEY> wherever the API's
// answers echo it (an error message, a row's text). A nil client is
// http.DefaultClient.
func GetJobInfoAPI(ctx context.Context, store Store, client *http.Client, baseURL, key string, today data.Date) (Report, error) {
	rep, err := getJobInfoAPI(ctx, store, client, baseURL, key, today)
	if key == "" {
		return rep, err
	}
	for i := range rep.Rejects {
		rep.Rejects[i].Reason = scrubKey(rep.Rejects[i].Reason, key)
	}
	var ae *APIError
	if errors.As(err, &ae) {
		ae.Code, ae.Message = scrubKey(ae.Code, key), scrubKey(ae.Message, key)
	}
	if err != nil && scrubKey(err.Error(), key) != err.Error() {
		err = scrubbedKey{err, key}
	}
	return rep, err
}

// scrubKey replaces key in s, as written and as URLs escape it.
func scrubKey(s, key string) string {
	for _, k := range []string{key, url.PathEscape(key), url.QueryEscape(key)} {
		s = strings.ReplaceAll(s, k, "<SEOUL_API_KEY>")
	}
	return s
}

// scrubbedKey hides the API key in an error's message, keeping the chain.
type scrubbedKey struct {
	err error
	key string
}

func (s scrubbedKey) Error() string { return scrubKey(s.err.Error(), s.key) }
func (s scrubbedKey) Unwrap() error { return s.err }

// getJobInfoAPI is GetJobInfoAPI before its messages are scrubbed.
func getJobInfoAPI(ctx context.Context, store Store, client *http.Client, baseURL, key string, today data.Date) (Report, error) {
	const file = "GetJobInfo"
	rep := Report{Format: FormatGetJobInfo}
	if key == "" {
		return rep, errors.New("GetJobInfo: no API key (get one at data.seoul.go.kr)")
	}
	if client == nil {
		client = http.DefaultClient
	}
	if today.IsZero() {
		today = data.Today()
	}
	var recs []jobInfoRecord
	keep := func(r jobInfoRecord) error {
		recs = append(recs, r)
		return nil
	}
	for start := 1; ; start += SeoulAPIPageSize {
		end := start + SeoulAPIPageSize - 1
		total, err := fetchJobInfoPage(ctx, client, baseURL, key, start, end, keep)
		if err != nil {
			return Report{}, fmt.Errorf("%s: rows %d-%d: %w", file, start, end, err)
		}
		if end >= total {
			break
		}
	}
	err := store.WriteImport(ctx, Jobs, "api:"+file, &rep, func(ctx context.Context, sink Sink) error {
		put := newBatch(sink, file, today, &rep).putJobInfo(ctx)
		listed := make(map[string]bool, len(recs))
		for _, r := range recs {
			if err := put(r); err != nil {
				return err
			}
			listed[r.job.ID] = true
		}
		var err error
		rep.Removed, rep.Unlisted, err = sink.RemoveUnlisted(ctx, Jobs, FormatGetJobInfo, listed)
		return err
	})
	if err != nil {
		return Report{}, fmt.Errorf("%s: %w", file, err)
	}
	return rep, nil
}

// fetchJobInfoPage fetches rows start..end, handing each to emit, and
// returns list_total_count.
func fetchJobInfoPage(ctx context.Context, client *http.Client, baseURL, key string, start, end int, emit func(jobInfoRecord) error) (int, error) {
	u := fmt.Sprintf("%s/%s/json/GetJobInfo/%d/%d/", strings.TrimRight(baseURL, "/"), url.PathEscape(key), start, end)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, errors.New("SEOUL_API_URL: not a usable URL")
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL holds the key: never show it
		}
		return 0, fmt.Errorf("calling the Seoul Open API: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("the Seoul Open API answered HTTP %s", resp.Status)
	}
	return readGetJobInfoJSON(newTextReader(bufio.NewReader(resp.Body), ""), start-1, emit)
}
