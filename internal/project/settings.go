// Package project holds what every pipeline stage shares: the settings read
// from one TOML file, opening the DuckDB database, and the run manifest.
//
// Stages never import each other; they meet in the database and here.
package project

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strconv"

	"github.com/BurntSushi/toml"
)

// Settings are every convention a number depends on: rates, thresholds,
// reliabilities, suppression limits and DuckDB resources. The defaults are
// documented in linkki.example.toml; a file given with --config overrides
// only the keys it names.
type Settings struct {
	Database     DatabaseSettings     `toml:"database" json:"database"`
	Pseudonym    PseudonymSettings    `toml:"pseudonym" json:"pseudonym"`
	SupportModel SupportModelSettings `toml:"support_model" json:"support_model"`
	Costs        CostSettings         `toml:"costs" json:"costs"`
	Scoring      ScoringSettings      `toml:"scoring" json:"scoring"`
	Outcomes     OutcomeSettings      `toml:"outcomes" json:"outcomes"`
	Suppression  SuppressionSettings  `toml:"suppression" json:"suppression"`
	Report       ReportSettings       `toml:"report" json:"report"`
}

// DatabaseSettings bound DuckDB's resources so a laptop stays responsive.
type DatabaseSettings struct {
	Threads     int    `toml:"threads" json:"threads"`
	MemoryLimit string `toml:"memory_limit" json:"memory_limit"`
}

// PseudonymSettings says where the per-project HMAC key lives. An empty
// KeyFile means the user's configuration directory (never beside the
// database); the LINKKI_KEY environment variable overrides both.
type PseudonymSettings struct {
	KeyFile string `toml:"key_file" json:"key_file"`
}

// SupportModelSettings are the limits of the hyvinvointilähete model and the
// windows used to match and judge questionnaires.
type SupportModelSettings struct {
	MaxHoursPerMonth           float64 `toml:"max_hours_per_month" json:"max_hours_per_month"`
	MaxSupportDays             int     `toml:"max_support_days" json:"max_support_days"`
	FollowUpDays               int     `toml:"follow_up_days" json:"follow_up_days"`
	MatchWindowBeforeDays      int     `toml:"match_window_before_days" json:"match_window_before_days"`
	MatchWindowAfterDays       int     `toml:"match_window_after_days" json:"match_window_after_days"`
	QuestionnaireToleranceDays int     `toml:"questionnaire_tolerance_days" json:"questionnaire_tolerance_days"`
}

// CostSettings price link-worker time: an hourly rate plus the tax-free
// kilometre allowance of each meeting's year.
type CostSettings struct {
	HourlyRateEUR float64 `toml:"hourly_rate_eur" json:"hourly_rate_eur"`
	// KmRateEUR maps a calendar year ("2024") to €/km.
	KmRateEUR map[string]float64 `toml:"km_rate_eur" json:"km_rate_eur"`
}

// ScoringSettings are the missing-item rules of the instruments.
type ScoringSettings struct {
	SwemwbsProrateOneMissing bool `toml:"swemwbs_prorate_one_missing" json:"swemwbs_prorate_one_missing"`
	EsisMaxMissing           int  `toml:"esis_max_missing" json:"esis_max_missing"`
}

// OutcomeSettings are the change thresholds and reliabilities of results.md.
type OutcomeSettings struct {
	SwemwbsThreshold   float64 `toml:"swemwbs_threshold" json:"swemwbs_threshold"`
	EsisThreshold      float64 `toml:"esis_threshold" json:"esis_threshold"`
	SwemwbsReliability float64 `toml:"swemwbs_reliability" json:"swemwbs_reliability"`
	EsisReliability    float64 `toml:"esis_reliability" json:"esis_reliability"`
	ConfidenceLevel    float64 `toml:"confidence_level" json:"confidence_level"`
	SmallN             int     `toml:"small_n" json:"small_n"`
	LowFollowUpShare   float64 `toml:"low_followup_share" json:"low_followup_share"`
	CeilingShare       float64 `toml:"ceiling_share" json:"ceiling_share"`
}

// SuppressionSettings are the statistical disclosure control limits, counted
// in distinct clients: counts 1..MinCount-1 and statistics on fewer than
// MinStatisticN clients are suppressed.
type SuppressionSettings struct {
	MinCount      int `toml:"min_count" json:"min_count"`
	MinStatisticN int `toml:"min_statistic_n" json:"min_statistic_n"`
}

// ReportSettings are the report's defaults.
type ReportSettings struct {
	Language string `toml:"language" json:"language"`
}

// Default returns the documented defaults.
func Default() Settings {
	return Settings{
		Database:  DatabaseSettings{Threads: 2, MemoryLimit: "1GB"},
		Pseudonym: PseudonymSettings{},
		SupportModel: SupportModelSettings{
			MaxHoursPerMonth:           10,
			MaxSupportDays:             183,
			FollowUpDays:               90,
			MatchWindowBeforeDays:      30,
			MatchWindowAfterDays:       135,
			QuestionnaireToleranceDays: 60,
		},
		Costs: CostSettings{
			HourlyRateEUR: 13,
			KmRateEUR: map[string]float64{
				"2020": 0.43, "2021": 0.44, "2022": 0.46, "2023": 0.53,
				"2024": 0.57, "2025": 0.59, "2026": 0.55,
			},
		},
		Scoring: ScoringSettings{SwemwbsProrateOneMissing: false, EsisMaxMissing: 0},
		Outcomes: OutcomeSettings{
			SwemwbsThreshold:   3,
			EsisThreshold:      10,
			SwemwbsReliability: 0.86,
			EsisReliability:    0.89,
			ConfidenceLevel:    0.95,
			SmallN:             30,
			LowFollowUpShare:   0.5,
			CeilingShare:       0.15,
		},
		Suppression: SuppressionSettings{MinCount: 5, MinStatisticN: 5},
		Report:      ReportSettings{Language: "fi"},
	}
}

// Load reads a settings file over the defaults. An empty path gives the
// defaults. Unknown keys are an error, so a typo never passes silently.
func Load(path string) (Settings, error) {
	s := Default()
	if path == "" {
		return s, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return s, fmt.Errorf("settings: %w", err)
	}
	// Decode into a fresh map first so a file's km table replaces the
	// default table instead of merging year by year.
	s.Costs.KmRateEUR = nil
	md, err := toml.NewDecoder(bytes.NewReader(b)).Decode(&s)
	if err != nil {
		return Default(), fmt.Errorf("settings %s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return Default(), fmt.Errorf("settings %s: unknown key %q", path, und[0].String())
	}
	if s.Costs.KmRateEUR == nil {
		s.Costs.KmRateEUR = Default().Costs.KmRateEUR
	}
	if err := s.Validate(); err != nil {
		return Default(), fmt.Errorf("settings %s: %w", path, err)
	}
	return s, nil
}

// Validate rejects settings no analysis could use.
func (s Settings) Validate() error {
	switch {
	case s.Database.Threads < 1:
		return fmt.Errorf("database.threads must be at least 1")
	case s.Costs.HourlyRateEUR < 0:
		return fmt.Errorf("costs.hourly_rate_eur must not be negative")
	case s.Outcomes.SwemwbsReliability <= 0 || s.Outcomes.SwemwbsReliability >= 1:
		return fmt.Errorf("outcomes.swemwbs_reliability must be between 0 and 1")
	case s.Outcomes.EsisReliability <= 0 || s.Outcomes.EsisReliability >= 1:
		return fmt.Errorf("outcomes.esis_reliability must be between 0 and 1")
	case s.Outcomes.ConfidenceLevel <= 0 || s.Outcomes.ConfidenceLevel >= 1:
		return fmt.Errorf("outcomes.confidence_level must be between 0 and 1")
	case s.Scoring.EsisMaxMissing < 0 || s.Scoring.EsisMaxMissing > 2:
		return fmt.Errorf("scoring.esis_max_missing must be 0, 1 or 2")
	case s.Suppression.MinCount < 1 || s.Suppression.MinStatisticN < 1:
		return fmt.Errorf("suppression limits must be at least 1")
	case s.Report.Language != "fi" && s.Report.Language != "en":
		return fmt.Errorf("report.language must be fi or en")
	}
	for y, r := range s.Costs.KmRateEUR {
		if _, err := strconv.Atoi(y); err != nil {
			return fmt.Errorf("costs.km_rate_eur: %q is not a year", y)
		}
		if r < 0 {
			return fmt.Errorf("costs.km_rate_eur.%s must not be negative", y)
		}
	}
	return nil
}

// KmRates returns the kilometre rates as (year, €/km) pairs in year order,
// the form SQL models load into a table.
func (s Settings) KmRates() []KmRate {
	out := make([]KmRate, 0, len(s.Costs.KmRateEUR))
	for y, r := range s.Costs.KmRateEUR {
		year, _ := strconv.Atoi(y) // Validate guarantees a year
		out = append(out, KmRate{Year: year, EURPerKm: r})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out
}

// KmRate is the tax-free kilometre allowance of one calendar year.
type KmRate struct {
	Year     int
	EURPerKm float64
}
