package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/linkki-fi/linkki/analysis"
	"github.com/linkki-fi/linkki/internal/project"
)

func (a *app) analyzeCmd() *cobra.Command {
	var jsonPath string
	cmd := &cobra.Command{
		Use:   "analyze",
		Short: "Compute effect sizes and tests",
		Long: `Analyze computes the paired change of every outcome (SWEMWBS metric and
raw, ESIS), contrast (T1-T0, T2-T0, T2-T1) and subgroup (all, municipality,
referrer sector, referral reason, gender, age band) as linkki's results
contract defines it: n, means and SDs, the mean change with its t interval,
the paired t-test, the Wilcoxon signed-rank test, d_z with its exact
noncentral-t interval, Hedges-adjusted d_rm and g_av, shares improved and
reliably changed, Holm-adjusted p-values and warnings; beside them a mixed
model on all available scores and a dropout comparison.

The rows replace the tables results, mixed_models and attrition, and the run
is added to analysis_runs with its manifest (version, settings, input file
hashes); data/dictionary.md describes their columns. A summary goes to
stdout: estimates with intervals, ~ where an interval includes zero,
warnings as footnotes. Every convention (thresholds, reliabilities,
confidence level, small_n) comes from the settings file.`,
		Example: `  linkki analyze
  linkki analyze --json results.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := a.openDB(cmd.Context(), project.ReadWrite)
			if err != nil {
				return err
			}
			defer db.Close()
			out, err := analysis.Analyze(cmd.Context(), db, a.settings)
			if errors.Is(err, analysis.ErrNotBuilt) {
				return withHint(err, "build the outcome tables first: linkki build")
			}
			if err != nil {
				return err
			}
			if jsonPath != "" {
				if err := out.WriteJSON(jsonPath); err != nil {
					return err
				}
				a.infof("wrote %s", jsonPath)
			}
			return out.WriteSummary(a.stdout)
		},
	}
	cmd.Flags().StringVar(&jsonPath, "json", "", "also write the results to `FILE` as JSON: manifest, results, mixed_models, attrition")
	return cmd
}
