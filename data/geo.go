package data

import "math"

// earthRadius is the mean Earth radius in metres (IUGG), the radius the
// haversine formula below assumes.
const earthRadius = 6371008.8

// MetersTo returns the great-circle distance from p to q in metres, rounded
// to the nearest metre. Both points must be valid (see LatLon.Valid); the
// result for other points is meaningless but never panics.
func (p LatLon) MetersTo(q LatLon) int {
	const rad = math.Pi / 180
	dLat := (q.Lat - p.Lat) * rad
	dLon := (q.Lon - p.Lon) * rad
	s1, s2 := math.Sin(dLat/2), math.Sin(dLon/2)
	h := s1*s1 + math.Cos(p.Lat*rad)*math.Cos(q.Lat*rad)*s2*s2
	return int(math.Round(2 * earthRadius * math.Asin(math.Sqrt(min(h, 1)))))
}
