package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"github.com/linkki-fi/linkki/data"
	"github.com/linkki-fi/linkki/internal/project"
)

// SupportPeriod is what matching needs of one current referral.
type SupportPeriod struct {
	ReferralID      string
	ClientPseudonym string
	ReferralDate    date
	Start, End      date // zero when not known
	Started         bool // start_date present and end_reason is not not_started
}

// referralIndex holds the current referrals, loaded once per file: matching
// is decided at ingest against the referrals known then.
type referralIndex struct {
	byID     map[string]*SupportPeriod
	byClient map[string][]*SupportPeriod
}

// loadReferralIndex reads the current referrals into one slice (a million
// referrals are a few hundred MB, so no per-row allocations); withClients
// also indexes them by client pseudonym, which only questionnaires need.
func loadReferralIndex(ctx context.Context, q queryer, withClients bool) (*referralIndex, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM referrals`).Scan(&n); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, sqlText("referral_index.sql"), withClients)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	periods := make([]SupportPeriod, 0, n)
	for rows.Next() {
		var p SupportPeriod
		var start, end sql.NullTime
		var endReason string
		if err := rows.Scan(&p.ReferralID, &p.ClientPseudonym, &p.ReferralDate, &start, &end, &endReason); err != nil {
			return nil, err
		}
		p.Start, p.End = start.Time, end.Time
		p.Started = start.Valid && endReason != "not_started"
		periods = append(periods, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	idx := &referralIndex{byID: make(map[string]*SupportPeriod, len(periods))}
	if withClients {
		idx.byClient = make(map[string][]*SupportPeriod, len(periods))
	}
	for i := range periods {
		p := &periods[i]
		idx.byID[p.ReferralID] = p
		if withClients {
			idx.byClient[p.ClientPseudonym] = append(idx.byClient[p.ClientPseudonym], p)
		}
	}
	return idx, nil
}

// outsidePeriod reports whether a meeting falls outside its support period
// (bounds inclusive); a period not started yet has no bounds to judge by.
func (p *SupportPeriod) outsidePeriod(d date) bool {
	return !p.Start.IsZero() && d.Before(p.Start) || !p.End.IsZero() && d.After(p.End)
}

// attachment is where a questionnaire goes.
type attachment struct {
	period    *SupportPeriod
	matchedBy string // referral_id | client_id
	timepoint string
	inferred  bool
}

// attach matches a questionnaire to a support period (input contract,
// "Questionnaires"): by referral_id when given (a different client_id is a
// key_conflict), else by client_id to the one started period whose window
// [start − before, end + after] (open-ended while ongoing) holds the response
// date. No period yet gives data.ReasonOrphan (held), several data.ReasonAmbiguousMatch.
func attach(q Questionnaire, idx *referralIndex, sm project.SupportModelSettings) (attachment, *fieldError) {
	var a attachment
	switch {
	case q.ReferralID != "":
		p, ok := idx.byID[q.ReferralID]
		if !ok {
			return a, fieldErrorf("referral_id", data.ReasonOrphan,
				"referral %q is not known yet; the questionnaire is held until it arrives", q.ReferralID)
		}
		if q.ClientPseudonym != "" && q.ClientPseudonym != p.ClientPseudonym {
			return a, fieldErrorf("client_id", data.ReasonKeyConflict,
				"client_id belongs to another client than referral %q", q.ReferralID)
		}
		a.period, a.matchedBy = p, "referral_id"
	default:
		var found []*SupportPeriod
		for _, p := range idx.byClient[q.ClientPseudonym] {
			if !p.Started {
				continue
			}
			from := p.Start.AddDate(0, 0, -sm.MatchWindowBeforeDays)
			if q.ResponseDate.Before(from) {
				continue
			}
			if !p.End.IsZero() && q.ResponseDate.After(p.End.AddDate(0, 0, sm.MatchWindowAfterDays)) {
				continue
			}
			found = append(found, p)
		}
		switch len(found) {
		case 0:
			return a, fieldErrorf("client_id", data.ReasonOrphan,
				"no started support period of this client covers %s yet; the questionnaire is held until one arrives", isoDate(q.ResponseDate))
		case 1:
			a.period, a.matchedBy = found[0], "client_id"
		default:
			return a, fieldErrorf("client_id", data.ReasonAmbiguousMatch,
				"%d support periods of this client (%s, %s, …) cover %s; give referral_id",
				len(found), found[0].ReferralID, found[1].ReferralID, isoDate(q.ResponseDate))
		}
	}
	a.timepoint = q.Timepoint
	if a.timepoint == "" {
		a.timepoint, a.inferred = inferTimepoint(a.period, q.ResponseDate, sm.FollowUpDays), true
	}
	return a, nil
}

// timepointAnchor is the date a time point is meant for: T0 the start (the
// referral date before a start is known), T1 the end, T2 the end plus the
// follow-up. ok is false when the period has no end yet for T1/T2.
func timepointAnchor(p *SupportPeriod, tp string, followUpDays int) (date, bool) {
	switch tp {
	case "T0":
		if p.Start.IsZero() {
			return p.ReferralDate, true
		}
		return p.Start, true
	case "T1":
		return p.End, !p.End.IsZero()
	case "T2":
		return p.End.AddDate(0, 0, followUpDays), !p.End.IsZero()
	}
	return date{}, false
}

// inferTimepoint picks the nearest of T0, T1 and T2 to the response date;
// without an end date, T0. Ties go to the earlier time point.
func inferTimepoint(p *SupportPeriod, d date, followUpDays int) string {
	best, bestDist := "T0", math.MaxInt
	for _, tp := range []string{"T0", "T1", "T2"} {
		anchor, ok := timepointAnchor(p, tp, followUpDays)
		if !ok {
			continue
		}
		if dist := absDays(d, anchor); dist < bestDist {
			best, bestDist = tp, dist
		}
	}
	return best
}

func absDays(a, b time.Time) int {
	d := daysBetween(a, b)
	if d < 0 {
		return -d
	}
	return d
}

// farFromTimepoint says when a questionnaire was answered more than the
// tolerance from its time point's anchor date.
func farFromTimepoint(a attachment, d date, sm project.SupportModelSettings) (string, bool) {
	anchor, ok := timepointAnchor(a.period, a.timepoint, sm.FollowUpDays)
	if !ok {
		return "", false
	}
	if dist := absDays(d, anchor); dist > sm.QuestionnaireToleranceDays {
		return fmt.Sprintf("%s questionnaire answered %s, %d days from the time point's date %s (tolerance %d days)",
			a.timepoint, isoDate(d), dist, isoDate(anchor), sm.QuestionnaireToleranceDays), true
	}
	return "", false
}
