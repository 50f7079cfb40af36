package main

import "github.com/spf13/cobra"

func (a *app) synthCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "synth",
		Short: "Write synthetic input files",
		RunE: func(cmd *cobra.Command, args []string) error {
			return errNotBuilt
		},
	}
}
