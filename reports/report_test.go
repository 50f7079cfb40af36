package reports

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/linkki-fi/linkki/internal/project"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares v, as indented JSON, with testdata/golden/name; with
// -update it rewrites the file. Numbers may differ in the last bits
// (sameJSON): DuckDB combines the partial sums of its threads in whatever
// order they finish, so a mean or SD can change in the 16th digit between
// runs. A mismatch leaves name.got beside it.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -run %s -update)", err, t.Name())
	}
	if !bytes.Equal(got, want) && !sameJSON(t, got, want) {
		_ = os.WriteFile(path+".got", got, 0o644)
		t.Errorf("%s differs from the golden file; see %s.got (rerun with -update if the change is intended)", name, path)
	}
}

// sameJSON reports whether a and b hold the same JSON value, with numbers
// equal to a relative 1e-12: far below any digit the report shows, while
// counts (exact in a float64 below 2^53) still have to match exactly.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		return false
	}
	var same func(x, y any) bool
	same = func(x, y any) bool {
		switch x := x.(type) {
		case float64:
			y, ok := y.(float64)
			return ok && math.Abs(x-y) <= 1e-12*math.Max(math.Abs(x), math.Abs(y))
		case []any:
			y, ok := y.([]any)
			if !ok || len(x) != len(y) {
				return false
			}
			for i := range x {
				if !same(x[i], y[i]) {
					return false
				}
			}
			return true
		case map[string]any:
			y, ok := y.(map[string]any)
			if !ok || len(x) != len(y) {
				return false
			}
			for k, v := range x {
				w, ok := y[k]
				if !ok || !same(v, w) {
					return false
				}
			}
			return true
		default:
			return x == y
		}
	}
	return same(x, y)
}

func TestSameJSON(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{`{"sd": 9.283830897266077, "n": [1, 2]}`, `{"n": [1, 2], "sd": 9.283830897266078}`, true},
		{`{"clients": 939403}`, `{"clients": 939404}`, false},
		{`{"mean": 19.6}`, `{"mean": 19.600001}`, false},
		{`{"p": 0}`, `{"p": 1e-300}`, false},
		{`["Kemi"]`, `["Kemi "]`, false},
		{`{"a": null}`, `{"a": 0}`, false},
		{`{"a": 1}`, `{"a": 1, "b": 2}`, false},
	} {
		if got := sameJSON(t, []byte(tt.a), []byte(tt.b)); got != tt.want {
			t.Errorf("sameJSON(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestGolden pins the report's data for the fixture: the aggregates, and
// per language every chart's option (the JSON behind it), reading and
// table.
func TestGolden(t *testing.T) {
	db := fixtureDB(t)
	d, err := Load(context.Background(), db, Filter{}, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "data.json", d)
	for _, code := range Languages {
		m, err := Build(d, project.Default(), code, false)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "model_"+code+".json", m)
	}
	m, err := Build(d, project.Default(), "fi", true)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "model_fi_public.json", m)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// generate writes the report of db to a file and returns its path and text.
func generate(t *testing.T, db *sql.DB, opts Options) (string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.html")
	if err := Write(context.Background(), db, project.Default(), path, opts); err != nil {
		t.Fatal(err)
	}
	return path, readFile(t, path)
}

// A municipality name is data, and data must stay text: in the page (HTML
// escaping) and in the chart options inside <script> (JSON escaping).
func TestScriptInNameStaysText(t *testing.T) {
	const evil = `</script><script>document.title="pwned";alert(1)</script>`
	db := fixtureDB(t,
		`UPDATE support_periods SET municipality = '`+evil+`' WHERE municipality = 'Kemi'`,
		`UPDATE costs SET municipality = '`+evil+`' WHERE municipality = 'Kemi'`,
		`UPDATE worker_survey_summary SET statement = '<b onmouseover=alert(1)>x</b>' WHERE n = 3`,
	)
	path, html := generate(t, db, Options{Lang: "en"})
	for _, raw := range []string{"<script>document.title", "<b onmouseover"} {
		if strings.Contains(html, raw) {
			t.Errorf("report contains the raw markup %q", raw)
		}
	}
	if !strings.Contains(html, `\u003c/script\u003e\u003cscript\u003edocument.title=\"pwned\"`) {
		t.Error("the name is missing from the chart options in JSON-escaped form")
	}
	if !strings.Contains(html, `&lt;/script&gt;&lt;script&gt;document.title=&#34;pwned&#34;`) {
		t.Error("the name is missing from the tables in HTML-escaped form")
	}
	got := assertOffline(t, path, 10)
	if got.title == "pwned" {
		t.Error("the script in the municipality name ran")
	}
}

func TestSmallCells(t *testing.T) {
	db := fixtureDB(t)
	d, err := Load(context.Background(), db, Filter{}, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	find := func(m *Model, id string) Chart {
		for _, s := range m.Sections {
			for _, c := range s.Charts {
				if c.ID == id {
					return c
				}
			}
		}
		t.Fatalf("no chart %s", id)
		return Chart{}
	}
	row := func(c Chart, label string) []string {
		for _, r := range c.Table.Rows {
			if r[0].S == label {
				out := make([]string, len(r)-1)
				for i, x := range r[1:] {
					out[i] = x.S
				}
				return out
			}
		}
		t.Fatalf("chart %s has no row %q", c.ID, label)
		return nil
	}
	tests := []struct {
		name    string
		public  bool
		chart   string
		row     string
		want    []string
		inChart string // a fragment the option must contain
	}{
		// Enontekiö has 2 clients: its count shows internally but not in public.
		{"internal count shown", false, "referrals-by-municipality", "Enontekiö", []string{"2", "2"}, `"data":["Kemi","Rovaniemi","Tornio","Enontekiö"]`},
		{"public count hidden", true, "referrals-by-municipality", "Enontekiö", []string{"..", ".."}, `{"value":"-"}`},
		// The public total would reveal it, so the next smallest goes too.
		{"public secondary", true, "referrals-by-municipality", "Rovaniemi", []string{"..", ".."}, ""},
		{"public total", true, "referrals-by-municipality", "Yhteensä", []string{"36", "32"}, ""},
		// Costs of 2 clients are a statistic: hidden even internally.
		{"internal statistic hidden", false, "costs", "Enontekiö", []string{"..", "..", "..", "2", ".."}, ""},
		// d_rm of the 1-pair Enontekiö row is undefined, and hidden anyway.
		{"forest undefined", false, "forest", "Kunta: Enontekiö", []string{"1", "–", "–", "–"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Build(d, project.Default(), "fi", tt.public)
			if err != nil {
				t.Fatal(err)
			}
			c := find(m, tt.chart)
			got := row(c, tt.row)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("row %q = %q, want %q", tt.row, got, tt.want)
			}
			if tt.inChart != "" && !strings.Contains(string(c.Option), tt.inChart) {
				t.Errorf("option lacks %s:\n%s", tt.inChart, c.Option)
			}
		})
	}
}

func TestFilter(t *testing.T) {
	db := fixtureDB(t)
	tests := []struct {
		name      string
		f         Filter
		referrals int64
		results   int
		wantErr   string
	}{
		{"all", Filter{}, 36, 11, ""},
		{"municipality", Filter{Municipality: "Kemi"}, 12, 1, ""},
		{"quarter", Filter{Period: "2024Q1"}, 9, 0, ""},
		{"half", Filter{Period: "2024H2"}, 17, 0, ""},
		// Analysis rows describe whole groups, so a period leaves them out.
		{"year and municipality", Filter{Municipality: "Tornio", Period: "2024"}, 11, 0, ""},
		{"bad period", Filter{Period: "Q1"}, 0, 0, "want a year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Load(context.Background(), db, tt.f, 0.95)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Key.Referrals != tt.referrals || len(d.Results) != tt.results {
				t.Errorf("referrals %d, results %d; want %d, %d", d.Key.Referrals, len(d.Results), tt.referrals, tt.results)
			}
			// Every aggregate of a filtered report is pinned as well, so a
			// rewrite of the queries cannot change what a filter shows
			// (TestGolden pins the unfiltered one).
			if tt.f != (Filter{}) {
				golden(t, "data_"+strings.ReplaceAll(tt.name, " ", "_")+".json", d)
			}
		})
	}
	err := Generate(context.Background(), db, project.Default(), &bytes.Buffer{}, Options{Filter: Filter{Municipality: "Inari"}})
	if err == nil || !strings.Contains(err.Error(), `no support periods match municipality "Inari"`) {
		t.Errorf("filter matching nothing: %v", err)
	}
}

// Without the analysis or survey tables the report still builds and says
// what is missing; without the model tables it refuses.
func TestMissingTables(t *testing.T) {
	db := fixtureDB(t, "DROP TABLE results; DROP TABLE mixed_models; DROP TABLE attrition; DROP TABLE worker_survey_summary; DROP TABLE analysis_runs")
	_, html := generate(t, db, Options{Lang: "en"})
	for _, want := range []string{"run linkki analyze", "There are no link-worker survey answers."} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	empty := fixtureDB(t, "DROP TABLE outcomes_wide")
	err := Generate(context.Background(), empty, project.Default(), &bytes.Buffer{}, Options{})
	if !errors.Is(err, ErrNotBuilt) || !strings.Contains(err.Error(), "outcomes_wide") {
		t.Errorf("got %v, want ErrNotBuilt naming outcomes_wide", err)
	}
	old := fixtureDB(t, "ALTER TABLE support_periods DROP COLUMN client_key")
	err = Generate(context.Background(), old, project.Default(), &bytes.Buffer{}, Options{})
	if !errors.Is(err, ErrNotBuilt) || !strings.Contains(err.Error(), "client_key") {
		t.Errorf("got %v, want ErrNotBuilt naming client_key", err)
	}
}

func TestMissingECharts(t *testing.T) {
	saved := assets
	assets = fstest.MapFS{"assets/README.md": {Data: []byte("x")}}
	defer func() { assets = saved }()
	err := Generate(context.Background(), fixtureDB(t), project.Default(), &bytes.Buffer{}, Options{})
	if !errors.Is(err, ErrNoECharts) {
		t.Errorf("got %v, want ErrNoECharts", err)
	}
}

// Every message key exists in every language, and no built report shows a
// key or an unfilled placeholder instead of words.
func TestTranslations(t *testing.T) {
	fi, err := loadLang("fi")
	if err != nil {
		t.Fatal(err)
	}
	en, err := loadLang("en")
	if err != nil {
		t.Fatal(err)
	}
	if a, b := strings.Join(fi.keys(), "\n"), strings.Join(en.keys(), "\n"); a != b {
		t.Errorf("fi and en have different keys")
		for _, k := range fi.keys() {
			if _, ok := en.msgs[k]; !ok {
				t.Errorf("en lacks %s", k)
			}
		}
		for _, k := range en.keys() {
			if _, ok := fi.msgs[k]; !ok {
				t.Errorf("fi lacks %s", k)
			}
		}
	}
	d, err := Load(context.Background(), fixtureDB(t), Filter{}, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	untranslated := regexp.MustCompile(`⟦|\{[a-z_]+\}`)
	for _, code := range Languages {
		m, err := Build(d, project.Default(), code, true)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(m)
		var walk func(v any)
		walk = func(v any) {
			switch v := v.(type) {
			case string:
				if untranslated.MatchString(v) {
					t.Errorf("%s: untranslated %q", code, v)
				}
			case []any:
				for _, x := range v {
					walk(x)
				}
			case map[string]any:
				for k, x := range v {
					if k != "option" {
						walk(x)
					}
				}
			}
		}
		var tree any
		_ = json.Unmarshal(b, &tree)
		walk(tree)
	}
}

func TestNumberFormats(t *testing.T) {
	fi, _ := loadLang("fi")
	en, _ := loadLang("en")
	tests := []struct {
		l        *lang
		x        float64
		decimals int
		want     string
	}{
		{fi, 1234.5, 1, "1234,5"},
		{fi, 12345.5, 1, "12\u00a0345,5"},
		{fi, -0.48, 2, "−0,48"},
		{fi, -0.001, 1, "0,0"},
		{fi, 1234567, 0, "1\u00a0234\u00a0567"},
		{en, 1234.5, 1, "1,234.5"},
		{en, 999, 0, "999"},
		{en, -12345.678, 2, "−12,345.68"},
	}
	for _, tt := range tests {
		if got := tt.l.Num(tt.x, tt.decimals); got != tt.want {
			t.Errorf("%s Num(%v, %d) = %q, want %q", tt.l.code, tt.x, tt.decimals, got, tt.want)
		}
	}
	if got := fi.Date("2025-02-03"); got != "3.2.2025" {
		t.Errorf("fi date %q", got)
	}
	if got := en.Date("2025-02-03"); got != "3 February 2025" {
		t.Errorf("en date %q", got)
	}
	if got := fi.EUR(10818.4); got != "10\u00a0818\u00a0€" {
		t.Errorf("fi EUR %q", got)
	}
}

func TestMagnitude(t *testing.T) {
	for d, want := range map[float64]string{0: "negligible", -0.19: "negligible", 0.2: "small", -0.52: "medium", 0.8: "large", 1.4: "large"} {
		if got := magnitude(d); got != want {
			t.Errorf("magnitude(%v) = %s, want %s", d, got, want)
		}
	}
}
