package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkki-fi/linkki/internal/project"
)

// The test binary doubles as a helper process (the os/exec re-exec
// pattern): with LINKKI_INGEST_HELPER set it does one thing and exits.
func TestMain(m *testing.M) {
	switch os.Getenv("LINKKI_INGEST_HELPER") {
	case "hang":
		os.Exit(helperIngestAndHang())
	case "open":
		os.Exit(helperOpen())
	}
	os.Exit(m.Run())
}

// helperIngestAndHang ingests LINKKI_HELPER_FILE and, half-way through,
// says "mid-ingest" and waits to be killed.
func helperIngestAndHang() int {
	ctx := context.Background()
	db, err := project.Open(ctx, os.Getenv("LINKKI_HELPER_DB"), project.Default(), project.ReadWrite)
	if err != nil {
		fmt.Println(err)
		return 1
	}
	opts := Options{Progress: func(string, int64, int64) {
		fmt.Println("mid-ingest")
		time.Sleep(time.Hour)
	}}
	_, err = Files(ctx, db, project.Default(), opts, []string{os.Getenv("LINKKI_HELPER_FILE")})
	fmt.Println("finished", err)
	return 0
}

func helperOpen() int {
	_, err := project.Open(context.Background(), os.Getenv("LINKKI_HELPER_DB"), project.Default(), project.ReadWrite)
	fmt.Println(err)
	if errors.Is(err, project.ErrDatabaseInUse) {
		return 3
	}
	return 1
}

func helper(t *testing.T, mode, db, file string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "LINKKI_INGEST_HELPER="+mode, "LINKKI_HELPER_DB="+db, "LINKKI_HELPER_FILE="+file)
	return cmd
}

// A process killed half-way through a file leaves the database as it was
// before that file.
func TestKilledMidIngestLeavesDatabaseAsBefore(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "kill.duckdb")
	t.Setenv(KeyEnv, "linkki test key")
	db, err := project.Open(context.Background(), dbPath, project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	ingestOK(t, db, Options{}, writeInput(t, dir, "first.csv", referralsFI, "utf-8"))
	db.Close()

	var big strings.Builder
	big.WriteString("referral_id;client_id;referral_date;municipality;referrer_sector;reasons\n")
	for i := 0; i < 3*progressEvery; i++ {
		fmt.Fprintf(&big, "B%d;AS%d;1.3.2022;Kemi;muu;muu\n", i, i)
	}
	cmd := helper(t, "hang", dbPath, writeInput(t, dir, "big.csv", big.String(), "utf-8"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "mid-ingest" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper said %q", line)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	db, err = project.Open(context.Background(), dbPath, project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := queryString(t, db, `SELECT format('{} {} {} {}', (SELECT count(*) FROM referrals), (SELECT count(*) FROM referral_history),
		(SELECT count(*) FROM ingest_files), (SELECT count(*) FROM quarantine))`)
	if got != "2 2 1 0" {
		t.Errorf("after the kill: %s, want the first file only (2 2 1 0)", got)
	}
}

// A second process writing the same database gets "database is in use".
func TestDatabaseInUse(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "busy.duckdb")
	db, err := project.Open(context.Background(), dbPath, project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cmd := helper(t, "open", dbPath, "")
	out, err := cmd.Output()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 || !strings.Contains(string(out), "database is in use") {
		t.Errorf("second process: %v, %q", err, out)
	}
}

// No identity code reaches the database file, any table, the reports or
// the messages: codes in client_id, in a free-text column and in a broken
// row are all pseudonymised or masked.
func TestNoIdentityCodeLeaks(t *testing.T) {
	codes := []string{"131052-308T", "131052-308U", "020504B904H", "311280-999J", "010594Y9021"}
	dir := t.TempDir()
	content := "lahete_id;hetu;lahetepaiva;kunta;lahettava_taho;lahetteen_syyt;ammattiryhma\n" +
		"R1;131052-308T;1.3.2022;Kemi;muu;muu;lääkäri\n" +
		"R2;131052-308U;1.3.2022;Kemi;muu;muu;\n" +
		"R3;020504b904h;1.3.2022;Kemi;muu;muu;asiakkaan 311280-999J puoliso\n" +
		"R4;010594Y9021;1.3.2022;Kemi;kauppa;muu;\n" +
		"R5;\"010594Y9021;1.3.2022;Kemi;muu;muu;\n" +
		"R6;311280-999J;1.3.2022;Kemi;muu;muu;;ylimääräinen\n"
	path := writeInput(t, dir, "ref.csv", content, "utf-8")
	dbPath := filepath.Join(dir, "leak.duckdb")
	t.Setenv(KeyEnv, "linkki test key")
	db, err := project.Open(context.Background(), dbPath, project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	reps, err := Files(context.Background(), db, project.Default(), Options{Logf: func(f string, a ...any) { fmt.Fprintf(&logs, f, a...) }}, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if reps[0].Quarantined != 4 || reps[0].Inserted != 2 {
		t.Fatalf("report %+v", reps[0])
	}
	b, _ := json.Marshal(reps)
	logs.Write(b)
	// Every text column of every table.
	rows, err := db.Query(`SELECT table_name, column_name FROM information_schema.columns
		WHERE data_type = 'VARCHAR' OR data_type = 'VARCHAR[]'`)
	if err != nil {
		t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var c [2]string
		rows.Scan(&c[0], &c[1])
		cols = append(cols, c)
	}
	rows.Close()
	for _, c := range cols {
		for _, code := range codes {
			n := queryInt(t, db, fmt.Sprintf(`SELECT count(*) FROM %q WHERE upper(%q::VARCHAR) LIKE '%%' || $1 || '%%'`, c[0], c[1]), code)
			if n > 0 {
				t.Errorf("%s.%s holds %s", c[0], c[1], code)
			}
		}
	}
	if n := queryInt(t, db, `SELECT count(*) FROM quarantine WHERE raw_row LIKE '%131052-3***%'`); n != 1 {
		t.Errorf("the quarantined row does not show the masked code (%d)", n)
	}
	db.Close()
	files, _ := filepath.Glob(dbPath + "*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, code := range codes {
			if bytes.Contains(bytes.ToUpper(b), []byte(code)) {
				t.Errorf("%s contains %s", filepath.Base(f), code)
			}
		}
	}
	for _, code := range codes {
		if strings.Contains(strings.ToUpper(logs.String()), code) {
			t.Errorf("reports or messages contain %s", code)
		}
	}
}
