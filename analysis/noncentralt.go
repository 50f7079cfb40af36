package analysis

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// NoncentralTCDF returns P(T ≤ t) for T noncentral t with df ≥ 1 degrees of
// freedom and noncentrality ncp, to about 1e-13 absolute at any df and ncp
// (tests: against AS 243 where it is exact, and against an independent
// integration in R, testdata/reference.R).
//
// T = (Z + ncp)/S with Z standard normal and S = √(χ²_df/df) independent, so
//
//	P(T ≤ t) = E[Φ(t·S − ncp)] = ∫₀^∞ Φ(t·s − ncp) f_S(s) ds,
//
// which is integrated numerically: adaptive Gauss–Kronrod over the range
// where f_S is above e⁻⁵⁰ of its mode, split at the mode and around where
// t·s = ncp. f_S(s) ∝ s^(df−1) exp(−df·s²/2) is used unnormalised and
// divided by its own integral, which avoids the cancellation of lgamma(df/2)
// against (df/2)·ln(df/2) at large df.
//
// Why not gonum's distuv.NoncentralT.CDF or R's pt(): both use AS 243 (Lenth
// 1989), which switches to a normal approximation for ncp above about 37
// with errors around 1e-6, too coarse for interval limits that must match
// an exact inversion (Steiger 2004) to 1e-10.
func NoncentralTCDF(t, df, ncp float64) float64 {
	if !(df >= 1) {
		return math.NaN()
	}
	return newChiDensity(df).prob(t, ncp, false)
}

// prob returns P(T ≤ t), or P(T ≥ t) when upper is set, for T noncentral t
// with d.df degrees of freedom. Each tail is integrated directly
// (Φ(ncp − t·s) for the upper) so small tail probabilities keep their
// relative accuracy.
func (d chiDensity) prob(t, ncp float64, upper bool) float64 {
	if math.IsNaN(t) || math.IsNaN(ncp) || math.IsInf(ncp, 0) {
		return math.NaN()
	}
	if math.IsInf(t, 0) {
		if (t > 0) != upper {
			return 1
		}
		return 0
	}
	sign := 1.0
	if upper {
		sign = -1
	}
	f := func(s float64) float64 {
		return distuv.UnitNormal.CDF(sign*(t*s-ncp)) * d.weight(s)
	}
	cuts := []float64{d.lo, d.hi, d.mode}
	if t != 0 {
		// Φ(t·s − ncp) turns from 0 to 1 within about ±40/|t| of s = ncp/t;
		// when that is narrow against the density, a rule's nodes can miss
		// it entirely, so the turn gets its own pieces.
		at, w := ncp/t, 1/math.Abs(t)
		for _, c := range []float64{0, -0.5, 0.5, -2, 2, -8, 8, -40, 40} {
			cuts = append(cuts, at+c*w)
		}
	}
	cuts = slices.DeleteFunc(cuts, func(c float64) bool { return c < d.lo || c > d.hi })
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	tol := 1e-15 * d.norm / float64(len(cuts)-1)
	var p float64
	for i := 0; i+1 < len(cuts); i++ {
		p += integrate(f, cuts[i], cuts[i+1], tol)
	}
	return math.Min(1, math.Max(0, p/d.norm))
}

// chiDensity is the unnormalised density of S = √(χ²_df/df), scaled to 1
// at its mode, with the range that holds all but a negligible part of it.
type chiDensity struct {
	df, mode float64
	lo, hi   float64 // where the log-density is 50 below the mode
	norm     float64 // ∫ weight over [lo, hi]
}

func newChiDensity(df float64) chiDensity {
	const depth = 50 // e⁻⁵⁰ ≈ 2e-22 of the peak
	d := chiDensity{df: df, mode: math.Sqrt((df - 1) / df)}
	below := func(s float64) float64 { return d.logWeight(s) + depth }
	// The log-density is concave, so each side has one crossing.
	hi := d.mode + 1
	for below(hi) > 0 {
		hi = d.mode + 2*(hi-d.mode)
	}
	d.hi, _ = brentRoot(below, d.mode, hi, 1e-12)
	if df > 1 {
		d.lo, _ = brentRoot(below, 0x1p-1000, d.mode, 1e-14)
		if d.lo < 0 || below(0x1p-1000) > 0 {
			d.lo = 0
		}
	}
	// The density is 1 at its mode and about 1/√(2df) wide (√(π/2) at df 1).
	scale := math.Min(1.3, math.Sqrt(math.Pi/df))
	for _, piece := range [][2]float64{{d.lo, d.mode}, {d.mode, d.hi}} {
		if piece[1] > piece[0] {
			d.norm += integrate(d.weight, piece[0], piece[1], 1e-16*scale)
		}
	}
	return d
}

// logWeight is ln f_S(s) − ln f_S(mode) = (df−1)·ln(s/mode) − df·(s² − mode²)/2.
// With x = s/mode − 1 and df·mode² = df − 1 this is
// (df−1)·(ln(1+x) − x − x²/2), evaluated by its series near the mode, where
// the direct form would cancel to noise of about eps·df.
func (d chiDensity) logWeight(s float64) float64 {
	if d.df == 1 {
		return -s * s / 2
	}
	if s <= 0 {
		return math.Inf(-1)
	}
	x := (s - d.mode) / d.mode
	if math.Abs(x) > 0.25 {
		return (d.df - 1) * (math.Log1p(x) - x - x*x/2)
	}
	// ln(1+x) − x − x²/2 = −x² + x³/3 − x⁴/4 + …
	sum, term := -x*x, -x*x
	for k := 3; k < 60; k++ {
		term *= -x
		next := sum + term/float64(k)
		if next == sum {
			break
		}
		sum = next
	}
	return (d.df - 1) * sum
}

func (d chiDensity) weight(s float64) float64 { return math.Exp(d.logWeight(s)) }

// NoncentralTInterval returns the confidence limits for the noncentrality
// parameter of a noncentral t distribution with df degrees of freedom given
// an observed t (Steiger & Fouladi 1997; Steiger 2004, "Beyond the F test",
// Psychological Methods 9:164–182): the lower limit λ_L solves
// P(T ≥ t | λ_L) = α/2 and the upper limit λ_U solves P(T ≤ t | λ_U) = α/2,
// with α = 1 − level. Both tail probabilities are monotone in λ, so each
// limit is bracketed by stepping out from t and refined by Brent's method
// to 1e-13 relative.
func NoncentralTInterval(t, df, level float64) (lo, hi float64, err error) {
	if math.IsNaN(t) || math.IsInf(t, 0) || !(df >= 1) || !(level > 0 && level < 1) {
		return math.NaN(), math.NaN(), fmt.Errorf("noncentral t interval: need finite t, df ≥ 1 and 0 < level < 1 (t=%v df=%v level=%v)", t, df, level)
	}
	half := (1 - level) / 2
	// The sampling SD of t around λ is about √(1 + λ²/(2df)): a natural step.
	step := math.Sqrt(1 + t*t/(2*df))
	tol := 1e-13 * math.Max(1, math.Abs(t))
	dens := newChiDensity(df)
	lower := func(ncp float64) float64 { return dens.prob(t, ncp, true) - half }
	upper := func(ncp float64) float64 { return dens.prob(t, ncp, false) - half }
	lo, err = bracketAndSolve(lower, t, -step, tol)
	if err != nil {
		return math.NaN(), math.NaN(), fmt.Errorf("noncentral t lower limit (t=%v df=%v): %w", t, df, err)
	}
	hi, err = bracketAndSolve(upper, t, step, tol)
	if err != nil {
		return math.NaN(), math.NaN(), fmt.Errorf("noncentral t upper limit (t=%v df=%v): %w", t, df, err)
	}
	return lo, hi, nil
}

// bracketAndSolve finds the root of f, which changes sign somewhere in the
// direction of step from start, by doubling the step until the sign changes
// and then running Brent's method on the last interval.
func bracketAndSolve(f func(float64) float64, start, step, tol float64) (float64, error) {
	a, fa := start, f(start)
	for i := 0; i < 60; i++ {
		b := a + step
		fb := f(b)
		if math.IsNaN(fb) {
			return math.NaN(), errors.New("tail probability is not defined")
		}
		if (fa > 0) != (fb > 0) || fb == 0 {
			if a > b {
				a, b = b, a
			}
			return brentRoot(f, a, b, tol)
		}
		a, fa = b, fb
		step *= 2
	}
	return math.NaN(), errNoBracket
}
