package data

import (
	"context"
	"path/filepath"
	"testing"
)

// seed returns the places and programs of the embedded seed (the real
// places of places.csv that are not closed, and the standing programs), read
// through a fresh store.
func seed(tb testing.TB) ([]Place, []Program) {
	tb.Helper()
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(tb.TempDir(), "seed.db"))
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	c, err := st.Catalog(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	if len(c.places) == 0 || len(c.programs) == 0 {
		tb.Fatalf("the seed holds %d places and %d programs", len(c.places), len(c.programs))
	}
	return c.places, c.programs
}

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
