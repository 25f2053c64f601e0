package dialogs

import (
	"math"

	"github.com/dasi-seoul/dasi/data"
)

// maxDistrictMeters is how far a shared location may be from the nearest
// district's centre and still be taken as in Seoul. Every point of Seoul
// lies within about 6 km of its own district's centroid.
const maxDistrictMeters = 7000

// nearestDistrict returns the district whose centroid is nearest to p, or 0
// when p is not a valid point or lies outside Seoul.
func nearestDistrict(p data.LatLon) data.District {
	if !p.Valid() {
		return 0
	}
	best, bestM := data.District(0), math.Inf(1)
	for _, d := range data.Districts() {
		if m := meters(p, d.Info().Centroid); m < bestM {
			best, bestM = d, m
		}
	}
	if bestM > maxDistrictMeters {
		return 0
	}
	return best
}

// meters is the great-circle distance between two points.
func meters(a, b data.LatLon) float64 {
	const r = 6371000
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
