// Command linkki turns the raw data of social prescribing (hyvinvointilähete)
// programmes into evidence: ingest → build → analyze → report and exports.
//
// main only parses flags and wires the pipeline stages; everything else lives
// in the stage packages.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err))
}
