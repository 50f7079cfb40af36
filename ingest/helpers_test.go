package ingest

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/linkki-fi/linkki/internal/project"
)

// openTestDB opens a fresh database file with a fixed test key.
func openTestDB(t *testing.T) *sql.DB {
	t.Helper()
	t.Setenv(KeyEnv, "linkki test key")
	db, err := project.Open(context.Background(), filepath.Join(t.TempDir(), "test.duckdb"), project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// writeInput writes content into dir/name in an encoding: "utf-8",
// "utf-8-bom" or "windows-1252".
func writeInput(t *testing.T, dir, name, content, encoding string) string {
	t.Helper()
	b := []byte(content)
	switch encoding {
	case "utf-8-bom":
		b = append([]byte{0xEF, 0xBB, 0xBF}, b...)
	case "windows-1252":
		var err error
		if b, err = charmap.Windows1252.NewEncoder().Bytes(b); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// ingestOK ingests files that must not be refused.
func ingestOK(t *testing.T, db *sql.DB, opts Options, paths ...string) []FileReport {
	t.Helper()
	reps, err := Files(context.Background(), db, project.Default(), opts, paths)
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	return reps
}

func queryInt(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func queryString(t *testing.T, db *sql.DB, query string, args ...any) string {
	t.Helper()
	var s sql.NullString
	if err := db.QueryRow(query, args...).Scan(&s); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return s.String
}

// account checks a report's accounting.
func account(t *testing.T, r FileReport, inserted, updated, unchanged, quarantined int64) {
	t.Helper()
	if r.Inserted != inserted || r.Updated != updated || r.Unchanged != unchanged || r.Quarantined != quarantined {
		t.Errorf("%s: %d inserted, %d updated, %d unchanged, %d quarantined (%v); want %d, %d, %d, %d",
			filepath.Base(r.File), r.Inserted, r.Updated, r.Unchanged, r.Quarantined, r.QuarantinedByReason,
			inserted, updated, unchanged, quarantined)
	}
	if r.RowsRead != r.Inserted+r.Updated+r.Unchanged+r.Quarantined {
		t.Errorf("%s: rows_read %d does not add up", r.File, r.RowsRead)
	}
}

// Two referrals with Finnish headers in ';' CSV: R1 by identity code, R2 by
// client number.
const referralsFI = "lahete_id;hetu;lahetepaiva;kunta;lahettava_taho;lahetteen_syyt;aloituspaiva;lopetuspaiva;paattymisen_syy;tutkimuslupa\n" +
	"R1;131052-308T;1.3.2022;Enontekiö;vanhuspalvelut;yksinäisyys|ulkoilu;7.3.2022;30.6.2022;päättynyt suunnitellusti;K\n" +
	"R2;AS0000002;2.3.2022;rovaniemi;Järjestö;muu;9.3.2022;;;ei\n"

func timeOf(d excelDate) time.Time { return time.Date(d.y, time.Month(d.m), d.d, 0, 0, 0, 0, time.UTC) }
