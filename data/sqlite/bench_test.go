package sqlite

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/dasi-seoul/dasi/data/imports"
)

// jobInfoDocument returns a GetJobInfo JSON answer of n generated rows.
func jobInfoDocument(n int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"GetJobInfo":{"list_total_count":%d,"RESULT":{"CODE":"INFO-000","MESSAGE":"정상 처리되었습니다"},"row":[`, n)
	writeJobInfoRows(&b, 1, n)
	b.WriteString("]}}")
	return b.Bytes()
}

// BenchmarkImportGetJobInfo100k imports 100,000 GetJobInfo rows (JSON)
// into a fresh database, the target being 10 s. Opening the
// database (migrations, seed) is not timed.
func BenchmarkImportGetJobInfo100k(b *testing.B) {
	const rows = 100_000
	doc := jobInfoDocument(rows)
	b.SetBytes(int64(len(doc)))
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := imports.File(ctx, s, bytes.NewReader(doc), imports.Options{Kind: imports.Jobs, File: "bench.json", Today: demoDay})
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if rep.Added != rows {
			b.Fatalf("report %s, want added=%d", rep, rows)
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e9, "s/import")
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkCatalogLoad100k loads a catalog of 100,000 jobs (and the seed)
// from the store into memory, as a running bot does after an import.
func BenchmarkCatalogLoad100k(b *testing.B) {
	const rows = 100_000
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := imports.File(ctx, s, bytes.NewReader(jobInfoDocument(rows)), imports.Options{Kind: imports.Jobs, File: "bench.json", Today: demoDay}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Catalog(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
