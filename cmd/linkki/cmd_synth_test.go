package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/internal/synth"
)

func TestSynthCommand(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"help", []string{"synth", "--help"}, 0, "--improvement", ""},
		{"missing out", []string{"synth"}, 2, "", "linkki: error: synth needs --out DIR"},
		{"zero referrals", []string{"synth", "--out", dir, "--referrals", "0"}, 2, "", "referrals must be between"},
		{"bad seed", []string{"synth", "--out", dir, "--seed", "-1"}, 2, "", "invalid argument"},
		{"bad start year", []string{"synth", "--out", dir, "--start-year", "1850"}, 2, "", "start year must be"},
		{"stray argument", []string{"synth", "--out", dir, "extra"}, 2, "", "takes no arguments"},
		{"writes", []string{"synth", "--out", filepath.Join(dir, "ok"), "--referrals", "50", "--seed", "3"}, 0, "referrals.csv", "wrote 50 referrals (seed 3)"},
		{"writes messy", []string{"synth", "--out", filepath.Join(dir, "messy"), "--referrals", "300", "--messy"}, 0, "worker_survey.xlsx", "defects"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("stdout %q lacks %q", stdout, tt.wantStdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.wantStderr)
			}
		})
	}
	m, err := synth.ReadManifest(filepath.Join(dir, "messy", synth.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if !m.Messy || m.Referrals != 300 || len(m.Defects) == 0 {
		t.Errorf("messy manifest: messy %v, referrals %d, %d defects", m.Messy, m.Referrals, len(m.Defects))
	}
	for _, f := range m.Files {
		if _, err := os.Stat(filepath.Join(dir, "messy", f.Name)); err != nil {
			t.Errorf("manifest lists %s: %v", f.Name, err)
		}
	}
}
