package imports

// Kind is what an import loads: programs, jobs or places.
type Kind string

// The kinds of "dasi import KIND FILE".
const (
	Programs Kind = "programs"
	Jobs     Kind = "jobs"
	Places   Kind = "places"
)

// The formats the importers read. Each is also the Source.Format of the
// items it writes.
const (
	Format50PlusLectures      = "50plus-lectures"      // 50plus.or.kr course-list JSON
	Format50PlusOpenAPI       = "50plus-openapi"       // 서울시50플러스재단 Open API education/list JSON
	FormatProgramsCSV         = "programs-csv"         // the operators' CSV template
	FormatGetJobInfo          = "getjobinfo"           // Seoul Open API GetJobInfo, JSON or XML
	FormatWork24              = "work24"               // 고용24 job list XML
	Format50PlusAnnouncements = "50plus-announcements" // 50plus.or.kr in_appListAjax JSON
	FormatPlacesCSV           = "places-csv"           // the layout of places.csv
	FormatSeed                = "seed"                 // the embedded seed (ReadSeed)
)

// importFormats lists the formats "dasi import" reads, in the order usage
// messages give them, with the kind that loads each.
var importFormats = [...]struct {
	name string
	kind Kind
}{
	{Format50PlusLectures, Programs},
	{Format50PlusOpenAPI, Programs},
	{FormatProgramsCSV, Programs},
	{FormatGetJobInfo, Jobs},
	{FormatWork24, Jobs},
	{Format50PlusAnnouncements, Jobs},
	{FormatPlacesCSV, Places},
}

// Formats returns the formats that load kind, none for an unknown kind.
func Formats(kind Kind) []string {
	var out []string
	for _, f := range importFormats {
		if f.kind == kind {
			out = append(out, f.name)
		}
	}
	return out
}

// formatKind returns the kind that loads format; ok is false for a format
// dasi does not import.
func formatKind(format string) (kind Kind, ok bool) {
	for _, f := range importFormats {
		if f.name == format {
			return f.kind, true
		}
	}
	return "", false
}
