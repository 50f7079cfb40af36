package ingest

import (
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

func TestRowWriter(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "referral_id", Type: arrow.BinaryTypes.String},
		{Name: "meeting_date", Type: arrow.FixedWidthTypes.Date32},
		{Name: "km", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	}, nil)
	day := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		write   func(w *rowWriter) error
		wantErr string
	}{
		{"complete", func(w *rowWriter) error { return w.str("HL1").date(day).float(2.5).end() }, ""},
		{"nulls", func(w *rowWriter) error { return w.str("HL1").optDate(date{}).null().end() }, ""},
		{"too few", func(w *rowWriter) error { return w.str("HL1").date(day).end() }, "2 values for 3 columns"},
		{"too many", func(w *rowWriter) error { return w.str("HL1").date(day).float(1).str("x").end() }, "more values than its 3 columns"},
		{"wrong type", func(w *rowWriter) error { return w.str("HL1").int64(7).float(1).end() }, "meetings.meeting_date: cannot store int64"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newBatch(map[string]*arrow.Schema{"meetings": schema})
			err := tc.write(b.row("meetings"))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if b.rows != 1 {
					t.Fatalf("batch has %d rows, want 1", b.rows)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
			if b.rows != 0 {
				t.Fatalf("a failed row was counted")
			}
		})
	}
	b := newBatch(map[string]*arrow.Schema{"meetings": schema})
	if err := b.row("meetings").str("HL1").date(day).null().end(); err != nil {
		t.Fatal(err)
	}
	rec := b.tables["meetings"].rec.NewRecordBatch()
	defer rec.Release()
	if got := rec.Column(1).(*array.Date32).Value(0); got != daysSinceEpoch(day) {
		t.Errorf("date stored as %d, want %d", got, daysSinceEpoch(day))
	}
	if !rec.Column(2).IsNull(0) {
		t.Errorf("km not NULL")
	}
	if err := b.row("nosuch").end(); err == nil || !strings.Contains(err.Error(), "no such table") {
		t.Errorf("unknown table: error %v", err)
	}
}
