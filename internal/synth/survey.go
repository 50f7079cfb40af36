package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
)

// surveyHeader is the worker survey's first three columns; the statements
// follow.
var surveyHeader = []string{"respondent_id", "survey_date", "municipality"}

// writeSurvey renders the link-worker survey: every link worker answers each
// November of the programme (up to the export date). It is an XLSX workbook
// with real date cells, as a survey tool's Excel export is. Its random stream
// is separate so that it does not depend on how many referrals were drawn.
func (g *generator) writeSurvey() ([]byte, FileManifest, error) {
	fm := FileManifest{Name: SurveyFile, Kind: "worker_survey", Encoding: "xlsx", LineEnding: "", DateFormat: "date cell", Decimal: ""}
	r := rand.New(rand.NewPCG(g.o.Seed, 0x7375727665790a)) // "survey"
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Vastaukset"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fm, fmt.Errorf("synth: survey: %w", err)
	}
	dateFmt := "d.m.yyyy"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return nil, fm, fmt.Errorf("synth: survey: %w", err)
	}
	header := append([]any{}, toAny(surveyHeader)...)
	for _, s := range surveyStatements {
		header = append(header, s.text)
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return nil, fm, fmt.Errorf("synth: survey: %w", err)
	}
	rowNum := 1
	respondent := 0
	for year := g.o.StartYear; ; year++ {
		day := daysFromCivil(year, 11, 10)
		if day > g.exp {
			break
		}
		for mi, ws := range g.workers {
			for range ws {
				respondent++
				rowNum++
				y, m, d := civilFromDays(day + r.IntN(14))
				vals := []any{fmt.Sprintf("V%04d", respondent), time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), municipalities[mi].name}
				lean := 0.6 * r.NormFloat64() // a respondent's own tendency to agree
				for _, s := range surveyStatements {
					v := int(math.Round(clamp(s.mean+lean+0.8*r.NormFloat64(), 1, 5)))
					vals = append(vals, v)
				}
				short := false
				if g.mess != nil {
					vals, short = g.mess.varySurvey(vals, rowNum)
				}
				cell, _ := excelize.CoordinatesToCellName(1, rowNum)
				if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
					return nil, fm, fmt.Errorf("synth: survey: %w", err)
				}
				dateCell, _ := excelize.CoordinatesToCellName(2, rowNum)
				if err := f.SetCellStyle(sheet, dateCell, dateCell, style); err != nil {
					return nil, fm, fmt.Errorf("synth: survey: %w", err)
				}
				if short {
					g.man.Irregularities = append(g.man.Irregularities, Irregularity{File: SurveyFile, Line: rowNum, Kind: IrregShortRow, Note: "last answers missing"})
				}
				fm.RowsRead++
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fm, fmt.Errorf("synth: survey: %w", err)
	}
	return buf.Bytes(), fm, nil
}

// writeFileAtomic writes data beside path and renames it into place.
func writeFileAtomic(path string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(path), ".synth-"+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
