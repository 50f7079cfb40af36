package analysis

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// SignedRankTest is the Wilcoxon signed-rank test of R 4.2's
// wilcox.test(d) with its defaults (mu = 0, two-sided, exact = NULL,
// correct = TRUE).
type SignedRankTest struct {
	V       float64 // sum of the (average) ranks of |d| over positive d
	P       float64 // two-sided p; NaN when every d is zero
	NonZero int     // differences left after dropping zeros
	Exact   bool    // exact null distribution rather than the normal approximation
}

// SignedRank runs the test on d as given (the caller rounds d; results.md
// rounds to 6 decimals so decimal ties are ties). As in R's
// wilcox.test.default: zeros are dropped, |d| ranked with average ranks for
// ties, V = Σ ranks of positive d. The p-value is exact (the signed-rank
// distribution by subset-sum counting; p = 2·P(V ≤ v) or 2·P(V ≥ v), capped
// at 1) when fewer than 50 differences remain and there are no ties and no
// zeros; otherwise z = (V − n(n+1)/4 − sign·½) / σ with
// σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over tie groups, p = 2·Φ(−|z|).
//
// Input already ordered by |d| (as Analyze supplies it) sorts in linear time.
func SignedRank(d []float64) SignedRankTest {
	nonZero := make([]float64, 0, len(d))
	for _, x := range d {
		if x != 0 {
			nonZero = append(nonZero, x)
		}
	}
	zeros := len(d) - len(nonZero)
	slices.SortFunc(nonZero, func(a, b float64) int { return cmp.Compare(math.Abs(a), math.Abs(b)) })
	n := len(nonZero)
	res := SignedRankTest{NonZero: n, P: math.NaN()}
	var tieSum float64 // Σ (t³ − t)
	for i := 0; i < n; {
		j := i
		positives := 0
		for j < n && math.Abs(nonZero[j]) == math.Abs(nonZero[i]) {
			if nonZero[j] > 0 {
				positives++
			}
			j++
		}
		t := float64(j - i)
		avgRank := float64(i) + (t+1)/2
		res.V += float64(positives) * avgRank
		tieSum += t*t*t - t
		i = j
	}
	if n == 0 {
		return res
	}
	nf := float64(n)
	if n < 50 && tieSum == 0 && zeros == 0 {
		res.Exact = true
		var p float64
		if res.V > nf*(nf+1)/4 {
			p = signedRankUpper(int(res.V), n)
		} else {
			p = signedRankLower(int(res.V), n)
		}
		res.P = math.Min(1, 2*p)
		return res
	}
	z := res.V - nf*(nf+1)/4
	sigma := math.Sqrt(nf*(nf+1)*(2*nf+1)/24 - tieSum/48)
	correction := 0.5
	switch {
	case z < 0:
		correction = -0.5
	case z == 0:
		correction = 0
	}
	z = (z - correction) / sigma
	res.P = 2 * distuv.UnitNormal.CDF(-math.Abs(z))
	return res
}

// signedRankCounts returns c[s] = the number of subsets of {1, …, n} whose
// sum is s, the null distribution of V times 2ⁿ. For n < 50 the counts stay
// below 2⁵³, so float64 holds them exactly.
func signedRankCounts(n int) []float64 {
	maxSum := n * (n + 1) / 2
	c := make([]float64, maxSum+1)
	c[0] = 1
	for k := 1; k <= n; k++ {
		for s := k * (k + 1) / 2; s >= k; s-- {
			c[s] += c[s-k]
		}
	}
	return c
}

// signedRankLower is P(V ≤ v) (R's psignrank(v, n)).
func signedRankLower(v, n int) float64 {
	c := signedRankCounts(n)
	var k float64
	for s := 0; s <= v && s < len(c); s++ {
		k += c[s]
	}
	return k / math.Ldexp(1, n)
}

// signedRankUpper is P(V ≥ v) (R's psignrank(v − 1, n, lower.tail = FALSE)).
func signedRankUpper(v, n int) float64 {
	c := signedRankCounts(n)
	var k float64
	for s := max(v, 0); s < len(c); s++ {
		k += c[s]
	}
	return k / math.Ldexp(1, n)
}

// sortIndexBy sorts idx by key[idx[i]] ascending, keeping equal keys in
// index order.
func sortIndexBy(idx []int, key []float64) {
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(key[a], key[b]) })
}
