package analysis

import (
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// grouping assigns every period to its groups under one group_by: codes
// index values, and period i belongs to codes[offsets[i]:offsets[i+1]]
// (one group for every attribute but reason, where a referral with several
// reasons counts in each).
type grouping struct {
	by      string
	values  []string // in report order
	offsets []int32
	codes   []int32
}

func (g *grouping) codesOf(i int) []int32 { return g.codes[g.offsets[i]:g.offsets[i+1]] }

// ageBandOrder is the natural order of age_band values.
var ageBandOrder = []string{"<30", "30-49", "50-64", "65-74", "75+"}

// buildGroupings makes a grouping for each of GroupBys from the values
// present among the periods.
func buildGroupings(p *periodTable) []grouping {
	n := p.len()
	out := make([]grouping, 0, len(GroupBys))
	for _, by := range GroupBys {
		var valuesOf func(i int) []string
		switch by {
		case "all":
			all := []string{"all"}
			valuesOf = func(int) []string { return all }
		case "reason":
			valuesOf = func(i int) []string { return p.reasons[i] }
		default:
			col := p.attr[by]
			valuesOf = func(i int) []string { return col[i : i+1] }
		}
		seen := map[string]bool{}
		for i := 0; i < n; i++ {
			for _, v := range valuesOf(i) {
				seen[v] = true
			}
		}
		if by == "all" {
			seen["all"] = true // the all row exists even without periods
		}
		values := make([]string, 0, len(seen))
		for v := range seen {
			values = append(values, v)
		}
		sortGroupValues(by, values)
		code := make(map[string]int32, len(values))
		for i, v := range values {
			code[v] = int32(i)
		}
		g := grouping{by: by, values: values, offsets: make([]int32, 1, n+1)}
		for i := 0; i < n; i++ {
			for _, v := range valuesOf(i) {
				g.codes = append(g.codes, code[v])
			}
			g.offsets = append(g.offsets, int32(len(g.codes)))
		}
		out = append(out, g)
	}
	return out
}

// sortGroupValues orders group values as a Finnish reader expects: age
// bands by age, other names in Finnish collation (Å, Ä, Ö after Z), and
// missing last.
func sortGroupValues(by string, values []string) {
	col := collate.New(language.Finnish)
	rank := func(v string) int {
		if v == Missing {
			return len(ageBandOrder) + 1
		}
		if by == "age_band" {
			if i := slices.Index(ageBandOrder, v); i >= 0 {
				return i
			}
			return len(ageBandOrder)
		}
		return 0
	}
	slices.SortFunc(values, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return col.CompareString(a, b)
	})
}
