package reports

import (
	"fmt"

	"github.com/linkki-fi/linkki/reports/disclosure"
)

// numFormat says how a column's numbers are printed.
type numFormat int

const (
	fmtInt numFormat = iota
	fmtDec1
	fmtDec2
	fmtEUR
	fmtPct // a share 0..1
	fmtP   // a p-value
)

// grid is the numbers behind one chart and its accessible table: a
// disclosure.Table (each cell knowing how many distinct clients stand behind
// it) with display labels and column formats. The chart and the table both
// read it after protect, so a suppressed number is missing from both.
type grid struct {
	*disclosure.Table
	formats []numFormat
}

func newGrid(rows, cols []string, formats ...numFormat) *grid {
	if len(formats) != len(cols) {
		panic(fmt.Sprintf("grid: %d formats for %d columns", len(formats), len(cols)))
	}
	return &grid{Table: disclosure.NewTable(rows, cols), formats: formats}
}

// count sets a count of periods (or rows) resting on clients people.
func (g *grid) count(r, c int, n, clients int64) {
	g.Cells[r][c] = disclosure.Cell{Kind: disclosure.EventCount, Value: float64(n), Clients: int(clients)}
}

// clients sets a count of distinct clients.
func (g *grid) clients(r, c int, n int64) {
	g.Cells[r][c] = disclosure.Cell{Kind: disclosure.ClientCount, Value: float64(n), Clients: int(n)}
}

// amount sets a non-negative sum (hours, euros) over clients people.
func (g *grid) amount(r, c int, x float64, clients int64) {
	g.Cells[r][c] = disclosure.Cell{Kind: disclosure.Magnitude, Value: x, Clients: int(clients)}
}

// stat sets a statistic on clients people; nil is an undefined value.
func (g *grid) stat(r, c int, x *float64, clients int64) {
	if x == nil {
		g.Cells[r][c] = disclosure.Cell{Kind: disclosure.Mean, Missing: true, Clients: int(clients)}
		return
	}
	g.Cells[r][c] = disclosure.Cell{Kind: disclosure.Mean, Value: *x, Clients: int(clients)}
}

// link hides the cells of row r in cols together (a mean with its interval).
func (g *grid) link(r int, cols ...int) {
	refs := make([]disclosure.Ref, len(cols))
	for i, c := range cols {
		refs[i] = disclosure.Ref{Row: r, Col: c}
	}
	g.Links = append(g.Links, refs)
}

// value is the published number at (r, c), or nil when it is suppressed or
// undefined; charts draw nil as a gap.
func (g *grid) value(r, c int) *float64 {
	cell := g.Cells[r][c]
	if cell.Suppressed || cell.Missing {
		return nil
	}
	v := cell.Value
	return &v
}

// chartValue is value in the form ECharts expects: a number, or "-" for a
// gap.
func (g *grid) chartValue(r, c int) any {
	if v := g.value(r, c); v != nil {
		return *v
	}
	return "-"
}

// suppressed reports whether any cell was hidden.
func (g *grid) suppressed() bool {
	for _, row := range g.Cells {
		for _, c := range row {
			if c.Suppressed {
				return true
			}
		}
	}
	return false
}

// Policy is the small-cell rule set of one report.
type Policy struct {
	rules disclosure.Rules
	// public adds the count rule and secondary suppression across the
	// relations; otherwise only statistics on too few clients are hidden.
	public bool
}

// protect marks the cells of g that the policy hides.
func (p Policy) protect(g *grid) error {
	if !p.public {
		g.Relations = nil
	}
	if _, err := disclosure.Protect(g.Table, p.rules); err != nil {
		return fmt.Errorf("small-cell suppression: %w", err)
	}
	return nil
}

// Table is an accessible HTML table: the numbers behind a chart.
type Table struct {
	Caption string `json:"caption"`
	// Reading is a plain-language line shown above a section's own table.
	Reading string   `json:"reading,omitempty"`
	Head    []string `json:"head"`
	Rows    [][]Text `json:"rows"`
	// Suppressed says a suppression mark appears, so the legend is shown.
	Suppressed bool `json:"suppressed,omitempty"`
	// Open shows the table unfolded: tables that are the content of their
	// section rather than the numbers behind a chart.
	Open bool `json:"open,omitempty"`
}

// Text is one table cell; Num right-aligns it.
type Text struct {
	S   string `json:"s"`
	Num bool   `json:"num,omitempty"`
}

// table renders g with the row header column labelled head.
func (g *grid) table(l *lang, caption, head string) *Table {
	t := &Table{Caption: caption, Head: append([]string{head}, g.Cols...), Suppressed: g.suppressed()}
	for i, row := range g.Cells {
		cells := []Text{{S: g.Rows[i]}}
		for j, c := range row {
			cells = append(cells, Text{S: l.cell(c, g.formats[j]), Num: true})
		}
		t.Rows = append(t.Rows, cells)
	}
	return t
}

// cell prints one published number, or the suppression mark.
func (l *lang) cell(c disclosure.Cell, f numFormat) string {
	switch {
	case c.Suppressed:
		return l.T("table.suppressed_mark")
	case c.Missing:
		return l.T("table.missing_mark")
	}
	return l.format(c.Value, f)
}

func (l *lang) format(x float64, f numFormat) string {
	switch f {
	case fmtDec1:
		return l.Num(x, 1)
	case fmtDec2:
		return l.Num(x, 2)
	case fmtEUR:
		return l.EUR(x)
	case fmtPct:
		return l.Pct(x)
	case fmtP:
		if x < 0.001 {
			return l.T("format.p_small")
		}
		return l.Num(x, 3)
	}
	return l.Num(x, 0)
}
