package data

import (
	"fmt"
	"strings"
)

// AgeBand is a five-year age band. Only the band is ever stored: an exact
// age or birth year typed by a resident is turned into its band at once.
// The zero AgeBand is unknown.
type AgeBand uint8

// The age bands, in the order they are offered.
const (
	AgeUnknown AgeBand = iota
	AgeUnder40
	Age40to44
	Age45to49
	Age50to54
	Age55to59
	Age60to64
	Age65Plus
)

// AgeBands lists the known bands in display order (youngest first).
var AgeBands = [...]AgeBand{AgeUnder40, Age40to44, Age45to49, Age50to54, Age55to59, Age60to64, Age65Plus}

var ageBandInfo = [...]struct {
	min, max int
	label    string
	id       string
}{
	AgeUnknown: {0, 0, "", ""},
	AgeUnder40: {0, 39, "40세 미만", "u40"},
	Age40to44:  {40, 44, "40~44세", "40"},
	Age45to49:  {45, 49, "45~49세", "45"},
	Age50to54:  {50, 54, "50~54세", "50"},
	Age55to59:  {55, 59, "55~59세", "55"},
	Age60to64:  {60, 64, "60~64세", "60"},
	Age65Plus:  {65, 150, "65세 이상", "65"},
}

// AgeBandOf returns the band that holds age (in full years). It returns
// AgeUnknown for a negative age or one above 150.
func AgeBandOf(age int) AgeBand {
	switch {
	case age < 0 || age > 150:
		return AgeUnknown
	case age < 40:
		return AgeUnder40
	case age >= 65:
		return Age65Plus
	default:
		return Age40to44 + AgeBand((age-40)/5)
	}
}

// Valid reports whether b is one of the known bands.
func (b AgeBand) Valid() bool { return b > AgeUnknown && b <= Age65Plus }

// Range returns the youngest and oldest age (inclusive) in the band. For
// AgeUnknown both are zero.
func (b AgeBand) Range() (min, max int) {
	if !b.Valid() {
		return 0, 0
	}
	return ageBandInfo[b].min, ageBandInfo[b].max
}

// Label returns the band's Korean label, such as "50~54세".
func (b AgeBand) Label() string {
	if !b.Valid() {
		return ""
	}
	return ageBandInfo[b].label
}

// ID returns a short stable identifier of the band ("50" for 50~54세,
// "u40", "65"), used in button data and command-line flags.
func (b AgeBand) ID() string {
	if !b.Valid() {
		return ""
	}
	return ageBandInfo[b].id
}

// AgeBandByID returns the band whose ID is id, or AgeUnknown.
func AgeBandByID(id string) AgeBand {
	for _, b := range AgeBands {
		if ageBandInfo[b].id == id {
			return b
		}
	}
	return AgeUnknown
}

// Field is a resident's field of experience, one of 13 fixed choices.
// The zero Field is unknown.
type Field uint8

// The fields of experience, in the order they are offered.
const (
	FieldUnknown Field = iota
	FieldOffice
	FieldFinance
	FieldSales
	FieldManufacturing
	FieldConstruction
	FieldIT
	FieldCare
	FieldEducation
	FieldDriving
	FieldFoodService
	FieldSecurity
	FieldSelfEmployed
	FieldNone
)

// Fields lists the known fields in display order.
var Fields = [...]Field{
	FieldOffice, FieldFinance, FieldSales, FieldManufacturing, FieldConstruction, FieldIT,
	FieldCare, FieldEducation, FieldDriving, FieldFoodService, FieldSecurity, FieldSelfEmployed, FieldNone,
}

var fieldInfo = [...]struct{ id, label string }{
	FieldUnknown:       {"", ""},
	FieldOffice:        {"office", "사무·행정"},
	FieldFinance:       {"finance", "회계·금융"},
	FieldSales:         {"sales", "영업·판매·상담"},
	FieldManufacturing: {"manufacturing", "생산·제조"},
	FieldConstruction:  {"construction", "건설·시설관리"},
	FieldIT:            {"it", "IT·디지털"},
	FieldCare:          {"care", "돌봄·보건·복지"},
	FieldEducation:     {"education", "교육·강사"},
	FieldDriving:       {"driving", "운전·물류"},
	FieldFoodService:   {"food", "음식·서비스"},
	FieldSecurity:      {"security", "경비·청소"},
	FieldSelfEmployed:  {"selfemployed", "자영업·창업"},
	FieldNone:          {"none", "경력 없음"},
}

// Valid reports whether f is one of the known fields.
func (f Field) Valid() bool { return f > FieldUnknown && f <= FieldNone }

// Label returns the field's Korean label, such as "회계·금융".
func (f Field) Label() string {
	if !f.Valid() {
		return ""
	}
	return fieldInfo[f].label
}

// ID returns the field's stable identifier, such as "finance".
func (f Field) ID() string {
	if !f.Valid() {
		return ""
	}
	return fieldInfo[f].id
}

// FieldByName returns the field whose ID or Korean label is name, compared
// folded (Fold): the label may use "·" or "ㆍ" and any spacing. It returns
// FieldUnknown when nothing fits.
func FieldByName(name string) Field {
	// An id as written (button data, a session) is found without folding.
	for _, f := range Fields {
		if name == fieldInfo[f].id {
			return f
		}
	}
	n := Fold(name)
	for _, f := range Fields {
		if n == fieldInfo[f].id || n == Fold(fieldInfo[f].label) {
			return f
		}
	}
	return FieldUnknown
}

// YearsBand is a half-open band of years of experience. The zero YearsBand
// is unknown.
type YearsBand uint8

// The bands of years of experience: [0,5), [5,10), [10,20), [20,∞).
const (
	YearsUnknown YearsBand = iota
	YearsUnder5
	Years5to10
	Years10to20
	Years20Plus
)

// YearsBands lists the known bands in display order.
var YearsBands = [...]YearsBand{YearsUnder5, Years5to10, Years10to20, Years20Plus}

var yearsInfo = [...]struct{ id, label string }{
	YearsUnknown: {"", ""},
	YearsUnder5:  {"0", "5년 미만"},
	Years5to10:   {"5", "5~10년"},
	Years10to20:  {"10", "10~20년"},
	Years20Plus:  {"20", "20년 이상"},
}

// YearsBandOf returns the band holding years of experience. It returns
// YearsUnknown for a negative number or one above 70.
func YearsBandOf(years int) YearsBand {
	switch {
	case years < 0 || years > 70:
		return YearsUnknown
	case years < 5:
		return YearsUnder5
	case years < 10:
		return Years5to10
	case years < 20:
		return Years10to20
	default:
		return Years20Plus
	}
}

// Valid reports whether y is one of the known bands.
func (y YearsBand) Valid() bool { return y > YearsUnknown && y <= Years20Plus }

// Label returns the band's Korean label, such as "20년 이상".
func (y YearsBand) Label() string {
	if !y.Valid() {
		return ""
	}
	return yearsInfo[y].label
}

// ID returns the band's stable identifier: the lower bound in years.
func (y YearsBand) ID() string {
	if !y.Valid() {
		return ""
	}
	return yearsInfo[y].id
}

// YearsBandByID returns the band whose ID is id, or YearsUnknown.
func YearsBandByID(id string) YearsBand {
	for _, y := range YearsBands {
		if yearsInfo[y].id == id {
			return y
		}
	}
	return YearsUnknown
}

// Goal is what a resident wants next. The zero Goal is unknown.
type Goal uint8

// The goals, with the fixed ids of DESIGN.md.
const (
	GoalUnknown Goal = iota
	GoalJob          // job: 재취업
	GoalTrain        // train: 직업훈련·자격증
	GoalStartup      // startup: 창업·창직
	GoalDigital      // digital: 디지털·AI
	GoalSocial       // social: 사회공헌 일자리 (가치동행·보람일자리)
	GoalLife         // life: 인생설계·노후
)

// AllGoals lists the known goals in display order.
var AllGoals = [...]Goal{GoalJob, GoalTrain, GoalStartup, GoalDigital, GoalSocial, GoalLife}

var goalInfo = [...]struct{ id, label, short string }{
	GoalUnknown: {"", "", ""},
	GoalJob:     {"job", "재취업", "재취업"},
	GoalTrain:   {"train", "직업훈련·자격증", "직업훈련"},
	GoalStartup: {"startup", "창업·창직", "창업"},
	GoalDigital: {"digital", "디지털·AI", "디지털"},
	GoalSocial:  {"social", "사회공헌 일자리", "사회공헌"},
	GoalLife:    {"life", "인생설계·노후", "인생설계"},
}

// Valid reports whether g is one of the known goals.
func (g Goal) Valid() bool { return g > GoalUnknown && g <= GoalLife }

// ID returns the goal's fixed identifier, such as "digital".
func (g Goal) ID() string {
	if !g.Valid() {
		return ""
	}
	return goalInfo[g].id
}

// Label returns the goal's Korean label, such as "디지털·AI".
func (g Goal) Label() string {
	if !g.Valid() {
		return ""
	}
	return goalInfo[g].label
}

// Short returns the goal's short Korean name, such as "디지털", used in
// summaries and reasons.
func (g Goal) Short() string {
	if !g.Valid() {
		return ""
	}
	return goalInfo[g].short
}

// GoalByName returns the goal whose id, label or short name is name,
// compared folded (Fold: "·" and "ㆍ" alike, spacing ignored), or
// GoalUnknown.
func GoalByName(name string) Goal {
	// An id as written (button data, a session) is found without folding.
	for _, g := range AllGoals {
		if name == goalInfo[g].id {
			return g
		}
	}
	n := Fold(name)
	for _, g := range AllGoals {
		gi := goalInfo[g]
		if n == gi.id || n == Fold(gi.label) || n == Fold(gi.short) {
			return g
		}
	}
	return GoalUnknown
}

// Goals is a set of goals. The zero Goals is empty.
type Goals uint8

// MaxGoals is how many goals a resident may choose.
const MaxGoals = 3

// Has reports whether g is in the set.
func (s Goals) Has(g Goal) bool { return g.Valid() && s&(1<<g) != 0 }

// With returns the set with g added.
func (s Goals) With(g Goal) Goals {
	if !g.Valid() {
		return s
	}
	return s | 1<<g
}

// Without returns the set with g removed.
func (s Goals) Without(g Goal) Goals { return s &^ (1 << g) }

// Len returns the number of goals in the set.
func (s Goals) Len() int {
	n := 0
	for _, g := range AllGoals {
		if s.Has(g) {
			n++
		}
	}
	return n
}

// List returns the goals in the set in display order.
func (s Goals) List() []Goal {
	var out []Goal
	for _, g := range AllGoals {
		if s.Has(g) {
			out = append(out, g)
		}
	}
	return out
}

// Valid reports whether the set holds only known goals.
func (s Goals) Valid() bool {
	return s&^goalsOf(AllGoals[:]...) == 0
}

// IDs returns the set's goal ids separated by spaces, in display order
// ("job digital"): how the store and the programs template write a set.
// ParseGoals reads it back.
func (s Goals) IDs() string {
	ids := make([]string, 0, MaxGoals)
	for _, goal := range s.List() {
		ids = append(ids, goal.ID())
	}
	return strings.Join(ids, " ")
}

// ParseGoals parses goals separated by spaces or commas, each an id or a
// Korean label (see GoalByName): the goals column of the programs template
// and of the store. It returns an error naming the first unknown one.
func ParseGoals(s string) (Goals, error) {
	var g Goals
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
		goal := GoalByName(f)
		if goal == GoalUnknown {
			return 0, fmt.Errorf("%q is not a goal (job train startup digital social life)", f)
		}
		g = g.With(goal)
	}
	return g, nil
}

// goalsOf returns the set of the given goals.
func goalsOf(gs ...Goal) Goals {
	var s Goals
	for _, g := range gs {
		s = s.With(g)
	}
	return s
}

// LatLon is a point in WGS84 degrees.
type LatLon struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Valid reports whether p is a plausible point on Earth and not the zero point.
func (p LatLon) Valid() bool {
	return p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180 && (p.Lat != 0 || p.Lon != 0)
}

// Profile is what matching needs to know about a resident: the minimum the
// resident agreed to give. Any field may be unknown; matching then leaves
// that criterion out.
type Profile struct {
	Age      AgeBand
	Field    Field
	Years    YearsBand
	Goals    Goals
	District District
	// At is a location the resident shared, used for distances only for the
	// current search; it is never stored beyond the session.
	At LatLon
}
