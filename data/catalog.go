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
// Programs and jobs are filed in an index each (see index): a query scores
// groups of like items at once and reads items only while they can still
// make the page.
type Catalog struct {
	places   []Place
	programs []Program
	jobs     []Job

	placeByID map[string]int32
	// programByID and jobByID find an item by its catalog id (the details
	// of one item, reminders).
	programByID, jobByID map[string]int32
	// shown lists the places that may be shown (not closed), with what
	// ranking needs of each.
	shown []placeInfo

	// spots are the points items stand at: spotNone, spotOnline, then one
	// per district (spotOf), then one per place with coordinates; for
	// each, whether it is only a district's point (spotApprox) and the
	// district it is in (spotDistrict, 0 when unknown).
	spots        []LatLon
	spotApprox   []bool
	spotDistrict []District
	prog         index
	job          index

	scratch sync.Pool // *scratch
}

// placeInfo is what ranking a place needs.
type placeInfo struct {
	idx      int32
	spot     uint16
	goals    Goals // the goals the place serves (placeServes)
	nameRank int32
	// minAge is the youngest age every programme the place runs admits,
	// when they all set one (시니어일자리지원센터: 60): a younger resident
	// is sent elsewhere first.
	minAge uint8
	// second is set for a place a resident is never sent to first: its
	// courses are mostly for women (여성발전센터), or its details are not
	// verified.
	second bool
	// full is set for a place that serves every goal (a 50플러스 campus or
	// centre): where a resident who named no goal is sent first.
	full bool
}

// Spot numbers that are not points.
const (
	spotNone   = 0 // no location known: a city-wide program, a job that names no work place
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
// Programs whose only run is past (WindowPast) are kept but never
// recommended.
func NewCatalog(places []Place, programs []Program, jobs []Job) *Catalog {
	c := &Catalog{
		places:    slices.Clone(places),
		programs:  programs,
		jobs:      jobs,
		placeByID: make(map[string]int32, len(places)),
	}
	c.scratch.New = func() any { return new(scratch) }

	n := spotOfDistrict(District(NumDistricts)) + 1
	c.spots = make([]LatLon, n)
	c.spotApprox = make([]bool, n)
	c.spotDistrict = make([]District, n)
	for _, d := range Districts() {
		c.spots[spotOfDistrict(d)] = d.Point()
		c.spotApprox[spotOfDistrict(d)] = true
		c.spotDistrict[spotOfDistrict(d)] = d
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
			c.spotApprox = append(c.spotApprox, false)
			c.spotDistrict = append(c.spotDistrict, p.District)
		case p.District.Valid():
			placeSpot[i] = spotOfDistrict(p.District)
		}
	}
	c.programByID = make(map[string]int32, len(programs))
	for i := range programs {
		if _, dup := c.programByID[programs[i].ID]; !dup {
			c.programByID[programs[i].ID] = int32(i)
		}
	}
	c.jobByID = make(map[string]int32, len(jobs))
	for i := range jobs {
		if _, dup := c.jobByID[jobs[i].ID]; !dup {
			c.jobByID[jobs[i].ID] = int32(i)
		}
	}
	c.buildPlaces(placeSpot)
	c.buildPrograms(placeSpot)
	c.buildJobs()
	return c
}

// buildPlaces lists the places that may be shown, each with the goals it
// serves, what keeps it from being a resident's first door, and its rank
// by name, the last tie-break.
func (c *Catalog) buildPlaces(placeSpot []uint16) {
	hosted := make(map[string]Goals)
	youngest := make(map[string]int)
	for i := range c.programs {
		p := &c.programs[i]
		if p.PlaceID == "" {
			continue
		}
		hosted[p.PlaceID] |= programGoals(p)
		if a, ok := youngest[p.PlaceID]; !ok || p.MinAge < a {
			youngest[p.PlaceID] = p.MinAge
		}
	}
	for i := range c.places {
		p := &c.places[i]
		if p.Status == PlaceClosed {
			continue
		}
		k := placeKinds[p.Kind]
		goals := k.goals
		if k.byProgrammes {
			goals &= hosted[p.ID]
		}
		c.shown = append(c.shown, placeInfo{
			idx: int32(i), spot: placeSpot[i], goals: goals,
			minAge: clampAge(youngest[p.ID]),
			second: k.second || p.Status == PlaceUnverified,
			full:   goals == goalsOf(AllGoals[:]...),
		})
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
// title and keywords against the field words), where, cost, ages,
// residence rule, window, waiting list and restrictions, and the last day
// they may be recommended. Programs whose only run is past are left out.
func (c *Catalog) buildPrograms(placeSpot []uint16) {
	ranks := idRanks(len(c.programs), func(i int) string { return c.programs[i].ID })
	var (
		keys          []cellKey
		dues          []uint16
		opens, starts []uint16
		rks           []uint32
		families      []string
		buf           []byte
		idx           []int32
	)
	for i := range c.programs {
		p := &c.programs[i]
		if p.Window == WindowPast {
			continue
		}
		buf = appendFoldedWords(buf[:0], p.Category, p.Title, p.Keywords)
		fit, trade, beginner := readFields(buf)
		k := cellKey{
			groupKey: groupKey{
				goals:    programGoals(p),
				fit:      fit,
				trade:    trade,
				beginner: beginner,
				counsel:  counselling(p),
				spot:     c.programSpot(p, placeSpot),
			},
			pending:    p.pending(),
			cost:       costOf(p.Cost),
			waitlist:   p.Waitlist,
			restricted: p.Restrictions != 0 || p.Licence != "",
			minAge:     clampAge(p.MinAge),
			maxAge:     clampAge(p.MaxAge),
		}
		if p.DistrictOnly {
			k.only = p.District
		}
		due := uint16(noDue)
		if !k.pending {
			due = dueDay(p.LastDay(), 0)
		}
		keys, dues, rks = append(keys, k), append(dues, due), append(rks, ranks[i])
		opens, starts = append(opens, dayOf(p.ApplyStart)), append(starts, dayOf(p.Start))
		families = append(families, courseFamily(p.Title))
		idx = append(idx, int32(i))
	}
	c.prog = buildIndex(keys, dues, opens, starts, rks, families)
	for p := range c.prog.item {
		c.prog.item[p] = idx[c.prog.item[p]]
	}
}

// dayOf returns the day number of d clamped to 16 bits, 0 for the zero
// date.
func dayOf(d Date) uint16 {
	if d == 0 {
		return 0
	}
	return uint16(min(max(dayNumber(d), 1), noDue-1))
}

// courseFamily returns what the runs of one course share in their titles
// ("청소연구소와함께하는 홈매니저양성과정 15기" and "… 16기", "일반경비원
// 신임교육(7월)" and "(8월)", "5기(오전반)" and "(오후반)"): the title
// folded, without the numbers of a run (digits before 기, 월, 차 or 회,
// and the last digits) nor 오전반/오후반.
func courseFamily(title string) string {
	f := []rune(Fold(title))
	out := f[:0]
	for i := 0; i < len(f); i++ {
		if f[i] >= '0' && f[i] <= '9' {
			j := i
			for j < len(f) && f[j] >= '0' && f[j] <= '9' {
				j++
			}
			if j == len(f) {
				break
			}
			if strings.ContainsRune("기월차회", f[j]) {
				i = j
				continue
			}
		}
		out = append(out, f[i])
	}
	s := string(out)
	for _, w := range [...]string{"오전반", "오후반"} {
		s = strings.ReplaceAll(s, w, "")
	}
	return s
}

// pending reports whether the program's schedule is not known to be open
// now: its window is unknown or between rounds, or it gives no date at
// all and does not say it takes applications all year.
func (p *Program) pending() bool {
	switch p.Window {
	case WindowUnknown, WindowBetween:
		return true
	case WindowDates:
		return p.ApplyEnd == 0 && p.End == 0 && p.ApplyStart == 0
	}
	return false
}

// readFields returns the fields the words of a folded text fit (FieldNone
// left out), the fields its trade words name, and whether it welcomes
// beginners. Stop compounds (stopWords) are blanked in text first, so that
// the words inside them do not count.
func readFields(text []byte) (fit, trade fieldSet, beginner bool) {
	var spans [16][2]int
	ss := spans[:0]
	var extra fieldSet
	stopIndex.each(text, func(k Keyword, at int) {
		ss = append(ss, [2]int{at, at + len(k.Word)})
		extra |= stopWords[k.Weight].fields
	})
	for _, sp := range ss {
		for i := sp[0]; i < sp[1]; i++ {
			text[i] = ' '
		}
	}
	fit, trade = fieldIndex.fieldsAndTrades(text)
	fit |= extra
	trade |= extra &^ fieldsOf(FieldSelfEmployed)
	none := fieldsOf(FieldNone)
	return fit &^ none, trade, fit&none != 0
}

// counselWords name a programme of counselling: career, job or
// life-planning advice from a person.
var counselWords = [...]string{"상담", "컨설팅", "코칭", "경력설계"}

// counselling reports whether a program's category or title is
// counselling.
func counselling(p *Program) bool {
	f := Fold(p.Category + " " + p.Title)
	for _, w := range counselWords {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
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
// 일자리 when its text says so; its fields from its occupation code (when
// the code names one kind of work: IN59011 covers both cooks and
// cleaners) and its title and occupation words together; open to
// beginners when its career condition or title says so, it asks for no
// licence and its kind of work does not presume experience; its
// district; its ages; its deadline.
func (c *Catalog) buildJobs() {
	ranks := idRanks(len(c.jobs), func(i int) string { return c.jobs[i].ID })
	keys := make([]cellKey, len(c.jobs))
	dues := make([]uint16, len(c.jobs))
	opens := make([]uint16, len(c.jobs))
	var buf []byte
	for i := range c.jobs {
		j := &c.jobs[i]
		// A 50플러스 occupation label lists a category's kinds of work
		// ("숙박/음식/여행/스포츠/경비청소"): only a KECO name is one occupation.
		occupation := j.Occupation
		if strings.HasPrefix(j.OccupationCode, "IN") {
			occupation = ""
		}
		buf = appendFoldedWords(buf[:0], j.Title, occupation, j.Career)
		fit, _, beginner := readFields(buf)
		fit |= occupationFields(j.OccupationCode)
		beginner = beginner && !experiencedCode(j.OccupationCode)
		goals := goalsOf(GoalJob)
		buf = appendFoldedWords(buf[:0], j.Title, j.Company)
		goals |= socialJobIndex.goals(buf)
		k := cellKey{
			groupKey:   groupKey{goals: goals, fit: fit, beginner: beginner && j.Licence == ""},
			cost:       costUnknown,
			restricted: j.Restrictions != 0 || j.Licence != "",
			minAge:     clampAge(j.MinAge),
			maxAge:     clampAge(j.MaxAge),
		}
		if j.District.Valid() {
			k.spot = spotOfDistrict(j.District)
		}
		keys[i] = k
		dues[i] = dueDay(j.Deadline, 0)
	}
	c.job = buildIndex(keys, dues, opens, opens, ranks, nil)
}

// experiencedCode reports whether an occupation code is one of
// experiencedCodes: a 50플러스 code whole, a KECO-based one by its first
// two digits.
func experiencedCode(code string) bool {
	if len(code) == 6 && !strings.HasPrefix(code, "IN") {
		code = code[:2]
	}
	return experiencedCodes[code]
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

// Program returns the program with the given catalog id, expired ones
// included. The pointer belongs to the catalog: callers must not modify it.
func (c *Catalog) Program(id string) (*Program, bool) {
	if c == nil {
		return nil, false
	}
	i, ok := c.programByID[id]
	if !ok {
		return nil, false
	}
	return &c.programs[i], true
}

// Job returns the job opening with the given catalog id, expired ones
// included. The pointer belongs to the catalog: callers must not modify it.
func (c *Catalog) Job(id string) (*Job, bool) {
	if c == nil {
		return nil, false
	}
	i, ok := c.jobByID[id]
	if !ok {
		return nil, false
	}
	return &c.jobs[i], true
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

// Program looks a program up in the current snapshot (see Catalog.Program).
func (l *LiveCatalog) Program(id string) (*Program, bool) { return l.cur.Load().Program(id) }

// Job looks a job opening up in the current snapshot (see Catalog.Job).
func (l *LiveCatalog) Job(id string) (*Job, bool) { return l.cur.Load().Job(id) }
