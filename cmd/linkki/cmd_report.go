package main

import "github.com/spf13/cobra"

func (a *app) reportCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "report",
		Short: "Write the HTML impact report",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errNotBuilt
		},
	}
}
