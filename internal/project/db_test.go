package project

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMain lets the test binary act as a second process that holds a
// database open, because DuckDB's file lock is per process.
func TestMain(m *testing.M) {
	if path := os.Getenv("LINKKI_TEST_HOLD_DB"); path != "" {
		db, err := Open(context.Background(), path, Default(), ReadWrite)
		if err != nil {
			os.Stdout.WriteString("error: " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("holding\n")
		bufio.NewReader(os.Stdin).ReadString('\n') // hold until the parent closes stdin
		db.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestOpenSettingsApply(t *testing.T) {
	ctx := context.Background()
	s := Default()
	s.Database.Threads = 1
	s.Database.MemoryLimit = "512MB"
	db, err := Open(ctx, filepath.Join(t.TempDir(), "x.duckdb"), s, ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var threads int
	var autoinstall bool
	if err := db.QueryRowContext(ctx, "SELECT current_setting('threads'), current_setting('autoinstall_known_extensions')").Scan(&threads, &autoinstall); err != nil {
		t.Fatal(err)
	}
	if threads != 1 || autoinstall {
		t.Errorf("threads %d autoinstall %v", threads, autoinstall)
	}
	// Built-in extensions work without the network.
	if _, err := db.ExecContext(ctx, "COPY (SELECT 1 AS x) TO '"+filepath.Join(t.TempDir(), "p.parquet")+"' (FORMAT parquet)"); err != nil {
		t.Errorf("parquet: %v", err)
	}
}

func TestOpenInUseByAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "locked.duckdb")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "LINKKI_TEST_HOLD_DB="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "holding\n" {
		t.Fatalf("holder said %q", line)
	}
	_, err = Open(context.Background(), path, Default(), ReadWrite)
	if !errors.Is(err, ErrDatabaseInUse) {
		t.Fatalf("got %v, want ErrDatabaseInUse", err)
	}
}
