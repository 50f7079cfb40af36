package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/linkki-fi/linkki/internal/synth"
)

func (a *app) synthCmd() *cobra.Command {
	o := synth.DefaultOptions()
	var out string
	cmd := &cobra.Command{
		Use:   "synth --out DIR",
		Short: "Write synthetic input files",
		Long: `Write a realistic synthetic dataset of a Lapland social prescribing
programme: every input kind linkki reads, each in the dialect real exports
use.

  referrals.csv       referral export: ';', Windows-1252, CRLF, Finnish
                      headers and labels, dates 7.3.2022
  meetings.csv        meeting log: ';', UTF-8 with BOM, decimal comma 1,5,
                      dates 07.03.2022
  swemwbs.csv         SWEMWBS: ',', UTF-8, English headers, ISO dates
  participation.csv   ESIS (osallisuusindikaattori): ';', UTF-8, Finnish
  worker_survey.xlsx  link-worker survey with real date cells
  manifest.json       what was written and how ingest must account for it

The same options always give the same files. --messy injects every defect
class of the input contract (each row breaks exactly one rule) and the
irregularities real exports have; manifest.json lists each with its file,
line, column and quarantine reason.`,
		Example: `  linkki synth --out data/synthetic
  linkki synth --referrals 1000000 --seed 42 --out /tmp/big
  linkki synth --referrals 2000 --messy --improvement 0 --out /tmp/messy`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return usagef("synth needs --out DIR")
			}
			if err := o.Validate(); err != nil {
				return usagef("synth: %v", err)
			}
			m, err := synth.Generate(cmd.Context(), out, o)
			if err != nil {
				return err
			}
			for _, f := range m.Files {
				fmt.Fprintf(a.stdout, "%-40s %9d rows  %s\n", filepath.Join(out, f.Name), f.RowsRead, f.Encoding)
			}
			a.infof("wrote %d referrals (seed %d) into %s; %d defects, %d irregularities listed in %s",
				o.Referrals, o.Seed, out, len(m.Defects), len(m.Irregularities), filepath.Join(out, synth.ManifestName))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "", "directory to write into (created if missing)")
	f.IntVar(&o.Referrals, "referrals", o.Referrals, "number of referrals")
	f.Uint64Var(&o.Seed, "seed", o.Seed, "random seed; equal seeds give identical files")
	f.BoolVar(&o.Messy, "messy", false, "inject every defect class of the input contract")
	f.Float64Var(&o.Improvement, "improvement", o.Improvement, "true mean SWEMWBS metric change from start to end (T1 - T0)")
	f.IntVar(&o.StartYear, "start-year", o.StartYear, "year of the first referral; referrals span three years")
	return cmd
}
