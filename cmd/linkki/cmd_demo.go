package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/linkki-fi/linkki/ingest"
	"github.com/linkki-fi/linkki/internal/synth"
)

func (a *app) demoCmd() *cobra.Command {
	var p pipelineOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run everything on bundled synthetic data",
		Long: `Demo synthesises the bundled demo dataset (data/demo.toml: a small Lapland
programme over three years), then runs the whole pipeline on it as linkki run
does, in its own temporary folder with its own database and pseudonym key, so
it never touches your data, your --db or your key. It prints where the report,
the exports and the manifest are.`,
		Example: `  linkki demo
  linkki demo --lang en --out /tmp/linkki-demo`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := p.validate(); err != nil {
				return err
			}
			opts, err := synth.DemoOptions()
			if err != nil {
				return err
			}
			work, err := os.MkdirTemp("", "linkki-demo-")
			if err != nil {
				return err
			}
			if p.out == "" {
				p.out = filepath.Join(work, "out")
			}
			inputs := filepath.Join(work, "inputs")
			m, err := synth.Generate(cmd.Context(), inputs, opts)
			if err != nil {
				return fmt.Errorf("demo: synthesise: %w", err)
			}
			a.infof("synthesised %d referrals (seed %d) into %s", opts.Referrals, opts.Seed, inputs)
			files := make([]string, len(m.Files))
			for i, f := range m.Files {
				files[i] = filepath.Join(inputs, f.Name)
			}
			// The demo's own database and key: never the user's.
			a.dbPath = filepath.Join(work, "demo.duckdb")
			a.settings.Pseudonym.KeyFile = filepath.Join(work, "demo.key")
			if err := a.runPipeline(cmd.Context(), p, files, ingest.Options{IgnoreKeyEnv: true}); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "\nThe demo report is %s\n", filepath.Join(p.out, reportFile))
			return nil
		},
	}
	p.flags(cmd, "")
	return cmd
}
