package ingest

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/template"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/duckdb/duckdb-go/v2"

	"github.com/linkki-fi/linkki/data"
	"github.com/linkki-fi/linkki/ingest/dialect"
	"github.com/linkki-fi/linkki/internal/project"
)

//go:embed sql/*.sql
var sqlFS embed.FS

func sqlText(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name)
	if err != nil {
		panic(fmt.Sprintf("ingest: embedded sql/%s missing: %v", name, err)) // a build defect
	}
	return string(b)
}

// rowTables describes the keyless tables compared as multisets.
type rowTable struct {
	Table   string
	Columns string
	Join    string
}

func newRowTable(table string, cols ...string) rowTable {
	joins := make([]string, len(cols))
	for i, c := range cols {
		joins[i] = fmt.Sprintf("s.%s IS NOT DISTINCT FROM e.%s", c, c)
	}
	return rowTable{Table: table, Columns: strings.Join(cols, ", "), Join: strings.Join(joins, " AND ")}
}

var (
	meetingsTable      = newRowTable("meetings", "referral_id", "meeting_date", "hours", "km", "activity")
	questionnaireCols  = []string{"referral_id", "client_pseudonym", "matched_by", "timepoint", "timepoint_inferred", "response_date"}
	swemwbsTable       = newRowTable("swemwbs_responses", append(questionnaireCols, "q1", "q2", "q3", "q4", "q5", "q6", "q7")...)
	participationTable = newRowTable("participation_responses", append(questionnaireCols, "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10")...)
	keylessTables      = map[Kind]rowTable{KindMeetings: meetingsTable, KindSwemwbs: swemwbsTable, KindParticipation: participationTable}
)

func (t rowTable) render(name string) string {
	var b bytes.Buffer
	template.Must(template.New(name).Parse(sqlText(name))).Execute(&b, t)
	return b.String()
}

// ingester runs one Files call on one connection.
type ingester struct {
	conn *sql.Conn
	s    project.Settings
	opts Options
	key  []byte // the pseudonym key; each parse worker has its own HMAC
	// index holds the current referrals between files that do not change
	// them.
	index *referralIndex
	// schemas are the Arrow schemas of batchTables, read once.
	schemas map[string]*arrow.Schema
}

// fileRun is one file's transaction in progress.
type fileRun struct {
	in     *input
	seq    int64
	r      *FileReport
	cur    *batch // rows being collected, see withBatches
	staged int64  // valid rows (sheets) of this file appended to their table
	// own is true while the file's own rows are read: keyless rows then go
	// straight into their table (no copy of millions of rows from staging);
	// released held rows go through staging.
	own bool
	// others says the file's keyless table held rows of other files when
	// the file began; without them none of its rows can be unchanged.
	others bool
	// monthHours sums a first meetings file's hours per support period and
	// month while it is read, for the hours_over_cap check: summing ten
	// million uncommitted rows in SQL afterwards took several seconds, as
	// DuckDB scans a transaction's own rows on one thread. Nil when other
	// files' meetings are stored, which the SQL check then sums.
	monthHours *monthHours
}

// target is the table a keyless row goes to.
func (fr *fileRun) target(table string) string {
	if fr.own {
		return table
	}
	return "stage_" + table
}

func (g *ingester) file(ctx context.Context, in *input, r *FileReport) error {
	r.Kind, r.Hash, r.Encoding, r.Sheet = in.layout.kind, in.hash, in.encoding, in.sheet
	r.IgnoredColumns = in.layout.ignored
	var known int
	if err := g.conn.QueryRowContext(ctx, `SELECT count(*) FROM ingest_files WHERE file_hash = $1`, in.hash).Scan(&known); err != nil {
		return err
	}
	if known > 0 {
		r.Skipped = true
		return nil
	}
	src, err := openSource(in, g.opts)
	if err != nil {
		return err
	}
	defer src.close()
	if !in.xlsx {
		r.Delimiter = dialect.DelimiterName(in.delimiter)
	}
	if _, err := g.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			g.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	fr := &fileRun{in: in, r: r}
	if err := g.conn.QueryRowContext(ctx, `SELECT coalesce(max(file_seq), 0) + 1 FROM ingest_files`).Scan(&fr.seq); err != nil {
		return err
	}
	if _, err := g.conn.ExecContext(ctx, sqlText("stage_tables.sql")); err != nil {
		return fmt.Errorf("staging tables: %w", err)
	}
	var idx *referralIndex
	switch in.layout.kind {
	case KindReferrals:
		defer func() { g.index = nil }() // changed or not, reload from the database
	case KindMeetings, KindSwemwbs, KindParticipation:
		if idx, err = g.referralIndex(ctx, in.layout.kind != KindMeetings); err != nil {
			return fmt.Errorf("load referrals: %w", err)
		}
	}
	switch in.layout.kind {
	case KindMeetings, KindSwemwbs, KindParticipation:
		t := keylessTables[in.layout.kind]
		if err := g.conn.QueryRowContext(ctx, t.render("own_others.sql"), in.hash).Scan(&fr.others); err != nil {
			return fmt.Errorf("compare %s: %w", t.Table, err)
		}
		if in.layout.kind == KindMeetings && !fr.others {
			fr.monthHours = newMonthHours(idx)
		}
	}
	fr.own = true
	err = g.withOneThread(ctx, func() error {
		return g.withBatches(ctx, fr, func(w *batchWriter) error { return g.readFile(ctx, src, fr, idx, w) })
	})
	fr.own = false
	if err != nil {
		return err
	}
	if err := g.apply(ctx, fr); err != nil {
		return err
	}
	sum := r.Inserted + r.Updated + r.Unchanged + r.Quarantined
	if sum != r.RowsRead {
		return fmt.Errorf("internal accounting error: %d rows read but %d accounted for", r.RowsRead, sum)
	}
	if g.opts.Strict && r.Quarantined > 0 {
		r.RolledBack = true
		r.Inserted, r.Updated, r.Unchanged, r.Released, r.Warnings = 0, 0, 0, 0, 0
		return nil // the deferred ROLLBACK undoes the file
	}
	now := time.Now
	if g.opts.Now != nil {
		now = g.opts.Now
	}
	var delim, sheet any
	if !in.xlsx {
		delim = r.Delimiter
	} else {
		sheet = in.sheet
	}
	if _, err := g.conn.ExecContext(ctx, sqlText("ingest_file.sql"), in.hash, fr.seq, in.name, in.path, string(in.layout.kind),
		in.size, in.encoding, delim, sheet, now().UTC(), r.RowsRead, r.Inserted, r.Updated, r.Unchanged, r.Quarantined, r.Released); err != nil {
		return fmt.Errorf("register file: %w", err)
	}
	if _, err := g.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	done = true
	return nil
}

// referralIndex gives the current referrals, loaded once for the files
// after the last referral file; the client pseudonyms, which only
// questionnaires need, are loaded when first needed.
func (g *ingester) referralIndex(ctx context.Context, withClients bool) (*referralIndex, error) {
	if g.index != nil && (g.index.clients != nil || !withClients) {
		return g.index, nil
	}
	g.index = nil // let the collector have the old one before the new one is read
	idx, err := loadReferralIndex(ctx, g.conn, withClients)
	if err != nil {
		return nil, err
	}
	g.index = idx
	return idx, nil
}

// withOneThread runs fn, the reading of a file, with DuckDB on one thread.
// Its inserts come one batch at a time anyway, and a second DuckDB thread
// only spun for work while the Go parsers needed the core: at 1M referrals
// the meetings file took 15 s and 23 CPU-s instead of 23 s and 38 CPU-s.
// The per-file SQL after the reading gets settings' threads back.
func (g *ingester) withOneThread(ctx context.Context, fn func() error) error {
	if _, err := g.conn.ExecContext(ctx, "SET threads = 1"); err != nil {
		return err
	}
	err := fn()
	if _, rerr := g.conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("SET threads = %d", g.s.Database.Threads)); rerr != nil && err == nil {
		err = rerr
	}
	return err
}

// withBatches runs fn with fr.cur collecting rows on the file's transaction
// and inserts what it collected. fn gets the writer to insert full batches
// itself.
func (g *ingester) withBatches(ctx context.Context, fr *fileRun, fn func(w *batchWriter) error) error {
	return withArrow(g.conn, func(ar *duckdb.Arrow, execer driver.ExecerContext) (err error) {
		if g.schemas == nil {
			if g.schemas, err = loadSchemas(ctx, ar); err != nil {
				return err
			}
		}
		w := &batchWriter{conn: execer, arrow: ar, schemas: g.schemas}
		fr.cur = w.newBatch()
		defer func() { fr.cur = nil }()
		if err := fn(w); err != nil {
			return err
		}
		if err := w.insert(ctx, fr.cur); err != nil {
			return err
		}
		_, err = execer.ExecContext(ctx, "DROP VIEW IF EXISTS "+batchView, nil)
		return err
	})
}

// row starts a row of table in the batch being collected.
func (fr *fileRun) row(table string) *rowWriter { return fr.cur.row(table) }

// quarantine records a rejected row, identity codes masked.
func (fr *fileRun) quarantine(line int, column, reason, msg, raw string) error {
	fr.r.Quarantined++
	fr.r.QuarantinedByReason[reason]++
	return fr.row("quarantine").str(fr.in.hash).str(fr.in.name).int64(fr.seq).int64(int64(line)).
		optStr(maskIdentityCodes(column)).str(reason).str(maskIdentityCodes(msg)).str(maskIdentityCodes(raw)).end()
}

func (fr *fileRun) warn(hash string, seq int64, line int, referralID string, w rowWarning) error {
	return fr.row("stage_ingest_warnings").str(hash).int64(seq).int64(int64(line)).optStr(referralID).
		str(w.code).str(maskIdentityCodes(w.msg)).optStr(w.subject).end()
}

const progressEvery = 8192

// readFile reads the file's rows in a goroutine that hands full batches to
// this one, which inserts them: reading, parsing (in parallel, see
// parseInOrder) and DuckDB's writing run side by side instead of in turn.
// Batches are reused once inserted.
func (g *ingester) readFile(ctx context.Context, src *source, fr *fileRun, idx *referralIndex, w *batchWriter) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Three batches circulate: one filling, one waiting, one inserting. A
	// batch is only ever reused, so its Arrow buffers keep the capacity
	// they grew to instead of growing from nothing again.
	full := make(chan *batch, 1)
	free := make(chan *batch, 2)
	free <- w.newBatch()
	free <- w.newBatch()
	var readErr error
	go func() {
		defer close(full)
		handOff := func() error {
			select {
			case full <- fr.cur:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case fr.cur = <-free:
			case <-ctx.Done():
				return ctx.Err()
			}
			return nil
		}
		if readErr = g.readRows(ctx, src, fr, idx, handOff); readErr == nil && fr.monthHours != nil {
			readErr = fr.monthHours.stageOverCap(fr, g.s.SupportModel.MaxHoursPerMonth)
		}
		if readErr == nil {
			readErr = handOff()
		}
	}()
	var insertErr error
	for b := range full {
		if insertErr != nil {
			continue // drain until the reader sees the cancellation
		}
		if insertErr = w.insert(ctx, b); insertErr != nil {
			cancel()
			continue
		}
		free <- b // never blocks: at most two batches are away from the filler
	}
	if insertErr != nil {
		return insertErr
	}
	return readErr
}

// readRows takes the file's parsed records in order and appends each to
// its table, quarantine or held rows; handOff is called whenever fr.cur is
// full.
func (g *ingester) readRows(ctx context.Context, src *source, fr *fileRun, idx *referralIndex, handOff func() error) error {
	in, r := fr.in, fr.r
	ctx, cancel := context.WithCancel(ctx)
	jobs, wait := g.parseInOrder(ctx, src, in, idx)
	defer func() {
		cancel()
		for range jobs {
		}
		wait()
	}()
	// Referral ids seen in the file, without a pointer per id for the
	// collector to scan; a Go map of a million ids spent a second growing.
	seen := newStringTable(64<<10, 1<<20)
	delim := in.delimiter
	if in.xlsx {
		delim = ';'
	}
	for j := range jobs {
		select {
		case <-j.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		for i := range j.rows {
			if fr.cur.rows >= batchRows {
				if err := handOff(); err != nil {
					return err
				}
			}
			pr := &j.rows[i]
			r.RowsRead++
			if r.RowsRead%progressEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if g.opts.Progress != nil {
					g.opts.Progress(in.path, src.done(), src.total)
				}
			}
			var fe *fieldError
			var err error
			// A malformed record comes with pr.fe set, which every kind
			// returns first.
			switch {
			case in.layout.kind == KindReferrals:
				fe, err = fr.referralRow(pr, &seen)
			case in.layout.kind == KindMeetings:
				fe, err = fr.meetingRow(pr, g.s.SupportModel)
			case in.layout.kind == KindSwemwbs || in.layout.kind == KindParticipation:
				fe, err = fr.questionnaireRow(pr, g.s.SupportModel)
			case in.layout.kind == KindWorkerSurvey:
				fe, err = fr.surveyRow(pr)
			}
			if err != nil {
				return err
			}
			if fe != nil {
				raw := pr.raw
				if pr.fields != nil {
					raw = rawRow(pr.fields, delim)
				}
				if err := fr.quarantine(pr.line, fe.column, fe.reason, fe.msg, raw); err != nil {
					return err
				}
			}
		}
		parsedRows.put(j.rows)
		j.rows = nil
		if j.err != nil {
			if errors.Is(j.err, io.EOF) {
				break
			}
			return fmt.Errorf("%s: %w", in.path, j.err)
		}
	}
	if g.opts.Progress != nil {
		g.opts.Progress(in.path, src.total, src.total)
	}
	return nil
}

func (fr *fileRun) referralRow(pr *parsedRow, seen *stringTable) (*fieldError, error) {
	if pr.fe != nil {
		return pr.fe, nil
	}
	x := &pr.referral
	if seen.find(x.ReferralID) >= 0 {
		return fieldErrorf("referral_id", data.ReasonDuplicateInFile, "referral %q already appeared earlier in this file", x.ReferralID), nil
	}
	seen.add(x.ReferralID)
	fr.staged++
	err := fr.row("referral_history").str(x.ReferralID).str(x.ClientPseudonym).date(x.ReferralDate).str(x.Municipality).
		bool(x.MunicipalityKnown).str(x.ReferrerSector).optStr(x.ReferrerProfession).list(x.Reasons).
		optInt32(int32(x.BirthYear)).optStr(x.Gender).optStr(x.LinkWorkerID).optDate(x.StartDate).optDate(x.EndDate).
		optStr(x.EndReason).bool(x.ResearchConsent).list(x.LinkedServices).list(x.Barriers).
		str(fr.in.hash).int64(fr.seq).int64(int64(pr.line)).end()
	if err != nil {
		return nil, err
	}
	for _, w := range pr.warns {
		if err := fr.warn(fr.in.hash, fr.seq, pr.line, x.ReferralID, w); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

func (fr *fileRun) meetingRow(pr *parsedRow, sm project.SupportModelSettings) (*fieldError, error) {
	if pr.fe != nil {
		return pr.fe, nil
	}
	m := pr.meeting
	if !pr.known {
		if err := fr.hold(string(KindMeetings), m.ReferralID, "", m, pr.line); err != nil {
			return nil, err
		}
		return fieldErrorf("referral_id", data.ReasonOrphan, "referral %q is not known yet; the meeting is held until it arrives", m.ReferralID), nil
	}
	fr.staged++
	if fr.monthHours != nil {
		fr.monthHours.add(pr.periodNo, m.MeetingDate, m.Hours)
	}
	return nil, fr.stageMeeting(m, &pr.period, fr.in.hash, fr.seq, pr.line, sm)
}

func (fr *fileRun) stageMeeting(m Meeting, period *SupportPeriod, hash string, seq int64, line int, sm project.SupportModelSettings) error {
	w := fr.row(fr.target("meetings")).str(m.ReferralID).date(m.MeetingDate).float(m.Hours)
	if m.HasKm {
		w.float(m.Km)
	} else {
		w.null()
	}
	if err := w.optStr(m.Activity).str(hash).int64(seq).int64(int64(line)).end(); err != nil {
		return err
	}
	if period.outsidePeriod(m.MeetingDate) {
		return fr.warn(hash, seq, line, m.ReferralID, rowWarning{code: WarnMeetingOutsidePeriod,
			msg: fmt.Sprintf("meeting on %s is outside the support period %s – %s", isoDate(m.MeetingDate), optDate(period.Start), optDate(period.End))})
	}
	return nil
}

func optDate(d date) string {
	if d.IsZero() {
		return "…"
	}
	return isoDate(d)
}

func (fr *fileRun) questionnaireRow(pr *parsedRow, sm project.SupportModelSettings) (*fieldError, error) {
	if pr.fe != nil {
		if pr.fe.reason == data.ReasonOrphan {
			if err := fr.hold(string(fr.in.layout.kind), pr.q.ReferralID, pr.q.ClientPseudonym, pr.q, pr.line); err != nil {
				return nil, err
			}
		}
		return pr.fe, nil
	}
	fr.staged++
	return nil, fr.stageQuestionnaire(fr.in.layout.kind, pr.q, pr.att, fr.in.hash, fr.seq, pr.line, sm)
}

func (fr *fileRun) stageQuestionnaire(kind Kind, q Questionnaire, a attachment, hash string, seq int64, line int, sm project.SupportModelSettings) error {
	table := fr.target("swemwbs_responses")
	if kind == KindParticipation {
		table = fr.target("participation_responses")
	}
	w := fr.row(table).str(a.period.ReferralID).optStr(q.ClientPseudonym).str(a.matchedBy).str(a.timepoint).
		bool(a.inferred).date(q.ResponseDate)
	for _, v := range q.Items {
		w.optInt8(v)
	}
	if err := w.str(hash).int64(seq).int64(int64(line)).end(); err != nil {
		return err
	}
	if msg, far := farFromTimepoint(a, q.ResponseDate, sm); far {
		return fr.warn(hash, seq, line, a.period.ReferralID, rowWarning{code: WarnQuestionnaireFarFromTP, msg: msg})
	}
	return nil
}

// hold keeps an orphan row, in canonical values, until its referral arrives.
func (fr *fileRun) hold(kind, referralID, pseudonym string, row any, line int) error {
	b, err := json.Marshal(row)
	if err != nil {
		return err
	}
	return fr.row("stage_held_rows").str(kind).optStr(referralID).optStr(pseudonym).str(string(b)).
		str(fr.in.hash).int64(fr.seq).int64(int64(line)).null().end()
}

func (fr *fileRun) surveyRow(pr *parsedRow) (*fieldError, error) {
	if pr.fe != nil {
		return pr.fe, nil
	}
	s, sheet, line := pr.survey, pr.sheet, pr.line
	fr.staged++
	for i, st := range fr.in.layout.statements {
		err := fr.row("worker_survey_answers").str(s.RespondentID).date(s.SurveyDate).str(s.Municipality).str(st.text).
			optInt8(s.Values[i]).str(fr.in.hash).int64(fr.seq).int64(int64(line)).str(sheet).end()
		if err != nil {
			return nil, err
		}
	}
	for _, w := range pr.warns {
		if err := fr.warn(fr.in.hash, fr.seq, line, "", w); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// apply moves the staged rows into the raw tables and completes the report.
func (g *ingester) apply(ctx context.Context, fr *fileRun) error {
	r := fr.r
	exec := func(what, query string, args ...any) error {
		if _, err := g.conn.ExecContext(ctx, query, args...); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	}
	switch fr.in.layout.kind {
	case KindReferrals:
		if err := exec("compare referrals", sqlText("referral_changes.sql"), fr.seq); err != nil {
			return err
		}
		if err := g.countChanges(ctx, fr); err != nil {
			return err
		}
		if err := exec("store referrals", sqlText("referrals_apply.sql"), fr.seq); err != nil {
			return err
		}
		if err := g.applyWarnings(ctx); err != nil {
			return err
		}
		if err := g.release(ctx, fr); err != nil {
			return err
		}
	case KindMeetings, KindSwemwbs, KindParticipation:
		if err := g.applyRows(ctx, fr, keylessTables[fr.in.layout.kind], true); err != nil {
			return err
		}
	case KindWorkerSurvey:
		if err := exec("compare survey sheets", sqlText("survey_changes.sql"), fr.in.hash); err != nil {
			return err
		}
		if err := g.countUnchanged(ctx, fr); err != nil {
			return err
		}
		if r.Unchanged > 0 {
			if err := exec("drop unchanged sheets", newRowTable("worker_survey_answers").render("own_unchanged_delete.sql"), fr.in.hash); err != nil {
				return err
			}
		}
		if err := g.applyWarnings(ctx); err != nil {
			return err
		}
	}
	if err := exec("hold orphans", sqlText("held_apply.sql")); err != nil {
		return err
	}
	return g.conn.QueryRowContext(ctx, `SELECT count(*) FROM ingest_warnings WHERE file_seq = $1 OR file_hash = $2`, fr.seq, fr.in.hash).Scan(&r.Warnings)
}

// applyRows settles keyless rows: own says they are the file's own rows,
// already appended to the table and counted in its accounting; otherwise
// they are released held rows in staging, stored unless unchanged.
func (g *ingester) applyRows(ctx context.Context, fr *fileRun, t rowTable, own bool) error {
	if own {
		// The rows are in the table already: find the unchanged ones and
		// take them out again.
		compare, args := sqlText("unchanged_none.sql"), []any{}
		if fr.others {
			compare, args = t.render("own_changes.sql"), []any{fr.in.hash}
		}
		if _, err := g.conn.ExecContext(ctx, compare, args...); err != nil {
			return fmt.Errorf("compare %s: %w", t.Table, err)
		}
		if err := g.countUnchanged(ctx, fr); err != nil {
			return err
		}
		if fr.r.Unchanged > 0 {
			if _, err := g.conn.ExecContext(ctx, t.render("own_unchanged_delete.sql"), fr.in.hash); err != nil {
				return fmt.Errorf("drop unchanged %s: %w", t.Table, err)
			}
		}
	} else {
		if _, err := g.conn.ExecContext(ctx, t.render("row_changes.sql")); err != nil {
			return fmt.Errorf("compare %s: %w", t.Table, err)
		}
		if _, err := g.conn.ExecContext(ctx, t.render("rows_apply.sql")); err != nil {
			return fmt.Errorf("store %s: %w", t.Table, err)
		}
	}
	if err := g.applyWarnings(ctx); err != nil {
		return err
	}
	if t.Table == "meetings" {
		capHours := g.s.SupportModel.MaxHoursPerMonth
		if !own || fr.monthHours == nil {
			if _, err := g.conn.ExecContext(ctx, sqlText("hours_over_cap.sql"), fr.seq, capHours); err != nil {
				return fmt.Errorf("monthly hours: %w", err)
			}
		}
		if _, err := g.conn.ExecContext(ctx, sqlText("hours_over_cap_warn.sql"), fr.in.hash, fr.seq, capHours); err != nil {
			return fmt.Errorf("monthly hours: %w", err)
		}
	}
	return nil
}

func (g *ingester) applyWarnings(ctx context.Context) error {
	if _, err := g.conn.ExecContext(ctx, sqlText("warnings_apply.sql")); err != nil {
		return fmt.Errorf("store warnings: %w", err)
	}
	return nil
}

// countUnchanged splits a keyless file's staged rows into unchanged and
// inserted.
func (g *ingester) countUnchanged(ctx context.Context, fr *fileRun) error {
	if err := g.conn.QueryRowContext(ctx, `SELECT count(*) FROM unchanged`).Scan(&fr.r.Unchanged); err != nil {
		return err
	}
	fr.r.Inserted = fr.staged - fr.r.Unchanged
	return nil
}

// countChanges reads a referral file's classification; the stored
// referrals that changes does not list are new.
func (g *ingester) countChanges(ctx context.Context, fr *fileRun) error {
	r := fr.r
	if err := g.conn.QueryRowContext(ctx, `SELECT
		count(*) FILTER (WHERE change = 'updated'),
		count(*) FILTER (WHERE change = 'unchanged') FROM changes`).Scan(&r.Updated, &r.Unchanged); err != nil {
		return err
	}
	r.Inserted = fr.staged - r.Updated - r.Unchanged
	return nil
}

// release attaches held rows whose referral (or client's support period)
// this referral file brought. They keep the provenance of the file they came
// in; this file's report counts them as Released.
func (g *ingester) release(ctx context.Context, fr *fileRun) error {
	var pending int
	if err := g.conn.QueryRowContext(ctx, `SELECT count(*) FROM held_rows WHERE released_file_seq IS NULL`).Scan(&pending); err != nil {
		return err
	}
	if pending == 0 {
		return nil
	}
	idx, err := loadReferralIndex(ctx, g.conn, true)
	if err != nil {
		return fmt.Errorf("load referrals: %w", err)
	}
	rows, err := g.conn.QueryContext(ctx, sqlText("held_pending.sql"))
	if err != nil {
		return err
	}
	type held struct {
		kind, rowJSON, hash string
		seq                 int64
		line                int
	}
	var all []held
	for rows.Next() {
		var h held
		if err := rows.Scan(&h.kind, &h.rowJSON, &h.hash, &h.seq, &h.line); err != nil {
			rows.Close()
			return err
		}
		all = append(all, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	released := map[Kind]bool{}
	err = g.withBatches(ctx, fr, func(*batchWriter) error {
		for _, h := range all {
			kind := Kind(h.kind)
			ok := false
			switch kind {
			case KindMeetings:
				var m Meeting
				if err := json.Unmarshal([]byte(h.rowJSON), &m); err != nil {
					return fmt.Errorf("held row %s line %d: %w", h.hash, h.line, err)
				}
				if period, found := idx.byID(m.ReferralID); found {
					if err := fr.stageMeeting(m, &period, h.hash, h.seq, h.line, g.s.SupportModel); err != nil {
						return err
					}
					ok = true
				}
			case KindSwemwbs, KindParticipation:
				var q Questionnaire
				if err := json.Unmarshal([]byte(h.rowJSON), &q); err != nil {
					return fmt.Errorf("held row %s line %d: %w", h.hash, h.line, err)
				}
				// A held questionnaire that now conflicts or is ambiguous
				// stays held: its file already counted it as quarantined.
				if a, fe := attach(q, idx, g.s.SupportModel); fe == nil {
					if err := fr.stageQuestionnaire(kind, q, a, h.hash, h.seq, h.line, g.s.SupportModel); err != nil {
						return err
					}
					ok = true
				}
			}
			if ok {
				released[kind] = true
				fr.r.Released++
				if err := fr.row("stage_released").str(h.hash).int64(int64(h.line)).end(); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range []Kind{KindMeetings, KindSwemwbs, KindParticipation} {
		if !released[k] {
			continue
		}
		if err := g.applyRows(ctx, fr, keylessTables[k], false); err != nil {
			return err
		}
	}
	if _, err := g.conn.ExecContext(ctx, sqlText("held_release.sql"), fr.seq); err != nil {
		return fmt.Errorf("release held rows: %w", err)
	}
	return nil
}
