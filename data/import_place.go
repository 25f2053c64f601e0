package data

import (
	"strings"
)

// placeIndex finds a place by id or by the names sources give it: the
// full name ("서울시50플러스 서부캠퍼스", "성북50플러스센터") and the short
// names 50플러스 uses for its own campuses and centres ("서부캠퍼스",
// "성북센터").
type placeIndex struct {
	byID   map[string]Place
	byName map[string]string // name folded (Fold: "서부 캠퍼스" finds "서부캠퍼스") -> id
}

// newPlaceIndex indexes ps.
func newPlaceIndex(ps []Place) *placeIndex {
	x := &placeIndex{byID: map[string]Place{}, byName: map[string]string{}}
	for _, p := range ps {
		x.add(p)
	}
	return x
}

// add indexes p, replacing a place with the same id or name.
func (x *placeIndex) add(p Place) {
	x.byID[p.ID] = p
	for _, n := range placeNames(p.Name) {
		x.byName[Fold(n)] = p.ID
	}
}

// placeNames returns the names a source may use for the place named name.
func placeNames(name string) []string {
	names := []string{name}
	if short, ok := strings.CutPrefix(name, "서울시50플러스 "); ok {
		names = append(names, short) // 서부캠퍼스
	}
	if area, ok := strings.CutSuffix(name, "50플러스센터"); ok && area != "" {
		names = append(names, area+"센터") // 성북센터
	}
	return names
}

// byOrg returns the place a source's organisation name stands for.
func (x *placeIndex) byOrg(org string) (Place, bool) {
	id, ok := x.byName[Fold(org)]
	if !ok {
		return Place{}, false
	}
	return x.byID[id], true
}

// locate sets p's provider, place and district from the organisation that
// runs it: a known place (its name stands for the provider), else the
// district its name gives.
func (x *placeIndex) locate(p *Program, org string) {
	if pl, ok := x.byOrg(org); ok {
		p.Provider, p.PlaceID, p.District = pl.Name, pl.ID, pl.District
		return
	}
	p.Provider, p.District = org, orgDistrict(org)
}

// get returns the place with the given id.
func (x *placeIndex) get(id string) (Place, bool) {
	p, ok := x.byID[id]
	return p, ok
}

// orgDistrict guesses the district of an organisation that is not a known
// place from its name: "용산센터" -> 용산구, "종로구 가족센터" -> 종로구.
func orgDistrict(org string) District {
	if d := DistrictIn(org); d.Valid() {
		return d
	}
	org = cleanText(org)
	for _, suffix := range []string{"50플러스센터", "센터"} {
		if area, ok := strings.CutSuffix(org, suffix); ok {
			return DistrictByName(area)
		}
	}
	return 0
}
