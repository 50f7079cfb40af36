package analysis

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// mixedReference is testdata/mixed/reference.json, made by reference.R with
// lmerTest.
type mixedReference struct {
	Datasets []struct {
		Name         string `json:"name"`
		Observations struct {
			Period    []string  `json:"period"`
			Timepoint []string  `json:"timepoint"`
			Score     []float64 `json:"score"`
		} `json:"observations"`
		Expected struct {
			Converged      bool     `json:"converged"`
			Singular       bool     `json:"singular"`
			Theta          float64  `json:"theta"`
			REMLCriterion  float64  `json:"reml_criterion"`
			Sigma2Period   float64  `json:"sigma2_period"`
			Sigma2Residual float64  `json:"sigma2_residual"`
			ICC            float64  `json:"icc"`
			Means          []rMixed `json:"means"`
			Contrasts      []rMixed `json:"contrasts"`
		} `json:"expected"`
	} `json:"datasets"`
}

// rMixed is one contest1D result; Estimate is nil where R has no estimate.
type rMixed struct {
	Timepoint string   `json:"timepoint"`
	Contrast  string   `json:"contrast"`
	Estimate  *float64 `json:"estimate"`
	SE        float64  `json:"se"`
	DF        float64  `json:"df"`
	T         float64  `json:"t"`
	P         float64  `json:"p"`
	CILow     float64  `json:"ci_low"`
	CIHigh    float64  `json:"ci_high"`
}

func readMixedReference(t *testing.T) mixedReference {
	t.Helper()
	var ref mixedReference
	readTestJSON(t, filepath.Join("testdata", "mixed", "reference.json"), &ref)
	if len(ref.Datasets) == 0 {
		t.Fatal("testdata/mixed/reference.json has no datasets")
	}
	return ref
}

// readTestJSON decodes a reference file made by one of the R scripts.
func readTestJSON(t *testing.T, path string, v any) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func timepointIndex(t *testing.T, label string) int {
	t.Helper()
	i := slices.Index(MixedTimepoints[:], label)
	if i < 0 {
		t.Fatalf("unknown time point %q", label)
	}
	return i
}

// mixedCheck checks one number against R with the contract's tolerance
// for its kind: "rel" |got − want| ≤ tol·|want|, "abs" |got − want| ≤ tol,
// "scaled" |got − want| ≤ tol·max(|want|, scale).
type mixedCheck struct {
	field string
	got   *float64
	want  float64
	tol   float64
	scale float64 // for estimates: the SE; 0 means relative to |want|
	abs   bool
}

func (c mixedCheck) verify(t *testing.T, where string) {
	t.Helper()
	if c.got == nil {
		t.Errorf("%s %s = null, R %.10g", where, c.field, c.want)
		return
	}
	diff := math.Abs(*c.got - c.want)
	bound := c.tol
	if !c.abs {
		bound = c.tol * math.Max(math.Abs(c.want), c.scale)
	}
	if !(diff <= bound) {
		t.Errorf("%s %s = %.12g, R %.12g (difference %.3g, allowed %.3g)", where, c.field, *c.got, c.want, diff, bound)
	}
}

// Tolerances against lmerTest. The contract (results.md) allows estimates
// 1e-5 relative to max(|value|, SE), SEs and variances 1e-5, df 1e-3, t 2e-5,
// interval limits 1e-4 relative and p 1e-4 absolute; the implementation is
// held to tighter ones, about ten times what lmerTest's numerical derivatives
// (numDeriv) and optimiser leave as noise, so a change that still met the
// contract by luck (e.g. the expected instead of the observed information)
// would not go unnoticed.
const (
	tolMixedEstimate = 1e-6 // relative to max(|value|, SE); contract 1e-5
	tolMixedSE       = 1e-6 // relative; contract 1e-5
	tolMixedVariance = 1e-5 // relative, as the contract: R's optimum varies in the 7th digit
	tolMixedDF       = 1e-5 // relative; contract 1e-3
	tolMixedT        = 1e-6 // relative; contract 2e-5
	tolMixedCI       = 1e-6 // relative; contract 1e-4
	tolMixedP        = 1e-7 // absolute; contract 1e-4
)

func TestFitRandomInterceptMatchesLmerTest(t *testing.T) {
	ref := readMixedReference(t)
	for _, ds := range ref.Datasets {
		t.Run(ds.Name, func(t *testing.T) {
			o := ds.Observations
			obs := make([]ScoreObservation, len(o.Score))
			periods := map[string]bool{}
			for i := range obs {
				obs[i] = ScoreObservation{Period: o.Period[i], Timepoint: timepointIndex(t, o.Timepoint[i]), Score: o.Score[i]}
				periods[o.Period[i]] = true
			}
			got, err := FitRandomIntercept(obs, MixedOptions{ConfidenceLevel: 0.95})
			if err != nil {
				t.Fatal(err)
			}
			if got.NScores != len(obs) || got.NPeriods != len(periods) {
				t.Errorf("n_scores, n_periods = %d, %d; want %d, %d", got.NScores, got.NPeriods, len(obs), len(periods))
			}
			want := ds.Expected
			if got.Converged != want.Converged {
				t.Fatalf("converged = %v, R %v (warnings %v)", got.Converged, want.Converged, got.Warnings)
			}
			if !want.Converged {
				checkUnfitted(t, got, WarnTooLittleData)
				return
			}
			if hasWarning(got, WarnSingularFit) != want.Singular {
				t.Errorf("singular_fit warning = %v, R isSingular %v", hasWarning(got, WarnSingularFit), want.Singular)
			}
			if want.Singular && (got.Sigma2Period == nil || *got.Sigma2Period != 0) {
				t.Errorf("singular fit: sigma2_period = %v, want exactly 0", got.Sigma2Period)
			}
			mixedCheck{field: "sigma2_residual", got: got.Sigma2Residual, want: want.Sigma2Residual, tol: tolMixedVariance}.verify(t, "")
			mixedCheck{field: "sigma2_period", got: got.Sigma2Period, want: want.Sigma2Period, tol: tolMixedVariance}.verify(t, "")
			mixedCheck{field: "icc", got: got.ICC, want: want.ICC, tol: tolMixedVariance}.verify(t, "")

			for i, w := range want.Means {
				g := got.Means[i]
				if g.Timepoint != w.Timepoint {
					t.Fatalf("means[%d].timepoint = %q, want %q", i, g.Timepoint, w.Timepoint)
				}
				if w.Estimate == nil {
					if !meanIsNull(g) {
						t.Errorf("mean %s: want null estimates, got %+v", w.Timepoint, g)
					}
					if !hasWarning(got, WarnNoScoresAtTimepoint) {
						t.Errorf("mean %s null without a %s warning", w.Timepoint, WarnNoScoresAtTimepoint)
					}
					continue
				}
				where := "mean " + w.Timepoint
				for _, c := range []mixedCheck{
					{field: "estimate", got: g.Estimate, want: *w.Estimate, tol: tolMixedEstimate, scale: w.SE},
					{field: "se", got: g.SE, want: w.SE, tol: tolMixedSE},
					{field: "df", got: g.DF, want: w.DF, tol: tolMixedDF},
					{field: "ci_low", got: g.CILow, want: w.CILow, tol: tolMixedCI},
					{field: "ci_high", got: g.CIHigh, want: w.CIHigh, tol: tolMixedCI},
				} {
					c.verify(t, where)
				}
			}
			for i, w := range want.Contrasts {
				g := got.Contrasts[i]
				if g.Contrast != w.Contrast {
					t.Fatalf("contrasts[%d].contrast = %q, want %q", i, g.Contrast, w.Contrast)
				}
				if w.Estimate == nil {
					if !contrastIsNull(g) {
						t.Errorf("contrast %s: want null estimates, got %+v", w.Contrast, g)
					}
					continue
				}
				where := "contrast " + w.Contrast
				for _, c := range []mixedCheck{
					{field: "estimate", got: g.Estimate, want: *w.Estimate, tol: tolMixedEstimate, scale: w.SE},
					{field: "se", got: g.SE, want: w.SE, tol: tolMixedSE},
					{field: "df", got: g.DF, want: w.DF, tol: tolMixedDF},
					{field: "t", got: g.T, want: w.T, tol: tolMixedT},
					{field: "p", got: g.P, want: w.P, tol: tolMixedP, abs: true},
					{field: "ci_low", got: g.CILow, want: w.CILow, tol: tolMixedCI},
					{field: "ci_high", got: g.CIHigh, want: w.CIHigh, tol: tolMixedCI},
				} {
					c.verify(t, where)
				}
			}

			// The optimum itself: lme4's REML criterion and θ.
			pr, _, err := newREMLProblem(obs)
			if err != nil {
				t.Fatal(err)
			}
			e, err := pr.optimum()
			if err != nil {
				t.Fatal(err)
			}
			d, d1, _ := pr.profiledDeviance(e)
			// The exact optimum: a root of d'(λ) inside, d'(0) ≥ 0 on the boundary.
			if e.lambda == 0 && d1 < 0 || e.lambda > 0 && math.Abs(d1)*e.lambda > 1e-9 {
				t.Errorf("not the REML optimum: λ = %g, d'(λ) = %g", e.lambda, d1)
			}
			if diff := math.Abs(d - want.REMLCriterion); diff > 1e-8*math.Abs(want.REMLCriterion) {
				t.Errorf("REML criterion = %.12g, lme4 %.12g", d, want.REMLCriterion)
			}
			if diff := math.Abs(math.Sqrt(e.lambda) - want.Theta); diff > 1e-6*math.Max(want.Theta, 1e-3) {
				t.Errorf("theta = %.12g, lme4 %.12g", math.Sqrt(e.lambda), want.Theta)
			}
		})
	}
}

func hasWarning(m MixedModel, code string) bool {
	return slices.ContainsFunc(m.Warnings, func(w Warning) bool { return w.Code == code })
}

func meanIsNull(m MixedMean) bool {
	return m.Estimate == nil && m.SE == nil && m.DF == nil && m.CILow == nil && m.CIHigh == nil
}

func contrastIsNull(c MixedContrast) bool {
	return c.Estimate == nil && c.SE == nil && c.DF == nil && c.T == nil && c.P == nil && c.CILow == nil && c.CIHigh == nil
}

// checkUnfitted asserts the contract's shape of a model that was not fitted.
func checkUnfitted(t *testing.T, m MixedModel, code string) {
	t.Helper()
	if m.Converged {
		t.Error("converged = true for a model that was not fitted")
	}
	if !hasWarning(m, code) {
		t.Errorf("warnings %v lack %s", m.Warnings, code)
	}
	if m.Sigma2Period != nil || m.Sigma2Residual != nil || m.ICC != nil {
		t.Errorf("variance components not null: %v %v %v", m.Sigma2Period, m.Sigma2Residual, m.ICC)
	}
	if len(m.Means) != 3 || len(m.Contrasts) != 3 {
		t.Fatalf("%d means and %d contrasts, want 3 and 3", len(m.Means), len(m.Contrasts))
	}
	for _, x := range m.Means {
		if !meanIsNull(x) {
			t.Errorf("mean %s not null: %+v", x.Timepoint, x)
		}
	}
	for _, x := range m.Contrasts {
		if !contrastIsNull(x) {
			t.Errorf("contrast %s not null: %+v", x.Contrast, x)
		}
	}
}

// TestREMLDerivatives checks the analytic derivatives of the REML pieces in
// λ against central differences, at interior points and at the boundary.
func TestREMLDerivatives(t *testing.T) {
	ref := readMixedReference(t)
	for _, ds := range ref.Datasets {
		if !ds.Expected.Converged {
			continue
		}
		o := ds.Observations
		obs := make([]ScoreObservation, len(o.Score))
		for i := range obs {
			obs[i] = ScoreObservation{Period: o.Period[i], Timepoint: timepointIndex(t, o.Timepoint[i]), Score: o.Score[i]}
		}
		pr, _, err := newREMLProblem(obs)
		if err != nil {
			t.Fatal(err)
		}
		for _, lambda := range []float64{0.01, 0.3, 1, 4.5} {
			h := 1e-5 * lambda
			e, errE := pr.eval(lambda)
			lo, errL := pr.eval(lambda - h)
			hi, errH := pr.eval(lambda + h)
			if err := errors.Join(errE, errL, errH); err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name               string
				got, fLo, fHi, tol float64
			}{
				{"f'", e.f1, lo.f, hi.f, 1e-6},
				{"f''", e.f2, lo.f1, hi.f1, 1e-6},
				{"r2'", e.r21, lo.r2, hi.r2, 1e-6},
				{"r2''", e.r22, lo.r21, hi.r21, 1e-6},
			} {
				num := (c.fHi - c.fLo) / (2 * h)
				if math.Abs(c.got-num) > c.tol*math.Max(1, math.Abs(num)) {
					t.Errorf("%s λ=%g: %s analytic %.10g, numeric %.10g", ds.Name, lambda, c.name, c.got, num)
				}
			}
		}
	}
}

// syntheticScores makes n periods with a T0 score and T1, T2 scores present
// with probabilities 0.7 and 0.5: score = mean_t + u + e with σ_u = 3, σ = 2.
func syntheticScores(n int, seed uint64) []ScoreObservation {
	rng := rand.New(rand.NewPCG(seed, 1))
	obs := make([]ScoreObservation, 0, n*22/10)
	present := [3]float64{1, 0.7, 0.5}
	means := [3]float64{20, 22.5, 22}
	for i := range n {
		id := "r" + strconv.Itoa(i)
		u := 3 * rng.NormFloat64()
		for t := range 3 {
			if rng.Float64() < present[t] {
				obs = append(obs, ScoreObservation{Period: id, Timepoint: t, Score: means[t] + u + 2*rng.NormFloat64()})
			}
		}
	}
	return obs
}

// TestMixedModelJSONShape checks the contract's field names and that
// undefined values marshal as null, not 0 or NaN.
func TestMixedModelJSONShape(t *testing.T) {
	obs := []ScoreObservation{
		{"a", TimepointT0, 20}, {"a", TimepointT2, 23.5}, {"b", TimepointT0, 18}, {"b", TimepointT2, 19},
		{"c", TimepointT0, 25}, {"c", TimepointT2, 27.25}, {"d", TimepointT0, 21},
	}
	m, err := FitRandomIntercept(obs, MixedOptions{ConfidenceLevel: 0.95})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]any) []string {
		k := make([]string, 0, len(m))
		for key := range m {
			k = append(k, key)
		}
		slices.Sort(k)
		return k
	}
	wantKeys := []string{"contrasts", "converged", "group", "group_by", "icc", "means", "n_periods", "n_scores", "outcome", "sigma2_period", "sigma2_residual", "warnings"}
	if !slices.Equal(keys(got), wantKeys) {
		t.Errorf("row keys %v, want %v", keys(got), wantKeys)
	}
	means := got["means"].([]any)
	t1 := means[TimepointT1].(map[string]any)
	if !slices.Equal(keys(t1), []string{"ci_high", "ci_low", "df", "estimate", "se", "timepoint"}) || t1["estimate"] != nil || t1["timepoint"] != "T1" {
		t.Errorf("T1 mean without scores: %v", t1)
	}
	if means[TimepointT2].(map[string]any)["estimate"] == nil {
		t.Error("T2 mean is null")
	}
	contrasts := got["contrasts"].([]any)
	for i, name := range []string{"T1-T0", "T2-T0", "T2-T1"} {
		c := contrasts[i].(map[string]any)
		if !slices.Equal(keys(c), []string{"ci_high", "ci_low", "contrast", "df", "estimate", "p", "se", "t"}) || c["contrast"] != name {
			t.Errorf("contrast %d: %v", i, c)
		}
		if (c["estimate"] == nil) != (name != "T2-T0") {
			t.Errorf("contrast %s estimate %v: only T2-T0 is estimable without T1", name, c["estimate"])
		}
	}
	w := got["warnings"].([]any)
	if len(w) == 0 || !slices.Equal(keys(w[0].(map[string]any)), []string{"code", "message"}) {
		t.Errorf("warnings %v", w)
	}
}

func TestFitRandomInterceptRejectsBadInput(t *testing.T) {
	ok := MixedOptions{ConfidenceLevel: 0.95}
	for _, c := range []struct {
		name string
		obs  []ScoreObservation
		opts MixedOptions
	}{
		{"time point 3", []ScoreObservation{{"a", 3, 20}}, ok},
		{"negative time point", []ScoreObservation{{"a", -1, 20}}, ok},
		{"NaN score", []ScoreObservation{{"a", 0, math.NaN()}}, ok},
		{"infinite score", []ScoreObservation{{"a", 0, math.Inf(-1)}}, ok},
		{"no confidence level", []ScoreObservation{{"a", 0, 20}}, MixedOptions{}},
	} {
		if _, err := FitRandomIntercept(c.obs, c.opts); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

// TestFitRandomInterceptIgnoresOrder: the fit must not depend on the order
// of the rows the database returns.
func TestFitRandomInterceptIgnoresOrder(t *testing.T) {
	obs := syntheticScores(500, 11)
	opts := MixedOptions{ConfidenceLevel: 0.95}
	a, err := FitRandomIntercept(obs, opts)
	if err != nil {
		t.Fatal(err)
	}
	shuffled := slices.Clone(obs)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, err := FitRandomIntercept(shuffled, opts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Contrasts {
		x, y := *a.Contrasts[i].Estimate, *b.Contrasts[i].Estimate
		dx, dy := *a.Contrasts[i].DF, *b.Contrasts[i].DF
		if math.Abs(x-y) > 1e-12*math.Abs(x) || math.Abs(dx-dy) > 1e-9*dx {
			t.Errorf("%s: %v (df %v) in order, %v (df %v) shuffled", a.Contrasts[i].Contrast, x, dx, y, dy)
		}
	}
}

// BenchmarkFitRandomIntercept fits the model to 1 000 000 synthetic support
// periods with up to 3 scores each (about 2.2 million scores).
func BenchmarkFitRandomIntercept(b *testing.B) {
	obs := syntheticScores(1_000_000, 1)
	opts := MixedOptions{ConfidenceLevel: 0.95}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, err := FitRandomIntercept(obs, opts)
		if err != nil || !m.Converged {
			b.Fatalf("fit failed: %v %v", err, m.Warnings)
		}
	}
}

// TestFitRandomInterceptDegenerate: data without residual variance have no
// REML optimum; the row says so instead of reporting σ² = 0 as a fit.
func TestFitRandomInterceptDegenerate(t *testing.T) {
	for _, c := range []struct {
		name string
		obs  []ScoreObservation
	}{
		{"all scores equal", []ScoreObservation{{"a", 0, 20}, {"a", 1, 20}, {"b", 0, 20}, {"b", 1, 20}, {"c", 0, 20}}},
		{"period plus time effects exactly", []ScoreObservation{
			{"a", 0, 20}, {"a", 1, 22}, {"b", 0, 15}, {"b", 1, 17}, {"c", 0, 30}, {"c", 1, 32}, {"d", 1, 25}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := FitRandomIntercept(c.obs, MixedOptions{ConfidenceLevel: 0.95})
			if err != nil {
				t.Fatal(err)
			}
			checkUnfitted(t, m, WarnOptimizerFailed)
		})
	}
}

func TestFiniteOrWarn(t *testing.T) {
	var ws []Warning
	if p := finiteOrWarn(&ws, "t", 2.5); p == nil || *p != 2.5 || len(ws) != 0 {
		t.Errorf("finite value: %v, warnings %v", p, ws)
	}
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		ws = nil
		if p := finiteOrWarn(&ws, "df", x); p != nil || len(ws) != 1 || ws[0].Code != WarnNotComputable {
			t.Errorf("%v: %v, warnings %v", x, p, ws)
		}
	}
}
