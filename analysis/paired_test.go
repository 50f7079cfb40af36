package analysis

import (
	"math"
	"slices"
	"testing"
)

var testOptions = PairedOptions{ConfidenceLevel: 0.95, Threshold: 3, Reliability: 0.86, ScaleMax: 35, SmallN: 30, CeilingShare: 0.15}

// Every null rule of results.md comes with its warning, and only then.
func TestAnalyzePairsWarnings(t *testing.T) {
	tests := []struct {
		name      string
		pre, post []float64
		want      []string
		null      []string // fields that must be nil
		set       []string // fields that must be set
	}{
		{name: "n=0", want: []string{WarnSmallN, WarnTooFewPairs}, null: []string{"mean_pre", "wilcoxon_v", "improved"}},
		{name: "n=1", pre: []float64{20}, post: []float64{22}, want: []string{WarnSmallN, WarnTooFewPairs}, null: []string{"mean_pre", "df"}},
		{name: "n=2", pre: []float64{20, 21}, post: []float64{22, 27}, want: []string{WarnSmallN, WarnNBelow3},
			null: []string{"d_rm", "g_av", "g_av_ci_low"}, set: []string{"t", "d_z_ci_high", "r", "reliably_improved"}},
		{name: "constant change", pre: []float64{14.08, 17.43, 19.98, 23.21}, post: []float64{16.08, 19.43, 21.98, 25.21},
			want: []string{WarnSmallN, WarnConstantDiff}, null: []string{"t", "p_t", "diff_ci_low", "d_z", "d_z_ci_low", "d_rm"},
			set: []string{"g_av", "r", "wilcoxon_v", "p_wilcoxon", "df"}},
		{name: "no change", pre: []float64{14, 17, 19}, post: []float64{14, 17, 19},
			want: []string{WarnSmallN, WarnConstantDiff, WarnAllZero}, null: []string{"p_wilcoxon", "t"}, set: []string{"wilcoxon_v", "g_av"}},
		{name: "ceiling and constant pre", pre: []float64{35, 35, 35, 35}, post: []float64{35, 30, 32, 29},
			want: []string{WarnSmallN, WarnCeiling, WarnConstantPre}, null: []string{"r", "d_rm", "reliably_improved", "reliably_deteriorated"},
			set: []string{"d_z", "g_av", "improved"}},
		{name: "constant post", pre: []float64{20, 23, 19, 26}, post: []float64{22, 22, 22, 22},
			want: []string{WarnSmallN, WarnConstantPost}, null: []string{"r", "d_rm"}, set: []string{"g_av", "reliably_improved"}},
		{name: "perfect correlation", pre: []float64{10, 12, 15, 20}, post: []float64{20, 24, 30, 40},
			want: []string{WarnSmallN, WarnPerfectCorrelation}, null: []string{"d_rm", "d_rm_ci_low"}, set: []string{"r", "d_z", "g_av"}},
		{name: "both constant", pre: []float64{20, 20, 20}, post: []float64{22, 22, 22},
			want: []string{WarnSmallN, WarnConstantDiff, WarnConstantPre, WarnConstantPost, WarnZeroAverageSD},
			null: []string{"g_av", "r", "d_z"}, set: []string{"improved", "wilcoxon_v"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := AnalyzePairs(tt.pre, tt.post, testOptions)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, w := range c.Warnings {
				codes = append(codes, w.Code)
			}
			if !slices.Equal(codes, tt.want) {
				t.Errorf("warnings %v, want %v", codes, tt.want)
			}
			fields := changeFields(t, c)
			for _, f := range tt.null {
				if fields[f] != nil {
					t.Errorf("%s = %v, want null", f, *fields[f])
				}
			}
			for _, f := range tt.set {
				if fields[f] == nil {
					t.Errorf("%s is null", f)
				}
			}
		})
	}
}

func TestAnalyzePairsRejectsBadInput(t *testing.T) {
	for name, tt := range map[string]struct {
		pre, post []float64
		opt       PairedOptions
	}{
		"lengths": {[]float64{1, 2}, []float64{1}, testOptions},
		"NaN":     {[]float64{1, math.NaN()}, []float64{1, 2}, testOptions},
		"Inf":     {[]float64{1, 2}, []float64{math.Inf(1), 2}, testOptions},
		"level":   {[]float64{1, 2}, []float64{1, 2}, PairedOptions{ConfidenceLevel: 95, Reliability: 0.8}},
	} {
		if _, err := AnalyzePairs(tt.pre, tt.post, tt.opt); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestSignedRank(t *testing.T) {
	tests := []struct {
		name    string
		d       []float64
		v, p    float64
		exact   bool
		nonZero int
	}{
		// wilcox.test(c(1.5, -0.5, 2.25, 3, -4.125, 5)): V = 15, p = 0.4375 (exact).
		{"exact", []float64{1.5, -0.5, 2.25, 3, -4.125, 5}, 15, 0.4375, true, 6},
		// All positive, exact: p = 2/2^5.
		{"extreme", []float64{1, 2, 3, 4, 5}, 15, 0.0625, true, 5},
		// A zero forces the normal approximation: wilcox.test(c(0, 1, 2, 3)) V = 6, p = 0.1814492.
		{"zero", []float64{0, 1, 2, 3}, 6, 0.18144920772142, false, 3},
		{"all zero", []float64{0, 0}, 0, math.NaN(), false, 0},
	}
	for _, tt := range tests {
		got := SignedRank(tt.d)
		if got.V != tt.v || got.Exact != tt.exact || got.NonZero != tt.nonZero ||
			!(math.Abs(got.P-tt.p) < 1e-12 || math.IsNaN(got.P) && math.IsNaN(tt.p)) {
			t.Errorf("%s: %+v, want V %v p %v exact %v", tt.name, got, tt.v, tt.p, tt.exact)
		}
	}
	// 50 distinct non-zero differences: normal approximation, as in R.
	d := make([]float64, 50)
	for i := range d {
		d[i] = float64(i + 1)
		if i%3 == 0 {
			d[i] = -d[i]
		}
	}
	if SignedRank(d).Exact {
		t.Error("n = 50 used the exact distribution")
	}
	if !SignedRank(d[:49]).Exact {
		t.Error("n = 49 without ties did not use the exact distribution")
	}
}

func TestHedgesJ(t *testing.T) {
	// domain-facts.md §8: J(5), J(10), J(17) from reproducer's docs, J(29), J(99).
	for df, want := range map[float64]float64{5: 0.8407487, 10: 0.9227456, 17: 0.9551115, 29: 0.9738750, 99: 0.9924019} {
		if got := HedgesJ(df); math.Abs(got-want) > 5e-8 {
			t.Errorf("J(%v) = %.8f, want %.7f", df, got, want)
		}
	}
	if HedgesJ(1) != 0 {
		t.Errorf("J(1) = %v, want 0", HedgesJ(1))
	}
}

func TestRound6MakesDecimalTies(t *testing.T) {
	if a, b := round6(2.51-1.25), round6(1.26); a != b {
		t.Errorf("round6(2.51 − 1.25) = %v, round6(1.26) = %v", a, b)
	}
}
