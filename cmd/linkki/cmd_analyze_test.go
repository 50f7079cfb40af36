package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/data"
	"github.com/linkki-fi/linkki/internal/project"
)

// analysisDatabase creates a database file with the raw ingest_files table
// and, given SQL, the tables it makes.
func analysisDatabase(t *testing.T, models string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "linkki.duckdb")
	db, err := project.Open(context.Background(), path, project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ddl, err := fs.ReadFile(data.Raw, "raw/ingest_files.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{string(ddl), models} {
		if q == "" {
			continue
		}
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestAnalyzeCommand(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join("..", "..", "analysis", "testdata", "outcomes_wide_fixture.sql"))
	if err != nil {
		t.Fatal(err)
	}
	built := analysisDatabase(t, string(fixture))

	tests := []struct {
		name       string
		db         string
		json       bool
		wantCode   int
		wantStdout []string
		wantStderr []string
	}{
		{name: "summary and JSON", db: built, json: true, wantCode: 0,
			wantStdout: []string{"Headline:  SWEMWBS metric T1-T0, all: d_rm", "municipality: Enontekiö", "small_n"},
			wantStderr: []string{"linkki: wrote "}},
		{name: "not built", db: analysisDatabase(t, ""), wantCode: 1,
			wantStderr: []string{"linkki: error: the database has no outcome tables", "linkki: hint: build the outcome tables first: linkki build"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"--db", tt.db, "analyze"}
			jsonPath := filepath.Join(t.TempDir(), "results.json")
			if tt.json {
				args = append(args, "--json", jsonPath)
			}
			var stdout, stderr bytes.Buffer
			code := exitCode(run(context.Background(), args, &stdout, &stderr))
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstderr: %s", code, tt.wantCode, stderr.String())
			}
			for _, w := range tt.wantStdout {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout.String())
				}
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
			if !tt.json {
				return
			}
			b, err := os.ReadFile(jsonPath)
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Manifest    map[string]any   `json:"manifest"`
				Results     []map[string]any `json:"results"`
				MixedModels []map[string]any `json:"mixed_models"`
				Attrition   []map[string]any `json:"attrition"`
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Manifest["command"] != "analyze" || len(doc.Results) == 0 || len(doc.MixedModels) == 0 || len(doc.Attrition) == 0 {
				t.Errorf("JSON: manifest %v, %d results, %d mixed models, %d attrition rows",
					doc.Manifest["command"], len(doc.Results), len(doc.MixedModels), len(doc.Attrition))
			}
		})
	}
}
