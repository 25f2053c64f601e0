package data

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Catalog is an immutable in-memory snapshot of the catalog, with the
// indexes matching needs. It is safe for concurrent use. Build one with
// NewCatalog; the store builds one after every import.
//
// Programs and jobs are filed in an index each (see index): a query judges
// groups of like items at once and reads items only while they can still
// make the page.
type Catalog struct {
	places   []Place
	programs []Program
	jobs     []Job

	placeByID map[string]int32
	// shown lists the places that may be shown (not closed), with what
	// ranking needs of each.
	shown []placeInfo

	// spots are the points items stand at: spotNone, spotOnline, then one
	// per district (spotOf), then one per place with coordinates.
	spots []LatLon
	prog  index
	job   index

	scratch sync.Pool // *scratch
}

// placeInfo is what ranking a place needs.
type placeInfo struct {
	idx      int32
	spot     uint16
	goals    Goals
	nameRank int32
}

// Spot numbers that are not points.
const (
	spotNone   = 0 // no location known: a city-wide program, a job outside the 25 districts
	spotOnline = 1 // an online program
)

// spotOfDistrict returns the spot of a district's reference point.
func spotOfDistrict(d District) uint16 { return uint16(d) + spotOnline }

// costClass orders items by cost: free first.
type costClass uint8

const (
	costFree costClass = iota
	costUnknown
	costCharged
)

// Deadlines are day numbers counted from 2000-01-01, so that they fit in
// 16 bits; noDue marks an item open until filled or all year.
const noDue = 0xFFFF

// maxRank is how many items of one kind a catalog ranks apart by ID; items
// beyond it still match but tie among themselves in input order.
const maxRank = 1<<24 - 1

// NewCatalog builds a snapshot of the given items and its indexes. It keeps
// the slices; the caller must not modify them afterwards. Closed places are
// kept (Catalog.Place finds them) but never recommended; unverified places
// lose their phone number in the snapshot, so no channel can show one.
func NewCatalog(places []Place, programs []Program, jobs []Job) *Catalog {
	c := &Catalog{
		places:    slices.Clone(places),
		programs:  programs,
		jobs:      jobs,
		placeByID: make(map[string]int32, len(places)),
	}
	c.scratch.New = func() any { return new(scratch) }

	c.spots = make([]LatLon, spotOfDistrict(District(NumDistricts))+1)
	for _, d := range Districts() {
		c.spots[spotOfDistrict(d)] = d.Point()
	}
	placeSpot := make([]uint16, len(c.places))
	for i := range c.places {
		p := &c.places[i]
		if p.Status == PlaceUnverified {
			p.Phone = ""
		}
		if _, dup := c.placeByID[p.ID]; !dup {
			c.placeByID[p.ID] = int32(i)
		}
		switch {
		case p.At.Valid():
			placeSpot[i] = uint16(len(c.spots))
			c.spots = append(c.spots, p.At)
		case p.District.Valid():
			placeSpot[i] = spotOfDistrict(p.District)
		}
	}
	c.buildPlaces(placeSpot)
	c.buildPrograms(placeSpot)
	c.buildJobs()
	return c
}

// buildPlaces lists the places that may be shown, each with the goals its
// kind serves and its rank by name, the last tie-break.
func (c *Catalog) buildPlaces(placeSpot []uint16) {
	for i := range c.places {
		p := &c.places[i]
		if p.Status == PlaceClosed {
			continue
		}
		c.shown = append(c.shown, placeInfo{idx: int32(i), spot: placeSpot[i], goals: placeKindGoals[p.Kind]})
	}
	byName := slices.Clone(c.shown)
	slices.SortStableFunc(byName, func(a, b placeInfo) int {
		pa, pb := &c.places[a.idx], &c.places[b.idx]
		return cmp.Or(cmp.Compare(pa.Name, pb.Name), cmp.Compare(pa.ID, pb.ID))
	})
	rank := make(map[int32]int32, len(byName))
	for r, p := range byName {
		rank[p.idx] = int32(r)
	}
	for i := range c.shown {
		c.shown[i].nameRank = rank[c.shown[i].idx]
	}
}

// buildPrograms files the programs in c.prog: goals, fields (category,
// title and keywords against the field words), where, cost, ages and
// residence rule, and the last day they may be recommended.
func (c *Catalog) buildPrograms(placeSpot []uint16) {
	ranks := idRanks(len(c.programs), func(i int) string { return c.programs[i].ID })
	keys := make([]cellKey, len(c.programs))
	dues := make([]uint16, len(c.programs))
	var buf []byte
	for i := range c.programs {
		p := &c.programs[i]
		buf = appendFoldedWords(buf[:0], p.Category, p.Title, p.Keywords)
		k := cellKey{
			groupKey: groupKey{
				goals:  programGoals(p),
				fields: fieldIndex.fields(buf),
				spot:   c.programSpot(p, placeSpot),
			},
			cost:   costOf(p.Cost),
			minAge: clampAge(p.MinAge),
			maxAge: clampAge(p.MaxAge),
		}
		if p.DistrictOnly {
			k.only = p.District
		}
		keys[i] = k
		dues[i] = dueDay(p.ApplyEnd, p.End)
	}
	c.prog = buildIndex(keys, dues, ranks, false)
}

// programGoals returns the goals a program serves: those its importer set,
// else those the category table (Classify) gives its category and
// title.
func programGoals(p *Program) Goals {
	if p.Goals != 0 {
		return p.Goals
	}
	_, g := Classify(p.Category, p.Title)
	return g
}

// programSpot places a program: online; else at its place (its coordinates,
// else its place's district); else at its district; else nowhere in
// particular (a city-wide programme).
func (c *Catalog) programSpot(p *Program, placeSpot []uint16) uint16 {
	if p.Online {
		return spotOnline
	}
	if i, ok := c.placeByID[p.PlaceID]; ok && p.PlaceID != "" && placeSpot[i] != spotNone {
		return placeSpot[i]
	}
	if p.District.Valid() {
		return spotOfDistrict(p.District)
	}
	return spotNone
}

// buildJobs files the jobs in c.job: each serves 재취업, and 사회공헌
// 일자리 when its text says so; fields from its title, occupation and
// career, else its occupation code; its district; its deadline.
func (c *Catalog) buildJobs() {
	ranks := idRanks(len(c.jobs), func(i int) string { return c.jobs[i].ID })
	keys := make([]cellKey, len(c.jobs))
	dues := make([]uint16, len(c.jobs))
	var buf []byte
	for i := range c.jobs {
		j := &c.jobs[i]
		buf = appendFoldedWords(buf[:0], j.Title, j.Occupation, j.Career)
		fields := fieldIndex.fields(buf)
		if fields&^fieldsOf(FieldNone) == 0 {
			fields |= occupationFields(j.OccupationCode)
		}
		goals := goalsOf(GoalJob)
		buf = appendFoldedWords(buf, j.Company)
		goals |= socialJobIndex.goals(buf)
		k := cellKey{groupKey: groupKey{goals: goals, fields: fields}, cost: costUnknown}
		if j.District.Valid() {
			k.spot = spotOfDistrict(j.District)
		}
		keys[i] = k
		dues[i] = dueDay(j.Deadline, 0)
	}
	c.job = buildIndex(keys, dues, ranks, true)
}

// occupationFields looks an occupation code up in occupationCodeFields: a
// 50플러스 code whole, a six-digit KECO-based code by its first two digits.
func occupationFields(code string) fieldSet {
	if strings.HasPrefix(code, "IN") {
		return occupationCodeFields[code]
	}
	if len(code) == 6 && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9' {
		return occupationCodeFields[code[:2]]
	}
	return 0
}

// idRanks returns each item's position in the order of IDs, the last
// tie-break of every ranking.
func idRanks(n int, id func(int) string) []uint32 {
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(id(int(a)), id(int(b))) })
	ranks := make([]uint32, n)
	for r, i := range order {
		ranks[i] = uint32(min(r, maxRank))
	}
	return ranks
}

// costOf classes a fee in won (-1 when unknown).
func costOf(won int) costClass {
	switch {
	case won == 0:
		return costFree
	case won < 0:
		return costUnknown
	default:
		return costCharged
	}
}

// clampAge fits an age bound into a byte.
func clampAge(a int) uint8 { return uint8(min(max(a, 0), 255)) }

// dueDay returns the day number of the earlier of the known dates a and b,
// the last day an item may be recommended; noDue when neither is known.
func dueDay(a, b Date) uint16 {
	switch {
	case a == 0 && b == 0:
		return noDue
	case a == 0:
		a = b
	case b != 0:
		a = min(a, b)
	}
	return uint16(min(max(dayNumber(a), 0), noDue-1))
}

// dayNumber returns the number of days from 2000-01-01 to d (negative
// before), for a valid d.
func dayNumber(d Date) int {
	y, m, day := int(d)/10000, int(d)/100%100, int(d)%100
	// Days from civil, after Howard Hinnant's public-domain algorithm.
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468 - 10957 // 10957: 1970-01-01 to 2000-01-01
}

// Place returns the place with the given id, closed places included. An
// unverified place comes without its phone number.
func (c *Catalog) Place(id string) (Place, bool) {
	if c == nil {
		return Place{}, false
	}
	i, ok := c.placeByID[id]
	if !ok {
		return Place{}, false
	}
	return c.places[i], true
}

// Programs returns every program of the snapshot, expired ones included,
// in the order they were given. The slice belongs to the catalog: callers
// must not modify it.
func (c *Catalog) Programs() []Program {
	if c == nil {
		return nil
	}
	return c.programs
}

// Jobs returns every job opening of the snapshot, expired ones included,
// in the order they were given. The slice belongs to the catalog: callers
// must not modify it.
func (c *Catalog) Jobs() []Job {
	if c == nil {
		return nil
	}
	return c.jobs
}

// Len returns how many places, programs and jobs the snapshot holds,
// expired and closed ones included.
func (c *Catalog) Len() (places, programs, jobs int) {
	if c == nil {
		return 0, 0, 0
	}
	return len(c.places), len(c.programs), len(c.jobs)
}

// LiveCatalog holds the catalog snapshot the bot answers from, and lets an
// import swap in a new one while queries run: each query reads one snapshot
// from start to end. The zero LiveCatalog holds no snapshot and matches
// nothing. It is safe for concurrent use and must not be copied.
type LiveCatalog struct {
	cur atomic.Pointer[Catalog]
}

// NewLiveCatalog returns a LiveCatalog holding c.
func NewLiveCatalog(c *Catalog) *LiveCatalog {
	l := new(LiveCatalog)
	l.cur.Store(c)
	return l
}

// Store makes c the snapshot that later queries read.
func (l *LiveCatalog) Store(c *Catalog) { l.cur.Store(c) }

// Load returns the current snapshot, nil when none was stored.
func (l *LiveCatalog) Load() *Catalog { return l.cur.Load() }

// Match matches q against the current snapshot (see Catalog.Match).
func (l *LiveCatalog) Match(q Query) Result { return l.cur.Load().Match(q) }

// Place looks a place up in the current snapshot (see Catalog.Place).
func (l *LiveCatalog) Place(id string) (Place, bool) { return l.cur.Load().Place(id) }
