package main

import "github.com/spf13/cobra"

func (a *app) ingestCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "ingest",
		Short: "Load input files into the database",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errNotBuilt
		},
	}
}
