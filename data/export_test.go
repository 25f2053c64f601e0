package data

// Hooks for the black-box tests of package data_test (seed_test.go), which
// match against the embedded seed: they read it through data/sqlite, which
// the tests of package data itself cannot import.
var (
	Generate   = generate
	Profiles   = profiles
	IDs        = ids
	PlaceIDs   = placeIDs
	MaxReasons = maxReasons
)

// CatalogItems returns the places and programs c holds, for the tests to
// build other catalogs from.
func CatalogItems(c *Catalog) ([]Place, []Program) { return c.places, c.programs }

// FullScanner returns the full scan BenchmarkMatch measures the indexes
// against (fullScan, of programs and jobs), over c with one scratch space
// for every query.
func FullScanner(c *Catalog) func(Query) {
	s := new(scratch)
	var buf []scanned
	return func(q Query) {
		m := c.newQuery(q, s)
		limit := max(q.Limit, defaultLimit)
		_, _, buf = fullScan(c, &c.prog, m, false, q.Offset, limit, buf)
		m.jobGoals = goalsOf(GoalJob)
		_, _, buf = fullScan(c, &c.job, m, true, q.Offset, limit, buf)
	}
}
