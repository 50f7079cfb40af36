package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runCLI runs linkki in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return exitCode(err), out.String(), errOut.String()
}

func TestCLIUsage(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"help", []string{"--help"}, 0, "Pipeline:", ""},
		{"no args prints help", nil, 0, "Usage:", ""},
		{"unknown flag", []string{"--bogus"}, 2, "", "linkki: error: unknown flag: --bogus"},
		{"unknown command", []string{"bogus"}, 2, "", "linkki: hint: see 'linkki --help'"},
		{"missing config", []string{"--config", "/nonexistent/linkki.toml", "build"}, 1, "", "linkki: error: settings:"},
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
}

// Every subcommand documents itself with examples.
func TestCLISubcommandHelp(t *testing.T) {
	for _, name := range []string{"synth", "ingest", "build", "analyze", "report", "export", "run", "demo"} {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, name, "--help")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, "Examples:") {
				t.Errorf("%s --help has no examples:\n%s", name, stdout)
			}
		})
	}
}
