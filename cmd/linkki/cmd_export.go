package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/linkki-fi/linkki/internal/project"
	"github.com/linkki-fi/linkki/reports/ministry"
	"github.com/linkki-fi/linkki/reports/research"
)

func (a *app) exportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write ministry tables and the research extract",
		Long: `Export writes data for two audiences, each with a run manifest (linkki version,
settings, input files with hashes, row counts, output hashes):

  ministry   aggregate indicators for state grant reporting, small cells
             suppressed so that no person can be recognised
  research   the pseudonymised person-level extract of people with research
             consent, as Parquet (and CSV), with a codebook

Rerunning on the same data with the same settings gives byte-identical files.`,
		Example: `  linkki export ministry --out ministry.xlsx --period 2024
  linkki export research --out research/ --csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown export %q: want ministry or research", args[0])
			}
			return cmd.Help()
		},
	}
	cmd.AddCommand(a.exportMinistryCmd(), a.exportResearchCmd())
	return cmd
}

func (a *app) exportMinistryCmd() *cobra.Command {
	var opts ministry.Options
	cmd := &cobra.Command{
		Use:   "ministry --out FILE.xlsx|FILE.csv [--period 2022|2022H1|2022Q3]",
		Short: "Indicator table for state grant reporting, with disclosure control",
		Long: `One row per municipality and period plus a total row: referrals, clients,
referrals by referrer sector and by reason, support periods started, completed
and discontinued, link-worker hours and costs, and the mean change T1-T0 of
SWEMWBS and ESIS with n and confidence interval.

Counts resting on 1 to suppression.min_count-1 distinct clients and statistics
on fewer than suppression.min_statistic_n clients are suppressed (".."), and
further cells are suppressed so that none can be recovered from totals; the
"suppressed" sheet (or FILE_suppressed.csv) lists each with its reason.

The workbook has sheets indicators, data_dictionary, suppressed and about.
A .csv is written for Finnish Excel (";", decimal comma, UTF-8 with BOM), with
the other sheets beside it as FILE_<sheet>.csv. The manifest is written to
FILE.manifest.json. Without --period, every calendar year gets its own rows.`,
		Example: `  linkki export ministry --out ministry.xlsx
  linkki export ministry --out ministry-2024H1.csv --period 2024H1`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Out == "" {
				return usagef("export ministry needs --out FILE.xlsx or FILE.csv")
			}
			if _, err := ministry.Format(opts.Out); err != nil {
				return usagef("%v", err)
			}
			if _, err := ministry.ParsePeriod(opts.Period); err != nil {
				return usagef("--period: %v", err)
			}
			return a.export(cmd.Context(), func(ctx context.Context, db *sql.DB) (project.Manifest, error) {
				m, err := ministry.Export(ctx, db, a.settings, opts)
				if err == nil {
					a.infof("%d rows, %d cells suppressed to protect privacy (listed in the suppressed sheet)",
						m.RowCounts["ministry_indicators"], m.RowCounts["ministry_suppressed"])
				}
				return m, err
			}, ministry.ManifestPath(opts.Out))
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", "", "output file, .xlsx or .csv")
	cmd.Flags().StringVar(&opts.Period, "period", "", "one year (2022), half-year (2022H1) or quarter (2022Q3); default every year")
	return cmd
}

func (a *app) exportResearchCmd() *cobra.Command {
	var opts research.Options
	cmd := &cobra.Command{
		Use:   "research --out DIR [--csv]",
		Short: "Pseudonymised person-level extract for evaluators",
		Long: `Writes support periods, questionnaire scores and outcome scores (long form)
and outcomes (wide form) of the support periods whose referral has research
consent, as Parquet files with codebook.md and manifest.json, into DIR. The
pseudonym key never leaves the project.

DIR is replaced as a whole; it must be absent, empty or an earlier extract.`,
		Example: `  linkki export research --out research/
  linkki export research --out research/ --csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Dir == "" {
				return usagef("export research needs --out DIR")
			}
			return a.export(cmd.Context(), func(ctx context.Context, db *sql.DB) (project.Manifest, error) {
				m, err := research.Export(ctx, db, a.settings, opts)
				if err == nil {
					a.infof("%d of %d support periods have research consent and are in the extract",
						m.RowCounts["extract.support_periods"], m.RowCounts["support_periods"])
				}
				return m, err
			}, filepath.Join(opts.Dir, "manifest.json"))
		},
	}
	cmd.Flags().StringVar(&opts.Dir, "out", "", "output directory")
	cmd.Flags().BoolVar(&opts.CSV, "csv", false, "also write every dataset as CSV")
	return cmd
}

// errChecksFailed stops an export of data that failed an error-severity
// data check: such numbers must not leave the project.
var errChecksFailed = errors.New("data checks of severity error failed")

// export opens the database read-only, refuses data with failed error
// checks, runs one export and prints what it wrote.
func (a *app) export(ctx context.Context, write func(context.Context, *sql.DB) (project.Manifest, error), manifestPath string) error {
	db, err := a.openDB(ctx, project.ReadOnly)
	if err != nil {
		return err
	}
	defer db.Close()
	var failed int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM check_results WHERE severity = 'error' AND NOT passed`).Scan(&failed)
	if err != nil {
		return withHint(fmt.Errorf("%w: %v", ministry.ErrNotBuilt, err), "run linkki build first (after linkki ingest FILES...)")
	}
	if failed > 0 {
		return withHint(fmt.Errorf("%d %w", failed, errChecksFailed),
			"see SELECT * FROM check_results WHERE NOT passed, correct the input files, then ingest and build again")
	}
	m, err := write(ctx, db)
	if errors.Is(err, ministry.ErrNotBuilt) {
		return withHint(err, "run linkki build first (after linkki ingest FILES...)")
	}
	if err != nil {
		return err
	}
	for _, o := range m.Outputs {
		fmt.Fprintf(a.stdout, "wrote %s\n", filepath.Join(filepath.Dir(manifestPath), o.Path))
	}
	fmt.Fprintf(a.stdout, "manifest %s\n", manifestPath)
	return nil
}
