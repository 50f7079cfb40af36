package synth

// An independent reading of the written files against the input contract:
// the tests re-read every file the way ingest must, classify every row, and
// compare with the manifest. It shares no code with the generator beyond
// the reason-code constants.

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/linkki-fi/linkki/data"
)

// contract is testdata/contract.txt: header aliases and category labels.
type contract struct {
	headers map[string]map[string]string // kind → normalised alias → canonical
	labels  map[string]map[string]string // field → normalised label → code
	exact   map[string]bool              // labels as the contract spells them
}

var foldDiacritics = strings.NewReplacer("ä", "a", "ö", "o", "å", "a")

func norm(s string) string {
	return foldDiacritics.Replace(strings.ToLower(strings.TrimSpace(s)))
}

func loadContract(t *testing.T) contract {
	t.Helper()
	b, err := os.ReadFile("testdata/contract.txt")
	if err != nil {
		t.Fatal(err)
	}
	c := contract{headers: map[string]map[string]string{}, labels: map[string]map[string]string{}, exact: map[string]bool{}}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		parts := strings.SplitN(line, " ", 4)
		dst := c.headers
		if parts[0] == "label" {
			dst = c.labels
		}
		if dst[parts[1]] == nil {
			dst[parts[1]] = map[string]string{}
		}
		for _, a := range strings.Split(parts[3], "|") {
			dst[parts[1]][norm(a)] = parts[2]
			c.exact[a] = true
		}
	}
	return c
}

func isMissing(v string) bool {
	switch norm(v) {
	case "", "na", "-", "puuttuu", "tyhja":
		return true
	}
	return false
}

var (
	reFinnishDate = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)
	reISODate     = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	reHetu        = regexp.MustCompile(`^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$`)
)

// parseDate accepts the contract's three formats; ok is false for text
// that is not a date or a date that does not exist.
func parseDate(s string) (time.Time, bool) {
	var y, m, d int
	if p := reFinnishDate.FindStringSubmatch(s); p != nil {
		d, _ = strconv.Atoi(p[1])
		m, _ = strconv.Atoi(p[2])
		y, _ = strconv.Atoi(p[3])
	} else if p := reISODate.FindStringSubmatch(s); p != nil {
		y, _ = strconv.Atoi(p[1])
		m, _ = strconv.Atoi(p[2])
		d, _ = strconv.Atoi(p[3])
	} else {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, t.Year() == y && int(t.Month()) == m && t.Day() == d
}

// hetuInfo validates an identity code independently of the generator.
func hetuInfo(s string) (isHetu, valid bool, birth time.Time, male bool) {
	p := reHetu.FindStringSubmatch(strings.ToUpper(s))
	if p == nil {
		return false, false, time.Time{}, false
	}
	century := map[string]int{"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
		"A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}[p[4]]
	yy, _ := strconv.Atoi(p[3])
	num, _ := strconv.Atoi(p[5])
	b, ok := parseDate(p[1] + "." + p[2] + "." + strconv.Itoa(century+yy))
	n, _ := strconv.Atoi(p[1] + p[2] + p[3] + p[5])
	check := "0123456789ABCDEFHJKLMNPRSTUVWXY"[n%31]
	return true, ok && p[6][0] == check, b, num%2 == 1
}

// record is one row as read back: its fields and the line it starts on.
type record struct {
	line   int
	fields []string
	err    error // a CSV parse error: the row is malformed
}

// readCSV decodes a file in its declared encoding and splits it into rows,
// skipping lines that are empty or hold only delimiters.
func readCSV(t *testing.T, path string, fm FileManifest) (header []string, rows []record) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch fm.Encoding {
	case "windows-1252":
		raw, err = charmap.Windows1252.NewDecoder().Bytes(raw)
		if err != nil {
			t.Fatal(err)
		}
	case "utf-8-bom":
		raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
	}
	// Split into physical lines first so that a malformed row costs only
	// its own lines, as a line-aware reader does.
	lines := splitLines(raw)
	for i := 0; i < len(lines); {
		start := i
		text := lines[i]
		i++
		for quotesOpen(text, fm.Delimiter[0]) && i < len(lines) {
			text += "\n" + lines[i]
			i++
		}
		if start == 0 {
			r := csv.NewReader(strings.NewReader(text))
			r.Comma = rune(fm.Delimiter[0])
			header, err = r.Read()
			if err != nil {
				t.Fatalf("%s header: %v", fm.Name, err)
			}
			continue
		}
		if strings.Trim(text, fm.Delimiter) == "" {
			continue
		}
		r := csv.NewReader(strings.NewReader(text))
		r.Comma = rune(fm.Delimiter[0])
		r.FieldsPerRecord = -1
		f, err := r.Read()
		if err == nil {
			if _, err2 := r.Read(); !errors.Is(err2, io.EOF) {
				err = errors.New("more than one record on the row's lines")
			}
		}
		rows = append(rows, record{line: start + 1, fields: f, err: err})
	}
	return header, rows
}

func splitLines(b []byte) []string {
	s := bufio.NewScanner(bytes.NewReader(b))
	s.Buffer(nil, 1<<20)
	var out []string
	for s.Scan() {
		out = append(out, strings.TrimSuffix(s.Text(), "\r"))
	}
	return out
}

// quotesOpen reports whether a row's text ends inside a quoted field. A
// quote opens a quoted field only at the field's start (RFC 4180); a stray
// quote elsewhere is a malformed row, not the start of a multi-line field.
func quotesOpen(s string, delim byte) bool {
	in, fieldStart := false, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case in && c == '"' && i+1 < len(s) && s[i+1] == '"':
			i++
		case in && c == '"':
			in = false
		case !in && c == '"' && fieldStart:
			in = true
		}
		fieldStart = !in && (c == delim || c == '\n')
	}
	return in
}

// verdict is what the contract says about one row: the reasons it breaks
// (exactly one for an injected defect, none for a clean row).
type verdict struct {
	line    int
	reasons []string
	columns []string
}

func (v *verdict) fail(column, reason string) {
	v.reasons = append(v.reasons, reason)
	v.columns = append(v.columns, column)
}

// knownReferral is a referral that ingest accepts, for matching meetings and
// questionnaires.
type knownReferral struct {
	client     string
	start, end time.Time // zero when absent
	started    bool
	line       int
}

// dataset is the written directory read back.
type dataset struct {
	c         contract
	man       Manifest
	dir       string
	files     map[string]FileManifest
	headers   map[string][]string
	rows      map[string][]record
	verdicts  map[string][]verdict
	referrals map[string]knownReferral
	byClient  map[string][]string       // client id → referral ids, file order
	cols      map[string]map[string]int // kind → canonical column → index
}

// datasets caches read-back directories; several tests check the same one.
var datasets = map[string]*dataset{}

func readDataset(t *testing.T, dir string) *dataset {
	t.Helper()
	generatedMu.Lock()
	defer generatedMu.Unlock()
	if ds, ok := datasets[dir]; ok {
		return ds
	}
	ds := readDatasetUncached(t, dir)
	datasets[dir] = ds
	return ds
}

func readDatasetUncached(t *testing.T, dir string) *dataset {
	man, err := ReadManifest(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	ds := &dataset{c: loadContract(t), man: man, dir: dir, files: map[string]FileManifest{},
		headers: map[string][]string{}, rows: map[string][]record{}, verdicts: map[string][]verdict{},
		referrals: map[string]knownReferral{}, byClient: map[string][]string{}, cols: map[string]map[string]int{}}
	for _, fm := range man.Files {
		ds.files[fm.Kind] = fm
		if fm.Kind == "worker_survey" {
			continue
		}
		ds.headers[fm.Kind], ds.rows[fm.Kind] = readCSV(t, filepath.Join(dir, fm.Name), fm)
		ds.cols[fm.Kind] = map[string]int{}
		for i, h := range ds.headers[fm.Kind] {
			ds.cols[fm.Kind][ds.c.headers[fm.Kind][norm(h)]] = i
		}
	}
	ds.checkReferrals()
	ds.checkMeetings()
	ds.checkQuestionnaires("swemwbs")
	ds.checkQuestionnaires("participation")
	return ds
}

// column returns a row's value by canonical column name.
func (ds *dataset) column(kind string, f []string, canonical string) string {
	if i, ok := ds.cols[kind][canonical]; ok && i < len(f) {
		return f[i]
	}
	return ""
}

func (ds *dataset) category(field, v string) (string, bool) {
	code, ok := ds.c.labels[field][norm(v)]
	return code, ok
}

// wellFormed starts a row's verdict; a row that does not parse, or has the
// wrong number of fields, is recorded as malformed and not checked further.
func (ds *dataset) wellFormed(kind string, r record) (verdict, bool) {
	v := verdict{line: r.line}
	if r.err != nil || len(r.fields) != len(ds.headers[kind]) {
		v.fail("", data.ReasonMalformedRow)
		ds.verdicts[kind] = append(ds.verdicts[kind], v)
		return v, false
	}
	return v, true
}

func (ds *dataset) checkReferrals() {
	seen := map[string]bool{}
	for _, r := range ds.rows["referrals"] {
		v, ok := ds.wellFormed("referrals", r)
		if !ok {
			continue
		}
		get := func(c string) string { return strings.TrimSpace(ds.column("referrals", r.fields, c)) }
		for _, c := range []string{"referral_id", "client_id", "referral_date", "municipality", "referrer_sector", "reasons"} {
			if isMissing(get(c)) {
				v.fail(c, data.ReasonMissingRequired)
			}
		}
		dates := map[string]time.Time{}
		for _, c := range []string{"referral_date", "start_date", "end_date"} {
			if s := get(c); !isMissing(s) {
				if d, ok := parseDate(s); ok {
					dates[c] = d
				} else {
					v.fail(c, data.ReasonInvalidDate)
				}
			}
		}
		isHetu, valid, _, _ := hetuInfo(get("client_id"))
		if isHetu && !valid {
			v.fail("client_id", data.ReasonInvalidIdentityCode)
		}
		if !isHetu || !valid {
			if s := get("birth_year"); !isMissing(s) {
				y, err := strconv.Atoi(s)
				ref := dates["referral_date"]
				switch {
				case err != nil:
					v.fail("birth_year", data.ReasonInvalidNumber)
				case y < 1900 || !ref.IsZero() && y > ref.Year():
					v.fail("birth_year", data.ReasonOutOfRange)
				}
			}
			if s := get("gender"); !isMissing(s) {
				if _, ok := ds.category("gender", s); !ok {
					v.fail("gender", data.ReasonUnknownCategory)
				}
			}
		}
		for _, c := range []string{"referrer_sector", "end_reason", "research_consent"} {
			if s := get(c); !isMissing(s) {
				if _, ok := ds.category(c, s); !ok {
					v.fail(c, data.ReasonUnknownCategory)
				}
			}
		}
		for _, c := range []string{"reasons", "linked_services", "barriers"} {
			if s := get(c); !isMissing(s) {
				for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == ',' }) {
					if _, ok := ds.category(c, l); !ok {
						v.fail(c, data.ReasonUnknownCategory)
					}
				}
			}
		}
		ref, start, end := dates["referral_date"], dates["start_date"], dates["end_date"]
		if !start.IsZero() && !ref.IsZero() && start.Before(ref) {
			v.fail("start_date", data.ReasonDateOrder)
		}
		if !start.IsZero() && !end.IsZero() && end.Before(start) {
			v.fail("end_date", data.ReasonDateOrder)
		}
		id := get("referral_id")
		if len(v.reasons) == 0 {
			if seen[id] {
				v.fail("referral_id", data.ReasonDuplicateInFile)
			} else {
				seen[id] = true
				endReason, _ := ds.category("end_reason", get("end_reason"))
				client := strings.ToUpper(get("client_id"))
				ds.referrals[id] = knownReferral{client: client, start: start, end: end,
					started: !start.IsZero() && endReason != "not_started", line: r.line}
				ds.byClient[client] = append(ds.byClient[client], id)
			}
		}
		ds.verdicts["referrals"] = append(ds.verdicts["referrals"], v)
	}
}

// decimal parses hours and kilometres with a decimal comma or point.
func decimal(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return f, err == nil
}

func (ds *dataset) checkMeetings() {
	for _, r := range ds.rows["meetings"] {
		v, ok := ds.wellFormed("meetings", r)
		if !ok {
			continue
		}
		get := func(c string) string { return strings.TrimSpace(ds.column("meetings", r.fields, c)) }
		for _, c := range []string{"referral_id", "meeting_date", "hours"} {
			if isMissing(get(c)) {
				v.fail(c, data.ReasonMissingRequired)
			}
		}
		if s := get("meeting_date"); !isMissing(s) {
			if _, ok := parseDate(s); !ok {
				v.fail("meeting_date", data.ReasonInvalidDate)
			}
		}
		if s := get("hours"); !isMissing(s) {
			if h, ok := decimal(s); !ok {
				v.fail("hours", data.ReasonInvalidNumber)
			} else if h <= 0 || h > 10 {
				v.fail("hours", data.ReasonOutOfRange)
			}
		}
		if s := get("km"); !isMissing(s) {
			if km, ok := decimal(s); !ok {
				v.fail("km", data.ReasonInvalidNumber)
			} else if km < 0 {
				v.fail("km", data.ReasonOutOfRange)
			}
		}
		if s := get("activity"); !isMissing(s) {
			if _, ok := ds.category("activity", s); !ok {
				v.fail("activity", data.ReasonUnknownCategory)
			}
		}
		if len(v.reasons) == 0 {
			if _, ok := ds.referrals[get("referral_id")]; !ok {
				v.fail("referral_id", data.ReasonOrphan)
			}
		}
		ds.verdicts["meetings"] = append(ds.verdicts["meetings"], v)
	}
}

func (ds *dataset) checkQuestionnaires(kind string) {
	items := 7
	prefix := "q"
	if kind == "participation" {
		items, prefix = 10, "p"
	}
	for _, r := range ds.rows[kind] {
		v, ok := ds.wellFormed(kind, r)
		if !ok {
			continue
		}
		get := func(c string) string { return strings.TrimSpace(ds.column(kind, r.fields, c)) }
		refID, client := get("referral_id"), strings.ToUpper(get("client_id"))
		if isMissing(refID) && isMissing(client) {
			v.fail("referral_id", data.ReasonMissingRequired)
		}
		var day time.Time
		if s := get("response_date"); isMissing(s) {
			v.fail("response_date", data.ReasonMissingRequired)
		} else if d, ok := parseDate(s); !ok {
			v.fail("response_date", data.ReasonInvalidDate)
		} else {
			day = d
		}
		if s := get("timepoint"); !isMissing(s) {
			if _, ok := ds.category("timepoint", s); !ok {
				v.fail("timepoint", data.ReasonUnknownCategory)
			}
		}
		for i := 1; i <= items; i++ {
			c := prefix + strconv.Itoa(i)
			s := get(c)
			if isMissing(s) {
				continue
			}
			if n, err := strconv.Atoi(s); err == nil {
				if n < 1 || n > 5 {
					v.fail(c, data.ReasonOutOfRange)
				}
			} else if _, ok := ds.category("item", s); !ok {
				v.fail(c, data.ReasonUnknownCategory)
			}
		}
		if isHetu, valid, _, _ := hetuInfo(client); isHetu && !valid {
			v.fail("client_id", data.ReasonInvalidIdentityCode)
		}
		if len(v.reasons) == 0 {
			switch {
			case !isMissing(refID):
				ref, ok := ds.referrals[refID]
				if !ok {
					v.fail("referral_id", data.ReasonOrphan)
				} else if !isMissing(client) && client != ref.client {
					v.fail("client_id", data.ReasonKeyConflict)
				}
			default:
				if n := len(ds.windowMatches(client, day)); n == 0 {
					v.fail("client_id", data.ReasonOrphan)
				} else if n > 1 {
					v.fail("client_id", data.ReasonAmbiguousMatch)
				}
			}
		}
		ds.verdicts[kind] = append(ds.verdicts[kind], v)
	}
}

// windowMatches lists the client's started periods whose window
// [start − 30, end + 135] (open-ended while ongoing) holds day.
func (ds *dataset) windowMatches(client string, day time.Time) []string {
	var out []string
	for _, id := range ds.byClient[client] {
		ref := ds.referrals[id]
		if !ref.started || day.Before(ref.start.AddDate(0, 0, -30)) {
			continue
		}
		if !ref.end.IsZero() && day.After(ref.end.AddDate(0, 0, 135)) {
			continue
		}
		out = append(out, id)
	}
	return out
}

type timeT = time.Time

func mustDateNoT(s string) time.Time {
	d, _ := parseDate(strings.TrimSpace(s))
	return d
}

func decode1252(b []byte) string {
	s, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(s)
}
