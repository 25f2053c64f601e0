package dialogs

import (
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// Button data is "<step code>:<value>", such as "age:50" or "dst:11380".
// The code names the step the button belongs to: a press whose code is not
// the current step's (a button from an old message, or data a resident
// forged) is never acted on; the resident is asked the current question
// again.

// maxData is the most callback data Telegram carries, in bytes.
const maxData = 64

// maxLabel is the longest button label, in characters.
const maxLabel = 14

// The values shared by every step's buttons.
const (
	valBack = "back" // 이전
	valHome = "home" // 처음으로
)

// press is a decoded button press.
type press struct {
	code, val string
}

// parsePress decodes button data; ok is false for data no button of ours
// could carry.
func parsePress(d string) (press, bool) {
	if d == "" || len(d) > maxData || !utf8.ValidString(d) {
		return press{}, false
	}
	code, val, ok := strings.Cut(d, ":")
	if !ok || len(code) != 3 || val == "" {
		return press{}, false
	}
	return press{code: code, val: val}, true
}

// btn returns a button of step st with the given label and value.
func btn(st step, label, val string) Button {
	return Button{Label: label, Data: stepInfo[st].code + ":" + val}
}

// grid lays buttons out in rows of n.
func grid(bs []Button, n int) [][]Button {
	var rows [][]Button
	for len(bs) > n {
		rows = append(rows, bs[:n:n])
		bs = bs[n:]
	}
	if len(bs) > 0 {
		rows = append(rows, bs)
	}
	return rows
}

// navRow is the 이전 and 처음으로 row every intake question ends with.
func navRow(st step) []Button {
	return []Button{btn(st, labelBack, valBack), btn(st, labelHome, valHome)}
}

// checked marks a chosen option's label.
func checked(label string, on bool) string {
	if on {
		return checkMark + label
	}
	return label
}

// choiceButtons returns a button per item: its label, and data of prefix
// followed by its id.
func choiceButtons[T any](prefix string, items []T, label, id func(T) string) []Button {
	bs := make([]Button, len(items))
	for i, it := range items {
		bs[i] = Button{Label: label(it), Data: prefix + id(it)}
	}
	return bs
}

// districtCode is a district's stable id in button data: its code.
func districtCode(d data.District) string { return d.Info().Code }

// The fixed grids of the intake, built once and copied when drawn. They
// are never modified.
var (
	ageButtons      = choiceButtons(stepInfo[stepAge].code+":", data.AgeBands[:], data.AgeBand.Label, data.AgeBand.ID)
	fieldButtons    = choiceButtons(stepInfo[stepField].code+":", data.Fields[:], data.Field.Label, data.Field.ID)
	yearsButtons    = choiceButtons(stepInfo[stepYears].code+":", data.YearsBands[:], data.YearsBand.Label, data.YearsBand.ID)
	goalButtons     = choiceButtons(stepInfo[stepGoals].code+":", data.AllGoals[:], data.Goal.Label, data.Goal.ID)
	districtButtons = [...][]Button{
		stepDistrict: choiceButtons(stepInfo[stepDistrict].code+":", data.Districts(), data.District.Name, districtCode),
		stepBrowse:   choiceButtons(stepInfo[stepBrowse].code+":", data.Districts(), data.District.Name, districtCode),
	}
)

// drawn copies a fixed grid, checking the option for which on is true.
func drawn(fixed []Button, on func(i int) bool) []Button {
	bs := append([]Button(nil), fixed...)
	for i := range bs {
		if on(i) {
			bs[i].Label = checkMark + bs[i].Label
		}
	}
	return bs
}
