package reports

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/linkki-fi/linkki/internal/project"
)

// Model is the report as data: every section's text, key figures, charts
// (with the JSON behind each) and tables, in one language, after small-cell
// suppression. The HTML template only lays it out, so golden tests of the
// Model cover everything the report says.
type Model struct {
	Lang     string    `json:"lang"`
	Title    string    `json:"title"`
	Subtitle string    `json:"subtitle"`
	Public   bool      `json:"public"`
	Sections []Section `json:"sections"`
}

// Section is one numbered part of the report.
type Section struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Intro   string   `json:"intro,omitempty"`
	Figures []Figure `json:"figures,omitempty"`
	Lines   []string `json:"lines,omitempty"` // plain-language statements under the figures
	Charts  []Chart  `json:"charts,omitempty"`
	Tables  []*Table `json:"tables,omitempty"`
	Notes   []string `json:"notes,omitempty"` // footnotes
}

// Figure is one key figure tile.
type Figure struct {
	Label string `json:"label"`
	Value string `json:"value"`
	Note  string `json:"note,omitempty"`
}

// builder turns Data into a Model.
type builder struct {
	l      *lang
	d      *Data
	s      project.Settings
	policy Policy
}

// Build makes the report model of d in language code under the settings'
// small-cell rules; public adds count suppression.
func Build(d *Data, s project.Settings, code string, public bool) (*Model, error) {
	l, err := loadLang(code)
	if err != nil {
		return nil, err
	}
	rules := Policy{public: public}
	rules.rules.MinStatisticN = s.Suppression.MinStatisticN
	rules.rules.MinCount = 1
	if public {
		rules.rules.MinCount = s.Suppression.MinCount
	}
	b := &builder{l: l, d: d, s: s, policy: rules}
	m := &Model{Lang: code, Title: l.T("report.title"), Public: public}
	m.Subtitle = b.subtitle()
	steps := []func() (Section, error){b.keyFigures, b.flow, b.referrals, b.outcomes, b.resources, b.needs, b.survey, b.quality}
	for i, step := range steps {
		sec, err := step()
		if err != nil {
			return nil, err
		}
		sec.Title = l.T("section.numbered", "n", i+1, "title", sec.Title)
		m.Sections = append(m.Sections, sec)
	}
	return m, nil
}

func (b *builder) subtitle() string {
	l, k := b.l, b.d.Key
	parts := []string{}
	if b.d.Filter.Municipality != "" {
		parts = append(parts, b.d.Filter.Municipality)
	}
	if b.d.Filter.Period != "" {
		parts = append(parts, l.T("report.period", "p", b.d.Filter.Period))
	}
	if k.FirstReferral != "" {
		parts = append(parts, l.T("report.referred_between", "from", l.Date(k.FirstReferral), "to", l.Date(k.LastReferral)))
	}
	if b.d.BuiltOn != "" {
		parts = append(parts, l.T("report.built_on", "date", l.Date(b.d.BuiltOn)))
	}
	return strings.Join(parts, " · ")
}

// chart protects g, then makes the chart from it with draw and the
// accessible table.
func (b *builder) chart(id, title, reading string, height int, g *grid, head string, draw func(*grid) ([]byte, error)) (Chart, error) {
	if err := b.policy.protect(g); err != nil {
		return Chart{}, fmt.Errorf("chart %s: %w", id, err)
	}
	opt, err := draw(g)
	if err != nil {
		return Chart{}, fmt.Errorf("chart %s: %w", id, err)
	}
	c := Chart{ID: id, Title: title, Reading: reading, Height: height, Option: opt, Table: g.table(b.l, title, head)}
	if c.Table.Suppressed {
		c.Notes = append(c.Notes, b.suppressionNote())
	}
	return c, nil
}

// enough says whether a reading may give a statistic resting on n clients
// (in public reports also a count).
func (b *builder) enough(n int64) bool {
	limit := b.s.Suppression.MinStatisticN
	if b.policy.public {
		limit = max(limit, b.s.Suppression.MinCount)
	}
	return n >= int64(limit)
}

// countOK says whether a reading may reveal a count of n clients: in public
// reports not 1..MinCount−1.
func (b *builder) countOK(n int64) bool {
	return !b.policy.public || n == 0 || n >= int64(b.s.Suppression.MinCount)
}

// pairClients is the number of clients with pairs of outcome and contrast.
func (b *builder) pairClients(outcome, contrast string) int64 {
	for _, s := range b.d.Shares {
		if s.Outcome == outcome && s.Contrast == contrast {
			return s.Clients
		}
	}
	return 0
}

func (b *builder) suppressionNote() string {
	if b.policy.public {
		return b.l.T("table.suppressed_public", "count", b.s.Suppression.MinCount, "n", b.s.Suppression.MinStatisticN)
	}
	return b.l.T("table.suppressed_internal", "n", b.s.Suppression.MinStatisticN)
}

// barsOf draws columns cols of g as bar series over its first len(labels)
// rows; several columns stack.
func barsOf(id string, labels []string, cols []int, horizontal bool, axis string) func(*grid) ([]byte, error) {
	return func(g *grid) ([]byte, error) {
		var ss []series
		for _, c := range cols {
			data := make([]any, len(labels))
			for i := range labels {
				data[i] = g.chartValue(i, c)
			}
			s := series{Name: g.Cols[c], Data: data}
			if len(cols) > 1 {
				s.Stack = id
			}
			ss = append(ss, s)
		}
		return barChart(id, labels, ss, horizontal, axis)
	}
}

// --- 1 key figures -----------------------------------------------------

func (b *builder) keyFigures() (Section, error) {
	l, k := b.l, b.d.Key
	sec := Section{ID: "key-figures", Title: l.T("key.title")}
	clients := k.Clients
	g := newGrid([]string{
		l.T("key.referrals"), l.T("key.clients"), l.T("key.started"), l.T("key.completed"),
		l.T("key.median_duration"), l.T("key.hours"), l.T("key.costs"), l.T("key.cost_per_client"),
	}, []string{l.T("key.value")}, fmtInt)
	g.count(0, 0, k.Referrals, k.Clients)
	g.clients(1, 0, k.Clients)
	g.count(2, 0, k.Started, k.StartedClients)
	g.count(3, 0, k.Completed, k.CompletedClients)
	g.stat(4, 0, k.MedianDurationDays, k.DurationClients)
	g.amount(5, 0, k.Hours, k.StartedClients)
	g.amount(6, 0, k.CostEUR, k.StartedClients)
	var perClient *float64
	if clients > 0 {
		x := k.CostEUR / float64(clients)
		perClient = &x
	}
	g.stat(7, 0, perClient, clients)
	if err := b.policy.protect(g); err != nil {
		return sec, err
	}
	formats := []numFormat{fmtInt, fmtInt, fmtInt, fmtInt, fmtInt, fmtInt, fmtEUR, fmtEUR}
	notes := []string{"", "", l.T("key.started_note"), "", l.T("key.median_duration_note"), l.T("key.hours_note", "meetings", l.Int(k.Meetings)), l.T("key.costs_note"), ""}
	for i, row := range g.Rows {
		v := l.cell(g.Cells[i][0], formats[i])
		if i == 4 && g.value(i, 0) != nil {
			v = l.T("key.days", "x", v)
		}
		sec.Figures = append(sec.Figures, Figure{Label: row, Value: v, Note: notes[i]})
	}
	sec.Lines, sec.Notes = b.headline()
	return sec, nil
}

// headline is the SWEMWBS T1−T0 change with its interval and effect size
// in words, T2−T0 beside it, and the footnote naming the standardiser.
func (b *builder) headline() ([]string, []string) {
	l := b.l
	if !b.d.HasResults {
		return []string{l.T("key.no_results")}, nil
	}
	var lines []string
	for _, contrast := range []string{"T1-T0", "T2-T0"} {
		r := b.headlineRow("swemwbs_metric", contrast)
		switch {
		case r == nil:
			lines = append(lines, l.T("key.change_none", "contrast", l.Cat("contrast", contrast)))
		case r.Clients < int64(b.s.Suppression.MinStatisticN):
			lines = append(lines, l.T("key.change_too_few", "contrast", l.Cat("contrast", contrast), "n", b.s.Suppression.MinStatisticN))
		case r.MeanDiff == nil || r.DiffCILow == nil || r.DRM == nil || r.DRMCILow == nil:
			lines = append(lines, l.T("key.change_undefined", "contrast", l.Cat("contrast", contrast), "n", l.Int(r.N)))
		default:
			lines = append(lines, b.changeSentence(r))
		}
	}
	notes := []string{l.T("key.standardiser_note"), l.T("key.magnitude_rule_note")}
	return lines, notes
}

// headlineRow is the analysis row the key figures use: the whole data, or
// the filtered municipality.
func (b *builder) headlineRow(outcome, contrast string) *Result {
	groupBy, group := "all", "all"
	if b.d.Filter.Municipality != "" {
		groupBy, group = "municipality", b.d.Filter.Municipality
	}
	for i := range b.d.Results {
		r := &b.d.Results[i]
		if r.Outcome == outcome && r.Contrast == contrast && r.GroupBy == groupBy && r.Group == group {
			return r
		}
	}
	return nil
}

func (b *builder) changeSentence(r *Result) string {
	l := b.l
	direction := "key.direction_up"
	if *r.MeanDiff < 0 {
		direction = "key.direction_down"
	}
	certainty := "key.ci_excludes_zero"
	if *r.DiffCILow <= 0 && *r.DiffCIHigh >= 0 {
		certainty = "key.ci_includes_zero"
	}
	return l.T("key.change_sentence",
		"contrast", l.Cat("contrast", r.Contrast),
		"n", l.Int(r.N),
		"direction", l.T(direction),
		"diff", l.Num(math.Abs(*r.MeanDiff), 1),
		"ci", l.Range(*r.DiffCILow, *r.DiffCIHigh, 1),
		"certainty", l.T(certainty),
		"d", l.Num(*r.DRM, 2),
		"dci", l.Range(*r.DRMCILow, *r.DRMCIHigh, 2),
		"magnitude", l.T("magnitude."+magnitude(*r.DRM)),
	)
}

// magnitude names |d| by Cohen's (1988) benchmarks: below 0.2 negligible,
// 0.2 small, 0.5 medium, 0.8 large. The report names the rule beside the
// word (effectsize's interpret_cohens_d, rules "cohen1988").
func magnitude(d float64) string {
	switch a := math.Abs(d); {
	case a < 0.2:
		return "negligible"
	case a < 0.5:
		return "small"
	case a < 0.8:
		return "medium"
	}
	return "large"
}

// --- 2 participant flow ------------------------------------------------

var flowSteps = []string{"referred", "started", "completed", "swemwbs_metric_T0", "swemwbs_metric_T1", "swemwbs_metric_T2", "esis_T0", "esis_T1", "esis_T2"}

func (b *builder) flow() (Section, error) {
	l := b.l
	sec := Section{ID: "flow", Title: l.T("flow.title"), Intro: l.T("flow.intro")}
	byStep := map[string]Count{}
	for _, c := range b.d.Flow {
		byStep[c.Key] = c
	}
	labels := make([]string, len(flowSteps))
	for i, s := range flowSteps {
		labels[i] = l.Cat("flow_step", s)
	}
	g := newGrid(labels, []string{l.T("flow.periods"), l.T("flow.clients")}, fmtInt, fmtInt)
	for i, s := range flowSteps {
		c := byStep[s]
		g.count(i, 0, c.Periods, c.Clients)
		g.clients(i, 1, c.Clients)
		g.link(i, 0, 1)
	}
	referred, t1 := byStep["referred"].Periods, byStep["swemwbs_metric_T1"].Periods
	started := byStep["started"].Periods
	reading := l.T("flow.reading_empty")
	if referred > 0 && started > 0 && b.enough(byStep["started"].Clients) && b.countOK(byStep["swemwbs_metric_T1"].Clients) {
		reading = l.T("flow.reading", "referred", l.Int(referred), "started", l.Pct(float64(started)/float64(referred)),
			"t1", l.Pct(float64(t1)/float64(started)))
	}
	c, err := b.chart("flow", l.T("flow.chart"), reading, 360, g, l.T("flow.step"), barsOf("flow", labels, []int{0}, true, l.T("flow.periods")))
	if err != nil {
		return sec, err
	}
	sec.Charts = append(sec.Charts, c)
	if len(b.d.Dropouts) > 0 {
		t, line, err := b.dropouts()
		if err != nil {
			return sec, err
		}
		t.Open, t.Reading = true, line
		sec.Tables = append(sec.Tables, t)
	}
	return sec, nil
}

// dropouts is the comparison of T0 scores between those who answered later
// and those who did not.
func (b *builder) dropouts() (*Table, string, error) {
	l := b.l
	var rows []string
	for _, d := range b.d.Dropouts {
		rows = append(rows, l.T("flow.dropout_row", "outcome", l.Cat("outcome", d.Outcome), "t", d.LaterTimepoint))
	}
	g := newGrid(rows, []string{l.T("flow.n_with"), l.T("flow.mean_with"), l.T("flow.n_without"), l.T("flow.mean_without"),
		l.T("flow.diff"), l.T("flow.ci_low"), l.T("flow.ci_high"), l.T("flow.p")},
		fmtInt, fmtDec1, fmtInt, fmtDec1, fmtDec1, fmtDec1, fmtDec1, fmtP)
	for i, d := range b.d.Dropouts {
		// The arms count support periods; small cells are judged on them
		// because the table holds no client counts.
		g.count(i, 0, d.NWith, d.NWith)
		g.stat(i, 1, d.MeanWith, d.NWith)
		g.count(i, 2, d.NWithout, d.NWithout)
		g.stat(i, 3, d.MeanWithout, d.NWithout)
		both := min(d.NWith, d.NWithout)
		g.stat(i, 4, d.Diff, both)
		g.stat(i, 5, d.DiffCILow, both)
		g.stat(i, 6, d.DiffCIHigh, both)
		g.stat(i, 7, d.P, both)
		g.link(i, 4, 5, 6, 7)
	}
	if err := b.policy.protect(g); err != nil {
		return nil, "", err
	}
	line := l.T("flow.dropout_none")
	for i, d := range b.d.Dropouts {
		if d.Outcome == "swemwbs_metric" && d.LaterTimepoint == "T1" && g.value(i, 4) != nil && g.value(i, 5) != nil {
			key := "flow.dropout_similar"
			if *d.DiffCILow > 0 || *d.DiffCIHigh < 0 {
				key = "flow.dropout_differs"
			}
			line = l.T(key, "diff", l.Num(*d.Diff, 1), "ci", l.Range(*d.DiffCILow, *d.DiffCIHigh, 1))
		}
	}
	return g.table(l, l.T("flow.dropout_title"), l.T("flow.dropout_group")), line, nil
}

// --- 3 referrals -------------------------------------------------------

// countChart draws counts by category as bars with the clients beside them
// in the table. A non-nil total adds a total row and, in public reports,
// the relations secondary suppression protects: periods add up to the
// total, distinct clients at most add up (a client can be in two rows).
func (b *builder) countChart(id, title, reading string, rows []Count, label func(string) string, horizontal bool, total *Count) (Chart, error) {
	l := b.l
	labels := make([]string, len(rows))
	for i, r := range rows {
		labels[i] = label(r.Key)
	}
	n := len(rows)
	if total != nil {
		labels = append(labels, l.T("table.total"))
	}
	g := newGrid(labels, []string{l.T("table.periods"), l.T("table.clients")}, fmtInt, fmtInt)
	for i, r := range rows {
		g.count(i, 0, r.Periods, r.Clients)
		g.clients(i, 1, r.Clients)
		g.link(i, 0, 1)
	}
	if total != nil {
		g.count(n, 0, total.Periods, total.Clients)
		g.clients(n, 1, total.Clients)
		g.link(n, 0, 1)
		g.SumRows(n, 0, n-1, 0)
		g.SumRows(n, 0, n-1, 1)
		g.Relations[len(g.Relations)-1].Subadditive = true
	}
	height := 320
	if horizontal {
		height = max(200, 36*n+60)
	}
	return b.chart(id, title, reading, height, g, l.T("table.category"), barsOf(id, labels[:n], []int{0}, horizontal, ""))
}

func (b *builder) referrals() (Section, error) {
	l, d := b.l, b.d
	sec := Section{ID: "referrals", Title: l.T("referrals.title")}
	months := d.ReferralsByMonth
	reading := l.T("referrals.by_month_reading_empty")
	if len(months) > 0 {
		busiest := months[0]
		for _, m := range months {
			if m.Periods > busiest.Periods {
				busiest = m
			}
		}
		reading = l.T("referrals.by_month_reading", "months", len(months), "busiest", l.Month(busiest.Key), "n", l.Int(busiest.Periods))
		if !b.countOK(busiest.Clients) {
			reading = l.T("table.too_few")
		}
	}
	all := &Count{Periods: d.Key.Referrals, Clients: d.Key.Clients}
	charts := []struct {
		id, title, reading string
		rows               []Count
		label              func(string) string
		horizontal         bool
		total              *Count
	}{
		{"referrals-by-month", l.T("referrals.by_month"), reading, months, l.Month, false, all},
		{"referrals-by-municipality", l.T("referrals.by_municipality"), b.topReading("referrals.by_municipality_reading", d.ByMunicipality, func(s string) string { return s }),
			d.ByMunicipality, func(s string) string { return s }, true, all},
		{"referrals-by-sector", l.T("referrals.by_sector"), b.topReading("referrals.by_sector_reading", d.BySector, b.catFn("sector")),
			d.BySector, b.catFn("sector"), true, all},
		{"referrals-by-reason", l.T("referrals.by_reason"), b.topReading("referrals.by_reason_reading", d.ByReason, b.catFn("reason")),
			d.ByReason, b.catFn("reason"), true, nil},
	}
	for _, c := range charts {
		ch, err := b.countChart(c.id, c.title, c.reading, c.rows, c.label, c.horizontal, c.total)
		if err != nil {
			return sec, err
		}
		sec.Charts = append(sec.Charts, ch)
	}
	ch, err := b.pathways()
	if err != nil {
		return sec, err
	}
	sec.Charts = append(sec.Charts, ch)
	return sec, nil
}

func (b *builder) catFn(dim string) func(string) string {
	return func(code string) string { return b.l.Cat(dim, code) }
}

// topReading names the largest category and its share of all periods.
func (b *builder) topReading(key string, rows []Count, label func(string) string) string {
	if len(rows) == 0 || b.d.Key.Referrals == 0 {
		return b.l.T("table.no_data")
	}
	top := rows[0] // queries order by periods, descending
	if !b.enough(top.Clients) {
		return b.l.T("table.too_few")
	}
	return b.l.T(key, "top", label(top.Key), "share", b.l.Pct(float64(top.Periods)/float64(b.d.Key.Referrals)))
}

// pathways is the Sankey referrer sector → reason → how the period ended.
// Node names carry their level so that "other" as a sector and as a reason
// stay two nodes.
func (b *builder) pathways() (Chart, error) {
	l := b.l
	levelDim := map[string]string{"sector": "sector", "reason": "reason", "status": "status"}
	name := func(level, code string) string {
		return l.T("referrals.node", "label", l.Cat(levelDim[level], code), "level", l.T("referrals.level_"+level))
	}
	rows := make([]string, len(b.d.Pathways))
	for i, p := range b.d.Pathways {
		rows[i] = name(p.SourceLevel, p.Source) + " → " + name(p.TargetLevel, p.Target)
	}
	g := newGrid(rows, []string{l.T("table.periods"), l.T("table.clients")}, fmtInt, fmtInt)
	for i, p := range b.d.Pathways {
		g.count(i, 0, p.Periods, p.Clients)
		g.clients(i, 1, p.Clients)
		g.link(i, 0, 1)
	}
	return b.chart("referral-pathways", l.T("referrals.pathways"), l.T("referrals.pathways_reading"), 520, g, l.T("referrals.pathway"), func(g *grid) ([]byte, error) {
		var nodes []string
		seen := map[string]bool{}
		var links []sankeyLink
		for i, p := range b.d.Pathways {
			v := g.value(i, 0)
			if v == nil || *v == 0 {
				continue
			}
			src, dst := name(p.SourceLevel, p.Source), name(p.TargetLevel, p.Target)
			for _, n := range []string{src, dst} {
				if !seen[n] {
					seen[n] = true
					nodes = append(nodes, n)
				}
			}
			links = append(links, sankeyLink{Source: src, Target: dst, Value: *v})
		}
		return sankeyChart("referral-pathways", nodes, links)
	})
}

// --- 4 outcomes --------------------------------------------------------

var timepoints = []string{"T0", "T1", "T2"}

func (b *builder) outcomes() (Section, error) {
	l := b.l
	sec := Section{ID: "outcomes", Title: l.T("outcomes.title"), Intro: l.T("outcomes.intro")}
	for _, outcome := range []string{"swemwbs_metric", "esis"} {
		c, err := b.means(outcome)
		if err != nil {
			return sec, err
		}
		sec.Charts = append(sec.Charts, c)
	}
	steps := []func() (Chart, error){b.changeDistribution, b.changeShares}
	if b.d.HasResults {
		steps = append(steps, b.forest)
	} else {
		sec.Notes = append(sec.Notes, l.T("outcomes.no_results"))
	}
	if b.d.HasMixedModels && len(b.d.MixedModels) > 0 && b.d.HasResults {
		steps = append(steps, b.mixedVsPairs)
	}
	for _, step := range steps {
		c, err := step()
		if err != nil {
			return sec, err
		}
		sec.Charts = append(sec.Charts, c)
	}
	if b.d.Filter.Period != "" {
		sec.Notes = append(sec.Notes, l.T("outcomes.period_note"))
	}
	return sec, nil
}

func (b *builder) means(outcome string) (Chart, error) {
	l := b.l
	byTP := map[string]Mean{}
	for _, m := range b.d.Means {
		if m.Outcome == outcome {
			byTP[m.Timepoint] = m
		}
	}
	rows := make([]string, len(timepoints))
	for i, tp := range timepoints {
		rows[i] = l.T("outcomes.timepoint_n", "t", l.Cat("timepoint", tp), "n", l.Int(byTP[tp].N))
	}
	g := newGrid(rows, []string{l.T("outcomes.n"), l.T("outcomes.mean"), l.T("outcomes.ci_low"), l.T("outcomes.ci_high")},
		fmtInt, fmtDec1, fmtDec1, fmtDec1)
	for i, tp := range timepoints {
		m := byTP[tp]
		g.count(i, 0, m.N, m.Clients)
		g.stat(i, 1, m.Mean, m.Clients)
		g.stat(i, 2, m.CILow, m.Clients)
		g.stat(i, 3, m.CIHigh, m.Clients)
		g.link(i, 1, 2, 3)
	}
	id := "means-" + strings.ReplaceAll(outcome, "_", "-")
	title := l.T("outcomes.means_title", "outcome", l.Cat("outcome", outcome))
	reading := l.T("outcomes.means_reading_none")
	t0, t1 := byTP["T0"], byTP["T1"]
	if t0.Mean != nil && t1.Mean != nil && t0.Clients >= int64(b.s.Suppression.MinStatisticN) && t1.Clients >= int64(b.s.Suppression.MinStatisticN) {
		reading = l.T("outcomes.means_reading", "t0", l.Num(*t0.Mean, 1), "t1", l.Num(*t1.Mean, 1), "scale", l.T("outcomes.scale_"+outcome))
	}
	return b.chart(id, title, reading, 320, g, l.T("outcomes.timepoint"), func(g *grid) ([]byte, error) {
		mean, lo, hi := make([]any, 3), make([]any, 3), make([]any, 3)
		for i := range timepoints {
			mean[i], lo[i], hi[i] = g.chartValue(i, 1), g.chartValue(i, 2), g.chartValue(i, 3)
		}
		return meansChart(id, rows, mean, lo, hi, l.T("outcomes.scale_"+outcome), l.T("outcomes.mean"), l.T("outcomes.ci"))
	})
}

func (b *builder) changeDistribution() (Chart, error) {
	l := b.l
	bins := b.d.ChangeBins
	rows := make([]string, len(bins))
	var total int64
	var improved int64
	for i, bin := range bins {
		rows[i] = l.T("outcomes.bin", "lo", l.Num(bin.Low, 0), "hi", l.Num(bin.Low+bin.Width, 0))
		total += bin.Periods
		if bin.Low >= 0 {
			improved += bin.Periods
		}
	}
	g := newGrid(rows, []string{l.T("table.periods"), l.T("table.clients")}, fmtInt, fmtInt)
	for i, bin := range bins {
		g.count(i, 0, bin.Periods, bin.Clients)
		g.clients(i, 1, bin.Clients)
		g.link(i, 0, 1)
	}
	reading := l.T("table.no_data")
	if total > 0 && b.enough(b.pairClients("swemwbs_metric", "T1-T0")) {
		reading = l.T("outcomes.change_reading", "share", l.Pct(float64(improved)/float64(total)), "n", l.Int(total))
	}
	return b.chart("change-distribution", l.T("outcomes.change_title"), reading, 320, g, l.T("outcomes.change_points"),
		barsOf("change-distribution", rows, []int{0}, false, l.T("table.periods")))
}

func (b *builder) changeShares() (Chart, error) {
	l := b.l
	rows := make([]string, len(b.d.Shares))
	for i, s := range b.d.Shares {
		rows[i] = l.T("outcomes.share_row", "outcome", l.Cat("outcome", s.Outcome), "contrast", l.Cat("contrast", s.Contrast))
	}
	g := newGrid(rows, []string{l.T("outcomes.improved"), l.T("outcomes.unchanged"), l.T("outcomes.deteriorated"), l.T("outcomes.pairs")},
		fmtInt, fmtInt, fmtInt, fmtInt)
	for i, s := range b.d.Shares {
		g.count(i, 0, s.Improved, s.ImprovedClients)
		g.count(i, 1, s.Unchanged, s.UnchangedClients)
		g.count(i, 2, s.Deteriorated, s.DeterioratedClients)
		g.count(i, 3, s.Pairs, s.Clients)
		g.SumCols(3, 0, 2, i)
	}
	reading := l.T("table.no_data")
	for _, s := range b.d.Shares {
		if s.Outcome == "swemwbs_metric" && s.Contrast == "T1-T0" && s.Pairs > 0 && b.enough(s.Clients) &&
			b.countOK(s.ImprovedClients) && b.countOK(s.DeterioratedClients) {
			reading = l.T("outcomes.shares_reading", "improved", l.Pct(float64(s.Improved)/float64(s.Pairs)),
				"deteriorated", l.Pct(float64(s.Deteriorated)/float64(s.Pairs)), "threshold", l.Num(b.s.Outcomes.SwemwbsThreshold, 0))
		}
	}
	c, err := b.chart("change-shares", l.T("outcomes.shares_title"), reading, max(200, 48*len(rows)+80), g, l.T("outcomes.share_group"), func(g *grid) ([]byte, error) {
		// Bars show percentages of the row's pairs; a suppressed count or
		// total leaves a gap.
		var ss []series
		for c, name := range g.Cols[:3] {
			data := make([]any, len(rows))
			for i := range rows {
				v, tot := g.value(i, c), g.value(i, 3)
				data[i] = "-"
				if v != nil && tot != nil && *tot > 0 {
					data[i] = math.Round(1000**v / *tot) / 10
				}
			}
			ss = append(ss, series{Name: name, Data: data, Stack: "share"})
		}
		return barChart("change-shares", rows, ss, true, l.T("outcomes.percent"))
	})
	c.Notes = append(c.Notes, l.T("outcomes.shares_note", "swemwbs", l.Num(b.s.Outcomes.SwemwbsThreshold, 0), "esis", l.Num(b.s.Outcomes.EsisThreshold, 0)))
	return c, err
}

// forestGroups are the subgroup dimensions of the forest plot, in order.
var forestGroups = []string{"all", "municipality", "referrer_sector", "reason", "gender", "age_band"}

// forest plots SWEMWBS T1−T0 d_rm with its interval by subgroup.
func (b *builder) forest() (Chart, error) {
	l := b.l
	var picked []Result
	for _, gb := range forestGroups {
		var rs []Result
		for _, r := range b.d.Results {
			if r.Outcome == "swemwbs_metric" && r.Contrast == "T1-T0" && r.GroupBy == gb {
				rs = append(rs, r)
			}
		}
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Group < rs[j].Group })
		picked = append(picked, rs...)
	}
	rows := make([]string, len(picked))
	for i, r := range picked {
		rows[i] = b.groupLabel(r.GroupBy, r.Group)
	}
	g := newGrid(rows, []string{l.T("outcomes.pairs"), l.T("outcomes.d_rm"), l.T("outcomes.ci_low"), l.T("outcomes.ci_high")},
		fmtInt, fmtDec2, fmtDec2, fmtDec2)
	for i, r := range picked {
		g.count(i, 0, r.N, r.Clients)
		g.stat(i, 1, r.DRM, r.Clients)
		g.stat(i, 2, r.DRMCILow, r.Clients)
		g.stat(i, 3, r.DRMCIHigh, r.Clients)
		g.link(i, 1, 2, 3)
	}
	c, err := b.chart("forest", l.T("outcomes.forest_title"), l.T("outcomes.forest_reading"), max(220, 30*len(rows)+80), g, l.T("outcomes.subgroup"), func(g *grid) ([]byte, error) {
		data := make([]forestRow, len(rows))
		for i := range rows {
			data[i] = forestRow{Label: rows[i], Est: g.value(i, 1), Low: g.value(i, 2), High: g.value(i, 3)}
		}
		return forestChart("forest", rows, []string{l.T("outcomes.d_rm")}, [][]forestRow{data}, l.T("outcomes.d_rm"))
	})
	c.Notes = append(c.Notes, l.T("key.standardiser_note"))
	return c, err
}

func (b *builder) groupLabel(groupBy, group string) string {
	if groupBy == "all" {
		return b.l.T("outcomes.group_all")
	}
	dim := map[string]string{"referrer_sector": "sector", "reason": "reason", "gender": "gender", "age_band": "age_band"}[groupBy]
	label := group
	if dim != "" {
		label = b.l.Cat(dim, group)
	}
	return b.l.T("outcomes.group_label", "by", b.l.T("outcomes.group_by_"+groupBy), "group", label)
}

// mixedVsPairs sets the mixed model's mean change (all available scores)
// beside the complete-pair mean change for each outcome and contrast.
func (b *builder) mixedVsPairs() (Chart, error) {
	l := b.l
	type key struct{ outcome, contrast string }
	var keys []key
	for _, o := range []string{"swemwbs_metric", "esis"} {
		for _, c := range []string{"T1-T0", "T2-T0"} {
			keys = append(keys, key{o, c})
		}
	}
	rows := make([]string, len(keys))
	g := newGrid(rows, []string{l.T("outcomes.pairs_diff"), l.T("outcomes.ci_low"), l.T("outcomes.ci_high"),
		l.T("outcomes.mixed_diff"), l.T("outcomes.ci_low"), l.T("outcomes.ci_high")},
		fmtDec1, fmtDec1, fmtDec1, fmtDec1, fmtDec1, fmtDec1)
	for i, k := range keys {
		g.Rows[i] = l.T("outcomes.share_row", "outcome", l.Cat("outcome", k.outcome), "contrast", l.Cat("contrast", k.contrast))
		rows[i] = g.Rows[i]
		if r := b.headlineRow(k.outcome, k.contrast); r != nil {
			g.stat(i, 0, r.MeanDiff, r.Clients)
			g.stat(i, 1, r.DiffCILow, r.Clients)
			g.stat(i, 2, r.DiffCIHigh, r.Clients)
		} else {
			g.stat(i, 0, nil, 0)
			g.stat(i, 1, nil, 0)
			g.stat(i, 2, nil, 0)
		}
		mc := b.mixedContrast(k.outcome, k.contrast)
		var est, lo, hi *float64
		var n int64
		if mc != nil {
			est, lo, hi, n = mc.c.Estimate, mc.c.CILow, mc.c.CIHigh, mc.periods
		}
		// The model counts support periods, not clients; small groups
		// are judged on those.
		g.stat(i, 3, est, n)
		g.stat(i, 4, lo, n)
		g.stat(i, 5, hi, n)
		g.link(i, 0, 1, 2)
		g.link(i, 3, 4, 5)
	}
	reading := l.T("outcomes.mixed_reading_none")
	if r, mc := b.headlineRow("swemwbs_metric", "T1-T0"), b.mixedContrast("swemwbs_metric", "T1-T0"); r != nil && mc != nil && r.MeanDiff != nil && mc.c.Estimate != nil &&
		b.enough(r.Clients) && b.enough(mc.periods) {
		diff := *mc.c.Estimate - *r.MeanDiff
		key := "outcomes.mixed_reading_close"
		if math.Abs(diff) >= 0.5 {
			key = "outcomes.mixed_reading_lower"
			if diff > 0 {
				key = "outcomes.mixed_reading_higher"
			}
		}
		reading = l.T(key, "pairs", l.Num(*r.MeanDiff, 1), "mixed", l.Num(*mc.c.Estimate, 1))
	}
	c, err := b.chart("mixed-vs-pairs", l.T("outcomes.mixed_title"), reading, 300, g, l.T("outcomes.share_group"), func(g *grid) ([]byte, error) {
		pairs, mixed := make([]forestRow, len(rows)), make([]forestRow, len(rows))
		for i := range rows {
			pairs[i] = forestRow{Label: rows[i], Est: g.value(i, 0), Low: g.value(i, 1), High: g.value(i, 2)}
			mixed[i] = forestRow{Label: rows[i], Est: g.value(i, 3), Low: g.value(i, 4), High: g.value(i, 5)}
		}
		return forestChart("mixed-vs-pairs", rows, []string{l.T("outcomes.pairs_diff"), l.T("outcomes.mixed_diff")}, [][]forestRow{pairs, mixed}, l.T("outcomes.change_points"))
	})
	c.Notes = append(c.Notes, l.T("outcomes.mixed_note"))
	return c, err
}

type mixedPick struct {
	c       MixedContrast
	periods int64
}

func (b *builder) mixedContrast(outcome, contrast string) *mixedPick {
	for _, m := range b.d.MixedModels {
		if m.Outcome != outcome || !m.Converged {
			continue
		}
		for _, c := range m.Contrasts {
			if c.Contrast == contrast {
				return &mixedPick{c: c, periods: m.NPeriods}
			}
		}
	}
	return nil
}

// --- 5 resources -------------------------------------------------------

func (b *builder) resources() (Section, error) {
	l, d := b.l, b.d
	sec := Section{ID: "resources", Title: l.T("resources.title")}
	// Hours per started support period.
	rows := make([]string, len(d.HourBins))
	for i, bin := range d.HourBins {
		rows[i] = l.T("resources.hours_bin", "lo", l.Num(bin.Low, 0), "hi", l.Num(bin.Low+bin.Width, 0))
	}
	g := newGrid(rows, []string{l.T("table.periods"), l.T("table.clients")}, fmtInt, fmtInt)
	for i, bin := range d.HourBins {
		g.count(i, 0, bin.Periods, bin.Clients)
		g.clients(i, 1, bin.Clients)
		g.link(i, 0, 1)
	}
	reading := l.T("table.no_data")
	if d.Key.Started > 0 && b.enough(d.Key.StartedClients) {
		reading = l.T("resources.hours_reading", "mean", l.Num(d.Key.Hours/float64(d.Key.Started), 1))
	}
	c, err := b.chart("hours", l.T("resources.hours_title"), reading, 320, g, l.T("resources.hours"), barsOf("hours", rows, []int{0}, false, l.T("table.periods")))
	if err != nil {
		return sec, err
	}
	sec.Charts = append(sec.Charts, c)

	// Months over the cap.
	hourCap := l.Num(b.s.SupportModel.MaxHoursPerMonth, 0)
	mrows := make([]string, len(d.MonthsOverCap))
	var over, overClients, all int64
	for i, m := range d.MonthsOverCap {
		mrows[i] = l.Month(m.Month)
		over += m.OverCap
		overClients += m.OverCapClients
		all += m.Periods
	}
	g = newGrid(mrows, []string{l.T("resources.within_cap", "cap", hourCap), l.T("resources.over_cap", "cap", hourCap), l.T("resources.months_with_meetings")}, fmtInt, fmtInt, fmtInt)
	for i, m := range d.MonthsOverCap {
		g.count(i, 0, m.Periods-m.OverCap, m.Clients-m.OverCapClients)
		g.count(i, 1, m.OverCap, m.OverCapClients)
		g.count(i, 2, m.Periods, m.Clients)
		g.SumCols(2, 0, 1, i)
	}
	reading = l.T("table.no_data")
	if all > 0 && !(b.enough(d.Key.StartedClients) && b.countOK(overClients)) {
		reading = l.T("table.too_few")
	} else if all > 0 {
		reading = l.T("resources.cap_reading", "share", l.Pct(float64(over)/float64(all)), "cap", hourCap)
	}
	c, err = b.chart("months-over-cap", l.T("resources.cap_title", "cap", hourCap), reading, 320, g, l.T("resources.month"),
		barsOf("months-over-cap", mrows, []int{0, 1}, false, l.T("resources.support_months")))
	if err != nil {
		return sec, err
	}
	sec.Charts = append(sec.Charts, c)

	// Costs by municipality.
	crows := make([]string, len(d.Costs))
	for i, c := range d.Costs {
		crows[i] = c.Municipality
	}
	g = newGrid(crows, []string{l.T("resources.pay"), l.T("resources.km_allowance"), l.T("resources.total"), l.T("table.clients"), l.T("resources.per_client")},
		fmtEUR, fmtEUR, fmtEUR, fmtInt, fmtEUR)
	for i, c := range d.Costs {
		g.amount(i, 0, c.PayEUR, c.Clients)
		g.amount(i, 1, c.KmAllowanceEUR, c.Clients)
		g.amount(i, 2, c.TotalEUR, c.Clients)
		g.clients(i, 3, c.Clients)
		per := c.TotalEUR / float64(max(c.Clients, 1))
		g.stat(i, 4, &per, c.Clients)
		g.SumCols(2, 0, 1, i)
		g.link(i, 0, 1, 2, 4)
	}
	reading = l.T("table.no_data")
	if d.Key.Clients > 0 && b.enough(d.Key.StartedClients) {
		reading = l.T("resources.costs_reading", "total", l.EUR(d.Key.CostEUR), "rate", l.Num(b.s.Costs.HourlyRateEUR, 2))
	}
	c, err = b.chart("costs", l.T("resources.costs_title"), reading, max(200, 40*len(crows)+80), g, l.T("resources.municipality"),
		barsOf("costs", crows, []int{0, 1}, true, "€"))
	if err != nil {
		return sec, err
	}
	c.Notes = append(c.Notes, l.T("resources.costs_note", "rate", l.Num(b.s.Costs.HourlyRateEUR, 2)))
	sec.Charts = append(sec.Charts, c)
	return sec, nil
}

// --- 6 needs and barriers ----------------------------------------------

func (b *builder) needs() (Section, error) {
	l := b.l
	sec := Section{ID: "needs", Title: l.T("needs.title"), Intro: l.T("needs.intro")}
	for _, dim := range []string{"reason", "linked_service", "barrier"} {
		var rows []Count
		for _, n := range b.d.Needs {
			if n.Dimension == dim {
				rows = append(rows, Count{Key: n.Category, Periods: n.Periods, Clients: n.Clients})
			}
		}
		reading := b.topReading("needs."+dim+"_reading", rows, b.catFn(dim))
		if len(rows) == 0 {
			reading = l.T("needs." + dim + "_none")
		}
		c, err := b.countChart("needs-"+strings.ReplaceAll(dim, "_", "-"), l.T("needs."+dim+"_title"), reading, rows, b.catFn(dim), true, nil)
		if err != nil {
			return sec, err
		}
		sec.Charts = append(sec.Charts, c)
	}
	return sec, nil
}

// --- 7 link-worker survey ----------------------------------------------

func (b *builder) survey() (Section, error) {
	l := b.l
	sec := Section{ID: "survey", Title: l.T("survey.title"), Intro: l.T("survey.intro")}
	if !b.d.HasSurvey || len(b.d.Survey) == 0 {
		sec.Lines = append(sec.Lines, l.T("survey.none"))
		return sec, nil
	}
	rows := make([]string, len(b.d.Survey))
	for i, s := range b.d.Survey {
		rows[i] = s.Statement
	}
	cols := []string{}
	formats := []numFormat{}
	for v := 1; v <= 5; v++ {
		cols = append(cols, l.T(fmt.Sprintf("survey.value_%d", v)))
		formats = append(formats, fmtInt)
	}
	cols = append(cols, l.T("survey.n"), l.T("survey.mean"))
	formats = append(formats, fmtInt, fmtDec1)
	g := newGrid(rows, cols, formats...)
	best := -1
	for i, s := range b.d.Survey {
		for v := range 5 {
			// Answers come from link workers; each is one respondent.
			g.count(i, v, s.Values[v], s.Values[v])
		}
		g.count(i, 5, s.N, s.N)
		g.stat(i, 6, s.Mean, s.N)
		g.SumCols(5, 0, 4, i)
		if s.Mean != nil && s.N >= int64(b.s.Suppression.MinStatisticN) && (best < 0 || *s.Mean > *b.d.Survey[best].Mean) {
			best = i
		}
	}
	reading := l.T("survey.reading_none")
	if best >= 0 {
		reading = l.T("survey.reading", "statement", b.d.Survey[best].Statement, "mean", l.Num(*b.d.Survey[best].Mean, 1))
	}
	c, err := b.chart("survey", l.T("survey.chart"), reading, max(220, 48*len(rows)+80), g, l.T("survey.statement"),
		barsOf("survey", rows, []int{0, 1, 2, 3, 4}, true, l.T("survey.answers")))
	if err != nil {
		return sec, err
	}
	sec.Charts = append(sec.Charts, c)
	return sec, nil
}

// --- 8 data quality and methods ----------------------------------------

func (b *builder) quality() (Section, error) {
	l, d := b.l, b.d
	sec := Section{ID: "quality", Title: l.T("quality.title")}
	inputs := &Table{Caption: l.T("quality.inputs"), Head: []string{l.T("quality.file"), l.T("quality.kind"), l.T("quality.sha256"),
		l.T("quality.ingested"), l.T("quality.rows_read"), l.T("quality.loaded"), l.T("quality.quarantined")}}
	for _, f := range d.Inputs {
		inputs.Rows = append(inputs.Rows, []Text{{S: f.Name}, {S: l.Cat("kind", f.Kind)}, {S: f.SHA256}, {S: l.Date(f.IngestedOn)},
			{S: l.Int(f.RowsRead), Num: true}, {S: l.Int(f.Loaded), Num: true}, {S: l.Int(f.Quarantined), Num: true}})
	}
	quarantine := &Table{Caption: l.T("quality.quarantine"), Head: []string{l.T("quality.file"), l.T("quality.reason"), l.T("quality.rows")}}
	for _, q := range d.Quarantine {
		quarantine.Rows = append(quarantine.Rows, []Text{{S: q.File}, {S: l.Cat("quarantine", q.Reason)}, {S: l.Int(q.Rows), Num: true}})
	}
	checks := &Table{Caption: l.T("quality.checks"), Head: []string{l.T("quality.check"), l.T("quality.severity"), l.T("quality.result"), l.T("quality.failing_rows")}}
	for _, c := range d.Checks {
		result := l.T("quality.passed")
		if !c.Passed {
			result = l.T("quality.failed")
		}
		checks.Rows = append(checks.Rows, []Text{{S: c.Message}, {S: l.Cat("severity", c.Severity)}, {S: result}, {S: l.Int(c.FailingRows), Num: true}})
	}
	warnings := &Table{Caption: l.T("quality.warnings"), Head: []string{l.T("quality.warning"), l.T("quality.rows"), l.T("quality.example")}}
	for _, w := range d.IngestWarnings {
		warnings.Rows = append(warnings.Rows, []Text{{S: l.Cat("warning", w.Code)}, {S: l.Int(w.Rows), Num: true}, {S: w.Example}})
	}
	sec.Tables = append(sec.Tables, inputs, quarantine, checks, warnings)
	if d.HasResults {
		sec.Tables = append(sec.Tables, b.methodsTable())
	}
	sec.Tables = append(sec.Tables, b.settingsTable())
	for _, t := range sec.Tables[:3] { // inputs, quarantine, checks
		t.Open = true
	}
	sec.Lines = []string{
		l.T("quality.scoring"),
		l.T("quality.statistics"),
		l.T("quality.small_cells", "count", b.s.Suppression.MinCount, "n", b.s.Suppression.MinStatisticN),
		l.T("quality.versions", "version", project.LinkkiVersion(), "build", orDash(d.BuildVersion), "built", dateOrDash(l, d.BuiltOn), "analyzed", dateOrDash(l, d.AnalyzedOn)),
	}
	sec.Notes = []string{l.T("quality.references"), l.T("quality.swemwbs_copyright"), l.T("quality.echarts_licence", "version", echartsVersion())}
	return sec, nil
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func dateOrDash(l *lang, iso string) string {
	if iso == "" {
		return "–"
	}
	return l.Date(iso)
}

// methodsTable lists every standardiser for the headline group (results.md:
// d_z and g_av appear in the methods table).
func (b *builder) methodsTable() *Table {
	l := b.l
	t := &Table{Caption: l.T("quality.methods_table"), Head: []string{l.T("outcomes.share_group"), l.T("outcomes.pairs"),
		l.T("quality.mean_diff"), "d_rm", "d_z", "g_av", l.T("quality.p_t"), l.T("quality.p_wilcoxon")}}
	minN := int64(b.s.Suppression.MinStatisticN)
	for _, o := range []string{"swemwbs_metric", "esis"} {
		for _, c := range []string{"T1-T0", "T2-T0"} {
			r := b.headlineRow(o, c)
			if r == nil {
				continue
			}
			row := []Text{{S: l.T("outcomes.share_row", "outcome", l.Cat("outcome", o), "contrast", l.Cat("contrast", c))}, {S: l.Int(r.N), Num: true}}
			if r.Clients < minN {
				for range 6 {
					row = append(row, Text{S: l.T("table.suppressed_mark"), Num: true})
				}
				t.Suppressed = true
			} else {
				row = append(row,
					Text{S: b.estCI(r.MeanDiff, r.DiffCILow, r.DiffCIHigh, 1), Num: true},
					Text{S: b.estCI(r.DRM, r.DRMCILow, r.DRMCIHigh, 2), Num: true},
					Text{S: b.estCI(r.DZ, r.DZCILow, r.DZCIHigh, 2), Num: true},
					Text{S: b.estCI(r.GAV, r.GAVCILow, r.GAVCIHigh, 2), Num: true},
					Text{S: b.pval(r.PT), Num: true}, Text{S: b.pval(r.PWilcoxon), Num: true})
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

func (b *builder) estCI(est, lo, hi *float64, decimals int) string {
	if est == nil {
		return b.l.T("table.missing_mark")
	}
	if lo == nil || hi == nil {
		return b.l.Num(*est, decimals)
	}
	return b.l.T("format.est_ci", "est", b.l.Num(*est, decimals), "ci", b.l.Range(*lo, *hi, decimals))
}

func (b *builder) pval(p *float64) string {
	if p == nil {
		return b.l.T("table.missing_mark")
	}
	return b.l.format(*p, fmtP)
}

func (b *builder) settingsTable() *Table {
	l, s := b.l, b.s
	t := &Table{Caption: l.T("quality.settings"), Head: []string{l.T("quality.setting"), l.T("quality.value")}}
	add := func(key, value string) { t.Rows = append(t.Rows, []Text{{S: key}, {S: value, Num: true}}) }
	add("support_model.max_hours_per_month", l.Num(s.SupportModel.MaxHoursPerMonth, 1))
	add("support_model.max_support_days", l.Int(int64(s.SupportModel.MaxSupportDays)))
	add("costs.hourly_rate_eur", l.Num(s.Costs.HourlyRateEUR, 2))
	for _, r := range s.KmRates() {
		add(fmt.Sprintf("costs.km_rate_eur.%d", r.Year), l.Num(r.EURPerKm, 2))
	}
	add("scoring.swemwbs_prorate_one_missing", fmt.Sprint(s.Scoring.SwemwbsProrateOneMissing))
	add("scoring.esis_max_missing", l.Int(int64(s.Scoring.EsisMaxMissing)))
	add("outcomes.swemwbs_threshold", l.Num(s.Outcomes.SwemwbsThreshold, 1))
	add("outcomes.esis_threshold", l.Num(s.Outcomes.EsisThreshold, 1))
	add("outcomes.swemwbs_reliability", l.Num(s.Outcomes.SwemwbsReliability, 2))
	add("outcomes.esis_reliability", l.Num(s.Outcomes.EsisReliability, 2))
	add("outcomes.confidence_level", l.Num(s.Outcomes.ConfidenceLevel, 2))
	add("suppression.min_count", l.Int(int64(s.Suppression.MinCount)))
	add("suppression.min_statistic_n", l.Int(int64(s.Suppression.MinStatisticN)))
	return t
}
