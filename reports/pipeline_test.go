package reports

import (
	"context"
	"database/sql"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/analysis"
	"github.com/linkki-fi/linkki/ingest"
	"github.com/linkki-fi/linkki/internal/project"
	"github.com/linkki-fi/linkki/internal/synth"
	"github.com/linkki-fi/linkki/transform"
)

// pipelineDB runs the whole pipeline on synthetic data (synth → ingest →
// build → analyze) and returns the database, so that the report is tested
// on the tables the real stages write, not only on the fixture.
func pipelineDB(t *testing.T, referrals int, messy bool) (*sql.DB, project.Settings) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	o := synth.DefaultOptions()
	o.Referrals, o.Messy = referrals, messy
	m, err := synth.Generate(ctx, filepath.Join(dir, "in"), o)
	if err != nil {
		t.Fatal(err)
	}
	s := project.Default()
	s.Pseudonym.KeyFile = filepath.Join(dir, "key")
	db, err := project.Open(ctx, filepath.Join(dir, "linkki.duckdb"), s, project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var paths []string
	for _, f := range m.Files {
		paths = append(paths, filepath.Join(dir, "in", f.Name))
	}
	if _, err := ingest.Files(ctx, db, s, ingest.Options{}, paths); err != nil {
		t.Fatalf("ingest: %v", err)
	}
	if _, err := transform.Build(ctx, db, s); err != nil {
		t.Fatalf("build: %v", err)
	}
	if _, err := analysis.Analyze(ctx, db, s); err != nil {
		t.Fatalf("analyze: %v", err)
	}
	return db, s
}

// The acceptance test: a report built from synthetic data opens in
// chromium with the network cut off, logs nothing, asks for nothing and
// draws every chart; the public version hides small cells.
func TestPipelineReportOpensOffline(t *testing.T) {
	db, s := pipelineDB(t, 600, true)
	ctx := context.Background()
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		opts Options
	}{
		{"fi", Options{Lang: "fi"}},
		{"en-public", Options{Lang: "en", Public: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name+".html")
			if err := Write(ctx, db, s, path, tt.opts); err != nil {
				t.Fatal(err)
			}
			html := readFile(t, path)
			if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:|//)`).FindString(html); m != "" {
				t.Errorf("report links out: %s", m)
			}
			for _, want := range []string{`id="chart-forest"`, `id="chart-mixed-vs-pairs"`, "SWEMWBS) © NHS Health Scotland"} {
				if !strings.Contains(html, want) {
					t.Errorf("report lacks %s", want)
				}
			}
			if tt.name == "fi" {
				assertOffline(t, path, strings.Count(html, `class="chart"`))
			}
		})
	}
}
