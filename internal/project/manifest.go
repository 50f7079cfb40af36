package project

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"
)

// Version is linkki's version, set at link time with
// -ldflags "-X github.com/linkki-fi/linkki/internal/project.Version=v1.2.3";
// otherwise it comes from the module build information.
var Version = ""

// LinkkiVersion reports the running version.
func LinkkiVersion() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// Manifest records what a run used and made, so that anyone can tell whether
// two outputs came from the same inputs and settings.
type Manifest struct {
	LinkkiVersion string           `json:"linkki_version"`
	CreatedAt     time.Time        `json:"created_at"`
	Command       string           `json:"command"`
	Settings      Settings         `json:"settings"`
	Inputs        []FileRecord     `json:"inputs"`
	RowCounts     map[string]int64 `json:"row_counts,omitempty"`
	Outputs       []FileRecord     `json:"outputs,omitempty"`
}

// FileRecord names a file with its SHA-256 and, for inputs, what ingest made
// of it.
type FileRecord struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Kind   string `json:"kind,omitempty"`
	Rows   int64  `json:"rows,omitempty"`
	Bytes  int64  `json:"bytes,omitempty"`
}

// HashFile returns the hex SHA-256 and size of a file.
func HashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// WriteJSON writes the manifest, indented, to path.
func (m Manifest) WriteJSON(path string) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, append(b, '\n'))
}

// WriteFileAtomic writes data to a temporary file beside path and renames it
// into place, so a reader never sees half a file and a failure leaves any
// earlier file untouched.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".linkki-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// CreateTemp makes the file owner-only; outputs are meant to be shared.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ErrNotBuilt means a table a stage reads is missing: nothing was
// ingested, or linkki build has not run.
var ErrNotBuilt = errors.New("the database has no model tables")

// NewManifest starts the manifest of a run or an export:
// the linkki version, the settings, the ingested input files with their
// hashes (table ingest_files, in ingest order) and the row counts of the
// tables the export reads.
func NewManifest(ctx context.Context, db *sql.DB, s Settings, command string, tables []string) (Manifest, error) {
	m := Manifest{
		LinkkiVersion: LinkkiVersion(),
		CreatedAt:     time.Now().UTC(),
		Command:       command,
		Settings:      s,
		Inputs:        []FileRecord{},
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
		var f FileRecord
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
		// Table names come from linkki's fixed lists, never from users.
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return m, fmt.Errorf("manifest: count %s: %w", t, err)
		}
		m.RowCounts[t] = n
	}
	return m, nil
}

// FinishManifest records the outputs, named relative to the manifest's
// directory, with their hashes and sizes, and writes the manifest to path.
func FinishManifest(m *Manifest, path string, outputs ...string) error {
	dir := filepath.Dir(path)
	for _, out := range outputs {
		sum, size, err := HashFile(out)
		if err != nil {
			return fmt.Errorf("manifest: %w", err)
		}
		rel, err := filepath.Rel(dir, out)
		if err != nil {
			rel = out
		}
		m.Outputs = append(m.Outputs, FileRecord{Path: filepath.ToSlash(rel), SHA256: sum, Bytes: size})
	}
	if err := m.WriteJSON(path); err != nil {
		return fmt.Errorf("manifest: write %s: %w", path, err)
	}
	return nil
}
