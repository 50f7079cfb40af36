//go:build !unix

package benchscale

import "time"

// processCPU is unknown here; benchmarks then report 0 CPU seconds.
func processCPU() time.Duration { return 0 }
