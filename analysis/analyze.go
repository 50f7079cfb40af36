package analysis

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/linkki-fi/linkki/internal/project"
)

// Outcomes are the analysed outcomes, in report order.
var Outcomes = []string{"swemwbs_metric", "swemwbs_raw", "esis"}

// Contrast is a pair of time points, change = later − earlier.
type Contrast struct {
	Name           string
	Earlier, Later int // TimepointT0, TimepointT1, TimepointT2
}

// Contrasts are the analysed contrasts, in report order.
var Contrasts = []Contrast{
	{"T1-T0", TimepointT0, TimepointT1},
	{"T2-T0", TimepointT0, TimepointT2},
	{"T2-T1", TimepointT1, TimepointT2},
}

// GroupBys are the subgroupings of results.md, in report order.
var GroupBys = []string{"all", "municipality", "referrer_sector", "reason", "gender", "age_band"}

// mixedOutcomes and mixedGroupBys are where the attrition sensitivity
// analyses run (results.md, "Sensitivity to attrition").
var (
	mixedOutcomes = []string{"swemwbs_metric", "esis"}
	mixedGroupBys = []string{"all", "municipality"}
)

// Result is one row of the results contract: the paired change of one
// outcome and contrast in one group.
type Result struct {
	Outcome  string `json:"outcome"`
	Contrast string `json:"contrast"`
	GroupBy  string `json:"group_by"`
	Group    string `json:"group"`
	Change
}

// Output is everything `linkki analyze` produces; its JSON form is the
// contract's --json file.
type Output struct {
	Manifest    Manifest            `json:"manifest"`
	Results     []Result            `json:"results"`
	MixedModels []MixedModel        `json:"mixed_models"`
	Attrition   []DropoutComparison `json:"attrition"`
}

// Manifest says what an analysis used: linkki's version, the settings (every
// convention), the hashes of the ingested files, the time of the run and
// the effect-size methods.
type Manifest struct {
	project.Manifest
	Methods []Method `json:"methods"`
}

// Analyze reads the model table outcomes_wide (and the ingest_files
// registry for the manifest) from db, computes every results row, the mixed
// models and the dropout comparisons, and replaces the results, mixed_models
// and attrition tables and appends to analysis_runs. The caller owns db,
// which must be writable.
func Analyze(ctx context.Context, db *sql.DB, s project.Settings) (*Output, error) {
	out, err := compute(ctx, db, s, time.Now().UTC())
	if err != nil {
		return nil, err
	}
	if err := store(ctx, db, out); err != nil {
		return nil, err
	}
	return out, nil
}

// compute is Analyze without writing, with the run's time given.
func compute(ctx context.Context, db *sql.DB, s project.Settings, now time.Time) (*Output, error) {
	periods, err := readPeriods(ctx, db)
	if err != nil {
		return nil, err
	}
	inputs, err := readInputFiles(ctx, db)
	if err != nil {
		return nil, err
	}
	groupings := buildGroupings(periods)
	out := &Output{
		Manifest: Manifest{
			Manifest: project.Manifest{
				LinkkiVersion: project.LinkkiVersion(),
				CreatedAt:     now,
				Command:       "analyze",
				Settings:      s,
				Inputs:        inputs,
			},
			Methods: []Method{MethodDz, MethodDrm, MethodGav},
		},
		Results:     []Result{},
		MixedModels: []MixedModel{},
		Attrition:   []DropoutComparison{},
	}
	results, err := analyzeAll(ctx, periods, groupings, s)
	if err != nil {
		return nil, err
	}
	out.Results = results
	adjustFamilies(out.Results)
	if err := sensitivity(ctx, out, periods, groupings, s.Outcomes.ConfidenceLevel); err != nil {
		return nil, err
	}
	out.Manifest.RowCounts = map[string]int64{
		"outcomes_wide": int64(periods.len()),
		"results":       int64(len(out.Results)),
		"mixed_models":  int64(len(out.MixedModels)),
		"attrition":     int64(len(out.Attrition)),
	}
	return out, nil
}

// analyzeAll runs analyzeContrast for every outcome and contrast, as many
// at once as there are processors; the rows come back in report order.
func analyzeAll(ctx context.Context, p *periodTable, groupings []grouping, s project.Settings) ([]Result, error) {
	type job struct {
		outcome  string
		contrast Contrast
	}
	var jobs []job
	for _, o := range Outcomes {
		for _, c := range Contrasts {
			jobs = append(jobs, job{o, c})
		}
	}
	rows := make([][]Result, len(jobs))
	errs := make([]error, len(jobs))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for k, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if errs[k] = ctx.Err(); errs[k] == nil {
				rows[k], errs[k] = analyzeContrast(p, groupings, j.outcome, j.contrast, pairedOptions(s, j.outcome), s.Outcomes.LowFollowUpShare)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return slices.Concat(rows...), nil
}

// pairedOptions are the settings' conventions for one outcome.
func pairedOptions(s project.Settings, outcome string) PairedOptions {
	opt := PairedOptions{
		ConfidenceLevel: s.Outcomes.ConfidenceLevel,
		Threshold:       s.Outcomes.SwemwbsThreshold,
		Reliability:     s.Outcomes.SwemwbsReliability,
		ScaleMax:        35,
		SmallN:          s.Outcomes.SmallN,
		CeilingShare:    s.Outcomes.CeilingShare,
	}
	if outcome == "esis" {
		opt.Threshold, opt.Reliability, opt.ScaleMax = s.Outcomes.EsisThreshold, s.Outcomes.EsisReliability, 100
	}
	return opt
}

// analyzeContrast computes the rows of one outcome and contrast for every
// grouping. The pairs are ordered once by |rounded change|, and each group
// collects its pairs in that order, so the Wilcoxon ranking of every group
// finds its input already sorted.
func analyzeContrast(p *periodTable, groupings []grouping, outcome string, c Contrast, opt PairedOptions, lowShare float64) ([]Result, error) {
	pre, post := p.scores[outcome][c.Earlier], p.scores[outcome][c.Later]
	pairs := make([]int, 0, len(pre))
	absChange := make([]float64, len(pre))
	for i := range pre {
		if !math.IsNaN(pre[i]) && !math.IsNaN(post[i]) {
			pairs = append(pairs, i)
			absChange[i] = math.Abs(round6(post[i] - pre[i]))
		}
	}
	sortIndexBy(pairs, absChange)

	var rows []Result
	for _, g := range groupings {
		k := len(g.values)
		started, withLater, paired := make([]int, k), make([]int, k), make([]int, k)
		for i := range post {
			for _, code := range g.codesOf(i) {
				started[code]++
				if !math.IsNaN(post[i]) {
					withLater[code]++
					if !math.IsNaN(pre[i]) {
						paired[code]++
					}
				}
			}
		}
		// One backing array per grouping, cut into exact-size group slices.
		groupPre, groupPost := splitBacking(paired), splitBacking(paired)
		for _, i := range pairs {
			for _, code := range g.codesOf(i) {
				groupPre[code] = append(groupPre[code], pre[i])
				groupPost[code] = append(groupPost[code], post[i])
			}
		}
		for code, value := range g.values {
			ch, err := AnalyzePairs(groupPre[code], groupPost[code], opt)
			if err != nil {
				return nil, fmt.Errorf("%s %s %s=%s: %w", outcome, c.Name, g.by, value, err)
			}
			if started[code] > 0 && float64(withLater[code]) < lowShare*float64(started[code]) {
				ch.warn(WarnLowFollowUp, "only %d of %d started support periods (%.0f %%) have a score at %s",
					withLater[code], started[code], 100*share(withLater[code], started[code]), MixedTimepoints[c.Later])
			}
			rows = append(rows, Result{Outcome: outcome, Contrast: c.Name, GroupBy: g.by, Group: value, Change: ch})
		}
	}
	return rows, nil
}

// splitBacking returns empty slices with capacities sizes[i] that share one
// backing array.
func splitBacking(sizes []int) [][]float64 {
	total := 0
	for _, n := range sizes {
		total += n
	}
	backing := make([]float64, total)
	out := make([][]float64, len(sizes))
	at := 0
	for i, n := range sizes {
		out[i] = backing[at : at : at+n]
		at += n
	}
	return out
}

// adjustFamilies fills p_holm within each family of rows with the same
// outcome, contrast and group_by; rows are contiguous per family.
func adjustFamilies(rows []Result) {
	for start := 0; start < len(rows); {
		end := start
		for end < len(rows) && rows[end].Outcome == rows[start].Outcome &&
			rows[end].Contrast == rows[start].Contrast && rows[end].GroupBy == rows[start].GroupBy {
			end++
		}
		p := make([]float64, end-start)
		for i := range p {
			p[i] = math.NaN()
			if pt := rows[start+i].PT; pt != nil {
				p[i] = *pt
			}
		}
		for i, adj := range AdjustHolm(p) {
			if !math.IsNaN(adj) {
				rows[start+i].PHolm = &adj
			}
		}
		start = end
	}
}

// sensitivity adds the mixed models (per outcome, for all and each
// municipality) and the dropout comparisons (per outcome, all periods).
func sensitivity(ctx context.Context, out *Output, p *periodTable, groupings []grouping, level float64) error {
	for _, o := range mixedOutcomes {
		for _, g := range groupings {
			if !slices.Contains(mixedGroupBys, g.by) {
				continue
			}
			counts := make([]int, len(g.values))
			for i := 0; i < p.len(); i++ {
				for tp := TimepointT0; tp <= TimepointT2; tp++ {
					if !math.IsNaN(p.scores[o][tp][i]) {
						for _, code := range g.codesOf(i) {
							counts[code]++
						}
					}
				}
			}
			obs := make([][]ScoreObservation, len(g.values))
			for code, n := range counts {
				obs[code] = make([]ScoreObservation, 0, n)
			}
			for i := 0; i < p.len(); i++ {
				for tp := TimepointT0; tp <= TimepointT2; tp++ {
					if v := p.scores[o][tp][i]; !math.IsNaN(v) {
						for _, code := range g.codesOf(i) {
							obs[code] = append(obs[code], ScoreObservation{Period: p.referralID[i], Timepoint: tp, Score: v})
						}
					}
				}
			}
			for code, value := range g.values {
				if err := ctx.Err(); err != nil {
					return err
				}
				m, err := FitRandomIntercept(obs[code], MixedOptions{ConfidenceLevel: level})
				if err != nil {
					return fmt.Errorf("mixed model %s %s=%s: %w", o, g.by, value, err)
				}
				m.Outcome, m.GroupBy, m.Group = o, g.by, value
				out.MixedModels = append(out.MixedModels, m)
			}
		}
		rows, err := dropoutRows(p, o, level)
		if err != nil {
			return err
		}
		out.Attrition = append(out.Attrition, rows...)
	}
	return nil
}

// dropoutRows compares, for T1 and T2, the T0 scores of the started periods
// with a score of the outcome at that time point against those without one
// (ongoing periods included, as "without"). The wide table gives the arms
// directly, with no need to match long-form scores by period.
func dropoutRows(p *periodTable, outcome string, level float64) ([]DropoutComparison, error) {
	scores := p.scores[outcome]
	var rows []DropoutComparison
	for _, later := range []int{TimepointT1, TimepointT2} {
		var with, without []float64
		for i, t0 := range scores[TimepointT0] {
			switch {
			case math.IsNaN(t0):
			case math.IsNaN(scores[later][i]):
				without = append(without, t0)
			default:
				with = append(with, t0)
			}
		}
		row, err := CompareDropout(with, without, level)
		if err != nil {
			return nil, fmt.Errorf("dropout comparison %s %s: %w", outcome, MixedTimepoints[later], err)
		}
		row.Outcome, row.LaterTimepoint = outcome, MixedTimepoints[later]
		rows = append(rows, row)
	}
	return rows, nil
}
