package analysis

// The REML likelihood of the random-intercept model
//
//	y = Xβ + Zu + ε,  u ~ N(0, σ²_u I),  ε ~ N(0, σ² I),
//
// in lme4's parametrisation (Bates, Mächler, Bolker & Walker 2015, "Fitting
// Linear Mixed-Effects Models Using lme4", J. Stat. Softw. 67(1), section 3):
// θ = σ_u/σ is the relative covariance factor and λ = θ². With one random
// intercept per support period the marginal covariance is block diagonal,
// V = σ²(I + λZZᵀ), and each period's block of n_i scores inverts in closed
// form (Sherman–Morrison):
//
//	(I + λ11ᵀ)⁻¹ = I − w(n_i)·11ᵀ,  w(n) = λ/(1 + λn),  |I + λ11ᵀ| = 1 + λn_i.
//
// Because X codes the time point, every quantity below depends on a period
// only through its counts per time point and the sum of its scores, and
// periods with the same counts ("patterns") can be pooled: after one pass
// over the data each likelihood evaluation costs O(patterns), which for one
// score per period and time point is at most 7 terms, whatever the number of
// referrals.
//
// The fixed effects are the cell means μ_t (one per time point with scores).
// This parametrisation spans the same column space as R's treatment coding
// (intercept = T0, then T1 − T0, T2 − T0) with a unit-triangular change of
// basis of determinant 1, so the REML deviance, the GLS fit and every
// contrast are identical to lmer's.

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// scorePattern pools the support periods that have the same number of
// scores at each time point.
type scorePattern struct {
	counts  []float64 // scores per fitted time point
	size    float64   // scores in one such period, n_k = Σ counts
	periods float64   // number of periods with this pattern, N_k
	sumY    float64   // Σ over those periods of the period's centred score sum
	sumY2   float64   // Σ over those periods of the squared centred score sum
}

// remlProblem holds the sufficient statistics of one fit. Scores are centred
// on their time point's mean, so Xᵀy = 0 and the GLS solution is the
// correction to the raw cell means; this keeps r² = yᵀV⁻¹y − yᵀV⁻¹X β̂ free of
// cancellation when the time points differ much more than the residuals.
type remlProblem struct {
	p        int       // fixed effects: time points with scores
	n        float64   // scores
	cellMean []float64 // raw mean score per fitted time point
	counts   []float64 // scores per fitted time point, the diagonal of XᵀX
	sumY2    float64   // Σ centred y²
	patterns []scorePattern
}

// remlEval is the REML criterion and its first two derivatives in λ at one
// λ, with what the fixed effects and their covariance need.
type remlEval struct {
	lambda float64
	// f = log|I + λZᵀZ| + log|XᵀV⁻¹X| (σ² factored out), the part of the
	// deviance that does not involve the residuals.
	f, f1, f2 float64
	// r2 = (y − Xβ̂)ᵀ(I + λZZᵀ)⁻¹(y − Xβ̂), the penalised residual sum of squares.
	r2, r21, r22 float64
	mInv         *mat.SymDense // (XᵀṼ⁻¹X)⁻¹ with Ṽ = I + λZZᵀ
	m1           *mat.SymDense // d(XᵀṼ⁻¹X)/dλ
	beta         []float64     // GLS correction to the cell means
}

// eval computes the REML pieces at λ ≥ 0. It fails only when XᵀṼ⁻¹X is not
// positive definite, which the data checks before fitting rule out.
func (pr *remlProblem) eval(lambda float64) (remlEval, error) {
	p := pr.p
	m := mat.NewSymDense(p, nil)
	m1 := mat.NewSymDense(p, nil)
	m2 := mat.NewSymDense(p, nil)
	b := make([]float64, p)
	b1 := make([]float64, p)
	b2 := make([]float64, p)
	for t := 0; t < p; t++ {
		m.SetSym(t, t, pr.counts[t])
	}
	q, q1, q2 := pr.sumY2, 0.0, 0.0
	var ld, ld1, ld2 float64 // log|I + λZᵀZ| and its derivatives
	for _, k := range pr.patterns {
		a := 1 + lambda*k.size
		w := lambda / a                 // Sherman–Morrison weight
		w1 := 1 / (a * a)               // dw/dλ
		w2 := -2 * k.size / (a * a * a) // d²w/dλ²
		ld += k.periods * math.Log(a)
		ld1 += k.periods * k.size / a
		ld2 -= k.periods * k.size * k.size / (a * a)
		q -= w * k.sumY2
		q1 -= w1 * k.sumY2
		q2 -= w2 * k.sumY2
		for s := 0; s < p; s++ {
			b[s] -= w * k.sumY * k.counts[s]
			b1[s] -= w1 * k.sumY * k.counts[s]
			b2[s] -= w2 * k.sumY * k.counts[s]
			for t := s; t < p; t++ {
				cc := k.periods * k.counts[s] * k.counts[t]
				m.SetSym(s, t, m.At(s, t)-w*cc)
				m1.SetSym(s, t, m1.At(s, t)-w1*cc)
				m2.SetSym(s, t, m2.At(s, t)-w2*cc)
			}
		}
	}
	var chol mat.Cholesky
	if ok := chol.Factorize(m); !ok {
		return remlEval{}, fmt.Errorf("fixed-effects cross-product not positive definite at λ = %g", lambda)
	}
	mInv := mat.NewSymDense(p, nil)
	if err := chol.InverseTo(mInv); err != nil {
		return remlEval{}, fmt.Errorf("inverting the fixed-effects cross-product at λ = %g: %w", lambda, err)
	}
	bv, b1v, b2v := mat.NewVecDense(p, b), mat.NewVecDense(p, b1), mat.NewVecDense(p, b2)
	beta := mat.NewVecDense(p, nil)
	beta.MulVec(mInv, bv)
	// β' = M⁻¹(b' − M'β)
	tmp := mat.NewVecDense(p, nil)
	tmp.MulVec(m1, beta)
	tmp.SubVec(b1v, tmp)
	beta1 := mat.NewVecDense(p, nil)
	beta1.MulVec(mInv, tmp)

	g := mat.Dot(bv, beta)
	g1 := 2*mat.Dot(b1v, beta) - mat.Inner(beta, m1, beta)
	g2 := 2*mat.Dot(b2v, beta) + 2*mat.Dot(b1v, beta1) - mat.Inner(beta, m2, beta) - 2*mat.Inner(beta1, m1, beta)

	// d log|M| = tr(M⁻¹M'), d² log|M| = tr(M⁻¹M'') − tr(M⁻¹M'M⁻¹M').
	var a1, a2 mat.Dense
	a1.Mul(mInv, m1)
	a2.Mul(mInv, m2)
	var a11 mat.Dense
	a11.Mul(&a1, &a1)

	return remlEval{
		lambda: lambda,
		f:      ld + chol.LogDet(),
		f1:     ld1 + mat.Trace(&a1),
		f2:     ld2 + mat.Trace(&a2) - mat.Trace(&a11),
		r2:     q - g,
		r21:    q1 - g1,
		r22:    q2 - g2,
		mInv:   mInv,
		m1:     m1,
		beta:   beta.RawVector().Data,
	}, nil
}

// dof is n − p, the REML degrees of freedom of the residual variance.
func (pr *remlProblem) dof() float64 { return pr.n - float64(pr.p) }

// profiledDeviance is the REML deviance with β and σ² profiled out
// (Bates et al. 2015, the profiled REML criterion):
//
//	d(λ) = log|I + λZᵀZ| + log|XᵀṼ⁻¹X| + (n − p)(1 + log(2π r²(λ)/(n − p))),
//
// returned with its first and second derivatives in λ.
func (pr *remlProblem) profiledDeviance(e remlEval) (d, d1, d2 float64) {
	nu := pr.dof()
	d = e.f + nu*(1+math.Log(2*math.Pi*e.r2/nu))
	d1 = e.f1 + nu*e.r21/e.r2
	d2 = e.f2 + nu*(e.r22/e.r2-(e.r21/e.r2)*(e.r21/e.r2))
	return d, d1, d2
}

// errNoOptimum reports a REML criterion without a finite minimiser, e.g.
// when the scores of every period are identical so that σ² → 0.
var errNoOptimum = errors.New("the REML criterion has no finite minimum")

// optimum finds the exact REML estimate of λ on [0, ∞).
//
// A grid over the bounded transform φ = θ/(1 + θ) ∈ [0, 1) locates the
// global basin (the REML criterion of unbalanced data need not be convex in
// λ), golden-section search narrows it, and safeguarded Newton steps on
// d'(λ) = 0 polish the root to machine precision, so the result is the
// optimum itself rather than an optimiser's stopping point. A minimum at
// λ = 0 with d'(0) ≥ 0 is returned as exactly 0, the boundary (singular) fit
// lme4 reports.
func (pr *remlProblem) optimum() (remlEval, error) {
	dev := func(lambda float64) (remlEval, float64, float64, float64, error) {
		e, err := pr.eval(lambda)
		if err != nil {
			return e, 0, 0, 0, err
		}
		d, d1, d2 := pr.profiledDeviance(e)
		if math.IsNaN(d) || math.IsInf(d, 0) {
			return e, 0, 0, 0, errNoOptimum
		}
		return e, d, d1, d2, nil
	}
	lambdaOf := func(phi float64) float64 { th := phi / (1 - phi); return th * th }

	const gridPoints = 200
	phiMax := 0.999 // θ up to 999, i.e. ICC up to 1 − 1e-6
	var lo, hi float64
	for {
		best, bestD := 0, math.Inf(1)
		for j := 0; j <= gridPoints; j++ {
			_, d, _, _, err := dev(lambdaOf(phiMax * float64(j) / gridPoints))
			if err != nil {
				return remlEval{}, err
			}
			if d < bestD {
				best, bestD = j, d
			}
		}
		if best == 0 {
			e0, _, d1, _, err := dev(0)
			if err != nil {
				return remlEval{}, err
			}
			if d1 >= 0 {
				return e0, nil
			}
		}
		if best < gridPoints {
			lo = lambdaOf(phiMax * float64(max(best-1, 0)) / gridPoints)
			hi = lambdaOf(phiMax * float64(best+1) / gridPoints)
			break
		}
		// The minimum lies beyond the grid: push the upper end towards θ = ∞.
		if phiMax > 1-1e-9 {
			return remlEval{}, errNoOptimum
		}
		phiMax = 1 - (1-phiMax)/1000
	}

	// Golden-section search on d(λ) within the basin.
	const invPhi = 0.6180339887498949
	a, b := lo, hi
	x1, x2 := b-invPhi*(b-a), a+invPhi*(b-a)
	_, f1, _, _, err := dev(x1)
	if err != nil {
		return remlEval{}, err
	}
	_, f2, _, _, err := dev(x2)
	if err != nil {
		return remlEval{}, err
	}
	for b-a > 1e-7*(1+b) {
		if f1 < f2 {
			b, x2, f2 = x2, x1, f1
			x1 = b - invPhi*(b-a)
			if _, f1, _, _, err = dev(x1); err != nil {
				return remlEval{}, err
			}
		} else {
			a, x1, f1 = x1, x2, f2
			x2 = a + invPhi*(b-a)
			if _, f2, _, _, err = dev(x2); err != nil {
				return remlEval{}, err
			}
		}
	}

	// Newton on d'(λ) = 0, kept inside the basin [lo, hi].
	x := (a + b) / 2
	e, dx, g1, g2, err := dev(x)
	if err != nil {
		return remlEval{}, err
	}
	for iter := 0; iter < 50 && g1 != 0 && g2 > 0; iter++ {
		next := x - g1/g2
		if next < lo || next > hi {
			break
		}
		en, dn, n1, n2, err := dev(next)
		if err != nil {
			return remlEval{}, err
		}
		if math.Abs(n1) >= math.Abs(g1) {
			break // rounding floor reached
		}
		step := math.Abs(next - x)
		x, e, dx, g1, g2 = next, en, dn, n1, n2
		if step <= 4e-16*x {
			break
		}
	}
	if lo == 0 {
		// The basin touches the boundary: keep λ = 0 when it is at least as good,
		// as lme4 does for an estimate within its boundary tolerance.
		e0, d0, _, _, err := dev(0)
		if err != nil {
			return remlEval{}, err
		}
		if d0 <= dx {
			return e0, nil
		}
	}
	return e, nil
}
