package ministry

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/linkki-fi/linkki/internal/project"
)

// field is one cell of an output sheet: text, or a number shown with a
// fixed number of decimals.
type field struct {
	text     string
	num      float64
	decimals int
	isNum    bool
}

func text(s string) field { return field{text: s} }

func number(v float64, decimals int) field {
	p := math.Pow(10, float64(decimals))
	v = math.Round(v*p) / p
	if v == 0 {
		v = 0 // no "-0,00"
	}
	return field{num: v, decimals: decimals, isNum: true}
}

type sheet struct {
	name string
	rows [][]field
}

type outFile struct {
	path string
	data []byte
}

// sheets lays out what every format writes: the indicators, the data
// dictionary, the suppression list and facts about the table.
func sheets(periods []Indicators, s project.Settings) []sheet {
	cols := Columns()
	header := func(names ...string) []field {
		out := make([]field, len(names))
		for i, n := range names {
			out[i] = text(n)
		}
		return out
	}
	var names []string
	for _, c := range append(append([]Column{}, KeyColumns...), cols...) {
		names = append(names, c.Name)
	}
	ind := sheet{name: "indicators", rows: [][]field{header(names...)}}
	sup := sheet{name: "suppressed", rows: [][]field{header("period", "municipality", "column", "reason", "detail")}}
	for _, p := range periods {
		for i, row := range p.Table.Cells {
			out := []field{text(SchemaVersion), text(p.Period), text(p.Table.Rows[i])}
			for j, c := range row {
				switch {
				case c.Suppressed:
					out = append(out, text(Suppressed))
				case c.Missing:
					out = append(out, text(""))
				default:
					out = append(out, number(c.Value, cols[j].Decimals))
				}
			}
			ind.rows = append(ind.rows, out)
		}
		for _, x := range p.Suppressions {
			sup.rows = append(sup.rows, []field{text(p.Period), text(x.Row), text(x.Col), text(string(x.Reason)), text(x.Detail)})
		}
	}
	dict := sheet{name: "data_dictionary", rows: [][]field{header("column", "label_fi", "unit", "decimals", "definition")}}
	for _, c := range KeyColumns {
		dict.rows = append(dict.rows, []field{text(c.Name), text(c.LabelFI), text(c.Unit), text(""), text(c.Definition)})
	}
	for _, c := range cols {
		dict.rows = append(dict.rows, []field{text(c.Name), text(c.LabelFI), text(c.Unit), number(float64(c.Decimals), 0), text(c.Definition)})
	}
	about := sheet{name: "about", rows: [][]field{
		header("item", "value"),
		{text("schema_version"), text(SchemaVersion)},
		{text("marker " + Suppressed), text("suppressed to protect privacy (statistical disclosure control); see the sheet or file \"suppressed\"")},
		{text("empty cell"), text("not defined: no pairs for a mean change, fewer than 2 pairs for an interval")},
		{text("suppression.min_count"), text(fmt.Sprintf("counts resting on 1 to %d distinct clients are suppressed", s.Suppression.MinCount-1))},
		{text("suppression.min_statistic_n"), text(fmt.Sprintf("hours, costs and mean changes resting on fewer than %d distinct clients are suppressed", s.Suppression.MinStatisticN))},
		{text("secondary suppression"), text("further cells are suppressed so that no suppressed value can be recovered from totals, other cells or the reasons listed; verified by linear programming")},
		{text("outcomes.confidence_level"), number(s.Outcomes.ConfidenceLevel, 3)},
		{text("period attribution"), text("a support period belongs to the period of its referral date")},
		{text("overlapping periods"), text("each period's table is protected on its own: publishing tables of overlapping periods (a year and its halves) lets a reader subtract one from another, so publish one granularity")},
	}}
	return []sheet{ind, dict, sup, about}
}

// render returns the files of one export: a workbook, or a CSV per sheet
// (the indicators at out, the others beside it as <name>_<sheet>.csv).
func render(format, out string, periods []Indicators, s project.Settings) ([]outFile, error) {
	sh := sheets(periods, s)
	if format == "xlsx" {
		data, err := workbook(sh)
		if err != nil {
			return nil, fmt.Errorf("ministry export: %w", err)
		}
		return []outFile{{out, data}}, nil
	}
	stem := strings.TrimSuffix(out, filepath.Ext(out))
	files := []outFile{{out, csvBytes(sh[0])}}
	for _, x := range sh[1:] {
		files = append(files, outFile{stem + "_" + x.name + ".csv", csvBytes(x)})
	}
	return files, nil
}

// csvBytes writes a sheet for Finnish Excel: UTF-8 with BOM, ";" between
// fields, decimal comma, CRLF line ends.
func csvBytes(x sheet) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	for _, row := range x.rows {
		for j, f := range row {
			if j > 0 {
				b.WriteByte(';')
			}
			if f.isNum {
				b.WriteString(strings.Replace(strconv.FormatFloat(f.num, 'f', f.decimals, 64), ".", ",", 1))
				continue
			}
			if strings.ContainsAny(f.text, ";\"\r\n") {
				b.WriteString(`"` + strings.ReplaceAll(f.text, `"`, `""`) + `"`)
				continue
			}
			b.WriteString(f.text)
		}
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

// fixedTime stands in for the workbook's creation and modification times,
// which would otherwise make every rerun differ; the run manifest records
// when the export was made.
const fixedTime = "2000-01-01T00:00:00Z"

// workbook writes the sheets as XLSX. excelize writes zip entries in sorted
// order without timestamps; the document properties are fixed here, so the
// bytes depend only on the content.
func workbook(sh []sheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "linkki", LastModifiedBy: "linkki", Title: "linkki indicators for state grant reporting",
		Created: fixedTime, Modified: fixedTime,
	}); err != nil {
		return nil, err
	}
	styles := map[int]int{}
	for _, d := range []int{0, 1, 2} {
		format := "0"
		if d > 0 {
			format += "." + strings.Repeat("0", d)
		}
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		if err != nil {
			return nil, err
		}
		styles[d] = id
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	for k, x := range sh {
		if k == 0 {
			if err := f.SetSheetName("Sheet1", x.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(x.name); err != nil {
			return nil, err
		}
		for i, row := range x.rows {
			for j, fl := range row {
				ref, err := excelize.CoordinatesToCellName(j+1, i+1)
				if err != nil {
					return nil, err
				}
				if !fl.isNum {
					if fl.text == "" {
						continue
					}
					if err := f.SetCellStr(x.name, ref, fl.text); err != nil {
						return nil, err
					}
					if i == 0 {
						if err := f.SetCellStyle(x.name, ref, ref, bold); err != nil {
							return nil, err
						}
					}
					continue
				}
				if err := f.SetCellFloat(x.name, ref, fl.num, -1, 64); err != nil {
					return nil, err
				}
				if err := f.SetCellStyle(x.name, ref, ref, styles[fl.decimals]); err != nil {
					return nil, err
				}
			}
		}
		if err := f.SetPanes(x.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
