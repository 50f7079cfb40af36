package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/linkki-fi/linkki/analysis"
	"github.com/linkki-fi/linkki/ingest"
	"github.com/linkki-fi/linkki/internal/project"
	"github.com/linkki-fi/linkki/reports"
	"github.com/linkki-fi/linkki/reports/ministry"
	"github.com/linkki-fi/linkki/reports/research"
	"github.com/linkki-fi/linkki/transform"
)

func (a *app) runCmd() *cobra.Command {
	var p pipelineOptions
	cmd := &cobra.Command{
		Use:   "run [--out DIR] FILES...",
		Short: "Run ingest, build, analyze, report and exports",
		Long: `Run ingests FILES, builds the outcome tables, analyses them and writes into
DIR (default out/):

  report.html                the impact report (--lang fi|en)
  results.json               every analysis row with its manifest
  ministry.xlsx              the state grant reporting table (+ its manifest)
  research/                  the consented research extract (Parquet)
  manifest.json              what this run read, used and wrote, with hashes

It stops before writing any report or export when a data check of severity
error fails (see the check_results table), and says which stage failed.
Files are ingested as linkki ingest does: already ingested files are skipped,
so a run over a folder of cumulative exports adds only what is new.`,
		Example: `  linkki run exports/*.csv kyselyt.xlsx
  linkki --db hanke.duckdb run --out tulokset --lang fi exports/*`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := p.validate(); err != nil {
				return err
			}
			return a.runPipeline(cmd.Context(), p, args, ingest.Options{})
		},
	}
	p.flags(cmd, "out")
	return cmd
}

// pipelineOptions are what run and demo let a user choose.
type pipelineOptions struct {
	out  string
	lang string
}

func (p *pipelineOptions) flags(cmd *cobra.Command, defaultOut string) {
	cmd.Flags().StringVar(&p.out, "out", defaultOut, "directory for the report, results and exports")
	cmd.Flags().StringVar(&p.lang, "lang", "", "report language, fi or en (default: settings report.language)")
}

func (p pipelineOptions) validate() error {
	if p.lang != "" && p.lang != "fi" && p.lang != "en" {
		return usagef("--lang must be fi or en, got %q", p.lang)
	}
	return nil
}

// Names of run's outputs inside the output directory.
const (
	reportFile   = "report.html"
	resultsFile  = "results.json"
	ministryFile = "ministry.xlsx"
	researchDir  = "research"
	manifestFile = "manifest.json"
)

// runPipeline runs every stage in order on one database and writes the
// outputs into p.out. A stage's failure stops the run with its name.
func (a *app) runPipeline(ctx context.Context, p pipelineOptions, files []string, in ingest.Options) error {
	if err := os.MkdirAll(p.out, 0o755); err != nil {
		return err
	}
	db, err := a.openDB(ctx, project.ReadWrite)
	if err != nil {
		return err
	}
	defer db.Close()

	in.Logf = a.infof
	reps, err := ingest.Files(ctx, db, a.settings, in, files)
	a.printIngestReports(reps)
	if err != nil {
		return stageError("ingest", ingestError(err))
	}
	// Ingest's Go heap is garbage now; hand it back before DuckDB's build
	// takes its share, so one run peaks no higher than its largest stage.
	debug.FreeOSMemory()
	build, err := transform.Build(ctx, db, a.settings)
	var checkErr *transform.CheckError
	if errors.As(err, &checkErr) {
		a.printBuildReport(build)
		return withHint(stageError("build", err),
			"no report or export was written",
			"see SELECT * FROM check_results WHERE NOT passed; correct the input files and run again")
	}
	if err != nil {
		return stageError("build", err)
	}
	a.printBuildReport(build)
	results, err := analysis.Analyze(ctx, db, a.settings)
	if err != nil {
		return stageError("analyze", err)
	}
	debug.FreeOSMemory() // the analysis' columns of every period, likewise
	outputs, err := a.writeOutputs(ctx, db, p, results)
	if err != nil {
		return err
	}
	if err := results.WriteSummary(a.stdout); err != nil {
		return err
	}
	m, err := project.NewManifest(ctx, db, a.settings, "linkki run", []string{"support_periods", "outcomes_wide", "results"})
	if err != nil {
		return stageError("manifest", err)
	}
	manifest := filepath.Join(p.out, manifestFile)
	if err := project.FinishManifest(&m, manifest, outputs...); err != nil {
		return stageError("manifest", err)
	}
	fmt.Fprintln(a.stdout)
	for _, o := range outputs {
		fmt.Fprintf(a.stdout, "wrote %s\n", o)
	}
	fmt.Fprintf(a.stdout, "manifest %s\n", manifest)
	return nil
}

// writeOutputs writes the results JSON, the report and the exports, and
// returns the files written.
func (a *app) writeOutputs(ctx context.Context, db *sql.DB, p pipelineOptions, results *analysis.Output) ([]string, error) {
	resultsPath := filepath.Join(p.out, resultsFile)
	if err := results.WriteJSON(resultsPath); err != nil {
		return nil, stageError("analyze", err)
	}
	reportPath := filepath.Join(p.out, reportFile)
	if err := reports.Write(ctx, db, a.settings, reportPath, reports.Options{Lang: p.lang}); err != nil {
		return nil, stageError("report", reportError(err))
	}
	ministryPath := filepath.Join(p.out, ministryFile)
	if _, err := ministry.Export(ctx, db, a.settings, ministry.Options{Out: ministryPath}); err != nil {
		return nil, stageError("export ministry", err)
	}
	dir := filepath.Join(p.out, researchDir)
	rm, err := research.Export(ctx, db, a.settings, research.Options{Dir: dir})
	if err != nil {
		return nil, stageError("export research", err)
	}
	outputs := []string{resultsPath, reportPath, ministryPath, ministry.ManifestPath(ministryPath)}
	for _, o := range rm.Outputs {
		outputs = append(outputs, filepath.Join(dir, filepath.FromSlash(o.Path)))
	}
	return append(outputs, filepath.Join(dir, manifestFile)), nil
}

// stageError names the stage that failed, keeping the error's hints.
func stageError(stage string, err error) error {
	var he hintError
	if errors.As(err, &he) {
		return hintError{fmt.Errorf("%s: %w", stage, he.err), he.hints}
	}
	return fmt.Errorf("%s: %w", stage, err)
}

// reportError adds the fix for a linkki built without the ECharts script.
func reportError(err error) error {
	if errors.Is(err, reports.ErrNoECharts) {
		return withHint(err, "install the pinned script and rebuild: make assets (or scripts/install-echarts), then go build ./cmd/linkki")
	}
	return err
}
