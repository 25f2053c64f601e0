package imports

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// joinNonEmpty joins the parts that are not empty with sep.
func joinNonEmpty(sep string, parts ...string) string {
	keep := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

// parseYYMMDD parses a 50플러스 date such as "260804" (2026-08-04). Years
// are taken in 2000-2099.
func parseYYMMDD(s string) (data.Date, error) {
	s = strings.TrimSpace(s)
	if len(s) != 6 || strings.Trim(s, "0123456789") != "" {
		return 0, fmt.Errorf("%q is not a date: want YYMMDD", s)
	}
	return checkDate("20"+s[:2], s[2:4], s[4:6], s)
}

// dateRE finds a date written YYYY-MM-DD, YYYY.MM.DD, YYYY/MM/DD or
// YYYYMMDD inside other text.
var dateRE = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})[-./]?([01][0-9])[-./]?([0-3][0-9])(?:[^0-9]|$)`)

// findDate returns the first date written in s ("마감일 (2026-09-26)",
// "20260920", "2026.08.04(화)"). It returns zero and no error when s holds
// no date at all ("채용시까지"), and an error when the date it holds is not
// a real day.
func findDate(s string) (data.Date, error) {
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		return 0, nil
	}
	return checkDate(m[1], m[2], m[3], s)
}

// parseDate parses a date that must be the whole of s (YYYY-MM-DD,
// YYYY.MM.DD, YYYYMMDD or YYMMDD). Empty s is the zero date.
func parseDate(s string) (data.Date, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return 0, nil
	case len(s) == 6:
		return parseYYMMDD(s)
	}
	m := dateRE.FindStringSubmatch(s)
	if m == nil || len(m[0]) != len(s) {
		return 0, fmt.Errorf("%q is not a date: want YYYY-MM-DD", s)
	}
	return checkDate(m[1], m[2], m[3], s)
}

// checkDate builds the date and checks that the day exists.
func checkDate(y, m, d, orig string) (data.Date, error) {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if t.Year() != yy || int(t.Month()) != mm || t.Day() != dd {
		return 0, fmt.Errorf("%q is not a real day", orig)
	}
	return data.NewDate(yy, time.Month(mm), dd), nil
}

// wonText writes an amount of won with thousands separators: "10,320원".
func wonText(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 && r != '-' && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String() + "원"
}

// wageRE matches GetJobInfo's HOPE_WAGE: a pay type, a slash, an amount.
var wageRE = regexp.MustCompile(`^\s*([^/0-9]+?)\s*/\s*(.*?)\s*$`)

// normalizeWage turns "시급 / 10320원 " into "시급 10,320원" and "연봉 /
// 3600만원" into "연봉 3600만원". Text in any other shape is kept, cleaned
// of extra spaces.
func normalizeWage(s string) string {
	m := wageRE.FindStringSubmatch(s)
	if m == nil {
		return data.CleanText(s)
	}
	amount := data.CleanText(m[2])
	if n, ok := parseWon(amount); ok && strings.HasSuffix(amount, "원") {
		amount = wonText(n)
	}
	return data.CleanText(m[1] + " " + amount)
}

// normalizeAddress separates detail glued to the district ("서울
// 도봉구802호" -> "서울 도봉구 802호") and drops stray punctuation at the end
// ("서울 동대문구." -> "서울 동대문구").
func normalizeAddress(s string) string {
	s = strings.TrimRight(data.CleanText(s), ".,;")
	d := data.DistrictIn(s)
	if !d.Valid() {
		return s
	}
	name := d.Name()
	i := strings.Index(s, name)
	if i < 0 {
		return s
	}
	after := s[i+len(name):]
	if after != "" && !strings.ContainsRune(" ,()", rune(after[0])) {
		s = s[:i+len(name)] + " " + strings.TrimLeft(after, ".,")
	}
	return strings.TrimSpace(s)
}

// parseWon parses an amount of won written as digits with optional
// separators and unit ("36000", "36,000원"). It reports false for anything
// else ("연봉 3,200만원").
func parseWon(s string) (int64, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "원")
	s = strings.ReplaceAll(s, ",", "")
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
