package main

import "github.com/spf13/cobra"

func (a *app) demoCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Run everything on bundled synthetic data",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errNotBuilt
		},
	}
}
