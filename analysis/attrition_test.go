package analysis

import (
	"math"
	"path/filepath"
	"testing"
)

type attritionReference struct {
	Pairs []struct {
		Name     string            `json:"name"`
		With     []float64         `json:"with"`
		Without  []float64         `json:"without"`
		Expected DropoutComparison `json:"expected"`
	} `json:"pairs"`
	Long struct {
		Observations struct {
			Period    []string  `json:"period"`
			Timepoint []string  `json:"timepoint"`
			Score     []float64 `json:"score"`
		} `json:"observations"`
		Expected []DropoutComparison `json:"expected"`
	} `json:"long"`
}

// Tolerances against R: the contract allows estimates 1e-6 relative and
// p-values 1e-4 absolute; these closed-form statistics are held to far
// tighter ones (R's lgamma-based J agrees with HedgesJ to about 1e-11).
const (
	tolDropoutEstimate = 1e-10
	tolDropoutP        = 1e-12
)

// checkDropout compares a row with R's; fields R leaves out are null.
func checkDropout(t *testing.T, got, want DropoutComparison) {
	t.Helper()
	if got.NWith != want.NWith || got.NWithout != want.NWithout {
		t.Errorf("n_with, n_without = %d, %d; R %d, %d", got.NWith, got.NWithout, want.NWith, want.NWithout)
	}
	for _, f := range []struct {
		name      string
		got, want *float64
		abs       bool
	}{
		{"mean_with", got.MeanWith, want.MeanWith, false},
		{"mean_without", got.MeanWithout, want.MeanWithout, false},
		{"sd_with", got.SDWith, want.SDWith, false},
		{"sd_without", got.SDWithout, want.SDWithout, false},
		{"diff", got.Diff, want.Diff, false},
		{"diff_ci_low", got.DiffCILow, want.DiffCILow, false},
		{"diff_ci_high", got.DiffCIHigh, want.DiffCIHigh, false},
		{"t", got.T, want.T, false},
		{"df", got.DF, want.DF, false},
		{"p", got.P, want.P, true},
		{"g", got.G, want.G, false},
	} {
		switch {
		case f.want == nil && f.got != nil:
			t.Errorf("%s = %.10g, R has none (null)", f.name, *f.got)
		case f.want == nil:
		case f.got == nil:
			t.Errorf("%s = null, R %.10g", f.name, *f.want)
		case f.abs && !(math.Abs(*f.got-*f.want) <= tolDropoutP):
			t.Errorf("%s = %.10g, R %.10g", f.name, *f.got, *f.want)
		case !f.abs && !(math.Abs(*f.got-*f.want) <= tolDropoutEstimate*math.Abs(*f.want)):
			t.Errorf("%s = %.12g, R %.12g (relative difference %.3g)", f.name, *f.got, *f.want, math.Abs(*f.got-*f.want)/math.Abs(*f.want))
		}
	}
	// Every null beyond the n's and means comes with a warning that says why.
	if (got.Diff == nil || got.T == nil || got.G == nil) && len(got.Warnings) == 0 {
		t.Errorf("null statistics without a warning: %+v", got)
	}
}

func readAttritionReference(t *testing.T) attritionReference {
	t.Helper()
	var ref attritionReference
	readTestJSON(t, filepath.Join("testdata", "attrition", "reference.json"), &ref)
	if len(ref.Pairs) == 0 || len(ref.Long.Expected) != 2 {
		t.Fatal("testdata/attrition/reference.json is incomplete")
	}
	return ref
}

func TestCompareDropoutMatchesR(t *testing.T) {
	ref := readAttritionReference(t)
	for _, c := range ref.Pairs {
		t.Run(c.Name, func(t *testing.T) {
			got, err := CompareDropout(c.With, c.Without, 0.95)
			if err != nil {
				t.Fatal(err)
			}
			checkDropout(t, got, c.Expected)
		})
	}
}

func TestDropoutComparisonsFromLongScores(t *testing.T) {
	ref := readAttritionReference(t)
	o := ref.Long.Observations
	scores := make([]ScoreObservation, len(o.Score))
	for i := range scores {
		scores[i] = ScoreObservation{Period: o.Period[i], Timepoint: timepointIndex(t, o.Timepoint[i]), Score: o.Score[i]}
	}
	rows, err := DropoutComparisons("swemwbs_metric", scores, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(ref.Long.Expected) {
		t.Fatalf("%d rows, want %d", len(rows), len(ref.Long.Expected))
	}
	for i, want := range ref.Long.Expected {
		if rows[i].Outcome != "swemwbs_metric" || rows[i].LaterTimepoint != want.LaterTimepoint {
			t.Errorf("row %d is %s %s, want swemwbs_metric %s", i, rows[i].Outcome, rows[i].LaterTimepoint, want.LaterTimepoint)
		}
		checkDropout(t, rows[i], want)
	}
}

func TestCompareDropoutRejectsBadInput(t *testing.T) {
	for _, c := range []struct {
		name          string
		with, without []float64
		level         float64
	}{
		{"NaN score", []float64{1, math.NaN()}, []float64{1, 2}, 0.95},
		{"infinite score", []float64{1, 2}, []float64{math.Inf(1), 2}, 0.95},
		{"level 1", []float64{1, 2}, []float64{1, 2}, 1},
		{"level 0", []float64{1, 2}, []float64{1, 2}, 0},
	} {
		if _, err := CompareDropout(c.with, c.without, c.level); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	if _, err := DropoutComparisons("esis", []ScoreObservation{{Period: "a", Timepoint: 3, Score: 1}}, 0.95); err == nil {
		t.Error("time point 3: no error")
	}
}
