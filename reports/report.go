// Package reports writes linkki's impact report: one self-contained HTML
// file, in Finnish or English, that project managers open from an e-mail
// attachment on a laptop with no internet and print to PDF.
//
// It takes the model and analysis tables of a linkki database
// (data/dictionary.md) and the settings, and gives the report in three
// steps that tests can check one by one:
//
//   - Load reads aggregates only (counts, sums, means, histogram bins and
//     the analysis rows) into Data, so the report's size and build time do
//     not grow with the number of referrals;
//   - Build turns Data into a Model in one language: wording from
//     i18n/<lang>.toml, numbers and dates in that language's conventions,
//     small cells suppressed with reports/disclosure, and for every chart
//     the ECharts option (made with go-echarts) and an accessible table of
//     the same numbers;
//   - Render lays the Model out as HTML with the ECharts script inlined
//     (installed from npm by scripts/install-echarts and embedded at build
//     time), so no request ever leaves the file.
//
// Text from the data (municipality names, survey statements, file names)
// is escaped by html/template in the page and by encoding/json (\u003c…) in
// the chart options, so a municipality named "</script><script>…" stays
// text.
package reports

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"

	"github.com/linkki-fi/linkki/internal/project"
)

//go:embed assets
var embeddedAssets embed.FS

// assets is where the ECharts files are read from (a variable so tests can
// take them away).
var assets fs.FS = embeddedAssets

//go:embed web/report.html.tmpl web/report.css web/report.js
var web embed.FS

// ErrNoECharts means the ECharts script was not installed before linkki
// was built.
var ErrNoECharts = errors.New("the ECharts script is missing from this build of linkki (reports/assets/echarts.min.js)")

// echarts returns the embedded ECharts script and its licence texts.
func echarts() (script, licence, notice string, err error) {
	read := func(name string) (string, error) {
		b, err := fs.ReadFile(assets, "assets/"+name)
		if err != nil {
			return "", ErrNoECharts
		}
		return string(b), nil
	}
	if script, err = read("echarts.min.js"); err != nil {
		return
	}
	// The script goes inside a <script> element, which "</script" would end.
	if strings.Contains(strings.ToLower(script), "</script") {
		return "", "", "", fmt.Errorf("reports/assets/echarts.min.js contains </script and cannot be inlined")
	}
	if licence, err = read("echarts.LICENSE"); err != nil {
		return
	}
	notice, err = read("echarts.NOTICE")
	return
}

// echartsVersion is the installed ECharts version, for the methods section.
func echartsVersion() string {
	b, err := fs.ReadFile(assets, "assets/echarts.VERSION")
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(b))
}

// Options choose what one report shows.
type Options struct {
	// Lang is fi or en; empty means the settings' report.language.
	Lang   string
	Filter Filter
	// Public also suppresses counts of 1..MinCount−1 clients, with
	// secondary suppression, for reports that leave the organisation.
	Public bool
}

// Write builds the report from db and writes it atomically to path.
func Write(ctx context.Context, db *sql.DB, s project.Settings, path string, opts Options) error {
	var buf bytes.Buffer
	if err := Generate(ctx, db, s, &buf, opts); err != nil {
		return err
	}
	if err := project.WriteFileAtomic(path, buf.Bytes()); err != nil {
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	return nil
}

// Generate builds the report from db and writes the HTML to w.
func Generate(ctx context.Context, db *sql.DB, s project.Settings, w io.Writer, opts Options) error {
	if _, _, _, err := echarts(); err != nil {
		return err
	}
	code := opts.Lang
	if code == "" {
		code = s.Report.Language
	}
	if _, err := loadLang(code); err != nil {
		return err
	}
	d, err := Load(ctx, db, opts.Filter, s.Outcomes.ConfidenceLevel)
	if err != nil {
		return err
	}
	if opts.Filter != (Filter{}) && d.Key.Referrals == 0 {
		return fmt.Errorf("report: no support periods match %s", describeFilter(opts.Filter))
	}
	m, err := Build(d, s, code, opts.Public)
	if err != nil {
		return err
	}
	return Render(w, m)
}

func describeFilter(f Filter) string {
	var parts []string
	if f.Municipality != "" {
		parts = append(parts, fmt.Sprintf("municipality %q", f.Municipality))
	}
	if f.Period != "" {
		parts = append(parts, "period "+f.Period)
	}
	return strings.Join(parts, " and ")
}

// page is what the template gets.
type page struct {
	*Model
	CSS     template.CSS
	Script  template.JS // report.js
	ECharts template.JS
	Licence string
	Notice  string
	L       func(key string, args ...any) string
}

// Render writes m as one self-contained HTML page.
func Render(w io.Writer, m *Model) error {
	js, licence, notice, err := echarts()
	if err != nil {
		return err
	}
	l, err := loadLang(m.Lang)
	if err != nil {
		return err
	}
	css, err := web.ReadFile("web/report.css")
	if err != nil {
		return err
	}
	script, err := web.ReadFile("web/report.js")
	if err != nil {
		return err
	}
	tpl, err := template.New("report.html.tmpl").Funcs(template.FuncMap{
		// option inserts a chart option verbatim into its JSON <script>
		// element. encodeOption escaped <, > and & in every string, so
		// nothing inside can end the element.
		"option": func(raw json.RawMessage) template.JS { return template.JS(raw) },
	}).ParseFS(web, "web/report.html.tmpl")
	if err != nil {
		return fmt.Errorf("report template: %w", err)
	}
	p := page{Model: m, CSS: template.CSS(css), Script: template.JS(script), ECharts: template.JS(js),
		Licence: licence, Notice: notice, L: l.T}
	if err := tpl.Execute(w, p); err != nil {
		return fmt.Errorf("report: render: %w", err)
	}
	return nil
}
