package transform

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/ingest"
	"github.com/linkki-fi/linkki/internal/project"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/cases")

// newRawDB opens an in-memory database with the raw layer's tables, empty.
func newRawDB(t testing.TB) *sql.DB {
	t.Helper()
	ctx := context.Background()
	s := project.Default()
	s.Database.Threads = 1
	db, err := project.Open(ctx, ":memory:", s, project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	createRawTables(t, db)
	return db
}

// createRawTables creates the raw layer as ingest does.
func createRawTables(t testing.TB, db *sql.DB) {
	t.Helper()
	if err := ingest.EnsureSchema(context.Background(), db); err != nil {
		t.Fatal(err)
	}
}

// loadSettings reads a case's settings.toml when there is one.
func loadSettings(t testing.TB, dir string) project.Settings {
	t.Helper()
	path := filepath.Join(dir, "settings.toml")
	if _, err := os.Stat(path); err != nil {
		return project.Default()
	}
	s, err := project.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// dumpTable renders a table as sorted JSON lines, one per row, so golden
// files diff row by row. Columns that hold code rather than data are left out.
func dumpTable(t testing.TB, db *sql.DB, table string) string {
	t.Helper()
	exclude := map[string]string{"check_results": " EXCLUDE (query)"}
	rows, err := db.Query(`SELECT to_json(t)::VARCHAR AS j FROM (SELECT *` + exclude[table] + ` FROM "` + table + `") AS t ORDER BY j`)
	if err != nil {
		t.Fatalf("dump %s: %v", table, err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		b.WriteString(line + "\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var headerLine = regexp.MustCompile(`(?m)^-- (tables|fails): *(.*)$`)

// caseHeader reads "-- tables: a, b" (the tables whose golden files the case
// compares) and "-- fails: check, …" (the error checks it expects to fail).
func caseHeader(input string) (tables, fails []string) {
	for _, m := range headerLine.FindAllStringSubmatch(input, -1) {
		var list []string
		for _, f := range strings.Split(m[2], ",") {
			if f = strings.TrimSpace(f); f != "" {
				list = append(list, f)
			}
		}
		if m[1] == "tables" {
			tables = list
		} else {
			fails = list
		}
	}
	sort.Strings(fails)
	return tables, fails
}

// TestModels builds each case of testdata/cases (input.sql filling the raw
// tables, optional settings.toml) and compares the tables it names with its
// golden files <table>.jsonl. Run with -update to rewrite them.
func TestModels(t *testing.T) {
	dirs, err := filepath.Glob("testdata/cases/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no cases under testdata/cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			input, err := os.ReadFile(filepath.Join(dir, "input.sql"))
			if err != nil {
				t.Fatal(err)
			}
			tables, fails := caseHeader(string(input))
			if len(tables) == 0 {
				t.Fatal("input.sql needs a '-- tables: …' header")
			}
			db := newRawDB(t)
			if _, err := db.Exec(string(input)); err != nil {
				t.Fatalf("input.sql: %v", err)
			}
			_, err = Build(context.Background(), db, loadSettings(t, dir))
			var failed []string
			var ce *CheckError
			if errors.As(err, &ce) {
				for _, c := range ce.Failed {
					failed = append(failed, c.Name)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if strings.Join(failed, ",") != strings.Join(fails, ",") {
				t.Errorf("failed error checks %v, want %v (err: %v)", failed, fails, err)
			}
			for _, table := range tables {
				got := dumpTable(t, db, table)
				golden := filepath.Join(dir, table+".jsonl")
				if *update {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if got != string(want) {
					t.Errorf("%s differs from %s:\n got:\n%s\nwant:\n%s", table, golden, got, want)
				}
			}
		})
	}
}
