package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/internal/project"
)

// reportDatabase is a database file holding the report's fixture tables.
func reportDatabase(t *testing.T) string {
	t.Helper()
	fixture, err := os.ReadFile(filepath.Join("..", "..", "reports", "testdata", "fixture.sql"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "linkki.duckdb")
	db, err := project.Open(context.Background(), path, project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(string(fixture)); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReportCommand(t *testing.T) {
	built := reportDatabase(t)
	tests := []struct {
		name       string
		db         string
		args       []string
		wantCode   int
		wantStderr []string
		wantHTML   []string
	}{
		{name: "english", db: built, args: []string{"--lang", "en"}, wantCode: 0,
			wantStderr: []string{"linkki: wrote "}, wantHTML: []string{`<html lang="en">`, "Key figures"}},
		{name: "finnish default, filtered, public", db: built, args: []string{"--municipality", "Kemi", "--period", "2024", "--public"}, wantCode: 0,
			wantHTML: []string{`<html lang="fi">`, "Kemi · ajanjakso 2024", "Julkinen versio"}},
		{name: "bad language", db: built, args: []string{"--lang", "sv"}, wantCode: 2,
			wantStderr: []string{`linkki: error: --lang "sv": want fi or en`}},
		{name: "bad period", db: built, args: []string{"--period", "2024-05"}, wantCode: 2,
			wantStderr: []string{`linkki: error: --period "2024-05": want a year`}},
		{name: "no match", db: built, args: []string{"--municipality", "Inari"}, wantCode: 1,
			wantStderr: []string{`no support periods match municipality "Inari"`}},
		{name: "not built", db: rawDatabase(t, ""), wantCode: 1,
			wantStderr: []string{"the model tables are missing", "linkki: hint: build the outcome tables first: linkki build"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report.html")
			args := append([]string{"--db", tt.db, "report", "--out", out}, tt.args...)
			var stdout, stderr bytes.Buffer
			code := exitCode(run(context.Background(), args, &stdout, &stderr))
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstderr: %s", code, tt.wantCode, stderr.String())
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
			html, err := os.ReadFile(out)
			if tt.wantCode != 0 {
				if err == nil {
					t.Error("a failed run left a report behind")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.wantHTML {
				if !strings.Contains(string(html), w) {
					t.Errorf("report lacks %q", w)
				}
			}
		})
	}
}
