package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/internal/benchscale"
	"github.com/linkki-fi/linkki/internal/project"
)

// BenchmarkReport builds the whole report (queries, model, HTML) from the
// fixture scaled to LINKKI_BENCH_REFERRALS referrals, 100 000 by default,
// in a database file opened read-only as linkki report opens it. For the
// 1M run:
//
//	LINKKI_BENCH_REFERRALS=1000000 go test -tags=duckdb_arrow -run '^$' -bench Report -benchtime 3x ./reports
//
// The report holds aggregates only, so its time is the database's and its
// size stays that of the ECharts script plus a few hundred kB
// (report-bytes). Besides ns/op it reports cpu-s/op, which stays
// meaningful when other work shares the machine. The scaled fixture's
// clients almost all have one period; a synthetic dataset (bench/run)
// repeats a client in about one period in eight.
func BenchmarkReport(b *testing.B) {
	n := benchscale.Referrals(b, 100_000)
	ctx := context.Background()
	s := project.Default()
	path := filepath.Join(b.TempDir(), "report.duckdb")
	scaledFixture(b, ctx, path, s, n)
	db, err := project.Open(ctx, path, s, project.ReadOnly)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var buf bytes.Buffer
	cpu := benchscale.Start()
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if err := Generate(ctx, db, s, &buf, Options{Public: true}); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report(b, n)
	b.ReportMetric(float64(buf.Len()), "report-bytes")
}

// scaledFixture writes testdata/fixture.sql with n referrals (its first
// generate_series raised from 36) to a database file at path.
func scaledFixture(b *testing.B, ctx context.Context, path string, s project.Settings, n int) {
	b.Helper()
	fixture, err := os.ReadFile(filepath.Join("testdata", "fixture.sql"))
	if err != nil {
		b.Fatal(err)
	}
	db, err := project.Open(ctx, path, s, project.ReadWrite)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	scaled := strings.Replace(string(fixture), "FROM generate_series(1, 36)", "FROM generate_series(1, "+strconv.Itoa(n)+")", 1)
	if _, err := db.ExecContext(ctx, scaled); err != nil {
		b.Fatal(err)
	}
	var referrals int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM support_periods").Scan(&referrals); err != nil || referrals != n {
		b.Fatalf("scaled fixture has %d referrals (%v), want %d", referrals, err, n)
	}
	if _, err := db.ExecContext(ctx, "CHECKPOINT"); err != nil {
		b.Fatal(err)
	}
}
