package analysis

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/linkki-fi/linkki/data"
	"github.com/linkki-fi/linkki/internal/benchscale"
	"github.com/linkki-fi/linkki/internal/project"
)

// BenchmarkAnalyze runs the whole analysis (read through Arrow, every
// outcome × contrast × group row, mixed models, dropout comparisons, writing
// the tables) on a synthetic outcomes_wide of LINKKI_BENCH_REFERRALS started
// support periods, 100 000 by default; for the 1M figure:
//
//	LINKKI_BENCH_REFERRALS=1000000 go test -tags=duckdb_arrow -run '^$' -bench BenchmarkAnalyze -benchtime 1x ./analysis/
//
// Besides ns/op it reports cpu-s/op, the process CPU time per analysis,
// which stays meaningful when other work shares the machine.
func BenchmarkAnalyze(b *testing.B) {
	n := benchscale.Referrals(b, 100_000)
	ctx := context.Background()
	s := project.Default()
	db, err := project.Open(ctx, filepath.Join(b.TempDir(), "bench.duckdb"), s, project.ReadWrite)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	synthetic, err := os.ReadFile(filepath.Join("testdata", "outcomes_wide_synthetic.sql"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "SET VARIABLE periods = ?", n); err != nil {
		b.Fatal(err)
	}
	ddl, err := fs.ReadFile(data.Raw, "raw/ingest_files.sql")
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{string(synthetic), string(ddl)} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	cpu := benchscale.Start()
	b.ResetTimer()
	for range b.N {
		out, err := Analyze(ctx, db, s)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(out.Results)), "rows")
	}
	cpu.Report(b, n)
}

func BenchmarkSignedRank(b *testing.B) {
	for _, n := range []int{40, 10_000, 1_000_000} {
		rng := rand.New(rand.NewPCG(1, 2))
		d := make([]float64, n)
		for i := range d {
			d[i] = round6(float64(rng.IntN(29)-10) * 0.37)
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SignedRank(d)
			}
		})
	}
}

func BenchmarkNoncentralTInterval(b *testing.B) {
	for _, c := range []struct {
		name  string
		t, df float64
	}{{"n=10", 2.5, 9}, {"n=5000,ncp=60", 60, 4999}, {"n=1e6,ncp=800", 800, 999_999}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := NoncentralTInterval(c.t, c.df, 0.95); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
