package transform

import (
	"context"
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/internal/project"
)

// contractColumns are the model-layer columns that data/dictionary.md
// promises, in order. A table may add columns after them, never rename,
// reorder or drop one: analysis, reports, exports and evaluators' own scripts
// read them by name.
func contractColumns() map[string][]string {
	wide := strings.Fields(`referral_id client_pseudonym municipality referrer_sector reasons gender
		age_band period_year period_half period_quarter`)
	for _, o := range []string{"swemwbs_metric", "swemwbs_raw", "esis"} {
		wide = append(wide, o+"_t0", o+"_t1", o+"_t2")
		contrasts := []string{"t1_t0", "t2_t0", "t2_t1"}
		for _, c := range contrasts {
			wide = append(wide, o+"_change_"+c)
		}
		for _, c := range contrasts {
			for _, f := range []string{"improved", "deteriorated", "reliably_improved", "reliably_deteriorated"} {
				wide = append(wide, o+"_"+f+"_"+c)
			}
		}
	}
	wide = append(wide, "client_key")
	return map[string][]string{
		"support_periods": strings.Fields(`referral_id client_pseudonym referral_date period_year period_half
			period_quarter municipality municipality_known referrer_sector referrer_profession reasons
			age_at_referral age_band gender link_worker_id start_date end_date duration_days end_reason
			status started completed discontinued ongoing over_six_months research_consent
			linked_services barriers client_key`),
		"support_period_reasons": {"referral_id", "reason"},
		"contacts_monthly":       {"referral_id", "month", "meetings", "hours", "km", "over_cap"},
		"contacts": strings.Fields(`referral_id meetings hours km first_meeting last_meeting
			months_with_meetings months_over_cap meetings_outside_period`),
		"contact_activities": {"referral_id", "activity", "meetings", "hours"},
		"km_rates":           {"year", "eur_per_km"},
		"costs": strings.Fields(`referral_id municipality period_year hours km pay_eur km_allowance_eur
			total_eur missing_km_rate`),
		"questionnaire_scores": strings.Fields(`referral_id instrument timepoint timepoint_inferred
			response_date file_hash file_seq line items_answered scorable prorated swemwbs_raw
			swemwbs_metric esis selected duplicate`),
		"outcome_scores": {"referral_id", "outcome", "timepoint", "score", "response_date"},
		"outcomes_wide":  wide,
		"participant_flow": strings.Fields(`municipality period_year referred clients started completed
			discontinued ongoing not_started swemwbs_t0 swemwbs_t1 swemwbs_t2 esis_t0 esis_t1 esis_t2`),
		"needs_and_barriers":    {"municipality", "period_year", "dimension", "category", "support_periods", "clients"},
		"worker_survey_summary": {"statement", "n", "mean", "sd", "value_1", "value_2", "value_3", "value_4", "value_5"},
		"check_results":         {"check_name", "severity", "passed", "failing_rows", "message", "sample"},
		"build_runs":            {"built_at", "linkki_version", "settings_json"},
	}
}

func TestDictionaryContract(t *testing.T) {
	db := newRawDB(t)
	if _, err := Build(context.Background(), db, project.Default()); err != nil {
		t.Fatal(err)
	}
	for table, want := range contractColumns() {
		rows, err := db.Query(`SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index`, table)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			got = append(got, c)
		}
		rows.Close()
		if len(got) < len(want) || strings.Join(got[:len(want)], " ") != strings.Join(want, " ") {
			t.Errorf("%s columns:\n got %v\nwant %v (then any additions)", table, got, want)
		}
	}
}
