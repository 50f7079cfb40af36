package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Manifest describes what Generate wrote: every file with its dialect and
// the accounting ingest must report for it, every injected defect (a row
// ingest must quarantine) and every irregularity (a row ingest must load,
// perhaps with a flag or warning). The JSON shape is documented in the
// package comment.
type Manifest struct {
	Seed           uint64         `json:"seed"`
	Referrals      int            `json:"referrals"`
	Messy          bool           `json:"messy"`
	Improvement    float64        `json:"improvement"`
	StartYear      int            `json:"start_year"`
	ExportDate     string         `json:"export_date"`
	Files          []FileManifest `json:"files"`
	Defects        []Defect       `json:"defects,omitempty"`        // written as [] when empty
	Irregularities []Irregularity `json:"irregularities,omitempty"` // written as [] when empty
}

// FileManifest is one written file.
type FileManifest struct {
	Name       string   `json:"name"`
	Kind       string   `json:"kind"`
	Encoding   string   `json:"encoding"`
	Delimiter  string   `json:"delimiter"`
	LineEnding string   `json:"line_ending"`
	DateFormat string   `json:"date_format"`
	Decimal    string   `json:"decimal_separator"`
	RowsRead   int      `json:"rows_read"`
	Expected   Expected `json:"expected"`
}

// Expected is the accounting of one file when all files are ingested in one
// call into an empty database.
type Expected struct {
	Inserted            int            `json:"inserted"`
	Updated             int            `json:"updated"`
	Unchanged           int            `json:"unchanged"`
	Quarantined         int            `json:"quarantined"`
	QuarantinedByReason map[string]int `json:"quarantined_by_reason"`
}

// Defect is one injected row that ingest must quarantine with Reason.
type Defect struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column string `json:"column"`
	Reason string `json:"reason"`
	Note   string `json:"note"`
}

// Irregularity is a row (or line) that is messy but valid: ingest loads it
// (or skips it, for blank lines) and may flag or warn.
type Irregularity struct {
	File       string `json:"file"`
	Line       int    `json:"line"`
	Column     string `json:"column,omitempty"`
	Kind       string `json:"kind"`
	Note       string `json:"note,omitempty"`
	ReferralID string `json:"referral_id,omitempty"`
}

// Irregularity kinds.
const (
	IrregEmptyLine         = "empty_line"           // skipped, not counted
	IrregDelimiterOnlyLine = "delimiter_only_line"  // skipped, not counted
	IrregMissingMarker     = "missing_marker"       // NA, -, puuttuu, tyhjä in an optional field
	IrregMunicipality      = "municipality_variant" // case or ä/ö variant of an official name
	IrregCategoryVariant   = "category_variant"     // label in odd case or without ä/ö
	IrregDuplicateQuest    = "duplicate_questionnaire"
	IrregOutsidePeriod     = "meeting_outside_period"
	IrregIdenticalRow      = "identical_row"      // same bytes as the row before: a separate record
	IrregInferredTimepoint = "inferred_timepoint" // note: the time point ingest must infer
	IrregClientIDMatch     = "client_id_match"    // questionnaire keyed by client_id only
	IrregMonthOverCap      = "month_over_cap"     // note: month and hours; line of the referral
	IrregOverSixMonths     = "over_six_months"    // line of the referral
	IrregResponseLabels    = "response_labels"    // items written as labels
	IrregQuotedField       = "quoted_field"       // a field holding the delimiter or a line break
	IrregIdentityCase      = "identity_code_case" // letters of an identity code in lower case
	IrregRepeatedCategory  = "repeated_category"  // a list naming one category twice (counts once)
	IrregShortRow          = "short_row"          // an XLSX row shorter than the header: empty answers
	IrregMissingItem       = "missing_item"       // a questionnaire item left empty: loaded, not scorable
)

// finish fills in the accounting from the files and the defects.
func (m *Manifest) finish(files []*csvFile, survey FileManifest) {
	byFile := map[string]map[string]int{}
	for _, d := range m.Defects {
		if byFile[d.File] == nil {
			byFile[d.File] = map[string]int{}
		}
		byFile[d.File][d.Reason]++
	}
	account := func(fm *FileManifest) {
		q := 0
		byReason := byFile[fm.Name]
		if byReason == nil {
			byReason = map[string]int{}
		}
		for _, n := range byReason {
			q += n
		}
		fm.Expected = Expected{Inserted: fm.RowsRead - q, Quarantined: q, QuarantinedByReason: byReason}
	}
	for _, f := range files {
		fm := FileManifest{Name: f.name, Kind: f.kind, Encoding: f.d.encoding,
			Delimiter: string(f.d.delim), LineEnding: "lf", DateFormat: f.d.date.String(),
			Decimal: string(f.d.decimal), RowsRead: f.rows}
		if f.d.crlf {
			fm.LineEnding = "crlf"
		}
		account(&fm)
		m.Files = append(m.Files, fm)
	}
	account(&survey)
	m.Files = append(m.Files, survey)
	sort.SliceStable(m.Defects, func(i, j int) bool {
		if m.Defects[i].File != m.Defects[j].File {
			return m.Defects[i].File < m.Defects[j].File
		}
		return m.Defects[i].Line < m.Defects[j].Line
	})
	sort.SliceStable(m.Irregularities, func(i, j int) bool {
		if m.Irregularities[i].File != m.Irregularities[j].File {
			return m.Irregularities[i].File < m.Irregularities[j].File
		}
		return m.Irregularities[i].Line < m.Irregularities[j].Line
	})
}

// write stores the manifest as DIR/manifest.json: the head indented, then
// one defect or irregularity per line, which keeps a million-row manifest
// compact and its diffs readable.
func (m *Manifest) write(dir string) error {
	head := *m
	head.Defects, head.Irregularities = nil, nil
	b, err := json.MarshalIndent(head, "", "  ")
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	b = bytes.TrimSuffix(b, []byte("\n}")) // the lists follow
	var buf bytes.Buffer
	buf.Write(b)
	writeList := func(name string, n int, item func(i int) any) error {
		buf.WriteString(",\n  \"" + name + "\": [")
		for i := 0; i < n; i++ {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n    ")
			line, err := json.Marshal(item(i))
			if err != nil {
				return fmt.Errorf("encode manifest: %w", err)
			}
			buf.Write(line)
		}
		if n > 0 {
			buf.WriteString("\n  ")
		}
		buf.WriteByte(']')
		return nil
	}
	if err := writeList("defects", len(m.Defects), func(i int) any { return m.Defects[i] }); err != nil {
		return err
	}
	if err := writeList("irregularities", len(m.Irregularities), func(i int) any { return m.Irregularities[i] }); err != nil {
		return err
	}
	buf.WriteString("\n}\n")
	if err := writeFileAtomic(filepath.Join(dir, ManifestName), buf.Bytes()); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

// ReadManifest loads a manifest written by Generate.
func ReadManifest(path string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(path)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("read manifest %s: %w", path, err)
	}
	return m, nil
}
