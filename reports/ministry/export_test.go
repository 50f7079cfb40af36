package ministry

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/linkki-fi/linkki/internal/project"
	"github.com/linkki-fi/linkki/reports/disclosure"
	"github.com/linkki-fi/linkki/reports/ministry/fixture"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Every column has a Finnish heading.
func TestColumnsHaveFinnishLabels(t *testing.T) {
	for _, c := range append(KeyColumns, Columns()...) {
		if c.LabelFI == "" || strings.HasSuffix(c.LabelFI, " ") {
			t.Errorf("%s: Finnish label %q", c.Name, c.LabelFI)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in      string
		want    Granularity
		wantErr bool
	}{
		{"", Year, false}, {"2022", Year, false}, {"2022H1", Half, false}, {"2022H2", Half, false},
		{"2022Q3", Quarter, false}, {"2022Q5", "", true}, {"2022H3", "", true}, {"22", "", true}, {"2022-Q1", "", true},
	}
	for _, tt := range tests {
		got, err := ParsePeriod(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParsePeriod(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// The workbook as excelize reads it back, compared with a golden text dump.
func TestExportXLSX(t *testing.T) {
	db := fixture.Open(t)
	out := filepath.Join(t.TempDir(), "ministry.xlsx")
	m, err := Export(context.Background(), db, project.Default(), Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "indicators,data_dictionary,suppressed,about" {
		t.Errorf("sheets %s", got)
	}
	var dump bytes.Buffer
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		dump.WriteString("== " + name + "\n")
		for _, r := range rows {
			dump.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	fixture.Golden(t, *update, "ministry_xlsx.golden", dump.Bytes())

	// Numbers are numbers in the workbook, not text.
	if typ, _ := f.GetCellType("indicators", "D2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("referrals cell type %v", typ)
	}
	if len(m.Outputs) != 1 || m.Outputs[0].Path != "ministry.xlsx" || len(m.Inputs) != 2 || m.Inputs[0].SHA256 != "aa11" {
		t.Errorf("manifest outputs %+v inputs %+v", m.Outputs, m.Inputs)
	}
	if m.RowCounts["support_periods"] != 46 {
		t.Errorf("row counts %v", m.RowCounts)
	}
}

func TestExportCSV(t *testing.T) {
	db := fixture.Open(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "ministry.csv")
	if _, err := Export(context.Background(), db, project.Default(), Options{Out: out, Period: "2022"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ministry.csv", "ministry_data_dictionary.csv", "ministry_suppressed.csv", "ministry_about.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\uFEFF")) {
			t.Errorf("%s has no UTF-8 BOM", name)
		}
		fixture.Golden(t, *update, "2022_"+name, b)
	}
	b, _ := os.ReadFile(out)
	if !bytes.Contains(b, []byte(";..;")) || !bytes.Contains(b, []byte(",")) {
		t.Errorf("no suppression marker or decimal comma in\n%s", b)
	}
}

// Every period's published table is safe: no hidden value follows from the
// published cells (disclosure.Audit), and the totals are right.
func TestIndicatorsProtected(t *testing.T) {
	db := fixture.Open(t)
	periods, err := Build(context.Background(), db, project.Default(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(periods) != 2 || periods[0].Period != "2022" || periods[1].Period != "2023" {
		t.Fatalf("periods %+v", periods)
	}
	rules := disclosure.RulesFrom(project.Default().Suppression)
	for _, p := range periods {
		exposed, err := disclosure.Audit(p.Table, p.Suppressions, rules)
		if err != nil || len(exposed) > 0 {
			t.Errorf("%s: exposed %+v err %v", p.Period, exposed, err)
		}
	}
	t2022 := periods[0].Table
	if got := strings.Join(t2022.Rows, ","); got != "Enontekiö,Inari,Kittilä,Muonio,total" {
		t.Errorf("rows %s", got)
	}
	total := len(t2022.Rows) - 1
	if c := t2022.Cells[total][0]; c.Value != 40 || c.Suppressed {
		t.Errorf("2022 total referrals %+v", c)
	}
	// Inari: i ≡ 9 (mod 10), four referrals of four clients.
	if c := t2022.Cells[1][0]; c.Value != 4 || !c.Suppressed {
		t.Errorf("Inari referrals %+v", c)
	}
	secondary := 0
	for _, s := range periods[0].Suppressions {
		if s.Reason == disclosure.Secondary {
			secondary++
		}
	}
	if secondary == 0 {
		t.Error("no secondary suppression in 2022")
	}
}

// Reruns give byte-identical exports; the manifests differ only in
// created_at.
func TestRerunIsByteIdentical(t *testing.T) {
	db := fixture.Open(t)
	for _, name := range []string{"ministry.xlsx", "ministry.csv"} {
		var files [2][]byte
		var manifests [2]map[string]any
		for k := range files {
			out := filepath.Join(t.TempDir(), name)
			if _, err := Export(context.Background(), db, project.Default(), Options{Out: out}); err != nil {
				t.Fatal(err)
			}
			files[k], _ = os.ReadFile(out)
			mb, err := os.ReadFile(ManifestPath(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(mb, &manifests[k]); err != nil {
				t.Fatal(err)
			}
			delete(manifests[k], "created_at")
		}
		if !bytes.Equal(files[0], files[1]) {
			t.Errorf("%s differs between runs", name)
		}
		a, _ := json.Marshal(manifests[0])
		b, _ := json.Marshal(manifests[1])
		if !bytes.Equal(a, b) {
			t.Errorf("%s manifests differ:\n%s\n%s", name, a, b)
		}
	}
}

func TestExportErrors(t *testing.T) {
	db := fixture.Open(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		opts Options
		want string
	}{
		{Options{Out: filepath.Join(dir, "x.ods")}, ".xlsx or .csv"},
		{Options{Out: filepath.Join(dir, "x.xlsx"), Period: "2022Q9"}, "period"},
		{Options{Out: filepath.Join(dir, "file", "x.xlsx")}, "not a directory"},
	} {
		if _, err := Export(context.Background(), db, project.Default(), tt.opts); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: error %v, want %q", tt.opts, err, tt.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("failed exports left %d files", len(entries)-1)
	}
}

// A period without referrals still gets its total row, all zeros.
func TestEmptyPeriod(t *testing.T) {
	db := fixture.Open(t)
	periods, err := Build(context.Background(), db, project.Default(), "2021Q1")
	if err != nil {
		t.Fatal(err)
	}
	if len(periods) != 1 || len(periods[0].Table.Rows) != 1 || periods[0].Table.Cells[0][0].Value != 0 {
		t.Fatalf("%+v", periods)
	}
}

// Regression: the total row keeps its name whatever the number of
// municipalities (an append once overwrote it through a shared array).
func TestTotalRowName(t *testing.T) {
	for n := 1; n <= 6; n++ {
		byMuni := map[string]map[string]aggregate{"": {"referrals": {value: 50, clients: 50}}}
		for i := range n {
			byMuni[fmt.Sprintf("M%d", i)] = map[string]aggregate{"referrals": {value: 10, clients: 10}}
		}
		tab := buildTable(byMuni, 0.95)
		if tab.Rows[n] != TotalRow || tab.Cells[n][0].Value != 50 {
			t.Errorf("%d municipalities: rows %q, total referrals %g", n, tab.Rows, tab.Cells[n][0].Value)
		}
	}
}
