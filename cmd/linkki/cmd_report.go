package main

import (
	"errors"
	"slices"

	"github.com/spf13/cobra"

	"github.com/linkki-fi/linkki/internal/project"
	"github.com/linkki-fi/linkki/reports"
)

func (a *app) reportCmd() *cobra.Command {
	var (
		lang, out string
		opts      reports.Options
	)
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Write the HTML impact report",
		Long: `Report writes the impact report: one self-contained HTML file that opens
offline (from an e-mail attachment, on a laptop with no internet) and prints
to PDF. Pictures come first, each with a one-line reading and its numbers as
a table: key figures with the SWEMWBS change and its effect size in words,
participant flow and attrition, referrals, outcomes, resources, needs and
barriers, the link-worker survey, and data quality and methods.

The report is in Finnish by default (report.language in the settings) or in
English with --lang en. Groups of fewer than suppression.min_statistic_n
clients show no statistics; --public also hides counts of fewer than
suppression.min_count clients and any number from which a hidden one could
be worked out, for reports that leave the organisation.

It reads the tables of linkki build and, when present, linkki analyze.`,
		Example: `  linkki report
  linkki report --lang en --out impact.html
  linkki report --municipality Rovaniemi --period 2024H1 --public --out rovaniemi.html`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if lang != "" && !slices.Contains(reports.Languages, lang) {
				return usagef("--lang %q: want fi or en", lang)
			}
			opts.Lang = lang
			if err := opts.Filter.Validate(); err != nil {
				return usagef("--%v", err)
			}
			db, err := a.openDB(cmd.Context(), project.ReadOnly)
			if err != nil {
				return err
			}
			defer db.Close()
			err = reports.Write(cmd.Context(), db, a.settings, out, opts)
			switch {
			case errors.Is(err, reports.ErrNoECharts):
				return withHint(err, "install it and rebuild linkki: make assets (or scripts/install-echarts), then go build ./cmd/linkki")
			case errors.Is(err, reports.ErrNotBuilt):
				return withHint(err, "build the outcome tables first: linkki build")
			case err != nil:
				return err
			}
			a.infof("wrote %s", out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&lang, "lang", "", "language of the report, fi or en (default: report.language of the settings)")
	f.StringVar(&out, "out", "report.html", "write the report to `FILE`")
	f.StringVar(&opts.Filter.Municipality, "municipality", "", "only support periods of municipality `NAME`")
	f.StringVar(&opts.Filter.Period, "period", "", "only support periods referred in `P`: a year (2024), half-year (2024H1) or quarter (2024Q3)")
	f.BoolVar(&opts.Public, "public", false, "also suppress small counts, for reports published outside the organisation")
	return cmd
}
