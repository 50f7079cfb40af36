package reports

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/linkki-fi/linkki/internal/project"
)

// fixtureDB returns an in-memory database holding testdata/fixture.sql,
// after running the extra statements (to vary the fixture per test).
func fixtureDB(t *testing.T, extra ...string) *sql.DB {
	t.Helper()
	ctx := context.Background()
	db, err := project.Open(ctx, ":memory:", project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	fixture, err := os.ReadFile(filepath.Join("testdata", "fixture.sql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range append([]string{string(fixture)}, extra...) {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	return db
}
