package main

import (
	"fmt"

	"github.com/dasi-seoul/dasi/data"
)

// noJobsNotice returns what serve and chat tell the operator, once at
// start, when cat holds no job opening open on today: residents would
// only hear that none fits. It says how to load some, and whether dasi
// serve will fetch them by itself. ok is false when openings are open.
func noJobsNotice(cat *data.Catalog, cfg config) (text string, ok bool) {
	for _, j := range cat.Jobs() {
		if j.Deadline.IsZero() || j.Deadline >= cfg.today() {
			return "", false
		}
	}
	text = fmt.Sprintf("the catalog in %s holds no job opening open on %s, so residents are told none fits; "+
		"load some with \"dasi import jobs FILE\" (GetJobInfo JSON or XML, 고용24 XML, 50plus announcements JSON) or \"dasi import jobs --from-api\", "+
		"or try the samples: DASI_NOW=2026-07-26 dasi import jobs ../shared/data/50plus/announcements.json (see README)", cfg.DB, cfg.today())
	switch {
	case cfg.SeoulAPIKey != "" || cfg.Refresh.Work24Key != "":
		text += fmt.Sprintf("; dasi serve fetches them now and every %s (SEOUL_API_KEY or WORK24_API_KEY is set)", cfg.Refresh.Every)
	default:
		text += "; with SEOUL_API_KEY or WORK24_API_KEY set, dasi serve fetches them by itself every DASI_REFRESH_EVERY"
	}
	return text, true
}
