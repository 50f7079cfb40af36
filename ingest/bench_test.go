package ingest

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/linkki-fi/linkki/internal/benchscale"
	"github.com/linkki-fi/linkki/internal/project"
	"github.com/linkki-fi/linkki/internal/synth"
)

// BenchmarkIngest ingests clean synthetic CSV files (referrals, meetings,
// SWEMWBS, participation) into a fresh file database per iteration. The
// size is LINKKI_BENCH_REFERRALS referrals, 100 000 by default; to profile:
//
//	go test -tags=duckdb_arrow -run '^$' -bench BenchmarkIngest -benchtime 1x -cpuprofile cpu.out ./ingest/
//
// Besides ns/op it reports cpu-s/op, the process CPU time per ingest (Go and
// DuckDB threads), which stays meaningful when other work shares the machine.
func BenchmarkIngest(b *testing.B) {
	n := benchscale.Referrals(b, 100_000)
	ctx := context.Background()
	dir := b.TempDir()
	o := synth.DefaultOptions()
	o.Referrals, o.Seed = n, 1
	m, err := synth.Generate(ctx, filepath.Join(dir, "in"), o)
	if err != nil {
		b.Fatal(err)
	}
	var paths []string
	for _, f := range m.Files {
		if filepath.Ext(f.Name) == ".csv" {
			paths = append(paths, filepath.Join(dir, "in", f.Name))
		}
	}
	b.Setenv(KeyEnv, "linkki bench key")
	s := project.Default()
	cpu := benchscale.Start()
	b.ResetTimer()
	for i := range b.N {
		db, err := project.Open(ctx, filepath.Join(dir, "bench"+strconv.Itoa(i)+".duckdb"), s, project.ReadWrite)
		if err != nil {
			b.Fatal(err)
		}
		reports, err := Files(ctx, db, s, Options{}, paths)
		if err != nil {
			b.Fatal(err)
		}
		if len(reports) != len(paths) || reports[0].Inserted == 0 {
			b.Fatalf("unexpected reports %+v", reports)
		}
		db.Close()
	}
	cpu.Report(b, n)
}
