package data

// This file is the matching API that dialogs and cmd code against. The
// implementation (indexes, scoring) belongs to the catalog issue; the stub
// bodies below return empty results until it lands.

// Query asks for one resident's results.
type Query struct {
	Profile Profile
	// Today is the date deadlines are judged against.
	Today Date
	// Offset and Limit page each group (programs, jobs, places)
	// independently: the results at positions [Offset, Offset+Limit).
	// Limit 0 means 3.
	Offset, Limit int
}

// Result is one resident's ranked programs, jobs and places.
type Result struct {
	Programs []Hit
	Jobs     []Hit
	Places   []PlaceHit
	// The totals count every eligible item of each group, so a channel
	// knows whether "더 보기" has more to show.
	TotalPrograms, TotalJobs, TotalPlaces int
}

// Hit is one recommended program or job with the reasons it was chosen.
// Exactly one of Program and Job is set; both point into the Catalog and
// must not be modified.
type Hit struct {
	Program *Program
	Job     *Job
	Reasons []Reason
}

// PlaceHit is one recommended place. Meters is the distance from the
// resident (their shared location, else their district's point) when
// HasDistance is set; a place with neither coordinates nor district is
// listed by name only.
type PlaceHit struct {
	Place       *Place
	Meters      int
	HasDistance bool
	Reasons     []Reason
}

// ReasonKind says why an item was chosen. Channels render reasons in words
// (package dialogs holds the sentences); data only says which facts hold.
type ReasonKind uint8

// The reasons matching gives.
const (
	// ReasonGoal: the item serves the resident's goal Reason.Goal.
	ReasonGoal ReasonKind = iota + 1
	// ReasonField: the item fits the resident's experience Reason.Field.
	ReasonField
	// ReasonDistance: the item is Reason.Meters away; Reason.FromLocation
	// says whether from the shared location or from the district's point
	// (Reason.District).
	ReasonDistance
	// ReasonDistrict: the item is in the resident's district Reason.District.
	ReasonDistrict
	// ReasonOnline: the item is online, open from anywhere.
	ReasonOnline
	// ReasonAges: the resident's band fits the ages MinAge..MaxAge (0: no bound).
	ReasonAges
	// ReasonAgeCheck: the resident's band only partly fits MinAge..MaxAge;
	// shown as "나이 조건 확인".
	ReasonAgeCheck
	// ReasonDeadline: applications close on Reason.Date, Reason.Days from today.
	ReasonDeadline
	// ReasonOpensSoon: applications open on Reason.Date, Reason.Days from today.
	ReasonOpensSoon
	// ReasonFree: the item costs nothing.
	ReasonFree
	// ReasonAlwaysOpen: the item takes applications all year.
	ReasonAlwaysOpen
)

// Reason is one fact behind a recommendation. Only the fields its Kind
// names are set.
type Reason struct {
	Kind         ReasonKind
	Goal         Goal
	Field        Field
	District     District
	Meters       int
	FromLocation bool
	MinAge       int
	MaxAge       int
	Date         Date
	Days         int
}

// Catalog is an immutable in-memory snapshot of the catalog, with the
// indexes matching needs. It is safe for concurrent use. Build one with
// NewCatalog; the store builds one after every import.
type Catalog struct {
	places   []Place
	programs []Program
	jobs     []Job
}

// NewCatalog builds a snapshot of the given items. It keeps the slices; the
// caller must not modify them afterwards.
func NewCatalog(places []Place, programs []Program, jobs []Job) *Catalog {
	return &Catalog{places: places, programs: programs, jobs: jobs}
}

// Match returns the resident's ranked results, each with its reasons
// (DESIGN.md, Matching). It never returns an item that is past its deadline,
// closed, or for ages the resident's band cannot reach.
func (c *Catalog) Match(q Query) Result {
	return Result{}
}

// Place returns the place with the given id, closed places included.
func (c *Catalog) Place(id string) (Place, bool) {
	for _, p := range c.places {
		if p.ID == id {
			return p, true
		}
	}
	return Place{}, false
}
