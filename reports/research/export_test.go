package research

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/internal/project"
	"github.com/linkki-fi/linkki/reports/ministry/fixture"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// dumpParquet reads a Parquet file back with DuckDB as tab-separated text.
func dumpParquet(t *testing.T, db *sql.DB, path string) []byte {
	t.Helper()
	rows, err := db.Query("SELECT * FROM read_parquet('" + strings.ReplaceAll(path, "'", "''") + "')")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b bytes.Buffer
	b.WriteString(strings.Join(cols, "\t") + "\n")
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if i > 0 {
				b.WriteByte('\t')
			}
			fmt.Fprint(&b, v)
		}
		b.WriteByte('\n')
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestExportGolden(t *testing.T) {
	db := fixture.Open(t)
	dir := filepath.Join(t.TempDir(), "research")
	m, err := Export(context.Background(), db, project.Default(), Options{Dir: dir, CSV: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Datasets {
		fixture.Golden(t, *update, d.Name+".golden", dumpParquet(t, db, filepath.Join(dir, d.Name+".parquet")))
		if _, err := os.Stat(filepath.Join(dir, d.Name+".csv")); err != nil {
			t.Errorf("no CSV: %v", err)
		}
	}
	codebook, err := os.ReadFile(filepath.Join(dir, CodebookFile))
	if err != nil {
		t.Fatal(err)
	}
	fixture.Golden(t, *update, "codebook.md", codebook)
	if len(m.Outputs) != 2*len(Datasets)+1 || m.RowCounts["extract.support_periods"] == 0 {
		t.Errorf("manifest outputs %d, row counts %v", len(m.Outputs), m.RowCounts)
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		t.Error(err)
	}
	if fi, err := os.Stat(dir); err != nil {
		t.Error(err)
	} else if fi.Mode().Perm() != 0o700 {
		t.Errorf("extract directory mode %v, want owner-only", fi.Mode())
	}
}

// People without research consent (false or unknown) are absent from every
// file, and the pseudonym key's fingerprint appears nowhere.
func TestOnlyConsentedReferralsLeave(t *testing.T) {
	db := fixture.Open(t)
	dir := filepath.Join(t.TempDir(), "research")
	if _, err := Export(context.Background(), db, project.Default(), Options{Dir: dir, CSV: true}); err != nil {
		t.Fatal(err)
	}
	var withheld []string
	rows, err := db.Query(`SELECT referral_id FROM support_periods WHERE research_consent IS NOT TRUE ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		withheld = append(withheld, id)
	}
	rows.Close()
	if len(withheld) < 5 {
		t.Fatalf("fixture withholds only %v", withheld)
	}
	for _, d := range Datasets {
		var n int
		q := fmt.Sprintf(`SELECT count(*) FROM read_parquet('%s') WHERE referral_id IN (SELECT referral_id FROM support_periods WHERE research_consent IS NOT TRUE)`,
			filepath.Join(dir, d.Name+".parquet"))
		if err := db.QueryRow(q).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d rows without consent (err %v)", d.Name, n, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		for _, id := range withheld {
			if strings.HasSuffix(e.Name(), ".csv") && bytes.Contains(b, []byte(id+",")) {
				t.Errorf("%s mentions withheld referral %s", e.Name(), id)
			}
		}
		if bytes.Contains(b, []byte("fp-SECRET")) {
			t.Errorf("%s contains the key fingerprint", e.Name())
		}
	}
}

// Reruns give byte-identical files; the manifests differ only in
// created_at.
func TestRerunIsByteIdentical(t *testing.T) {
	db := fixture.Open(t)
	var dirs [2]string
	for k := range dirs {
		dirs[k] = filepath.Join(t.TempDir(), "research")
		if _, err := Export(context.Background(), db, project.Default(), Options{Dir: dirs[k], CSV: true}); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dirs[0])
	if len(entries) != 2*len(Datasets)+2 {
		t.Fatalf("%d files", len(entries))
	}
	for _, e := range entries {
		a, _ := os.ReadFile(filepath.Join(dirs[0], e.Name()))
		b, err := os.ReadFile(filepath.Join(dirs[1], e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "manifest.json" {
			a, b = withoutCreatedAt(t, a), withoutCreatedAt(t, b)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between runs", e.Name())
		}
	}
}

func withoutCreatedAt(t *testing.T, b []byte) []byte {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "created_at")
	out, _ := json.Marshal(m)
	return out
}

// An earlier extract is replaced whole; a directory with other files is
// never touched.
func TestReplaceOnlyExtracts(t *testing.T) {
	db := fixture.Open(t)
	dir := filepath.Join(t.TempDir(), "research")
	ctx := context.Background()
	if _, err := Export(ctx, db, project.Default(), Options{Dir: dir, CSV: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(ctx, db, project.Default(), Options{Dir: dir}); err != nil {
		t.Fatalf("replacing an extract: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "support_periods.csv")); !os.IsNotExist(err) {
		t.Error("the earlier extract's CSV survived the replacement")
	}
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "thesis.docx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(ctx, db, project.Default(), Options{Dir: other}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("error %v", err)
	}
	if _, err := os.Stat(filepath.Join(other, "thesis.docx")); err != nil {
		t.Error(err)
	}
	// A failing export (no model tables) leaves nothing behind.
	empty, err := project.Open(ctx, ":memory:", project.Default(), project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	parent := t.TempDir()
	if _, err := Export(ctx, empty, project.Default(), Options{Dir: filepath.Join(parent, "out")}); err == nil {
		t.Error("no error without model tables")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("failed export left %v", entries)
	}
}

// Every column of the model tables in the fixture has a codebook entry.
func TestCodebookDescribesEveryColumn(t *testing.T) {
	db := fixture.Open(t)
	for _, d := range Datasets {
		cols, err := describe(context.Background(), db, d)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cols {
			if _, ok := meaning(c.Name); !ok {
				t.Errorf("%s.%s has no meaning in the codebook", d.Name, c.Name)
			}
		}
	}
	for _, name := range []string{"esis_reliably_deteriorated_t2_t1", "swemwbs_raw_improved_t1_t0", "swemwbs_metric_t2"} {
		if _, ok := meaning(name); !ok {
			t.Errorf("%s not described", name)
		}
	}
}
