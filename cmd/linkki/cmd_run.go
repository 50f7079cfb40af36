package main

import "github.com/spf13/cobra"

func (a *app) runCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "run",
		Short: "Run ingest, build, analyze, report and exports",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errNotBuilt
		},
	}
}
