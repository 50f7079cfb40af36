package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/internal/project"
	"github.com/linkki-fi/linkki/internal/synth"
)

// The demo runs every stage on the bundled dataset and leaves every output.
func TestDemoWritesEveryOutput(t *testing.T) {
	if _, err := os.Stat(filepath.Join("..", "..", "reports", "assets", "echarts.min.js")); err != nil {
		t.Skip("the ECharts script is not installed (make assets)")
	}
	t.Setenv("LINKKI_KEY", "the user's own key") // the demo must make and use its own
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCLI(t, "demo", "--lang", "en", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, f := range []string{reportFile, resultsFile, ministryFile, "ministry.manifest.json", manifestFile,
		filepath.Join(researchDir, "support_periods.parquet"), filepath.Join(researchDir, "codebook.md")} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("demo did not write %s: %v", f, err)
		}
	}
	if !strings.Contains(stdout, "The demo report is "+filepath.Join(out, reportFile)) {
		t.Errorf("stdout does not say where the report is:\n%s", stdout)
	}
	if !strings.Contains(stderr, "demo.key") {
		t.Errorf("the demo did not use its own key:\n%s", stderr)
	}
}

// A failed error-severity check stops run before any report or export.
func TestRunStopsOnFailedErrorCheck(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LINKKI_KEY", "run test key")
	m, err := synth.Generate(context.Background(), filepath.Join(dir, "in"), synth.Options{Referrals: 60, Seed: 3, Improvement: 1, StartYear: 2023})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range m.Files {
		files = append(files, filepath.Join(dir, "in", f.Name))
	}
	db := filepath.Join(dir, "run.duckdb")
	if code, _, stderr := runCLI(t, append([]string{"--db", db, "ingest"}, files...)...); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, stderr)
	}
	// A meeting of a referral that does not exist breaks referential integrity.
	conn, err := project.Open(context.Background(), db, project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(`INSERT INTO meetings SELECT 'NO-SUCH-REFERRAL', meeting_date, hours, km, activity, file_hash, file_seq, line FROM meetings LIMIT 1`)
	conn.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, _, stderr := runCLI(t, append([]string{"--db", db, "run", "--out", out}, files...)...)
	if code != 1 || !strings.Contains(stderr, "linkki: error: build:") || !strings.Contains(stderr, "no report or export was written") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 0 {
		t.Errorf("run wrote %d outputs after a failed check", len(entries))
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{{"run"}, {"run", "--lang", "sv", "x.csv"}, {"demo", "extra"}, {"demo", "--lang", "de"}} {
		if code, _, stderr := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
	}
}
