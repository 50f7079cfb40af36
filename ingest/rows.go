package ingest

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/linkki-fi/linkki/data"
)

// Warning codes stored in ingest_warnings: loaded rows an evaluator should
// know about.
const (
	WarnUnknownMunicipality     = "unknown_municipality"
	WarnIdentityConflict        = "identity_conflict"
	WarnHoursOverCap            = "hours_over_cap"
	WarnSupportOverSixMonths    = "support_over_six_months"
	WarnMeetingOutsidePeriod    = "meeting_outside_period"
	WarnQuestionnaireFarFromTP  = "questionnaire_far_from_timepoint"
	WarnIgnoredColumn           = "ignored_column"
	WarnReferralKeyConflictHeld = "held_key_conflict"
)

// rowParser turns the fields of one record into canonical values. Its
// methods return the first broken value of the row (the whole row is then
// quarantined) and the warnings of a valid row.
type rowParser struct {
	l      layout
	fields []string
	xlsx   bool // dates may be Excel serial numbers
	pseud  *pseudonymizer
	maxDay int // support_model.max_support_days
	warns  []rowWarning
	// municipalities remembers lookups by the name as written: a file names
	// a few hundred municipalities over and over.
	municipalities map[string]municipalityName
}

type municipalityName struct {
	official string
	known    bool
}

// maxRemembered bounds the remembered names, whatever a file holds.
const maxRemembered = 4096

type rowWarning struct {
	code, msg, subject string
}

func (p *rowParser) warn(code, subject, format string, args ...any) {
	p.warns = append(p.warns, rowWarning{code: code, subject: subject, msg: fmt.Sprintf(format, args...)})
}

// get returns a column's trimmed value, "" when absent or a missing marker.
// Identity codes are masked in every column but client_id (which is only
// ever pseudonymised), so a code typed into a free-text field is not stored.
func (p *rowParser) get(col string) string {
	i, ok := p.l.index[col]
	if !ok || i >= len(p.fields) {
		return ""
	}
	v := strings.TrimSpace(p.fields[i])
	if isMissing(v) {
		return ""
	}
	if col != "client_id" {
		v = maskIdentityCodes(v)
	}
	return v
}

func (p *rowParser) required(col string) (string, *fieldError) {
	v := p.get(col)
	if v == "" {
		return "", fieldErrorf(col, data.ReasonMissingRequired, "%s is required", col)
	}
	return v, nil
}

func (p *rowParser) date(col string, required bool) (date, *fieldError) {
	v := p.get(col)
	if v == "" {
		if required {
			return date{}, fieldErrorf(col, data.ReasonMissingRequired, "%s is required", col)
		}
		return date{}, nil
	}
	if d, ok := parseDate(v); ok {
		return d, nil
	}
	if p.xlsx {
		// A date cell read raw is its serial number (days since 1899-12-30).
		if serial, ok := parseDecimal(v); ok && serial >= 1 && serial < 2958466 {
			t, err := excelize.ExcelDateToTime(serial, false)
			if err == nil {
				return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
			}
		}
	}
	return date{}, fieldErrorf(col, data.ReasonInvalidDate, "%q is not a date (2022-03-07, 7.3.2022) or does not exist", v)
}

func (p *rowParser) decimal(col string) (float64, bool, *fieldError) {
	v := p.get(col)
	if v == "" {
		return 0, false, nil
	}
	f, ok := parseDecimal(v)
	if !ok {
		return 0, false, fieldErrorf(col, data.ReasonInvalidNumber, "%q is not a number", v)
	}
	return f, true, nil
}

func (p *rowParser) category(c category) (string, *fieldError) {
	v := p.get(c.column)
	if v == "" {
		return "", nil
	}
	return c.parse(v)
}

func (p *rowParser) list(c category) ([]string, *fieldError) {
	v := p.get(c.column)
	if v == "" {
		return []string{}, nil
	}
	return c.parseList(v)
}

// municipality maps a name to its official spelling, warning when the name
// is not on the shipped list.
func (p *rowParser) municipality() (string, bool, *fieldError) {
	v, err := p.required("municipality")
	if err != nil {
		return "", false, err
	}
	m, seen := p.municipalities[v]
	if !seen {
		m.official, m.known = data.LookupMunicipality(v)
		if p.municipalities == nil {
			p.municipalities = map[string]municipalityName{}
		}
		if len(p.municipalities) < maxRemembered {
			p.municipalities[v] = m
		}
	}
	if m.known {
		return m.official, true, nil
	}
	p.warn(WarnUnknownMunicipality, "", "municipality %q is not on the list of Finland's municipalities; kept as given", v)
	return v, false, nil
}

// Referral is one row of a referral export in canonical values.
type Referral struct {
	ReferralID         string
	ClientPseudonym    string
	ReferralDate       date
	Municipality       string
	MunicipalityKnown  bool
	ReferrerSector     string
	ReferrerProfession string
	Reasons            []string
	BirthYear          int // 0: unknown
	Gender             string
	LinkWorkerID       string
	StartDate, EndDate date
	EndReason          string
	ResearchConsent    bool
	LinkedServices     []string
	Barriers           []string
}

func (p *rowParser) referral() (r Referral, fe *fieldError) {
	if r.ReferralID, fe = p.required("referral_id"); fe != nil {
		return
	}
	rawClient, fe := p.required("client_id")
	if fe != nil {
		return
	}
	client, fe := p.pseud.parseClientID("client_id", rawClient)
	if fe != nil {
		return
	}
	r.ClientPseudonym = client.pseudonym
	if r.ReferralDate, fe = p.date("referral_date", true); fe != nil {
		return
	}
	if r.Municipality, r.MunicipalityKnown, fe = p.municipality(); fe != nil {
		return
	}
	if _, fe = p.required("referrer_sector"); fe != nil {
		return
	}
	if r.ReferrerSector, fe = p.category(referrerSectors); fe != nil {
		return
	}
	r.ReferrerProfession = p.get("referrer_profession")
	if r.Reasons, fe = p.list(reasonCategories); fe != nil {
		return
	}
	if len(r.Reasons) == 0 {
		return r, fieldErrorf("reasons", data.ReasonMissingRequired, "at least one reason is required")
	}
	if fe = p.birthYearAndGender(&r, client.identity); fe != nil {
		return
	}
	r.LinkWorkerID = p.get("link_worker_id")
	if r.StartDate, fe = p.date("start_date", false); fe != nil {
		return
	}
	if r.EndDate, fe = p.date("end_date", false); fe != nil {
		return
	}
	if r.EndReason, fe = p.category(endReasons); fe != nil {
		return
	}
	if v := p.get("research_consent"); v != "" {
		var b string
		if b, fe = booleans.parse(v); fe != nil {
			return
		}
		r.ResearchConsent = b == "true"
	}
	if r.LinkedServices, fe = p.list(linkedServices); fe != nil {
		return
	}
	if r.Barriers, fe = p.list(barrierCategories); fe != nil {
		return
	}
	if !r.StartDate.IsZero() && r.StartDate.Before(r.ReferralDate) {
		return r, fieldErrorf("start_date", data.ReasonDateOrder, "start_date %s is before referral_date %s", isoDate(r.StartDate), isoDate(r.ReferralDate))
	}
	if !r.EndDate.IsZero() && !r.StartDate.IsZero() && r.EndDate.Before(r.StartDate) {
		return r, fieldErrorf("end_date", data.ReasonDateOrder, "end_date %s is before start_date %s", isoDate(r.EndDate), isoDate(r.StartDate))
	}
	if !r.EndDate.IsZero() && !r.StartDate.IsZero() {
		if days := daysBetween(r.StartDate, r.EndDate); days > p.maxDay {
			p.warn(WarnSupportOverSixMonths, "", "support period lasted %d days (more than %d)", days, p.maxDay)
		}
	}
	return r, nil
}

// birthYearAndGender takes them from a valid identity code, which wins over
// the columns (a disagreement is a warning), else validates the columns.
func (p *rowParser) birthYearAndGender(r *Referral, ic *identityCode) *fieldError {
	by, g := p.get("birth_year"), p.get("gender")
	if ic != nil {
		r.BirthYear, r.Gender = ic.birthYear, ic.gender
		if n, ok := parseInteger(by); by != "" && (!ok || n != ic.birthYear) {
			p.warn(WarnIdentityConflict, "", "birth_year %q differs from the identity code's %d; the identity code is used", by, ic.birthYear)
		}
		if code, err := genders.parse(g); g != "" && (err != nil || code != ic.gender) {
			p.warn(WarnIdentityConflict, "", "gender %q differs from the identity code's %s; the identity code is used", g, ic.gender)
		}
		return nil
	}
	if by != "" {
		n, ok := parseInteger(by)
		if !ok {
			return fieldErrorf("birth_year", data.ReasonInvalidNumber, "%q is not a year", by)
		}
		if n < 1900 || n > r.ReferralDate.Year() {
			return fieldErrorf("birth_year", data.ReasonOutOfRange, "birth year %d is not between 1900 and the referral year %d", n, r.ReferralDate.Year())
		}
		r.BirthYear = n
	}
	var fe *fieldError
	r.Gender, fe = p.category(genders)
	return fe
}

// Meeting is one row of a meeting log.
type Meeting struct {
	ReferralID  string  `json:"referral_id"`
	MeetingDate date    `json:"meeting_date"`
	Hours       float64 `json:"hours"`
	Km          float64 `json:"km"`
	HasKm       bool    `json:"has_km"`
	Activity    string  `json:"activity"`
}

func (p *rowParser) meeting() (m Meeting, fe *fieldError) {
	if m.ReferralID, fe = p.required("referral_id"); fe != nil {
		return
	}
	if m.MeetingDate, fe = p.date("meeting_date", true); fe != nil {
		return
	}
	if _, fe = p.required("hours"); fe != nil {
		return
	}
	if m.Hours, _, fe = p.decimal("hours"); fe != nil {
		return
	}
	if m.Hours <= 0 || m.Hours > 10 {
		return m, fieldErrorf("hours", data.ReasonOutOfRange, "%g hours is not more than 0 and at most 10", m.Hours)
	}
	if m.Km, m.HasKm, fe = p.decimal("km"); fe != nil {
		return
	}
	if m.Km < 0 {
		return m, fieldErrorf("km", data.ReasonOutOfRange, "%g km is negative", m.Km)
	}
	m.Activity, fe = p.category(activities)
	return m, fe
}

// Questionnaire is one SWEMWBS (items q1–q7) or ESIS (p1–p10) answer sheet
// before it is attached to a referral.
type Questionnaire struct {
	ReferralID      string `json:"referral_id"`
	ClientPseudonym string `json:"client_pseudonym"`
	Timepoint       string `json:"timepoint"` // "" when the file had none
	ResponseDate    date   `json:"response_date"`
	Items           []int8 `json:"items"` // 0: missing
}

func (p *rowParser) questionnaire(items []string) (q Questionnaire, fe *fieldError) {
	q.ReferralID = p.get("referral_id")
	if raw := p.get("client_id"); raw != "" {
		c, fe := p.pseud.parseClientID("client_id", raw)
		if fe != nil {
			return q, fe
		}
		q.ClientPseudonym = c.pseudonym
	}
	if q.ReferralID == "" && q.ClientPseudonym == "" {
		return q, fieldErrorf("referral_id", data.ReasonMissingRequired, "referral_id or client_id is required")
	}
	if q.Timepoint, fe = p.category(timepoints); fe != nil {
		return
	}
	if q.ResponseDate, fe = p.date("response_date", true); fe != nil {
		return
	}
	q.Items = make([]int8, len(items))
	for i, col := range items {
		if v := p.get(col); v != "" {
			if q.Items[i], fe = parseItem(col, v); fe != nil {
				return
			}
		}
	}
	return q, nil
}

// The item columns of SWEMWBS and ESIS, named once rather than for every
// item of every row.
var (
	swemwbsItems       = numbered("q", 7)
	participationItems = numbered("p", 10)
)

func numbered(prefix string, n int) []string {
	cols := make([]string, n)
	for i := range cols {
		cols[i] = fmt.Sprintf("%s%d", prefix, i+1)
	}
	return cols
}

// SurveySheet is one link worker's answer sheet.
type SurveySheet struct {
	RespondentID string
	SurveyDate   date
	Municipality string
	Values       []int8 // per statement of the layout, 0: unanswered
}

func (p *rowParser) surveySheet() (s SurveySheet, fe *fieldError) {
	if s.RespondentID, fe = p.required("respondent_id"); fe != nil {
		return
	}
	if s.SurveyDate, fe = p.date("survey_date", true); fe != nil {
		return
	}
	if s.Municipality, _, fe = p.municipality(); fe != nil {
		return
	}
	s.Values = make([]int8, len(p.l.statements))
	for i, st := range p.l.statements {
		v := ""
		if st.pos < len(p.fields) && !isMissing(p.fields[st.pos]) {
			v = strings.TrimSpace(p.fields[st.pos])
		}
		if v == "" {
			continue
		}
		n, ok := parseInteger(v)
		if !ok {
			return s, fieldErrorf(st.text, data.ReasonInvalidNumber, "%q is not an answer 1–5", v)
		}
		if n < 1 || n > 5 {
			return s, fieldErrorf(st.text, data.ReasonOutOfRange, "%d is outside 1–5", n)
		}
		s.Values[i] = int8(n)
	}
	return s, nil
}

func isoDate(d date) string { return d.Format("2006-01-02") }

func daysBetween(a, b date) int { return int(b.Sub(a).Hours() / 24) }
