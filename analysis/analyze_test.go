package analysis

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkki-fi/linkki/data"
	"github.com/linkki-fi/linkki/internal/project"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixtureDB is an in-memory database holding the fixture outcomes_wide and
// an ingest_files registry with two files.
func fixtureDB(t testing.TB) *sql.DB {
	t.Helper()
	ctx := context.Background()
	db, err := project.Open(ctx, ":memory:", project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	fixture, err := os.ReadFile(filepath.Join("testdata", "outcomes_wide_fixture.sql"))
	if err != nil {
		t.Fatal(err)
	}
	ddl, err := fs.ReadFile(data.Raw, "raw/ingest_files.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{string(fixture), string(ddl), `INSERT INTO ingest_files (file_hash, file_seq, file_name, file_path, kind, size_bytes,
		encoding, delimiter, sheet, ingested_at, rows_read, inserted, updated, unchanged, quarantined) VALUES
		('aa11', 1, 'referrals.csv', 'in/referrals.csv', 'referrals', 1200, 'utf-8', ';', NULL, TIMESTAMPTZ '2025-01-02 10:00:00+00', 61, 61, 0, 0, 0),
		('bb22', 2, 'swemwbs.xlsx', 'in/swemwbs.xlsx', 'swemwbs', 9000, 'xlsx', NULL, 'Sheet1', TIMESTAMPTZ '2025-01-02 10:01:00+00', 120, 120, 0, 0, 0)`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	return db
}

var fixedTime = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)

func TestAnalyzeRowsForEveryGroup(t *testing.T) {
	db := fixtureDB(t)
	out, err := compute(context.Background(), db, project.Default(), fixedTime)
	if err != nil {
		t.Fatal(err)
	}
	// Group values present among the 61 started periods, missing included.
	groups := map[string][]string{
		"all":             {"all"},
		"municipality":    {"Enontekiö", "Inari", "Kaskinen", "Utsjoki", "Äänekoski", Missing},
		"referrer_sector": {"mental_health", "parish", "social_services", Missing},
		"reason":          {"loneliness", "mood", Missing},
		"gender":          {"female", "male", "other", Missing},
		"age_band":        {"<30", "30-49", "50-64", "65-74", "75+", Missing},
	}
	want := 0
	for _, g := range groups {
		want += len(g)
	}
	want *= len(Outcomes) * len(Contrasts)
	if len(out.Results) != want {
		t.Fatalf("%d rows, want %d", len(out.Results), want)
	}
	i := 0
	for _, o := range Outcomes {
		for _, c := range Contrasts {
			for _, by := range GroupBys {
				for _, g := range groups[by] {
					r := out.Results[i]
					if r.Outcome != o || r.Contrast != c.Name || r.GroupBy != by || r.Group != g {
						t.Fatalf("row %d is %s %s %s %s, want %s %s %s %s", i, r.Outcome, r.Contrast, r.GroupBy, r.Group, o, c.Name, by, g)
					}
					i++
				}
			}
		}
	}
	kaskinen := find(t, out, "swemwbs_metric", "T1-T0", "municipality", "Kaskinen")
	if kaskinen.N != 0 || kaskinen.MeanPre != nil || !changeHasWarning(kaskinen.Change, WarnTooFewPairs) || !changeHasWarning(kaskinen.Change, WarnLowFollowUp) {
		t.Errorf("Kaskinen (one period, no T1): %+v", kaskinen.Change)
	}
	if esis := find(t, out, "esis", "T2-T0", "all", "all"); esis.N != 0 || !changeHasWarning(esis.Change, WarnLowFollowUp) {
		t.Errorf("ESIS has no T2 scores: n = %d, warnings %v", esis.N, esis.Warnings)
	}
	if all := find(t, out, "swemwbs_metric", "T1-T0", "all", "all"); changeHasWarning(all.Change, WarnLowFollowUp) {
		t.Errorf("45 of 61 periods have T1, yet low_followup: %v", all.Warnings)
	}
}

// The rows must equal AnalyzePairs on pairs selected independently in SQL,
// with a referral that has two reasons counted under each.
func TestAnalyzeMatchesDirectPairs(t *testing.T) {
	db := fixtureDB(t)
	s := project.Default()
	out, err := compute(context.Background(), db, s, fixedTime)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ outcome, contrast, by, group, where string }{
		{"swemwbs_metric", "T1-T0", "all", "all", "true"},
		{"swemwbs_raw", "T2-T0", "reason", "mood", "list_contains(reasons, 'mood')"},
		{"swemwbs_metric", "T2-T1", "reason", Missing, "coalesce(len(reasons), 0) = 0"},
		{"esis", "T1-T0", "municipality", "Äänekoski", "municipality = 'Äänekoski'"},
		{"esis", "T1-T0", "gender", Missing, "gender IS NULL"},
	}
	for _, tt := range tests {
		c := Contrasts[indexContrast(tt.contrast)]
		cols := [3]string{"t0", "t1", "t2"}
		q := "SELECT " + tt.outcome + "_" + cols[c.Earlier] + ", " + tt.outcome + "_" + cols[c.Later] +
			" FROM outcomes_wide WHERE " + tt.where + " AND " + tt.outcome + "_" + cols[c.Earlier] + " IS NOT NULL AND " +
			tt.outcome + "_" + cols[c.Later] + " IS NOT NULL"
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		var pre, post []float64
		for rows.Next() {
			var a, b float64
			if err := rows.Scan(&a, &b); err != nil {
				t.Fatal(err)
			}
			pre, post = append(pre, a), append(post, b)
		}
		rows.Close()
		want, err := AnalyzePairs(pre, post, pairedOptions(s, tt.outcome))
		if err != nil {
			t.Fatal(err)
		}
		got := find(t, out, tt.outcome, tt.contrast, tt.by, tt.group)
		if got.N != want.N || got.N < 2 {
			t.Errorf("%v: n = %d, direct %d", tt, got.N, want.N)
			continue
		}
		gf, wf := changeFields(t, got.Change), changeFields(t, want)
		for k, w := range wf {
			g := gf[k]
			if k == "p_holm" || (w == nil) != (g == nil) || (w != nil && math.Abs(*g-*w) > 1e-12*math.Max(1, math.Abs(*w))) {
				if k != "p_holm" {
					t.Errorf("%v: %s = %v, direct %v", tt, k, deref(g), deref(w))
				}
			}
		}
	}
}

func TestAnalyzeHolmWithinFamilies(t *testing.T) {
	out, err := compute(context.Background(), fixtureDB(t), project.Default(), fixedTime)
	if err != nil {
		t.Fatal(err)
	}
	family := map[string][]int{}
	for i, r := range out.Results {
		k := r.Outcome + "|" + r.Contrast + "|" + r.GroupBy
		family[k] = append(family[k], i)
	}
	for k, idx := range family {
		p := make([]float64, len(idx))
		for j, i := range idx {
			p[j] = math.NaN()
			if out.Results[i].PT != nil {
				p[j] = *out.Results[i].PT
			}
		}
		for j, adj := range AdjustHolm(p) {
			got := out.Results[idx[j]].PHolm
			if math.IsNaN(adj) != (got == nil) || (got != nil && *got != adj) {
				t.Errorf("%s row %d: p_holm %v, want %v", k, j, deref(got), adj)
			}
		}
	}
}

// Analyze writes the tables of the data dictionary; a second run replaces
// the rows and appends to analysis_runs.
func TestAnalyzeStoresTables(t *testing.T) {
	db := fixtureDB(t)
	ctx := context.Background()
	var out *Output
	for run := 0; run < 2; run++ {
		var err error
		if out, err = Analyze(ctx, db, project.Default()); err != nil {
			t.Fatal(err)
		}
	}
	count := func(q string) int {
		var n int
		if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("SELECT count(*) FROM results"); n != len(out.Results) {
		t.Errorf("results has %d rows, want %d", n, len(out.Results))
	}
	if n := count("SELECT count(*) FROM analysis_runs"); n != 2 {
		t.Errorf("analysis_runs has %d rows after two runs", n)
	}
	if n := count("SELECT count(*) FROM mixed_models"); n != len(out.MixedModels) || n == 0 {
		t.Errorf("mixed_models has %d rows, want %d", n, len(out.MixedModels))
	}
	if n := count("SELECT count(*) FROM attrition"); n != len(out.Attrition) || n != 4 {
		t.Errorf("attrition has %d rows, want %d (= 4)", n, len(out.Attrition))
	}
	// Columns are the contract's field names, in order.
	for table, row := range map[string]any{"results": out.Results[0], "mixed_models": out.MixedModels[0], "attrition": out.Attrition[0]} {
		rows, err := db.QueryContext(ctx, "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", table)
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for rows.Next() {
			var c string
			rows.Scan(&c)
			cols = append(cols, c)
		}
		rows.Close()
		want := jsonKeys(t, row)
		if strings.Join(cols, ",") != strings.Join(want, ",") {
			t.Errorf("%s columns\n %v\nwant (JSON fields)\n %v", table, cols, want)
		}
	}
	// NULL where undefined, warnings as a JSON list, numbers as computed.
	var n int
	var meanPre sql.NullFloat64
	var warnings string
	if err := db.QueryRowContext(ctx, `SELECT n, mean_pre, warnings FROM results
		WHERE outcome = 'swemwbs_metric' AND contrast = 'T1-T0' AND group_by = 'municipality' AND "group" = 'Kaskinen'`).Scan(&n, &meanPre, &warnings); err != nil {
		t.Fatal(err)
	}
	var ws []Warning
	if err := json.Unmarshal([]byte(warnings), &ws); err != nil || n != 0 || meanPre.Valid || len(ws) == 0 {
		t.Errorf("Kaskinen row: n %d, mean_pre %v, warnings %q (%v)", n, meanPre, warnings, err)
	}
	all := find(t, out, "swemwbs_metric", "T1-T0", "all", "all")
	var dRM float64
	if err := db.QueryRowContext(ctx, `SELECT d_rm FROM results WHERE outcome = 'swemwbs_metric' AND contrast = 'T1-T0' AND group_by = 'all'`).Scan(&dRM); err != nil || dRM != *all.DRM {
		t.Errorf("stored d_rm %v, computed %v (%v)", dRM, *all.DRM, err)
	}
	var manifest string
	if err := db.QueryRowContext(ctx, "SELECT manifest_json FROM analysis_runs LIMIT 1").Scan(&manifest); err != nil || !strings.Contains(manifest, `"sha256":"aa11"`) {
		t.Errorf("manifest %s (%v) lacks the input hashes", manifest, err)
	}
}

func TestWriteJSON(t *testing.T) {
	out, err := compute(context.Background(), fixtureDB(t), project.Default(), fixedTime)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "results.json")
	if err := out.WriteJSON(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"manifest", "results", "mixed_models", "attrition"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("no %q in the JSON", k)
		}
	}
	var m map[string]any
	json.Unmarshal(doc["manifest"], &m)
	for _, k := range []string{"linkki_version", "created_at", "settings", "inputs", "methods"} {
		if _, ok := m[k]; !ok {
			t.Errorf("manifest lacks %q", k)
		}
	}
	var rows []map[string]any
	json.Unmarshal(doc["results"], &rows)
	contract := strings.Fields(`outcome contrast group_by group n mean_pre sd_pre mean_post sd_post mean_diff sd_diff
		diff_ci_low diff_ci_high t df p_t wilcoxon_v p_wilcoxon d_z d_z_ci_low d_z_ci_high d_rm d_rm_ci_low d_rm_ci_high
		g_av g_av_ci_low g_av_ci_high r improved unchanged deteriorated reliably_improved reliably_deteriorated p_holm warnings`)
	for _, k := range contract {
		if _, ok := rows[0][k]; !ok {
			t.Errorf("result rows lack %q", k)
		}
	}
	if len(rows[0]) != len(contract) {
		t.Errorf("result rows have %d fields, the contract %d", len(rows[0]), len(contract))
	}
}

func TestWriteSummaryGolden(t *testing.T) {
	out, err := compute(context.Background(), fixtureDB(t), project.Default(), fixedTime)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := out.WriteSummary(&b); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "summary.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("summary differs from %s (run with -update to accept):\n%s", golden, b.String())
	}
}

func find(t *testing.T, out *Output, outcome, contrast, by, group string) Result {
	t.Helper()
	for _, r := range out.Results {
		if r.Outcome == outcome && r.Contrast == contrast && r.GroupBy == by && r.Group == group {
			return r
		}
	}
	t.Fatalf("no row %s %s %s %s", outcome, contrast, by, group)
	return Result{}
}

func changeHasWarning(c Change, code string) bool {
	for _, w := range c.Warnings {
		if w.Code == code {
			return true
		}
	}
	return false
}

func indexContrast(name string) int {
	for i, c := range Contrasts {
		if c.Name == name {
			return i
		}
	}
	return -1
}

func deref(x *float64) any {
	if x == nil {
		return nil
	}
	return *x
}

// jsonKeys lists a struct's JSON field names in order.
func jsonKeys(t *testing.T, v any) []string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.Token() // {
	var keys []string
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var skip json.RawMessage
		dec.Decode(&skip)
	}
	return keys
}

// The dropout rows built from the wide table must equal those that
// DropoutComparisons builds from long-form scores.
func TestDropoutRowsMatchLongForm(t *testing.T) {
	p, err := readPeriods(context.Background(), fixtureDB(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range mixedOutcomes {
		var obs []ScoreObservation
		for i := 0; i < p.len(); i++ {
			for tp := TimepointT0; tp <= TimepointT2; tp++ {
				if v := p.scores[o][tp][i]; !math.IsNaN(v) {
					obs = append(obs, ScoreObservation{Period: p.referralID[i], Timepoint: tp, Score: v})
				}
			}
		}
		want, err := DropoutComparisons(o, obs, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		got, err := dropoutRows(p, o, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		gb, _ := json.Marshal(got)
		wb, _ := json.Marshal(want)
		if string(gb) != string(wb) {
			t.Errorf("%s:\n got %s\nwant %s", o, gb, wb)
		}
	}
}
