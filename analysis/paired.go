package analysis

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// PairedOptions are the conventions a paired analysis depends on; all come
// from the settings file so the manifest can print them.
type PairedOptions struct {
	ConfidenceLevel float64 // of every interval, e.g. 0.95
	Threshold       float64 // minimal change counted as improved / deteriorated
	Reliability     float64 // test–retest reliability for Jacobson–Truax
	ScaleMax        float64 // scale maximum, for the ceiling warning
	SmallN          int     // n below this gets small_n
	CeilingShare    float64 // share of pairs at ScaleMax (pre) above which ceiling is warned
}

// Warning codes of result rows.
const (
	WarnSmallN             = "small_n"              // n below the scale authors' minimum
	WarnLowFollowUp        = "low_followup"         // few started periods have a later score
	WarnCeiling            = "ceiling"              // many pairs at the scale maximum before
	WarnTooFewPairs        = "n_below_2"            // n < 2: everything but n is null
	WarnConstantDiff       = "constant_differences" // sd_diff = 0 or R's "essentially constant"
	WarnAllZero            = "all_differences_zero" // no non-zero difference for Wilcoxon
	WarnConstantPre        = "constant_pre"         // sd_pre = 0
	WarnConstantPost       = "constant_post"        // sd_post = 0
	WarnNBelow3            = "n_below_3"            // J(1) = 0 makes d_rm and g_av meaningless
	WarnZeroAverageSD      = "zero_average_sd"      // sd_pre = sd_post = 0: no g_av
	WarnPerfectCorrelation = "perfect_correlation"  // r = 1 with varying change: no d_rm
	WarnNotComputable      = "not_computable"       // a statistic came out non-finite
	WarnIntervalFailure    = "interval_not_found"   // the noncentral-t inversion failed
)

// Change is the paired analysis of one sample of (pre, post) pairs: the
// fields of results.md, nil where undefined (with a warning saying why).
type Change struct {
	N                    int      `json:"n"`
	MeanPre              *float64 `json:"mean_pre"`
	SDPre                *float64 `json:"sd_pre"`
	MeanPost             *float64 `json:"mean_post"`
	SDPost               *float64 `json:"sd_post"`
	MeanDiff             *float64 `json:"mean_diff"`
	SDDiff               *float64 `json:"sd_diff"`
	DiffCILow            *float64 `json:"diff_ci_low"`
	DiffCIHigh           *float64 `json:"diff_ci_high"`
	T                    *float64 `json:"t"`
	DF                   *float64 `json:"df"`
	PT                   *float64 `json:"p_t"`
	WilcoxonV            *float64 `json:"wilcoxon_v"`
	PWilcoxon            *float64 `json:"p_wilcoxon"`
	DZ                   *float64 `json:"d_z"`
	DZCILow              *float64 `json:"d_z_ci_low"`
	DZCIHigh             *float64 `json:"d_z_ci_high"`
	DRM                  *float64 `json:"d_rm"`
	DRMCILow             *float64 `json:"d_rm_ci_low"`
	DRMCIHigh            *float64 `json:"d_rm_ci_high"`
	GAv                  *float64 `json:"g_av"`
	GAvCILow             *float64 `json:"g_av_ci_low"`
	GAvCIHigh            *float64 `json:"g_av_ci_high"`
	R                    *float64 `json:"r"`
	Improved             *float64 `json:"improved"`
	Unchanged            *float64 `json:"unchanged"`
	Deteriorated         *float64 `json:"deteriorated"`
	ReliablyImproved     *float64 `json:"reliably_improved"`
	ReliablyDeteriorated *float64 `json:"reliably_deteriorated"`
	// PHolm is Holm's adjustment of PT within a family of rows; AdjustHolm
	// fills it.
	PHolm    *float64  `json:"p_holm"`
	Warnings []Warning `json:"warnings"`
}

func (c *Change) warn(code, format string, args ...any) {
	c.Warnings = append(c.Warnings, Warning{Code: code, Message: fmt.Sprintf(format, args...)})
}

// set stores x in *field, or leaves the field nil with a not_computable
// warning when x is NaN or ±Inf: a safety net, since every rule-based null
// is decided before a value is computed.
func (c *Change) set(field **float64, name string, x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		c.warn(WarnNotComputable, "%s could not be computed (%v)", name, x)
		return
	}
	*field = &x
}

// AnalyzePairs computes every paired statistic of results.md for pre[i],
// post[i] (one pair per support period; change is post − pre). It fails only
// on malformed input (lengths differ, a value is NaN or infinite, bad options).
func AnalyzePairs(pre, post []float64, opt PairedOptions) (Change, error) {
	if len(pre) != len(post) {
		return Change{}, fmt.Errorf("paired analysis: %d pre values but %d post values", len(pre), len(post))
	}
	if !(opt.ConfidenceLevel > 0 && opt.ConfidenceLevel < 1) || !(opt.Reliability > 0 && opt.Reliability < 1) {
		return Change{}, fmt.Errorf("paired analysis: confidence level %v and reliability %v must be in (0, 1)", opt.ConfidenceLevel, opt.Reliability)
	}
	for i := range pre {
		if !finite(pre[i]) || !finite(post[i]) {
			return Change{}, fmt.Errorf("paired analysis: pair %d is not finite (%v, %v)", i+1, pre[i], post[i])
		}
	}
	n := len(pre)
	c := Change{N: n, Warnings: []Warning{}}
	if n < opt.SmallN {
		c.warn(WarnSmallN, "only %d pairs (fewer than %d, the scale authors' minimum)", n, opt.SmallN)
	}
	if atMax := countEqual(pre, opt.ScaleMax); n > 0 && float64(atMax)/float64(n) > opt.CeilingShare {
		c.warn(WarnCeiling, "%d of %d pairs (%.0f %%) were at the scale maximum %v at the earlier time point", atMax, n, 100*float64(atMax)/float64(n), opt.ScaleMax)
	}
	if n < 2 {
		c.warn(WarnTooFewPairs, "fewer than 2 pairs: every statistic except n is undefined")
		return c, nil
	}

	d := make([]float64, n)
	rounded := make([]float64, n)
	for i := range pre {
		d[i] = post[i] - pre[i]
		rounded[i] = round6(d[i])
	}
	meanPre, varPre := meanVar(pre)
	meanPost, varPost := meanVar(post)
	sdPre, sdPost := math.Sqrt(varPre), math.Sqrt(varPost)
	c.set(&c.MeanPre, "mean_pre", meanPre)
	c.set(&c.SDPre, "sd_pre", sdPre)
	c.set(&c.MeanPost, "mean_post", meanPost)
	c.set(&c.SDPost, "sd_post", sdPost)
	c.set(&c.DF, "df", float64(n-1))

	tt, err := PairedTTest(d, opt.ConfidenceLevel)
	c.set(&c.MeanDiff, "mean_diff", tt.MeanDiff)
	c.set(&c.SDDiff, "sd_diff", tt.SDDiff)
	constant := errors.Is(err, ErrConstantDifferences)
	switch {
	case constant:
		c.warn(WarnConstantDiff, "the differences are constant (sd_diff = %g): t, p_t, the difference interval, d_z and d_rm are undefined", tt.SDDiff)
	case err != nil:
		return c, err
	default:
		c.set(&c.T, "t", tt.T)
		c.set(&c.PT, "p_t", tt.P)
		c.set(&c.DiffCILow, "diff_ci_low", tt.CILow)
		c.set(&c.DiffCIHigh, "diff_ci_high", tt.CIHigh)
		dz, err := CohenDz(tt.MeanDiff, tt.SDDiff, n, opt.ConfidenceLevel)
		c.set(&c.DZ, "d_z", dz.Estimate)
		if err != nil {
			c.warn(WarnIntervalFailure, "the d_z interval could not be found: %v", err)
		} else {
			c.set(&c.DZCILow, "d_z_ci_low", dz.CILow)
			c.set(&c.DZCIHigh, "d_z_ci_high", dz.CIHigh)
		}
	}

	w := SignedRank(rounded)
	c.set(&c.WilcoxonV, "wilcoxon_v", w.V)
	if w.NonZero == 0 {
		c.warn(WarnAllZero, "all differences are zero: the Wilcoxon p-value is undefined")
	} else {
		c.set(&c.PWilcoxon, "p_wilcoxon", w.P)
	}

	if sdPre == 0 {
		c.warn(WarnConstantPre, "all earlier scores are equal (sd_pre = 0): r, d_rm and the reliable-change shares are undefined")
	}
	if sdPost == 0 {
		c.warn(WarnConstantPost, "all later scores are equal (sd_post = 0): r and d_rm are undefined")
	}
	r := math.NaN()
	if sdPre > 0 && sdPost > 0 {
		r = pearson(pre, post, meanPre, meanPost)
		c.set(&c.R, "r", r)
	}

	if n < 3 {
		c.warn(WarnNBelow3, "fewer than 3 pairs: d_rm and g_av are undefined (Hedges' J(1) = 0)")
	} else {
		if !constant && r == 1 {
			c.warn(WarnPerfectCorrelation, "r = 1 while the change varies (post is a linear function of pre with slope ≠ 1): d_rm's standardiser sd_diff/√(2(1 − r)) is infinite, d_rm is undefined")
		}
		if !constant && !math.IsNaN(r) && r < 1 {
			es := RepeatedMeasuresD(tt.MeanDiff, tt.SDDiff, r, n, opt.ConfidenceLevel)
			c.set(&c.DRM, "d_rm", es.Estimate)
			c.set(&c.DRMCILow, "d_rm_ci_low", es.CILow)
			c.set(&c.DRMCIHigh, "d_rm_ci_high", es.CIHigh)
		}
		if sdPre == 0 && sdPost == 0 {
			c.warn(WarnZeroAverageSD, "sd_pre and sd_post are both 0: g_av is undefined")
		} else {
			es := AverageVarianceD(tt.MeanDiff, tt.SDDiff, sdPre, sdPost, n, opt.ConfidenceLevel)
			c.set(&c.GAv, "g_av", es.Estimate)
			c.set(&c.GAvCILow, "g_av_ci_low", es.CILow)
			c.set(&c.GAvCIHigh, "g_av_ci_high", es.CIHigh)
		}
	}

	improved, deteriorated := 0, 0
	for _, x := range rounded {
		switch {
		case x >= opt.Threshold:
			improved++
		case x <= -opt.Threshold:
			deteriorated++
		}
	}
	c.set(&c.Improved, "improved", share(improved, n))
	c.set(&c.Unchanged, "unchanged", share(n-improved-deteriorated, n))
	c.set(&c.Deteriorated, "deteriorated", share(deteriorated, n))
	if sdPre > 0 {
		up, down := ReliableChange(rounded, sdPre, opt.Reliability)
		c.set(&c.ReliablyImproved, "reliably_improved", share(up, n))
		c.set(&c.ReliablyDeteriorated, "reliably_deteriorated", share(down, n))
	}
	return c, nil
}

// ErrConstantDifferences is R's t.test refusal "data are essentially
// constant": the standard error of the mean difference is 0 or below
// 10·eps·|mean difference|.
var ErrConstantDifferences = errors.New("data are essentially constant")

// TTest is the paired t-test of R's t.test(post, pre, paired = TRUE): a
// one-sample t-test of d = post − pre with df = n − 1, two-sided
// p = 2·P(T ≤ −|t|) and the interval mean ± t_{1−α/2, df}·SE.
type TTest struct {
	MeanDiff, SDDiff, StdErr, T, DF, P, CILow, CIHigh float64
}

// PairedTTest runs the t-test on the differences d. With fewer than 2
// differences it fails; with constant differences it returns the mean and
// SD and ErrConstantDifferences, as R refuses such data.
func PairedTTest(d []float64, level float64) (TTest, error) {
	n := len(d)
	if n < 2 {
		return TTest{}, fmt.Errorf("paired t-test: %d pairs, need at least 2", n)
	}
	m, v := meanVar(d)
	tt := TTest{MeanDiff: m, SDDiff: math.Sqrt(v), DF: float64(n - 1)}
	tt.StdErr = math.Sqrt(v / float64(n))
	if tt.StdErr == 0 || tt.StdErr < 10*epsilon*math.Abs(m) {
		return tt, ErrConstantDifferences
	}
	tt.T = m / tt.StdErr
	tdist := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: tt.DF}
	tt.P = 2 * tdist.CDF(-math.Abs(tt.T))
	q := tdist.Quantile(1 - (1-level)/2)
	// R forms the limits as (t ± q)·SE, which equals m ± q·SE.
	tt.CILow = (tt.T - q) * tt.StdErr
	tt.CIHigh = (tt.T + q) * tt.StdErr
	return tt, nil
}

// EffectSize is a standardised mean change with its interval and the
// methods that made it.
type EffectSize struct {
	Estimate, CILow, CIHigh float64
	Method                  Method
}

// Method names how an effect size was standardised, corrected and given an
// interval, with the literature it follows.
type Method struct {
	Statistic    string `json:"statistic"`
	Standardiser string `json:"standardiser"`
	Correction   string `json:"correction"`
	Interval     string `json:"interval"`
	Reference    string `json:"reference"`
}

// The methods of the three effect sizes; the run manifest lists them.
var (
	MethodDz = Method{
		Statistic:    "d_z",
		Standardiser: "SD of the differences (sd_diff)",
		Correction:   "none",
		Interval:     "exact inversion of the noncentral t distribution, df = n − 1, λ/√n",
		Reference:    "Cohen 1988; Steiger 2004, Psychological Methods 9:164–182; Lakens 2013",
	}
	MethodDrm = Method{
		Statistic:    "d_rm",
		Standardiser: "sd_diff / √(2(1 − r)) (repeated-measures SD, effectsize repeated_measures_d method rm)",
		Correction:   "Hedges' exact J(n − 1) = Γ(df/2) / (√(df/2) Γ((df − 1)/2)) on the estimate and both limits",
		Interval:     "normal, SE = √((1/n + d²/(2n))·2(1 − r))",
		Reference:    "Cooper, Hedges & Valentine 2009 eq. 12.21; Lakens 2013",
	}
	MethodGav = Method{
		Statistic:    "g_av",
		Standardiser: "√((sd_pre² + sd_post²)/2) (effectsize repeated_measures_d method av)",
		Correction:   "Hedges' exact J(n − 1) on the estimate and both limits",
		Interval:     "normal, SE = (sd_diff/√n) / s",
		Reference:    "Algina & Keselman 2003; Lakens 2013",
	}
)

// CohenDz is d_z = mean_diff / sd_diff (unadjusted) with the exact
// noncentral-t interval: t = d_z·√n is noncentral t with df = n − 1 and
// noncentrality δ = d_z·√n, so the limits are NoncentralTInterval's λ / √n.
func CohenDz(meanDiff, sdDiff float64, n int, level float64) (EffectSize, error) {
	es := EffectSize{Estimate: meanDiff / sdDiff, CILow: math.NaN(), CIHigh: math.NaN(), Method: MethodDz}
	rootN := math.Sqrt(float64(n))
	lo, hi, err := NoncentralTInterval(es.Estimate*rootN, float64(n-1), level)
	if err != nil {
		return es, err
	}
	es.CILow, es.CIHigh = lo/rootN, hi/rootN
	return es, nil
}

// RepeatedMeasuresD is Hedges-adjusted d_rm as effectsize ≥ 0.8.7
// repeated_measures_d(post, pre, method = "rm", adjust = TRUE):
// s = sd_diff / √(2(1 − r)), d = mean_diff / s,
// SE = √((1/n + d²/(2n))·2(1 − r)) (Cooper et al. 2009 eq. 12.21), the
// normal interval d ± z_{1−α/2}·SE, then d and both limits × J(n − 1).
func RepeatedMeasuresD(meanDiff, sdDiff, r float64, n int, level float64) EffectSize {
	nf := float64(n)
	s := sdDiff / math.Sqrt(2*(1-r))
	d := meanDiff / s
	se := math.Sqrt((1/nf + d*d/(2*nf)) * 2 * (1 - r))
	return hedgesNormal(d, se, n, level, MethodDrm)
}

// AverageVarianceD is Hedges-adjusted g_av as repeated_measures_d(post, pre,
// method = "av", adjust = TRUE): s = √((sd_pre² + sd_post²)/2),
// d = mean_diff / s, SE = (sd_diff/√n)/s (Algina & Keselman 2003), the
// normal interval, then d and both limits × J(n − 1).
func AverageVarianceD(meanDiff, sdDiff, sdPre, sdPost float64, n int, level float64) EffectSize {
	s := math.Sqrt((sdPre*sdPre + sdPost*sdPost) / 2)
	d := meanDiff / s
	se := sdDiff / math.Sqrt(float64(n)) / s
	return hedgesNormal(d, se, n, level, MethodGav)
}

func hedgesNormal(d, se float64, n int, level float64, m Method) EffectSize {
	z := distuv.UnitNormal.Quantile(1 - (1-level)/2)
	j := HedgesJ(float64(n - 1))
	return EffectSize{Estimate: d * j, CILow: (d - z*se) * j, CIHigh: (d + z*se) * j, Method: m}
}

// HedgesJ is the exact small-sample correction
// J(df) = Γ(df/2) / (√(df/2)·Γ((df − 1)/2)) (Hedges & Olkin 1985 p. 104),
// computed as √π / (B((df − 1)/2, 1/2)·√(df/2)) through gonum's log-beta,
// which stays accurate at large df. J(1) = 0.
func HedgesJ(df float64) float64 {
	return math.Exp(0.5*math.Log(math.Pi)-mathext.Lbeta((df-1)/2, 0.5)) / math.Sqrt(df/2)
}

// ReliableChange counts the changes that are reliable improvements and
// deteriorations by Jacobson & Truax (1991): z = change / S_diff with
// S_diff = √2 · sd_pre · √(1 − reliability); reliable when z > 1.96 or
// z < −1.96 (strict).
func ReliableChange(change []float64, sdPre, reliability float64) (improved, deteriorated int) {
	sdiff := math.Sqrt2 * sdPre * math.Sqrt(1-reliability)
	for _, x := range change {
		z := x / sdiff
		switch {
		case z > 1.96:
			improved++
		case z < -1.96:
			deteriorated++
		}
	}
	return improved, deteriorated
}

// AdjustHolm returns Holm's step-down adjustment of p (Holm 1979), as R's
// p.adjust(p, "holm"): sorted ascending, p_(i)·(m − i + 1), made
// non-decreasing by a running maximum and capped at 1. NaN entries (null
// p-values) are left out of the family (m counts the others) and stay NaN.
func AdjustHolm(p []float64) []float64 {
	out := make([]float64, len(p))
	idx := make([]int, 0, len(p))
	for i, x := range p {
		out[i] = math.NaN()
		if !math.IsNaN(x) {
			idx = append(idx, i)
		}
	}
	sortIndexBy(idx, p)
	m := len(idx)
	running := 0.0
	for k, i := range idx {
		running = math.Max(running, float64(m-k)*p[i])
		out[i] = math.Min(1, running)
	}
	return out
}

const epsilon = 0x1p-52 // R's .Machine$double.eps

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// round6 rounds to 6 decimals, so differences equal in decimal arithmetic
// (2.51 − 1.25 and 1.26) become the same double.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

func share(k, n int) float64 { return float64(k) / float64(n) }

func countEqual(x []float64, v float64) int {
	k := 0
	for _, y := range x {
		if y == v {
			k++
		}
	}
	return k
}

// meanVar returns the mean and the sample variance (n − 1) the way R's
// mean() and var() do: the mean is refined by the mean residual, so constant
// data give their value exactly and a variance of exactly 0, which the
// constant-data rules depend on.
func meanVar(x []float64) (mean, variance float64) {
	n := float64(len(x))
	for _, v := range x {
		mean += v
	}
	mean /= n
	var resid float64
	for _, v := range x {
		resid += v - mean
	}
	mean += resid / n
	for _, v := range x {
		variance += (v - mean) * (v - mean)
	}
	return mean, variance / (n - 1)
}

// pearson is the correlation of x and y around the given means, clamped to
// [−1, 1] as R's cor() does.
func pearson(x, y []float64, mx, my float64) float64 {
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	return math.Max(-1, math.Min(1, sxy/math.Sqrt(sxx*syy)))
}
