package ingest

import (
	"context"
	"database/sql"
	"fmt"
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
	checkIrregularities(t, db, m)
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

// The irregularities are loaded as the contract says: inferred time points,
// client_id matches, warnings and official municipality names.
func checkIrregularities(t *testing.T, db *sql.DB, m synth.Manifest) {
	t.Helper()
	table := map[string]string{synth.SwemwbsFile: "swemwbs_responses", synth.ParticipationFile: "participation_responses"}
	for _, irr := range m.Irregularities {
		var query string
		var args []any
		switch irr.Kind {
		case synth.IrregInferredTimepoint:
			query = fmt.Sprintf(`SELECT count(*) FROM %s q JOIN ingest_files f USING (file_hash)
				WHERE f.file_name = $1 AND q.line = $2 AND q.timepoint = $3 AND q.timepoint_inferred`, table[irr.File])
			args = []any{irr.File, irr.Line, irr.Note}
		case synth.IrregClientIDMatch:
			query = fmt.Sprintf(`SELECT count(*) FROM %s q JOIN ingest_files f USING (file_hash)
				WHERE f.file_name = $1 AND q.line = $2 AND q.referral_id = $3 AND q.matched_by = 'client_id'`, table[irr.File])
			args = []any{irr.File, irr.Line, irr.ReferralID}
		case synth.IrregOutsidePeriod, synth.IrregOverSixMonths:
			code := map[string]string{synth.IrregOutsidePeriod: WarnMeetingOutsidePeriod, synth.IrregOverSixMonths: WarnSupportOverSixMonths}[irr.Kind]
			query = `SELECT count(*) FROM ingest_warnings w JOIN ingest_files f USING (file_hash)
				WHERE f.file_name = $1 AND w.line = $2 AND w.code = $3`
			args = []any{irr.File, irr.Line, code}
		case synth.IrregMonthOverCap:
			query = `SELECT count(*) FROM ingest_warnings WHERE code = 'hours_over_cap' AND referral_id = $1`
			args = []any{irr.ReferralID}
		case synth.IrregMunicipality:
			query = `SELECT count(*) FROM referrals WHERE referral_id = $1 AND municipality_known`
			args = []any{irr.ReferralID}
		default:
			continue
		}
		var n int
		if err := db.QueryRow(query, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n < 1 {
			t.Errorf("%s line %d: %s (%s) not loaded as expected", irr.File, irr.Line, irr.Kind, irr.Note)
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
