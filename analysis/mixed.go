package analysis

// Sensitivity to attrition, part 1: a linear mixed model on all available
// scores (results contract, "Sensitivity to attrition"). Where complete-pair
// statistics describe only the people who stayed, this model uses every score
// of every started support period,
//
//	score = β0 + β1·[T1] + β2·[T2] + u_period + ε,  u ~ N(0, σ²_u), ε ~ N(0, σ²),
//
// fitted by REML exactly as R's lmerTest::lmer(score ~ timepoint + (1 | period),
// REML = TRUE) with T0 as the reference level: estimated means at T0, T1, T2,
// the contrasts T1-T0, T2-T0, T2-T1 with Satterthwaite degrees of freedom,
// variance components and the intra-class correlation.
//
// References: Bates, Mächler, Bolker & Walker (2015), Fitting linear
// mixed-effects models using lme4, J. Stat. Softw. 67(1); Kuznetsova,
// Brockhoff & Christensen (2017), lmerTest package: tests in linear mixed
// effects models, J. Stat. Softw. 82(13); Satterthwaite (1946), An
// approximate distribution of estimates of variance components, Biometrics
// Bulletin 2(6).

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Time points of a questionnaire, as indices into MixedTimepoints (ScoreObservation.Timepoint).
const (
	TimepointT0 = iota // start of the support period
	TimepointT1        // end of the support period
	TimepointT2        // follow-up, about 3 months after the end
)

// MixedTimepoints are the contract's time point labels, indexed by T0, T1, T2.
var MixedTimepoints = [3]string{"T0", "T1", "T2"}

// mixedContrasts are the contract's contrasts, later − earlier.
var mixedContrasts = [3]struct {
	name           string
	later, earlier int
}{{"T1-T0", TimepointT1, TimepointT0}, {"T2-T0", TimepointT2, TimepointT0}, {"T2-T1", TimepointT2, TimepointT1}}

// Warning codes of the mixed model.
const (
	WarnTooLittleData       = "too_little_data"
	WarnNoScoresAtTimepoint = "no_scores_at_timepoint"
	WarnSingularFit         = "singular_fit"
	WarnOptimizerFailed     = "optimizer_failed"
)

// ScoreObservation is one selected score of a started support period (one
// row of the model table outcome_scores).
type ScoreObservation struct {
	Period    string  // referral_id
	Timepoint int     // TimepointT0, TimepointT1 or TimepointT2
	Score     float64 // finite
}

// MixedOptions configures the mixed-model fit.
type MixedOptions struct {
	ConfidenceLevel float64 // of the t intervals, e.g. 0.95
}

// MixedMean is the model-estimated mean score at one time point.
type MixedMean struct {
	Timepoint string   `json:"timepoint"`
	Estimate  *float64 `json:"estimate"`
	SE        *float64 `json:"se"`
	DF        *float64 `json:"df"`
	CILow     *float64 `json:"ci_low"`
	CIHigh    *float64 `json:"ci_high"`
}

// MixedContrast is a model-estimated change between two time points, later −
// earlier, with its Satterthwaite t-test.
type MixedContrast struct {
	Contrast string   `json:"contrast"`
	Estimate *float64 `json:"estimate"`
	SE       *float64 `json:"se"`
	DF       *float64 `json:"df"`
	T        *float64 `json:"t"`
	P        *float64 `json:"p"`
	CILow    *float64 `json:"ci_low"`
	CIHigh   *float64 `json:"ci_high"`
}

// MixedModel is one row of "mixed_models": the fit for one outcome and group.
// Undefined values are nil (JSON null) and come with a warning.
type MixedModel struct {
	Outcome        string          `json:"outcome"`
	GroupBy        string          `json:"group_by"`
	Group          string          `json:"group"`
	NPeriods       int             `json:"n_periods"`
	NScores        int             `json:"n_scores"`
	Sigma2Period   *float64        `json:"sigma2_period"`
	Sigma2Residual *float64        `json:"sigma2_residual"`
	ICC            *float64        `json:"icc"`
	Converged      bool            `json:"converged"`
	Means          []MixedMean     `json:"means"`
	Contrasts      []MixedContrast `json:"contrasts"`
	Warnings       []Warning       `json:"warnings"`
}

// FitRandomIntercept fits the random-intercept model to the scores of one
// group and returns its row without outcome, group_by and group, which the
// caller sets. Observations may come in any order; a period is identified by
// its Period string.
//
// Too little data (fewer than two periods with two or more scores, or scores
// at fewer than two time points) gives converged = false, nil estimates and
// a too_little_data warning. A time point without scores is left out of the
// model; its mean and the contrasts involving it are nil
// (no_scores_at_timepoint). A between-period variance estimated at its
// boundary is reported as exactly 0 with a singular_fit warning, as lme4
// does. The error reports invalid input only: a time point outside T0…T2, a
// score that is not finite or a confidence level outside (0, 1).
func FitRandomIntercept(obs []ScoreObservation, opts MixedOptions) (MixedModel, error) {
	level := opts.ConfidenceLevel
	if !(level > 0 && level < 1) {
		return MixedModel{}, fmt.Errorf("mixed model: confidence level %g outside (0, 1)", level)
	}
	row := MixedModel{NScores: len(obs), Means: make([]MixedMean, 3), Contrasts: make([]MixedContrast, 3), Warnings: []Warning{}}
	for t, label := range MixedTimepoints {
		row.Means[t].Timepoint = label
	}
	for c, con := range mixedContrasts {
		row.Contrasts[c].Contrast = con.name
	}

	pr, data, err := newREMLProblem(obs)
	if err != nil {
		return MixedModel{}, err
	}
	row.NPeriods = data.periods
	if data.multiScorePeriods < 2 || pr.p < 2 {
		row.Warnings = append(row.Warnings, Warning{Code: WarnTooLittleData, Message: fmt.Sprintf(
			"%d scores from %d support periods (%d with two or more scores) at %d time points: the mixed model needs at least 2 periods with two or more scores and scores at two time points",
			len(obs), data.periods, data.multiScorePeriods, pr.p)})
		return row, nil
	}
	for t, label := range MixedTimepoints {
		if data.column[t] < 0 {
			row.Warnings = append(row.Warnings, Warning{Code: WarnNoScoresAtTimepoint, Message: fmt.Sprintf(
				"no scores at %s: the model is fitted on the other time points, and the %s mean and the contrasts involving %s are not estimated", label, label, label)})
		}
	}

	e, err := pr.optimum()
	if err != nil {
		row.Warnings = append(row.Warnings, Warning{Code: WarnOptimizerFailed, Message: "the REML fit failed: " + err.Error()})
		return row, nil
	}
	fit := newMixedFit(pr, e)
	row.Converged = true
	num := func(name string, x float64) *float64 { return finiteOrWarn(&row.Warnings, name, x) }
	row.Sigma2Residual = num("sigma2_residual", fit.sigma2)
	row.Sigma2Period = num("sigma2_period", fit.sigma2*e.lambda)
	row.ICC = num("icc", e.lambda/(1+e.lambda))
	if e.lambda == 0 {
		row.Warnings = append(row.Warnings, Warning{Code: WarnSingularFit, Message: "singular fit: the between-period variance is estimated at its boundary 0 (no more similarity within a support period than between periods), as lme4 reports it"})
	}

	for t, label := range MixedTimepoints {
		col := data.column[t]
		if col < 0 {
			continue
		}
		l := make([]float64, pr.p)
		l[col] = 1
		est := pr.cellMean[col] + e.beta[col]
		s := fit.satterthwaite(l, level)
		row.Means[t] = MixedMean{Timepoint: label, Estimate: num(label+" mean", est), SE: num(label+" se", s.se),
			DF: num(label+" df", s.df), CILow: num(label+" ci_low", est-s.halfWidth), CIHigh: num(label+" ci_high", est+s.halfWidth)}
	}
	for c, con := range mixedContrasts {
		cl, ce := data.column[con.later], data.column[con.earlier]
		if cl < 0 || ce < 0 {
			continue
		}
		l := make([]float64, pr.p)
		l[cl], l[ce] = 1, -1
		est := (pr.cellMean[cl] + e.beta[cl]) - (pr.cellMean[ce] + e.beta[ce])
		s := fit.satterthwaite(l, level)
		t := est / s.se
		p := 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: s.df}.CDF(-math.Abs(t))
		n := con.name
		row.Contrasts[c] = MixedContrast{Contrast: n, Estimate: num(n+" estimate", est), SE: num(n+" se", s.se),
			DF: num(n+" df", s.df), T: num(n+" t", t), P: num(n+" p", p),
			CILow: num(n+" ci_low", est-s.halfWidth), CIHigh: num(n+" ci_high", est+s.halfWidth)}
	}
	return row, nil
}

// mixedData describes the observations behind a remlProblem.
type mixedData struct {
	periods           int    // periods with at least one score
	multiScorePeriods int    // periods with two or more scores
	column            [3]int // fixed-effect column of each time point, −1 without scores
}

// newREMLProblem pools the observations into per-pattern sufficient
// statistics in two linear passes (time point means, then centred period
// sums).
func newREMLProblem(obs []ScoreObservation) (*remlProblem, mixedData, error) {
	var data mixedData
	var count [3]float64
	var sum [3]float64
	for i, o := range obs {
		if o.Timepoint < TimepointT0 || o.Timepoint > TimepointT2 {
			return nil, data, fmt.Errorf("mixed model: observation %d (period %q): time point %d outside T0…T2", i+1, o.Period, o.Timepoint)
		}
		if math.IsNaN(o.Score) || math.IsInf(o.Score, 0) {
			return nil, data, fmt.Errorf("mixed model: observation %d (period %q): score %v is not finite", i+1, o.Period, o.Score)
		}
		count[o.Timepoint]++
		sum[o.Timepoint] += o.Score
	}
	pr := &remlProblem{n: float64(len(obs))}
	var mean [3]float64
	for t := range count {
		data.column[t] = -1
		if count[t] > 0 {
			data.column[t] = pr.p
			mean[t] = sum[t] / count[t]
			pr.cellMean = append(pr.cellMean, mean[t])
			pr.counts = append(pr.counts, count[t])
			pr.p++
		}
	}

	// Per period: scores at each time point and the sum of centred scores.
	type periodSums struct {
		counts [3]int32
		sumY   float64
	}
	index := make(map[string]int32, len(obs)/2+1)
	periods := make([]periodSums, 0, len(obs)/2+1)
	var i int32 // the current observation's period
	for j, o := range obs {
		// Scores usually arrive grouped by period: look a period up only
		// when it changes.
		if j == 0 || o.Period != obs[j-1].Period {
			var ok bool
			if i, ok = index[o.Period]; !ok {
				i = int32(len(periods))
				index[o.Period] = i
				periods = append(periods, periodSums{})
			}
		}
		y := o.Score - mean[o.Timepoint]
		periods[i].counts[o.Timepoint]++
		periods[i].sumY += y
		pr.sumY2 += y * y
	}
	data.periods = len(periods)

	patternIndex := map[[3]int32]int{}
	for _, ps := range periods {
		k, ok := patternIndex[ps.counts]
		if !ok {
			k = len(pr.patterns)
			patternIndex[ps.counts] = k
			pat := scorePattern{counts: make([]float64, pr.p)}
			for t, c := range ps.counts {
				if data.column[t] >= 0 {
					pat.counts[data.column[t]] = float64(c)
				}
				pat.size += float64(c)
			}
			pr.patterns = append(pr.patterns, pat)
		}
		pat := &pr.patterns[k]
		pat.periods++
		pat.sumY += ps.sumY
		pat.sumY2 += ps.sumY * ps.sumY
	}
	for _, pat := range pr.patterns {
		if pat.size >= 2 {
			data.multiScorePeriods += int(pat.periods)
		}
	}
	// A fixed pattern order keeps the likelihood's sums independent of which
	// period happened to come first.
	slices.SortFunc(pr.patterns, func(a, b scorePattern) int { return slices.Compare(a.counts, b.counts) })
	return pr, data, nil
}

// mixedFit is the REML fit at its optimum with what Satterthwaite's
// approximation needs.
type mixedFit struct {
	pr     *remlProblem
	e      remlEval
	sigma2 float64    // REML residual variance r²/(n − p)
	avar   *mat.Dense // asymptotic covariance of (θ, σ): 2·H⁻¹
}

// newMixedFit computes σ̂² and the covariance of the variance parameters.
//
// lmerTest (Kuznetsova et al. 2017) takes the parameters (θ, σ) of the REML
// deviance
//
//	d(θ, σ) = log|I + θ²ZᵀZ| + log|XᵀṼ⁻¹X| + r²(θ²)/σ² + (n − p)·log(2πσ²)
//
// and their covariance A = 2·H⁻¹, H the observed Hessian of d at the optimum
// (numDeriv::hessian in lmerTest; analytic here, in λ = θ²):
//
//	∂²d/∂σ²  = 6r²/σ⁴ − 2(n − p)/σ²
//	∂²d/∂θ²  = 2(f' + r²'/σ²) + 4θ²(f'' + r²''/σ²)
//	∂²d/∂θ∂σ = −4θ·r²'/σ³
//
// with f = log|I + λZᵀZ| + log|XᵀṼ⁻¹X| and primes d/dλ. As lmerTest does, the
// inverse is the generalised inverse over eigenvalues above 1e-8, which at a
// boundary fit (θ = 0, where ∂²d/∂θ² = 2·d'(0) may vanish) drops the flat
// direction.
func newMixedFit(pr *remlProblem, e remlEval) mixedFit {
	nu := pr.dof()
	s2 := e.r2 / nu
	s := math.Sqrt(s2)
	th := math.Sqrt(e.lambda)
	hss := 6*e.r2/(s2*s2) - 2*nu/s2
	htt := 2*(e.f1+e.r21/s2) + 4*e.lambda*(e.f2+e.r22/s2)
	hts := -4 * th * e.r21 / (s2 * s)
	h := mat.NewSymDense(2, []float64{htt, hts, hts, hss})

	const tol = 1e-8
	var eig mat.EigenSym
	avar := mat.NewDense(2, 2, nil)
	if eig.Factorize(h, true) {
		var vecs mat.Dense
		eig.VectorsTo(&vecs)
		for k, v := range eig.Values(nil) {
			if v <= tol {
				continue
			}
			for i := 0; i < 2; i++ {
				for j := 0; j < 2; j++ {
					avar.Set(i, j, avar.At(i, j)+2*vecs.At(i, k)*vecs.At(j, k)/v)
				}
			}
		}
	}
	return mixedFit{pr: pr, e: e, sigma2: s2, avar: avar}
}

// satterthwaiteResult is the standard error, degrees of freedom and t
// interval half-width of one linear combination of the fixed effects.
type satterthwaiteResult struct {
	se, df, halfWidth float64
}

// satterthwaite gives the Satterthwaite (1946) degrees of freedom of Lᵀβ̂ as
// lmerTest's contest1D computes them:
//
//	v = Lᵀ C(θ, σ) L,  C = σ²(XᵀṼ⁻¹X)⁻¹,
//	df = 2v² / (gᵀ A g),  g = (∂v/∂θ, ∂v/∂σ),
//
// with ∂v/∂σ = 2v/σ and ∂v/∂θ = −2θσ²·LᵀM⁻¹M'M⁻¹L (M = XᵀṼ⁻¹X, M' = dM/dλ;
// lmerTest differentiates numerically with numDeriv::jacobian).
func (f mixedFit) satterthwaite(l []float64, level float64) satterthwaiteResult {
	p := f.pr.p
	lv := mat.NewVecDense(p, l)
	ml := mat.NewVecDense(p, nil)
	ml.MulVec(f.e.mInv, lv) // M⁻¹L
	quad := mat.Dot(lv, ml) // LᵀM⁻¹L
	v := f.sigma2 * quad
	th := math.Sqrt(f.e.lambda)
	g := mat.NewVecDense(2, []float64{
		-2 * th * f.sigma2 * mat.Inner(ml, f.e.m1, ml),
		2 * v / math.Sqrt(f.sigma2),
	})
	df := 2 * v * v / mat.Inner(g, f.avar, g)
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1 - (1-level)/2)
	se := math.Sqrt(v)
	return satterthwaiteResult{se: se, df: df, halfWidth: q * se}
}

// finiteOrWarn returns x as a nullable field, or nil with a not_computable
// warning when x is NaN or ±Inf. It is a safety net: every rule-based null is
// decided before a value is computed, so a non-finite value is a numerical
// failure and must not reach the JSON (which cannot hold it).
func finiteOrWarn(warnings *[]Warning, name string, x float64) *float64 {
	if !finite(x) {
		*warnings = append(*warnings, Warning{Code: WarnNotComputable, Message: fmt.Sprintf("%s could not be computed (%v)", name, x)})
		return nil
	}
	return &x
}
