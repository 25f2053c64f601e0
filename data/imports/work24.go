package imports

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
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

// readWork24 reads <wantedRoot><total/>…<wanted>…</wanted></wantedRoot>. An
// <error> root or a <messageCd> other than 0000 (고용24 answers errors with
// HTTP 200) fails the whole file.
func readWork24(ctx context.Context, b *batch, x *xmlInput) error {
	dec := x.decoder()
	n, depth, root := 0, 0, ""
	var msgCd, msgNm string
	for {
		x.reset()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return xmlErr(err, n)
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
						return xmlErr(err, n)
					}
					return &APIError{Code: "error", Message: data.CleanText(text)}
				}
				if name != "wantedRoot" {
					return fmt.Errorf("XML root <%s>: want <wantedRoot>", name)
				}
			case name == "messageCd" || name == "messageNm" || name == "error":
				var text string
				if err := dec.DecodeElement(&text, &t); err != nil {
					return xmlErr(err, n)
				}
				depth--
				switch name {
				case "messageCd":
					msgCd = strings.TrimSpace(text)
				case "messageNm":
					msgNm = data.CleanText(text)
				default:
					return &APIError{Code: "error", Message: data.CleanText(text)}
				}
			case depth == 2 && name == "wanted":
				n++
				var wd wanted
				x.reset()
				if err := dec.DecodeElement(&wd, &t); err != nil {
					return xmlErr(err, n-1)
				}
				depth--
				if field, reason, bad := checkRecord(&wd); bad {
					return badTextError(n, false, field, x.encoding())
				} else if field != "" {
					b.reject(n, false, field, reason)
					continue
				}
				if err := putWanted(ctx, b, n, wd); err != nil {
					return err
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if root == "" {
		return errors.New("no XML root element")
	}
	if msgCd != "" && msgCd != "0000" {
		return &APIError{Code: msgCd, Message: msgNm}
	}
	return nil
}

// putWanted turns a posting into a job and stores it.
func putWanted(ctx context.Context, b *batch, n int, wd wanted) error {
	id := strings.TrimSpace(wd.WantedAuthNo)
	if id == "" {
		b.reject(n, false, "wantedAuthNo", "missing")
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
		Source: data.Source{Format: FormatWork24, ID: id, URL: strings.TrimSpace(wd.WantedInfoURL)},
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
