package dialogs

import (
	"fmt"

	"github.com/dasi-seoul/dasi/data"
)

// reasonTexts renders reasons until reasons.go (ReasonTexts, written with
// matching) lands on main; this file is then deleted.
func reasonTexts(rs []data.Reason) []string {
	var out []string
	for _, r := range rs {
		switch r.Kind {
		case data.ReasonGoal:
			out = append(out, r.Goal.Short()+" 목표")
		case data.ReasonField:
			out = append(out, r.Field.Label()+" 경력")
		case data.ReasonDistance:
			out = append(out, fmt.Sprintf("%dm", r.Meters))
		case data.ReasonDistrict:
			out = append(out, r.District.Name())
		case data.ReasonFree:
			out = append(out, "무료")
		}
	}
	return out
}
