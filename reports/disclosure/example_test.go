package disclosure_test

import (
	"fmt"

	"github.com/linkki-fi/linkki/reports/disclosure"
)

// Municipality rows with a total row, sector columns with a total column.
func Example() {
	rows := []string{"Enontekiö", "Inari", "Kittilä", "total"}
	cols := []string{"health_services", "parish", "total"}
	counts := [][]float64{
		{3, 9, 12},
		{14, 6, 20},
		{8, 11, 19},
		{25, 26, 51},
	}
	t := disclosure.NewTable(rows, cols)
	for i := range counts {
		for j, v := range counts[i] {
			t.Cells[i][j] = disclosure.Cell{Kind: disclosure.ClientCount, Value: v, Clients: int(v)}
		}
	}
	t.SumRows(3, 0, 3, 0, 1, 2) // the total row adds up the municipalities
	t.SumCols(2, 0, 2, 0, 1, 2, 3)

	supp, err := disclosure.Protect(t, disclosure.Rules{MinCount: 5, MinStatisticN: 5})
	if err != nil {
		panic(err)
	}
	for _, s := range supp {
		fmt.Printf("%s / %s: %s\n", s.Row, s.Col, s.Reason)
	}
	exposed, _ := disclosure.Audit(t, supp, disclosure.Rules{MinCount: 5, MinStatisticN: 5})
	fmt.Println("recoverable:", len(exposed))
	// Output:
	// Enontekiö / health_services: primary_count
	// Enontekiö / parish: secondary
	// Kittilä / health_services: secondary
	// Kittilä / parish: secondary
	// recoverable: 0
}
