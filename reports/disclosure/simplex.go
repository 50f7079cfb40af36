package disclosure

import (
	"errors"
	"math"
	"math/big"
)

// program is a small linear program over bounded variables, solved exactly
// in rational arithmetic by the two-phase simplex method with Bland's rule
// (which cannot cycle). Disclosure tables are small, and exactness matters
// more than speed: a rounding error would turn "recoverable" into "safe".
//
// Each variable x with bounds [low, high] becomes standard-form columns:
// x = low + y (y ≥ 0) when low is finite, else x = y⁺ − y⁻; a finite high
// adds the row y + s = high − low. A ≥ constraint gets a surplus column.
type program struct {
	vars  []varMap
	ncols int
	rows  []lpRow
}

type varMap struct {
	cols   []int
	signs  []int64
	offset *big.Rat
}

type lpRow struct {
	coef map[int]*big.Rat
	rhs  *big.Rat
}

var errInfeasible = errors.New("the published cells contradict the relations (no table fits them)")

func (p *program) newCol() int {
	p.ncols++
	return p.ncols - 1
}

func (p *program) addVar(low, high float64) {
	v := varMap{offset: new(big.Rat)}
	if math.IsInf(low, -1) {
		v.cols, v.signs = []int{p.newCol(), p.newCol()}, []int64{1, -1}
	} else {
		v.offset.SetFloat64(low)
		v.cols, v.signs = []int{p.newCol()}, []int64{1}
	}
	p.vars = append(p.vars, v)
	if !math.IsInf(high, 1) {
		row := lpRow{coef: map[int]*big.Rat{}, rhs: new(big.Rat).SetFloat64(high)}
		row.rhs.Sub(row.rhs, v.offset)
		for k, c := range v.cols {
			row.coef[c] = big.NewRat(v.signs[k], 1)
		}
		row.coef[p.newCol()] = big.NewRat(1, 1)
		p.rows = append(p.rows, row)
	}
}

func (p *program) addConstraint(c constraint) {
	row := lpRow{coef: map[int]*big.Rat{}, rhs: new(big.Rat).Set(c.rhs)}
	for k, a := range c.coef {
		v := p.vars[k]
		row.rhs.Sub(row.rhs, new(big.Rat).Mul(a, v.offset))
		for j, col := range v.cols {
			if row.coef[col] == nil {
				row.coef[col] = new(big.Rat)
			}
			row.coef[col].Add(row.coef[col], new(big.Rat).Mul(a, big.NewRat(v.signs[j], 1)))
		}
	}
	if c.atLeast {
		row.coef[p.newCol()] = big.NewRat(-1, 1)
	}
	p.rows = append(p.rows, row)
}

// tableau holds m constraint rows over n structural and m artificial
// columns plus the right-hand side, the objective row z (reduced costs, and
// minus the objective value in the last place) and the basis.
type tableau struct {
	a     [][]*big.Rat
	z     []*big.Rat
	basis []int
	n     int
}

func (t *tableau) rhs() int { return len(t.z) - 1 }

func (t *tableau) pivot(i, j int) {
	piv := new(big.Rat).Set(t.a[i][j])
	for k := range t.a[i] {
		t.a[i][k].Quo(t.a[i][k], piv)
	}
	eliminate := func(row []*big.Rat) {
		f := new(big.Rat).Set(row[j])
		if f.Sign() == 0 {
			return
		}
		for k := range row {
			row[k].Sub(row[k], new(big.Rat).Mul(f, t.a[i][k]))
		}
	}
	for r := range t.a {
		if r != i {
			eliminate(t.a[r])
		}
	}
	eliminate(t.z)
	t.basis[i] = j
}

// run pivots until optimal (true) or unbounded (false). Only structural
// columns enter the basis.
func (t *tableau) run() bool {
	for {
		enter := -1
		for j := 0; j < t.n; j++ {
			if t.z[j].Sign() < 0 {
				enter = j
				break
			}
		}
		if enter < 0 {
			return true
		}
		leave := -1
		var best *big.Rat
		for i, row := range t.a {
			if row[enter].Sign() <= 0 {
				continue
			}
			ratio := new(big.Rat).Quo(row[t.rhs()], row[enter])
			if c := cmpRat(ratio, best); leave < 0 || c < 0 || (c == 0 && t.basis[i] < t.basis[leave]) {
				leave, best = i, ratio
			}
		}
		if leave < 0 {
			return false
		}
		t.pivot(leave, enter)
	}
}

func cmpRat(a, b *big.Rat) int {
	if b == nil {
		return -1
	}
	return a.Cmp(b)
}

// feasible runs phase one and returns a tableau at a basic feasible
// solution, from which each optimum is found.
func (p *program) feasible() (*solvedProgram, error) {
	m, n := len(p.rows), p.ncols
	t := &tableau{a: make([][]*big.Rat, m), z: make([]*big.Rat, n+m+1), basis: make([]int, m), n: n}
	for k := range t.z {
		t.z[k] = new(big.Rat)
	}
	for i, row := range p.rows {
		t.a[i] = make([]*big.Rat, n+m+1)
		for k := range t.a[i] {
			t.a[i][k] = new(big.Rat)
		}
		for col, a := range row.coef {
			t.a[i][col].Set(a)
		}
		t.a[i][n+m].Set(row.rhs)
		if row.rhs.Sign() < 0 {
			for k := range t.a[i] {
				t.a[i][k].Neg(t.a[i][k])
			}
		}
		t.a[i][n+i].SetInt64(1)
		t.basis[i] = n + i
		// Phase one minimises the sum of the artificials.
		for k := 0; k < n; k++ {
			t.z[k].Sub(t.z[k], t.a[i][k])
		}
		t.z[n+m].Sub(t.z[n+m], t.a[i][n+m])
	}
	t.run() // phase one is bounded below by 0
	if t.z[n+m].Sign() != 0 {
		return nil, errInfeasible
	}
	// Pivot remaining (zero-level) artificials out; a row with no structural
	// entry left is redundant and its artificial stays at 0.
	for i := range t.a {
		if t.basis[i] < n {
			continue
		}
		for j := 0; j < n; j++ {
			if t.a[i][j].Sign() != 0 {
				t.pivot(i, j)
				break
			}
		}
	}
	return &solvedProgram{p: p, t: t}, nil
}

type solvedProgram struct {
	p *program
	t *tableau
}

// optimum minimises (or maximises) variable k; ok is false when unbounded.
func (s *solvedProgram) optimum(k int, maximise bool) (*big.Rat, bool) {
	src := s.t
	t := &tableau{a: make([][]*big.Rat, len(src.a)), z: make([]*big.Rat, len(src.z)), basis: append([]int(nil), src.basis...), n: src.n}
	for i, row := range src.a {
		t.a[i] = make([]*big.Rat, len(row))
		for j, v := range row {
			t.a[i][j] = new(big.Rat).Set(v)
		}
	}
	cost := make([]*big.Rat, len(src.z)-1)
	for j := range cost {
		cost[j] = new(big.Rat)
	}
	v := s.p.vars[k]
	for j, col := range v.cols {
		sign := v.signs[j]
		if maximise {
			sign = -sign
		}
		cost[col].SetInt64(sign)
	}
	for j := range t.z {
		t.z[j] = new(big.Rat)
		if j < len(cost) {
			t.z[j].Set(cost[j])
		}
	}
	for i, b := range t.basis {
		if cost[b].Sign() == 0 {
			continue
		}
		for j := range t.z {
			t.z[j].Sub(t.z[j], new(big.Rat).Mul(cost[b], t.a[i][j]))
		}
	}
	if !t.run() {
		return nil, false
	}
	obj := new(big.Rat).Neg(t.z[t.rhs()]) // min of ±(x − offset)
	if maximise {
		obj.Neg(obj)
	}
	return obj.Add(obj, v.offset), true
}
