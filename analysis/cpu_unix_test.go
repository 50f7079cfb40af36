//go:build unix

package analysis

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user + system) the process has used, so that a
// benchmark on a shared machine can report work done, not only wall time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
