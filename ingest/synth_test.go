package ingest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/linkki-fi/linkki/internal/project"
	"github.com/linkki-fi/linkki/internal/synth"
)

// The messy synthetic dataset ingests with exactly the accounting its
// manifest predicts: every injected defect quarantined with its reason,
// every other row loaded.
func TestSynthMessyMatchesManifest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	o := synth.DefaultOptions()
	o.Referrals, o.Messy = 2000, true
	m, err := synth.Generate(ctx, dir, o)
	if err != nil {
		t.Fatal(err)
	}
	db := openTestDB(t)
	var paths []string
	for _, f := range m.Files {
		paths = append(paths, filepath.Join(dir, f.Name))
	}
	reports, err := Files(ctx, db, project.Default(), Options{}, paths)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range m.Files {
		r := reports[i]
		got := synth.Expected{Inserted: int(r.Inserted), Updated: int(r.Updated), Unchanged: int(r.Unchanged),
			Quarantined: int(r.Quarantined), QuarantinedByReason: map[string]int{}}
		for k, v := range r.QuarantinedByReason {
			got.QuarantinedByReason[k] = int(v)
		}
		if int(r.RowsRead) != f.RowsRead {
			t.Errorf("%s: rows_read %d, manifest %d", f.Name, r.RowsRead, f.RowsRead)
		}
		if !equalExpected(got, f.Expected) {
			t.Errorf("%s:\n got %+v\nwant %+v", f.Name, got, f.Expected)
		}
	}
	// Every defect is in the quarantine table at its line with its reason.
	for _, d := range m.Defects {
		var n int
		err := db.QueryRowContext(ctx, `SELECT count(*) FROM quarantine WHERE file_name = $1 AND line = $2 AND reason_code = $3`,
			d.File, d.Line, d.Reason).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			var got []string
			rows, _ := db.QueryContext(ctx, `SELECT reason_code || ': ' || message FROM quarantine WHERE file_name = $1 AND line = $2`, d.File, d.Line)
			for rows.Next() {
				var s string
				rows.Scan(&s)
				got = append(got, s)
			}
			rows.Close()
			t.Errorf("%s line %d: defect %s (%s) not quarantined as such; quarantine has %q", d.File, d.Line, d.Reason, d.Note, got)
		}
	}
}

func equalExpected(a, b synth.Expected) bool {
	if a.Inserted != b.Inserted || a.Updated != b.Updated || a.Unchanged != b.Unchanged || a.Quarantined != b.Quarantined {
		return false
	}
	for k, v := range b.QuarantinedByReason {
		if a.QuarantinedByReason[k] != v {
			return false
		}
	}
	for k, v := range a.QuarantinedByReason {
		if b.QuarantinedByReason[k] != v {
			return false
		}
	}
	return true
}
