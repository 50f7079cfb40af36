package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/linkki-fi/linkki/internal/project"
)

// app is what every subcommand shares: where to write, the global flags and
// the settings they select.
type app struct {
	stdout, stderr io.Writer
	dbPath         string
	configPath     string
	settings       project.Settings
}

// usageError marks a mistake in how linkki was called (exit code 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// hintError carries advice printed after the error as "linkki: hint: …".
type hintError struct {
	err   error
	hints []string
}

func (e hintError) Error() string { return e.err.Error() }
func (e hintError) Unwrap() error { return e.err }

func withHint(err error, hints ...string) error { return hintError{err, hints} }

// errNotBuilt is returned by stages that a later issue delivers.
var errNotBuilt = errors.New("not built yet")

// errReported means the command already printed its failure.
var errReported = errors.New("failed")

func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		return 2
	default:
		return 1
	}
}

// run executes linkki with args (without the program name), printing results
// to stdout and messages to stderr in one voice: "linkki: error: …",
// "linkki: hint: …".
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	a := &app{stdout: stdout, stderr: stderr}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err != nil && strings.HasPrefix(err.Error(), "unknown command") {
		err = usageError{err} // cobra reports these as plain errors
	}
	if err != nil && !errors.Is(err, errReported) {
		a.printError(err)
	}
	return err
}

func (a *app) printError(err error) {
	fmt.Fprintf(a.stderr, "linkki: error: %v\n", err)
	var he hintError
	if errors.As(err, &he) {
		for _, h := range he.hints {
			fmt.Fprintf(a.stderr, "linkki: hint: %s\n", h)
		}
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(a.stderr, "linkki: hint: see 'linkki --help'")
	}
	if errors.Is(err, project.ErrDatabaseInUse) {
		fmt.Fprintln(a.stderr, "linkki: hint: wait for the other linkki command to finish, or use another --db")
	}
}

// warnf prints a warning in linkki's voice.
func (a *app) warnf(format string, args ...any) {
	fmt.Fprintf(a.stderr, "linkki: warning: "+format+"\n", args...)
}

// infof prints a progress message in linkki's voice.
func (a *app) infof(format string, args ...any) {
	fmt.Fprintf(a.stderr, "linkki: "+format+"\n", args...)
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "linkki",
		Short: "Evidence from social prescribing (hyvinvointilähete) data",
		Long: `linkki turns the raw data of social prescribing programmes into evidence.

It ingests referral exports, meeting logs and questionnaires (SWEMWBS, THL's
osallisuusindikaattori) into an embedded DuckDB database, builds outcome
tables with SQL, computes paired effect sizes that match R, and writes an
offline HTML impact report, state grant reporting tables and a research
extract.

Pipeline:
  linkki ingest FILES...   load and validate input files
  linkki build             build the outcome tables
  linkki analyze           effect sizes and tests
  linkki report            the HTML impact report
  linkki export ...        ministry tables, research extract
  linkki run FILES...      all of the above in order
  linkki demo              everything on bundled synthetic data`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			s, err := project.Load(a.configPath)
			if err != nil {
				return err
			}
			a.settings = s
			return nil
		},
	}
	root.PersistentFlags().StringVar(&a.dbPath, "db", "linkki.duckdb", "the DuckDB database file")
	root.PersistentFlags().StringVar(&a.configPath, "config", "", "settings file (TOML); see linkki.example.toml")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		a.synthCmd(), a.ingestCmd(), a.buildCmd(), a.analyzeCmd(),
		a.reportCmd(), a.exportCmd(), a.runCmd(), a.demoCmd(),
	)
	return root
}

// openDB opens the --db database with the settings' limits.
func (a *app) openDB(ctx context.Context, mode project.Mode) (*sql.DB, error) {
	return project.Open(ctx, a.dbPath, a.settings, mode)
}

// minArgs and noArgs turn cobra's argument errors into usage errors.
func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("%s needs at least %d argument(s)", cmd.CommandPath(), n)
		}
		return nil
	}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}
