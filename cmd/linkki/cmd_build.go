package main

import (
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkki-fi/linkki/internal/project"
	"github.com/linkki-fi/linkki/transform"
)

func (a *app) buildCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "build",
		Short: "Build the outcome tables",
		Long: `Build turns the ingested data into the tables that analyses and reports read
(support periods, contacts, costs, questionnaire scores, outcomes, participant
flow, needs and barriers), all documented in the data dictionary. It runs in
one transaction, so a rebuild replaces every table with the same result.

Data checks run after the tables: failed warnings are listed here and in the
report's data-quality section; a failed error check stops the pipeline. The
tables are still written so that the failing rows can be inspected with SQL
(check_results holds every check with sample rows and its query).`,
		Example: `  linkki build
  linkki --db project.duckdb --config linkki.toml build`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := a.openDB(cmd.Context(), project.ReadWrite)
			if err != nil {
				return err
			}
			defer db.Close()
			rep, err := transform.Build(cmd.Context(), db, a.settings)
			if errors.Is(err, transform.ErrNotIngested) {
				return withHint(err, "load files first: linkki ingest FILES...")
			}
			var checkErr *transform.CheckError
			if err != nil && !errors.As(err, &checkErr) {
				return err
			}
			a.printBuildReport(rep)
			if checkErr != nil {
				return withHint(err,
					"the tables were written for inspection: SELECT * FROM check_results WHERE NOT passed",
					"correct the input files, then run linkki ingest and linkki build again")
			}
			return nil
		},
	}
}

// printBuildReport lists the tables with their rows on stdout and the failed
// warning checks on stderr.
func (a *app) printBuildReport(rep transform.Report) {
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "table\trows")
	for _, m := range rep.Models {
		if m.View {
			fmt.Fprintf(tw, "%s\tview\n", m.Name)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\n", m.Name, m.Rows)
	}
	tw.Flush()
	passed := 0
	for _, c := range rep.Checks {
		if c.Passed {
			passed++
		}
	}
	fmt.Fprintf(a.stdout, "%d tables built in %s; %d of %d data checks passed\n",
		len(rep.Models), rep.Duration.Round(time.Millisecond), passed, len(rep.Checks))
	for _, c := range rep.Failed(transform.SeverityWarning) {
		a.warnf("data check %s: %s (failing rows: %d)", c.Name, c.Message, c.FailingRows)
	}
}
