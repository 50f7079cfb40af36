package ingest

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

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
