package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/internal/project"
)

// exportReferrals are 30 referrals in two municipalities, consent for even
// numbers, each with SWEMWBS at start and end.
const exportReferrals = `
INSERT INTO ingest_files (file_hash, file_seq, file_name, file_path, kind, size_bytes, encoding, delimiter, sheet,
	ingested_at, rows_read, inserted, updated, unchanged, quarantined) VALUES ('h', 1, 'referrals.csv', 'in/referrals.csv', 'referrals', 100, 'utf-8', ';', NULL,
	TIMESTAMPTZ '2024-01-01 00:00:00+00', 30, 30, 0, 0, 0);
INSERT INTO referrals (referral_id, client_pseudonym, referral_date, municipality, municipality_known, referrer_sector,
	reasons, birth_year, gender, link_worker_id, start_date, end_date, end_reason, research_consent, linked_services,
	barriers, file_hash, file_seq, line)
SELECT 'R' || i, 'c' || i, DATE '2023-01-02' + (i * 5)::INTEGER, CASE WHEN i % 3 = 0 THEN 'Inari' ELSE 'Kittilä' END, true,
	'parish', ['loneliness'], 1950 + i::INTEGER, 'female', 'w1', DATE '2023-01-09' + (i * 5)::INTEGER,
	DATE '2023-04-01' + (i * 5)::INTEGER, 'completed', i % 2 = 0, [], [], 'h', 1, i + 1
FROM range(1, 31) AS r(i);
INSERT INTO swemwbs_responses (referral_id, client_pseudonym, matched_by, timepoint, timepoint_inferred, response_date,
	q1, q2, q3, q4, q5, q6, q7, file_hash, file_seq, line)
SELECT 'R' || i, NULL, 'referral_id', t, false, DATE '2023-01-09' + (i * 5 + k * 80)::INTEGER,
	3, 3, 3, 3, 3, 3, (2 + k + i % 2)::TINYINT, 's', 2, i * 2 + k
FROM range(1, 31) AS r(i), (VALUES ('T0', 0), ('T1', 1)) AS v(t, k);`

func TestExportCommands(t *testing.T) {
	db := rawDatabase(t, exportReferrals)
	if code, _, stderr := runCLI(t, "--db", db, "build"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "ministry.xlsx")
	code, stdout, stderr := runCLI(t, "--db", db, "export", "ministry", "--out", xlsx, "--period", "2023")
	if code != 0 {
		t.Fatalf("export ministry: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "cells suppressed to protect privacy") {
		t.Errorf("stderr %q", stderr)
	}
	if !strings.Contains(stdout, "wrote "+xlsx) || !strings.Contains(stdout, filepath.Join(dir, "ministry.manifest.json")) {
		t.Errorf("stdout %q", stdout)
	}
	out := filepath.Join(dir, "research")
	code, stdout, stderr = runCLI(t, "--db", db, "export", "research", "--out", out, "--csv")
	if code != 0 {
		t.Fatalf("export research: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "linkki: 15 of 30 support periods have research consent") {
		t.Errorf("stderr %q", stderr)
	}
	for _, f := range []string{"support_periods.parquet", "outcomes_wide.csv", "codebook.md", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	// The real model layer: only the 15 consented referrals leave.
	check, err := project.Open(context.Background(), ":memory:", project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	var n, odd int
	q := "SELECT count(*), count(*) FILTER (WHERE substr(referral_id, 2)::INTEGER % 2 = 1) FROM read_parquet('" + filepath.Join(out, "support_periods.parquet") + "')"
	if err := check.QueryRow(q).Scan(&n, &odd); err != nil || n != 15 || odd != 0 {
		t.Errorf("research support periods: %d rows, %d without consent, err %v", n, odd, err)
	}
	codebook, _ := os.ReadFile(filepath.Join(out, "codebook.md"))
	if strings.Contains(string(codebook), "See table") {
		t.Errorf("codebook has undescribed columns of the real model layer:\n%s", codebook)
	}
}

func TestExportCommandErrors(t *testing.T) {
	raw := rawDatabase(t, "")
	failing := rawDatabase(t, exportReferrals+`
		INSERT INTO meetings (referral_id, meeting_date, hours, file_hash, file_seq, line) VALUES ('R404', '2023-02-01', 1, 'm', 3, 7);`)
	if code, _, stderr := runCLI(t, "--db", failing, "build"); code != 1 {
		t.Fatalf("build with an orphan meeting: exit %d, want 1 (a failed error check)\n%s", code, stderr)
	}
	dir := t.TempDir()
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"unknown export", []string{"export", "grants"}, 2, `unknown export "grants"`},
		{"no out", []string{"export", "ministry"}, 2, "needs --out"},
		{"bad extension", []string{"export", "ministry", "--out", filepath.Join(dir, "m.ods")}, 2, ".xlsx or .csv"},
		{"bad period", []string{"export", "ministry", "--out", filepath.Join(dir, "m.xlsx"), "--period", "2023Q7"}, 2, "--period"},
		{"research without out", []string{"export", "research"}, 2, "needs --out"},
		{"not built", []string{"--db", raw, "export", "ministry", "--out", filepath.Join(dir, "m.xlsx")}, 1, "linkki: hint: run linkki build first"},
		{"failed error check", []string{"--db", failing, "export", "research", "--out", filepath.Join(dir, "r")}, 1, "1 data checks of severity error failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.wantCode, tt.wantStderr)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed exports wrote %v", entries)
	}
}
