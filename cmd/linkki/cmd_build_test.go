package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/ingest"
	"github.com/linkki-fi/linkki/internal/project"
)

// rawDatabase creates a database file with the raw layer and the given rows.
func rawDatabase(t *testing.T, inserts string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "linkki.duckdb")
	ctx := context.Background()
	db, err := project.Open(ctx, path, project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := ingest.EnsureSchema(ctx, db); err != nil {
		t.Fatal(err)
	}
	if inserts != "" {
		if _, err := db.ExecContext(ctx, inserts); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

const buildReferrals = `INSERT INTO referrals (referral_id, client_pseudonym, referral_date, municipality,
	municipality_known, referrer_sector, reasons, start_date, end_date, end_reason, research_consent,
	linked_services, barriers, file_hash, file_seq, line) VALUES
	('R1', 'c1', '2023-01-02', 'Inari', true, 'other', ['other'], '2023-01-09', '2023-12-01', 'completed', true, [], [], 'h', 1, 2);`

func TestBuildCommand(t *testing.T) {
	tests := []struct {
		name       string
		inserts    string
		raw        bool
		wantCode   int
		wantStdout []string
		wantStderr []string
	}{
		{
			name: "warnings reported", raw: true, inserts: buildReferrals, wantCode: 0,
			wantStdout: []string{"support_periods", "outcomes_wide", "data checks passed"},
			wantStderr: []string{"linkki: warning: data check support_within_six_months"},
		},
		{
			name: "error check stops", raw: true, wantCode: 1,
			inserts: buildReferrals + `INSERT INTO meetings (referral_id, meeting_date, hours, file_hash, file_seq, line)
				VALUES ('R404', '2023-02-01', 1, 'm', 2, 7);`,
			wantStdout: []string{"support_periods"},
			wantStderr: []string{"linkki: error: 1 data check(s) failed", "meeting_references_referral", `"R404"`, "linkki: hint: the tables were written"},
		},
		{
			name: "nothing ingested", wantCode: 1,
			wantStderr: []string{"no ingested data", "linkki: hint: load files first"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "empty.duckdb")
			if tt.raw {
				path = rawDatabase(t, tt.inserts)
			}
			code, stdout, stderr := runCLI(t, "--db", path, "build")
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, stdout, stderr)
			}
			for _, w := range tt.wantStdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}
