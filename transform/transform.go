// Package transform builds linkki's model layer: it takes the raw tables that
// ingest wrote (data/raw) and the settings, runs the SQL models of
// data/models in dependency order and gives the outcome tables that analyses,
// reports and evaluators read (support periods, contacts, costs,
// questionnaire scores, outcomes wide, participant flow, needs and barriers),
// followed by the data checks of data/checks. Every table and column is
// documented in data/dictionary.md.
//
// A build is one transaction: it sees one snapshot of the ingested data, and
// a rebuild replaces every table, so building twice gives the same tables.
// Row-level work stays in DuckDB; Go only orders the models and records the
// outcome.
package transform

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/linkki-fi/linkki/data"
	"github.com/linkki-fi/linkki/internal/project"
)

var (
	//go:embed sql/build_settings.sql
	buildSettingsSQL string
	//go:embed sql/km_rates.sql
	kmRatesSQL string
	//go:embed sql/check_results.sql
	checkResultsSQL string
	//go:embed sql/check_result.sql
	checkResultSQL string
	//go:embed sql/build_runs.sql
	buildRunsSQL string
	//go:embed sql/build_run.sql
	buildRunSQL string
)

// settingsTables are written from the settings before the models run.
var settingsTables = []string{"build_settings", "km_rates"}

// ErrNotIngested means the database has no raw layer to build from.
var ErrNotIngested = errors.New("the database has no ingested data")

// ErrNotBuilt means the database has no successful, current build.
var ErrNotBuilt = errors.New("the outcome tables are not built")

// Report is what a build made.
type Report struct {
	BuiltAt  time.Time     `json:"built_at"`
	Status   string        `json:"status"` // ok | failed_checks
	Duration time.Duration `json:"duration_ns"`
	Models   []ModelResult `json:"models"` // in the order they were built
	Checks   []CheckResult `json:"checks"` // in check-name order
}

// ModelResult is one table (or view) the build wrote.
type ModelResult struct {
	Name     string        `json:"name"`
	Rows     int64         `json:"rows"` // -1 for a view, whose rows are computed when it is read
	View     bool          `json:"view"`
	Duration time.Duration `json:"duration_ns"`
}

// CheckResult is the outcome of one data check (a row of check_results).
type CheckResult struct {
	Name        string `json:"check_name"`
	Severity    string `json:"severity"` // SeverityError or SeverityWarning
	Passed      bool   `json:"passed"`
	FailingRows int64  `json:"failing_rows"`
	Message     string `json:"message"`
	Sample      string `json:"sample"` // JSON array of up to 5 failing rows
}

// RowCounts maps each table built to its rows, the form of the run
// manifest's row_counts. Views are left out: their rows are not counted.
func (r Report) RowCounts() map[string]int64 {
	out := make(map[string]int64, len(r.Models))
	for _, m := range r.Models {
		if !m.View {
			out[m.Name] = m.Rows
		}
	}
	return out
}

// Failed returns the checks of a severity that failed.
func (r Report) Failed(severity string) []CheckResult {
	var out []CheckResult
	for _, c := range r.Checks {
		if !c.Passed && c.Severity == severity {
			out = append(out, c)
		}
	}
	return out
}

// CheckError is returned by Build when a check of severity error failed. The
// tables and check_results are committed all the same, so the failing rows
// can be inspected with SQL, but build_runs records the build as
// failed_checks and Verify refuses it, so nothing downstream uses them.
type CheckError struct {
	Failed []CheckResult
}

func (e *CheckError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d data check(s) failed", len(e.Failed))
	for _, c := range e.Failed {
		fmt.Fprintf(&b, "\n  %s: %s (failing rows: %d), e.g. %s", c.Name, c.Message, c.FailingRows, c.Sample)
	}
	return b.String()
}

// Build runs every model and check in one transaction and returns what it
// made. A failed error-severity check gives a *CheckError (with the report).
func Build(ctx context.Context, db *sql.DB, s project.Settings) (Report, error) {
	start := time.Now()
	modelFS, err := fs.Sub(data.Models, "models")
	if err != nil {
		return Report{}, fmt.Errorf("build: %w", err)
	}
	models, err := loadModels(modelFS)
	if err != nil {
		return Report{}, err
	}
	checkFS, err := fs.Sub(data.Checks, "checks")
	if err != nil {
		return Report{}, fmt.Errorf("build: %w", err)
	}
	checks, err := loadChecks(checkFS)
	if err != nil {
		return Report{}, err
	}
	settingsJSON, err := json.Marshal(s)
	if err != nil {
		return Report{}, fmt.Errorf("build: settings: %w", err)
	}
	if err := requireRawLayer(ctx, db); err != nil {
		return Report{}, err
	}
	inputs, err := rawTables()
	if err != nil {
		return Report{}, err
	}
	models, err = resolve(ctx, db, models, append(inputs, settingsTables...))
	if err != nil {
		return Report{}, fmt.Errorf("build: %w", err)
	}

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return Report{}, fmt.Errorf("build: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit

	var rep Report
	// The settings tables come first and count among the tables built:
	// km_rates is part of the model layer's contract.
	steps := []model{
		{name: "build_settings", sql: buildSettingsSQL, readsSettings: true},
		{name: "km_rates", sql: kmRatesSQL, readsSettings: true},
	}
	for _, m := range append(steps, models...) {
		t := time.Now()
		var args []any
		if m.readsSettings {
			args = []any{string(settingsJSON)}
		}
		if err := dropOtherKind(ctx, tx, m); err != nil {
			return Report{}, err
		}
		if _, err := tx.ExecContext(ctx, m.sql, args...); err != nil {
			return Report{}, fmt.Errorf("build %s: %w", m.name, err)
		}
		res := ModelResult{Name: m.name, Rows: -1, View: m.view}
		// Counting a view's rows would compute it, which is what a view saves.
		if !m.view {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM "`+m.name+`"`).Scan(&res.Rows); err != nil {
				return Report{}, fmt.Errorf("count %s: %w", m.name, err)
			}
		}
		res.Duration = time.Since(t)
		rep.Models = append(rep.Models, res)
	}
	if rep.Checks, err = runChecks(ctx, tx, checks); err != nil {
		return Report{}, err
	}
	if _, err := tx.ExecContext(ctx, buildRunsSQL); err != nil {
		return Report{}, fmt.Errorf("build: build_runs: %w", err)
	}
	if err := tx.QueryRowContext(ctx, buildRunSQL, project.LinkkiVersion(), string(settingsJSON)).Scan(&rep.BuiltAt, &rep.Status); err != nil {
		return Report{}, fmt.Errorf("build: record build: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return Report{}, fmt.Errorf("build: commit: %w", err)
	}
	rep.Duration = time.Since(start)
	if failed := rep.Failed(SeverityError); len(failed) > 0 {
		return rep, &CheckError{Failed: failed}
	}
	return rep, nil
}

// runChecks runs every check into a fresh check_results table and reads the
// outcomes back.
func runChecks(ctx context.Context, tx *sql.Tx, checks []check) ([]CheckResult, error) {
	if _, err := tx.ExecContext(ctx, checkResultsSQL); err != nil {
		return nil, fmt.Errorf("build: check_results: %w", err)
	}
	for _, c := range checks {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(checkResultSQL, c.query), c.name, c.severity, c.message, c.query); err != nil {
			return nil, fmt.Errorf("data check %s: %w", c.name, err)
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT check_name, severity, passed, failing_rows, message, sample FROM check_results ORDER BY check_name`)
	if err != nil {
		return nil, fmt.Errorf("read check_results: %w", err)
	}
	defer rows.Close()
	var out []CheckResult
	for rows.Next() {
		var c CheckResult
		if err := rows.Scan(&c.Name, &c.Severity, &c.Passed, &c.FailingRows, &c.Message, &c.Sample); err != nil {
			return nil, fmt.Errorf("read check_results: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Verify returns nil when the database holds a build whose error-severity
// checks passed and no file was ingested after it; stages that read the
// model layer (analyze, report, export) call it first.
func Verify(ctx context.Context, db *sql.DB) error {
	exists, err := tableExists(ctx, db, "build_runs")
	if err != nil {
		return err
	}
	if !exists {
		return fmt.Errorf("%w: run linkki build first", ErrNotBuilt)
	}
	var status string
	var builtAt time.Time
	err = db.QueryRowContext(ctx, `SELECT status, built_at FROM build_runs ORDER BY built_at DESC LIMIT 1`).Scan(&status, &builtAt)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: run linkki build first", ErrNotBuilt)
	}
	if err != nil {
		return fmt.Errorf("read build_runs: %w", err)
	}
	if status != "ok" {
		var failed string
		if err := db.QueryRowContext(ctx, `SELECT coalesce(string_agg(check_name, ', ' ORDER BY check_name), '') FROM check_results WHERE severity = 'error' AND NOT passed`).Scan(&failed); err != nil {
			return fmt.Errorf("read check_results: %w", err)
		}
		return fmt.Errorf("%w: the last build failed data checks (%s); see check_results", ErrNotBuilt, failed)
	}
	var newer int64
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM ingest_files WHERE ingested_at > ?`, builtAt).Scan(&newer); err != nil {
		return fmt.Errorf("read ingest_files: %w", err)
	}
	if newer > 0 {
		return fmt.Errorf("%w: %d file(s) were ingested after the last build; run linkki build", ErrNotBuilt, newer)
	}
	return nil
}

// dropOtherKind drops an object that has the model's name but is of the
// other kind (a table where the model now makes a view, or the reverse), as
// left by an older linkki: CREATE OR REPLACE does not replace across kinds.
func dropOtherKind(ctx context.Context, tx *sql.Tx, m model) error {
	other, kind := "VIEW", "VIEW"
	if m.view {
		other, kind = "TABLE", "BASE TABLE"
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name = ? AND table_type = ?`, m.name, kind).Scan(&n)
	if err != nil {
		return fmt.Errorf("build %s: look up an older %s: %w", m.name, strings.ToLower(other), err)
	}
	if n == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DROP `+other+` "`+m.name+`"`); err != nil {
		return fmt.Errorf("build %s: drop the older %s: %w", m.name, strings.ToLower(other), err)
	}
	return nil
}

// requireRawLayer refuses a database that ingest never touched, with advice.
func requireRawLayer(ctx context.Context, db *sql.DB) error {
	exists, err := tableExists(ctx, db, "referrals")
	if err != nil {
		return err
	}
	if !exists {
		return fmt.Errorf("build: %w (no referrals table): run linkki ingest first", ErrNotIngested)
	}
	return nil
}

func tableExists(ctx context.Context, db *sql.DB, name string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = current_schema()`, name).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up table %s: %w", name, err)
	}
	return n > 0, nil
}

// rawTables lists the raw layer's tables by their DDL files.
func rawTables() ([]string, error) {
	files, err := fs.Glob(data.Raw, "raw/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list raw tables: %w", err)
	}
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = strings.TrimSuffix(strings.TrimPrefix(f, "raw/"), ".sql")
	}
	return out, nil
}
