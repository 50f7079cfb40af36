//go:build !unix

package analysis

import "time"

// processCPU is unknown here; BenchmarkAnalyze then reports 0 CPU seconds.
func processCPU() time.Duration { return 0 }
