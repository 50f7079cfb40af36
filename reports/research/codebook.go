package research

import (
	"fmt"
	"regexp"
	"strings"
)

type column struct{ Name, Type string }

type describedDataset struct {
	Dataset
	Columns []column
	Rows    int64
}

// meanings describe the columns of the model tables (data/dictionary.md);
// the outcome columns of outcomes_wide follow the patterns in patternMeaning.
var meanings = map[string]string{
	"referral_id":         "Referral (hyvinvointilähete) id; one referral is one support period.",
	"client_pseudonym":    "Keyed pseudonym of the client (HMAC-SHA-256 of the client id with the project's key, which is not part of the extract). The same person has the same pseudonym in every file.",
	"referral_date":       "Date of the referral.",
	"period_year":         "Year of the referral date.",
	"period_half":         "Half-year of the referral date (2022H1, 2022H2).",
	"period_quarter":      "Quarter of the referral date (2022Q1 … 2022Q4).",
	"municipality":        "Municipality, official spelling (Enontekiö) or as given when unknown.",
	"municipality_known":  "The municipality is on linkki's list of Finnish municipalities.",
	"referrer_sector":     "Sector of the referrer: elderly_services, mental_health, rehabilitation, social_services, health_services, third_sector, parish, leisure, other.",
	"referrer_profession": "Referrer's profession as free text; may be empty.",
	"reasons":             "Distinct reason codes of the referral: loneliness, social_contacts, everyday_activity, getting_started, lifestyle_change, practical_help, other.",
	"age_at_referral":     "Referral year minus birth year; empty when the birth year is unknown.",
	"age_band":            "Age at referral in bands <30, 30-49, 50-64, 65-74, 75+.",
	"gender":              "female, male, other, or empty.",
	"link_worker_id":      "Link worker's id as given in the referral data.",
	"start_date":          "Start of the support period.",
	"end_date":            "End of the support period.",
	"duration_days":       "end_date − start_date in days; empty unless both present.",
	"end_reason":          "completed, discontinued, not_started, moved, other; empty while ongoing.",
	"status":              "not_started, ongoing, or the end reason.",
	"started":             "Started (start date present, not ended as not_started): enters outcome analysis.",
	"completed":           "Ended as planned (end_reason completed).",
	"discontinued":        "Discontinued (end_reason discontinued).",
	"ongoing":             "Started and not ended.",
	"over_six_months":     "Lasted longer than support_model.max_support_days (default 183); empty while ongoing.",
	"research_consent":    "Research consent; true for every row of the extract.",
	"linked_services":     "Services the client was linked to.",
	"barriers":            "Barriers recorded for the support period.",
	"instrument":          "swemwbs or esis (THL osallisuusindikaattori).",
	"outcome":             "swemwbs_metric (Rasch-converted 7–35), swemwbs_raw (7–35) or esis (0–100).",
	"timepoint":           "T0 (start), T1 (end) or T2 (follow-up).",
	"timepoint_inferred":  "The time point was not given and was inferred from the response date.",
	"response_date":       "Date the questionnaire was answered.",
	"file_hash":           "SHA-256 of the input file the questionnaire came from (see the manifest's inputs).",
	"file_seq":            "Ingest order of that file.",
	"line":                "Line (row) of the questionnaire in that file.",
	"items_answered":      "Number of items answered.",
	"scorable":            "Enough items answered to score (results.md).",
	"prorated":            "SWEMWBS raw total prorated from 6 items (only when settings allow).",
	"swemwbs_raw":         "SWEMWBS raw total, 7–35.",
	"swemwbs_metric":      "SWEMWBS metric score (Stewart-Brown et al. 2009 conversion), 7.00–35.00.",
	"esis":                "ESIS participation score 2.5 × (sum of p1…p10 − 10), 0–100.",
	"score":               "The selected score of that outcome and time point.",
	"selected":            "The questionnaire the analysis uses for its referral, instrument and time point.",
	"duplicate":           "Another questionnaire was selected for the same referral, instrument and time point.",
}

var (
	outcomePattern = `(swemwbs_metric|swemwbs_raw|esis)`
	contrastNames  = map[string]string{"t1_t0": "T1 − T0", "t2_t0": "T2 − T0", "t2_t1": "T2 − T1"}
	scorePattern   = regexp.MustCompile(`^` + outcomePattern + `_(t0|t1|t2)$`)
	flagPattern    = regexp.MustCompile(`^` + outcomePattern + `_(change|improved|deteriorated|reliably_improved|reliably_deteriorated)_(t1_t0|t2_t0|t2_t1)$`)
)

// meaning describes a column; false when linkki has no description for it.
func meaning(name string) (string, bool) {
	if m, ok := meanings[name]; ok {
		return m, true
	}
	if m := scorePattern.FindStringSubmatch(name); m != nil {
		return fmt.Sprintf("Selected %s score at %s; empty when none.", m[1], strings.ToUpper(m[2])), true
	}
	if m := flagPattern.FindStringSubmatch(name); m != nil {
		c := contrastNames[m[3]]
		switch m[2] {
		case "change":
			return fmt.Sprintf("Change %s of %s (later − earlier, positive is better); empty unless both scores exist.", c, m[1]), true
		case "improved", "deteriorated":
			return fmt.Sprintf("Change %s of %s (rounded to 6 decimals) is %s the outcome's threshold (setting outcomes.*_threshold); empty without a pair.",
				c, m[1], map[string]string{"improved": "at least", "deteriorated": "at most minus"}[m[2]]), true
		default:
			dir := "above +1.96"
			if m[2] == "reliably_deteriorated" {
				dir = "below −1.96"
			}
			return fmt.Sprintf("Jacobson–Truax reliable change %s of %s: z %s, with the sd at the earlier time point of all pairs; empty without a pair.", c, m[1], dir), true
		}
	}
	return "", false
}

// renderCodebook writes the codebook in Markdown: what the extract holds and
// every column of every file with its DuckDB type and meaning.
func renderCodebook(ds []describedDataset, withCSV bool) string {
	var b strings.Builder
	b.WriteString("# linkki research extract: codebook\n\n")
	b.WriteString("Pseudonymised person-level data for evaluation. Only support periods whose referral has research consent ")
	b.WriteString("(`research_consent` true) are included, with their questionnaires and scores. ")
	b.WriteString("Clients appear under a keyed pseudonym; the key is not part of the extract. ")
	b.WriteString("Rows are sorted by all columns from the left. Definitions follow linkki's data dictionary and results contract; ")
	b.WriteString("the settings used are in `manifest.json`.\n\n")
	b.WriteString("Read the files with DuckDB (`SELECT * FROM 'support_periods.parquet'`), R (`arrow::read_parquet`) or Python (`pandas.read_parquet`).\n")
	for _, d := range ds {
		files := "`" + d.Name + ".parquet`"
		if withCSV {
			files += ", `" + d.Name + ".csv`"
		}
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\nFiles: %s. Rows: %d.\n\n| column | type | meaning |\n| --- | --- | --- |\n", d.Name, d.Description, files, d.Rows)
		for _, c := range d.Columns {
			m, ok := meaning(c.Name)
			if !ok {
				m = "See table `" + d.Name + "` in linkki's data dictionary."
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", c.Name, c.Type, m)
		}
	}
	return b.String()
}
