package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/linkki-fi/linkki/ingest"
	"github.com/linkki-fi/linkki/ingest/dialect"
	"github.com/linkki-fi/linkki/internal/project"
)

func (a *app) ingestCmd() *cobra.Command {
	var (
		kind, mapping, delimiter, encoding, sheet string
		asJSON, strict                            bool
	)
	cmd := &cobra.Command{
		Use:   "ingest [flags] FILES...",
		Short: "Load input files into the database",
		Long: `Load referral exports, meeting logs, SWEMWBS and participation
questionnaires and link-worker surveys (.csv, .txt, .xlsx) into the database.

The kind, delimiter and encoding of each file are detected; headers may be
English, Finnish or mapped with --mapping (see data/inputs.md). Referral
exports are loaded first. Every row is inserted, updated, unchanged or
quarantined with a reason code (see the quarantine table); rows read =
inserted + updated + unchanged + quarantined, per file. A file already
ingested is skipped. Each file is one transaction.

Client ids are stored only as keyed pseudonyms. The key comes from
LINKKI_KEY or the key file (settings pseudonym.key_file, by default in your
configuration directory), created on first use: back it up.`,
		Example: `  linkki ingest lahetteet.csv tapaamiset.csv swemwbs.xlsx
  linkki ingest --json --strict exports/*.csv
  linkki ingest --kind swemwbs --mapping kysely.toml --sheet Vastaukset kysely.xlsx`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := ingest.Options{Sheet: sheet, Strict: strict, MappingFile: mapping}
			var err error
			if kind != "" {
				if opts.Kind, err = ingest.ParseKind(kind); err != nil {
					return usagef("--kind: %v", err)
				}
			}
			if delimiter != "" {
				if opts.Delimiter, err = dialect.ParseDelimiter(delimiter); err != nil {
					return usagef("--delimiter: %v", err)
				}
			}
			if encoding != "" {
				if opts.Encoding, err = dialect.ParseEncoding(encoding); err != nil {
					return usagef("--encoding: %v", err)
				}
			}
			opts.Logf = func(format string, args ...any) { a.infof(format, args...) }
			if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
				bars := a.progressBars()
				opts.Progress = bars.update
				defer bars.finish()
			}
			db, err := a.openDB(cmd.Context(), project.ReadWrite)
			if err != nil {
				return err
			}
			defer db.Close()
			reports, ingestErr := ingest.Files(cmd.Context(), db, a.settings, opts, args)
			if asJSON {
				if err := writeIngestJSON(a, reports); err != nil {
					return err
				}
			} else {
				a.printIngestReports(reports)
			}
			return ingestError(ingestErr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&kind, "kind", "", "file kind instead of detecting it: referrals, meetings, swemwbs, participation, worker_survey")
	f.StringVar(&mapping, "mapping", "", "column-mapping file (TOML) for headers linkki does not know")
	f.StringVar(&delimiter, "delimiter", "", "CSV delimiter instead of detecting it: ';', ',' or tab")
	f.StringVar(&encoding, "encoding", "", "text encoding instead of detecting it: utf-8, windows-1252, iso-8859-1")
	f.StringVar(&sheet, "sheet", "", "XLSX sheet to read (default: the first)")
	f.BoolVar(&asJSON, "json", false, "print the accounting as JSON")
	f.BoolVar(&strict, "strict", false, "roll back a file with any quarantined row and exit 1")
	return cmd
}

// ingestError adds the hints a user needs to act on an ingest failure.
func ingestError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ingest.ErrWrongKey):
		return withHint(err, "pseudonyms made with another key would not link to the clients already stored",
			"set LINKKI_KEY or pseudonym.key_file to the key this database was built with")
	case errors.Is(err, ingest.ErrStrict):
		return withHint(err, "see the quarantine table for each row's line, column and reason; fix the file and ingest it again")
	}
	var fe *ingest.FileError
	if errors.As(err, &fe) {
		return withHint(err, "files not named in this error were ingested; see data/inputs.md for the accepted headers, or use --kind and --mapping")
	}
	return err
}

func writeIngestJSON(a *app, reports []ingest.FileReport) error {
	b, err := json.MarshalIndent(reports, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "%s\n", b)
	return err
}

// printIngestReports prints one accounting line per file, then the
// quarantine reasons.
func (a *app) printIngestReports(reports []ingest.FileReport) {
	for _, r := range reports {
		switch {
		case r.Error != "":
			fmt.Fprintf(a.stdout, "%s: refused (see the error below)\n", r.File)
			continue
		case r.Skipped:
			fmt.Fprintf(a.stdout, "%s: already ingested, skipped\n", r.File)
			continue
		}
		status := ""
		if r.RolledBack {
			status = " — rolled back (--strict)"
		}
		fmt.Fprintf(a.stdout, "%s (%s): %d rows read = %d inserted + %d updated + %d unchanged + %d quarantined%s\n",
			r.File, r.Kind, r.RowsRead, r.Inserted, r.Updated, r.Unchanged, r.Quarantined, status)
		if len(r.QuarantinedByReason) > 0 {
			reasons := make([]string, 0, len(r.QuarantinedByReason))
			for reason, n := range r.QuarantinedByReason {
				reasons = append(reasons, fmt.Sprintf("%s %d", reason, n))
			}
			sort.Strings(reasons)
			fmt.Fprintf(a.stdout, "  quarantined: %s\n", strings.Join(reasons, ", "))
		}
		if r.Released > 0 {
			fmt.Fprintf(a.stdout, "  released %d held row(s) of earlier files\n", r.Released)
		}
		if r.Warnings > 0 {
			fmt.Fprintf(a.stdout, "  %d warning(s) in ingest_warnings\n", r.Warnings)
		}
		for _, c := range r.IgnoredColumns {
			a.warnf("%s: column %q is not used", r.File, c)
		}
	}
}

// progress draws one bar per file on a terminal stderr.
type progress struct {
	a    *app
	file string
	bar  *progressbar.ProgressBar
}

func (a *app) progressBars() *progress { return &progress{a: a} }

func (p *progress) update(file string, done, total int64) {
	if file != p.file {
		p.finish()
		p.file = file
		p.bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(p.a.stderr),
			progressbar.OptionSetDescription(file),
			progressbar.OptionShowBytes(true),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish())
	}
	p.bar.Set64(done)
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
}
