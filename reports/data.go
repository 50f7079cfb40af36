package reports

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"
)

//go:embed queries/*.sql
var queries embed.FS

// Filter narrows the report to one municipality and/or one period. Periods
// attribute a support period by its referral date.
type Filter struct {
	Municipality string `json:"municipality,omitempty"`
	// Period is a year (2024), a half-year (2024H1) or a quarter (2024Q3).
	Period string `json:"period,omitempty"`
}

var periodPattern = regexp.MustCompile(`^\d{4}([HQ]\d)?$`)

// Validate rejects a period that matches no support period's format.
func (f Filter) Validate() error {
	if f.Period != "" && !periodPattern.MatchString(f.Period) {
		return fmt.Errorf("period %q: want a year (2024), a half-year (2024H1) or a quarter (2024Q3)", f.Period)
	}
	if strings.ContainsFunc(f.Municipality, func(r rune) bool { return r < ' ' }) {
		return fmt.Errorf("municipality %q contains a control character", f.Municipality)
	}
	return nil
}

// Count is a number of support periods (or rows) with the distinct clients
// behind it, keyed by a category or a month.
type Count struct {
	Key     string `json:"key"`
	Periods int64  `json:"periods"`
	Clients int64  `json:"clients"`
}

// KeyFigures are the report's headline counts and sums.
type KeyFigures struct {
	Referrals          int64    `json:"referrals"`
	Clients            int64    `json:"clients"`
	Started            int64    `json:"started"`
	StartedClients     int64    `json:"started_clients"`
	Completed          int64    `json:"completed"`
	CompletedClients   int64    `json:"completed_clients"`
	Discontinued       int64    `json:"discontinued"`
	Ongoing            int64    `json:"ongoing"`
	NotStarted         int64    `json:"not_started"`
	EndedOtherwise     int64    `json:"ended_otherwise"`
	MedianDurationDays *float64 `json:"median_duration_days"`
	DurationClients    int64    `json:"duration_clients"`
	Hours              float64  `json:"hours"`
	Meetings           int64    `json:"meetings"`
	CostEUR            float64  `json:"cost_eur"`
	FirstReferral      string   `json:"first_referral"` // ISO date, "" when there are none
	LastReferral       string   `json:"last_referral"`
}

// Mean is the mean of all available scores at one time point with its t
// interval.
type Mean struct {
	Outcome   string   `json:"outcome"`
	Timepoint string   `json:"timepoint"`
	N         int64    `json:"n"`
	Clients   int64    `json:"clients"`
	Mean      *float64 `json:"mean"`
	SD        *float64 `json:"sd"`
	CILow     *float64 `json:"ci_low"`
	CIHigh    *float64 `json:"ci_high"`
}

// Bin is one bar of a histogram: values in [Low, Low+Width).
type Bin struct {
	Low     float64 `json:"low"`
	Width   float64 `json:"width"`
	Periods int64   `json:"periods"`
	Clients int64   `json:"clients"`
}

// Shares counts pairs that improved, stayed within the threshold or
// deteriorated.
type Shares struct {
	Outcome             string `json:"outcome"`
	Contrast            string `json:"contrast"`
	Pairs               int64  `json:"pairs"`
	Clients             int64  `json:"clients"`
	Improved            int64  `json:"improved"`
	Unchanged           int64  `json:"unchanged"`
	Deteriorated        int64  `json:"deteriorated"`
	ImprovedClients     int64  `json:"improved_clients"`
	UnchangedClients    int64  `json:"unchanged_clients"`
	DeterioratedClients int64  `json:"deteriorated_clients"`
}

// Result is one row of the analysis results table (spec/results.md) with
// the distinct clients behind its pairs.
type Result struct {
	Outcome    string    `json:"outcome"`
	Contrast   string    `json:"contrast"`
	GroupBy    string    `json:"group_by"`
	Group      string    `json:"group"`
	N          int64     `json:"n"`
	Clients    int64     `json:"clients"`
	MeanPre    *float64  `json:"mean_pre"`
	MeanPost   *float64  `json:"mean_post"`
	MeanDiff   *float64  `json:"mean_diff"`
	DiffCILow  *float64  `json:"diff_ci_low"`
	DiffCIHigh *float64  `json:"diff_ci_high"`
	PT         *float64  `json:"p_t"`
	PWilcoxon  *float64  `json:"p_wilcoxon"`
	DZ         *float64  `json:"d_z"`
	DZCILow    *float64  `json:"d_z_ci_low"`
	DZCIHigh   *float64  `json:"d_z_ci_high"`
	DRM        *float64  `json:"d_rm"`
	DRMCILow   *float64  `json:"d_rm_ci_low"`
	DRMCIHigh  *float64  `json:"d_rm_ci_high"`
	GAV        *float64  `json:"g_av"`
	GAVCILow   *float64  `json:"g_av_ci_low"`
	GAVCIHigh  *float64  `json:"g_av_ci_high"`
	R          *float64  `json:"r"`
	Warnings   []Warning `json:"warnings"`
}

// Warning is a {code, message} pair as the analysis writes them.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// MixedContrast is one contrast of a mixed model.
type MixedContrast struct {
	Contrast string   `json:"contrast"`
	Estimate *float64 `json:"estimate"`
	CILow    *float64 `json:"ci_low"`
	CIHigh   *float64 `json:"ci_high"`
	P        *float64 `json:"p"`
}

// MixedModel is a mixed model fitted on all available scores of a group.
type MixedModel struct {
	Outcome   string          `json:"outcome"`
	GroupBy   string          `json:"group_by"`
	Group     string          `json:"group"`
	NPeriods  int64           `json:"n_periods"`
	NScores   int64           `json:"n_scores"`
	Converged bool            `json:"converged"`
	Contrasts []MixedContrast `json:"contrasts"`
}

// Dropout compares the T0 scores of periods with and without a later score.
type Dropout struct {
	Outcome        string   `json:"outcome"`
	LaterTimepoint string   `json:"later_timepoint"`
	NWith          int64    `json:"n_with"`
	MeanWith       *float64 `json:"mean_with"`
	NWithout       int64    `json:"n_without"`
	MeanWithout    *float64 `json:"mean_without"`
	Diff           *float64 `json:"diff"`
	DiffCILow      *float64 `json:"diff_ci_low"`
	DiffCIHigh     *float64 `json:"diff_ci_high"`
	P              *float64 `json:"p"`
}

// MonthCap is one calendar month of meetings and how many periods went over
// the monthly hour cap.
type MonthCap struct {
	Month          string `json:"month"`
	Periods        int64  `json:"periods"`
	Clients        int64  `json:"clients"`
	OverCap        int64  `json:"over_cap"`
	OverCapClients int64  `json:"over_cap_clients"`
}

// Cost is the link-worker cost of one municipality.
type Cost struct {
	Municipality   string  `json:"municipality"`
	Clients        int64   `json:"clients"`
	Periods        int64   `json:"periods"`
	Hours          float64 `json:"hours"`
	PayEUR         float64 `json:"pay_eur"`
	KmAllowanceEUR float64 `json:"km_allowance_eur"`
	TotalEUR       float64 `json:"total_eur"`
}

// Need is one category of reasons, linked services or barriers.
type Need struct {
	Dimension string `json:"dimension"`
	Category  string `json:"category"`
	Periods   int64  `json:"periods"`
	Clients   int64  `json:"clients"`
}

// SurveyStatement is one statement of the link-worker survey.
type SurveyStatement struct {
	Statement string   `json:"statement"`
	N         int64    `json:"n"`
	Mean      *float64 `json:"mean"`
	SD        *float64 `json:"sd"`
	Values    [5]int64 `json:"values"` // answers 1..5
}

// InputFile is one ingested file.
type InputFile struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	SHA256      string `json:"sha256"`
	Bytes       int64  `json:"bytes"`
	IngestedOn  string `json:"ingested_on"`
	RowsRead    int64  `json:"rows_read"`
	Loaded      int64  `json:"loaded"`
	Quarantined int64  `json:"quarantined"`
}

// Quarantined counts rejected rows of one file for one reason.
type Quarantined struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
	Rows   int64  `json:"rows"`
}

// IngestWarning counts loaded rows with one warning code.
type IngestWarning struct {
	Code    string `json:"code"`
	Rows    int64  `json:"rows"`
	Example string `json:"example"`
}

// Check is one data check of the latest build.
type Check struct {
	Name        string `json:"name"`
	Severity    string `json:"severity"`
	Passed      bool   `json:"passed"`
	FailingRows int64  `json:"failing_rows"`
	Message     string `json:"message"`
}

// Data is everything the report shows, as aggregates: no row of any table
// reaches the report, so its size does not grow with the data. Absent
// optional tables leave their fields empty and their Has* flag false.
type Data struct {
	Filter           Filter            `json:"filter"`
	Key              KeyFigures        `json:"key_figures"`
	Flow             []Count           `json:"participant_flow"` // Key: step
	ReferralsByMonth []Count           `json:"referrals_by_month"`
	ByMunicipality   []Count           `json:"referrals_by_municipality"`
	BySector         []Count           `json:"referrals_by_sector"`
	ByReason         []Count           `json:"referrals_by_reason"`
	Pathways         []Pathway         `json:"referral_pathways"`
	Means            []Mean            `json:"outcome_means"`
	ChangeBins       []Bin             `json:"change_distribution"`
	Shares           []Shares          `json:"change_shares"`
	HasResults       bool              `json:"has_results"`
	Results          []Result          `json:"results"`
	HasMixedModels   bool              `json:"has_mixed_models"`
	MixedModels      []MixedModel      `json:"mixed_models"`
	Dropouts         []Dropout         `json:"attrition"`
	HourBins         []Bin             `json:"hours_distribution"`
	MonthsOverCap    []MonthCap        `json:"months_over_cap"`
	Costs            []Cost            `json:"costs_by_municipality"`
	Needs            []Need            `json:"needs_and_barriers"`
	HasSurvey        bool              `json:"has_survey"`
	Survey           []SurveyStatement `json:"worker_survey"`
	Inputs           []InputFile       `json:"inputs"`
	Quarantine       []Quarantined     `json:"quarantine"`
	IngestWarnings   []IngestWarning   `json:"ingest_warnings"`
	Checks           []Check           `json:"checks"`
	BuiltOn          string            `json:"built_on"`
	BuildVersion     string            `json:"build_version"`
	AnalyzedOn       string            `json:"analyzed_on"`
}

// Pathway is one link of the referral Sankey.
type Pathway struct {
	SourceLevel string `json:"source_level"`
	Source      string `json:"source"`
	TargetLevel string `json:"target_level"`
	Target      string `json:"target"`
	Periods     int64  `json:"periods"`
	Clients     int64  `json:"clients"`
}

// Histogram bin widths: SWEMWBS metric change in points, hours per period.
const (
	changeBinWidth = 2.0
	hoursBinWidth  = 5.0
)

// requiredTables are written by linkki build; without them there is no
// report.
var requiredTables = []string{"support_periods", "contacts", "costs", "outcome_scores", "outcomes_wide"}

// ErrNotBuilt means the model tables are missing: linkki build has not run.
var ErrNotBuilt = errors.New("the model tables are missing")

// Load reads the report's aggregates from db for the filter, with
// confidence intervals at the given level. It runs the queries in two
// halves at once, each on its own connection with the filter, temporary
// views and macro the queries share (loader.filter): DuckDB spreads a
// single query of a few hundred milliseconds over its threads only partly,
// so two at a time keep both cores of a laptop busy. The halves write
// disjoint fields of Data.
func Load(ctx context.Context, db *sql.DB, f Filter, confidence float64) (*Data, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	has, err := modelTables(ctx, db)
	if err != nil {
		return nil, err
	}
	d := &Data{Filter: f}
	// Balanced by their CPU time at a million referrals: about 2.5 s each.
	halves := [2][]func(*loader, *Data) error{
		{(*loader).scores, (*loader).keyFigures, (*loader).flow,
			func(l *loader, d *Data) error { return l.means(confidence)(d) }, (*loader).changes,
			(*loader).results, (*loader).mixed},
		{(*loader).resources, (*loader).needs, (*loader).referrals, (*loader).pathways, (*loader).survey,
			(*loader).quality},
	}
	var errs [2]error
	var wg sync.WaitGroup
	for i, steps := range halves {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = load(ctx, db, f, has, d, steps)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return nil, err
	}
	return d, nil
}

// load runs steps in order on a connection of its own.
func load(ctx context.Context, db *sql.DB, f Filter, has map[string]bool, d *Data, steps []func(*loader, *Data) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer conn.Close()
	l := &loader{ctx: ctx, conn: conn, has: has}
	if err := l.filter(f); err != nil {
		return err
	}
	for _, step := range steps {
		if err := step(l, d); err != nil {
			return err
		}
	}
	return nil
}

// modelTables lists the tables of db and checks that the model tables the
// report needs are there.
func modelTables(ctx context.Context, db *sql.DB) (map[string]bool, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer conn.Close()
	l := &loader{ctx: ctx, conn: conn}
	if err := l.tables(); err != nil {
		return nil, err
	}
	for _, t := range requiredTables {
		if !l.has[t] {
			return nil, fmt.Errorf("report: table %s: %w", t, ErrNotBuilt)
		}
	}
	// Databases built before client_key existed need a new build.
	var keyed int
	err = conn.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_columns()
		WHERE schema_name = 'main' AND table_name IN ('support_periods', 'outcomes_wide') AND column_name = 'client_key'`).Scan(&keyed)
	if err != nil {
		return nil, fmt.Errorf("report: list columns: %w", err)
	}
	if keyed != 2 {
		return nil, fmt.Errorf("report: support_periods or outcomes_wide has no client_key column (made by an older linkki build): %w", ErrNotBuilt)
	}
	return l.has, nil
}

type loader struct {
	ctx  context.Context
	conn *sql.Conn
	has  map[string]bool // read-only once Load starts the halves
}

func (l *loader) tables() error {
	l.has = map[string]bool{}
	rows, err := l.conn.QueryContext(l.ctx, "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'")
	if err != nil {
		return fmt.Errorf("report: list tables: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return fmt.Errorf("report: list tables: %w", err)
		}
		l.has[t] = true
	}
	return rows.Err()
}

// filter prepares what every query reads (queries report_filter,
// report_clients, sp and report_outcomes): the filter as a session
// variable, the clients macro, and views of the filtered support periods
// and outcome columns with integer clients. Views, because writing
// a million-row temporary copy costs more than every query reading its few
// columns of the compressed model tables. Session variables, temporary
// views and macros belong to the connection and work on a database opened
// read-only.
func (l *loader) filter(f Filter) error {
	for _, name := range []string{"report_filter", "report_clients", "sp", "report_outcomes"} {
		q, err := queries.ReadFile("queries/" + name + ".sql")
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		var args []any
		if name == "report_filter" {
			args = []any{nullable(f.Municipality), nullable(f.Period)}
		}
		if _, err := l.conn.ExecContext(l.ctx, string(q), args...); err != nil {
			return fmt.Errorf("report: filter (%s): %w", name, err)
		}
	}
	return nil
}

// scores materialises the score aggregates (query report_scores) that flow
// and means both read, on this connection.
func (l *loader) scores(*Data) error {
	q, err := queries.ReadFile("queries/report_scores.sql")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if _, err := l.conn.ExecContext(l.ctx, string(q)); err != nil {
		return fmt.Errorf("report: report_scores: %w", err)
	}
	return nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// query runs the embedded query name and calls scan for every row.
func (l *loader) query(name string, args []any, scan func(*sql.Rows) error) error {
	q, err := queries.ReadFile("queries/" + name + ".sql")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	rows, err := l.conn.QueryContext(l.ctx, string(q), args...)
	if err != nil {
		return fmt.Errorf("report: query %s: %w", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("report: query %s: %w", name, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("report: query %s: %w", name, err)
	}
	return nil
}

// optional runs query name only when every table it reads exists.
func (l *loader) optional(tables []string, name string, args []any, scan func(*sql.Rows) error) (bool, error) {
	for _, t := range tables {
		if !l.has[t] {
			return false, nil
		}
	}
	return true, l.query(name, args, scan)
}

func (l *loader) keyFigures(d *Data) error {
	return l.query("key_figures", nil, func(r *sql.Rows) error {
		k := &d.Key
		var median sql.NullFloat64
		var first, last sql.NullTime
		err := r.Scan(&k.Referrals, &k.Clients, &k.Started, &k.StartedClients, &k.Completed, &k.CompletedClients,
			&k.Discontinued, &k.Ongoing, &k.NotStarted, &k.EndedOtherwise, &median, &k.DurationClients,
			&k.Hours, &k.Meetings, &k.CostEUR, &first, &last)
		k.MedianDurationDays = ptr(median)
		if first.Valid {
			k.FirstReferral, k.LastReferral = first.Time.Format("2006-01-02"), last.Time.Format("2006-01-02")
		}
		return err
	})
}

func scanCount(dst *[]Count) func(*sql.Rows) error {
	return func(r *sql.Rows) error {
		var c Count
		err := r.Scan(&c.Key, &c.Periods, &c.Clients)
		*dst = append(*dst, c)
		return err
	}
}

func (l *loader) flow(d *Data) error {
	return l.query("participant_flow", nil, scanCount(&d.Flow))
}

func (l *loader) referrals(d *Data) error {
	if err := l.query("referrals_by_month", nil, scanCount(&d.ReferralsByMonth)); err != nil {
		return err
	}
	for _, by := range []struct {
		attr string
		dst  *[]Count
	}{{"municipality", &d.ByMunicipality}, {"referrer_sector", &d.BySector}} {
		if err := l.query("referrals_by", []any{by.attr}, scanCount(by.dst)); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) pathways(d *Data) error {
	return l.query("referral_pathways", nil, func(r *sql.Rows) error {
		var p Pathway
		err := r.Scan(&p.SourceLevel, &p.Source, &p.TargetLevel, &p.Target, &p.Periods, &p.Clients)
		d.Pathways = append(d.Pathways, p)
		return err
	})
}

// means reads the per-time-point means and adds the t interval
// mean ± t(1−α/2, n−1)·sd/√n.
func (l *loader) means(confidence float64) func(*Data) error {
	return func(d *Data) error {
		return l.query("outcome_means", nil, func(r *sql.Rows) error {
			var m Mean
			var mean, sd sql.NullFloat64
			if err := r.Scan(&m.Outcome, &m.Timepoint, &m.N, &m.Clients, &mean, &sd); err != nil {
				return err
			}
			m.Mean, m.SD = ptr(mean), ptr(sd)
			if m.N >= 2 && sd.Valid {
				t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(m.N - 1)}.Quantile(1 - (1-confidence)/2)
				half := t * sd.Float64 / math.Sqrt(float64(m.N))
				lo, hi := mean.Float64-half, mean.Float64+half
				m.CILow, m.CIHigh = &lo, &hi
			}
			d.Means = append(d.Means, m)
			return nil
		})
	}
}

func (l *loader) changes(d *Data) error {
	err := l.query("change_distribution", []any{changeBinWidth}, scanBins(&d.ChangeBins, changeBinWidth))
	if err != nil {
		return err
	}
	return l.query("change_shares", nil, func(r *sql.Rows) error {
		var s Shares
		err := r.Scan(&s.Outcome, &s.Contrast, &s.Pairs, &s.Clients, &s.Improved, &s.Unchanged, &s.Deteriorated,
			&s.ImprovedClients, &s.UnchangedClients, &s.DeterioratedClients)
		d.Shares = append(d.Shares, s)
		return err
	})
}

func scanBins(dst *[]Bin, width float64) func(*sql.Rows) error {
	return func(r *sql.Rows) error {
		var bin int64
		b := Bin{Width: width}
		err := r.Scan(&bin, &b.Periods, &b.Clients)
		b.Low = float64(bin) * width
		*dst = append(*dst, b)
		return err
	}
}

// results reads the analysis rows and the distinct clients behind each
// group's pairs. The rows describe all support periods, so a period filter
// leaves them out; a municipality filter keeps that municipality's rows.
func (l *loader) results(d *Data) error {
	if d.Filter.Period != "" {
		return nil
	}
	clients := map[[4]string]int64{}
	ok, err := l.optional([]string{"results"}, "pair_clients", nil, func(r *sql.Rows) error {
		var k [4]string
		var n int64
		err := r.Scan(&k[0], &k[1], &k[2], &k[3], &n)
		clients[k] = n
		return err
	})
	if !ok || err != nil {
		return err
	}
	d.HasResults = true
	err = l.query("results", nil, func(r *sql.Rows) error {
		var x Result
		var v [17]sql.NullFloat64
		var warnings string
		err := r.Scan(&x.Outcome, &x.Contrast, &x.GroupBy, &x.Group, &x.N,
			&v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], &v[10], &v[11], &v[12],
			&v[13], &v[14], &v[15], &v[16], &warnings)
		if err != nil {
			return err
		}
		dst := []**float64{&x.MeanPre, &x.MeanPost, &x.MeanDiff, &x.DiffCILow, &x.DiffCIHigh, &x.PT, &x.PWilcoxon,
			&x.DZ, &x.DZCILow, &x.DZCIHigh, &x.DRM, &x.DRMCILow, &x.DRMCIHigh, &x.GAV, &x.GAVCILow, &x.GAVCIHigh, &x.R}
		for i, p := range dst {
			*p = ptr(v[i])
		}
		if err := json.Unmarshal([]byte(warnings), &x.Warnings); err != nil {
			return fmt.Errorf("warnings of %s %s %s=%s: %w", x.Outcome, x.Contrast, x.GroupBy, x.Group, err)
		}
		x.Clients = clients[[4]string{x.Outcome, x.Contrast, x.GroupBy, x.Group}]
		if d.Filter.Municipality != "" && !(x.GroupBy == "municipality" && x.Group == d.Filter.Municipality) {
			return nil
		}
		d.Results = append(d.Results, x)
		return nil
	})
	if err != nil {
		return err
	}
	_, err = l.optional([]string{"attrition"}, "attrition", nil, func(r *sql.Rows) error {
		if d.Filter.Municipality != "" {
			return nil // the dropout comparison is made for the whole data only
		}
		var x Dropout
		var v [7]sql.NullFloat64
		err := r.Scan(&x.Outcome, &x.LaterTimepoint, &x.NWith, &v[0], &x.NWithout, &v[1], &v[2], &v[3], &v[4], &v[5])
		x.MeanWith, x.MeanWithout, x.Diff, x.DiffCILow, x.DiffCIHigh, x.P = ptr(v[0]), ptr(v[1]), ptr(v[2]), ptr(v[3]), ptr(v[4]), ptr(v[5])
		d.Dropouts = append(d.Dropouts, x)
		return err
	})
	return err
}

func (l *loader) mixed(d *Data) error {
	if d.Filter.Period != "" {
		return nil
	}
	ok, err := l.optional([]string{"mixed_models"}, "mixed_models", nil, func(r *sql.Rows) error {
		var m MixedModel
		var contrasts sql.NullString
		if err := r.Scan(&m.Outcome, &m.GroupBy, &m.Group, &m.NPeriods, &m.NScores, &m.Converged, &contrasts); err != nil {
			return err
		}
		want := d.Filter.Municipality
		if (want == "" && m.GroupBy != "all") || (want != "" && !(m.GroupBy == "municipality" && m.Group == want)) {
			return nil
		}
		if contrasts.Valid {
			if err := json.Unmarshal([]byte(contrasts.String), &m.Contrasts); err != nil {
				return fmt.Errorf("contrasts of %s %s=%s: %w", m.Outcome, m.GroupBy, m.Group, err)
			}
		}
		d.MixedModels = append(d.MixedModels, m)
		return nil
	})
	d.HasMixedModels = ok
	return err
}

func (l *loader) resources(d *Data) error {
	if err := l.query("hours_distribution", []any{hoursBinWidth}, scanBins(&d.HourBins, hoursBinWidth)); err != nil {
		return err
	}
	_, err := l.optional([]string{"contacts_monthly"}, "months_over_cap", nil, func(r *sql.Rows) error {
		var m MonthCap
		err := r.Scan(&m.Month, &m.Periods, &m.Clients, &m.OverCap, &m.OverCapClients)
		d.MonthsOverCap = append(d.MonthsOverCap, m)
		return err
	})
	if err != nil {
		return err
	}
	return l.query("costs_by_municipality", nil, func(r *sql.Rows) error {
		var c Cost
		err := r.Scan(&c.Municipality, &c.Clients, &c.Periods, &c.Hours, &c.PayEUR, &c.KmAllowanceEUR, &c.TotalEUR)
		d.Costs = append(d.Costs, c)
		return err
	})
}

// needs reads the needs and barriers, and takes the referrals by reason
// from their reason rows: the same counts, in the same order (periods
// descending, then reason), so the reasons are unnested once.
func (l *loader) needs(d *Data) error {
	return l.query("needs_and_barriers", nil, func(r *sql.Rows) error {
		var n Need
		err := r.Scan(&n.Dimension, &n.Category, &n.Periods, &n.Clients)
		d.Needs = append(d.Needs, n)
		if n.Dimension == "reason" {
			d.ByReason = append(d.ByReason, Count{Key: n.Category, Periods: n.Periods, Clients: n.Clients})
		}
		return err
	})
}

func (l *loader) survey(d *Data) error {
	ok, err := l.optional([]string{"worker_survey_summary"}, "worker_survey_summary", nil, func(r *sql.Rows) error {
		var s SurveyStatement
		var mean, sd sql.NullFloat64
		err := r.Scan(&s.Statement, &s.N, &mean, &sd, &s.Values[0], &s.Values[1], &s.Values[2], &s.Values[3], &s.Values[4])
		s.Mean, s.SD = ptr(mean), ptr(sd)
		d.Survey = append(d.Survey, s)
		return err
	})
	d.HasSurvey = ok
	return err
}

func (l *loader) quality(d *Data) error {
	steps := []struct {
		table string
		scan  func(*sql.Rows) error
	}{
		{"ingest_files", func(r *sql.Rows) error {
			var f InputFile
			err := r.Scan(&f.Name, &f.Kind, &f.SHA256, &f.Bytes, &f.IngestedOn, &f.RowsRead, &f.Loaded, &f.Quarantined)
			d.Inputs = append(d.Inputs, f)
			return err
		}},
		{"quarantine", func(r *sql.Rows) error {
			var q Quarantined
			err := r.Scan(&q.File, &q.Reason, &q.Rows)
			d.Quarantine = append(d.Quarantine, q)
			return err
		}},
		{"ingest_warnings", func(r *sql.Rows) error {
			var w IngestWarning
			err := r.Scan(&w.Code, &w.Rows, &w.Example)
			d.IngestWarnings = append(d.IngestWarnings, w)
			return err
		}},
		{"check_results", func(r *sql.Rows) error {
			var c Check
			err := r.Scan(&c.Name, &c.Severity, &c.Passed, &c.FailingRows, &c.Message)
			d.Checks = append(d.Checks, c)
			return err
		}},
		{"build_runs", func(r *sql.Rows) error { return r.Scan(&d.BuiltOn, &d.BuildVersion) }},
		{"analysis_runs", func(r *sql.Rows) error { return r.Scan(&d.AnalyzedOn) }},
	}
	for _, s := range steps {
		if _, err := l.optional([]string{s.table}, s.table, nil, s.scan); err != nil {
			return err
		}
	}
	return nil
}

func ptr(v sql.NullFloat64) *float64 {
	if !v.Valid || math.IsNaN(v.Float64) || math.IsInf(v.Float64, 0) {
		return nil
	}
	x := v.Float64
	return &x
}
