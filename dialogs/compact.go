package dialogs

import (
	"strconv"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// This file is the compact view of the long questions, for a channel that
// shows at most MaxCompact buttons under a message (KakaoTalk's quick
// replies): the 25 districts in Seoul's five 생활권, then the districts of
// the one chosen; the 13 fields on two pages. Reply.Compact carries it;
// the presses of its group buttons are ordinary presses of the step, so an
// old or forged one is caught as any other.

// MaxCompact is the most buttons of Reply.Compact, and of Reply.Buttons
// when Compact is empty, on the questions of the intake.
const MaxCompact = 10

// zones are Seoul's five 생활권 and their districts, in the order residents
// read them.
var zones = [...]struct {
	name      string
	districts []string
}{
	{"도심권", []string{"종로구", "중구", "용산구"}},
	{"동북권", []string{"성동구", "광진구", "동대문구", "중랑구", "성북구", "강북구", "도봉구", "노원구"}},
	{"서북권", []string{"은평구", "서대문구", "마포구"}},
	{"서남권", []string{"양천구", "강서구", "구로구", "금천구", "영등포구", "동작구", "관악구"}},
	{"동남권", []string{"서초구", "강남구", "송파구", "강동구"}},
}

// zoneOf returns the number (1 to 5) of the 생활권 of d, 0 for none.
func zoneOf(d data.District) int {
	for i, z := range zones {
		for _, n := range z.districts {
			if n == d.Name() {
				return i + 1
			}
		}
	}
	return 0
}

// zoneByVal reads a zone button's value ("z3"); 0 when val is not one.
func zoneByVal(val string) int {
	n, ok := strings.CutPrefix(val, "z")
	if !ok {
		return 0
	}
	z, err := strconv.Atoi(n)
	if err != nil || z < 1 || z > len(zones) || strconv.Itoa(z) != n {
		return 0
	}
	return z
}

// fieldsFirstPage is how many fields the compact view's first page shows:
// with 다른 분야 보기, 이전 and 처음으로 it makes MaxCompact.
const fieldsFirstPage = MaxCompact - 3

// compact returns the current question's compact buttons, or nil when its
// Buttons fit as they are.
func (t *turn) compact() [][]Button {
	s := &t.s
	st := s.step
	switch st {
	case stepDistrict, stepBrowse:
		all := drawn(districtButtons[st], func(i int) bool { return data.District(i+1) == s.prof.District })
		if t.zone != 0 {
			var row []Button
			for _, n := range zones[t.zone-1].districts {
				row = append(row, all[data.DistrictByName(n)-1])
			}
			return [][]Button{row, {btn(st, labelOtherZone, "zones"), btn(st, labelHome, valHome)}}
		}
		row := make([]Button, len(zones))
		chosen := zoneOf(s.prof.District)
		for i, z := range zones {
			row[i] = btn(st, checked(z.name, chosen == i+1), "z"+strconv.Itoa(i+1))
		}
		if st == stepBrowse {
			return [][]Button{row, {btn(st, labelHome, valHome)}}
		}
		return [][]Button{row, navRow(st)}
	case stepField:
		page, chosen := t.fieldPage, 0
		all := drawn(fieldButtons, func(i int) bool {
			if data.Fields[i] == s.prof.Field {
				chosen = i
				return true
			}
			return false
		})
		if page == 0 && chosen >= fieldsFirstPage {
			page = 2 // the page of the field chosen before
		}
		if page == 2 {
			return [][]Button{all[fieldsFirstPage:], {btn(st, labelFieldsBefore, "p1")}, navRow(st)}
		}
		return [][]Button{all[:fieldsFirstPage], {btn(st, labelFieldsMore, "p2")}, navRow(st)}
	}
	return nil
}

// pressView acts on a press that changes only the compact view of the
// current question (a 생활권, the other page of fields), and reports
// whether val was one.
func (t *turn) pressView(val string) bool {
	switch t.s.step {
	case stepDistrict, stepBrowse:
		if val == "zones" {
			t.prompt()
			return true
		}
		if z := zoneByVal(val); z != 0 {
			t.zone = z
			t.prompt()
			return true
		}
	case stepField:
		if val == "p1" || val == "p2" {
			t.fieldPage = int(val[1] - '0')
			t.prompt()
			return true
		}
	}
	return false
}
