package sqlite

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data/imports"
)

// The import formats, fuzzed through the real store: whatever the input,
// an import never panics, fails as a whole or not at all (a failure moves
// no catalog version and names the file), keeps at most MaxListed
// rejects, and stores no title over MaxTitle and no U+FFFD. Run one with
//
//	go test -run '^$' -fuzz FuzzImportGetJobInfo -fuzztime 2m ./data/sqlite
//
// The inputs the fuzzer found interesting are in testdata/fuzz.

func FuzzImportGetJobInfo(f *testing.F) {
	fuzzImport(f, imports.Jobs, imports.FormatGetJobInfo, "getjobinfo.json", "getjobinfo.xml")
}

func FuzzImportWork24(f *testing.F) {
	fuzzImport(f, imports.Jobs, imports.FormatWork24, "work24.xml")
}

func FuzzImportAnnouncements(f *testing.F) {
	fuzzImport(f, imports.Jobs, imports.Format50PlusAnnouncements, "announcements.json")
}

func FuzzImportLectures(f *testing.F) {
	fuzzImport(f, imports.Programs, imports.Format50PlusLectures, "lectures.json")
}

func FuzzImportOpenAPI(f *testing.F) {
	fuzzImport(f, imports.Programs, imports.Format50PlusOpenAPI, "openapi.json")
}

func FuzzImportProgramsCSV(f *testing.F) {
	fuzzImport(f, imports.Programs, imports.FormatProgramsCSV, "programs.csv")
}

func FuzzImportPlacesCSV(f *testing.F) {
	fuzzImport(f, imports.Places, imports.FormatPlacesCSV, "places.csv")
}

// FuzzImportDetect leaves the format to be recognised from the content.
func FuzzImportDetect(f *testing.F) {
	fuzzImport(f, imports.Jobs, "", "getjobinfo.json", "getjobinfo.xml", "work24.xml", "announcements.json", "lectures.json")
}

// fuzzImport fuzzes imports of kind in format, seeded with the fixtures.
func fuzzImport(f *testing.F, kind imports.Kind, format string, fixtures ...string) {
	for _, name := range fixtures {
		b := readFixture(f, name)
		f.Add([]byte(b))
		f.Add([]byte(b[:len(b)/2]))
	}
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, in []byte) {
		before, err := s.CatalogVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := imports.File(ctx, s, bytes.NewReader(in), imports.Options{Kind: kind, Format: format, File: "f", Today: demoDay, MaxSize: 1 << 20})
		if len(rep.Rejects) > imports.MaxListed || len(rep.Rejects) > rep.Rejected || len(rep.Skips) > imports.MaxListed {
			t.Errorf("%d rejects kept of %d", len(rep.Rejects), rep.Rejected)
		}
		after, verr := s.CatalogVersion(ctx)
		if verr != nil {
			t.Fatal(verr)
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f: ") {
				t.Errorf("error %q does not name the file", err)
			}
			if after != before {
				t.Errorf("a failed import moved the catalog version: %v", err)
			}
			return
		}
		if after == before {
			t.Errorf("an import that succeeded (%s) did not move the catalog version", rep)
		}
		for _, q := range []string{
			`SELECT count(*) FROM programs WHERE length(title) > 300 OR instr(title || provider || category || cost_text || schedule || keywords || note, char(65533)) > 0`,
			`SELECT count(*) FROM jobs WHERE length(title) > 300 OR instr(title || company || occupation || address || wage || employment || career || hours || note, char(65533)) > 0`,
			`SELECT count(*) FROM places WHERE length(name) > 300 OR instr(name || kind || address || phone || note, char(65533)) > 0`,
		} {
			var n int
			if err := s.db.QueryRowContext(ctx, q).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				t.Errorf("%d items stored with a title over 300 characters or U+FFFD: %s", n, q)
			}
		}
	})
}
