package synth

import (
	"bytes"
	"fmt"

	"github.com/BurntSushi/toml"

	"github.com/linkki-fi/linkki/data"
)

// Options says what to synthesise.
type Options struct {
	// Referrals is the number of clean referrals (support periods) to write.
	Referrals int `toml:"referrals"`
	// Seed selects the random stream: equal options give identical files.
	Seed uint64 `toml:"seed"`
	// Messy injects every defect class of the input contract and the
	// irregularities real exports have; the manifest lists each one.
	Messy bool `toml:"messy"`
	// Improvement is the true mean change of the SWEMWBS metric score from
	// start to end (T1 − T0) in every started support period; follow-up
	// (T2) keeps 70 % of it and ESIS moves 2.5 points per SWEMWBS point.
	Improvement float64 `toml:"improvement"`
	// StartYear is the year of the first referral; referrals run over three
	// years and the export date is 31 January after them.
	StartYear int `toml:"start_year"`
}

// Limits of Options.
const (
	MaxReferrals   = 10_000_000
	minStartYear   = 2000
	maxStartYear   = 2090
	maxImprovement = 10
)

// DefaultOptions are the CLI defaults.
func DefaultOptions() Options {
	return Options{Referrals: 1000, Seed: 1, Improvement: 1.5, StartYear: 2022}
}

// Validate reports the first option out of range.
func (o Options) Validate() error {
	switch {
	case o.Referrals < 1 || o.Referrals > MaxReferrals:
		return fmt.Errorf("referrals must be between 1 and %d, got %d", MaxReferrals, o.Referrals)
	case o.StartYear < minStartYear || o.StartYear > maxStartYear:
		return fmt.Errorf("start year must be between %d and %d, got %d", minStartYear, maxStartYear, o.StartYear)
	case !(o.Improvement >= -maxImprovement && o.Improvement <= maxImprovement):
		return fmt.Errorf("improvement must be between -%d and %d SWEMWBS metric points, got %g", maxImprovement, maxImprovement, o.Improvement)
	}
	return nil
}

// DemoOptions reads the demo dataset definition (data/demo.toml).
func DemoOptions() (Options, error) {
	return parseOptions(data.DemoDefinition, "data/demo.toml")
}

func parseOptions(b []byte, name string) (Options, error) {
	o := DefaultOptions()
	md, err := toml.NewDecoder(bytes.NewReader(b)).Decode(&o)
	if err != nil {
		return Options{}, fmt.Errorf("read %s: %w", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return Options{}, fmt.Errorf("read %s: unknown key %q", name, und[0].String())
	}
	if err := o.Validate(); err != nil {
		return Options{}, fmt.Errorf("read %s: %w", name, err)
	}
	return o, nil
}
