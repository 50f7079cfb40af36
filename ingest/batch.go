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
	"stage_held_rows", "stage_ingest_warnings", "stage_released", "stage_hours_over_cap"}

// batch collects rows for several tables as Arrow columns. A full batch
// reaches DuckDB as one INSERT … SELECT over an Arrow scan per table. That
// costs about what DuckDB's appender costs, but a batch is built in plain Go
// memory by another goroutine than the one inserting, so the two overlap.
type batch struct {
	schemas map[string]*arrow.Schema
	tables  map[string]*tableRows
	order   []*tableRows // first-use order, so inserts run in a stable order
	rows    int
	w       rowWriter // the row being appended, see row
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

// row starts a row of table; its values follow column by column in the
// table's order through the returned writer, which end completes. Typed
// appends instead of a []driver.Value per row: boxing every value of ten
// million meetings cost several CPU-seconds in allocations alone.
func (b *batch) row(table string) *rowWriter {
	t := b.tables[table]
	if t == nil {
		schema, ok := b.schemas[table]
		if !ok {
			b.w = rowWriter{err: fmt.Errorf("append %s: no such table", table)}
			return &b.w
		}
		t = &tableRows{name: table, rec: array.NewRecordBuilder(memory.DefaultAllocator, schema)}
		b.tables[table] = t
		b.order = append(b.order, t)
	}
	b.w = rowWriter{b: b, t: t, fields: t.rec.Fields()}
	return &b.w
}

// rowWriter appends one row's values; the first mismatch between a value
// and its column is kept and reported by end.
type rowWriter struct {
	b      *batch
	t      *tableRows
	fields []array.Builder
	col    int
	err    error
}

// next is the builder of the next column, nil after an error or past the
// last column.
func (w *rowWriter) next() array.Builder {
	if w.err != nil {
		return nil
	}
	if w.col >= len(w.fields) {
		w.err = fmt.Errorf("append %s: more values than its %d columns", w.t.name, len(w.fields))
		return nil
	}
	w.col++
	return w.fields[w.col-1]
}

func (w *rowWriter) mismatch(kind string) {
	if w.err == nil {
		f := w.t.rec.Schema().Field(w.col - 1)
		w.err = fmt.Errorf("append %s.%s: cannot store %s as Arrow %s", w.t.name, f.Name, kind, f.Type)
	}
}

// null appends NULL to the next column.
func (w *rowWriter) null() *rowWriter {
	if b := w.next(); b != nil {
		b.AppendNull()
	}
	return w
}

func (w *rowWriter) str(s string) *rowWriter {
	if b, ok := w.next().(*array.StringBuilder); ok {
		b.Append(s)
	} else {
		w.mismatch("string")
	}
	return w
}

// optStr appends s, or NULL when s is empty.
func (w *rowWriter) optStr(s string) *rowWriter {
	if s == "" {
		return w.null()
	}
	return w.str(s)
}

func (w *rowWriter) date(d date) *rowWriter {
	if b, ok := w.next().(*array.Date32Builder); ok {
		b.Append(daysSinceEpoch(d))
	} else {
		w.mismatch("date")
	}
	return w
}

// optDate appends d, or NULL when d is the zero date (not known).
func (w *rowWriter) optDate(d date) *rowWriter {
	if d.IsZero() {
		return w.null()
	}
	return w.date(d)
}

func (w *rowWriter) float(f float64) *rowWriter {
	if b, ok := w.next().(*array.Float64Builder); ok {
		b.Append(f)
	} else {
		w.mismatch("float64")
	}
	return w
}

func (w *rowWriter) int64(n int64) *rowWriter {
	if b, ok := w.next().(*array.Int64Builder); ok {
		b.Append(n)
	} else {
		w.mismatch("int64")
	}
	return w
}

// optInt32 appends n, or NULL when n is 0 (not known).
func (w *rowWriter) optInt32(n int32) *rowWriter {
	if n == 0 {
		return w.null()
	}
	if b, ok := w.next().(*array.Int32Builder); ok {
		b.Append(n)
	} else {
		w.mismatch("int32")
	}
	return w
}

// optInt8 appends n, or NULL when n is 0 (an unanswered item).
func (w *rowWriter) optInt8(n int8) *rowWriter {
	if n == 0 {
		return w.null()
	}
	if b, ok := w.next().(*array.Int8Builder); ok {
		b.Append(n)
	} else {
		w.mismatch("int8")
	}
	return w
}

func (w *rowWriter) bool(x bool) *rowWriter {
	if b, ok := w.next().(*array.BooleanBuilder); ok {
		b.Append(x)
	} else {
		w.mismatch("bool")
	}
	return w
}

// list appends a list of strings (empty, not NULL, when xs is empty).
func (w *rowWriter) list(xs []string) *rowWriter {
	b, ok := w.next().(*array.ListBuilder)
	var vb *array.StringBuilder
	if ok {
		vb, ok = b.ValueBuilder().(*array.StringBuilder)
	}
	if !ok {
		w.mismatch("[]string")
		return w
	}
	b.Append(true)
	for _, x := range xs {
		vb.Append(x)
	}
	return w
}

// end completes the row: every column must have had its value.
func (w *rowWriter) end() error {
	if w.err == nil && w.col != len(w.fields) {
		w.err = fmt.Errorf("append %s: %d values for %d columns", w.t.name, w.col, len(w.fields))
	}
	if w.err != nil {
		return w.err
	}
	w.t.rows++
	w.b.rows++
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
	type size struct{ values, data int }
	fields := t.rec.Fields()
	sizes := make([]size, len(fields))
	for i, f := range fields {
		if sb := stringValues(f); sb != nil {
			sizes[i] = size{sb.Len(), sb.DataLen()}
		}
	}
	rec := t.rec.NewRecordBatch()
	t.rec.Reserve(t.rows)
	for i, f := range fields {
		if sb := stringValues(f); sb != nil {
			if _, list := f.(*array.ListBuilder); list {
				sb.Reserve(sizes[i].values)
			}
			sb.ReserveData(sizes[i].data)
		}
	}
	return rec
}

// stringValues is the builder holding a column's string bytes: its own for
// VARCHAR, its items' for VARCHAR[]; nil for other columns.
func stringValues(b array.Builder) *array.StringBuilder {
	switch b := b.(type) {
	case *array.StringBuilder:
		return b
	case *array.ListBuilder:
		sb, _ := b.ValueBuilder().(*array.StringBuilder)
		return sb
	}
	return nil
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
