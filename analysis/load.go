package analysis

import (
	"context"
	"database/sql"
	"database/sql/driver"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"
)

//go:embed sql/outcomes_wide_read.sql
var outcomesWideQuery string

// ErrNotBuilt means the database has no outcomes_wide table: `linkki build`
// has not run.
var ErrNotBuilt = errors.New("the database has no outcome tables (outcomes_wide)")

// Missing is the group of periods whose grouping attribute is NULL.
const Missing = "missing"

// periodTable is outcomes_wide in columns, one entry per started support
// period. Grouping attributes hold Missing for NULL; scores hold NaN for a
// missing score.
type periodTable struct {
	referralID []string
	attr       map[string][]string     // municipality, referrer_sector, gender, age_band
	reasons    [][]string              // distinct reason codes; {Missing} when none
	scores     map[string][3][]float64 // outcome → T0, T1, T2
}

func (p *periodTable) len() int { return len(p.referralID) }

// singleAttributes are the grouping attributes with one value per period.
var singleAttributes = []string{"municipality", "referrer_sector", "gender", "age_band"}

// stringColumn is what DuckDB's VARCHAR arrives as through Arrow.
type stringColumn interface {
	arrow.Array
	Value(i int) string
}

// readPeriods moves outcomes_wide out of DuckDB through Arrow: column
// buffers become Go slices without per-row database/sql scanning. Repeated
// attribute values are interned, which also copies them out of Arrow's
// buffers before the batch is released.
func readPeriods(ctx context.Context, db *sql.DB) (*periodTable, error) {
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'outcomes_wide'").Scan(&tables); err != nil {
		return nil, fmt.Errorf("read outcomes_wide: %w", err)
	}
	if tables == 0 {
		return nil, ErrNotBuilt
	}
	var rows int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM outcomes_wide").Scan(&rows); err != nil {
		return nil, fmt.Errorf("read outcomes_wide: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("read outcomes_wide: %w", err)
	}
	defer conn.Close()
	p := newPeriodTable(rows)
	intern := map[string]string{}
	str := func(s string) string {
		if v, ok := intern[s]; ok {
			return v
		}
		v := strings.Clone(s)
		intern[v] = v
		return v
	}
	err = conn.Raw(func(dc any) error {
		dconn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("database connection is %T, not a DuckDB connection", dc)
		}
		ar, err := duckdb.NewArrowFromConn(dconn)
		if err != nil {
			return err
		}
		rdr, err := ar.QueryContext(ctx, outcomesWideQuery)
		if err != nil {
			return err
		}
		defer rdr.Release()
		for rdr.Next() {
			if err := p.appendBatch(rdr.RecordBatch(), str); err != nil {
				return err
			}
		}
		return rdr.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read outcomes_wide: %w", err)
	}
	return p, nil
}

// newPeriodTable makes room for rows periods up front: growing a dozen
// columns of a million entries batch by batch cost 2 CPU-s in copying.
func newPeriodTable(rows int) *periodTable {
	p := &periodTable{referralID: make([]string, 0, rows), reasons: make([][]string, 0, rows),
		attr: map[string][]string{}, scores: map[string][3][]float64{}}
	for _, name := range singleAttributes {
		p.attr[name] = make([]string, 0, rows)
	}
	for _, o := range Outcomes {
		p.scores[o] = [3][]float64{make([]float64, 0, rows), make([]float64, 0, rows), make([]float64, 0, rows)}
	}
	return p
}

func (p *periodTable) appendBatch(rec arrow.RecordBatch, str func(string) string) error {
	col := func(name string) (arrow.Array, error) {
		idx := rec.Schema().FieldIndices(name)
		if len(idx) != 1 {
			return nil, fmt.Errorf("outcomes_wide has no column %s", name)
		}
		return rec.Column(idx[0]), nil
	}
	textCol := func(name string) (stringColumn, error) {
		c, err := col(name)
		if err != nil {
			return nil, err
		}
		s, ok := c.(stringColumn)
		if !ok {
			return nil, fmt.Errorf("outcomes_wide.%s is %s, want VARCHAR", name, c.DataType())
		}
		return s, nil
	}
	n := int(rec.NumRows())
	ids, err := textCol("referral_id")
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		p.referralID = append(p.referralID, strings.Clone(ids.Value(i)))
	}
	for _, name := range singleAttributes {
		c, err := textCol(name)
		if err != nil {
			return err
		}
		vals := p.attr[name]
		for i := 0; i < n; i++ {
			if c.IsNull(i) || c.Value(i) == "" {
				vals = append(vals, Missing)
			} else {
				vals = append(vals, str(c.Value(i)))
			}
		}
		p.attr[name] = vals
	}
	rc, err := col("reasons")
	if err != nil {
		return err
	}
	list, ok := rc.(*array.List)
	if !ok {
		return fmt.Errorf("outcomes_wide.reasons is %s, want VARCHAR[]", rc.DataType())
	}
	items, ok := list.ListValues().(stringColumn)
	if !ok {
		return fmt.Errorf("outcomes_wide.reasons holds %s, want VARCHAR", list.ListValues().DataType())
	}
	for i := 0; i < n; i++ {
		var rs []string
		if !list.IsNull(i) {
			start, end := list.ValueOffsets(i)
			for j := int(start); j < int(end); j++ {
				if !items.IsNull(j) && items.Value(j) != "" {
					rs = appendDistinct(rs, str(items.Value(j)))
				}
			}
		}
		if len(rs) == 0 {
			rs = []string{Missing}
		}
		p.reasons = append(p.reasons, rs)
	}
	for _, o := range Outcomes {
		cols := p.scores[o]
		for t, tp := range []string{"t0", "t1", "t2"} {
			c, err := col(o + "_" + tp)
			if err != nil {
				return err
			}
			f, ok := c.(*array.Float64)
			if !ok {
				return fmt.Errorf("outcomes_wide.%s_%s is %s, want DOUBLE", o, tp, c.DataType())
			}
			vals := f.Float64Values()
			for i := 0; i < n; i++ {
				if f.IsNull(i) {
					cols[t] = append(cols[t], math.NaN())
				} else {
					cols[t] = append(cols[t], vals[i])
				}
			}
		}
		p.scores[o] = cols
	}
	return nil
}

func appendDistinct(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
