package data

// Source says where a catalog item came from, so that every item the bot
// shows can be traced to a real publication.
type Source struct {
	// Format names the importer or "seed": "seed", "50plus-lectures",
	// "50plus-openapi", "programs-csv", "getjobinfo", "work24",
	// "50plus-announcements", "places-csv".
	Format string
	// ID is the item's identifier in its source (a course id, JO_REGIST_NO…).
	ID string
	// URL is the item's official page, when known.
	URL string
	// Note cites a source without a URL: a seed article (file, publisher,
	// date) or the reference the item was written from.
	Note string
	// ImportedAt is when the item was last written by an import or the seed.
	ImportedAt Date
}

// PlaceStatus says whether a place may be shown.
type PlaceStatus uint8

// The statuses of places.csv.
const (
	PlaceOpen       PlaceStatus = iota + 1 // open: shown with everything known
	PlaceUnverified                        // shown with its address only, no phone or hours
	PlaceClosed                            // never shown
)

// placeStatusIDs are the status words of places.csv and of the store.
var placeStatusIDs = [...]string{PlaceOpen: "open", PlaceUnverified: "unverified", PlaceClosed: "closed"}

// ID returns the status word of places.csv and of the store: "open",
// "unverified" or "closed"; "" for an unknown status.
func (s PlaceStatus) ID() string {
	if int(s) >= len(placeStatusIDs) {
		return ""
	}
	return placeStatusIDs[s]
}

// PlaceStatusByID returns the status whose word (PlaceStatus.ID) is id, or
// 0 when id is none.
func PlaceStatusByID(id string) PlaceStatus {
	for st, name := range placeStatusIDs {
		if name != "" && name == id {
			return PlaceStatus(st)
		}
	}
	return 0
}

// Place is a campus, centre or office a resident can walk into.
type Place struct {
	ID       string // places.csv id, such as "c50_west"
	Name     string
	Kind     string // places.csv kind, such as "campus_50plus"
	District District
	Address  string
	Phone    string
	At       LatLon // zero when the place has no coordinates of its own
	Status   PlaceStatus
	Source   Source
}

// Program is a course, a training or a standing programme (가치동행일자리,
// 인생디자인학교…) a resident can join.
type Program struct {
	ID       string // stable catalog id: "<format prefix>-<source id>"
	Title    string
	Category string // normalised category, such as "인생설계" or "디지털기본"
	Goals    Goals  // the goals the program serves
	Provider string // organisation that runs it
	PlaceID  string // the place it runs at, when known
	District District
	Online   bool
	// MinAge and MaxAge bound the eligible ages, inclusive; 0 means no bound.
	MinAge, MaxAge int
	// SeoulOnly is the residence rule: only Seoul residents may join.
	SeoulOnly bool
	// DistrictOnly is the residence rule of district programmes (구민 대상):
	// only residents of District may join. Matching shows such a program
	// only to residents who gave that district.
	DistrictOnly bool
	// Cost is the fee in won; -1 when unknown.
	Cost     int
	CostText string
	Schedule string
	// ApplyStart and ApplyEnd bound the application period; zero when the
	// program takes applications all year or the source gives none.
	ApplyStart, ApplyEnd Date
	// Start and End bound the course itself, when known.
	Start, End Date
	// Keywords is extra text (faculty, description) used for field relevance.
	Keywords string
	// Window says when the program takes applications where its dates do
	// not say it all: all year, between two rounds, unknown, or over.
	Window Window
	// Waitlist is set when the course is full and takes names for a
	// place that frees up (50플러스 status WAITING).
	Waitlist bool
	// Restrictions and Licence are who the program is for beyond ages and
	// residence, as its source states it: shown, never judged, since
	// dasi does not ask.
	Restrictions Restrictions
	Licence      string
	Source       Source
}

// Job is a job opening, always from an import: the bot never invents one.
type Job struct {
	ID             string // stable catalog id: "<format prefix>-<source id>"
	Title          string
	Company        string
	OccupationCode string // the source's occupation code (KECO, 50플러스 IN59xxx…)
	Occupation     string // the source's occupation name
	District       District
	Address        string
	Wage           string
	Employment     string // 상용직, 계약직(시간제)…
	Career         string // 경력무관, 신입, 경력
	Hours          string
	Posted         Date
	Deadline       Date // zero when open until filled
	// MinAge and MaxAge bound the eligible ages, inclusive, where the
	// posting's kind sets them (노인일자리: 60 and over); 0 means no bound.
	MinAge, MaxAge int
	// Restrictions and Licence are who may apply beyond ages, as the
	// posting states it ("(여자)", "제한경쟁(남성)", a 요양보호사 post):
	// shown in its details, never judged.
	Restrictions Restrictions
	Licence      string
	Source       Source
}
