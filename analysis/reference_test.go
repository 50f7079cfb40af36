package analysis

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// reference is testdata/reference.json, made by testdata/reference.R.
type reference struct {
	Cases []struct {
		Name        string              `json:"name"`
		Pre         []float64           `json:"pre"`
		Post        []float64           `json:"post"`
		Threshold   float64             `json:"threshold"`
		Reliability float64             `json:"reliability"`
		ScaleMax    float64             `json:"scale_max"`
		Expected    map[string]*float64 `json:"expected"`
	} `json:"cases"`
	NoncentralT []struct{ T, DF, NCP, CDF float64 } `json:"noncentral_t"`
	Holm        struct {
		P        []*float64 `json:"p"`
		Adjusted []*float64 `json:"adjusted"`
	} `json:"holm"`
}

func loadReference(t testing.TB) reference {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "reference.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

// Tolerances: the contract allows 1e-6 relative on estimates and 1e-4
// absolute on p-values; the implementation is held to far tighter ones, and
// the d_z interval to the 1e-10 the contract promises.
func tolerance(field string) (rel, abs float64) {
	switch field {
	case "p_t", "p_wilcoxon":
		return 0, 1e-10
	case "d_z_ci_low", "d_z_ci_high":
		return 1e-10, 1e-12
	default:
		return 1e-9, 1e-12
	}
}

func TestAnalyzePairsMatchesR(t *testing.T) {
	ref := loadReference(t)
	if len(ref.Cases) < 15 {
		t.Fatalf("only %d reference cases", len(ref.Cases))
	}
	for _, rc := range ref.Cases {
		t.Run(rc.Name, func(t *testing.T) {
			opt := PairedOptions{ConfidenceLevel: 0.95, Threshold: rc.Threshold, Reliability: rc.Reliability,
				ScaleMax: rc.ScaleMax, SmallN: 30, CeilingShare: 0.15}
			c, err := AnalyzePairs(rc.Pre, rc.Post, opt)
			if err != nil {
				t.Fatal(err)
			}
			got := changeFields(t, c)
			for field, want := range rc.Expected {
				g, ok := got[field]
				if !ok {
					t.Errorf("%s: no such field in Change", field)
					continue
				}
				switch {
				case want == nil && g != nil:
					t.Errorf("%s = %.17g, R says undefined", field, *g)
				case want != nil && g == nil:
					t.Errorf("%s is null, R says %.17g", field, *want)
				case want != nil:
					rel, abs := tolerance(field)
					if diff := math.Abs(*g - *want); diff > abs && diff > rel*math.Abs(*want) {
						t.Errorf("%s = %.17g, R says %.17g (diff %.3g)", field, *g, *want, diff)
					}
				}
			}
			for field, g := range got {
				if _, ok := rc.Expected[field]; !ok && g != nil && field != "p_holm" {
					t.Errorf("%s = %v has no reference value", field, *g)
				}
			}
		})
	}
}

// The sleep data's published Hedges-adjusted d_rm: 0.75 [0.33, 1.17].
func TestSleepDrm(t *testing.T) {
	ref := loadReference(t)
	rc := ref.Cases[0]
	if rc.Name != "sleep" {
		t.Fatalf("first case is %q", rc.Name)
	}
	c, err := AnalyzePairs(rc.Pre, rc.Post, PairedOptions{ConfidenceLevel: 0.95, Threshold: 1, Reliability: 0.86, ScaleMax: 35, SmallN: 30, CeilingShare: 0.15})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		got  *float64
		want float64
	}{{c.DRM, 0.75}, {c.DRMCILow, 0.33}, {c.DRMCIHigh, 1.17}} {
		if x.got == nil || math.Round(*x.got*100)/100 != x.want {
			t.Errorf("d_rm part %v, want %.2f", x.got, x.want)
		}
	}
}

func TestNoncentralTCDFMatchesRIntegral(t *testing.T) {
	for _, p := range loadReference(t).NoncentralT {
		if got := NoncentralTCDF(p.T, p.DF, p.NCP); math.Abs(got-p.CDF) > 1e-11 {
			t.Errorf("CDF(t=%v, df=%v, ncp=%v) = %.15g, R integral %.15g", p.T, p.DF, p.NCP, got, p.CDF)
		}
	}
}

func TestAdjustHolmMatchesR(t *testing.T) {
	h := loadReference(t).Holm
	p := make([]float64, len(h.P))
	for i, x := range h.P {
		p[i] = math.NaN()
		if x != nil {
			p[i] = *x
		}
	}
	got := AdjustHolm(p)
	for i, want := range h.Adjusted {
		switch {
		case want == nil && !math.IsNaN(got[i]):
			t.Errorf("holm[%d] = %v, want NA", i, got[i])
		case want != nil && math.Abs(got[i]-*want) > 1e-15:
			t.Errorf("holm[%d] = %v, want %v", i, got[i], *want)
		}
	}
}

// changeFields turns a Change into its contract fields by their JSON names.
func changeFields(t *testing.T, c Change) map[string]*float64 {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]*float64{}
	for k, v := range raw {
		if k == "warnings" {
			continue
		}
		var x *float64
		if err := json.Unmarshal(v, &x); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		out[k] = x
	}
	return out
}
