package imports

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// wanted is one posting of the 고용24 (워크넷) job list.
type wanted struct {
	WantedAuthNo  string `xml:"wantedAuthNo"`
	Company       string `xml:"company"`
	Title         string `xml:"title"`
	SalTpNm       string `xml:"salTpNm"`
	Sal           string `xml:"sal"`
	Region        string `xml:"region"`
	HolidayTpNm   string `xml:"holidayTpNm"`
	Career        string `xml:"career"`
	RegDt         string `xml:"regDt"`
	CloseDt       string `xml:"closeDt"`
	WantedInfoURL string `xml:"wantedInfoUrl"`
	BasicAddr     string `xml:"basicAddr"`
	DetailAddr    string `xml:"detailAddr"`
	EmpTpCd       string `xml:"empTpCd"`
	JobsCd        string `xml:"jobsCd"`
}

// work24EmpTypes names 고용24's empTpCd: 10 and 11 have no fixed term, 20
// and 21 do; 11 and 21 are 시간(선택)제.
var work24EmpTypes = map[string]string{
	"10": "상용직", "11": "상용직(시간제)", "20": "계약직", "21": "계약직(시간제)",
}

// Work24Notice is the source notice 고용24's terms of use ask to go with
// every posting it provides; it is kept as each posting's Source.Note.
const Work24Notice = "본 자료는 고용노동부 고용24(www.work24.go.kr)에서 제공된 정보입니다."

// readWork24 reads <wantedRoot><total/>…<wanted>…</wanted></wantedRoot>. An
// <error> root or a <messageCd> other than 0000 (고용24 answers errors with
// HTTP 200) fails the whole file.
func readWork24(ctx context.Context, b *batch, x *xmlInput) error {
	_, err := decodeWork24(x, 0, func(n int, wd wanted, field, reason string) error {
		if field != "" {
			b.reject(n, false, field, reason)
			return nil
		}
		return putWanted(ctx, b, n, wd, false)
	})
	return err
}

// decodeWork24 reads one 고용24 job list, handing each posting to emit with
// its number (from first+1), or with the field and reason that reject it.
// It returns <total>, the number of postings of the whole listing. An
// <error> root or a <messageCd> other than 0000 is an *APIError.
func decodeWork24(x *xmlInput, first int, emit func(n int, wd wanted, field, reason string) error) (total int, err error) {
	dec := x.decoder()
	n, depth, root := first, 0, ""
	var msgCd, msgNm string
	for {
		x.reset()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, xmlErr(err, n)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			name := t.Name.Local
			switch {
			case depth == 1:
				root = name
				if name == "error" {
					var text string
					if err := dec.DecodeElement(&text, &t); err != nil {
						return 0, xmlErr(err, n)
					}
					return 0, &APIError{Code: "error", Message: data.CleanText(text)}
				}
				if name != "wantedRoot" {
					return 0, fmt.Errorf("XML root <%s>: want <wantedRoot>", name)
				}
			case depth == 2 && name == "total":
				var text string
				if err := dec.DecodeElement(&text, &t); err != nil {
					return 0, xmlErr(err, n)
				}
				depth--
				if v, err := strconv.Atoi(strings.TrimSpace(text)); err == nil {
					total = v
				}
			case name == "messageCd" || name == "messageNm" || name == "error":
				var text string
				if err := dec.DecodeElement(&text, &t); err != nil {
					return 0, xmlErr(err, n)
				}
				depth--
				switch name {
				case "messageCd":
					msgCd = strings.TrimSpace(text)
				case "messageNm":
					msgNm = data.CleanText(text)
				default:
					return 0, &APIError{Code: "error", Message: data.CleanText(text)}
				}
			case depth == 2 && name == "wanted":
				n++
				var wd wanted
				x.reset()
				if err := dec.DecodeElement(&wd, &t); err != nil {
					return 0, xmlErr(err, n-1)
				}
				depth--
				field, reason, bad := checkRecord(&wd)
				if bad {
					return 0, badTextError(n, false, field, x.encoding())
				}
				if err := emit(n, wd, field, reason); err != nil {
					return 0, err
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if root == "" {
		return 0, errors.New("no XML root element")
	}
	if msgCd != "" && msgCd != "0000" {
		return 0, &APIError{Code: msgCd, Message: msgNm}
	}
	return total, nil
}

// putWanted turns a posting into a job and stores it. With seoulOnly, a
// posting whose region is outside Seoul is skipped (the API's region
// filter, checked again).
func putWanted(ctx context.Context, b *batch, n int, wd wanted, seoulOnly bool) error {
	id := strings.TrimSpace(wd.WantedAuthNo)
	if id == "" {
		b.reject(n, false, "wantedAuthNo", "missing")
		return nil
	}
	if r := data.CleanText(wd.Region); seoulOnly && r != "" && !strings.HasPrefix(r, "서울") {
		b.skip(n, false, "region", fmt.Sprintf("%q is outside Seoul", r))
		return nil
	}
	title := data.CleanText(wd.Title)
	if title == "" {
		b.reject(n, false, "title", "missing")
		return nil
	}
	posted, err := findDate(wd.RegDt)
	if err != nil {
		b.reject(n, false, "regDt", err.Error())
		return nil
	}
	deadline, err := findDate(wd.CloseDt)
	if err != nil {
		b.reject(n, false, "closeDt", err.Error())
		return nil
	}
	j := data.Job{
		ID: "work24-" + id, Title: title, Company: data.CleanText(wd.Company),
		OccupationCode: strings.TrimSpace(wd.JobsCd),
		Address:        normalizeAddress(strings.TrimSpace(wd.BasicAddr + " " + wd.DetailAddr)),
		Wage:           data.CleanText(wd.SalTpNm + " " + wd.Sal),
		Employment:     work24EmpTypes[strings.TrimSpace(wd.EmpTpCd)],
		Career:         data.CleanText(wd.Career), Hours: data.CleanText(wd.HolidayTpNm),
		Posted: posted, Deadline: deadline,
		Source: data.Source{Format: FormatWork24, ID: id, URL: strings.TrimSpace(wd.WantedInfoURL), Note: Work24Notice},
	}
	if j.Address == "" {
		j.Address = data.CleanText(wd.Region)
	}
	if j.District = data.DistrictIn(wd.Region); !j.District.Valid() {
		j.District = data.DistrictIn(j.Address)
	}
	jobConditions(&j)
	// The terms of 고용24 want the link to go to its posting page.
	if u, err := url.Parse(j.Source.URL); err != nil || u.Scheme != "https" || !strings.HasSuffix(u.Host, "work24.go.kr") {
		j.Source.URL = work24DetailURL + url.QueryEscape(id)
	}
	return b.putJob(ctx, n, false, j)
}
