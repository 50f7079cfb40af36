package ministry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/linkki-fi/linkki/internal/project"
)

// ErrNotBuilt means a table an export reads is missing: nothing was
// ingested, or linkki build has not run.
var ErrNotBuilt = errors.New("the database has no model tables")

// NewManifest starts the run manifest of an export (research uses it too):
// the linkki version, the settings, the ingested input files with their
// hashes (table ingest_files, in ingest order) and the row counts of the
// tables the export reads.
func NewManifest(ctx context.Context, db *sql.DB, s project.Settings, command string, tables []string) (project.Manifest, error) {
	m := project.Manifest{
		LinkkiVersion: project.LinkkiVersion(),
		CreatedAt:     time.Now().UTC(),
		Command:       command,
		Settings:      s,
		Inputs:        []project.FileRecord{},
		RowCounts:     map[string]int64{},
	}
	for _, t := range append([]string{"ingest_files"}, tables...) {
		var n int
		err := db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE table_name = ?`, t).Scan(&n)
		if err != nil {
			return m, fmt.Errorf("manifest: %w", err)
		}
		if n == 0 {
			return m, fmt.Errorf("%w: table %s is missing", ErrNotBuilt, t)
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT file_path, file_hash, kind, rows_read, size_bytes FROM ingest_files ORDER BY file_seq`)
	if err != nil {
		return m, fmt.Errorf("manifest: list input files: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f project.FileRecord
		if err := rows.Scan(&f.Path, &f.SHA256, &f.Kind, &f.Rows, &f.Bytes); err != nil {
			return m, fmt.Errorf("manifest: read input files: %w", err)
		}
		m.Inputs = append(m.Inputs, f)
	}
	if err := rows.Err(); err != nil {
		return m, fmt.Errorf("manifest: read input files: %w", err)
	}
	for _, t := range tables {
		var n int64
		// Table names come from the exports' fixed lists, never from users.
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return m, fmt.Errorf("manifest: count %s: %w", t, err)
		}
		m.RowCounts[t] = n
	}
	return m, nil
}

// FinishManifest records the outputs, named relative to the manifest's
// directory, with their hashes and sizes, and writes the manifest to path.
func FinishManifest(m *project.Manifest, path string, outputs ...string) error {
	dir := filepath.Dir(path)
	for _, out := range outputs {
		sum, size, err := project.HashFile(out)
		if err != nil {
			return fmt.Errorf("manifest: %w", err)
		}
		rel, err := filepath.Rel(dir, out)
		if err != nil {
			rel = out
		}
		m.Outputs = append(m.Outputs, project.FileRecord{Path: filepath.ToSlash(rel), SHA256: sum, Bytes: size})
	}
	if err := m.WriteJSON(path); err != nil {
		return fmt.Errorf("manifest: write %s: %w", path, err)
	}
	return nil
}
