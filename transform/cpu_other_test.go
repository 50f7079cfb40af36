//go:build !unix

package transform

import "time"

// processCPU is unknown here; BenchmarkBuild then reports 0 CPU seconds.
func processCPU() time.Duration { return 0 }
