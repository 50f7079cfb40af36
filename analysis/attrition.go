package analysis

// Sensitivity to attrition, part 2: who drops out (results contract,
// "Dropout comparison"). The baseline (T0) scores of started support periods
// that have a later score of the same outcome are compared with those that
// do not: if the two arms differ, complete-pair results describe a selected
// group. Welch's t-test as R's t.test(with, without) (Welch 1947) and Hedges'
// g with the pooled SD and the exact small-sample correction (Hedges & Olkin
// 1985).

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Warning codes of the dropout comparison.
const (
	WarnArmBelow2           = "arm_below_2"          // an arm has fewer than 2 periods
	WarnEssentiallyConstant = "essentially_constant" // R's t.test refuses the data
	WarnZeroPooledSD        = "zero_pooled_sd"       // every baseline score equal within arms: no g
)

// DropoutComparison is one row of "attrition": the baseline scores of the
// periods with a score at LaterTimepoint ("with") against those without.
// Undefined values are nil (JSON null) and come with a warning.
type DropoutComparison struct {
	Outcome        string    `json:"outcome"`
	LaterTimepoint string    `json:"later_timepoint"`
	NWith          int       `json:"n_with"`
	MeanWith       *float64  `json:"mean_with"`
	SDWith         *float64  `json:"sd_with"`
	NWithout       int       `json:"n_without"`
	MeanWithout    *float64  `json:"mean_without"`
	SDWithout      *float64  `json:"sd_without"`
	Diff           *float64  `json:"diff"` // mean_with − mean_without
	DiffCILow      *float64  `json:"diff_ci_low"`
	DiffCIHigh     *float64  `json:"diff_ci_high"`
	T              *float64  `json:"t"`
	DF             *float64  `json:"df"`
	P              *float64  `json:"p"`
	G              *float64  `json:"g"`
	Warnings       []Warning `json:"warnings"`
}

// CompareDropout compares two arms of baseline scores, with − without, and
// returns the row without outcome and later_timepoint, which the caller sets.
//
// Welch's test as R's t.test(with, without):
//
//	se = √(s²_w/n_w + s²_o/n_o),  t = (x̄_w − x̄_o)/se,
//	df = se⁴ / ((s²_w/n_w)²/(n_w − 1) + (s²_o/n_o)²/(n_o − 1)),
//
// two-sided p from Student's t and the interval (t ± t_{1−α/2, df})·se. R
// refuses data whose se is below 10·eps·max(|x̄_w|, |x̄_o|) as "essentially
// constant"; then t, df, p and the interval are nil. Hedges' g is
// (x̄_w − x̄_o)/s_p · J(n_w + n_o − 2) with the pooled SD
// s_p = √(((n_w − 1)s²_w + (n_o − 1)s²_o)/(n_w + n_o − 2)) and the exact
// J of HedgesJ. An arm with fewer than 2 scores leaves everything but the
// n's and means nil (a mean is nil only for an empty arm).
//
// It fails only on malformed input: a score that is not finite or a level
// outside (0, 1).
func CompareDropout(with, without []float64, level float64) (DropoutComparison, error) {
	if !(level > 0 && level < 1) {
		return DropoutComparison{}, fmt.Errorf("dropout comparison: confidence level %v must be in (0, 1)", level)
	}
	for _, arm := range []struct {
		name   string
		scores []float64
	}{{"with", with}, {"without", without}} {
		for i, v := range arm.scores {
			if !finite(v) {
				return DropoutComparison{}, fmt.Errorf("dropout comparison: score %d of the %q arm is not finite (%v)", i+1, arm.name, v)
			}
		}
	}
	nw, no := len(with), len(without)
	row := DropoutComparison{NWith: nw, NWithout: no, Warnings: []Warning{}}
	mw, vw := meanVar(with)
	mo, vo := meanVar(without)
	num := func(name string, x float64) *float64 { return finiteOrWarn(&row.Warnings, name, x) }
	if nw > 0 {
		row.MeanWith = num("mean_with", mw)
	}
	if no > 0 {
		row.MeanWithout = num("mean_without", mo)
	}
	if nw < 2 || no < 2 {
		row.Warnings = append(row.Warnings, Warning{Code: WarnArmBelow2, Message: fmt.Sprintf(
			"%d baseline scores with a later score and %d without: the comparison needs at least 2 in each arm", nw, no)})
		return row, nil
	}
	diff := mw - mo
	row.SDWith, row.SDWithout, row.Diff = num("sd_with", math.Sqrt(vw)), num("sd_without", math.Sqrt(vo)), num("diff", diff)

	sew2, seo2 := vw/float64(nw), vo/float64(no)
	se := math.Sqrt(sew2 + seo2)
	if se < 10*epsilon*math.Max(math.Abs(mw), math.Abs(mo)) || se == 0 {
		row.Warnings = append(row.Warnings, Warning{Code: WarnEssentiallyConstant, Message: "the baseline scores are essentially constant (as R's t.test says): no t-test or interval"})
	} else {
		df := math.Pow(sew2+seo2, 2) / (sew2*sew2/float64(nw-1) + seo2*seo2/float64(no-1))
		t := diff / se
		tdist := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
		q := tdist.Quantile(1 - (1-level)/2)
		row.T, row.DF = num("t", t), num("df", df)
		row.P = num("p", 2*tdist.CDF(-math.Abs(t)))
		// R forms the limits as (t ± q)·se.
		row.DiffCILow, row.DiffCIHigh = num("diff_ci_low", (t-q)*se), num("diff_ci_high", (t+q)*se)
	}

	dfPooled := float64(nw + no - 2)
	sp := math.Sqrt((float64(nw-1)*vw + float64(no-1)*vo) / dfPooled)
	if sp == 0 {
		row.Warnings = append(row.Warnings, Warning{Code: WarnZeroPooledSD, Message: "every baseline score is the same within each arm: Hedges' g is undefined"})
	} else {
		row.G = num("g", diff/sp*HedgesJ(dfPooled))
	}
	return row, nil
}

// DropoutComparisons builds the "attrition" rows of one outcome from its
// long-form scores (outcome_scores of started support periods): for T1 and
// then T2, the T0 scores of the periods with a score at that time point
// against those of the periods without one. Every period with a T0 score is
// in one of the two arms, ongoing ones included (they count as "without");
// the contract's one score per period and time point makes each period one
// value of its arm.
func DropoutComparisons(outcome string, scores []ScoreObservation, level float64) ([]DropoutComparison, error) {
	later := map[string][3]bool{}
	for i, s := range scores {
		if s.Timepoint < TimepointT0 || s.Timepoint > TimepointT2 {
			return nil, fmt.Errorf("dropout comparison %s: score %d (period %q): time point %d outside T0…T2", outcome, i+1, s.Period, s.Timepoint)
		}
		has := later[s.Period]
		has[s.Timepoint] = true
		later[s.Period] = has
	}
	rows := make([]DropoutComparison, 0, 2)
	for _, tp := range []int{TimepointT1, TimepointT2} {
		var with, without []float64
		for _, s := range scores {
			if s.Timepoint != TimepointT0 {
				continue
			}
			if later[s.Period][tp] {
				with = append(with, s.Score)
			} else {
				without = append(without, s.Score)
			}
		}
		row, err := CompareDropout(with, without, level)
		if err != nil {
			return nil, fmt.Errorf("%s, later time point %s: %w", outcome, MixedTimepoints[tp], err)
		}
		row.Outcome, row.LaterTimepoint = outcome, MixedTimepoints[tp]
		rows = append(rows, row)
	}
	return rows, nil
}
