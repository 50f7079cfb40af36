package analysis

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/linkki-fi/linkki/internal/project"
)

// WriteJSON writes the contract's --json file, {"manifest", "results",
// "mixed_models", "attrition"}, atomically. Numbers keep full double
// precision; undefined values are null.
func (o *Output) WriteJSON(path string) error {
	b, err := json.MarshalIndent(o, "", "  ")
	if err != nil {
		return fmt.Errorf("analysis JSON: %w", err)
	}
	if err := project.WriteFileAtomic(path, append(b, '\n')); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// warningNotes explain the warning codes in the summary's footnotes.
var warningNotes = map[string]string{
	WarnSmallN:             "fewer pairs than the scale authors' minimum (small_n)",
	WarnLowFollowUp:        "under the set share of started periods have a score at the later time point (low_followup)",
	WarnCeiling:            "many pairs at the scale maximum at the earlier time point (ceiling)",
	WarnTooFewPairs:        "fewer than 2 pairs: no statistics (n_below_2)",
	WarnConstantDiff:       "constant differences: no t-test, d_z or d_rm (constant_differences)",
	WarnAllZero:            "all differences zero: no Wilcoxon p (all_differences_zero)",
	WarnConstantPre:        "all earlier scores equal: no r, d_rm or reliable change (constant_pre)",
	WarnConstantPost:       "all later scores equal: no r or d_rm (constant_post)",
	WarnNBelow3:            "fewer than 3 pairs: no d_rm or g_av (n_below_3)",
	WarnZeroAverageSD:      "no variation at either time point: no g_av (zero_average_sd)",
	WarnPerfectCorrelation: "post a linear function of pre with slope ≠ 1: no d_rm (perfect_correlation)",
	WarnNotComputable:      "a statistic could not be computed (not_computable)",
	WarnIntervalFailure:    "the d_z interval could not be found (interval_not_found)",
}

// WriteSummary prints a terminal summary of the results in the manner of
// benchstat: per outcome and contrast one line per group with n, the mean
// change and Hedges-adjusted d_rm with their intervals (~ marks an interval
// that includes zero) and the Holm-adjusted p, with warnings as numbered
// footnotes. The headline (T1−T0 SWEMWBS metric d_rm, all periods) and
// T2−T0 beside it come first.
func (o *Output) WriteSummary(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "linkki analyze: %d started support periods, %d result rows, %d mixed models, %d dropout comparisons\n\n",
		o.Manifest.RowCounts["outcomes_wide"], len(o.Results), len(o.MixedModels), len(o.Attrition))
	for _, c := range []struct{ contrast, label string }{{"T1-T0", "Headline"}, {"T2-T0", "Follow-up"}} {
		for _, r := range o.Results {
			if r.Outcome == "swemwbs_metric" && r.Contrast == c.contrast && r.GroupBy == "all" {
				fmt.Fprintf(&b, "%-10s SWEMWBS metric %s, all: d_rm %s, n = %d\n", c.label+":", r.Contrast, interval(r.DRM, r.DRMCILow, r.DRMCIHigh, false), r.N)
			}
		}
	}
	var notes []string // codes in order of first appearance
	mark := func(ws []Warning) string {
		var m []string
		for _, wr := range ws {
			k := slices.Index(notes, wr.Code)
			if k < 0 {
				notes = append(notes, wr.Code)
				k = len(notes) - 1
			}
			if s := superscript(k + 1); !slices.Contains(m, s) {
				m = append(m, s)
			}
		}
		return strings.Join(m, " ")
	}
	// The mixed model's contrast on all available scores stands beside the
	// complete-pair change, so attrition bias shows as a difference between them.
	type mixedKey struct{ outcome, groupBy, group, contrast string }
	mixed := map[mixedKey]MixedContrast{}
	for _, m := range o.MixedModels {
		for _, c := range m.Contrasts {
			mixed[mixedKey{m.Outcome, m.GroupBy, m.Group, c.Contrast}] = c
		}
	}
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for i, r := range o.Results {
		if i == 0 || r.Outcome != o.Results[i-1].Outcome || r.Contrast != o.Results[i-1].Contrast {
			fmt.Fprintf(tw, "\n%s %s\tn\tmean change\td_rm\tp_holm\tmixed model\n", r.Outcome, r.Contrast)
		}
		label := r.Group
		if r.GroupBy != "all" {
			label = r.GroupBy + ": " + r.Group
		}
		mm := ""
		if c, ok := mixed[mixedKey{r.Outcome, r.GroupBy, r.Group, r.Contrast}]; ok {
			mm = interval(c.Estimate, c.CILow, c.CIHigh, true)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\n", label, r.N,
			interval(r.MeanDiff, r.DiffCILow, r.DiffCIHigh, true), interval(r.DRM, r.DRMCILow, r.DRMCIHigh, false),
			pValue(r.PHolm), mm, mark(r.Warnings))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	trimmed := trailingSpace.ReplaceAllString(b.String(), "\n")
	b.Reset()
	b.WriteString(trimmed)
	if len(notes) > 0 {
		b.WriteString("\n")
	}
	for i, code := range notes {
		note, ok := warningNotes[code]
		if !ok {
			note = code
		}
		fmt.Fprintf(&b, "%s %s\n", superscript(i+1), note)
	}
	fmt.Fprintf(&b, "~ the %g %% interval includes zero\n", 100*o.Manifest.Settings.Outcomes.ConfidenceLevel)
	b.WriteString("mean change: later − earlier, t interval; d_rm: Hedges-adjusted repeated-measures d\n" +
		"(s = sd_diff/√(2(1 − r)), exact J, normal interval); p_holm: paired t-test, Holm within\n" +
		"outcome × contrast × group_by; mixed model: the same contrast estimated from all available\n" +
		"scores (random intercept per support period, REML, Satterthwaite t interval), where fitted.\n" +
		"Every statistic: linkki analyze --json FILE, or the results, mixed_models and attrition tables.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// interval formats "est [lo, hi]" with two decimals (signed for changes),
// "—" for an undefined estimate, and " ~" when the interval includes zero.
func interval(est, lo, hi *float64, signed bool) string {
	if est == nil {
		return "—"
	}
	f := func(x float64) string {
		if signed {
			return fmt.Sprintf("%+.2f", x)
		}
		return fmt.Sprintf("%.2f", x)
	}
	if lo == nil || hi == nil {
		return f(*est)
	}
	s := fmt.Sprintf("%s [%s, %s]", f(*est), f(*lo), f(*hi))
	if *lo <= 0 && *hi >= 0 {
		s += " ~"
	}
	return s
}

// trailingSpace is the padding tabwriter leaves after a row's last cell.
var trailingSpace = regexp.MustCompile(` +\n`)

func pValue(p *float64) string {
	switch {
	case p == nil:
		return "—"
	case *p < 0.001:
		return "<0.001"
	default:
		return fmt.Sprintf("%.3f", math.Round(*p*1000)/1000)
	}
}

func superscript(k int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	sup := []rune(digits)
	var s []rune
	for _, d := range fmt.Sprint(k) {
		s = append(s, sup[d-'0'])
	}
	return string(s)
}
