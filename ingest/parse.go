package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"sync"

	"github.com/linkki-fi/linkki/data"
	"github.com/linkki-fi/linkki/ingest/dialect"
)

// parsedRow is one record after the part of its validation that depends on
// nothing but the record and the referrals known before the file: values
// parsed, client ids pseudonymised, the support period looked up. What
// depends on earlier rows of the file (duplicates, counts, batches) is left
// to readRows, which takes parsed rows in file order.
type parsedRow struct {
	line   int
	fields []string    // the record, for a quarantined row's raw_row
	raw    string      // a malformed record as read (fields is nil then)
	fe     *fieldError // the first broken value; the row is quarantined
	warns  []rowWarning

	referral Referral
	meeting  Meeting
	period   SupportPeriod // a meeting's support period, when known
	periodNo int32         // its number in the referral index
	known    bool
	q        Questionnaire
	att      attachment
	survey   SurveySheet
	sheet    string // hash of a survey answer sheet
}

// parseJob is a run of consecutive records parsed by one worker; done is
// closed when rows are ready. err ends the file after the records (io.EOF
// at the end).
type parseJob struct {
	recs      []dialect.Record
	malformed []*dialect.MalformedError
	rows      []parsedRow
	err       error
	done      chan struct{}
}

// parsedRows recycles the rows of parsed jobs. A parsedRow is large (it
// holds any kind's row), so a fresh slice per job meant allocating and
// zeroing gigabytes for ten million meetings.
var parsedRows = rowPool{pool: sync.Pool{New: func() any { return new([]parsedRow) }}}

type rowPool struct{ pool sync.Pool }

// get gives n rows, each reset by parseRecord before use.
func (p *rowPool) get(n int) []parsedRow {
	rows := p.pool.Get().(*[]parsedRow)
	if cap(*rows) < n {
		*rows = make([]parsedRow, n)
	}
	return (*rows)[:n]
}

// put takes rows back once the sequencer is done with them.
func (p *rowPool) put(rows []parsedRow) {
	p.pool.Put(&rows)
}

// parseJobRecords keeps a job small enough that workers take turns evenly
// and large enough that the hand-over costs nothing per record.
const parseJobRecords = 2048

// parseWorkers is how many goroutines parse; with reading, ordering and
// DuckDB's inserting beside them, more than the cores would only queue.
func parseWorkers() int { return max(1, min(runtime.GOMAXPROCS(0), 4)) }

// parseInOrder reads src in a goroutine, has parse workers parse runs of
// records in parallel and yields the jobs in file order. Cancel ctx and
// call the returned wait before closing src.
func (g *ingester) parseInOrder(ctx context.Context, src *source, in *input, idx *referralIndex) (<-chan *parseJob, func()) {
	workers := parseWorkers()
	ordered := make(chan *parseJob, 2*workers)
	jobs := make(chan *parseJob, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := g.newRowParser(in)
			for j := range jobs {
				j.rows = parsedRows.get(len(j.recs))
				for i := range j.recs {
					g.parseRecord(p, in, j.recs[i], j.malformed[i], idx, &j.rows[i])
				}
				close(j.done)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(ordered)
		defer close(jobs)
		for {
			j := &parseJob{done: make(chan struct{}), recs: make([]dialect.Record, 0, parseJobRecords),
				malformed: make([]*dialect.MalformedError, 0, parseJobRecords)}
			for len(j.recs) < parseJobRecords {
				rec, me, err := src.next()
				if err != nil {
					j.err = err
					break
				}
				j.recs = append(j.recs, rec)
				j.malformed = append(j.malformed, me)
			}
			select {
			case ordered <- j:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
			if j.err != nil {
				return
			}
		}
	}()
	return ordered, wg.Wait
}

// newRowParser gives a parse worker its own parser: the pseudonymiser's
// HMAC state and the remembered municipalities are not shared.
func (g *ingester) newRowParser(in *input) *rowParser {
	return &rowParser{l: in.layout, xlsx: in.xlsx, pseud: newPseudonymizer(g.key), maxDay: g.s.SupportModel.MaxSupportDays}
}

// parseRecord parses and checks one record of the file's kind into pr,
// which is large enough that returning it by value would cost a copy.
func (g *ingester) parseRecord(p *rowParser, in *input, rec dialect.Record, me *dialect.MalformedError, idx *referralIndex, pr *parsedRow) {
	*pr = parsedRow{} // a recycled row may hold another record's values
	if me != nil {
		pr.line, pr.raw = me.Line, me.Raw
		pr.fe = &fieldError{reason: data.ReasonMalformedRow, msg: me.Error()}
		return
	}
	pr.line, pr.fields = rec.Line, rec.Fields
	if len(rec.Fields) != in.layout.width {
		pr.fe = &fieldError{reason: data.ReasonMalformedRow,
			msg: fmt.Sprintf("line %d has %d fields, the header has %d", rec.Line, len(rec.Fields), in.layout.width)}
		return
	}
	p.fields, p.warns = rec.Fields, nil
	switch in.layout.kind {
	case KindReferrals:
		pr.referral, pr.fe = p.referral()
	case KindMeetings:
		if pr.meeting, pr.fe = p.meeting(); pr.fe == nil {
			if pr.periodNo = idx.find(pr.meeting.ReferralID); pr.periodNo >= 0 {
				pr.period, pr.known = idx.period(pr.periodNo), true
			}
		}
	case KindSwemwbs, KindParticipation:
		items := swemwbsItems
		if in.layout.kind == KindParticipation {
			items = participationItems
		}
		if pr.q, pr.fe = p.questionnaire(items); pr.fe == nil {
			pr.att, pr.fe = attach(pr.q, idx, g.s.SupportModel)
		}
	case KindWorkerSurvey:
		if pr.survey, pr.fe = p.surveySheet(); pr.fe == nil {
			pr.sheet = sheetHash(pr.survey, p.l.statements)
		}
	}
	pr.warns = p.warns
}

// sheetHash identifies a survey answer sheet by everything on it, so that a
// re-sent sheet is recognised as unchanged.
func sheetHash(s SurveySheet, statements []statement) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s", s.RespondentID, isoDate(s.SurveyDate), s.Municipality)
	for i, st := range statements {
		fmt.Fprintf(h, "\x00%s\x00%d", st.text, s.Values[i])
	}
	return hex.EncodeToString(h.Sum(nil))
}
