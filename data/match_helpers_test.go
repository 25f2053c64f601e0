package data

import (
	"testing"
)

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// ids returns the IDs of hits, in order.
func ids(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		if h.Program != nil {
			out[i] = h.Program.ID
		} else {
			out[i] = h.Job.ID
		}
	}
	return out
}

func placeIDs(hits []PlaceHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Place.ID
	}
	return out
}

func hasReason(rs []Reason, k ReasonKind) bool {
	for _, r := range rs {
		if r.Kind == k {
			return true
		}
	}
	return false
}
