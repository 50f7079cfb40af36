package transform

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/linkki-fi/linkki/internal/benchscale"
	"github.com/linkki-fi/linkki/internal/project"
)

// BenchmarkBuild rebuilds the model layer of a file database holding
// synthetic raw data (testdata/synthetic_raw.sql, generated in SQL). The size
// is LINKKI_BENCH_REFERRALS referrals, 100 000 by default; for the 1M run:
//
//	LINKKI_BENCH_REFERRALS=1000000 go test -tags=duckdb_arrow -run '^$' -bench BenchmarkBuild -benchtime 1x ./transform/
//
// It uses the default settings (2 threads, 1 GB memory limit). Besides
// ns/op it reports cpu-s/op, the process CPU time per build, which stays
// meaningful when other work shares the machine.
func BenchmarkBuild(b *testing.B) {
	n := benchscale.Referrals(b, 100_000)
	ctx := context.Background()
	s := project.Default()
	db, err := project.Open(ctx, filepath.Join(b.TempDir(), "bench.duckdb"), s, project.ReadWrite)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	createRawTables(b, db)
	mustExec(b, db, `SET VARIABLE referrals = `+strconv.Itoa(n))
	mustExec(b, db, readFile(b, "testdata/synthetic_raw.sql"))
	cpu := benchscale.Start()
	b.ResetTimer()
	for range b.N {
		rep, err := Build(ctx, db, s)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Models[0].Rows == 0 {
			b.Fatal("empty build")
		}
	}
	cpu.Report(b, n)
}
