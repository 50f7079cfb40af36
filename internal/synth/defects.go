package synth

import (
	"strconv"
	"strings"

	"github.com/linkki-fi/linkki/data"
)

// defectClasses lists every injection of --messy: one class per quarantine
// reason and file the input contract defines, each spoiling exactly one rule
// of an otherwise valid row, and the valid-but-messy irregularities that
// need a place in the clean stream. Variants rotate through the ways a rule
// is broken.
func defectClasses() []defectClass {
	return []defectClass{
		// referrals: fresh rows of new clients, nothing else depends on them
		{"referrals/missing_required", 7, always(func(m *messer, p *period, v int) {
			cols := []int{rMunicipality, rMunicipality, rDate, rSector, rReasons, rClient, rID}
			rw, _ := m.referralBase(true)
			value := ""
			if v == 1 {
				value = "puuttuu" // a missing-value marker in a required field
			}
			m.spoil(m.g.refs, rw, cols[v], value, referralCanonical[cols[v]], data.ReasonMissingRequired)
		})},
		{"referrals/invalid_date", 3, always(func(m *messer, p *period, v int) {
			rw, fp := m.referralBase(true)
			y := strconv.Itoa(yearOf(fp.refDay))
			switch v {
			case 0:
				m.spoil(m.g.refs, rw, rDate, "31.2."+y, "referral_date", data.ReasonInvalidDate)
			case 1:
				m.spoil(m.g.refs, rw, rStart, "31.4."+y, "start_date", data.ReasonInvalidDate)
			default:
				m.spoil(m.g.refs, rw, rEnd, y+"-13-01", "end_date", data.ReasonInvalidDate)
			}
		})},
		{"referrals/invalid_number", 2, always(func(m *messer, p *period, v int) {
			rw, fp := m.referralBase(false) // birth year counts only without an identity code
			values := []string{"noin " + strconv.Itoa(fp.c.birthYear), strconv.Itoa(fp.c.birthYear/10) + "x"}
			m.spoil(m.g.refs, rw, rBirthYear, values[v], "birth_year", data.ReasonInvalidNumber)
		})},
		{"referrals/out_of_range", 2, always(func(m *messer, p *period, v int) {
			rw, fp := m.referralBase(false)
			values := []string{"1890", strconv.Itoa(yearOf(fp.refDay) + 3)}
			m.spoil(m.g.refs, rw, rBirthYear, values[v], "birth_year", data.ReasonOutOfRange)
		})},
		{"referrals/unknown_category", 5, always(func(m *messer, p *period, v int) {
			rw, _ := m.referralBase(v != 4) // gender counts only without an identity code
			switch v {
			case 0:
				m.spoil(m.g.refs, rw, rSector, "kauppa", "referrer_sector", data.ReasonUnknownCategory)
			case 1:
				m.spoil(m.g.refs, rw, rReasons, "yksinäisyys, rahapula", "reasons", data.ReasonUnknownCategory)
			case 2:
				m.spoil(m.g.refs, rw, rEndReason, "jatkuu", "end_reason", data.ReasonUnknownCategory)
			case 3:
				m.spoil(m.g.refs, rw, rConsent, "ehkä", "research_consent", data.ReasonUnknownCategory)
			default:
				m.spoil(m.g.refs, rw, rGender, "x", "gender", data.ReasonUnknownCategory)
			}
		})},
		{"referrals/invalid_identity_code", 2, always(func(m *messer, p *period, v int) {
			rw, fp := m.referralBase(true)
			id := []byte(string(rw.f[rClient]))
			if v == 0 {
				// the check character of the next remainder
				id[10] = hetuCheck[(indexByte(hetuCheck, id[10])+1)%31]
			} else {
				// 31 February does not exist; the check character is right for
				// the digits, so only the date is wrong
				y := fp.c.birthYear % 100
				id = appendHetuDigits(nil, 31, 2, y, fp.c.sign, fp.c.num)
			}
			m.spoil(m.g.refs, rw, rClient, string(id), "client_id", data.ReasonInvalidIdentityCode)
		})},
		{"referrals/duplicate_in_file", 1, always(func(m *messer, p *period, v int) {
			line := m.g.refs.write(m.g.rr) // p's row, again
			m.defect(m.g.refs, line, "referral_id", data.ReasonDuplicateInFile, "second row for "+string(m.g.rr.f[rID]))
		})},
		{"referrals/date_order", 2, always(func(m *messer, p *period, v int) {
			rw, fp := m.referralBase(true)
			if v == 0 {
				m.spoil(m.g.refs, rw, rStart, string(appendDate(nil, fp.refDay-1-m.r.IntN(20), dateFinnish)), "start_date", data.ReasonDateOrder)
			} else {
				m.spoil(m.g.refs, rw, rEnd, string(appendDate(nil, fp.start-1-m.r.IntN(20), dateFinnish)), "end_date", data.ReasonDateOrder)
			}
		})},
		{"referrals/malformed_row", 3, always(func(m *messer, p *period, v int) {
			rw, _ := m.referralBase(true)
			m.malformed(m.g.refs, rw, v, rMunicipality, `Rova"niemi`)
		})},

		// meetings: rows of a started period, spoiled in one field
		{"meetings/missing_required", 3, onStarted(func(m *messer, p *period, v int) {
			cols := []int{mHours, mDate, mID}
			m.spoil(m.g.meets, m.meetingBase(p), cols[v], "", meetingCanonical[cols[v]], data.ReasonMissingRequired)
		})},
		{"meetings/invalid_date", 2, onStarted(func(m *messer, p *period, v int) {
			values := []string{"31.02.", "31.06."}
			m.spoil(m.g.meets, m.meetingBase(p), mDate, values[v]+strconv.Itoa(yearOf(p.start)), "meeting_date", data.ReasonInvalidDate)
		})},
		{"meetings/invalid_number", 2, onStarted(func(m *messer, p *period, v int) {
			if v == 0 {
				m.spoil(m.g.meets, m.meetingBase(p), mHours, "puolitoista", "hours", data.ReasonInvalidNumber)
			} else {
				m.spoil(m.g.meets, m.meetingBase(p), mKm, "viisi", "km", data.ReasonInvalidNumber)
			}
		})},
		{"meetings/out_of_range", 3, onStarted(func(m *messer, p *period, v int) {
			cols := []int{mHours, mHours, mKm}
			values := []string{"12,5", "0", "-4"}
			m.spoil(m.g.meets, m.meetingBase(p), cols[v], values[v], meetingCanonical[cols[v]], data.ReasonOutOfRange)
		})},
		{"meetings/unknown_category", 1, onStarted(func(m *messer, p *period, v int) {
			m.spoil(m.g.meets, m.meetingBase(p), mActivity, "sukellus", "activity", data.ReasonUnknownCategory)
		})},
		{"meetings/orphan", 1, onStarted(func(m *messer, p *period, v int) {
			m.orphans++
			m.spoil(m.g.meets, m.meetingBase(p), mID, string(appendReferralID(nil, m.orphans)), "referral_id", data.ReasonOrphan)
		})},
		{"meetings/malformed_row", 3, onStarted(func(m *messer, p *period, v int) {
			m.malformed(m.g.meets, m.meetingBase(p), v, mActivity, `keskustelu "kotona"`)
		})},

		// SWEMWBS: a start questionnaire of a started period
		{"swemwbs/missing_required", 2, onStarted(func(m *messer, p *period, v int) {
			rw := m.questionnaireBase(m.g.swem, p, p.start)
			if v == 0 {
				m.spoil(m.g.swem, rw, qDate, "", "response_date", data.ReasonMissingRequired)
			} else {
				m.spoil(m.g.swem, rw, qReferral, "", "referral_id", data.ReasonMissingRequired) // and no client_id
			}
		})},
		{"swemwbs/invalid_date", 2, onStarted(func(m *messer, p *period, v int) {
			values := []string{"-02-30", "-13-01"}
			m.spoil(m.g.swem, m.questionnaireBase(m.g.swem, p, p.start), qDate, strconv.Itoa(yearOf(p.start))+values[v], "response_date", data.ReasonInvalidDate)
		})},
		{"swemwbs/out_of_range", 2, onStarted(func(m *messer, p *period, v int) {
			values := []string{"6", "0"}
			m.spoil(m.g.swem, m.questionnaireBase(m.g.swem, p, p.start), qItem1+2+v, values[v], "q"+strconv.Itoa(3+v), data.ReasonOutOfRange)
		})},
		{"swemwbs/unknown_category", 1, onStarted(func(m *messer, p *period, v int) {
			m.spoil(m.g.swem, m.questionnaireBase(m.g.swem, p, p.start), qTimepoint, "T5", "timepoint", data.ReasonUnknownCategory)
		})},
		{"swemwbs/orphan", 2, onStarted(func(m *messer, p *period, v int) {
			rw := m.questionnaireBase(m.g.swem, p, p.start)
			if v == 0 {
				m.orphans++
				m.spoil(m.g.swem, rw, qReferral, string(appendReferralID(nil, m.orphans)), "referral_id", data.ReasonOrphan)
				return
			}
			// keyed by the identity code of a person with no referral
			c := m.g.newClient(m.r, true)
			rw.set(qReferral, "")
			m.spoil(m.g.swem, rw, qClient, string(c.appendID(nil)), "client_id", data.ReasonOrphan)
		})},
		{"swemwbs/key_conflict", 1, func(m *messer, p *period, v int) bool {
			if !p.started() || m.prev == nil || m.prev == p.c {
				return false
			}
			m.spoil(m.g.swem, m.questionnaireBase(m.g.swem, p, p.start), qClient, string(m.prev.appendID(nil)), "client_id", data.ReasonKeyConflict)
			return true
		}},
		{classAmbiguous, 1, nil},
		{"swemwbs/malformed_row", 2, onStarted(func(m *messer, p *period, v int) {
			m.malformed(m.g.swem, m.questionnaireBase(m.g.swem, p, p.start), v*2, qTimepoint, `"T0"x`)
		})},

		// participation (ESIS)
		{"participation/missing_required", 1, onStarted(func(m *messer, p *period, v int) {
			m.spoil(m.g.part, m.questionnaireBase(m.g.part, p, p.start), qDate, "", "response_date", data.ReasonMissingRequired)
		})},
		{"participation/invalid_date", 1, onStarted(func(m *messer, p *period, v int) {
			m.spoil(m.g.part, m.questionnaireBase(m.g.part, p, p.start), qDate, "31.4."+strconv.Itoa(yearOf(p.start)), "response_date", data.ReasonInvalidDate)
		})},
		{"participation/out_of_range", 1, onStarted(func(m *messer, p *period, v int) {
			m.spoil(m.g.part, m.questionnaireBase(m.g.part, p, p.start), qItem1+2, "7", "p3", data.ReasonOutOfRange)
		})},
		{"participation/unknown_category", 1, onStarted(func(m *messer, p *period, v int) {
			m.spoil(m.g.part, m.questionnaireBase(m.g.part, p, p.start), qTimepoint, "välimittaus", "timepoint", data.ReasonUnknownCategory)
		})},
		{"participation/orphan", 1, onStarted(func(m *messer, p *period, v int) {
			m.orphans++
			m.spoil(m.g.part, m.questionnaireBase(m.g.part, p, p.start), qReferral, string(appendReferralID(nil, m.orphans)), "referral_id", data.ReasonOrphan)
		})},
		{"participation/malformed_row", 1, onStarted(func(m *messer, p *period, v int) {
			m.malformed(m.g.part, m.questionnaireBase(m.g.part, p, p.start), 1, 0, "")
		})},

		// valid but messy
		{classOutside, 2, nil},
		{classIdentical, 1, nil},
		{"swemwbs/identical_row", 1, func(m *messer, p *period, v int) bool {
			last := m.lastQ[0]
			if last.num != p.num || last.rowsAt != m.g.swem.rows {
				return false
			}
			line := m.g.swem.repeat()
			m.g.irregular(m.g.swem, line, "", IrregIdenticalRow, "", p)
			m.g.irregular(m.g.swem, line, "", IrregDuplicateQuest, timepointsEN[last.tp], p)
			return true
		}},
		{"swemwbs/duplicate_questionnaire", 1, func(m *messer, p *period, v int) bool {
			return m.duplicateQuestionnaire(p, 0)
		}},
		{"participation/duplicate_questionnaire", 1, func(m *messer, p *period, v int) bool {
			return m.duplicateQuestionnaire(p, 1)
		}},
		{"referrals/blank_lines", 2, blankLines(func(g *generator) *csvFile { return g.refs })},
		{"meetings/blank_lines", 2, blankLines(func(g *generator) *csvFile { return g.meets })},
		{"swemwbs/blank_lines", 2, blankLines(func(g *generator) *csvFile { return g.swem })},
		{"participation/blank_lines", 2, blankLines(func(g *generator) *csvFile { return g.part })},
	}
}

// always makes a fire function that suits every period.
func always(f func(m *messer, p *period, v int)) func(*messer, *period, int) bool {
	return func(m *messer, p *period, v int) bool {
		f(m, p, v)
		return true
	}
}

// onStarted makes a fire function that waits for a started period: the
// spoiled row belongs to it.
func onStarted(f func(m *messer, p *period, v int)) func(*messer, *period, int) bool {
	return func(m *messer, p *period, v int) bool {
		if !p.started() {
			return false
		}
		f(m, p, v)
		return true
	}
}

// blankLines writes an empty line (variant 0) or a line of only
// delimiters (variant 1) into a file.
func blankLines(file func(g *generator) *csvFile) func(*messer, *period, int) bool {
	return always(func(m *messer, p *period, v int) {
		f := file(m.g)
		if v == 0 {
			m.blank(f, "", IrregEmptyLine)
		} else {
			m.blank(f, strings.Repeat(string(f.d.delim), f.columns-1), IrregDelimiterOnlyLine)
		}
	})
}

// blank writes a line ingest skips without counting it.
func (m *messer) blank(f *csvFile, text, kind string) {
	line := f.writeRaw(text, false)
	m.g.irregular(f, line, "", kind, "", nil)
}

// duplicateQuestionnaire sends the questionnaire just written for p again,
// answered a few days later: loaded and flagged, the earlier one is used.
func (m *messer) duplicateQuestionnaire(p *period, instrument int) bool {
	last := m.lastQ[instrument]
	f, rw, style := m.g.swem, m.g.sr, dateISO
	if instrument == 1 {
		f, rw, style = m.g.part, m.g.pr, dateFinnish
	}
	day := last.day + 2 + m.r.IntN(6)
	if last.num != p.num || last.byClient || last.noTP || last.rowsAt != f.rows || day > m.g.exp {
		return false
	}
	dup := rw.clone()
	dup.f[qDate] = appendDate(dup.f[qDate][:0], day, style)
	line := f.write(dup)
	m.g.irregular(f, line, "", IrregDuplicateQuest, timepointsEN[last.tp], p)
	return true
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
