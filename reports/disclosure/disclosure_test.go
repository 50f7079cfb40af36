package disclosure

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

var rules = Rules{MinCount: 5, MinStatisticN: 5}

// grid builds a ClientCount table from interior values and adds the total
// row and column with their relations.
func grid(interior [][]float64) *Table {
	nr, nc := len(interior), len(interior[0])
	rows, cols := make([]string, nr+1), make([]string, nc+1)
	for i := range nr {
		rows[i] = fmt.Sprintf("r%d", i)
	}
	for j := range nc {
		cols[j] = fmt.Sprintf("c%d", j)
	}
	rows[nr], cols[nc] = "total", "total"
	t := NewTable(rows, cols)
	set := func(i, j int, v float64) { t.Cells[i][j] = Cell{Kind: ClientCount, Value: v, Clients: int(v)} }
	for i := range nr {
		for j := range nc {
			set(i, j, interior[i][j])
			t.Cells[i][nc].Value += interior[i][j]
			t.Cells[nr][j].Value += interior[i][j]
			t.Cells[nr][nc].Value += interior[i][j]
		}
	}
	for i := range nr + 1 {
		set(i, nc, t.Cells[i][nc].Value)
	}
	for j := range nc {
		set(nr, j, t.Cells[nr][j].Value)
	}
	all := func(n int) []int {
		out := make([]int, n)
		for k := range out {
			out[k] = k
		}
		return out
	}
	t.SumRows(nr, 0, nr, all(nc+1)...)
	t.SumCols(nc, 0, nc, all(nr+1)...)
	return t
}

// primaryOnly marks only the primary cells, as a naive implementation would.
func primaryOnly(t *Table) []Suppression {
	var out []Suppression
	for i := range t.Cells {
		for j := range t.Cells[i] {
			if reason := primary(t.Cells[i][j], rules); reason != "" {
				t.Cells[i][j].Suppressed = true
				out = append(out, Suppression{Ref: Ref{i, j}, Reason: reason})
			}
		}
	}
	return out
}

func TestPrimaryRules(t *testing.T) {
	tests := []struct {
		cell Cell
		want Reason
	}{
		{Cell{Kind: ClientCount, Value: 0, Clients: 0}, ""},
		{Cell{Kind: ClientCount, Value: 1, Clients: 1}, PrimaryCount},
		{Cell{Kind: ClientCount, Value: 4, Clients: 4}, PrimaryCount},
		{Cell{Kind: ClientCount, Value: 5, Clients: 5}, ""},
		{Cell{Kind: EventCount, Value: 9, Clients: 3}, PrimaryCount}, // nine referrals of three people
		{Cell{Kind: EventCount, Value: 5, Clients: 5}, ""},
		{Cell{Kind: Magnitude, Value: 0, Clients: 0}, ""},
		{Cell{Kind: Magnitude, Value: 120.5, Clients: 4}, PrimaryStatistic},
		{Cell{Kind: Mean, Value: 2.3, Clients: 4}, PrimaryStatistic},
		{Cell{Kind: Mean, Value: 2.3, Clients: 5}, ""},
		{Cell{Kind: Mean, Clients: 0, Missing: true}, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v %g/%d", tt.cell.Kind, tt.cell.Value, tt.cell.Clients), func(t *testing.T) {
			if got := primary(tt.cell, rules); got != tt.want {
				t.Errorf("primary = %q, want %q", got, tt.want)
			}
		})
	}
}

// The crafted tables: naive primary-only suppression leaks, which Audit must
// see; Protect's pattern must leave nothing recoverable.
func TestSecondarySuppression(t *testing.T) {
	tests := []struct {
		name     string
		interior [][]float64
		// leak is a cell that primary-only suppression exposes.
		leak Ref
	}{
		{"one small cell, recovered by subtraction from its row total", [][]float64{
			{20, 3, 15},
			{12, 30, 8},
			{9, 11, 25},
		}, Ref{0, 1}},
		{"two small cells in one row, pinned through their columns", [][]float64{
			{2, 3, 40},
			{12, 30, 8},
			{9, 11, 25},
		}, Ref{0, 0}},
		{"small row total: 1 + 1 = 2 with hidden counts known to be at least 1", [][]float64{
			{1, 1, 0},
			{12, 30, 8},
			{9, 11, 25},
		}, Ref{0, 0}},
		{"a row and a column of small cells", [][]float64{
			{1, 2, 3, 0},
			{4, 30, 18, 22},
			{2, 11, 25, 9},
		}, Ref{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			naive := grid(tt.interior)
			exposed, err := Audit(naive, primaryOnly(naive), rules)
			if err != nil {
				t.Fatal(err)
			}
			if !containsRef(exposed, tt.leak) {
				t.Fatalf("Audit missed the leak of %v under primary-only suppression; exposed %+v", tt.leak, exposed)
			}
			for _, e := range exposed {
				if v := naive.Cell(e.Ref).Value; e.Low != v || e.High != v {
					t.Errorf("%v recovered as [%g, %g], value %g", e.Ref, e.Low, e.High, v)
				}
			}

			tab := grid(tt.interior)
			supp, err := Protect(tab, rules)
			if err != nil {
				t.Fatal(err)
			}
			if exposed, err := Audit(tab, supp, rules); err != nil || len(exposed) > 0 {
				t.Fatalf("after Protect: exposed %+v, err %v", exposed, err)
			}
			for _, s := range supp {
				c := tab.Cell(s.Ref)
				if !c.Suppressed || (s.Reason == Secondary && c.Value == 0) {
					t.Errorf("%v: suppressed=%v value=%g reason %s", s.Ref, c.Suppressed, c.Value, s.Reason)
				}
				if s.Reason == Secondary && !strings.Contains(s.Detail, "/") {
					t.Errorf("%v: secondary suppression without a reason: %q", s.Ref, s.Detail)
				}
				// The published reason must not give the value away.
				if s.Reason == PrimaryCount && s.Detail != "fewer than 5 distinct clients" {
					t.Errorf("%v: detail %q", s.Ref, s.Detail)
				}
			}
			// Every primary cell is in the list as primary.
			for _, e := range primaryOnly(grid(tt.interior)) {
				if !hasReason(supp, e.Ref, PrimaryCount) {
					t.Errorf("%v not listed as primary_count", e.Ref)
				}
			}
		})
	}
}

func TestProtectKeepsSafeTablesWhole(t *testing.T) {
	tab := grid([][]float64{{10, 0, 7}, {5, 6, 0}})
	supp, err := Protect(tab, rules)
	if err != nil || len(supp) != 0 {
		t.Fatalf("suppressed %+v, err %v", supp, err)
	}
}

// The verifier itself is checked against brute force: on small random
// tables, the LP interval of each hidden cell equals the range of values it
// takes over every integer table consistent with the published cells.
func TestIntervalsMatchEnumeration(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for trial := range 60 {
		interior := make([][]float64, 2)
		for i := range interior {
			interior[i] = make([]float64, 3)
			for j := range interior[i] {
				interior[i][j] = float64(rng.IntN(9))
			}
		}
		tab := grid(interior)
		supp := primaryOnly(tab)
		got, err := Intervals(tab, supp, rules)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := enumerate(tab, supp)
		for k, iv := range got {
			if iv.Low != lo[k] || iv.High != hi[k] {
				t.Errorf("trial %d %v: interval [%g, %g], enumeration [%g, %g]\n%v", trial, iv.Ref, iv.Low, iv.High, lo[k], hi[k], interior)
			}
		}
	}
}

// enumerate tries every value 0..limit for the hidden cells within their
// priors and keeps the fillings that satisfy all relations. Hidden cells are
// at most the grand total, so the limit is exhaustive.
func enumerate(tab *Table, supp []Suppression) (lo, hi []float64) {
	n := len(supp)
	limit := int(tab.Cells[len(tab.Rows)-1][len(tab.Cols)-1].Value)
	if tab.Cells[len(tab.Rows)-1][len(tab.Cols)-1].Suppressed {
		limit = 8 * 6
	}
	lo, hi = make([]float64, n), make([]float64, n)
	for k := range lo {
		lo[k], hi[k] = math.Inf(1), math.Inf(-1)
	}
	vals := make([]float64, n)
	value := func(r Ref) float64 {
		for k, s := range supp {
			if s.Ref == r {
				return vals[k]
			}
		}
		return tab.Cell(r).Value
	}
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			for _, rel := range tab.Relations {
				sum := 0.0
				for _, p := range rel.Parts {
					sum += value(p)
				}
				if sum != value(rel.Total) {
					return
				}
			}
			for i, v := range vals {
				lo[i], hi[i] = math.Min(lo[i], v), math.Max(hi[i], v)
			}
			return
		}
		low, high := prior(*tab.Cell(supp[k].Ref), supp[k].Reason, rules)
		for v := low; v <= math.Min(high, float64(limit)); v++ {
			vals[k] = v
			rec(k + 1)
		}
	}
	rec(0)
	return lo, hi
}

// Random tables, protected: nothing is ever recoverable, and the pattern
// is the same on a second run (determinism).
func TestProtectRandomTables(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 40 {
		interior := make([][]float64, 2+rng.IntN(4))
		width := 2 + rng.IntN(4)
		for i := range interior {
			interior[i] = make([]float64, width)
			for j := range interior[i] {
				interior[i][j] = float64(rng.IntN(14))
			}
		}
		tab := grid(interior)
		supp, err := Protect(tab, rules)
		if err != nil {
			t.Fatalf("trial %d: %v\n%v", trial, err, interior)
		}
		if exposed, err := Audit(tab, supp, rules); err != nil || len(exposed) > 0 {
			t.Fatalf("trial %d: exposed %+v err %v\n%v", trial, exposed, err, interior)
		}
		again, _ := Protect(grid(interior), rules)
		if fmt.Sprint(again) != fmt.Sprint(supp) {
			t.Fatalf("trial %d: second run differs", trial)
		}
	}
}

// Means of groups: with group sizes published, the total mean reveals a
// hidden group mean, so a second mean goes; its interval goes with it.
func TestWeightedMeansAndLinks(t *testing.T) {
	// Columns: n, mean change, ci_low, ci_high; rows: three municipalities and all.
	rows := []string{"A", "B", "C", "all"}
	tab := NewTable(rows, []string{"n", "mean", "ci_low", "ci_high"})
	ns := []int{3, 12, 20, 35}
	means := []float64{4.0, 1.5, 2.25, 0}
	means[3] = (3*4.0 + 12*1.5 + 20*2.25) / 35
	for i := range rows {
		tab.Cells[i][0] = Cell{Kind: ClientCount, Value: float64(ns[i]), Clients: ns[i]}
		for j := 1; j < 4; j++ {
			tab.Cells[i][j] = Cell{Kind: Mean, Value: means[i] + float64(j-2), Clients: ns[i]}
		}
		tab.Links = append(tab.Links, []Ref{{i, 1}, {i, 2}, {i, 3}})
	}
	tab.SumRows(3, 0, 3, 0)
	tab.Relations = append(tab.Relations, Relation{
		Total: Ref{3, 1}, TotalWeight: 35, Parts: []Ref{{0, 1}, {1, 1}, {2, 1}}, Weights: []float64{3, 12, 20},
	})

	naiveSupp := []Suppression{{Ref: Ref{0, 1}, Reason: PrimaryStatistic}}
	tab.Cells[0][1].Suppressed = true
	exposed, err := Audit(tab, naiveSupp, rules)
	if err != nil || !containsRef(exposed, Ref{0, 1}) {
		t.Fatalf("hidden mean of A not seen as recoverable from the weighted total: %+v %v", exposed, err)
	}
	tab.Cells[0][1].Suppressed = false

	supp, err := Protect(tab, rules)
	if err != nil {
		t.Fatal(err)
	}
	if exposed, err := Audit(tab, supp, rules); err != nil || len(exposed) > 0 {
		t.Fatalf("exposed %+v err %v", exposed, err)
	}
	want := map[Ref]Reason{
		{0, 0}: PrimaryCount, {0, 1}: PrimaryStatistic, {0, 2}: PrimaryStatistic, {0, 3}: PrimaryStatistic,
		{1, 0}: Secondary, {1, 1}: Secondary, {1, 2}: Secondary, {1, 3}: Secondary,
	}
	if len(supp) != len(want) {
		t.Fatalf("suppressed %+v, want %v", supp, want)
	}
	for _, s := range supp {
		if want[s.Ref] != s.Reason {
			t.Errorf("%v: %s, want %s", s.Ref, s.Reason, want[s.Ref])
		}
	}
}

// Distinct clients are subadditive: a client referred in two municipalities
// is one client in the total. Protect still hides a second cell.
func TestSubadditiveClients(t *testing.T) {
	tab := NewTable([]string{"A", "B", "C", "all"}, []string{"clients"})
	for i, v := range []float64{3, 40, 22, 64} {
		tab.Cells[i][0] = Cell{Kind: ClientCount, Value: v, Clients: int(v)}
	}
	tab.Relations = []Relation{{Total: Ref{3, 0}, Parts: []Ref{{0, 0}, {1, 0}, {2, 0}}, Subadditive: true}}
	supp, err := Protect(tab, rules)
	if err != nil {
		t.Fatal(err)
	}
	if len(supp) != 2 || supp[1].Ref != (Ref{2, 0}) || supp[1].Reason != Secondary {
		t.Fatalf("suppressed %+v", supp)
	}
	ivs, err := Intervals(tab, supp, rules)
	if err != nil {
		t.Fatal(err)
	}
	// A ≤ 4 and A + C ≥ 24 with C ≤ 64: C in [20, 64].
	if ivs[0].Low != 1 || ivs[0].High != 4 || ivs[1].Low != 20 || ivs[1].High != 64 {
		t.Errorf("intervals %+v", ivs)
	}
}

// Hours are amounts: a hidden municipality's hours follow from the total by
// subtraction until a second is hidden.
func TestMagnitudes(t *testing.T) {
	build := func() *Table {
		tab := NewTable([]string{"A", "B", "C", "all"}, []string{"hours"})
		for i, v := range []struct {
			hours   float64
			clients int
		}{{2.5, 3}, {40.25, 12}, {17.5, 9}, {60.25, 24}} {
			tab.Cells[i][0] = Cell{Kind: Magnitude, Value: v.hours, Clients: v.clients}
		}
		tab.SumRows(3, 0, 3, 0)
		return tab
	}
	naive := build()
	ivs, err := Audit(naive, primaryOnly(naive), rules)
	if err != nil || len(ivs) != 1 || math.Abs(ivs[0].Low-2.5) > 1e-9 || math.Abs(ivs[0].High-2.5) > 1e-9 {
		t.Fatalf("primary-only: exposed %+v err %v", ivs, err)
	}
	tab := build()
	supp, err := Protect(tab, rules)
	if err != nil {
		t.Fatal(err)
	}
	if len(supp) != 2 || supp[1].Ref != (Ref{2, 0}) {
		t.Fatalf("suppressed %+v", supp)
	}
	all, err := Intervals(tab, supp, rules)
	if err != nil {
		t.Fatal(err)
	}
	// A + C = 20 with both ≥ 0.
	for _, iv := range all {
		if iv.Recoverable || math.Abs(iv.Low) > 1e-9 || math.Abs(iv.High-20) > 1e-9 {
			t.Errorf("interval %+v", iv)
		}
	}
}

func TestProtectRejectsMalformedTables(t *testing.T) {
	tab := NewTable([]string{"a"}, []string{"x"})
	tab.Relations = []Relation{{Total: Ref{0, 0}, Parts: []Ref{{3, 0}}}}
	if _, err := Protect(tab, rules); err == nil || !strings.Contains(err.Error(), "outside the table") {
		t.Fatalf("err %v", err)
	}
	mixed := NewTable([]string{"a", "b"}, []string{"x"})
	mixed.Cells[1][0].Kind = Mean
	mixed.SumRows(0, 0, 1, 0)
	if _, err := Protect(mixed, rules); err == nil || !strings.Contains(err.Error(), "mixes") {
		t.Fatalf("err %v", err)
	}
}

func containsRef(ivs []Interval, r Ref) bool {
	for _, iv := range ivs {
		if iv.Ref == r {
			return true
		}
	}
	return false
}

func hasReason(supp []Suppression, r Ref, reason Reason) bool {
	for _, s := range supp {
		if s.Ref == r {
			return s.Reason == reason
		}
	}
	return false
}

// The classic rule (no relation with exactly one hidden cell) is not enough:
// here it hides the 2×2 block 4 11 / 4 8, yet the two primary cells, each
// known to be at most 4, must both be 4 to fill their column total of 8.
// Audit sees it, and Protect hides more.
func TestClassicRuleAloneLeaks(t *testing.T) {
	interior := [][]float64{{4, 11}, {4, 8}}
	tab := grid(interior)
	p := &protector{t: tab, rules: rules, why: map[Ref]Suppression{}}
	for _, s := range primaryOnly(tab) {
		p.hide(s.Ref, s.Reason, "")
	}
	p.closeClassic()
	exposed, err := Audit(tab, p.list(), rules)
	if err != nil {
		t.Fatal(err)
	}
	if !containsRef(exposed, Ref{0, 0}) || !containsRef(exposed, Ref{1, 0}) {
		t.Fatalf("classic pattern %+v: exposed %+v", p.list(), exposed)
	}

	tab = grid(interior)
	supp, err := Protect(tab, rules)
	if err != nil {
		t.Fatal(err)
	}
	if exposed, err := Audit(tab, supp, rules); err != nil || len(exposed) > 0 {
		t.Fatalf("after Protect %+v: exposed %+v, err %v", supp, exposed, err)
	}
	if len(supp) <= len(p.list()) {
		t.Errorf("Protect hid %d cells, the classic rule alone %d", len(supp), len(p.list()))
	}
}

// Hierarchical rows: municipalities add up to regions, regions to the
// total. A small municipality leaks through its region's subtotal until a
// sibling is hidden; the subtotals and the total stay published.
func TestHierarchicalTable(t *testing.T) {
	build := func() *Table {
		rows := []string{"A1", "A2", "A", "B1", "B2", "B", "total"}
		tab := NewTable(rows, []string{"referrals"})
		for i, v := range []float64{3, 20, 23, 12, 9, 21, 44} {
			tab.Cells[i][0] = Cell{Kind: ClientCount, Value: v, Clients: int(v)}
		}
		tab.Relations = []Relation{
			{Total: Ref{2, 0}, Parts: []Ref{{0, 0}, {1, 0}}},
			{Total: Ref{5, 0}, Parts: []Ref{{3, 0}, {4, 0}}},
			{Total: Ref{6, 0}, Parts: []Ref{{2, 0}, {5, 0}}},
		}
		return tab
	}
	naive := build()
	if exposed, err := Audit(naive, primaryOnly(naive), rules); err != nil || !containsRef(exposed, Ref{0, 0}) {
		t.Fatalf("primary-only: exposed %+v err %v", exposed, err)
	}
	tab := build()
	supp, err := Protect(tab, rules)
	if err != nil {
		t.Fatal(err)
	}
	if exposed, err := Audit(tab, supp, rules); err != nil || len(exposed) > 0 {
		t.Fatalf("after Protect %+v: exposed %+v err %v", supp, exposed, err)
	}
	if !tab.Cells[1][0].Suppressed || tab.Cells[6][0].Suppressed {
		t.Errorf("pattern %+v: want the sibling A2 hidden and the total published", supp)
	}
}
