package transform

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/linkki-fi/linkki/internal/project"
)

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// allCaseInputs fills one database with every fixture case that passes its
// checks, so one build touches every model.
func allCaseInputs(t testing.TB) string {
	t.Helper()
	var b strings.Builder
	for _, c := range []string{"support_periods", "contacts", "scoring", "outcomes", "needs_and_survey"} {
		b.WriteString(readFile(t, "testdata/cases/"+c+"/input.sql"))
		b.WriteString("\n")
	}
	return b.String()
}

// TestRebuildIdempotent builds twice and expects identical model tables and
// check results, and one build_runs row per build.
func TestRebuildIdempotent(t *testing.T) {
	ctx := context.Background()
	db := newRawDB(t)
	mustExec(t, db, allCaseInputs(t))
	first, err := Build(ctx, db, project.Default())
	if err != nil {
		t.Fatal(err)
	}
	dump := func() map[string]string {
		out := map[string]string{"check_results": dumpTable(t, db, "check_results")}
		for _, m := range first.Models {
			out[m.Name] = dumpTable(t, db, m.Name)
		}
		return out
	}
	before := dump()
	second, err := Build(ctx, db, project.Default())
	if err != nil {
		t.Fatal(err)
	}
	after := dump()
	for name, rows := range before {
		if after[name] != rows {
			t.Errorf("%s changed on rebuild", name)
		}
	}
	var views int
	for _, m := range first.Models {
		if m.View {
			views++
		}
	}
	if counts := first.RowCounts(); counts["support_periods"] != 24 || len(counts) != len(first.Models)-views || views == 0 {
		t.Errorf("row counts %v of %d models, %d of them views", counts, len(first.Models), views)
	}
	if len(first.Models) != len(second.Models) || len(first.Models) < 17 {
		t.Errorf("built %d then %d models", len(first.Models), len(second.Models))
	}
	for i, m := range first.Models {
		rows := m.Rows
		if m.View {
			if rows != -1 {
				t.Errorf("view %s: rows %d, want -1 (not counted)", m.Name, rows)
			}
			if err := db.QueryRow(`SELECT count(*) FROM "` + m.Name + `"`).Scan(&rows); err != nil {
				t.Fatal(err)
			}
		}
		if rows == 0 {
			t.Errorf("model %s is empty on the combined fixture", m.Name)
		}
		if second.Models[i].Rows != m.Rows {
			t.Errorf("%s: %d rows, then %d", m.Name, m.Rows, second.Models[i].Rows)
		}
	}
	var runs int
	if err := db.QueryRow(`SELECT count(*) FROM build_runs WHERE status = 'ok'`).Scan(&runs); err != nil {
		t.Fatal(err)
	}
	if runs != 2 {
		t.Errorf("build_runs has %d ok rows, want 2", runs)
	}
	if err := Verify(ctx, db); err != nil {
		t.Errorf("Verify after a good build: %v", err)
	}
}

// TestSettingsRecorded checks that the settings reach build_settings and
// km_rates, and are stored with the build.
func TestSettingsRecorded(t *testing.T) {
	db := newRawDB(t)
	s := project.Default()
	s.Costs.HourlyRateEUR = 21.5
	s.Costs.KmRateEUR = map[string]float64{"2024": 0.25}
	s.SupportModel.FollowUpDays = 120
	if _, err := Build(context.Background(), db, s); err != nil {
		t.Fatal(err)
	}
	var rate float64
	var followUp int
	var settingsJSON string
	var kmRates string
	if err := db.QueryRow(`SELECT hourly_rate_eur, follow_up_days FROM build_settings`).Scan(&rate, &followUp); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT string_agg(year || '=' || eur_per_km, ',') FROM km_rates`).Scan(&kmRates); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT settings_json FROM build_runs`).Scan(&settingsJSON); err != nil {
		t.Fatal(err)
	}
	if rate != 21.5 || followUp != 120 || kmRates != "2024=0.25" {
		t.Errorf("build_settings %v %v, km_rates %q", rate, followUp, kmRates)
	}
	if !strings.Contains(settingsJSON, `"hourly_rate_eur":21.5`) {
		t.Errorf("settings_json lacks the hourly rate: %s", settingsJSON)
	}
}

// TestCheckFailureStopsPipeline: an error check fails, Build says which with
// sample rows, the tables stay inspectable and Verify refuses the build.
func TestCheckFailureStopsPipeline(t *testing.T) {
	ctx := context.Background()
	db := newRawDB(t)
	mustExec(t, db, readFile(t, "testdata/cases/checks/input.sql"))
	rep, err := Build(ctx, db, project.Default())
	var ce *CheckError
	if !errors.As(err, &ce) {
		t.Fatalf("Build returned %v, want a *CheckError", err)
	}
	msg := err.Error()
	for _, want := range []string{"meeting_references_referral", `"referral_id":"X9"`, "accepted_categories", `"value":"unknown"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("error message lacks %s:\n%s", want, msg)
		}
	}
	if rep.Status != "failed_checks" || len(rep.Failed(SeverityWarning)) == 0 {
		t.Errorf("report status %q with %d warnings", rep.Status, len(rep.Failed(SeverityWarning)))
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM support_periods`).Scan(&n); err != nil || n != 3 {
		t.Errorf("support_periods after a failed build: %d rows, %v", n, err)
	}
	if err := Verify(ctx, db); !errors.Is(err, ErrNotBuilt) || !strings.Contains(err.Error(), "meeting_references_referral") {
		t.Errorf("Verify after a failed build: %v", err)
	}
}

func TestVerifyNeedsBuildAndFreshIngest(t *testing.T) {
	ctx := context.Background()
	db := newRawDB(t)
	if err := Verify(ctx, db); !errors.Is(err, ErrNotBuilt) {
		t.Errorf("Verify before any build: %v", err)
	}
	if _, err := Build(ctx, db, project.Default()); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, `INSERT INTO ingest_files (file_hash, file_seq, file_name, file_path, kind, size_bytes,
		ingested_at, rows_read, inserted, updated, unchanged, quarantined)
		VALUES ('abc', 1, 'a.csv', 'a.csv', 'referrals', 1, current_timestamp + INTERVAL 1 MINUTE, 0, 0, 0, 0, 0)`)
	if err := Verify(ctx, db); !errors.Is(err, ErrNotBuilt) || !strings.Contains(err.Error(), "ingested after") {
		t.Errorf("Verify after a newer ingest: %v", err)
	}
}

func TestBuildWithoutRawLayer(t *testing.T) {
	ctx := context.Background()
	db, err := project.Open(ctx, ":memory:", project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := Build(ctx, db, project.Default()); !errors.Is(err, ErrNotIngested) {
		t.Errorf("Build on an empty database: %v", err)
	}
}

// TestResolve orders models by the tables they read and rejects what cannot
// be ordered.
func TestResolve(t *testing.T) {
	db := newRawDB(t)
	tests := []struct {
		name    string
		files   map[string]string
		order   string // comma-separated, or the error text expected
		wantErr bool
	}{
		{
			name: "chain and CTE",
			files: map[string]string{
				"c.sql":       "-- c reads b\nCREATE OR REPLACE TABLE c AS WITH a AS (SELECT 1) SELECT * FROM b JOIN a ON true",
				"b.sql":       "CREATE OR REPLACE VIEW b AS SELECT * FROM a_model WHERE x IN (SELECT referral_id FROM referrals)",
				"a_model.sql": "CREATE OR REPLACE TABLE a_model AS SELECT * FROM build_settings;",
				"README.md":   "not a model",
			},
			order: "a_model,b,c",
		},
		{
			name:    "cycle",
			files:   map[string]string{"a.sql": "CREATE OR REPLACE TABLE a AS SELECT * FROM b", "b.sql": "CREATE OR REPLACE TABLE b AS SELECT * FROM a"},
			order:   "cycle: a, b",
			wantErr: true,
		},
		{
			name:    "unknown table",
			files:   map[string]string{"a.sql": "CREATE OR REPLACE TABLE a AS SELECT * FROM referals"},
			order:   `reads table "referals"`,
			wantErr: true,
		},
		{
			name:    "misnamed",
			files:   map[string]string{"a.sql": "CREATE OR REPLACE TABLE b AS SELECT 1"},
			order:   "named after its table",
			wantErr: true,
		},
		{
			name:    "misnamed view",
			files:   map[string]string{"a.sql": "CREATE OR REPLACE VIEW b AS SELECT 1"},
			order:   "creates view b",
			wantErr: true,
		},
		{
			name:    "two statements",
			files:   map[string]string{"a.sql": "CREATE OR REPLACE TABLE a AS SELECT 1; SELECT 2"},
			order:   "one SELECT",
			wantErr: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tc.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			raw, err := rawTables()
			if err != nil {
				t.Fatal(err)
			}
			models, err := loadModels(fsys)
			if err == nil {
				models, err = resolve(context.Background(), db, models, append(raw, settingsTables...))
			}
			if tc.wantErr {
				if err == nil || !strings.Contains(err.Error(), tc.order) {
					t.Fatalf("error %v, want one mentioning %q", err, tc.order)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, m := range models {
				names = append(names, m.name)
			}
			if got := strings.Join(names, ","); got != tc.order {
				t.Errorf("order %s, want %s", got, tc.order)
			}
		})
	}
}

// TestShippedChecksLoad guards the headers of data/checks.
func TestShippedChecksLoad(t *testing.T) {
	bad := fstest.MapFS{"x.sql": {Data: []byte("-- severity: fatal\n-- message: m\nSELECT 1")}}
	if _, err := loadChecks(bad); err == nil || !strings.Contains(err.Error(), "severity") {
		t.Errorf("bad severity accepted: %v", err)
	}
	noMessage := fstest.MapFS{"x.sql": {Data: []byte("-- severity: error\nSELECT 1")}}
	if _, err := loadChecks(noMessage); err == nil {
		t.Error("check without message accepted")
	}
}

// TestModelChangesKind builds a database in which models that are now views
// were tables (an older linkki) and a table was a view: the build replaces
// each with the kind its model makes.
func TestModelChangesKind(t *testing.T) {
	db := newRawDB(t)
	mustExec(t, db, allCaseInputs(t))
	mustExec(t, db, `CREATE TABLE contact_activities AS SELECT 1 AS stale;
		CREATE TABLE outcome_changes AS SELECT 1 AS stale;
		CREATE VIEW costs AS SELECT 1 AS stale`)
	rep, err := Build(context.Background(), db, project.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range rep.Models {
		want := "BASE TABLE"
		if m.View {
			want = "VIEW"
		}
		var kind string
		if err := db.QueryRow(`SELECT table_type FROM information_schema.tables WHERE table_name = ?`, m.Name).Scan(&kind); err != nil {
			t.Fatal(m.Name, err)
		}
		if kind != want {
			t.Errorf("%s is a %s, want %s", m.Name, kind, want)
		}
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM duckdb_columns() WHERE column_name = 'stale'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("stale columns left: %d (%v)", n, err)
	}
}
