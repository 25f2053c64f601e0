package data

import (
	"fmt"
	"time"
)

// Date is a calendar day in Seoul, encoded as the integer YYYYMMDD
// (20260926). The zero Date is unknown. Dates compare with < and ==.
type Date int32

// seoul is Seoul's time zone; Seoul returns it. Nothing assigns it again.
var seoul = time.FixedZone("KST", 9*60*60)

// Seoul returns Seoul's time zone, Korea Standard Time (UTC+9; Korea keeps
// no daylight saving time): the zone in which a Date begins and ends, and
// in which the bot tells the hour.
func Seoul() *time.Location { return seoul }

// Today returns the day it is now in Seoul.
func Today() Date { return DateOf(time.Now()) }

// DateOf returns the day of t in Seoul.
func DateOf(t time.Time) Date {
	y, m, d := t.In(seoul).Date()
	return NewDate(y, m, d)
}

// NewDate returns the Date of the given day. It does not check that the day
// exists; use ParseDate for input.
func NewDate(y int, m time.Month, d int) Date {
	return Date(y*10000 + int(m)*100 + d)
}

// ParseDate parses "2006-01-02". It returns an error naming the text when it
// is not a real calendar day.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD: %w", s, err)
	}
	return NewDate(t.Date()), nil
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d == 0 }

// Time returns midnight of the day in Seoul.
func (d Date) Time() time.Time {
	return time.Date(int(d)/10000, time.Month(int(d)/100%100), int(d)%100, 0, 0, 0, 0, seoul)
}

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// String returns the date as "2006-01-02", or "" when unknown.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", int(d)/10000, int(d)/100%100, int(d)%100)
}
