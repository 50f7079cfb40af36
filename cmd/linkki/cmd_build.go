package main

import "github.com/spf13/cobra"

func (a *app) buildCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "build",
		Short: "Build the outcome tables",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errNotBuilt
		},
	}
}
