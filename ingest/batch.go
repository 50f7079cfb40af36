package ingest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/duckdb/duckdb-go/v2"
)

// batchRows is how many rows a batch collects before it is inserted: large
// enough that the per-statement cost vanishes, small enough that two
// batches in flight stay a few tens of MB.
const batchRows = 64 << 10

// batchTables are the tables a file's rows go to, own or staged.
var batchTables = []string{"quarantine", "referral_history", "meetings", "stage_meetings", "swemwbs_responses",
	"stage_swemwbs_responses", "participation_responses", "stage_participation_responses", "worker_survey_answers",
	"stage_held_rows", "stage_ingest_warnings", "stage_released"}

// batch collects rows for several tables as Arrow columns. A full batch
// reaches DuckDB as one INSERT … SELECT over an Arrow scan per table. That
// costs about what DuckDB's appender costs, but a batch is built in plain Go
// memory by another goroutine than the one inserting, so the two overlap.
type batch struct {
	schemas map[string]*arrow.Schema
	tables  map[string]*tableRows
	order   []*tableRows // first-use order, so inserts run in a stable order
	rows    int
}

// tableRows are one table's rows of a batch.
type tableRows struct {
	name string
	rec  *array.RecordBuilder
	rows int
}

func newBatch(schemas map[string]*arrow.Schema) *batch {
	return &batch{schemas: schemas, tables: map[string]*tableRows{}}
}

// add appends one row; values are in the table's column order, nil for NULL.
func (b *batch) add(table string, values []driver.Value) error {
	t := b.tables[table]
	if t == nil {
		schema, ok := b.schemas[table]
		if !ok {
			return fmt.Errorf("append %s: no such table", table)
		}
		t = &tableRows{name: table, rec: array.NewRecordBuilder(memory.DefaultAllocator, schema)}
		b.tables[table] = t
		b.order = append(b.order, t)
	}
	fields := t.rec.Fields()
	if len(values) != len(fields) {
		return fmt.Errorf("append %s: %d values for %d columns", table, len(values), len(fields))
	}
	for i, v := range values {
		if err := appendValue(fields[i], v); err != nil {
			return fmt.Errorf("append %s.%s: %w", table, t.rec.Schema().Field(i).Name, err)
		}
	}
	t.rows++
	b.rows++
	return nil
}

// appendValue appends a Go value of the kinds ingest produces to the
// builder of the column's Arrow type.
func appendValue(b array.Builder, v driver.Value) error {
	if v == nil {
		b.AppendNull()
		return nil
	}
	ok := true
	switch b := b.(type) {
	case *array.StringBuilder:
		var s string
		if s, ok = v.(string); ok {
			b.Append(s)
		}
	case *array.Date32Builder:
		var t time.Time
		if t, ok = v.(time.Time); ok {
			b.Append(daysSinceEpoch(t))
		}
	case *array.Float64Builder:
		var f float64
		if f, ok = v.(float64); ok {
			b.Append(f)
		}
	case *array.Int64Builder:
		var n int64
		if n, ok = v.(int64); ok {
			b.Append(n)
		}
	case *array.Int32Builder:
		var n int32
		if n, ok = v.(int32); ok {
			b.Append(n)
		}
	case *array.Int8Builder:
		var n int8
		if n, ok = v.(int8); ok {
			b.Append(n)
		}
	case *array.BooleanBuilder:
		var x bool
		if x, ok = v.(bool); ok {
			b.Append(x)
		}
	case *array.ListBuilder:
		var list []string
		var vb *array.StringBuilder
		if list, ok = v.([]string); ok {
			if vb, ok = b.ValueBuilder().(*array.StringBuilder); ok {
				b.Append(true)
				for _, s := range list {
					vb.Append(s)
				}
			}
		}
	default:
		return fmt.Errorf("no conversion to Arrow %s", b.Type())
	}
	if !ok {
		return fmt.Errorf("cannot store %T as Arrow %s", v, b.Type())
	}
	return nil
}

// daysSinceEpoch is a calendar date (UTC midnight) as Arrow's date32.
func daysSinceEpoch(t time.Time) arrow.Date32 {
	secs := t.Unix()
	days := secs / 86400
	if secs%86400 < 0 {
		days--
	}
	return arrow.Date32(days)
}

// withArrow runs fn with Arrow access to conn's DuckDB connection and the
// connection itself for statements; conn must not be used meanwhile.
func withArrow(conn *sql.Conn, fn func(ar *duckdb.Arrow, execer driver.ExecerContext) error) error {
	return conn.Raw(func(dc any) error {
		dconn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("database connection is %T, not a DuckDB connection", dc)
		}
		execer, ok := dc.(driver.ExecerContext)
		if !ok {
			return fmt.Errorf("database connection %T cannot execute statements", dc)
		}
		ar, err := duckdb.NewArrowFromConn(dconn)
		if err != nil {
			return err
		}
		return fn(ar, execer)
	})
}

// batchWriter inserts batches on the file's transaction (the driver
// connection of conn.Raw, which must not be used through database/sql
// meanwhile).
type batchWriter struct {
	conn    driver.ExecerContext
	arrow   *duckdb.Arrow
	schemas map[string]*arrow.Schema
}

// loadSchemas reads the Arrow schema of every batch table once per Files
// call; the staging tables must exist.
func loadSchemas(ctx context.Context, ar *duckdb.Arrow) (map[string]*arrow.Schema, error) {
	schemas := map[string]*arrow.Schema{}
	for _, t := range batchTables {
		rdr, err := ar.QueryContext(ctx, "SELECT * FROM "+t+" LIMIT 0")
		if err != nil {
			return nil, fmt.Errorf("schema of %s: %w", t, err)
		}
		schemas[t] = rdr.Schema()
		rdr.Release()
	}
	return schemas, nil
}

func (w *batchWriter) newBatch() *batch { return newBatch(w.schemas) }

// insert writes and empties a batch; its builders are reused.
func (w *batchWriter) insert(ctx context.Context, b *batch) error {
	for _, t := range b.order {
		if t.rows == 0 {
			continue
		}
		if err := w.insertTable(ctx, t); err != nil {
			return fmt.Errorf("append %s: %w", t.name, err)
		}
		t.rows = 0
	}
	b.rows = 0
	return nil
}

const batchView = "linkki_ingest_batch"

// record takes the rows as an Arrow record and leaves the builders empty
// but with the capacity this batch needed, so that the next batch does not
// regrow every buffer from nothing.
func (t *tableRows) record() arrow.RecordBatch {
	fields := t.rec.Fields()
	data := make([]int, len(fields))
	for i, f := range fields {
		if sb, ok := f.(*array.StringBuilder); ok {
			data[i] = sb.DataLen()
		}
	}
	rec := t.rec.NewRecordBatch()
	t.rec.Reserve(t.rows)
	for i, f := range fields {
		if sb, ok := f.(*array.StringBuilder); ok {
			sb.ReserveData(data[i])
		}
	}
	return rec
}

func (w *batchWriter) insertTable(ctx context.Context, t *tableRows) error {
	rec := t.record()
	defer rec.Release()
	rdr, err := array.NewRecordReader(rec.Schema(), []arrow.RecordBatch{rec})
	if err != nil {
		return err
	}
	defer rdr.Release()
	release, err := w.arrow.RegisterView(rdr, batchView)
	if err != nil {
		return err
	}
	defer release()
	_, err = w.conn.ExecContext(ctx, "INSERT INTO "+t.name+" SELECT * FROM "+batchView, nil)
	return err
}
