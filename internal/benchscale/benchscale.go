// Package benchscale is shared by linkki's stage benchmarks: the data size
// they run at (LINKKI_BENCH_REFERRALS) and the CPU time they report, which
// stays meaningful when other work shares the machine.
package benchscale

import (
	"os"
	"strconv"
	"testing"
	"time"
)

// Referrals is the benchmark size: LINKKI_BENCH_REFERRALS, or def.
func Referrals(b *testing.B, def int) int {
	v := os.Getenv("LINKKI_BENCH_REFERRALS")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("LINKKI_BENCH_REFERRALS=%q is not a positive number", v)
	}
	return n
}

// Meter measures the process CPU time of a benchmark's loop.
type Meter struct{ start time.Duration }

// Start begins measuring; call it right before the benchmark loop.
func Start() Meter { return Meter{processCPU()} }

// Report adds cpu-s/op and referrals/s for n referrals per operation.
func (m Meter) Report(b *testing.B, n int) {
	b.ReportMetric((processCPU()-m.start).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "referrals/s")
}
