package disclosure

import (
	"fmt"
	"math"
)

// Interval is what a reader can derive about one hidden cell.
type Interval struct {
	Ref
	Low, High float64 // ±Inf when unbounded
	// Recoverable: the published cells and relations pin the value (for
	// counts, to one integer) more narrowly than the suppression reason alone.
	Recoverable bool
}

// Audit returns the hidden cells of t whose value a reader can recover from
// the published cells, the relations and the published reasons in supp
// (empty when t is protected). See Intervals.
func Audit(t *Table, supp []Suppression, rules Rules) ([]Interval, error) {
	return recoverable(intervals(t, supp, rules, false))
}

// Intervals computes, for every hidden cell in supp, the interval a reader
// can derive.
//
// Counts: a linear program over the hidden cells of each connected block of
// relations, minimising and maximising each cell subject to the relations
// (with the published cells as constants) and to what a reader knows
// a priori: hidden counts are at least 1 (zeros are never hidden), a hidden
// ClientCount with reason primary_count is at most MinCount−1. The bounds
// are rounded inwards to integers. Tables with totals and margins have
// totally unimodular relation matrices, so these are the exact integer
// bounds (tests compare them with brute-force enumeration).
//
// Magnitudes (non-negative) and means (any sign) are bounded the same way;
// their values carry floating-point rounding, so such a cell counts as
// recovered when its interval is narrower than pinnedWidth relative to its
// size. Relations weighted by group sizes (weighted means) are linear in the
// means because the sizes are taken as known: a reader who cannot see a
// group's size knows less, never more.
func Intervals(t *Table, supp []Suppression, rules Rules) ([]Interval, error) {
	return intervals(t, supp, rules, false)
}

// recoverableBlock returns the recoverable cells of the first block that
// has any: Protect shields one and asks again, so the other blocks and the
// full intervals of safe cells are not needed.
func recoverableBlock(t *Table, supp []Suppression, rules Rules) ([]Interval, error) {
	return recoverable(intervals(t, supp, rules, true))
}

func recoverable(ivs []Interval, err error) ([]Interval, error) {
	if err != nil {
		return nil, err
	}
	var out []Interval
	for _, iv := range ivs {
		if iv.Recoverable {
			out = append(out, iv)
		}
	}
	return out, nil
}

// intervals computes the intervals of supp. With exposuresOnly it stops
// after the first block with a recoverable cell (later entries are then
// zero) and leaves a cell's High unbounded once its Low shows it is safe.
func intervals(t *Table, supp []Suppression, rules Rules, exposuresOnly bool) ([]Interval, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	reason := map[Ref]Reason{}
	for _, s := range supp {
		reason[s.Ref] = s.Reason
		if !t.Cell(s.Ref).Suppressed {
			return nil, fmt.Errorf("disclosure: %v listed as suppressed but not marked", s.Ref)
		}
	}
	// Union hidden cells that share a relation into blocks.
	parent := map[Ref]Ref{}
	var find func(Ref) Ref
	find = func(r Ref) Ref {
		if parent[r] == r {
			return r
		}
		parent[r] = find(parent[r])
		return parent[r]
	}
	for _, s := range supp {
		parent[s.Ref] = s.Ref
	}
	for _, rel := range t.Relations {
		var first *Ref
		for _, r := range relCells(rel) {
			if _, hidden := parent[r]; !hidden {
				continue
			}
			if first == nil {
				f := r
				first = &f
				continue
			}
			parent[find(r)] = find(*first)
		}
	}
	blocks := map[Ref][]Ref{}
	for _, s := range supp {
		root := find(s.Ref)
		blocks[root] = append(blocks[root], s.Ref)
	}
	result := map[Ref]Interval{}
	for _, s := range supp { // block order follows supp, so results are deterministic
		root := find(s.Ref)
		cells, pending := blocks[root]
		if !pending {
			continue
		}
		delete(blocks, root)
		var ivs []Interval
		var err error
		ivs, err = blockIntervals(t, cells, reason, rules, exposuresOnly)
		if err != nil {
			return nil, err
		}
		stop := false
		for _, iv := range ivs {
			result[iv.Ref] = iv
			stop = stop || (exposuresOnly && iv.Recoverable)
		}
		if stop {
			break
		}
	}
	out := make([]Interval, len(supp))
	for i, s := range supp {
		out[i] = result[s.Ref]
	}
	return out, nil
}

// pinnedWidth is the relative interval width below which a magnitude or
// mean counts as recovered: far above the rounding error of sums of
// doubles, far below any published precision.
const pinnedWidth = 1e-6

func relCells(rel Relation) []Ref { return append([]Ref{rel.Total}, rel.Parts...) }

// prior is what a reader knows of a hidden cell before using any relation.
func prior(c Cell, reason Reason, rules Rules) (low, high float64) {
	switch c.Kind {
	case ClientCount, EventCount:
		low, high = 1, math.Inf(1)
		if c.Value < 1 { // hidden by the caller; zeros are never hidden here
			low = 0
		}
		if c.Kind == ClientCount && reason == PrimaryCount {
			high = float64(rules.MinCount - 1)
		}
	case Magnitude:
		low, high = 0, math.Inf(1)
	default:
		low, high = math.Inf(-1), math.Inf(1)
	}
	return low, high
}

// constraint is Σ coef·x (= or ≥) rhs over block variables.
type constraint struct {
	coef    map[int]float64
	rhs     float64
	atLeast bool
}

// blockConstraints turns the relations touching a block into constraints on
// its variables (index into cells), published cells moved to the right.
func blockConstraints(t *Table, cells []Ref) []constraint {
	index := map[Ref]int{}
	for i, r := range cells {
		index[r] = i
	}
	// term adds a·cell to c: to the variables when hidden, else to the rhs.
	term := func(c *constraint, a float64, r Ref) {
		cell := t.Cell(r)
		if cell.Missing {
			return
		}
		if k, ok := index[r]; ok {
			c.coef[k] += a
			return
		}
		c.rhs -= a * cell.Value
	}
	var out []constraint
	add := func(c constraint) {
		for _, a := range c.coef {
			if a != 0 {
				out = append(out, c)
				return
			}
		}
	}
	for _, rel := range t.Relations {
		touches := false
		for _, r := range relCells(rel) {
			_, in := index[r]
			touches = touches || in
		}
		if !touches {
			continue
		}
		newC := func(atLeast bool) constraint {
			return constraint{coef: map[int]float64{}, atLeast: atLeast}
		}
		if rel.Subadditive {
			// Σ parts − total ≥ 0, and total − part ≥ 0 for each part.
			c := newC(true)
			term(&c, -1, rel.Total)
			for _, r := range rel.Parts {
				term(&c, 1, r)
			}
			add(c)
			for _, r := range rel.Parts {
				c := newC(true)
				term(&c, 1, rel.Total)
				term(&c, -1, r)
				add(c)
			}
			continue
		}
		c := newC(false)
		tw := rel.TotalWeight
		if tw == 0 {
			tw = 1
		}
		term(&c, tw, rel.Total)
		for i, r := range rel.Parts {
			w := 1.0
			if rel.Weights != nil {
				w = rel.Weights[i]
			}
			term(&c, -w, r)
		}
		add(c)
	}
	return out
}

// blockIntervals bounds each hidden cell of a block by linear programming.
func blockIntervals(t *Table, cells []Ref, reason map[Ref]Reason, rules Rules, exposuresOnly bool) ([]Interval, error) {
	p := &program{}
	lows := make([]float64, len(cells))
	highs := make([]float64, len(cells))
	for i, r := range cells {
		lows[i], highs[i] = prior(*t.Cell(r), reason[r], rules)
		p.addVar(lows[i], highs[i])
	}
	for _, c := range blockConstraints(t, cells) {
		p.addConstraint(c)
	}
	solved, err := p.feasible()
	if err != nil {
		return nil, fmt.Errorf("disclosure: cells around %s / %s: %w", t.Rows[cells[0].Row], t.Cols[cells[0].Col], err)
	}
	out := make([]Interval, len(cells))
	for i, r := range cells {
		c := t.Cell(r)
		iv := Interval{Ref: r, Low: math.Inf(-1), High: math.Inf(1)}
		lo, ok, err := solved.optimum(i, false)
		if err != nil {
			return nil, fmt.Errorf("disclosure: bounding %s / %s: %w", t.Rows[r.Row], t.Cols[r.Col], err)
		}
		if ok {
			iv.Low = lo
		}
		// The true value is feasible, so a minimum below it means the cell
		// is not pinned, whatever the maximum.
		if !exposuresOnly || !below(iv.Low, c.Value, c.Kind) {
			hi, ok, err := solved.optimum(i, true)
			if err != nil {
				return nil, fmt.Errorf("disclosure: bounding %s / %s: %w", t.Rows[r.Row], t.Cols[r.Col], err)
			}
			if ok {
				iv.High = hi
			}
		}
		pinned := iv.High-iv.Low <= pinnedWidth*math.Max(1, math.Max(math.Abs(iv.Low), math.Abs(iv.High)))
		if c.Kind.isCount() {
			// Counts are integers: round inwards, with slack for rounding error.
			iv.Low, iv.High = math.Ceil(iv.Low-1e-6), math.Floor(iv.High+1e-6)
			pinned = iv.Low == iv.High
		}
		iv.Recoverable = pinned && (iv.Low > lows[i] || iv.High < highs[i])
		out[i] = iv
	}
	return out, nil
}

// below reports whether a reader's lower bound lo is clearly below the
// value v, so that v is not pinned.
func below(lo, v float64, k Kind) bool {
	if k.isCount() {
		return math.Ceil(lo-1e-6) < v
	}
	return v-lo > pinnedWidth*math.Max(1, math.Abs(v))
}
