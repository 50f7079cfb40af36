package disclosure

import (
	"errors"
	"math"
)

// program is a small linear program over bounded variables, solved by the
// two-phase simplex method with Bland's rule (which cannot cycle).
// For count tables the relation matrices (totals and margins) are totally
// unimodular, so every optimum is an integer, and the callers round the
// optima to integers with a tolerance far above floating-point error and far
// below 1.
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
	signs  []float64
	offset float64
}

type lpRow struct {
	coef map[int]float64
	rhs  float64
}

// eps separates zero from non-zero in pivoting; table values are counts
// below 10⁹, so real entries are far from it.
const eps = 1e-9

var errInfeasible = errors.New("the published cells contradict the relations (no table fits them)")

func (p *program) newCol() int {
	p.ncols++
	return p.ncols - 1
}

func (p *program) addVar(low, high float64) {
	var v varMap
	if math.IsInf(low, -1) {
		v.cols, v.signs = []int{p.newCol(), p.newCol()}, []float64{1, -1}
	} else {
		v.offset = low
		v.cols, v.signs = []int{p.newCol()}, []float64{1}
	}
	p.vars = append(p.vars, v)
	if !math.IsInf(high, 1) {
		row := lpRow{coef: map[int]float64{}, rhs: high - v.offset}
		for k, c := range v.cols {
			row.coef[c] = v.signs[k]
		}
		row.coef[p.newCol()] = 1
		p.rows = append(p.rows, row)
	}
}

func (p *program) addConstraint(c constraint) {
	row := lpRow{coef: map[int]float64{}, rhs: c.rhs}
	for k, a := range c.coef {
		v := p.vars[k]
		row.rhs -= a * v.offset
		for j, col := range v.cols {
			row.coef[col] += a * v.signs[j]
		}
	}
	if c.atLeast {
		row.coef[p.newCol()] = -1
	}
	p.rows = append(p.rows, row)
}

// tableau holds m constraint rows over n structural and m artificial
// columns plus the right-hand side, the objective row z (reduced costs, and
// minus the objective value in the last place) and the basis.
type tableau struct {
	a     [][]float64
	z     []float64
	basis []int
	n     int
}

func (t *tableau) rhs() int { return len(t.z) - 1 }

func (t *tableau) pivot(i, j int) {
	piv := t.a[i][j]
	for k := range t.a[i] {
		t.a[i][k] /= piv
	}
	t.a[i][j] = 1
	eliminate := func(row []float64) {
		f := row[j]
		if f == 0 {
			return
		}
		for k := range row {
			row[k] -= f * t.a[i][k]
		}
		row[j] = 0
	}
	for r := range t.a {
		if r != i {
			eliminate(t.a[r])
		}
	}
	eliminate(t.z)
	t.basis[i] = j
}

// errNoConvergence guards against floating-point cycling, which Bland's
// rule excludes only in exact arithmetic.
var errNoConvergence = errors.New("linear program did not converge")

// run pivots until optimal (true) or unbounded (false). Only structural
// columns enter the basis.
func (t *tableau) run() (bool, error) {
	for iter := 0; iter < 50*(len(t.a)+len(t.z)); iter++ {
		enter := -1
		for j := 0; j < t.n; j++ {
			if t.z[j] < -eps {
				enter = j
				break
			}
		}
		if enter < 0 {
			return true, nil
		}
		leave, best := -1, math.Inf(1)
		for i, row := range t.a {
			if row[enter] <= eps {
				continue
			}
			ratio := row[t.rhs()] / row[enter]
			if ratio < best-eps || (ratio <= best+eps && leave >= 0 && t.basis[i] < t.basis[leave]) || leave < 0 {
				leave, best = i, ratio
			}
		}
		if leave < 0 {
			return false, nil
		}
		t.pivot(leave, enter)
	}
	return false, errNoConvergence
}

// feasible runs phase one and returns a tableau at a basic feasible
// solution, from which each optimum is found.
func (p *program) feasible() (*solvedProgram, error) {
	m, n := len(p.rows), p.ncols
	t := &tableau{a: make([][]float64, m), z: make([]float64, n+m+1), basis: make([]int, m), n: n}
	for i, row := range p.rows {
		t.a[i] = make([]float64, n+m+1)
		for col, a := range row.coef {
			t.a[i][col] = a
		}
		t.a[i][n+m] = row.rhs
		if row.rhs < 0 {
			for k := range t.a[i] {
				t.a[i][k] = -t.a[i][k]
			}
		}
		t.a[i][n+i] = 1
		t.basis[i] = n + i
		// Phase one minimises the sum of the artificials.
		for k := 0; k < n; k++ {
			t.z[k] -= t.a[i][k]
		}
		t.z[n+m] -= t.a[i][n+m]
	}
	// Phase one is bounded below by 0, so it ends optimal or not at all.
	if _, err := t.run(); err != nil {
		return nil, err
	}
	if math.Abs(t.z[n+m]) > 1e-6 {
		return nil, errInfeasible
	}
	// Pivot remaining (zero-level) artificials out; a row with no structural
	// entry left is redundant and its artificial stays at 0.
	for i := range t.a {
		if t.basis[i] < n {
			continue
		}
		for j := 0; j < n; j++ {
			if math.Abs(t.a[i][j]) > eps {
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
func (s *solvedProgram) optimum(k int, maximise bool) (value float64, ok bool, err error) {
	src := s.t
	t := &tableau{a: make([][]float64, len(src.a)), z: make([]float64, len(src.z)), basis: append([]int(nil), src.basis...), n: src.n}
	for i, row := range src.a {
		t.a[i] = append([]float64(nil), row...)
	}
	cost := make([]float64, len(src.z)-1)
	v := s.p.vars[k]
	for j, col := range v.cols {
		cost[col] = v.signs[j]
		if maximise {
			cost[col] = -cost[col]
		}
	}
	copy(t.z, cost)
	for i, b := range t.basis {
		if cost[b] == 0 {
			continue
		}
		for j := range t.z {
			t.z[j] -= cost[b] * t.a[i][j]
		}
	}
	if ok, err := t.run(); !ok || err != nil {
		return 0, false, err
	}
	obj := -t.z[t.rhs()] // min of ±(x − offset)
	if maximise {
		obj = -obj
	}
	return obj + v.offset, true, nil
}
