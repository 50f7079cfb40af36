package main

import "github.com/spf13/cobra"

func (a *app) exportCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "export",
		Short: "Write ministry tables and the research extract",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errNotBuilt
		},
	}
}
