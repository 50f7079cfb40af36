// Package ingest loads the input files of a social prescribing programme
// (referral exports, meeting logs, SWEMWBS and participation questionnaires,
// link-worker surveys; see data/inputs.md) into the raw layer of linkki's
// DuckDB database (data/raw/*.sql).
//
// It takes file paths and gives one FileReport per file. Files are read in
// any dialect the input contract allows (CSV/TXT in UTF-8, UTF-8 with BOM or
// Windows-1252, delimited by ';', ',' or tab, or XLSX), their headers are
// mapped to canonical columns, every value is parsed and validated, client
// ids are replaced by keyed pseudonyms at the door, and each row ends up
// inserted, updated, unchanged or quarantined with a reason code — never
// dropped. Each file is one transaction.
//
// Entry point: Files.
package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"time"

	"github.com/linkki-fi/linkki/data"
	"github.com/linkki-fi/linkki/internal/project"
)

// Options are the ingest command's flags.
type Options struct {
	Kind        Kind   // "" detects the kind from the headers
	MappingFile string // a column-mapping file (TOML), see data/inputs.md
	Delimiter   byte   // 0 detects
	Encoding    string // "" detects; see ParseEncoding
	Sheet       string // XLSX sheet; "" is the first
	Strict      bool   // roll back a file with any quarantined row
	// Progress, when set, is told how far a file is read: done of total
	// (bytes for CSV, rows for XLSX; total 0 when unknown).
	Progress func(file string, done, total int64)
	// Logf, when set, receives messages a user must see (a new key).
	Logf func(format string, args ...any)
	// Now stamps ingest_files.ingested_at; nil means time.Now.
	Now func() time.Time
	// IgnoreKeyEnv makes the key come from settings pseudonym.key_file only,
	// not LINKKI_KEY: linkki demo uses its own key, never the user's.
	IgnoreKeyEnv bool
}

// FileReport is one file's accounting: RowsRead = Inserted + Updated +
// Unchanged + Quarantined. Held orphans count as quarantined (orphan) in the
// file they came in; Released counts earlier held rows this file's referrals
// attached (not rows of this file).
type FileReport struct {
	File                string           `json:"file"`
	Kind                Kind             `json:"kind"`
	RowsRead            int64            `json:"rows_read"`
	Inserted            int64            `json:"inserted"`
	Updated             int64            `json:"updated"`
	Unchanged           int64            `json:"unchanged"`
	Quarantined         int64            `json:"quarantined"`
	QuarantinedByReason map[string]int64 `json:"quarantined_by_reason"`
	Released            int64            `json:"released"`
	Warnings            int64            `json:"warnings"`
	// Skipped: the same bytes were ingested before; nothing changed.
	Skipped bool `json:"skipped,omitempty"`
	// RolledBack: --strict undid this file because rows were quarantined.
	RolledBack bool   `json:"rolled_back,omitempty"`
	Error      string `json:"error,omitempty"`

	Hash           string   `json:"sha256"`
	Encoding       string   `json:"encoding,omitempty"`
	Delimiter      string   `json:"delimiter,omitempty"`
	Sheet          string   `json:"sheet,omitempty"`
	IgnoredColumns []string `json:"ignored_columns,omitempty"`
}

// goMemoryLimit is the soft limit of the Go heap while ingesting (unless
// GOMEMLIMIT sets a lower one); DuckDB's memory comes on top of it.
const goMemoryLimit = 640 << 20

// ErrStrict is returned when --strict rolled back at least one file.
var ErrStrict = errors.New("rows were quarantined and --strict is set")

// FileError is a file refused whole (unreadable, unknown kind, missing
// columns); the other files of the call were still ingested.
type FileError struct {
	File string
	Err  error
}

func (e *FileError) Error() string { return e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Files ingests files into db, referral exports first (in their given
// order), then the others in their given order, one transaction per file.
//
// It returns one report per file (for files refused whole the report has
// Error set) and an error when any file was refused (errors.Join of
// *FileError), when --strict rolled a file back (ErrStrict), or when the
// database failed, in which case files already committed stay committed and
// their reports say so. The pseudonym key is loaded with LoadKey and must be
// the database's (ErrWrongKey otherwise).
func Files(ctx context.Context, db *sql.DB, s project.Settings, opts Options, paths []string) ([]FileReport, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if err := EnsureSchema(ctx, conn); err != nil {
		return nil, err
	}
	key, err := loadProjectKey(ctx, conn, s, opts.IgnoreKeyEnv)
	if err != nil {
		return nil, err
	}
	if key.Created && opts.Logf != nil {
		opts.Logf("%s", KeyCreatedMessage(key))
	}
	m, err := mappingFromFile(opts.MappingFile)
	if err != nil {
		return nil, err
	}
	var (
		inputs  []*input
		reports = make([]FileReport, len(paths))
		errs    []error
	)
	for i, p := range paths {
		reports[i] = FileReport{File: p, QuarantinedByReason: map[string]int64{}}
		in, err := prepare(p, opts, m)
		if err != nil {
			reports[i].Error = err.Error()
			errs = append(errs, &FileError{File: p, Err: err})
			continue
		}
		in.report = i
		reports[i].Hash = in.hash
		inputs = append(inputs, in)
	}
	sort.SliceStable(inputs, func(a, b int) bool {
		return inputs[a].layout.kind == KindReferrals && inputs[b].layout.kind != KindReferrals
	})
	// Bound the Go heap (the referral index, per-file maps) beside DuckDB's
	// own memory_limit, and hand memory back between files, so that a run
	// over a million referrals stays within a laptop's means.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(min(debug.SetMemoryLimit(-1), goMemoryLimit)))
	// Under that limit, collect less often than the default: most of the
	// heap is short-lived batches, and the collector cost about a tenth of
	// the ingest's CPU.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	ing := &ingester{conn: conn, s: s, opts: opts, key: key.secret}
	for _, in := range inputs {
		debug.FreeOSMemory()
		r := &reports[in.report]
		if err := ing.file(ctx, in, r); err != nil {
			var he *HeaderError
			if errors.As(err, &he) {
				r.Error = err.Error()
				errs = append(errs, &FileError{File: in.path, Err: err})
				continue
			}
			r.Error = err.Error()
			return reports, fmt.Errorf("ingest %s: %w (files reported before it are committed)", in.path, err)
		}
		if r.RolledBack {
			errs = append(errs, fmt.Errorf("%s: %d row(s) quarantined, file rolled back: %w", in.path, r.Quarantined, ErrStrict))
		}
	}
	return reports, errors.Join(errs...)
}

// EnsureSchema creates the raw-layer tables that do not exist yet.
func EnsureSchema(ctx context.Context, q queryer) error {
	entries, err := data.Raw.ReadDir("raw")
	if err != nil {
		return err
	}
	for _, e := range entries {
		ddl, err := data.Raw.ReadFile("raw/" + e.Name())
		if err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, string(ddl)); err != nil {
			return fmt.Errorf("create %s: %w", e.Name(), err)
		}
	}
	_, err = q.ExecContext(ctx, `INSERT INTO project_meta VALUES ('schema_version', '1') ON CONFLICT DO NOTHING`)
	return err
}

// loadProjectKey loads the key, creating a key file only for a database that
// has no key yet, and checks it against the stored fingerprint.
func loadProjectKey(ctx context.Context, q queryer, s project.Settings, ignoreEnv bool) (Key, error) {
	var stored string
	err := q.QueryRowContext(ctx, `SELECT value FROM project_meta WHERE key = 'key_fingerprint'`).Scan(&stored)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Key{}, err
	}
	key, err := loadKey(s, stored == "", ignoreEnv)
	if err != nil {
		return Key{}, err
	}
	return key, checkKey(ctx, q, key)
}
