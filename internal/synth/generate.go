package synth

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// File names Generate writes into its directory.
const (
	ReferralsFile     = "referrals.csv"
	MeetingsFile      = "meetings.csv"
	SwemwbsFile       = "swemwbs.csv"
	ParticipationFile = "participation.csv"
	SurveyFile        = "worker_survey.xlsx"
	ManifestName      = "manifest.json"
)

// Headers as the exports write them; every name is an alias of the input
// contract.
var (
	referralHeader = []string{
		"lahete_id", "hetu", "lahetepaiva", "kunta", "lähettävä yksikkö", "ammattiryhma",
		"lahetteen_syyt", "syntymavuosi", "sukupuoli", "hyvinvointilahetti", "aloituspaiva",
		"lopetuspaiva", "paattymisen_syy", "tutkimuslupa", "linkitetty_toimintaan",
		"osallistumisen_esteet",
	}
	meetingHeader       = []string{"lahete_id", "tapaamispaiva", "tunnit", "kilometrit", "toiminta"}
	swemwbsHeader       = []string{"referral_id", "client_id", "timepoint", "response_date", "q1", "q2", "q3", "q4", "q5", "q6", "q7"}
	participationHeader = []string{"lahete_id", "asiakas_id", "mittauskerta", "vastauspaiva", "o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9", "o10"}
)

// Column positions in referralHeader.
const (
	rID = iota
	rClient
	rDate
	rMunicipality
	rSector
	rProfession
	rReasons
	rBirthYear
	rGender
	rWorker
	rStart
	rEnd
	rEndReason
	rConsent
	rLinked
	rBarriers
)

// Column positions in meetingHeader.
const (
	mID = iota
	mDate
	mHours
	mKm
	mActivity
)

// Column positions shared by both questionnaire files.
const (
	qReferral = iota
	qClient
	qTimepoint
	qDate
	qItem1
)

// canonical names of the columns, for the manifest.
var (
	referralCanonical = []string{
		"referral_id", "client_id", "referral_date", "municipality", "referrer_sector",
		"referrer_profession", "reasons", "birth_year", "gender", "link_worker_id",
		"start_date", "end_date", "end_reason", "research_consent", "linked_services", "barriers",
	}
	meetingCanonical = []string{"referral_id", "meeting_date", "hours", "km", "activity"}
)

func questionnaireCanonical(kind string, i int) string {
	switch {
	case i == qReferral:
		return "referral_id"
	case i == qClient:
		return "client_id"
	case i == qTimepoint:
		return "timepoint"
	case i == qDate:
		return "response_date"
	case kind == "swemwbs":
		return "q" + strconv.Itoa(i-qItem1+1)
	default:
		return "p" + strconv.Itoa(i-qItem1+1)
	}
}

const noDay = math.MinInt32

// The support model of the contract: a period over 183 days and a month over
// 10 hours (20 half hours) are flagged.
const (
	maxSupportDays    = 183
	maxHalfHoursMonth = 20
)

// client is one person: an identity code or, for a few, a client number.
type client struct {
	hetu      bool
	birthDay  int
	num       int  // individual number of the identity code
	sign      byte // century sign
	clientNo  int
	birthYear int
	male      bool
	other     bool // gender "other" (only clients without an identity code)
	muni      int
}

func (c *client) appendID(b []byte) []byte {
	if c.hetu {
		return appendHetu(b, c.birthDay, c.num, c.sign)
	}
	b = append(b, "AS"...)
	return appendPadded(b, c.clientNo, 7)
}

// appendPadded writes n ≥ 0 with at least width digits.
func appendPadded(b []byte, n, width int) []byte {
	digits := 1
	for x := n; x >= 10; x /= 10 {
		digits++
	}
	for i := digits; i < width; i++ {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

func appendReferralID(b []byte, num int) []byte {
	b = append(b, "HL"...)
	return appendPadded(b, num, 7)
}

// period is one referral and the support period that follows it.
type period struct {
	num        int
	c          *client
	refDay     int
	sector     int
	profession int
	reasons    [3]int8
	nReasons   int
	worker     int // index into the municipality's link workers, -1 none
	start, end int // noDay when absent
	endReason  int
	consent    int // 0 yes, 1 no, 2 missing
	linked     [2]int8
	nLinked    int
	barriers   [2]int8
	nBarriers  int
}

func (p *period) hasReasonCode(code string) bool {
	for _, x := range p.reasons[:p.nReasons] {
		if reasonCode[x] == code {
			return true
		}
	}
	return false
}

func (p *period) started() bool { return p.start != noDay && p.endReason != endNotStarted }

// meeting is one link-worker meeting of the period being written.
type meeting struct {
	day, halfHours, kmTenths, activity int  // kmTenths < 0: no km
	outside                            bool // injected outside the support period
	identical                          bool // a byte-for-byte repeat of the meeting before
}

// generator holds the state of one Generate call.
type generator struct {
	o                   Options
	r                   *rand.Rand // the clean data
	first, lastRef, exp int        // first and last referral day, export day
	pool                *hetuPool
	nextClientNo        int
	made                int // clean referrals written
	muniS, sectorS, profS, reasonS, nReasonS, endS,
	linkedS, barTownS, barRuralS, activityS, halfS sampler
	workers                 [][]string
	refs, meets, swem, part *csvFile
	rr, mr, sr, pr          *row
	meetingBuf              []meeting
	items                   [10]int
	man                     *Manifest
	mess                    *messer // nil unless Options.Messy
}

// Generate writes the synthetic input files for opts into dir (created if
// missing) and returns their manifest, which it also writes as
// dir/manifest.json. Files appear only when everything succeeded.
func Generate(ctx context.Context, dir string, opts Options) (Manifest, error) {
	if err := opts.Validate(); err != nil {
		return Manifest{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Manifest{}, fmt.Errorf("synth: %w", err)
	}
	g := newGenerator(opts)
	files, err := g.open(dir)
	if err != nil {
		return Manifest{}, err
	}
	ok := false
	defer func() {
		if !ok {
			for _, f := range files {
				f.abort()
			}
		}
	}()
	if err := g.run(ctx); err != nil {
		return Manifest{}, err
	}
	xlsx, survey, err := g.writeSurvey()
	if err != nil {
		return Manifest{}, err
	}
	for i, f := range files {
		if err := f.close(); err != nil {
			for _, rest := range files[i+1:] {
				rest.abort()
			}
			ok = true
			return Manifest{}, fmt.Errorf("synth: %w", err)
		}
	}
	ok = true
	if err := writeFileAtomic(filepath.Join(dir, SurveyFile), xlsx); err != nil {
		return Manifest{}, fmt.Errorf("synth: write %s: %w", SurveyFile, err)
	}
	g.man.finish(files, survey)
	if err := g.man.write(dir); err != nil {
		return Manifest{}, fmt.Errorf("synth: %w", err)
	}
	return *g.man, nil
}

func newGenerator(o Options) *generator {
	g := &generator{
		o:     o,
		r:     rand.New(rand.NewPCG(o.Seed, 0x6c696e6b6b69)), // "linkki"
		first: daysFromCivil(o.StartYear, 1, 1),
	}
	g.lastRef = daysFromCivil(o.StartYear+3, 1, 1) - 1
	g.exp = daysFromCivil(o.StartYear+3, 1, 31)
	y, _, _ := civilFromDays(g.exp)
	g.pool = newHetuPool(daysFromCivil(y-100, 1, 1), g.exp)
	g.muniS = newSampler(municipalityChoices())
	g.sectorS = newSampler(sectors)
	g.profS = newSampler(professions)
	g.reasonS = newSampler(reasons)
	g.nReasonS = newSampler(reasonCounts)
	g.endS = newSampler(endReasons)
	g.linkedS = newSampler(linkedServices)
	g.barTownS = newSampler(barriersTown)
	g.barRuralS = newSampler(barriersRural)
	g.activityS = newSampler(activities)
	g.halfS = newSampler(meetingHalfHours)
	for _, m := range municipalities {
		var ws []string
		for i := 1; i <= linkWorkers(m); i++ {
			ws = append(ws, "LT-"+m.code+"-"+string(append2(nil, i)))
		}
		g.workers = append(g.workers, ws)
	}
	g.man = &Manifest{Seed: o.Seed, Referrals: o.Referrals, Messy: o.Messy,
		Improvement: o.Improvement, StartYear: o.StartYear,
		ExportDate: string(appendDate(nil, g.exp, dateISO)),
		Defects:    []Defect{}, Irregularities: []Irregularity{}}
	g.rr, g.mr = newRow(len(referralHeader)), newRow(len(meetingHeader))
	g.sr, g.pr = newRow(len(swemwbsHeader)), newRow(len(participationHeader))
	if o.Messy {
		g.mess = newMesser(g)
	}
	return g
}

// open creates the four CSV files in their dialects and writes headers.
func (g *generator) open(dir string) ([]*csvFile, error) {
	specs := []struct {
		name, kind string
		d          dialect
		header     []string
		dst        **csvFile
	}{
		// Excel "CSV" from a Finnish Windows patient system.
		{ReferralsFile, "referrals", dialect{delim: ';', crlf: true, cp1252: true, date: dateFinnish, decimal: ',', encoding: "windows-1252"}, referralHeader, &g.refs},
		// Excel "CSV UTF-8" kept by the link workers.
		{MeetingsFile, "meetings", dialect{delim: ';', bom: true, date: dateFinnishPadded, decimal: ',', encoding: "utf-8-bom"}, meetingHeader, &g.meets},
		// An English survey tool's export.
		{SwemwbsFile, "swemwbs", dialect{delim: ',', date: dateISO, decimal: '.', encoding: "utf-8"}, swemwbsHeader, &g.swem},
		// A Finnish survey tool's export.
		{ParticipationFile, "participation", dialect{delim: ';', date: dateFinnish, decimal: ',', encoding: "utf-8"}, participationHeader, &g.part},
	}
	var files []*csvFile
	for _, s := range specs {
		f, err := createCSV(dir, s.name, s.kind, s.d)
		if err != nil {
			for _, o := range files {
				o.abort()
			}
			return nil, fmt.Errorf("synth: %w", err)
		}
		f.header(s.header...)
		*s.dst = f
		files = append(files, f)
	}
	return files, nil
}

// run writes all referrals with their meetings and questionnaires.
func (g *generator) run(ctx context.Context) error {
	span := g.lastRef - g.first + 1
	for g.made < g.o.Referrals {
		if g.made&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("synth: stopped after %d referrals: %w", g.made, err)
			}
		}
		c := g.newClient(g.r, false)
		twice := g.o.Referrals-g.made >= 2 && g.r.Float64() < 0.07
		var p1, p2 period
		if twice {
			g.newPeriod(g.r, &p1, c, g.first+g.r.IntN(span*3/5))
			after := p1.end
			if after == noDay || !p1.started() {
				twice = false
			} else {
				day := after + 30 + g.r.IntN(150)
				if day > g.lastRef {
					twice = false
				} else {
					g.newPeriod(g.r, &p2, c, day)
				}
			}
		} else {
			g.newPeriod(g.r, &p1, c, g.first+g.r.IntN(span))
		}
		g.made++
		p1.num = g.made
		g.emit(&p1, !twice)
		if twice {
			g.made++
			p2.num = g.made
			g.emit(&p2, false)
			if g.mess != nil {
				g.mess.twoPeriods(&p1, &p2)
			}
		}
	}
	return nil
}

// newClient draws a person: age mostly elderly, sex, an identity code for
// most and a client number for some. fromTop takes identity codes from the
// defect end of the pool.
func (g *generator) newClient(r *rand.Rand, fromTop bool) *client {
	c := &client{muni: g.muniS.draw(r)}
	u := r.Float64() * 100
	age := 0
	for _, b := range ageBands {
		if u < b.weight {
			age = b.lo + r.IntN(b.hi-b.lo+1)
			break
		}
		u -= b.weight
	}
	c.birthDay = g.first + r.IntN(365*3) - age*365 - r.IntN(365)
	c.birthYear, _, _ = civilFromDays(c.birthDay)
	c.male = r.Float64() < 0.38
	signU := r.Float64()
	if r.Float64() < 0.93 {
		if num, ok := g.pool.take(c.birthDay, c.male, fromTop); ok {
			c.hetu, c.num, c.sign = true, num, centurySign(c.birthYear, signU)
			return c
		}
	}
	if fromTop {
		// defect clients never share a number with clean ones
		g.mess.clientNo++
		c.clientNo = 5_000_000 + g.mess.clientNo
	} else {
		g.nextClientNo++
		c.clientNo = g.nextClientNo
	}
	c.other = r.Float64() < 0.01
	return c
}

// newPeriod draws a referral on refDay and what became of it by the export
// date.
func (g *generator) newPeriod(r *rand.Rand, p *period, c *client, refDay int) {
	*p = period{c: c, refDay: refDay, worker: -1, start: noDay, end: noDay, endReason: endOngoing}
	p.sector = g.sectorS.draw(r)
	refYear, _, _ := civilFromDays(refDay)
	if refYear-c.birthYear < 65 && sectorCode[p.sector] == "elderly_services" {
		p.sector = g.sectorS.draw(r) // younger clients come less often through elderly services
	}
	p.profession = g.profS.draw(r)
	// one to three reasons of distinct categories
	want := g.nReasonS.draw(r) + 1
	for try := 0; p.nReasons < want && try < 20; try++ {
		x := int8(g.reasonS.draw(r))
		if !p.hasReasonCode(reasonCode[x]) {
			p.reasons[p.nReasons] = x
			p.nReasons++
		}
	}
	switch u := r.Float64(); {
	case u < 0.70:
		p.consent = 0
	case u < 0.95:
		p.consent = 1
	default:
		p.consent = 2
	}
	start := refDay + 3 + r.IntN(30)
	u := r.Float64()
	dur := 30 + r.IntN(154)
	endU := r.Float64()
	nWorkers := len(g.workers[c.muni])
	worker := r.IntN(nWorkers)
	switch {
	case start > g.exp:
		// still waiting for a link worker at the export date
		if r.Float64() < 0.5 {
			p.worker = worker
		}
	case u < 0.08:
		p.endReason = endNotStarted
		if end := refDay + 10 + r.IntN(40); end <= g.exp {
			p.end = end
		}
		if r.Float64() < 0.7 {
			p.worker = worker
		}
	default:
		p.worker = worker
		p.start = start
		reason := g.endS.draw(r)
		switch reason {
		case endCompleted:
			if endU < 0.04 {
				dur = 184 + r.IntN(60) // a few run over the six months
			}
		case endDiscontinued:
			dur = 30 + r.IntN(90)
		case endMoved:
			dur = 30 + r.IntN(120)
		}
		if start+dur <= g.exp {
			p.end = start + dur
			p.endReason = reason
		}
	}
	if p.started() && p.end != noDay {
		share := 0.85
		if p.endReason != endCompleted {
			share = 0.3
		}
		if r.Float64() < share {
			p.nLinked = 1 + r.IntN(2)
			p.linked[0] = int8(g.linkedS.draw(r))
			p.linked[1] = int8(g.linkedS.draw(r))
			if linkedCode[p.linked[1]] == linkedCode[p.linked[0]] {
				p.nLinked = 1 // one category named twice would count once
			}
		}
	}
	if r.Float64() < 0.45 {
		s := g.barTownS
		if municipalities[c.muni].rural {
			s = g.barRuralS
		}
		p.nBarriers = 1 + r.IntN(2)
		p.barriers[0] = int8(s.draw(r))
		p.barriers[1] = int8(s.draw(r))
		if p.barriers[1] == p.barriers[0] {
			p.nBarriers = 1
		}
	}
}

// emit writes a referral row, its meetings and its questionnaires.
// onlyPeriod says the client has no other referral, so a questionnaire may be
// keyed by client_id alone without becoming ambiguous.
func (g *generator) emit(p *period, onlyPeriod bool) {
	g.referralRow(g.rr, p)
	if g.mess != nil {
		g.mess.vary(g.rr, p)
	}
	line := g.refs.write(g.rr)
	if g.mess != nil {
		g.mess.commit(g.refs, line, p)
	}
	if strings.ContainsAny(professions[p.profession].label, ";\n\"") {
		g.irregular(g.refs, line, "referrer_profession", IrregQuotedField, "", p)
	}
	if p.started() && p.end != noDay && p.end-p.start > maxSupportDays {
		g.irregular(g.refs, line, "", IrregOverSixMonths, strconv.Itoa(p.end-p.start)+" days", p)
	}
	if p.started() {
		g.meetings(p, line)
		g.questionnaires(p, onlyPeriod)
	}
	if g.mess != nil {
		g.mess.after(p)
	}
}

func (g *generator) irregular(f *csvFile, line int, column, kind, note string, p *period) {
	ir := Irregularity{File: f.name, Line: line, Column: column, Kind: kind, Note: note}
	if p != nil {
		ir.ReferralID = string(appendReferralID(nil, p.num))
	}
	g.man.Irregularities = append(g.man.Irregularities, ir)
}

// referralRow renders a period as a referral export row.
func (g *generator) referralRow(rw *row, p *period) {
	rw.reset()
	f := rw.f
	f[rID] = appendReferralID(f[rID], p.num)
	f[rClient] = p.c.appendID(f[rClient])
	f[rDate] = appendDate(f[rDate], p.refDay, dateFinnish)
	f[rMunicipality] = append(f[rMunicipality], municipalities[p.c.muni].name...)
	f[rSector] = append(f[rSector], sectors[p.sector].label...)
	f[rProfession] = append(f[rProfession], professions[p.profession].label...)
	for i := 0; i < p.nReasons; i++ {
		if i > 0 {
			f[rReasons] = append(f[rReasons], ", "...)
		}
		f[rReasons] = append(f[rReasons], reasons[p.reasons[i]].label...)
	}
	f[rBirthYear] = strconv.AppendInt(f[rBirthYear], int64(p.c.birthYear), 10)
	switch {
	case p.c.other:
		f[rGender] = append(f[rGender], "muu"...)
	case p.c.male:
		f[rGender] = append(f[rGender], "mies"...)
	default:
		f[rGender] = append(f[rGender], "nainen"...)
	}
	if p.worker >= 0 {
		f[rWorker] = append(f[rWorker], g.workers[p.c.muni][p.worker]...)
	}
	if p.start != noDay {
		f[rStart] = appendDate(f[rStart], p.start, dateFinnish)
	}
	if p.end != noDay {
		f[rEnd] = appendDate(f[rEnd], p.end, dateFinnish)
	}
	switch p.endReason {
	case endOngoing:
	case endNotStarted:
		f[rEndReason] = append(f[rEndReason], notStartedLabel...)
	default:
		f[rEndReason] = append(f[rEndReason], endReasons[p.endReason].label...)
	}
	switch p.consent {
	case 0:
		f[rConsent] = append(f[rConsent], "kyllä"...)
	case 1:
		f[rConsent] = append(f[rConsent], "ei"...)
	}
	for i := 0; i < p.nLinked; i++ {
		if i > 0 {
			f[rLinked] = append(f[rLinked], '|')
		}
		f[rLinked] = append(f[rLinked], linkedServices[p.linked[i]].label...)
	}
	bs := barriersTown
	if municipalities[p.c.muni].rural {
		bs = barriersRural
	}
	for i := 0; i < p.nBarriers; i++ {
		if i > 0 {
			f[rBarriers] = append(f[rBarriers], '|')
		}
		f[rBarriers] = append(f[rBarriers], bs[p.barriers[i]].label...)
	}
}

// meetings writes the link-worker meetings of a started period: weekly-ish
// from the start to the end (or the export date), at most 10 hours per
// calendar month except in a few periods whose overrun the manifest lists.
func (g *generator) meetings(p *period, refLine int) {
	last := g.exp
	if p.end != noDay && p.end < last {
		last = p.end
	}
	ms := g.meetingBuf[:0]
	overrun := g.r.Float64() < 0.006
	kmShare := 0.25
	if municipalities[p.c.muni].rural {
		kmShare = 0.55
	}
	month, sum := -1, 0
	next := p.start + g.r.IntN(4)
	for day := next; day <= last; day = next {
		m := meeting{day: day, halfHours: g.halfS.draw(g.r) + 1, kmTenths: -1, activity: g.activityS.draw(g.r)}
		next = day + 5 + g.r.IntN(10) // weekly-ish
		if overrun && day < p.start+30 {
			// an intensive start: every three or four days, 1,5–2 h
			next = day + 3 + g.r.IntN(2)
			m.halfHours = 3 + g.r.IntN(2)
		}
		if g.r.Float64() < kmShare {
			m.kmTenths = (2 + g.r.IntN(60)) * 10
			if g.r.Float64() < 0.4 {
				m.kmTenths += g.r.IntN(10)
			}
		}
		if mi := monthIndex(day); mi != month {
			month, sum = mi, 0
		}
		if sum+m.halfHours > maxHalfHoursMonth && !overrun {
			continue
		}
		sum += m.halfHours
		ms = append(ms, m)
	}
	if g.mess != nil {
		ms = g.mess.adjustMeetings(p, ms)
	}
	g.meetingBuf = ms
	for i := range ms {
		if ms[i].identical {
			line := g.meets.repeat()
			g.irregular(g.meets, line, "", IrregIdenticalRow, "", p)
			continue
		}
		g.meetingRow(g.mr, p.num, &ms[i])
		if g.mess != nil {
			g.mess.varyMeeting(g.mr, &ms[i])
		}
		line := g.meets.write(g.mr)
		if g.mess != nil {
			g.mess.commit(g.meets, line, p)
		}
		if ms[i].outside {
			g.irregular(g.meets, line, "meeting_date", IrregOutsidePeriod, "", p)
		}
	}
	g.flagMonths(p, refLine, ms)
}

// flagMonths lists the calendar months whose meetings exceed 10 hours.
func (g *generator) flagMonths(p *period, refLine int, ms []meeting) {
	for i := 0; i < len(ms); {
		mi, sum := monthIndex(ms[i].day), 0
		j := i
		for ; j < len(ms) && monthIndex(ms[j].day) == mi; j++ {
			sum += ms[j].halfHours
		}
		if sum > maxHalfHoursMonth {
			note := strconv.Itoa(mi/12) + "-" + string(append2(nil, mi%12+1)) + ": " + string(appendTenths(nil, sum*5, ',')) + " h"
			g.irregular(g.refs, refLine, "", IrregMonthOverCap, note, p)
		}
		i = j
	}
}

func (g *generator) meetingRow(rw *row, num int, m *meeting) {
	rw.reset()
	f := rw.f
	f[mID] = appendReferralID(f[mID], num)
	f[mDate] = appendDate(f[mDate], m.day, dateFinnishPadded)
	f[mHours] = appendTenths(f[mHours], m.halfHours*5, ',')
	if m.kmTenths >= 0 {
		f[mKm] = appendTenths(f[mKm], m.kmTenths, ',')
	}
	f[mActivity] = append(f[mActivity], activities[m.activity].label...)
}
