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

// choices returns the buttons of step st for the given options, with the
// data built once: the grids of fixed choices are drawn on most steps.
func choices(st step, labels, vals []string) []Button {
	bs := make([]Button, len(labels))
	for i := range labels {
		bs[i] = btn(st, labels[i], vals[i])
	}
	return bs
}

// The fixed grids, built once and copied when drawn. They are never
// modified.
var (
	ageButtons = func() []Button {
		var ls, vs []string
		for _, b := range data.AgeBands {
			ls, vs = append(ls, b.Label()), append(vs, b.ID())
		}
		return choices(stepAge, ls, vs)
	}()
	fieldButtons = func() []Button {
		var ls, vs []string
		for _, f := range data.Fields {
			ls, vs = append(ls, f.Label()), append(vs, f.ID())
		}
		return choices(stepField, ls, vs)
	}()
	yearsButtons = func() []Button {
		var ls, vs []string
		for _, y := range data.YearsBands {
			ls, vs = append(ls, y.Label()), append(vs, y.ID())
		}
		return choices(stepYears, ls, vs)
	}()
	goalButtons = func() []Button {
		var ls, vs []string
		for _, g := range data.AllGoals {
			ls, vs = append(ls, g.Label()), append(vs, g.ID())
		}
		return choices(stepGoals, ls, vs)
	}()
	districtButtons = [...][]Button{stepDistrict: districtGrid(stepDistrict), stepBrowse: districtGrid(stepBrowse)}
)

func districtGrid(st step) []Button {
	var ls, vs []string
	for _, d := range data.Districts() {
		ls, vs = append(ls, d.Name()), append(vs, d.Info().Code)
	}
	return choices(st, ls, vs)
}

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
