// Package disclosure is linkki's statistical disclosure control: it decides
// which cells of an aggregate table must not be published so that no person
// can be recognised. The ministry export and the HTML report's --public mode
// both use it, so a number is hidden the same way wherever it appears.
//
// It takes a Table (a grid of cells, each knowing how many distinct clients
// stand behind it, plus the additive relations a reader can use: totals,
// margins, weighted means) and Rules (project.Settings.Suppression), marks
// the cells to hide and returns why each was hidden:
//
//   - primary_count: a count resting on 1..MinCount−1 distinct clients
//     (default 1–4). Zero is publishable.
//   - primary_statistic: a statistic (mean, change, interval, hours, euros)
//     on fewer than MinStatisticN distinct clients (default 5).
//   - secondary: a further cell hidden so that no suppressed value can be
//     recovered from published cells and the relations.
//
// Secondary suppression first applies the classic rule to a fixed point:
// every relation (a total and its parts) that hides exactly one cell hides a
// second, the smallest non-zero part (the total only when no part can be
// hidden); cells linked together (a mean and its interval) are hidden
// together. The classic rule is not sufficient on its own (a suppressed cell
// bridging two otherwise protected blocks, or bounds from non-negativity,
// can pin a value), so Protect then runs Audit and hides more until Audit
// finds nothing recoverable.
//
// Audit is the proof: for every hidden cell it computes the interval
// [Low, High] that a reader can derive by linear programming from the
// published cells, the relations and what the published suppression list
// itself tells (a primary count lies in 1..MinCount−1, every hidden count is
// at least 1 because zeros are never hidden, amounts are non-negative). A
// cell is recoverable when that interval is a single value (for counts: a
// single integer) narrower than what the suppression reason alone says.
//
// Typical use, for municipality rows with a total row and sector columns with
// a total column:
//
//	t := disclosure.NewTable(rows, cols) // last row and column are totals
//	t.Cells[i][j] = disclosure.Cell{Kind: disclosure.EventCount, Value: 7, Clients: 6}
//	t.SumRows(len(rows)-1, 0, len(rows)-1, allCols...)   // total row = Σ rows
//	t.SumCols(len(cols)-1, 0, len(cols)-1, allRows...)   // total column = Σ columns
//	supp, err := disclosure.Protect(t, disclosure.RulesFrom(s.Suppression))
//	// t.Cells[i][j].Suppressed now says what to print as "..".
package disclosure

import (
	"fmt"
	"sort"

	"github.com/linkki-fi/linkki/internal/project"
)

// Kind says what a cell's value is; it decides the primary rule and what a
// reader knows about a hidden value.
type Kind int

const (
	// ClientCount is a number of distinct clients; Value equals Clients.
	ClientCount Kind = iota
	// EventCount counts referrals, support periods or meetings; Clients is
	// the number of distinct clients among them.
	EventCount
	// Magnitude is a non-negative amount summed over clients (hours, euros).
	Magnitude
	// Mean is a statistic on Clients people (a mean, a mean change, an
	// interval limit); it takes any sign.
	Mean
)

func (k Kind) String() string {
	switch k {
	case ClientCount:
		return "client_count"
	case EventCount:
		return "event_count"
	case Magnitude:
		return "magnitude"
	case Mean:
		return "mean"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// isCount reports whether values of the kind are integers.
func (k Kind) isCount() bool { return k == ClientCount || k == EventCount }

// Cell is one published number.
type Cell struct {
	Kind    Kind
	Value   float64
	Clients int // distinct clients behind the value; what the thresholds count
	// Missing marks an undefined value (a mean of nobody): printed empty,
	// never suppressed, and left out of relations.
	Missing bool
	// Suppressed is set by Protect.
	Suppressed bool
}

// Ref addresses a cell by row and column index.
type Ref struct{ Row, Col int }

// Relation is what a reader knows links cells:
//
//	TotalWeight·Total = Σ Weights[i]·Parts[i]
//
// with all weights 1 when Weights is nil (a total and its parts). A weighted
// mean over groups uses the groups' sizes as weights. Subadditive relations
// hold distinct-client counts, where a client in two parts is one client in
// the total: max(Parts) ≤ Total ≤ Σ Parts.
type Relation struct {
	Total       Ref
	Parts       []Ref
	TotalWeight float64   // 0 means 1
	Weights     []float64 // nil means all 1
	Subadditive bool
}

// Table is a grid of cells with its labels and relations.
type Table struct {
	Rows, Cols []string
	Cells      [][]Cell
	Relations  []Relation
	// Links are sets of cells hidden together: if one is hidden, all are
	// (a mean change with its n and interval).
	Links [][]Ref
}

// NewTable returns a table of zero-valued ClientCount cells.
func NewTable(rows, cols []string) *Table {
	t := &Table{Rows: rows, Cols: cols, Cells: make([][]Cell, len(rows))}
	for i := range t.Cells {
		t.Cells[i] = make([]Cell, len(cols))
	}
	return t
}

// Cell returns the cell at r.
func (t *Table) Cell(r Ref) *Cell { return &t.Cells[r.Row][r.Col] }

// SumRows adds, for each column in cols, the relation
// row total = Σ rows first..last (total excluded).
func (t *Table) SumRows(total, first, last int, cols ...int) {
	for _, c := range cols {
		t.addSum(total, first, last, func(i int) Ref { return Ref{i, c} })
	}
}

// SumCols adds, for each row in rows, the relation
// column total = Σ columns first..last (total excluded).
func (t *Table) SumCols(total, first, last int, rows ...int) {
	for _, r := range rows {
		t.addSum(total, first, last, func(j int) Ref { return Ref{r, j} })
	}
}

// addSum adds the relation at(total) = Σ at(first..last), total excluded.
func (t *Table) addSum(total, first, last int, at func(int) Ref) {
	rel := Relation{Total: at(total)}
	for k := first; k <= last; k++ {
		if k != total {
			rel.Parts = append(rel.Parts, at(k))
		}
	}
	t.Relations = append(t.Relations, rel)
}

// Rules are the suppression limits, counted in distinct clients.
type Rules struct {
	MinCount      int // counts 1..MinCount−1 are hidden
	MinStatisticN int // statistics on fewer clients are hidden
}

// RulesFrom takes the limits from the settings.
func RulesFrom(s project.SuppressionSettings) Rules {
	return Rules{MinCount: s.MinCount, MinStatisticN: s.MinStatisticN}
}

// Reason says why a cell was hidden.
type Reason string

const (
	PrimaryCount     Reason = "primary_count"
	PrimaryStatistic Reason = "primary_statistic"
	Secondary        Reason = "secondary"
)

// Suppression is one hidden cell and why. Row, Col, Reason and Detail are
// meant to be published (they never contain a hidden value).
type Suppression struct {
	Ref
	Row, Col string // labels
	Reason   Reason
	Detail   string
}

// Protect hides the cells of t that the rules and the relations require,
// setting Cell.Suppressed, and returns the hidden cells in row-major order
// with their reasons. Cells already marked Suppressed stay hidden (as
// secondary). It returns an error for a malformed table, or if no pattern of
// further suppressions can stop a value from being recovered.
func Protect(t *Table, rules Rules) ([]Suppression, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	p := &protector{t: t, rules: rules, why: map[Ref]Suppression{}}
	for i := range t.Cells {
		for j := range t.Cells[i] {
			r := Ref{i, j}
			c := t.Cell(r)
			switch reason := primary(*c, rules); {
			case reason != "":
				p.hide(r, reason, primaryDetail(reason, rules))
			case c.Suppressed:
				p.hide(r, Secondary, "suppressed by the caller")
			}
		}
	}
	for {
		p.closeClassic()
		exposed, err := recoverableBlock(t, p.list(), rules)
		if err != nil {
			return nil, err
		}
		if len(exposed) == 0 {
			break
		}
		// One cell at a time: a cell hidden for one exposure often protects
		// others too, and shielding them all at once hid about 10 % more
		// cells on ministry-sized tables.
		if err := p.shield(exposed[0]); err != nil {
			return nil, err
		}
	}
	return p.list(), nil
}

// primaryDetail explains a primary suppression without the number of
// clients, which would give the hidden value away.
func primaryDetail(reason Reason, rules Rules) string {
	if reason == PrimaryCount {
		return fmt.Sprintf("fewer than %d distinct clients", rules.MinCount)
	}
	return fmt.Sprintf("statistic on fewer than %d distinct clients", rules.MinStatisticN)
}

// primary returns the primary reason to hide c, or "".
func primary(c Cell, rules Rules) Reason {
	if c.Missing {
		return ""
	}
	switch c.Kind {
	case ClientCount, EventCount:
		if c.Clients >= 1 && c.Clients < rules.MinCount {
			return PrimaryCount
		}
	case Magnitude:
		if c.Clients >= 1 && c.Clients < rules.MinStatisticN {
			return PrimaryStatistic
		}
	case Mean:
		if c.Clients < rules.MinStatisticN {
			return PrimaryStatistic
		}
	}
	return ""
}

type protector struct {
	t     *Table
	rules Rules
	why   map[Ref]Suppression
}

func (p *protector) hide(r Ref, reason Reason, detail string) {
	if _, done := p.why[r]; done {
		return
	}
	p.t.Cell(r).Suppressed = true
	p.why[r] = Suppression{Ref: r, Row: p.t.Rows[r.Row], Col: p.t.Cols[r.Col], Reason: reason, Detail: detail}
}

func (p *protector) list() []Suppression {
	out := make([]Suppression, 0, len(p.why))
	for _, s := range p.why {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Ref.Row != out[j].Ref.Row {
			return out[i].Ref.Row < out[j].Ref.Row
		}
		return out[i].Ref.Col < out[j].Ref.Col
	})
	return out
}

func (p *protector) label(r Ref) string {
	return fmt.Sprintf("%s / %s", p.t.Rows[r.Row], p.t.Cols[r.Col])
}

// closeClassic applies links and the one-hidden-cell-per-relation rule until
// nothing changes.
func (p *protector) closeClassic() {
	for changed := true; changed; {
		changed = false
		for _, link := range p.t.Links {
			var hidden *Ref
			for i := range link {
				if p.t.Cell(link[i]).Suppressed {
					hidden = &link[i]
					break
				}
			}
			if hidden == nil {
				continue
			}
			for _, r := range link {
				if !p.t.Cell(r).Suppressed && !p.t.Cell(r).Missing {
					p.hide(r, Secondary, "linked to "+p.label(*hidden))
					changed = true
				}
			}
		}
		for _, rel := range p.t.Relations {
			members := p.members(rel)
			var hidden []Ref
			for _, r := range members {
				if p.t.Cell(r).Suppressed {
					hidden = append(hidden, r)
				}
			}
			if len(hidden) != 1 {
				continue
			}
			if c, ok := p.candidate(rel); ok {
				p.hide(c, Secondary, "otherwise "+p.label(hidden[0])+" follows from "+p.label(rel.Total))
				changed = true
			}
		}
	}
}

// members are the relation's cells that carry information: not missing and
// with a non-zero weight.
func (p *protector) members(rel Relation) []Ref {
	var out []Ref
	if !p.t.Cell(rel.Total).Missing {
		out = append(out, rel.Total)
	}
	for i, r := range rel.Parts {
		if p.t.Cell(r).Missing || (rel.Weights != nil && rel.Weights[i] == 0) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// candidate picks the cell to hide next in a relation: the smallest
// publishable part by value (by clients for means), ties to the first; the
// total only when no part qualifies. Zero counts and amounts are never
// hidden: a reader could not tell a hidden zero apart, but hiding zeros
// would make every zero in a table suspect.
func (p *protector) candidate(rel Relation) (Ref, bool) {
	best, found := Ref{}, false
	size := func(c *Cell) float64 {
		if c.Kind == Mean {
			return float64(c.Clients)
		}
		return c.Value
	}
	for _, r := range p.members(rel) {
		if r == rel.Total {
			continue
		}
		c := p.t.Cell(r)
		if c.Suppressed || (c.Kind != Mean && c.Value == 0) {
			continue
		}
		if !found || size(c) < size(p.t.Cell(best)) {
			best, found = r, true
		}
	}
	if found {
		return best, true
	}
	tc := p.t.Cell(rel.Total)
	if !tc.Suppressed && !tc.Missing && (tc.Kind == Mean || tc.Value != 0) {
		return rel.Total, true
	}
	return Ref{}, false
}

// shield hides one more cell so that the exposed cell is no longer pinned:
// the best candidate in a relation through it, or, when those are all
// hidden already, in a relation through the hidden cells they reach.
func (p *protector) shield(e Interval) error {
	reached := map[Ref]bool{e.Ref: true}
	for {
		grew := false
		for _, rel := range p.t.Relations {
			touches := false
			for _, r := range p.members(rel) {
				touches = touches || reached[r]
			}
			if !touches {
				continue
			}
			if c, ok := p.candidate(rel); ok {
				p.hide(c, Secondary, fmt.Sprintf("otherwise %s follows from the published cells", p.label(e.Ref)))
				return nil
			}
			for _, r := range p.members(rel) {
				if p.t.Cell(r).Suppressed && !reached[r] {
					reached[r], grew = true, true
				}
			}
		}
		if !grew {
			return fmt.Errorf("disclosure: %s stays recoverable and no cell is left to hide", p.label(e.Ref))
		}
	}
}

func (t *Table) validate() error {
	if len(t.Cells) != len(t.Rows) {
		return fmt.Errorf("disclosure: %d rows of cells for %d row labels", len(t.Cells), len(t.Rows))
	}
	for i, row := range t.Cells {
		if len(row) != len(t.Cols) {
			return fmt.Errorf("disclosure: row %q has %d cells for %d column labels", t.Rows[i], len(row), len(t.Cols))
		}
	}
	in := func(r Ref) bool { return r.Row >= 0 && r.Row < len(t.Rows) && r.Col >= 0 && r.Col < len(t.Cols) }
	for k, rel := range t.Relations {
		if !in(rel.Total) {
			return fmt.Errorf("disclosure: relation %d: total %v outside the table", k, rel.Total)
		}
		if rel.Weights != nil && len(rel.Weights) != len(rel.Parts) {
			return fmt.Errorf("disclosure: relation %d: %d weights for %d parts", k, len(rel.Weights), len(rel.Parts))
		}
		if rel.Subadditive && (rel.Weights != nil || rel.TotalWeight != 0) {
			return fmt.Errorf("disclosure: relation %d: a subadditive relation takes no weights", k)
		}
		for _, r := range rel.Parts {
			if !in(r) {
				return fmt.Errorf("disclosure: relation %d: part %v outside the table", k, r)
			}
			// Each block of related cells is bounded with one kind's prior
			// and rounding, so a relation must not mix integers and amounts.
			if t.Cell(r).Kind.isCount() != t.Cell(rel.Total).Kind.isCount() {
				return fmt.Errorf("disclosure: relation %d mixes counts with amounts or means", k)
			}
		}
	}
	for k, link := range t.Links {
		for _, r := range link {
			if !in(r) {
				return fmt.Errorf("disclosure: link %d: cell %v outside the table", k, r)
			}
		}
	}
	return nil
}
