package synth

import (
	"bytes"
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/linkki-fi/linkki/data"
)

// messer injects defects and irregularities for Options.Messy. It draws from
// its own random stream, so the clean rows it leaves alone keep the values
// they have without --messy.
type messer struct {
	g        *generator
	r        *rand.Rand
	classes  []defectClass
	plan     []planned
	next     int
	pending  []int
	fired    []int
	stash    []Irregularity
	clientNo int                  // client numbers of defect clients
	freshNum int                  // referral numbers of defect rows, beyond any clean one
	orphans  int                  // referral numbers that never arrive
	prev     *client              // the client of the period before, for key_conflict
	lastQ    [2]lastQuestionnaire // by instrument: 0 SWEMWBS, 1 ESIS
}

// lastQuestionnaire remembers the questionnaire written last to a file, to
// duplicate it.
type lastQuestionnaire struct {
	num, tp, day, rowsAt int
	byClient, noTP       bool
}

// defectClass is one kind of injection; fire writes one instance after the
// clean rows of period p and reports whether p suited it. Classes with a
// nil fire are consumed by hooks inside the clean stream.
type defectClass struct {
	name     string
	variants int
	fire     func(m *messer, p *period, variant int) bool
}

type planned struct{ at, class int }

const (
	freshBase  = MaxReferrals + 1     // HL10000001…: rows that are quarantined
	orphanBase = 2*MaxReferrals + 1   // HL20000001…: referrals that never arrive
	markers    = "NA|-|puuttuu|tyhjä" // the contract's missing-value markers
)

// Hook-consumed classes, by name.
const (
	classOutside   = "meeting_outside_period"
	classIdentical = "identical_meeting"
	classAmbiguous = "ambiguous_match"
)

func newMesser(g *generator) *messer {
	m := &messer{g: g, r: rand.New(rand.NewPCG(g.o.Seed, 0x6d65737379)), // "messy"
		freshNum: freshBase - 1, orphans: orphanBase - 1}
	m.classes = defectClasses()
	m.pending = make([]int, len(m.classes))
	m.fired = make([]int, len(m.classes))
	n := g.o.Referrals
	for c, dc := range m.classes {
		k := max(dc.variants, min(150, 1+n/4000))
		for i := 0; i < k; i++ {
			at := 1 + (i*n)/k + (c*7919)%max(1, n/k)
			m.plan = append(m.plan, planned{at: min(at, n), class: c})
		}
	}
	// by position, then class: equal keys are equal entries, so the order
	// is deterministic
	slices.SortFunc(m.plan, func(a, b planned) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.class, b.class))
	})
	return m
}

func (m *messer) classIndex(name string) int {
	for i, c := range m.classes {
		if c.name == name {
			return i
		}
	}
	panic("synth: no defect class " + name) // a programming error, not input
}

// take consumes one pending instance of a hook class.
func (m *messer) take(name string) (variant int, ok bool) {
	c := m.classIndex(name)
	if m.pending[c] == 0 {
		return 0, false
	}
	m.pending[c]--
	m.fired[c]++
	return m.fired[c] - 1, true
}

// after runs once the clean rows of p are written: it arms the instances
// planned up to p and fires those p suits.
func (m *messer) after(p *period) {
	for m.next < len(m.plan) && m.plan[m.next].at <= p.num {
		m.pending[m.plan[m.next].class]++
		m.next++
	}
	for c, dc := range m.classes {
		for dc.fire != nil && m.pending[c] > 0 && dc.fire(m, p, m.fired[c]%max(1, dc.variants)) {
			m.pending[c]--
			m.fired[c]++
		}
	}
	m.prev = p.c
}

// defect records an injected row.
func (m *messer) defect(f *csvFile, line int, column, reason, note string) {
	m.g.man.Defects = append(m.g.man.Defects, Defect{File: f.name, Line: line, Column: column, Reason: reason, Note: note})
}

// note stashes an irregularity of the row about to be written; commit
// gives the stash its file and line.
func (m *messer) note(column, kind, note string) {
	m.stash = append(m.stash, Irregularity{Column: column, Kind: kind, Note: note})
}

func (m *messer) commit(f *csvFile, line int, p *period) {
	for _, ir := range m.stash {
		ir.File, ir.Line = f.name, line
		if p != nil {
			ir.ReferralID = string(appendReferralID(nil, p.num))
		}
		m.g.man.Irregularities = append(m.g.man.Irregularities, ir)
	}
	m.stash = m.stash[:0]
}

func (m *messer) marker() string {
	ms := strings.Split(markers, "|")
	return ms[m.r.IntN(len(ms))]
}

// stripDiacritics writes ä, ö, å as a, o, a, as exports from older systems do.
func stripDiacritics(s string) string {
	return strings.NewReplacer("ä", "a", "ö", "o", "å", "a", "Ä", "A", "Ö", "O", "Å", "A").Replace(s)
}

// variantOf spells a label another way that still matches it: without ä/ö,
// in upper case or in lower case, whichever differ from s; u picks one.
func variantOf(s string, u float64) string {
	var vs []string
	for _, v := range []string{stripDiacritics(s), strings.ToUpper(s), strings.ToLower(s)} {
		if v != s {
			vs = append(vs, v)
		}
	}
	return vs[int(u*float64(len(vs)))%len(vs)]
}

// vary makes a clean referral row messy but valid: a municipality spelling,
// a category label's spelling, or a missing-value marker.
func (m *messer) vary(rw *row, p *period) {
	u, v := m.r.Float64(), m.r.Float64()
	switch {
	case u < 0.02:
		rw.set(rMunicipality, variantOf(municipalities[p.c.muni].name, v))
		m.note("municipality", IrregMunicipality, string(rw.f[rMunicipality]))
	case u < 0.04:
		rw.set(rSector, variantOf(sectors[p.sector].label, v))
		m.note("referrer_sector", IrregCategoryVariant, string(rw.f[rSector]))
	case u < 0.06:
		optional := []int{rLinked, rBarriers, rEnd, rEndReason, rWorker, rProfession, rConsent, rStart}
		off := int(v * float64(len(optional)))
		for i := range optional {
			c := optional[(off+i)%len(optional)]
			if len(rw.f[c]) == 0 {
				rw.set(c, m.marker())
				m.note(referralCanonical[c], IrregMissingMarker, string(rw.f[c]))
				break
			}
		}
	case u < 0.07 && p.c.hetu && bytes.ContainsAny(rw.f[rClient], "ABCDEFHJKLMNPRSTUVWXY"):
		// letters of an identity code match ignoring case
		rw.f[rClient] = bytes.ToLower(rw.f[rClient])
		m.note("client_id", IrregIdentityCase, "")
	case u < 0.08:
		// a list naming one category twice counts it once
		first := p.reasons[0]
		again := first
		for j, code := range reasonCode {
			if code == reasonCode[first] && int8(j) != first {
				again = int8(j)
			}
		}
		rw.f[rReasons] = append(append(rw.f[rReasons], ", "...), reasons[again].label...)
		m.note("reasons", IrregRepeatedCategory, reasons[again].label)
	}
}

func (m *messer) varyMeeting(rw *row, mt *meeting) {
	if mt.kmTenths < 0 && m.r.Float64() < 0.03 {
		rw.set(mKm, m.marker())
		m.note("km", IrregMissingMarker, string(rw.f[mKm]))
	}
}

func (m *messer) varyQuestionnaire(q *questionnaire) {
	u, v := m.r.Float64(), m.r.Float64()
	kind := q.file.kind
	switch {
	case u < 0.01:
		i := qItem1 + int(v*float64(len(q.items)))
		if v < 0.5 {
			q.row.set(i, "")
		} else {
			q.row.set(i, "NA")
			m.note(questionnaireCanonical(kind, i), IrregMissingMarker, "NA")
		}
		m.note(questionnaireCanonical(kind, i), IrregMissingItem, "")
	case u < 0.03 && !q.noTP:
		q.row.set(qTimepoint, variantOf(string(q.row.f[qTimepoint]), v))
		m.note("timepoint", IrregCategoryVariant, string(q.row.f[qTimepoint]))
	}
}

// written remembers a questionnaire for duplicate injection.
func (m *messer) written(q *questionnaire) {
	i := 0
	if !q.swemwbs {
		i = 1
	}
	m.lastQ[i] = lastQuestionnaire{num: q.referral.num, tp: q.tp, day: q.day, rowsAt: q.file.rows, byClient: q.byClient, noTP: q.noTP}
}

// adjustMeetings adds a meeting outside the support period or repeats one,
// when such an injection is pending, before the month totals are taken.
func (m *messer) adjustMeetings(p *period, ms []meeting) []meeting {
	if len(ms) == 0 {
		return ms
	}
	if p.end != noDay && p.end+5 <= m.g.exp && !ms[len(ms)-1].outside {
		if v, ok := m.take(classOutside); ok {
			mt := ms[len(ms)-1]
			if v%2 == 0 {
				mt.day = p.end + 1 + m.r.IntN(5)
				mt.outside = true
				ms = append(ms, mt)
			} else {
				mt = ms[0]
				mt.day = p.start - 1 - m.r.IntN(5)
				mt.outside = true
				ms = append(ms, meeting{})
				copy(ms[1:], ms)
				ms[0] = mt
			}
		}
	}
	if last := ms[len(ms)-1]; !last.outside {
		if _, ok := m.take(classIdentical); ok {
			last.identical = true
			ms = append(ms, last)
		}
	}
	return ms
}

// twoPeriods injects a questionnaire keyed by client_id whose date falls in
// the matching windows of both of the client's support periods.
func (m *messer) twoPeriods(p1, p2 *period) {
	g := m.g
	if !p1.started() || !p2.started() || p1.end == noDay {
		return
	}
	lo := max(p1.start, p2.start) - matchWindowBefore
	hi := min(p1.end+matchWindowAfter, g.exp)
	if p2.end != noDay {
		hi = min(hi, p2.end+matchWindowAfter)
	}
	if lo > hi {
		return
	}
	if _, ok := m.take(classAmbiguous); !ok {
		return
	}
	rw := m.questionnaireBase(g.swem, p1, lo+m.r.IntN(hi-lo+1))
	rw.set(qReferral, "")
	rw.f[qClient] = p1.c.appendID(rw.f[qClient][:0])
	line := g.swem.write(rw)
	m.defect(g.swem, line, "client_id", data.ReasonAmbiguousMatch, "response date in the windows of two support periods")
}

// The client_id matching window of the input contract:
// [start_date − 30, end_date + 135] days.
const (
	matchWindowBefore = 30
	matchWindowAfter  = 135
)

// freshPeriod draws a started, ended period of a new client, for a referral
// row that is quarantined; identity says whether its client has an
// identity code.
func (m *messer) freshPeriod(identity bool) *period {
	g := m.g
	var c *client
	for {
		c = g.newClient(m.r, true)
		if c.hetu == identity {
			break
		}
	}
	p := &period{}
	for try := 0; ; try++ {
		g.newPeriod(m.r, p, c, g.first+m.r.IntN(2*365))
		if p.started() && p.end != noDay || try > 100 {
			break
		}
	}
	m.freshNum++
	p.num = m.freshNum
	return p
}

// referralBase renders a fresh, valid referral row to be spoiled in one
// field.
func (m *messer) referralBase(identity bool) (*row, *period) {
	p := m.freshPeriod(identity)
	rw := newRow(len(referralHeader))
	m.g.referralRow(rw, p)
	return rw, p
}

// meetingBase renders a valid meeting of p on its start date.
func (m *messer) meetingBase(p *period) *row {
	rw := newRow(len(meetingHeader))
	m.g.meetingRow(rw, p.num, &meeting{day: p.start, halfHours: 3, kmTenths: -1, activity: 0})
	return rw
}

// questionnaireBase renders a valid start questionnaire of p keyed by its
// referral_id.
func (m *messer) questionnaireBase(f *csvFile, p *period, day int) *row {
	q := questionnaire{tp: 0, day: day, referral: p, file: f}
	if f == m.g.swem {
		q.swemwbs, q.items, q.row, q.dateStyle = true, []int{3, 3, 4, 3, 3, 4, 3}, newRow(len(swemwbsHeader)), dateISO
	} else {
		q.items, q.row, q.dateStyle = []int{4, 4, 3, 4, 4, 3, 4, 4, 3, 4}, newRow(len(participationHeader)), dateFinnish
	}
	m.g.questionnaireRow(&q)
	return q.row
}

// malformed writes rw broken in variant v: a field too many, a field too
// few, or a bare quote in field i.
func (m *messer) malformed(f *csvFile, rw *row, v, i int, bare string) {
	var line int
	var note string
	switch v % 3 {
	case 0:
		rw.f = append(rw.f, []byte("ylimääräinen"))
		line, note = f.write(rw), "one field too many"
	case 1:
		rw.f = rw.f[:len(rw.f)-2]
		line, note = f.write(rw), "two fields missing"
	default:
		line, note = f.writeBareQuote(rw, i, bare), "bare quote in an unquoted field"
	}
	m.defect(f, line, "", data.ReasonMalformedRow, note)
}

func yearOf(day int) int {
	y, _, _ := civilFromDays(day)
	return y
}

// spoil writes rw with field i set to value and records the defect.
func (m *messer) spoil(f *csvFile, rw *row, i int, value, column, reason string) {
	rw.set(i, value)
	line := f.write(rw)
	note := column + " " + strconv.Quote(value)
	m.defect(f, line, column, reason, note)
}

// varySurvey spoils the first answer sheet with an answer outside 1–5 and
// shortens the second (its last answers are empty cells).
func (m *messer) varySurvey(vals []any, rowNum int) ([]any, bool) {
	const spoiled = 3 // the fourth statement
	switch rowNum {
	case 2:
		vals[len(surveyHeader)+spoiled] = 6
		m.g.man.Defects = append(m.g.man.Defects, Defect{File: SurveyFile, Line: rowNum,
			Column: surveyStatements[spoiled].text, Reason: data.ReasonOutOfRange, Note: "answer 6"})
	case 3:
		return vals[:len(vals)-2], true
	}
	return vals, false
}
