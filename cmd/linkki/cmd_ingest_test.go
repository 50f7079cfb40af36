package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LINKKI_KEY", "cli test key")
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ref := write("ref.csv", "lahete_id;hetu;lahetepaiva;kunta;lahettava_taho;lahetteen_syyt\n"+
		"R1;131052-308T;1.3.2022;Kemi;muu;muu\nR2;131052-308U;1.3.2022;Kemi;muu;muu\n")
	meet := write("meet.csv", "referral_id,meeting_date,hours\nR1,2022-03-08,1.5\n")
	bad := write("bad.csv", "lahete_id;km\nR1;2\n")
	db := filepath.Join(dir, "cli.duckdb")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"no files", []string{"ingest"}, 2, "", "needs at least 1 argument"},
		{"bad kind", []string{"ingest", "--kind", "visits", ref}, 2, "", "--kind"},
		{"bad delimiter", []string{"ingest", "--delimiter", "x", ref}, 2, "", "--delimiter"},
		{"bad encoding", []string{"ingest", "--encoding", "ebcdic", ref}, 2, "", "--encoding"},
		{"ingests, referrals first", []string{"--db", db, "ingest", meet, ref}, 0,
			"ref.csv (referrals): 2 rows read = 1 inserted + 0 updated + 0 unchanged + 1 quarantined", ""},
		{"again is skipped", []string{"--db", db, "ingest", ref}, 0, "already ingested, skipped", ""},
		{"refused file", []string{"--db", db, "ingest", bad}, 1, "refused", "accepted headers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stdout, tt.wantStdout) || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stdout %q / stderr %q lack %q / %q", stdout, stderr, tt.wantStdout, tt.wantStderr)
			}
			for _, code := range []string{"131052-308T", "131052-308U"} {
				if strings.Contains(stdout+stderr, code) {
					t.Errorf("output shows identity code %s", code)
				}
			}
		})
	}
	t.Run("json and strict", func(t *testing.T) {
		strictDB := filepath.Join(dir, "strict.duckdb")
		code, stdout, stderr := runCLI(t, "--db", strictDB, "ingest", "--json", "--strict", ref)
		if code != 1 || !strings.Contains(stderr, "--strict") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
		var got []map[string]any
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatalf("%v: %s", err, stdout)
		}
		for _, k := range []string{"file", "kind", "rows_read", "inserted", "updated", "unchanged", "quarantined", "quarantined_by_reason"} {
			if _, ok := got[0][k]; !ok {
				t.Errorf("JSON lacks %s: %s", k, stdout)
			}
		}
		if got[0]["rolled_back"] != true || got[0]["quarantined_by_reason"].(map[string]any)["invalid_identity_code"] != 1.0 {
			t.Errorf("JSON %s", stdout)
		}
	})
	t.Run("wrong key", func(t *testing.T) {
		t.Setenv("LINKKI_KEY", "another key")
		code, _, stderr := runCLI(t, "--db", db, "ingest", meet)
		if code != 1 || !strings.Contains(stderr, "not the one this database was built with") || !strings.Contains(stderr, "hint:") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
}
