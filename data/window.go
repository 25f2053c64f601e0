package data

import (
	"fmt"
	"slices"
	"strings"
)

// Window says when a program takes applications, beyond what its dates
// say. The zero Window leaves it to the dates: a program with an end of
// applications (or of the course) is open until that day; one with no date
// at all has an unknown schedule.
type Window uint8

// The windows of programs.
const (
	// WindowDates: the dates decide; with none, the schedule is unknown.
	WindowDates Window = iota
	// WindowRolling: applications all year (상시 모집, 상시 상담).
	WindowRolling
	// WindowUnknown: the programme recurs (상·하반기, 해마다) but no source
	// gives the current round's dates: shown after the programmes taking
	// applications now, with "신청 일정 확인 필요".
	WindowUnknown
	// WindowBetween: a round closed (ApplyEnd, when known, is its last day)
	// and the next one is not announced: shown after the programmes taking
	// applications now, saying so plainly.
	WindowBetween
	// WindowPast: the programme's only known run is over and no source
	// says it recurs: kept for the record, never recommended.
	WindowPast
)

// windowIDs are the words of the programs template's window column.
var windowIDs = [...]string{WindowDates: "", WindowRolling: "rolling", WindowUnknown: "unknown",
	WindowBetween: "between", WindowPast: "past"}

// ID returns the window's word in the programs template and the store:
// "", "rolling", "unknown", "between" or "past".
func (w Window) ID() string {
	if int(w) >= len(windowIDs) {
		return ""
	}
	return windowIDs[w]
}

// ParseWindow reads a window word (Window.ID); empty is WindowDates. It
// returns an error naming the word when it is none of them.
func ParseWindow(s string) (Window, error) {
	s = strings.TrimSpace(s)
	for w, id := range windowIDs {
		if id == s {
			return Window(w), nil
		}
	}
	return 0, fmt.Errorf("%q is not a window (rolling unknown between past, or empty for the dates)", s)
}

// Restrictions are who an item is for beyond ages and residence, as its
// source says: dasi does not ask residents about them, so they are shown
// in the item's details ("여성만 모집") and never judged. The zero
// Restrictions is none.
type Restrictions uint8

// The restrictions sources state.
const (
	RestrictWomen           Restrictions = 1 << iota // women only: "(여자)", "(여성)", "[동작구 여성]"
	RestrictMen                                      // men only: "제한경쟁(남성)", "아버지 교실"
	RestrictHomemakers                               // 주부 대상: "(주부사원)"
	RestrictSingleHousehold                          // 1인 가구 대상
	RestrictLowIncome                                // 기초생활수급자·차상위계층 대상
	RestrictVulnerable                               // 취업취약계층 대상
)

// restrictionIDs are the words of the programs template's restrictions
// column, by bit.
var restrictionIDs = [...]string{"women", "men", "homemakers", "single-household", "low-income", "vulnerable"}

// List returns each restriction of the set alone, in bit order.
func (r Restrictions) List() []Restrictions {
	var out []Restrictions
	for i := range restrictionIDs {
		if r&(1<<i) != 0 {
			out = append(out, 1<<i)
		}
	}
	return out
}

// Has reports whether r holds every restriction of x.
func (r Restrictions) Has(x Restrictions) bool { return x != 0 && r&x == x }

// IDs returns the set's words separated by spaces ("women
// single-household"): how the store and the programs template write it.
func (r Restrictions) IDs() string {
	var ids []string
	for i, id := range restrictionIDs {
		if r&(1<<i) != 0 {
			ids = append(ids, id)
		}
	}
	return strings.Join(ids, " ")
}

// ParseRestrictions reads restriction words separated by spaces or
// commas, and a licence the item requires written "licence:요양보호사". It
// returns an error naming the first word it does not know.
func ParseRestrictions(s string) (r Restrictions, licence string, err error) {
	for _, f := range strings.FieldsFunc(s, func(c rune) bool { return c == ' ' || c == ',' }) {
		if l, ok := strings.CutPrefix(f, "licence:"); ok && l != "" {
			licence = l
			continue
		}
		i := slices.Index(restrictionIDs[:], f)
		if i < 0 {
			return 0, "", fmt.Errorf("%q is not a restriction (%s, or licence:NAME)", f, strings.Join(restrictionIDs[:], " "))
		}
		r |= 1 << i
	}
	return r, licence, nil
}
