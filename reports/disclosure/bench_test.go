package disclosure

import (
	"math/rand/v2"
	"testing"
)

// A ministry-sized table: 20 municipalities × 10 sectors with many small
// cells, plus margins.
func BenchmarkProtectMinistrySized(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	interior := make([][]float64, 20)
	for i := range interior {
		interior[i] = make([]float64, 10)
		for j := range interior[i] {
			interior[i][j] = float64(rng.IntN(25))
		}
	}
	for b.Loop() {
		tab := grid(interior)
		if _, err := Protect(tab, rules); err != nil {
			b.Fatal(err)
		}
	}
}
