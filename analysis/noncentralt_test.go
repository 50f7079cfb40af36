package analysis

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// Where AS 243 is exact (ncp below 37, moderate df), the integral must agree
// with gonum's NoncentralT to its 1e-12, over a grid of df, ncp and t.
func TestNoncentralTCDFAgreesWithAS243(t *testing.T) {
	for _, df := range []float64{1, 2, 3, 5, 10, 30, 100, 300, 3000} {
		for _, ncp := range []float64{-20, -5, -1, 0, 0.5, 2, 8, 20, 30, 36} {
			for _, x := range []float64{-40, -10, -3, -1, 0, 0.7, 2, 5, 10, 25, 40, 100} {
				want := distuv.NoncentralT{Nu: df, Mu: ncp}.CDF(x)
				got := NoncentralTCDF(x, df, ncp)
				if math.Abs(got-want) > 2e-12 {
					t.Errorf("CDF(t=%v, df=%v, ncp=%v) = %.15g, AS 243 gives %.15g", x, df, ncp, got, want)
				}
				up := newChiDensity(df).prob(x, ncp, true)
				if math.Abs(up+got-1) > 1e-13 {
					t.Errorf("tails at (t=%v, df=%v, ncp=%v) sum to %.15g", x, df, ncp, up+got)
				}
			}
		}
	}
}

// Where AS 243 is not: at df 30000, ncp 36, t 40 gonum v0.17.0 gives
// 0.999999999999, yet T is nearly normal with mean 36 and SD
// √(1 + 36²/60000), so P(T ≤ 40) is about Φ(3.958) = 0.99996.
func TestNoncentralTCDFWhereAS243Fails(t *testing.T) {
	got := NoncentralTCDF(40, 30000, 36)
	approx := distuv.UnitNormal.CDF(4 / math.Sqrt(1+36.0*36/60000))
	if math.Abs(got-approx) > 1e-5 {
		t.Errorf("CDF = %.12g, normal approximation %.12g", got, approx)
	}
}

// The Gauss–Kronrod rule integrates polynomials up to degree 22 exactly.
func TestGK15Polynomial(t *testing.T) {
	got, _ := gk15(func(x float64) float64 { return math.Pow(x, 22) + x*x*x }, -1, 1)
	if want := 2.0 / 23; math.Abs(got-want) > 1e-15 {
		t.Errorf("∫x^22 = %.17g, want %.17g", got, want)
	}
}

// The tech probe's R check: n1 = n2 = 10, t = 3.7642233238 (df 18) gives the
// Cohen's d interval [0.633966962835, 2.699187632062] by uniroot on pt.
func TestNoncentralTIntervalTwoSample(t *testing.T) {
	lo, hi, err := NoncentralTInterval(3.7642233238, 18, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	scale := math.Sqrt(1.0/10 + 1.0/10)
	if math.Abs(lo*scale-0.633966962835) > 1e-9 || math.Abs(hi*scale-2.699187632062) > 1e-9 {
		t.Errorf("d interval [%.12f, %.12f]", lo*scale, hi*scale)
	}
}

// Large t at small df: the turn of Φ(t·s − ncp) is far narrower than the
// density of S. R's pt() is exact here (ncp < 37): uniroot gives 15.6690223482.
func TestNoncentralTIntervalLargeTSmallDF(t *testing.T) {
	lo, _, err := NoncentralTInterval(500, 1, 0.95)
	if err != nil || math.Abs(lo-15.6690223482) > 1e-8 {
		t.Errorf("lower limit %.12g (%v), R 15.6690223482", lo, err)
	}
}

// At any df and t, the limits must put exactly α/2 in each tail; at large df
// they approach t ± z·√(1 + t²/(2df)).
func TestNoncentralTIntervalTails(t *testing.T) {
	tests := []struct{ t, df float64 }{
		{0, 1}, {25, 1}, {-3, 2}, {56, 4999}, {800, 999999}, {-120, 250000}, {3000, 1e6},
	}
	for _, tt := range tests {
		lo, hi, err := NoncentralTInterval(tt.t, tt.df, 0.95)
		if err != nil {
			t.Errorf("t=%v df=%v: %v", tt.t, tt.df, err)
			continue
		}
		d := newChiDensity(tt.df)
		if p := d.prob(tt.t, lo, true); math.Abs(p-0.025) > 1e-13 {
			t.Errorf("t=%v df=%v: P(T ≥ t | λ_L) = %.15g", tt.t, tt.df, p)
		}
		if p := d.prob(tt.t, hi, false); math.Abs(p-0.025) > 1e-13 {
			t.Errorf("t=%v df=%v: P(T ≤ t | λ_U) = %.15g", tt.t, tt.df, p)
		}
		if tt.df > 1000 {
			w := 1.959964 * math.Sqrt(1+tt.t*tt.t/(2*tt.df))
			if math.Abs(lo-(tt.t-w)) > 0.05*w || math.Abs(hi-(tt.t+w)) > 0.05*w {
				t.Errorf("t=%v df=%v: [%v, %v] far from t ± %v", tt.t, tt.df, lo, hi, w)
			}
		}
	}
}
