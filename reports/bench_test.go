package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/internal/project"
)

// BenchmarkReport builds the whole report (queries, model, HTML) from the
// fixture scaled to 10 000 and 1 000 000 referrals. The report holds
// aggregates only, so its time is the database's and its size stays that of
// the ECharts script plus a few hundred kB:
//
//	go test -run '^$' -bench Report -benchtime 3x ./reports
func BenchmarkReport(b *testing.B) {
	fixture, err := os.ReadFile(filepath.Join("testdata", "fixture.sql"))
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10_000, 1_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			ctx := context.Background()
			s := project.Default()
			db, err := project.Open(ctx, ":memory:", s, project.ReadWrite)
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
			var buf bytes.Buffer
			b.ResetTimer()
			for b.Loop() {
				buf.Reset()
				if err := Generate(ctx, db, s, &buf, Options{Public: true}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "report-bytes")
		})
	}
}
