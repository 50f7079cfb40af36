// Package research writes the pseudonymised person-level extract for
// university evaluators: support periods, questionnaire and outcome scores
// in long form, and outcomes in wide form, each as a Parquet file (and CSV
// on request) with a codebook and a run manifest.
//
// Only support periods whose referral has research consent (research_consent
// true; false and unknown are left out) and the scores of those periods are
// written. People appear under their keyed pseudonym (client_pseudonym); the
// pseudonym key and everything in project_meta stay in the database. Files
// are written by DuckDB's COPY in a fixed row order (ORDER BY ALL), so
// reruns give byte-identical files.
package research

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/linkki-fi/linkki/internal/project"
)

// Options say where to write.
type Options struct {
	// Dir is the extract's directory; it is replaced as a whole, and must
	// be empty, absent or an earlier research extract. It is created
	// readable by its owner only, as it holds person-level data.
	Dir string
	// CSV also writes every dataset as CSV (comma-separated, ISO dates,
	// decimal point, lists as [a, b]).
	CSV bool
}

// Dataset is one file of the extract.
type Dataset struct {
	Name        string // file name without extension, also the source table
	Description string
	query       string
}

// consented selects the referrals that may leave.
const consented = `(SELECT referral_id FROM support_periods WHERE research_consent IS TRUE)`

// Datasets are the extract's files, in codebook order. client_key is left
// out: it numbers the clients of one build and changes when clients are
// added, so the extract identifies people by client_pseudonym only. Rows
// are sorted by all columns from the left; each ORDER BY names the leftmost
// columns that are already unique, which gives the same order for a fraction
// of the cost of sorting on every column (76 in outcomes_wide).
var Datasets = []Dataset{
	{Name: "support_periods", Description: "One row per support period (referral) with research consent: attributes, dates, status flags.",
		query: `SELECT * EXCLUDE (client_key) FROM support_periods WHERE referral_id IN ` + consented + ` ORDER BY referral_id`},
	{Name: "questionnaire_scores", Description: "Long form: one row per questionnaire (SWEMWBS and ESIS) of those support periods, duplicates included, with its scores and whether the analysis selected it.",
		query: `SELECT * FROM questionnaire_scores WHERE referral_id IN ` + consented +
			` ORDER BY referral_id, instrument, timepoint, timepoint_inferred, response_date, file_hash, file_seq, line`},
	{Name: "outcome_scores", Description: "Long form: the selected score of each outcome and time point of the started support periods among them.",
		query: `SELECT * FROM outcome_scores WHERE referral_id IN ` + consented + ` ORDER BY referral_id, outcome, timepoint`},
	{Name: "outcomes_wide", Description: "Wide form: one row per started support period among them, scores at T0, T1, T2, changes and change flags.",
		query: `SELECT * EXCLUDE (client_key) FROM outcomes_wide WHERE referral_id IN ` + consented + ` ORDER BY referral_id`},
}

// CodebookFile is the codebook's name inside the extract.
const CodebookFile = "codebook.md"

// Export writes the extract into a temporary directory beside opts.Dir and
// swaps it into place, so a failure leaves any earlier extract untouched.
// The manifest (manifest.json inside the directory) is returned.
func Export(ctx context.Context, db *sql.DB, s project.Settings, opts Options) (project.Manifest, error) {
	if err := checkReplaceable(opts.Dir); err != nil {
		return project.Manifest{}, err
	}
	cmd := "export research --out " + filepath.Base(opts.Dir)
	if opts.CSV {
		cmd += " --csv"
	}
	tables := make([]string, len(Datasets))
	for i, d := range Datasets {
		tables[i] = d.Name
	}
	manifest, err := project.NewManifest(ctx, db, s, cmd, tables)
	if err != nil {
		return project.Manifest{}, err
	}
	parent := filepath.Dir(filepath.Clean(opts.Dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return project.Manifest{}, fmt.Errorf("research export: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, ".linkki-research-*")
	if err != nil {
		return project.Manifest{}, fmt.Errorf("research export: %w", err)
	}
	defer os.RemoveAll(tmp) // gone after a successful swap; cleans up a failure
	var outputs []string
	var described []describedDataset
	for _, d := range Datasets {
		cols, err := describe(ctx, db, d)
		if err != nil {
			return project.Manifest{}, err
		}
		formats := []string{"parquet"}
		if opts.CSV {
			formats = append(formats, "csv")
		}
		var rows int64
		for _, format := range formats {
			path := filepath.Join(tmp, d.Name+"."+format)
			if rows, err = copyTo(ctx, db, d.query, path, format); err != nil {
				return project.Manifest{}, fmt.Errorf("research export: %s: %w", d.Name, err)
			}
			outputs = append(outputs, path)
		}
		described = append(described, describedDataset{Dataset: d, Columns: cols, Rows: rows})
		manifest.RowCounts["extract."+d.Name] = rows
	}
	codebook := filepath.Join(tmp, CodebookFile)
	if err := os.WriteFile(codebook, []byte(renderCodebook(described, opts.CSV)), 0o644); err != nil {
		return project.Manifest{}, fmt.Errorf("research export: %w", err)
	}
	outputs = append(outputs, codebook)
	if err := project.FinishManifest(&manifest, filepath.Join(tmp, "manifest.json"), outputs...); err != nil {
		return project.Manifest{}, err
	}
	if err := swapDir(tmp, opts.Dir); err != nil {
		return project.Manifest{}, fmt.Errorf("research export: %w", err)
	}
	return manifest, nil
}

// copyTo writes a query's rows with DuckDB. COPY takes no bound path, so
// the path is a quoted literal.
func copyTo(ctx context.Context, db *sql.DB, query, path, format string) (rows int64, err error) {
	options := "FORMAT parquet, COMPRESSION zstd"
	if format == "csv" {
		options = "FORMAT csv, HEADER true"
	}
	lit := "'" + strings.ReplaceAll(path, "'", "''") + "'"
	res, err := db.ExecContext(ctx, "COPY ("+query+") TO "+lit+" ("+options+")")
	if err != nil {
		return 0, err
	}
	return res.RowsAffected() // COPY reports the rows it wrote; no second count query
}

// describe returns the columns (name and DuckDB type) of a dataset.
func describe(ctx context.Context, db *sql.DB, d Dataset) ([]column, error) {
	rows, err := db.QueryContext(ctx, "SELECT column_name, column_type FROM (DESCRIBE "+d.query+")")
	if err != nil {
		return nil, fmt.Errorf("research export: %s: %w", d.Name, err)
	}
	defer rows.Close()
	var cols []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.Name, &c.Type); err != nil {
			return nil, fmt.Errorf("research export: describe %s: %w", d.Name, err)
		}
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("research export: describe %s: %w", d.Name, err)
	}
	return cols, nil
}

// checkReplaceable refuses to replace a directory that holds anything but
// an earlier extract, so a mistyped --out never deletes someone's files.
func checkReplaceable(dir string) error {
	if dir == "" {
		return fmt.Errorf("research export: no output directory")
	}
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("research export: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, CodebookFile)); err == nil {
		return nil
	}
	return fmt.Errorf("research export: %s is not empty and holds no earlier research extract; choose another directory", dir)
}

// swapDir puts the finished directory tmp at dir, moving an earlier extract
// aside first and deleting it only once the new one is in place.
func swapDir(tmp, dir string) error {
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
