package dialogs

import (
	"github.com/dasi-seoul/dasi/data"
)

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
