package dialogs

import (
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// This file shortens a program's schedule text to what a resident can act
// on today. Sources describe a programme as it ran when they were written
// ("2025년 9~10월 AI 활용·디지털 강사, 10~11월 …"): read in late 2026 that
// says the programme is over, when it may run again. A result says only
// what is not past, and its reasons ("신청 일정 확인 필요") and its official page
// say when to apply.

// maxSchedule is how much of a program's schedule text the detail line
// shows, in characters: the line stays short on a phone, and the official
// page has the rest.
const maxSchedule = 30

// currentSchedule returns the leading parts of schedule (the pieces
// between top-level commas or " · ") up to the first that names a time
// already past: a year before today's ("2025년"), or this year with months
// that have all gone by ("2026년 3월 모집" read in July). A piece ending in
// a past parenthesis keeps what comes before it ("해마다 2월 모집 (2025년
// 150명)" gives "해마다 2월 모집"). Pieces that are dates in figures
// ("2026-07-01~2026-09-30", from imports) are left out: the detail line
// says dates in words. Months without a year ("동절기(11~2월)") recur and
// are kept. The pieces kept are joined by ", " as far as maxSchedule
// allows; a first piece longer than that is cut with "…". Without today,
// nothing can be judged past and the whole text is kept, shortened.
func currentSchedule(schedule string, today data.Date) string {
	thisYear, thisMonth := int(today)/10000, int(today)/100%100
	year := 0 // the year the pieces so far speak of
	var kept []string
	for _, piece := range schedulePieces(schedule) {
		if hasFigureDate(piece) {
			continue
		}
		head, paren := splitTrailingParen(piece)
		if today != 0 && pastTime(head, &year, thisYear, thisMonth) {
			break
		}
		if today != 0 && paren != "" && pastTime(paren, &year, thisYear, thisMonth) {
			kept = append(kept, head)
			break
		}
		kept = append(kept, piece)
	}
	if len(kept) == 0 {
		return ""
	}
	out := kept[0]
	if utf8.RuneCountInString(out) > maxSchedule {
		return clip(out, maxSchedule)
	}
	for _, k := range kept[1:] {
		next := out + ", " + k
		if utf8.RuneCountInString(next) > maxSchedule {
			break
		}
		out = next
	}
	return out
}

// schedulePieces splits a schedule at commas and " · " outside
// parentheses (a comma between figures, "1,000", is no break), trimming
// each piece.
func schedulePieces(s string) []string {
	var pieces []string
	depth, start := 0, 0
	add := func(end int) {
		if p := strings.Trim(s[start:end], " ,·"); p != "" {
			pieces = append(pieces, p)
		}
	}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '(':
			depth++
		case s[i] == ')' && depth > 0:
			depth--
		case depth > 0:
		case s[i] == ',' && !(i > 0 && i+1 < len(s) && digits(s[i-1:i]) && digits(s[i+1:i+2])): // not "1,000"
			add(i)
			start = i + 1
		case strings.HasPrefix(s[i:], " · "):
			add(i)
			start = i + len(" · ")
			i = start - 1
		}
	}
	add(len(s))
	return pieces
}

// splitTrailingParen splits "상·하반기 모집 (2026년 …)" into the words
// before the parenthesis and the parenthesis; paren is empty when piece
// does not end with one.
func splitTrailingParen(piece string) (head, paren string) {
	if !strings.HasSuffix(piece, ")") {
		return piece, ""
	}
	depth := 0
	for i := len(piece) - 1; i >= 0; i-- {
		switch piece[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				if h := strings.TrimSpace(piece[:i]); h != "" {
					return h, piece[i:]
				}
				return piece, ""
			}
		}
	}
	return piece, ""
}

// pastTime reports whether text names a time before this month: a year
// before thisYear, or months of thisYear (the year text names, else the
// year the pieces before it spoke of, kept in *year) that all ended before
// thisMonth.
func pastTime(text string, year *int, thisYear, thisMonth int) bool {
	lastMonth := 0
	for i := 0; i < len(text); {
		n, end := number(text, i)
		if end == i {
			i++
			continue
		}
		i = end
		switch {
		case strings.HasPrefix(text[end:], "년") && n >= 1900 && n <= 2999:
			if n < thisYear {
				return true
			}
			*year = n
		case strings.HasPrefix(text[end:], "월") && n >= 1 && n <= 12:
			lastMonth = max(lastMonth, n)
		}
	}
	return *year == thisYear && lastMonth != 0 && lastMonth < thisMonth
}

// number reads the ASCII digits at s[i:] as a number; end is i when there
// are none, or when they continue a longer word of digits ("7개월" is read,
// but not as a month: 개월 follows).
func number(s string, i int) (n, end int) {
	if i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		return 0, i
	}
	end = i
	for end < len(s) && s[end] >= '0' && s[end] <= '9' && end-i < 5 {
		n = n*10 + int(s[end]-'0')
		end++
	}
	return n, end
}

// hasFigureDate reports whether s holds a date written in figures,
// "2026-07-01".
func hasFigureDate(s string) bool {
	for i := 0; i+10 <= len(s); i++ {
		if digits(s[i:i+4]) && s[i+4] == '-' && digits(s[i+5:i+7]) && s[i+7] == '-' && digits(s[i+8:i+10]) {
			return true
		}
	}
	return false
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// clip shortens s to at most n characters, at a space or comma when there
// is one, marking the cut with "…".
func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := n
	for i := n; i > n/2; i-- {
		if rs[i] == ' ' || rs[i] == ',' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(rs[:cut]), " ,") + "…"
}
