package dialogs

import (
	"github.com/dasi-seoul/dasi/data"
)

// This file is the shared location: the district it is taken as, and what
// the conversation does with it at each step.

// maxDistrictMeters is how far a shared location may be from the nearest
// district's centre and still be taken as in Seoul. Every point of Seoul
// lies within about 6 km of its own district's centroid.
const maxDistrictMeters = 7000

// nearestDistrict returns the district whose centroid is nearest to p, or 0
// when p is not a valid point or lies outside Seoul. Near a border it may
// pick the neighbour: the summary shows the district for the resident to
// correct.
func nearestDistrict(p data.LatLon) data.District {
	if !p.Valid() {
		return 0
	}
	best, bestM := data.District(0), maxDistrictMeters+1
	for _, d := range data.Districts() {
		if m := p.MetersTo(d.Info().Centroid); m < bestM {
			best, bestM = d, m
		}
	}
	return best
}

// location handles a shared location: its district is the resident's, and
// distances are measured from it for the current results.
func (t *turn) location() {
	switch t.s.step {
	case stepConsent:
		t.reprompt(msgConsentLocation)
		return
	case stepForget, stepResume:
		t.reprompt(msgNotUnderstood)
		return
	}
	at := t.in.At
	d := nearestDistrict(at)
	if d == 0 {
		t.reprompt(msgOutsideSeoul)
		return
	}
	if t.s.step == stepResults || t.s.step == stepDetails {
		// After the search the location only moves where distances are
		// measured from; the confirmed district stays.
		t.s.prof.At = at
		t.s.page = 0
		t.lead(msgNearHere)
		t.showResults()
		return
	}
	t.s.prof.District = d
	t.s.prof.At = at
	t.s.page = 0
	t.lead(msgLocated(d))
	switch t.s.step {
	case stepBrowse, stepBrowseResults:
		t.showBrowse()
	default:
		t.advance()
	}
}
