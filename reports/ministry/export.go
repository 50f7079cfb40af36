// Package ministry writes the aggregate indicator table for state grant
// reporting: one row per municipality and period plus a total row, with
// referrals, clients, referrals by referrer sector and by reason, support
// periods started/completed/discontinued, link-worker hours and costs, and
// the mean change T1 − T0 of SWEMWBS (metric) and ESIS with n and
// confidence interval.
//
// It reads the model tables support_periods, support_period_reasons, costs
// and outcomes_wide (data/dictionary.md), protects every period's table with
// package disclosure (primary and secondary suppression, counted in distinct
// clients) and writes either an XLSX workbook (sheets indicators,
// data_dictionary, suppressed, about) or a CSV for Finnish Excel (";",
// decimal comma, UTF-8 with BOM) with the dictionary and the suppression
// list as sibling CSV files, plus a run manifest <name>.manifest.json.
// Reruns on the same database and settings give byte-identical files; only
// the manifest's created_at differs.
package ministry

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/linkki-fi/linkki/internal/project"
	"github.com/linkki-fi/linkki/reports/disclosure"
)

//go:embed sql/ministry_indicators.sql
var indicatorsSQL string

// Options say where to write and which period to report.
type Options struct {
	// Out is the output file; its extension (.xlsx or .csv) picks the format.
	Out string
	// Period is "" for every calendar year in the data, or one year
	// ("2022"), half-year ("2022H1") or quarter ("2022Q3").
	Period string
}

// Granularity is how a period string divides the year.
type Granularity string

const (
	Year    Granularity = "year"
	Half    Granularity = "half"
	Quarter Granularity = "quarter"
)

var periodPattern = regexp.MustCompile(`^(\d{4})(?:(H[12])|(Q[1-4]))?$`)

// ParsePeriod checks a --period value and returns its granularity; "" means
// every year.
func ParsePeriod(p string) (Granularity, error) {
	if p == "" {
		return Year, nil
	}
	m := periodPattern.FindStringSubmatch(p)
	switch {
	case m == nil:
		return "", fmt.Errorf("period %q: want a year (2022), half-year (2022H1) or quarter (2022Q3)", p)
	case m[2] != "":
		return Half, nil
	case m[3] != "":
		return Quarter, nil
	}
	return Year, nil
}

// Format returns the output format from the file name: "xlsx" or "csv".
func Format(out string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(out)); ext {
	case ".xlsx", ".csv":
		return ext[1:], nil
	}
	return "", fmt.Errorf("output %q: the name must end in .xlsx or .csv", out)
}

// Tables are the model tables the export reads.
var Tables = []string{"support_periods", "support_period_reasons", "costs", "outcomes_wide"}

// Indicators is the protected table of one period: rows of municipalities
// and the total row, cells as in Columns.
type Indicators struct {
	Period       string
	Table        *disclosure.Table
	Suppressions []disclosure.Suppression
}

// Export builds, protects and writes the indicator table, then the run
// manifest beside it, and returns the manifest.
func Export(ctx context.Context, db *sql.DB, s project.Settings, opts Options) (project.Manifest, error) {
	format, err := Format(opts.Out)
	if err != nil {
		return project.Manifest{}, err
	}
	manifest, err := project.NewManifest(ctx, db, s, exportCommand(opts), Tables)
	if err != nil {
		return project.Manifest{}, err
	}
	periods, err := Build(ctx, db, s, opts.Period)
	if err != nil {
		return project.Manifest{}, err
	}
	files, err := render(format, opts.Out, periods, s)
	if err != nil {
		return project.Manifest{}, err
	}
	if err := os.MkdirAll(filepath.Dir(opts.Out), 0o755); err != nil {
		return project.Manifest{}, fmt.Errorf("ministry export: %w", err)
	}
	var written []string
	for _, f := range files {
		if err := project.WriteFileAtomic(f.path, f.data); err != nil {
			return project.Manifest{}, fmt.Errorf("ministry export: write %s: %w", f.path, err)
		}
		written = append(written, f.path)
	}
	rows, hidden := 0, 0
	for _, p := range periods {
		rows += len(p.Table.Rows)
		hidden += len(p.Suppressions)
	}
	manifest.RowCounts["ministry_indicators"] = int64(rows)
	manifest.RowCounts["ministry_suppressed"] = int64(hidden)
	if err := project.FinishManifest(&manifest, ManifestPath(opts.Out), written...); err != nil {
		return project.Manifest{}, err
	}
	return manifest, nil
}

func exportCommand(opts Options) string {
	cmd := "export ministry --out " + filepath.Base(opts.Out)
	if opts.Period != "" {
		cmd += " --period " + opts.Period
	}
	return cmd
}

// ManifestPath is where the manifest of an export to out goes:
// ministry.xlsx → ministry.manifest.json.
func ManifestPath(out string) string {
	return strings.TrimSuffix(out, filepath.Ext(out)) + ".manifest.json"
}

// aggregate is one long-form row of ministry_indicators.sql.
type aggregate struct {
	value   float64
	clients int
	n       int
	sd      sql.NullFloat64
}

// Build queries the indicators and protects each period's table. A period
// asked for but without referrals gives a table with only the total row.
func Build(ctx context.Context, db *sql.DB, s project.Settings, period string) ([]Indicators, error) {
	gran, err := ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, indicatorsSQL, string(gran), period)
	if err != nil {
		return nil, fmt.Errorf("ministry export: query indicators: %w", err)
	}
	defer rows.Close()
	data := map[string]map[string]map[string]aggregate{} // period → municipality ("" = total) → measure
	for rows.Next() {
		var (
			p, measure string
			muni       sql.NullString
			value      sql.NullFloat64
			clients    int
			n          sql.NullInt64
			a          aggregate
		)
		if err := rows.Scan(&p, &muni, &measure, &value, &clients, &n, &a.sd); err != nil {
			return nil, fmt.Errorf("ministry export: read indicators: %w", err)
		}
		a.value, a.clients, a.n = value.Float64, clients, int(n.Int64)
		if data[p] == nil {
			data[p] = map[string]map[string]aggregate{}
		}
		if data[p][muni.String] == nil {
			data[p][muni.String] = map[string]aggregate{}
		}
		data[p][muni.String][measure] = a
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ministry export: read indicators: %w", err)
	}
	if period != "" && data[period] == nil {
		data[period] = map[string]map[string]aggregate{"": {}}
	}
	var periods []string
	for p := range data {
		periods = append(periods, p)
	}
	sort.Strings(periods)
	rules := disclosure.RulesFrom(s.Suppression)
	out := make([]Indicators, 0, len(periods))
	for _, p := range periods {
		t := buildTable(data[p], s.Outcomes.ConfidenceLevel)
		supp, err := disclosure.Protect(t, rules)
		if err != nil {
			return nil, fmt.Errorf("ministry export: period %s: %w", p, err)
		}
		out = append(out, Indicators{Period: p, Table: t, Suppressions: supp})
	}
	return out, nil
}

// buildTable lays out one period: municipalities in Finnish alphabetical
// order (å, ä, ö after z), then the total row; cells with their kinds, and
// the relations a reader of the table knows.
func buildTable(byMuni map[string]map[string]aggregate, level float64) *disclosure.Table {
	var munis []string
	for m := range byMuni {
		if m != "" {
			munis = append(munis, m)
		}
	}
	collate.New(language.Finnish).SortStrings(munis)
	cols := Columns()
	names := make([]string, len(cols))
	for j, c := range cols {
		names[j] = c.Name
	}
	total := len(munis)
	t := disclosure.NewTable(append(munis[:total:total], TotalRow), names)
	for i := range t.Rows {
		key := "" // the total row's aggregates have no municipality
		if i < total {
			key = munis[i]
		}
		for j, c := range cols {
			t.Cells[i][j] = cell(c, byMuni[key][c.measure], level)
		}
	}
	colIndex := func(name string) int {
		for j, c := range cols {
			if c.Name == name {
				return j
			}
		}
		panic("ministry: no column " + name) // the schema is fixed at compile time
	}
	var additive []int
	for j, c := range cols {
		if c.Kind != disclosure.Mean && c.Name != "clients" {
			additive = append(additive, j)
		}
	}
	t.SumRows(total, 0, total, additive...)
	clients := colIndex("clients")
	rel := disclosure.Relation{Total: disclosure.Ref{Row: total, Col: clients}, Subadditive: true}
	for i := range munis {
		rel.Parts = append(rel.Parts, disclosure.Ref{Row: i, Col: clients})
	}
	t.Relations = append(t.Relations, rel)
	first, last := colIndex("referrals_sector_"+Sectors[0]), colIndex("referrals_sector_"+Sectors[len(Sectors)-1])
	allRows := make([]int, total+1)
	for i := range allRows {
		allRows[i] = i
	}
	t.SumCols(colIndex("referrals"), first, last, allRows...)
	for _, o := range []string{"swemwbs", "esis"} {
		pairs, mean := colIndex(o+"_pairs"), colIndex(o+"_mean_change")
		// Σ pairs·mean over municipalities = all pairs · total mean.
		w := disclosure.Relation{Total: disclosure.Ref{Row: total, Col: mean}, TotalWeight: t.Cells[total][pairs].Value}
		for i := range munis {
			w.Parts = append(w.Parts, disclosure.Ref{Row: i, Col: mean})
			w.Weights = append(w.Weights, t.Cells[i][pairs].Value)
		}
		if w.TotalWeight > 0 {
			t.Relations = append(t.Relations, w)
		}
		for i := range allRows {
			t.Links = append(t.Links, []disclosure.Ref{{Row: i, Col: mean}, {Row: i, Col: colIndex(o + "_ci_low")}, {Row: i, Col: colIndex(o + "_ci_high")}})
		}
	}
	return t
}

// cell turns a long-form aggregate into the column's cell. The interval is
// mean ± t(df = n − 1) · sd / √n.
func cell(c Column, a aggregate, level float64) disclosure.Cell {
	out := disclosure.Cell{Kind: c.Kind, Value: a.value, Clients: a.clients}
	switch c.stat {
	case statPairs:
		out.Value = float64(a.n)
	case statMean:
		out.Missing = a.n == 0
	case statCILow, statCIHigh:
		if a.n < 2 || !a.sd.Valid {
			out.Missing = true
			break
		}
		q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(a.n - 1)}.Quantile((1 + level) / 2)
		half := q * a.sd.Float64 / math.Sqrt(float64(a.n))
		if c.stat == statCILow {
			half = -half
		}
		out.Value = a.value + half
	}
	return out
}
