package synth

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/linkki-fi/linkki/data"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// generated caches datasets by options: several tests read the same one.
var (
	generatedMu sync.Mutex
	generated   = map[Options]string{}
)

func generate(t testing.TB, o Options) string {
	t.Helper()
	generatedMu.Lock()
	defer generatedMu.Unlock()
	if dir, ok := generated[o]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "synth-test-*")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(context.Background(), dir, o); err != nil {
		t.Fatal(err)
	}
	generated[o] = dir
	return dir
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	for _, dir := range generated {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

var (
	cleanOpts = Options{Referrals: 6000, Seed: 11, Improvement: 1.5, StartYear: 2022}
	messyOpts = Options{Referrals: 3000, Seed: 5, Messy: true, Improvement: 1.5, StartYear: 2022}
)

// The manifest's defects are exactly the rows that break a rule, each
// breaks exactly one, and the accounting adds up.
func TestManifestMatchesFiles(t *testing.T) {
	for _, o := range []Options{cleanOpts, messyOpts, {Referrals: 400, Seed: 99, Messy: true, Improvement: 0, StartYear: 2019}} {
		t.Run(fmt.Sprintf("messy=%v/n=%d", o.Messy, o.Referrals), func(t *testing.T) {
			ds := readDataset(t, generate(t, o))
			want := map[string]map[int]Defect{}
			for _, d := range ds.man.Defects {
				if want[d.File] == nil {
					want[d.File] = map[int]Defect{}
				}
				if _, dup := want[d.File][d.Line]; dup {
					t.Errorf("%s line %d: two defects on one line", d.File, d.Line)
				}
				want[d.File][d.Line] = d
			}
			for kind, vs := range ds.verdicts {
				fm := ds.files[kind]
				if fm.RowsRead != len(vs) {
					t.Errorf("%s: rows_read %d, read back %d rows", fm.Name, fm.RowsRead, len(vs))
				}
				byReason := map[string]int{}
				for _, v := range vs {
					d, listed := want[fm.Name][v.line]
					switch {
					case len(v.reasons) > 1:
						t.Errorf("%s line %d breaks %d rules %v, want at most one", fm.Name, v.line, len(v.reasons), v.reasons)
					case len(v.reasons) == 1 && !listed:
						t.Errorf("%s line %d: %s in column %q, not in the manifest", fm.Name, v.line, v.reasons[0], v.columns[0])
					case len(v.reasons) == 0 && listed:
						t.Errorf("%s line %d: manifest says %s (%s), but the row is valid", fm.Name, v.line, d.Reason, d.Note)
					case len(v.reasons) == 1:
						if d.Reason != v.reasons[0] || d.Column != v.columns[0] {
							t.Errorf("%s line %d: manifest says %s in %q, file has %s in %q", fm.Name, v.line, d.Reason, d.Column, v.reasons[0], v.columns[0])
						}
						byReason[v.reasons[0]]++
						delete(want[fm.Name], v.line)
					}
				}
				e := fm.Expected
				if e.Inserted+e.Updated+e.Unchanged+e.Quarantined != fm.RowsRead {
					t.Errorf("%s: accounting %+v does not add up to %d rows", fm.Name, e, fm.RowsRead)
				}
				if fmt.Sprint(e.QuarantinedByReason) != fmt.Sprint(byReason) {
					t.Errorf("%s: quarantined_by_reason %v, files have %v", fm.Name, e.QuarantinedByReason, byReason)
				}
			}
			for file, left := range want {
				if file == SurveyFile {
					continue
				}
				for line, d := range left {
					t.Errorf("%s line %d: manifest lists %s, no such row", file, line, d.Reason)
				}
			}
			if !o.Messy && len(ds.man.Defects) != 0 {
				t.Errorf("clean data has %d defects", len(ds.man.Defects))
			}
		})
	}
}

// --messy injects every quarantine reason of the contract and every kind of
// irregularity.
func TestMessyCoversEveryClass(t *testing.T) {
	ds := readDataset(t, generate(t, messyOpts))
	reasons := map[string]bool{}
	for _, d := range ds.man.Defects {
		reasons[d.Reason] = true
	}
	for _, r := range []string{data.ReasonMissingRequired, data.ReasonInvalidDate, data.ReasonInvalidNumber, data.ReasonOutOfRange,
		data.ReasonUnknownCategory, data.ReasonInvalidIdentityCode, data.ReasonDuplicateInFile, data.ReasonDateOrder, data.ReasonOrphan,
		data.ReasonAmbiguousMatch, data.ReasonKeyConflict, data.ReasonMalformedRow} {
		if !reasons[r] {
			t.Errorf("no %s defect injected", r)
		}
	}
	kinds := map[string]bool{}
	for _, ir := range ds.man.Irregularities {
		kinds[ir.File+" "+ir.Kind] = true
	}
	for _, k := range []string{
		"referrals.csv " + IrregEmptyLine, "referrals.csv " + IrregDelimiterOnlyLine, "referrals.csv " + IrregMunicipality, "referrals.csv " + IrregCategoryVariant,
		"referrals.csv " + IrregMissingMarker, "referrals.csv " + IrregQuotedField, "referrals.csv " + IrregOverSixMonths,
		"referrals.csv " + IrregMonthOverCap, "referrals.csv " + IrregIdentityCase, "referrals.csv " + IrregRepeatedCategory,
		"meetings.csv " + IrregEmptyLine, "meetings.csv " + IrregDelimiterOnlyLine, "meetings.csv " + IrregMissingMarker,
		"meetings.csv " + IrregIdenticalRow, "meetings.csv " + IrregOutsidePeriod,
		"swemwbs.csv " + IrregDelimiterOnlyLine, "swemwbs.csv " + IrregEmptyLine, "swemwbs.csv " + IrregDuplicateQuest, "swemwbs.csv " + IrregIdenticalRow,
		"swemwbs.csv " + IrregInferredTimepoint, "swemwbs.csv " + IrregClientIDMatch, "swemwbs.csv " + IrregResponseLabels,
		"swemwbs.csv " + IrregMissingItem, "swemwbs.csv " + IrregCategoryVariant,
		"participation.csv " + IrregDuplicateQuest, "participation.csv " + IrregEmptyLine, "participation.csv " + IrregDelimiterOnlyLine,
		"participation.csv " + IrregInferredTimepoint, "participation.csv " + IrregClientIDMatch,
		"worker_survey.xlsx " + IrregShortRow,
	} {
		if !kinds[k] {
			t.Errorf("no %s irregularity", k)
		}
	}
}

// Every irregularity the manifest lists is really in the file, and the
// flags ingest must raise (months over the cap, periods over six months)
// are listed exactly.
func TestIrregularitiesMatchFiles(t *testing.T) {
	for _, o := range []Options{cleanOpts, messyOpts} {
		t.Run(fmt.Sprintf("messy=%v", o.Messy), func(t *testing.T) {
			ds := readDataset(t, generate(t, o))
			rowAt := map[string]map[int]record{}
			for kind, rows := range ds.rows {
				m := map[int]record{}
				for _, r := range rows {
					m[r.line] = r
				}
				rowAt[ds.files[kind].Name] = m
			}
			kindOf := map[string]string{}
			for _, fm := range ds.man.Files {
				kindOf[fm.Name] = fm.Kind
			}
			lines := map[string][]string{}
			for _, fm := range ds.man.Files {
				if fm.Kind != "worker_survey" {
					lines[fm.Name] = decodedLines(t, filepath.Join(ds.dir, fm.Name), fm)
				}
			}
			overCap, overSix := map[string]bool{}, map[string]bool{}
			first := map[string]map[string]int{}
			repeated := map[int]bool{}
			for _, ir := range ds.man.Irregularities {
				kind := kindOf[ir.File]
				r, isRow := rowAt[ir.File][ir.Line]
				get := func(c string) string { return ds.column(kind, r.fields, c) }
				where := fmt.Sprintf("%s line %d %s", ir.File, ir.Line, ir.Kind)
				switch ir.Kind {
				case IrregEmptyLine, IrregDelimiterOnlyLine:
					text := lines[ir.File][ir.Line-1]
					if strings.Trim(text, ds.files[kind].Delimiter) != "" || (ir.Kind == IrregEmptyLine) != (text == "") {
						t.Errorf("%s: line is %q", where, text)
					}
					continue
				case IrregMonthOverCap:
					overCap[ir.ReferralID+" "+ir.Note[:7]] = true
					continue
				case IrregOverSixMonths:
					overSix[ir.ReferralID] = true
					continue
				case IrregShortRow:
					continue
				}
				if !isRow {
					t.Errorf("%s: no row starts there", where)
					continue
				}
				switch ir.Kind {
				case IrregMissingMarker:
					if v := get(ir.Column); !isMissing(v) || v == "" {
						t.Errorf("%s: %s is %q", where, ir.Column, v)
					}
				case IrregMissingItem:
					if v := get(ir.Column); !isMissing(v) {
						t.Errorf("%s: %s is %q", where, ir.Column, v)
					}
				case IrregMunicipality:
					v := get("municipality")
					official, ok := data.LookupMunicipality(v)
					if !ok || official == v {
						t.Errorf("%s: %q is not a variant of an official name (%q)", where, v, official)
					}
				case IrregCategoryVariant:
					v := get(ir.Column)
					if _, ok := ds.category(ir.Column, v); !ok || ds.c.exact[v] {
						t.Errorf("%s: %q is no variant of a label", where, v)
					}
				case IrregIdentityCase:
					v := get("client_id")
					if isHetu, valid, _, _ := hetuInfo(v); !isHetu || !valid || strings.ToUpper(v) == v {
						t.Errorf("%s: %q is no lower-case valid identity code", where, v)
					}
				case IrregRepeatedCategory:
					repeated[ir.Line] = true
				case IrregQuotedField:
					if !strings.ContainsAny(get(ir.Column), ";\n\"") {
						t.Errorf("%s: %q needs no quoting", where, get(ir.Column))
					}
				case IrregClientIDMatch:
					if get("referral_id") != "" || len(ds.windowMatches(strings.ToUpper(get("client_id")), mustDate(t, get("response_date")))) != 1 {
						t.Errorf("%s: not a unique client_id match", where)
					}
				case IrregInferredTimepoint:
					if get("timepoint") != "" {
						t.Errorf("%s: timepoint %q given", where, get("timepoint"))
					}
					if got := ds.inferTimepoint(r, kind); got != ir.Note {
						t.Errorf("%s: infers %s, manifest says %s", where, got, ir.Note)
					}
				case IrregResponseLabels:
					if _, err := strconv.Atoi(get("q1")); err == nil {
						t.Errorf("%s: q1 is a number", where)
					}
				case IrregIdenticalRow:
					prev := ds.previousRow(kind, ir.Line)
					if strings.Join(prev.fields, "\x00") != strings.Join(r.fields, "\x00") {
						t.Errorf("%s: differs from the row before", where)
					}
				case IrregOutsidePeriod:
					ref := ds.referrals[get("referral_id")]
					d := mustDate(t, get("meeting_date"))
					if !d.Before(ref.start) && (ref.end.IsZero() || !d.After(ref.end)) {
						t.Errorf("%s: %s is inside the period", where, d.Format("2006-01-02"))
					}
				case IrregDuplicateQuest:
					if first[kind] == nil {
						first[kind] = ds.firstQuestionnaire(kind)
					}
					if l, ok := first[kind][ds.resolve(kind, r)+" "+ds.timepointOf(kind, r)]; !ok || l >= r.line {
						t.Errorf("%s: no earlier questionnaire for the same referral and time point", where)
					}
				}
			}
			// list fields name a category twice exactly where the manifest says
			for i, r := range ds.rows["referrals"] {
				if len(ds.verdicts["referrals"][i].reasons) > 0 {
					continue
				}
				twice := false
				for _, c := range []string{"reasons", "linked_services", "barriers"} {
					seen := map[string]bool{}
					for _, l := range strings.FieldsFunc(ds.column("referrals", r.fields, c), func(r rune) bool { return r == ',' || r == '|' }) {
						code, _ := ds.category(c, l)
						twice = twice || seen[code]
						seen[code] = true
					}
				}
				if twice != repeated[r.line] {
					t.Errorf("referrals.csv line %d: a category named twice: %v, in the manifest: %v", r.line, twice, repeated[r.line])
				}
			}
			gotCap, gotSix := ds.monthsOverCap(), ds.periodsOverSix()
			if fmt.Sprint(sortedKeys(gotCap)) != fmt.Sprint(sortedKeys(overCap)) {
				t.Errorf("months over cap: files have %v, manifest %v", sortedKeys(gotCap), sortedKeys(overCap))
			}
			if fmt.Sprint(sortedKeys(gotSix)) != fmt.Sprint(sortedKeys(overSix)) {
				t.Errorf("periods over six months: files have %d, manifest %d", len(gotSix), len(overSix))
			}
			if len(overCap) == 0 || len(overSix) == 0 {
				t.Errorf("want a few months over the cap (%d) and periods over six months (%d)", len(overCap), len(overSix))
			}
		})
	}
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func mustDate(t *testing.T, s string) (d timeT) {
	t.Helper()
	d, ok := parseDate(s)
	if !ok {
		t.Fatalf("date %q", s)
	}
	return d
}

func decodedLines(t *testing.T, path string, fm FileManifest) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if fm.Encoding == "windows-1252" {
		raw = []byte(decode1252(raw))
	}
	return splitLines(bytes.TrimPrefix(raw, []byte("\ufeff")))
}

// resolve finds a valid questionnaire row's referral as ingest would.
func (ds *dataset) resolve(kind string, r record) string {
	get := func(c string) string { return ds.column(kind, r.fields, c) }
	if id := get("referral_id"); id != "" {
		return id
	}
	m := ds.windowMatches(strings.ToUpper(get("client_id")), mustDateNoT(get("response_date")))
	if len(m) == 1 {
		return m[0]
	}
	return ""
}

// inferTimepoint applies the contract: the nearest of start (T0), end (T1)
// and end + 90 days (T2); with no end yet, T0.
func (ds *dataset) inferTimepoint(r record, kind string) string {
	ref := ds.referrals[ds.resolve(kind, r)]
	d := mustDateNoT(ds.column(kind, r.fields, "response_date"))
	if ref.end.IsZero() {
		return "T0"
	}
	best, bestDist := "", math.Inf(1)
	for i, target := range []timeT{ref.start, ref.end, ref.end.AddDate(0, 0, 90)} {
		if dist := math.Abs(d.Sub(target).Hours()); dist < bestDist {
			best, bestDist = "T"+strconv.Itoa(i), dist
		}
	}
	return best
}

func (ds *dataset) timepointOf(kind string, r record) string {
	if tp := ds.column(kind, r.fields, "timepoint"); tp != "" {
		code, _ := ds.category("timepoint", tp)
		return code
	}
	return ds.inferTimepoint(r, kind)
}

func (ds *dataset) previousRow(kind string, line int) record {
	rows := ds.rows[kind]
	i := sort.Search(len(rows), func(i int) bool { return rows[i].line >= line })
	if i == 0 {
		return record{}
	}
	return rows[i-1]
}

// firstQuestionnaire maps referral and time point to the line of the first
// valid questionnaire for it.
func (ds *dataset) firstQuestionnaire(kind string) map[string]int {
	first := map[string]int{}
	for i, r := range ds.rows[kind] {
		if len(ds.verdicts[kind][i].reasons) > 0 {
			continue
		}
		key := ds.resolve(kind, r) + " " + ds.timepointOf(kind, r)
		if _, ok := first[key]; !ok {
			first[key] = r.line
		}
	}
	return first
}

// monthsOverCap sums valid meetings per referral and calendar month.
func (ds *dataset) monthsOverCap() map[string]bool {
	sum := map[string]float64{}
	for i, r := range ds.rows["meetings"] {
		if len(ds.verdicts["meetings"][i].reasons) > 0 {
			continue
		}
		h, _ := decimal(ds.column("meetings", r.fields, "hours"))
		d := mustDateNoT(ds.column("meetings", r.fields, "meeting_date"))
		sum[ds.column("meetings", r.fields, "referral_id")+" "+d.Format("2006-01")] += h
	}
	out := map[string]bool{}
	for k, h := range sum {
		if h > 10+1e-9 {
			out[k] = true
		}
	}
	return out
}

func (ds *dataset) periodsOverSix() map[string]bool {
	out := map[string]bool{}
	for id, ref := range ds.referrals {
		if ref.started && !ref.end.IsZero() && ref.end.Sub(ref.start).Hours()/24 > 183 {
			out[id] = true
		}
	}
	return out
}

// Same options give byte-identical files; another seed gives other data.
func TestDeterminism(t *testing.T) {
	base := Options{Referrals: 800, Seed: 21, Messy: true, Improvement: 1.5, StartYear: 2022}
	other := base
	other.Seed = 22
	tests := []struct {
		name string
		a, b Options
		same bool
	}{
		{"same seed", base, base, true},
		{"other seed", base, other, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			da, db := t.TempDir(), t.TempDir()
			for dir, o := range map[string]Options{da: tt.a, db: tt.b} {
				if _, err := Generate(context.Background(), dir, o); err != nil {
					t.Fatal(err)
				}
			}
			for _, name := range []string{ReferralsFile, MeetingsFile, SwemwbsFile, ParticipationFile, SurveyFile, ManifestName} {
				a, _ := os.ReadFile(filepath.Join(da, name))
				b, _ := os.ReadFile(filepath.Join(db, name))
				if len(a) == 0 {
					t.Fatalf("%s is empty", name)
				}
				if same := bytes.Equal(a, b); same != tt.same {
					t.Errorf("%s: identical = %v, want %v", name, same, tt.same)
				}
			}
		})
	}
}

// The data look like the programme they imitate.
func TestDistributions(t *testing.T) {
	tests := []struct {
		name        string
		improvement float64
	}{
		{"default improvement", 1.5},
		{"no improvement", 0},
		{"large improvement", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := cleanOpts
			o.Improvement = tt.improvement
			ds := readDataset(t, generate(t, o))
			share := func(num, den int) float64 { return float64(num) / float64(den) }
			within := func(what string, got, lo, hi float64) {
				t.Helper()
				if got < lo || got > hi {
					t.Errorf("%s = %.3f, want %.2f–%.2f", what, got, lo, hi)
				}
			}
			rows := ds.rows["referrals"]
			sectors, reasons, munis := map[string]int{}, map[string]int{}, map[string]int{}
			nReasons, hetus, elderly, consent := 0, 0, 0, 0
			for _, r := range rows {
				get := func(c string) string { return ds.column("referrals", r.fields, c) }
				code, _ := ds.category("referrer_sector", get("referrer_sector"))
				sectors[code]++
				for _, l := range strings.Split(get("reasons"), ",") {
					code, _ := ds.category("reasons", l)
					reasons[code]++
					nReasons++
				}
				munis[get("municipality")]++
				isHetu, valid, birth, male := hetuInfo(get("client_id"))
				if isHetu {
					hetus++
					if !valid {
						t.Errorf("line %d: invalid identity code", r.line)
					}
					if g := get("gender"); (g == "mies") != male || get("birth_year") != strconv.Itoa(birth.Year()) {
						t.Errorf("line %d: gender %q or birth year %q disagree with the identity code", r.line, g, get("birth_year"))
					}
				}
				by, _ := strconv.Atoi(get("birth_year"))
				if mustDateNoT(get("referral_date")).Year()-by >= 65 {
					elderly++
				}
				if c, _ := ds.category("research_consent", get("research_consent")); c == "true" {
					consent++
				}
			}
			n := len(rows)
			if largest(sectors) != "elderly_services" || largest(reasons) != "loneliness" || largest(munis) != "Rovaniemi" {
				t.Errorf("largest sector %s, reason %s, municipality %s", largest(sectors), largest(reasons), largest(munis))
			}
			within("elderly services share", share(sectors["elderly_services"], n), 0.22, 0.34)
			within("loneliness share of referrals", share(reasons["loneliness"], n), 0.5, 0.75)
			within("reasons per referral", share(nReasons, n), 1.5, 2.1)
			within("identity-code share", share(hetus, n), 0.85, 0.97)
			within("clients 65+", share(elderly, n), 0.5, 0.7)
			within("research consent", share(consent, n), 0.65, 0.75)
			if len(munis) < 18 {
				t.Errorf("%d municipalities, want nearly all 21 of Lapland", len(munis))
			}

			st := ds.outcomeStats(t)
			within("T0 share of started periods", share(st.answered[0], st.started), 0.78, 0.9)
			within("T1 share of started periods", share(st.answered[1], st.started), 0.5, 0.68)
			within("T2 share of started periods", share(st.answered[2], st.started), 0.33, 0.48)
			within("mean T1−T0 SWEMWBS metric change", st.meanChange, tt.improvement-0.35, tt.improvement+0.35)
			within("mean inter-item correlation at T0", st.itemCorr, 0.3, 0.95)
			within("started periods of 1–6 months", st.withinSixMonths, 0.93, 0.995)
		})
	}
}

func largest(m map[string]int) string {
	best, n := "", -1
	for k, v := range m {
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	return best
}

type outcomeStats struct {
	started         int
	answered        [3]int
	meanChange      float64
	itemCorr        float64
	withinSixMonths float64
}

// outcomeStats scores SWEMWBS with the published conversion table
// (results.md) and counts answers per time point among started periods.
func (ds *dataset) outcomeStats(t *testing.T) outcomeStats {
	metric := []float64{7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43,
		17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31,
		30.70, 32.55, 35.00}
	var st outcomeStats
	ended, short := 0, 0
	for _, ref := range ds.referrals {
		if ref.started {
			st.started++
			if !ref.end.IsZero() {
				ended++
				if days := ref.end.Sub(ref.start).Hours() / 24; days >= 28 && days <= 184 {
					short++
				}
			}
		}
	}
	st.withinSixMonths = float64(short) / float64(ended)
	scores := map[string]*[3]float64{}
	seen := map[string]bool{}
	var items [][7]float64
	for i, r := range ds.rows["swemwbs"] {
		if len(ds.verdicts["swemwbs"][i].reasons) > 0 {
			continue
		}
		id, tp := ds.resolve("swemwbs", r), ds.timepointOf("swemwbs", r)
		if !ds.referrals[id].started || seen[id+tp] {
			continue
		}
		seen[id+tp] = true
		k := int(tp[1] - '0')
		st.answered[k]++
		raw := 0
		var it [7]float64
		for q := 1; q <= 7; q++ {
			v := ds.column("swemwbs", r.fields, "q"+strconv.Itoa(q))
			n, err := strconv.Atoi(v)
			if err != nil {
				c, _ := ds.category("item", v)
				n, _ = strconv.Atoi(c)
			}
			raw += n
			it[q-1] = float64(n)
		}
		if scores[id] == nil {
			scores[id] = &[3]float64{-1, -1, -1}
		}
		scores[id][k] = metric[raw-7]
		if k == 0 {
			items = append(items, it)
		}
	}
	sum, pairs := 0.0, 0
	for _, s := range scores {
		if s[0] >= 0 && s[1] >= 0 {
			sum += s[1] - s[0]
			pairs++
		}
	}
	st.meanChange = sum / float64(pairs)
	corr, nc := 0.0, 0
	for a := 0; a < 7; a++ {
		for b := a + 1; b < 7; b++ {
			corr += pearson(items, a, b)
			nc++
		}
	}
	st.itemCorr = corr / float64(nc)
	return st
}

func pearson(rows [][7]float64, a, b int) float64 {
	var sa, sb, saa, sbb, sab float64
	n := float64(len(rows))
	for _, r := range rows {
		sa += r[a]
		sb += r[b]
		saa += r[a] * r[a]
		sbb += r[b] * r[b]
		sab += r[a] * r[b]
	}
	cov := sab/n - sa*sb/n/n
	return cov / math.Sqrt((saa/n-sa*sa/n/n)*(sbb/n-sb*sb/n/n))
}

// Every header is an alias of the contract, and every kind has its
// required columns.
func TestHeaders(t *testing.T) {
	ds := readDataset(t, generate(t, cleanOpts))
	required := map[string][]string{
		"referrals":     {"referral_id", "client_id", "referral_date", "municipality", "referrer_sector", "reasons"},
		"meetings":      {"referral_id", "meeting_date", "hours"},
		"swemwbs":       {"referral_id", "client_id", "timepoint", "response_date", "q1", "q7"},
		"participation": {"referral_id", "client_id", "timepoint", "response_date", "p1", "p10"},
	}
	for kind, header := range ds.headers {
		got := map[string]bool{}
		for _, h := range header {
			c, ok := ds.c.headers[kind][norm(h)]
			if !ok {
				t.Errorf("%s: header %q is no alias of the contract", kind, h)
			}
			got[c] = true
		}
		for _, c := range required[kind] {
			if !got[c] {
				t.Errorf("%s: no %s column", kind, c)
			}
		}
	}
}

// Each file is in the dialect the manifest declares: encoding bytes, line
// endings, delimiter, date and number formats.
func TestDialects(t *testing.T) {
	dir := generate(t, cleanOpts)
	ds := readDataset(t, dir)
	dates := map[string]*regexp.Regexp{
		"d.m.yyyy":   regexp.MustCompile(`^[1-9]\d?\.[1-9]\d?\.\d{4}$`),
		"dd.mm.yyyy": regexp.MustCompile(`^\d\d\.\d\d\.\d{4}$`),
		"yyyy-mm-dd": regexp.MustCompile(`^\d{4}-\d\d-\d\d$`),
	}
	dateColumns := map[string][]string{
		"referrals":     {"referral_date", "start_date", "end_date"},
		"meetings":      {"meeting_date"},
		"swemwbs":       {"response_date"},
		"participation": {"response_date"},
	}
	for kind, fm := range ds.files {
		if kind == "worker_survey" {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, fm.Name))
		if err != nil {
			t.Fatal(err)
		}
		hasBOM := bytes.HasPrefix(raw, []byte("\ufeff"))
		switch fm.Encoding {
		case "windows-1252":
			if utf8.Valid(raw) || !bytes.Contains(raw, []byte{0xe4}) || hasBOM {
				t.Errorf("%s: not Windows-1252 (ä as 0xE4, no BOM)", fm.Name)
			}
		case "utf-8-bom":
			if !hasBOM || !utf8.Valid(raw) {
				t.Errorf("%s: not UTF-8 with BOM", fm.Name)
			}
		case "utf-8":
			if hasBOM || !utf8.Valid(raw) {
				t.Errorf("%s: not UTF-8 without BOM", fm.Name)
			}
		}
		crlf := bytes.Count(raw, []byte("\r\n"))
		if fm.LineEnding == "crlf" && crlf < ds.files[kind].RowsRead || fm.LineEnding == "lf" && crlf > 0 {
			t.Errorf("%s: %d CRLF line ends, declared %s", fm.Name, crlf, fm.LineEnding)
		}
		for _, r := range ds.rows[kind] {
			for _, c := range dateColumns[kind] {
				if v := ds.column(kind, r.fields, c); v != "" && !dates[fm.DateFormat].MatchString(v) {
					t.Errorf("%s line %d: %s %q is not %s", fm.Name, r.line, c, v, fm.DateFormat)
				}
			}
		}
	}
	decimalComma := regexp.MustCompile(`^\d+(,\d)?$`)
	commas := 0
	for _, r := range ds.rows["meetings"] {
		for _, c := range []string{"hours", "km"} {
			v := ds.column("meetings", r.fields, c)
			if v != "" && !decimalComma.MatchString(v) {
				t.Errorf("meetings line %d: %s %q is not a decimal-comma number", r.line, c, v)
			}
			if strings.Contains(v, ",") {
				commas++
			}
		}
	}
	if commas == 0 {
		t.Error("no meeting uses a decimal comma")
	}
}

// The survey is an XLSX with real date cells and Likert answers.
func TestWorkerSurvey(t *testing.T) {
	dir := generate(t, messyOpts)
	ds := readDataset(t, dir)
	f, err := excelize.OpenFile(filepath.Join(dir, SurveyFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0][:3], ","); got != "respondent_id,survey_date,municipality" || len(rows[0]) != 3+len(surveyStatements) {
		t.Errorf("survey header %q", rows[0])
	}
	if len(rows)-1 != ds.files["worker_survey"].RowsRead {
		t.Errorf("survey has %d rows, manifest %d", len(rows)-1, ds.files["worker_survey"].RowsRead)
	}
	outOfRange := 0
	for i := 1; i < len(rows); i++ {
		cell, _ := excelize.CoordinatesToCellName(2, i+1)
		raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if _, err := strconv.ParseFloat(raw, 64); err != nil {
			t.Errorf("row %d: survey_date %q is not a date serial", i+1, raw)
		}
		if _, ok := data.LookupMunicipality(rows[i][2]); !ok {
			t.Errorf("row %d: municipality %q", i+1, rows[i][2])
		}
		for _, v := range rows[i][3:] {
			if n, err := strconv.Atoi(v); err != nil || n < 1 || n > 5 {
				outOfRange++
			}
		}
	}
	if want := ds.files["worker_survey"].Expected.QuarantinedByReason[data.ReasonOutOfRange]; outOfRange != want {
		t.Errorf("%d answers outside 1–5, manifest %d", outOfRange, want)
	}
}

// Identity codes: published test vectors and uniqueness of issued codes.
func TestIdentityCodes(t *testing.T) {
	for _, want := range []string{"131052-308T", "311280-999J", "010594Y9032", "020594X903P", "010516B903X", "020504A902E", "050594U902L"} {
		d, _ := strconv.Atoi(want[0:2])
		m, _ := strconv.Atoi(want[2:4])
		y, _ := strconv.Atoi(want[4:6])
		num, _ := strconv.Atoi(want[7:10])
		if got := string(appendHetuDigits(nil, d, m, y, want[6], num)); got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	pool := newHetuPool(0, 10)
	seen := map[int]bool{}
	for k := 0; k < hetuSlots; k++ {
		top := k%3 == 0
		num, ok := pool.take(5, false, top)
		if !ok || seen[num] || num < 2 || num > 899 || num%2 != 0 {
			t.Fatalf("take %d: %d ok=%v (seen %v)", k, num, ok, seen[num])
		}
		seen[num] = true
	}
	if _, ok := pool.take(5, false, false); ok {
		t.Error("an exhausted birth date still issued a code")
	}
}

func TestDemoOptions(t *testing.T) {
	o, err := DemoOptions()
	if err != nil {
		t.Fatal(err)
	}
	if o.Referrals < 500 || o.Referrals > 5000 || o.Seed == 0 || o.Messy {
		t.Errorf("demo options %+v", o)
	}
	tests := []struct {
		name, toml, wantErr string
	}{
		{"unknown key", "seed = 1\nrefferals = 10\n", `unknown key "refferals"`},
		{"invalid", "referrals = 0\n", "referrals must be between"},
		{"syntax", "seed = \n", "read x.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseOptions([]byte(tt.toml), "x.toml")
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// The written bytes of a small messy dataset are pinned; run with -update
// after an intended change and review the diff.
func TestGolden(t *testing.T) {
	dir := t.TempDir()
	if _, err := Generate(context.Background(), dir, Options{Referrals: 25, Seed: 1, Messy: true, Improvement: 1.5, StartYear: 2022}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{ReferralsFile, MeetingsFile, SwemwbsFile, ParticipationFile, ManifestName} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "golden", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff)", name, golden)
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name    string
		o       Options
		wantErr string
	}{
		{"defaults", DefaultOptions(), ""},
		{"no referrals", Options{Referrals: 0, StartYear: 2022}, "referrals must be"},
		{"too many", Options{Referrals: MaxReferrals + 1, StartYear: 2022}, "referrals must be"},
		{"early year", Options{Referrals: 1, StartYear: 1999}, "start year"},
		{"NaN improvement", Options{Referrals: 1, StartYear: 2022, Improvement: math.NaN()}, "improvement"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.o.Validate()
			if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// A failed generation says why and leaves no files behind.
func TestGenerateFails(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	notADir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notADir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ok := Options{Referrals: 100, Seed: 1, StartYear: 2022}
	tests := []struct {
		name    string
		ctx     context.Context
		dir     string
		o       Options
		wantErr string
	}{
		{"cancelled", cancelled, t.TempDir(), ok, "context canceled"},
		{"out is a file", context.Background(), notADir, ok, "synth"},
		{"invalid options", context.Background(), t.TempDir(), Options{}, "referrals must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Generate(tt.ctx, tt.dir, tt.o)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			if entries, _ := os.ReadDir(tt.dir); len(entries) != 0 {
				t.Errorf("left %d files behind", len(entries))
			}
		})
	}
}

func BenchmarkGenerate(b *testing.B) {
	for _, messy := range []bool{false, true} {
		b.Run(fmt.Sprintf("referrals=20000/messy=%v", messy), func(b *testing.B) {
			dir := b.TempDir()
			o := Options{Referrals: 20000, Seed: 1, Messy: messy, Improvement: 1.5, StartYear: 2022}
			for b.Loop() {
				if _, err := Generate(context.Background(), dir, o); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(o.Referrals)*float64(b.N)/b.Elapsed().Seconds(), "referrals/s")
		})
	}
}

// --messy adds rows and respells a few; the clean rows stay as they are.
func TestMessyKeepsCleanRows(t *testing.T) {
	clean := Options{Referrals: 1500, Seed: 8, Improvement: 1.5, StartYear: 2022}
	messy := clean
	messy.Messy = true
	dc, dm := generate(t, clean), generate(t, messy)
	for _, name := range []string{ReferralsFile, MeetingsFile, SwemwbsFile, ParticipationFile} {
		c, _ := os.ReadFile(filepath.Join(dc, name))
		m, _ := os.ReadFile(filepath.Join(dm, name))
		inMessy := map[string]bool{}
		for _, l := range strings.Split(string(m), "\n") {
			inMessy[l] = true
		}
		lines := strings.Split(string(c), "\n")
		kept := 0
		for _, l := range lines {
			if inMessy[l] {
				kept++
			}
		}
		if share := float64(kept) / float64(len(lines)); share < 0.9 { // variants respell about 8 % of referral rows
			t.Errorf("%s: %.1f %% of clean lines kept, want nearly all", name, 100*share)
		}
	}
}
