package imports

import (
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// placeIndex finds a place by id or by the names sources give it: the
// full name ("서울시50플러스 서부캠퍼스", "성북50플러스센터") and the short
// names 50플러스 uses for its own campuses and centres ("서부캠퍼스",
// "성북센터").
type placeIndex struct {
	byID   map[string]data.Place
	byName map[string]string // name folded (data.Fold: "서부 캠퍼스" finds "서부캠퍼스") -> id
}

// newPlaceIndex indexes ps.
func newPlaceIndex(ps []data.Place) *placeIndex {
	x := &placeIndex{byID: map[string]data.Place{}, byName: map[string]string{}}
	for _, p := range ps {
		x.add(p)
	}
	return x
}

// add indexes p, replacing a place with the same id or name.
func (x *placeIndex) add(p data.Place) {
	x.byID[p.ID] = p
	for _, n := range placeNames(p.Name) {
		x.byName[data.Fold(n)] = p.ID
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
func (x *placeIndex) byOrg(org string) (data.Place, bool) {
	id, ok := x.byName[data.Fold(org)]
	if !ok {
		return data.Place{}, false
	}
	return x.byID[id], true
}

// locate sets p's provider, place and district from the organisation that
// runs it: a known place (its name stands for the provider), else the
// district its name gives.
func (x *placeIndex) locate(p *data.Program, org string) {
	if pl, ok := x.byOrg(org); ok {
		p.Provider, p.PlaceID, p.District = pl.Name, pl.ID, pl.District
		return
	}
	p.Provider, p.District = org, orgDistrict(org)
}

// get returns the place with the given id.
func (x *placeIndex) get(id string) (data.Place, bool) {
	p, ok := x.byID[id]
	return p, ok
}

// orgDistrict guesses the district of an organisation that is not a known
// place from its name: "용산센터" -> 용산구, "종로구 가족센터" -> 종로구, and a
// name that starts with a district's own ("서초택시", "서울강남시니어클럽")
// -> that district. A one-syllable name (중구's 중) is never taken from a
// name's start: too many names begin with it.
func orgDistrict(org string) data.District {
	if d := data.DistrictIn(org); d.Valid() {
		return d
	}
	org = data.CleanText(org)
	for _, suffix := range []string{"50플러스센터", "센터"} {
		if area, ok := strings.CutSuffix(org, suffix); ok {
			if d := data.DistrictByName(area); d.Valid() {
				return d
			}
		}
	}
	name := org
	for _, p := range []string{"(주)", "주식회사", "(사)", "서울특별시", "서울시", "서울"} {
		name = strings.TrimSpace(strings.TrimPrefix(name, p))
	}
	for _, d := range data.Districts() {
		short := strings.TrimSuffix(d.Name(), "구")
		if len([]rune(short)) >= 2 && strings.HasPrefix(name, short) {
			return d
		}
	}
	return 0
}
