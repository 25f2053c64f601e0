package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
)

const matchUsage = `usage:
  dasi match [--age AGE] [--field FIELD] [--years YEARS] [--goals GOAL,...]
             [--district DISTRICT] [--at LAT,LON] [--limit N] [--offset N] [--json]

One resident's results from the catalog in DASI_DB, deadlines judged on
DASI_NOW (or today). Every flag may be left out: matching then ignores it.
  --age       an age (52) or a band: 40세 미만, 40~44, 45~49, 50~54, 55~59, 60~64, 65세 이상
  --field     사무·행정, 회계·금융, 영업·판매·상담, 생산·제조, 건설·시설관리, IT·디지털,
              돌봄·보건·복지, 교육·강사, 운전·물류, 음식·서비스, 경비·청소, 자영업·창업,
              경력 없음 (or office, finance, sales, manufacturing, construction, it, care,
              education, driving, food, security, selfemployed, none)
  --years     years of experience (20) or a band: 5년 미만, 5~10년, 10~20년, 20년 이상
  --goals     up to 3, comma-separated ids or labels: job 재취업, train 직업훈련·자격증,
              startup 창업·창직, digital 디지털·AI, social 사회공헌 일자리, life 인생설계·노후
  --district  one of Seoul's 25 districts: 은평구, 은평 or Eunpyeong
  --at        a shared location LAT,LON: distances from there instead of the district
  --limit     items per group, 1 to 100 (default 3)
  --offset    items to skip in each group: the next page
  --json      print {"programs":[...],"jobs":[...],"places":[...]}
`

// runMatch runs "dasi match": it prints one profile's ranked programs,
// jobs and places, each with its reasons in the words residents read. A bad
// flag is reported with what it accepts (every bad flag at once); an
// unreadable catalog returns the store's error.
func runMatch(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	q, asJSON, err := parseMatchFlags(args)
	if err != nil {
		fmt.Fprintf(stderr, "dasi match: %v\n\n%s", err, matchUsage)
		return errUsage
	}
	q.Today = cfg.today()

	store, err := sqlite.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	cat, err := store.Catalog(ctx)
	if err != nil {
		return err
	}
	res := cat.Match(q)
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(matchOutput(res))
	}
	printMatch(stdout, q, res)
	return nil
}

// parseMatchFlags turns the command line into a query; the error names
// every bad flag and what it accepts.
func parseMatchFlags(args []string) (q data.Query, asJSON bool, err error) {
	fs := flag.NewFlagSet("match", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	age := fs.String("age", "", "")
	field := fs.String("field", "", "")
	years := fs.String("years", "", "")
	goals := fs.String("goals", "", "")
	district := fs.String("district", "", "")
	at := fs.String("at", "", "")
	limit := fs.Int("limit", 3, "")
	offset := fs.Int("offset", 0, "")
	fs.BoolVar(&asJSON, "json", false, "")
	if err := fs.Parse(args); err != nil {
		return q, false, err
	}
	if fs.NArg() > 0 {
		return q, false, fmt.Errorf("unexpected argument %q: every criterion is a flag, such as --district %s", fs.Arg(0), fs.Arg(0))
	}

	var errs []error
	bad := func(flag, value, want string) {
		errs = append(errs, fmt.Errorf("--%s %q: want %s", flag, value, want))
	}
	p := &q.Profile
	if *age != "" {
		if p.Age = parseAgeBand(*age); p.Age == data.AgeUnknown {
			bad("age", *age, "an age such as 52, or a band such as 50~54세, 40세 미만, 65세 이상")
		}
	}
	if *field != "" {
		if p.Field = data.FieldByName(*field); p.Field == data.FieldUnknown {
			bad("field", *field, "one of "+strings.Join(fieldLabels(), ", "))
		}
	}
	if *years != "" {
		if p.Years = parseYearsBand(*years); p.Years == data.YearsUnknown {
			bad("years", *years, "years such as 20, or a band: 5년 미만, 5~10년, 10~20년, 20년 이상")
		}
	}
	if *goals != "" {
		p.Goals, err = parseGoals(*goals)
		if err != nil {
			bad("goals", *goals, err.Error())
		}
	}
	if *district != "" {
		if p.District = data.DistrictByName(*district); p.District == 0 {
			bad("district", *district, "one of Seoul's 25 districts, such as 은평구, 은평 or Eunpyeong")
		}
	}
	if *at != "" {
		if p.At, err = parseLatLon(*at); err != nil {
			bad("at", *at, "a location LAT,LON in degrees, such as 37.6084,126.9335")
		}
	}
	if *limit < 1 || *limit > 100 {
		bad("limit", strconv.Itoa(*limit), "a number of items from 1 to 100")
	}
	if *offset < 0 {
		bad("offset", strconv.Itoa(*offset), "0 or more")
	}
	q.Limit, q.Offset = *limit, *offset
	return q, asJSON, errors.Join(errs...)
}

// parseAgeBand reads an age in years or a band's label or id.
func parseAgeBand(s string) data.AgeBand {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(strings.TrimSuffix(s, "세")); err == nil {
		return data.AgeBandOf(n)
	}
	if b := data.AgeBandByID(s); b != data.AgeUnknown {
		return b
	}
	norm := func(s string) string {
		return strings.NewReplacer(" ", "", "세", "", "-", "~", "～", "~").Replace(s)
	}
	for _, b := range data.AgeBands {
		if norm(s) == norm(b.Label()) {
			return b
		}
	}
	return data.AgeUnknown
}

// parseYearsBand reads years of experience or a band's label.
func parseYearsBand(s string) data.YearsBand {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(strings.TrimSuffix(s, "년")); err == nil {
		return data.YearsBandOf(n)
	}
	norm := func(s string) string { return strings.NewReplacer(" ", "", "-", "~").Replace(s) }
	for _, y := range data.YearsBands {
		if norm(s) == norm(y.Label()) {
			return y
		}
	}
	return data.YearsUnknown
}

// parseGoals reads up to MaxGoals comma-separated goal ids or labels.
func parseGoals(s string) (data.Goals, error) {
	var gs data.Goals
	for _, name := range strings.Split(s, ",") {
		if strings.TrimSpace(name) == "" {
			continue
		}
		g := data.GoalByName(name)
		if g == data.GoalUnknown {
			var known []string
			for _, g := range data.AllGoals {
				known = append(known, g.ID()+" "+g.Label())
			}
			return 0, fmt.Errorf("goals among %s (%q is none of them)", strings.Join(known, ", "), strings.TrimSpace(name))
		}
		gs = gs.With(g)
	}
	if gs.Len() > data.MaxGoals {
		return 0, fmt.Errorf("at most %d goals", data.MaxGoals)
	}
	return gs, nil
}

// parseLatLon reads "LAT,LON" in degrees.
func parseLatLon(s string) (data.LatLon, error) {
	lat, lon, ok := strings.Cut(s, ",")
	if !ok {
		return data.LatLon{}, errors.New("no comma")
	}
	var p data.LatLon
	var err1, err2 error
	p.Lat, err1 = strconv.ParseFloat(strings.TrimSpace(lat), 64)
	p.Lon, err2 = strconv.ParseFloat(strings.TrimSpace(lon), 64)
	if err1 != nil || err2 != nil || !p.Valid() {
		return data.LatLon{}, errors.New("not a point")
	}
	return p, nil
}

// fieldLabels returns the fields' Korean labels in display order.
func fieldLabels() []string {
	out := make([]string, len(data.Fields))
	for i, f := range data.Fields {
		out[i] = f.Label()
	}
	return out
}

// The JSON of "dasi match --json". Arrays are never null, every item has
// at least one reason.
type (
	matchJSON struct {
		Programs []itemJSON  `json:"programs"`
		Jobs     []itemJSON  `json:"jobs"`
		Places   []placeJSON `json:"places"`
		Totals   totalsJSON  `json:"totals"`
		// JobsAsked is set when the goals call for openings: no jobs then
		// means none fits nearby.
		JobsAsked bool `json:"jobs_asked"`
		// Call is the nearest place with a verified phone; absent when
		// none has one (the answer names 120다산콜센터).
		Call *callJSON `json:"call,omitempty"`
	}
	callJSON struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Phone string `json:"phone"`
	}
	totalsJSON struct {
		Programs int `json:"programs"`
		Jobs     int `json:"jobs"`
		Places   int `json:"places"`
	}
	itemJSON struct {
		ID           string   `json:"id"`
		Title        string   `json:"title"`
		District     string   `json:"district"`
		Reasons      []string `json:"reasons"`
		URL          string   `json:"url,omitempty"`
		Category     string   `json:"category,omitempty"`
		Provider     string   `json:"provider,omitempty"`
		Company      string   `json:"company,omitempty"`
		Online       bool     `json:"online,omitempty"`
		Deadline     string   `json:"deadline,omitempty"`
		Window       string   `json:"window,omitempty"` // rolling, unknown, between (programs)
		Waitlist     bool     `json:"waitlist,omitempty"`
		Restrictions string   `json:"restrictions,omitempty"` // women, men, homemakers…
		Licence      string   `json:"licence,omitempty"`
		Source       string   `json:"source"`
	}
	placeJSON struct {
		ID        string   `json:"id"`
		Name      string   `json:"name"`
		Kind      string   `json:"kind"`
		District  string   `json:"district"`
		Address   string   `json:"address,omitempty"`
		Phone     string   `json:"phone,omitempty"`
		DistanceM *int     `json:"distance_m,omitempty"`
		Approx    bool     `json:"distance_approx,omitempty"` // the place stands at its district's point
		Reasons   []string `json:"reasons"`
		URL       string   `json:"url,omitempty"`
	}
)

// matchOutput turns a result into the JSON of --json, its reasons in the
// words residents read.
func matchOutput(res data.Result) matchJSON {
	out := matchJSON{
		Programs:  make([]itemJSON, 0, len(res.Programs)),
		Jobs:      make([]itemJSON, 0, len(res.Jobs)),
		Places:    make([]placeJSON, 0, len(res.Places)),
		Totals:    totalsJSON{res.TotalPrograms, res.TotalJobs, res.TotalPlaces},
		JobsAsked: res.JobsAsked,
	}
	if c := res.Call; c != nil {
		out.Call = &callJSON{ID: c.Place.ID, Name: c.Place.Name, Phone: c.Place.Phone}
	}
	for _, h := range res.Programs {
		p := h.Program
		out.Programs = append(out.Programs, itemJSON{
			ID: p.ID, Title: p.Title, District: p.District.Name(), Reasons: dialogs.ReasonTexts(h.Reasons),
			URL: p.Source.URL, Category: p.Category, Provider: p.Provider, Online: p.Online,
			Deadline: p.LastDay().String(), Window: p.Window.ID(), Waitlist: p.Waitlist,
			Restrictions: p.Restrictions.IDs(), Licence: p.Licence, Source: p.Source.Format,
		})
	}
	for _, h := range res.Jobs {
		j := h.Job
		out.Jobs = append(out.Jobs, itemJSON{
			ID: j.ID, Title: j.Title, District: j.District.Name(), Reasons: dialogs.ReasonTexts(h.Reasons),
			URL: j.Source.URL, Company: j.Company, Deadline: j.Deadline.String(),
			Restrictions: j.Restrictions.IDs(), Licence: j.Licence, Source: j.Source.Format,
		})
	}
	for _, h := range res.Places {
		p := h.Place
		pj := placeJSON{
			ID: p.ID, Name: p.Name, Kind: p.Kind, District: p.District.Name(), Address: p.Address,
			Phone: p.Phone, Reasons: dialogs.ReasonTexts(h.Reasons), URL: p.Source.URL,
		}
		if h.HasDistance {
			m := h.Meters
			pj.DistanceM, pj.Approx = &m, h.Approx
		}
		out.Places = append(out.Places, pj)
	}
	return out
}

// printMatch writes the result for an operator: the profile, then each
// group with one item per line and its reasons under it.
func printMatch(w io.Writer, q data.Query, res data.Result) {
	fmt.Fprintf(w, "%s (deadlines judged on %s)\n", profileLine(q.Profile), q.Today)
	out := matchOutput(res)
	group := func(name string, shown, total int) {
		fmt.Fprintf(w, "\n%s: %d of %d", name, shown, total)
		if q.Offset > 0 {
			fmt.Fprintf(w, " from #%d", q.Offset+1)
		}
		fmt.Fprintln(w)
	}
	item := func(n int, title, id, detail string, reasons []string, url string) {
		fmt.Fprintf(w, "%3d. %s  [%s]\n", q.Offset+n+1, title, id)
		if detail != "" {
			fmt.Fprintf(w, "     %s\n", detail)
		}
		fmt.Fprintf(w, "     → %s\n", strings.Join(reasons, " · "))
		if url != "" {
			fmt.Fprintf(w, "     %s\n", url)
		}
	}
	group("programs", len(out.Programs), res.TotalPrograms)
	waitlist := func(b bool) string {
		if b {
			return "waitlist"
		}
		return ""
	}
	for i, p := range out.Programs {
		item(i, p.Title, p.ID, joinNonEmpty(" · ", p.Provider, p.District, p.Deadline, p.Window, waitlist(p.Waitlist),
			p.Restrictions, p.Licence), p.Reasons, p.URL)
	}
	group("jobs", len(out.Jobs), res.TotalJobs)
	switch {
	case !res.JobsAsked:
		fmt.Fprintln(w, "     (job openings are shown for the goals job or social, or without goals)")
	case res.TotalJobs == 0:
		fmt.Fprintln(w, "     (no opening fits nearby: the answer says so and sends the resident to the places below)")
	}
	for i, j := range out.Jobs {
		item(i, j.Title, j.ID, joinNonEmpty(" · ", j.Company, j.District, j.Deadline, j.Restrictions, j.Licence), j.Reasons, j.URL)
	}
	group("places", len(out.Places), res.TotalPlaces)
	for i, p := range out.Places {
		dist := ""
		switch {
		case p.DistanceM != nil && p.Approx:
			dist = fmt.Sprintf("about %dm (district point)", *p.DistanceM)
		case p.DistanceM != nil:
			dist = fmt.Sprintf("%dm", *p.DistanceM)
		}
		item(i, p.Name, p.ID, joinNonEmpty(" · ", dist, p.Address, p.Phone), p.Reasons, p.URL)
	}
	if out.Call != nil {
		fmt.Fprintf(w, "\ncall: %s %s [%s]\n", out.Call.Name, out.Call.Phone, out.Call.ID)
	} else {
		fmt.Fprintln(w, "\ncall: 120다산콜센터 (no place near has a verified phone)")
	}
}

// profileLine summarises a profile: "50~54세 · 회계·금융 20년 이상 · 재취업,
// 디지털 · 은평구".
func profileLine(p data.Profile) string {
	var goals []string
	for _, g := range p.Goals.List() {
		goals = append(goals, g.Short())
	}
	where := p.District.Name()
	if p.At.Valid() {
		where = joinNonEmpty(" ", where, fmt.Sprintf("(%.5f,%.5f)", p.At.Lat, p.At.Lon))
	}
	s := joinNonEmpty(" · ", p.Age.Label(), joinNonEmpty(" ", p.Field.Label(), p.Years.Label()), strings.Join(goals, ", "), where)
	if s == "" {
		return "any resident"
	}
	return s
}

// joinNonEmpty joins the parts that are not empty with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}
