package disclosure

import (
	"math/rand/v2"
	"testing"
)

// A ministry-sized table at its hardest: Lapland's 21 municipalities × 10
// sectors, most cells small, plus margins (about 160 cells hidden).
func BenchmarkProtectMinistrySized(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	interior := make([][]float64, 21)
	for i := range interior {
		interior[i] = make([]float64, 10)
		for j := range interior[i] {
			interior[i][j] = float64(rng.IntN(10))
		}
	}
	for b.Loop() {
		tab := grid(interior)
		if _, err := Protect(tab, rules); err != nil {
			b.Fatal(err)
		}
	}
}
