package ingest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"hash/maphash"
	"math"
	"time"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"

	"github.com/linkki-fi/linkki/data"
	"github.com/linkki-fi/linkki/internal/project"
)

// SupportPeriod is what matching needs of one current referral.
type SupportPeriod struct {
	ReferralID   string
	ReferralDate date
	Start, End   date // zero when not known
	Started      bool // start_date present and end_reason is not not_started
}

// referralIndex holds the current referrals, loaded once per run of files
// that do not change them: matching is decided at ingest against the
// referrals known then. A million referrals are kept without a single
// pointer per referral (ids and pseudonyms in arenas, dates as day
// numbers, hash tables of int32), so that the garbage collector, which
// walks every pointer on each cycle, does not rescan them all the time.
type referralIndex struct {
	ids     stringTable // referral_id → period
	periods []periodDays
	// clients numbers the client pseudonyms; firstPeriod gives a client's
	// first period and nextOfClient chains the others. Loaded only for
	// questionnaires.
	clients        *stringTable
	clientOfPeriod []int32
	firstPeriod    []int32 // per client
	nextOfClient   []int32 // per period, -1 at the end
}

// periodDays are a period's dates as days since 1970-01-01, noDay when
// unknown.
type periodDays struct {
	referral, start, end int32
	started              bool
}

const noDay = math.MinInt32

func dayDate(n int32) date {
	if n == noDay {
		return date{}
	}
	return time.Unix(int64(n)*86400, 0).UTC()
}

// period gives the i-th period; its ReferralID shares the arena's memory.
func (x *referralIndex) period(i int32) SupportPeriod {
	d := x.periods[i]
	return SupportPeriod{ReferralID: x.ids.key(i), ReferralDate: dayDate(d.referral),
		Start: dayDate(d.start), End: dayDate(d.end), Started: d.started}
}

// byID finds a referral's period.
func (x *referralIndex) byID(referralID string) (SupportPeriod, bool) {
	i := x.find(referralID)
	if i < 0 {
		return SupportPeriod{}, false
	}
	return x.period(i), true
}

// find gives the number of a referral's period, -1 when unknown.
func (x *referralIndex) find(referralID string) int32 { return x.ids.find(referralID) }

// loadReferralIndex reads the current referrals through Arrow; withClients
// also indexes them by client pseudonym, which only questionnaires need.
func loadReferralIndex(ctx context.Context, conn *sql.Conn, withClients bool) (*referralIndex, error) {
	// Sizing the arenas up front: growing them by appending copied the
	// million pseudonyms' 64 MB over and over (a second at 1M referrals).
	var n, idBytes, clientBytes int
	if err := conn.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(strlen(referral_id)), 0),
		coalesce(sum(strlen(client_pseudonym)), 0) FROM referrals`).Scan(&n, &idBytes, &clientBytes); err != nil {
		return nil, err
	}
	x := &referralIndex{ids: newStringTable(n, idBytes), periods: make([]periodDays, 0, n)}
	if withClients {
		clients := newStringTable(n, clientBytes)
		x.clients = &clients
		x.clientOfPeriod = make([]int32, 0, n)
		x.nextOfClient = make([]int32, 0, n)
	}
	err := withArrow(conn, func(ar *duckdb.Arrow, _ driver.ExecerContext) error {
		rdr, err := ar.QueryContext(ctx, sqlText("referral_index.sql"), withClients)
		if err != nil {
			return err
		}
		defer rdr.Release()
		for rdr.Next() {
			rec := rdr.RecordBatch()
			ids, ok1 := rec.Column(0).(*array.String)
			clients, ok2 := rec.Column(1).(*array.String)
			refDates, ok3 := rec.Column(2).(*array.Date32)
			starts, ok4 := rec.Column(3).(*array.Date32)
			ends, ok5 := rec.Column(4).(*array.Date32)
			started, ok6 := rec.Column(5).(*array.Boolean)
			if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
				return fmt.Errorf("referral index: unexpected column types %s", rec.Schema())
			}
			for r := 0; r < int(rec.NumRows()); r++ {
				i := x.ids.add(ids.Value(r))
				if int(i) != len(x.periods) {
					return fmt.Errorf("referral index: referral %q twice", ids.Value(r))
				}
				d := periodDays{referral: int32(refDates.Value(r)), start: noDay, end: noDay, started: started.Value(r)}
				if starts.IsValid(r) {
					d.start = int32(starts.Value(r))
				}
				if ends.IsValid(r) {
					d.end = int32(ends.Value(r))
				}
				x.periods = append(x.periods, d)
				if withClients {
					x.linkClient(clients.Value(r), i)
				}
			}
		}
		return rdr.Err()
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// linkClient chains period i to its client's periods, in load order.
func (x *referralIndex) linkClient(pseudonym string, i int32) {
	x.nextOfClient = append(x.nextOfClient, -1)
	c := x.clients.find(pseudonym)
	if c < 0 {
		c = x.clients.add(pseudonym)
		x.firstPeriod = append(x.firstPeriod, i)
		x.clientOfPeriod = append(x.clientOfPeriod, c)
		return
	}
	x.clientOfPeriod = append(x.clientOfPeriod, c)
	last := x.firstPeriod[c]
	for x.nextOfClient[last] >= 0 {
		last = x.nextOfClient[last]
	}
	x.nextOfClient[last] = i
}

// firstOfClient gives a client's first period, -1 for an unknown client.
func (x *referralIndex) firstOfClient(pseudonym string) int32 {
	c := x.clients.find(pseudonym)
	if c < 0 {
		return -1
	}
	return x.firstPeriod[c]
}

// stringTable numbers distinct strings 0, 1, 2 … in the order added: an
// open-addressing hash table over one byte arena, without pointers.
type stringTable struct {
	arena []byte
	ends  []uint32 // entry i is arena[ends[i-1]:ends[i]]
	slots []int32  // entry+1, 0 for an empty slot
	seed  maphash.Seed
}

// newStringTable makes room for capacity strings of bytes bytes in all.
func newStringTable(capacity, bytes int) stringTable {
	size := 1
	for size < 2*capacity+2 {
		size <<= 1
	}
	return stringTable{arena: make([]byte, 0, bytes), slots: make([]int32, size), ends: make([]uint32, 0, capacity), seed: maphash.MakeSeed()}
}

// key gives entry i without copying it: the arena is only ever appended to,
// so its bytes never change, and a copy per lookup was ten million small
// allocations for the meetings of a national export.
func (t *stringTable) key(i int32) string {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	if start == t.ends[i] {
		return ""
	}
	return unsafe.String(&t.arena[start], int(t.ends[i]-start))
}

func (t *stringTable) equal(i int32, s string) bool {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return string(t.arena[start:t.ends[i]]) == s
}

// find gives the entry of s, -1 when absent.
func (t *stringTable) find(s string) int32 {
	mask := uint64(len(t.slots) - 1)
	for h := maphash.String(t.seed, s) & mask; ; h = (h + 1) & mask {
		e := t.slots[h]
		if e == 0 {
			return -1
		}
		if t.equal(e-1, s) {
			return e - 1
		}
	}
}

// add stores s (which must not be there yet) and gives its entry.
func (t *stringTable) add(s string) int32 {
	if 2*(len(t.ends)+1) > len(t.slots) {
		t.grow()
	}
	i := int32(len(t.ends))
	t.arena = append(t.arena, s...)
	t.ends = append(t.ends, uint32(len(t.arena)))
	t.place(i, s)
	return i
}

func (t *stringTable) place(i int32, s string) {
	mask := uint64(len(t.slots) - 1)
	h := maphash.String(t.seed, s) & mask
	for t.slots[h] != 0 {
		h = (h + 1) & mask
	}
	t.slots[h] = i + 1
}

func (t *stringTable) grow() {
	t.slots = make([]int32, 2*len(t.slots))
	for i := range int32(len(t.ends)) {
		t.place(i, t.key(i))
	}
}

// outsidePeriod reports whether a meeting falls outside its support period
// (bounds inclusive); a period not started yet has no bounds to judge by.
func (p *SupportPeriod) outsidePeriod(d date) bool {
	return !p.Start.IsZero() && d.Before(p.Start) || !p.End.IsZero() && d.After(p.End)
}

// attachment is where a questionnaire goes.
type attachment struct {
	period    SupportPeriod
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
		i := idx.ids.find(q.ReferralID)
		if i < 0 {
			return a, fieldErrorf("referral_id", data.ReasonOrphan,
				"referral %q is not known yet; the questionnaire is held until it arrives", q.ReferralID)
		}
		if q.ClientPseudonym != "" && !idx.clients.equal(idx.clientOfPeriod[i], q.ClientPseudonym) {
			return a, fieldErrorf("client_id", data.ReasonKeyConflict,
				"client_id belongs to another client than referral %q", q.ReferralID)
		}
		a.period, a.matchedBy = idx.period(i), "referral_id"
	default:
		var found []SupportPeriod
		for i := idx.firstOfClient(q.ClientPseudonym); i >= 0; i = idx.nextOfClient[i] {
			p := idx.period(i)
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
		a.timepoint, a.inferred = inferTimepoint(&a.period, q.ResponseDate, sm.FollowUpDays), true
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
	anchor, ok := timepointAnchor(&a.period, a.timepoint, sm.FollowUpDays)
	if !ok {
		return "", false
	}
	if dist := absDays(d, anchor); dist > sm.QuestionnaireToleranceDays {
		return fmt.Sprintf("%s questionnaire answered %s, %d days from the time point's date %s (tolerance %d days)",
			a.timepoint, isoDate(d), dist, isoDate(anchor), sm.QuestionnaireToleranceDays), true
	}
	return "", false
}
