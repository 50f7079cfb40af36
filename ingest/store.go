package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/template"
	"time"

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
)

func (t rowTable) render(name string) string {
	var b bytes.Buffer
	template.Must(template.New(name).Parse(sqlText(name))).Execute(&b, t)
	return b.String()
}

// ingester runs one Files call on one connection.
type ingester struct {
	conn  *sql.Conn
	s     project.Settings
	opts  Options
	pseud *pseudonymizer
}

// fileRun is one file's transaction in progress.
type fileRun struct {
	in     *input
	seq    int64
	r      *FileReport
	app    map[string]*duckdb.Appender
	staged int64 // rows (sheets) of this file appended to the keyless tables
	// own is true while the file's own rows are read: keyless rows then go
	// straight into their table (no copy of millions of rows from staging);
	// released held rows go through staging.
	own bool
}

// target is the appender a keyless row goes to.
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
	if in.layout.kind != KindReferrals && in.layout.kind != KindWorkerSurvey {
		if idx, err = loadReferralIndex(ctx, g.conn, in.layout.kind != KindMeetings); err != nil {
			return fmt.Errorf("load referrals: %w", err)
		}
	}
	fr.own = true
	err = g.withAppenders(fr, func() error { return g.readRows(ctx, src, fr, idx) })
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

// withAppenders opens the file's appenders on the transaction's connection,
// runs fn and flushes them.
func (g *ingester) withAppenders(fr *fileRun, fn func() error) error {
	return g.conn.Raw(func(dc any) error {
		fr.app = map[string]*duckdb.Appender{}
		closeAll := func() error {
			var errs []error
			for name, a := range fr.app {
				if err := a.Close(); err != nil {
					errs = append(errs, fmt.Errorf("append %s: %w", name, err))
				}
			}
			fr.app = nil
			return errors.Join(errs...)
		}
		for _, t := range []string{"quarantine", "stage_referrals", "meetings", "stage_meetings", "swemwbs_responses",
			"stage_swemwbs_responses", "participation_responses", "stage_participation_responses", "worker_survey_answers",
			"stage_held_rows", "stage_ingest_warnings", "stage_released"} {
			a, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", t)
			if err != nil {
				closeAll()
				return fmt.Errorf("appender %s: %w", t, err)
			}
			fr.app[t] = a
		}
		if err := fn(); err != nil {
			closeAll()
			return err
		}
		return closeAll()
	})
}

func (fr *fileRun) append(table string, values ...driver.Value) error {
	if err := fr.app[table].AppendRow(values...); err != nil {
		return fmt.Errorf("append %s: %w", table, err)
	}
	return nil
}

// quarantine records a rejected row, identity codes masked.
func (fr *fileRun) quarantine(line int, column, reason, msg, raw string) error {
	fr.r.Quarantined++
	fr.r.QuarantinedByReason[reason]++
	var col driver.Value
	if column != "" {
		col = maskIdentityCodes(column)
	}
	return fr.append("quarantine", fr.in.hash, fr.in.name, fr.seq, int64(line), col, reason,
		maskIdentityCodes(msg), maskIdentityCodes(raw))
}

func (fr *fileRun) warn(hash string, seq int64, line int, referralID string, w rowWarning) error {
	return fr.append("stage_ingest_warnings", hash, seq, int64(line), nullString(referralID), w.code, maskIdentityCodes(w.msg), nullString(w.subject))
}

const progressEvery = 8192

// readRows parses every record of the file and appends it to staging,
// quarantine or held rows.
func (g *ingester) readRows(ctx context.Context, src *source, fr *fileRun, idx *referralIndex) error {
	in, r := fr.in, fr.r
	p := &rowParser{l: in.layout, xlsx: in.xlsx, pseud: g.pseud, maxDay: g.s.SupportModel.MaxSupportDays}
	seen := map[string]struct{}{}
	delim := in.delimiter
	if in.xlsx {
		delim = ';'
	}
	for {
		rec, me, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", in.path, err)
		}
		r.RowsRead++
		if r.RowsRead%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if g.opts.Progress != nil {
				g.opts.Progress(in.path, src.done(), src.total)
			}
		}
		if me != nil {
			if err := fr.quarantine(me.Line, "", data.ReasonMalformedRow, me.Error(), me.Raw); err != nil {
				return err
			}
			continue
		}
		if len(rec.Fields) != in.layout.width {
			msg := fmt.Sprintf("line %d has %d fields, the header has %d", rec.Line, len(rec.Fields), in.layout.width)
			if err := fr.quarantine(rec.Line, "", data.ReasonMalformedRow, msg, rawRow(rec.Fields, delim)); err != nil {
				return err
			}
			continue
		}
		p.fields, p.warns = rec.Fields, p.warns[:0]
		var fe *fieldError
		switch in.layout.kind {
		case KindReferrals:
			fe, err = g.referralRow(p, fr, rec.Line, seen)
		case KindMeetings:
			fe, err = g.meetingRow(p, fr, rec.Line, idx)
		case KindSwemwbs:
			fe, err = g.questionnaireRow(p, fr, rec.Line, idx, "q", 7)
		case KindParticipation:
			fe, err = g.questionnaireRow(p, fr, rec.Line, idx, "p", 10)
		case KindWorkerSurvey:
			fe, err = g.surveyRow(p, fr, rec.Line)
		}
		if err != nil {
			return err
		}
		if fe != nil {
			if err := fr.quarantine(rec.Line, fe.column, fe.reason, fe.msg, rawRow(rec.Fields, delim)); err != nil {
				return err
			}
		}
	}
	if g.opts.Progress != nil {
		g.opts.Progress(in.path, src.total, src.total)
	}
	return nil
}

func (g *ingester) referralRow(p *rowParser, fr *fileRun, line int, seen map[string]struct{}) (*fieldError, error) {
	x, fe := p.referral()
	if fe != nil {
		return fe, nil
	}
	if _, dup := seen[x.ReferralID]; dup {
		return fieldErrorf("referral_id", data.ReasonDuplicateInFile, "referral %q already appeared earlier in this file", x.ReferralID), nil
	}
	seen[x.ReferralID] = struct{}{}
	var birthYear driver.Value
	if x.BirthYear != 0 {
		birthYear = int32(x.BirthYear)
	}
	if err := fr.append("stage_referrals", x.ReferralID, x.ClientPseudonym, x.ReferralDate, x.Municipality, x.MunicipalityKnown,
		x.ReferrerSector, nullString(x.ReferrerProfession), x.Reasons, birthYear, nullString(x.Gender), nullString(x.LinkWorkerID),
		nullDate(x.StartDate), nullDate(x.EndDate), nullString(x.EndReason), x.ResearchConsent, x.LinkedServices, x.Barriers,
		fr.in.hash, fr.seq, int64(line)); err != nil {
		return nil, err
	}
	for _, w := range p.warns {
		if err := fr.warn(fr.in.hash, fr.seq, line, x.ReferralID, w); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

func (g *ingester) meetingRow(p *rowParser, fr *fileRun, line int, idx *referralIndex) (*fieldError, error) {
	m, fe := p.meeting()
	if fe != nil {
		return fe, nil
	}
	period, ok := idx.byID[m.ReferralID]
	if !ok {
		if err := fr.hold(string(KindMeetings), m.ReferralID, "", m, line); err != nil {
			return nil, err
		}
		return fieldErrorf("referral_id", data.ReasonOrphan, "referral %q is not known yet; the meeting is held until it arrives", m.ReferralID), nil
	}
	fr.staged++
	return nil, fr.stageMeeting(m, period, fr.in.hash, fr.seq, line, g.s.SupportModel)
}

func (fr *fileRun) stageMeeting(m Meeting, period *SupportPeriod, hash string, seq int64, line int, sm project.SupportModelSettings) error {
	var km driver.Value
	if m.HasKm {
		km = m.Km
	}
	if err := fr.append(fr.target("meetings"), m.ReferralID, m.MeetingDate, m.Hours, km, nullString(m.Activity), hash, seq, int64(line)); err != nil {
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

func (g *ingester) questionnaireRow(p *rowParser, fr *fileRun, line int, idx *referralIndex, prefix string, n int) (*fieldError, error) {
	q, fe := p.questionnaire(prefix, n)
	if fe != nil {
		return fe, nil
	}
	a, fe := attach(q, idx, g.s.SupportModel)
	if fe != nil {
		if fe.reason == data.ReasonOrphan {
			if err := fr.hold(string(fr.in.layout.kind), q.ReferralID, q.ClientPseudonym, q, line); err != nil {
				return nil, err
			}
		}
		return fe, nil
	}
	fr.staged++
	return nil, fr.stageQuestionnaire(fr.in.layout.kind, q, a, fr.in.hash, fr.seq, line, g.s.SupportModel)
}

func (fr *fileRun) stageQuestionnaire(kind Kind, q Questionnaire, a attachment, hash string, seq int64, line int, sm project.SupportModelSettings) error {
	table := fr.target("swemwbs_responses")
	if kind == KindParticipation {
		table = fr.target("participation_responses")
	}
	values := []driver.Value{a.period.ReferralID, nullString(q.ClientPseudonym), a.matchedBy, a.timepoint, a.inferred, q.ResponseDate}
	for _, v := range q.Items {
		if v == 0 {
			values = append(values, nil)
		} else {
			values = append(values, v)
		}
	}
	values = append(values, hash, seq, int64(line))
	if err := fr.append(table, values...); err != nil {
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
	return fr.append("stage_held_rows", kind, nullString(referralID), nullString(pseudonym), string(b), fr.in.hash, fr.seq, int64(line), nil)
}

func (g *ingester) surveyRow(p *rowParser, fr *fileRun, line int) (*fieldError, error) {
	s, fe := p.surveySheet()
	if fe != nil {
		return fe, nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s", s.RespondentID, isoDate(s.SurveyDate), s.Municipality)
	for i, st := range p.l.statements {
		fmt.Fprintf(h, "\x00%s\x00%d", st.text, s.Values[i])
	}
	sheet := hex.EncodeToString(h.Sum(nil))
	fr.staged++
	for i, st := range p.l.statements {
		var v driver.Value
		if s.Values[i] != 0 {
			v = s.Values[i]
		}
		if err := fr.append("worker_survey_answers", s.RespondentID, s.SurveyDate, s.Municipality, st.text, v,
			fr.in.hash, fr.seq, int64(line), sheet); err != nil {
			return nil, err
		}
	}
	for _, w := range p.warns {
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
		if err := exec("compare referrals", sqlText("referral_changes.sql")); err != nil {
			return err
		}
		if err := g.countChanges(ctx, r); err != nil {
			return err
		}
		if err := exec("store referrals", sqlText("referrals_apply.sql")); err != nil {
			return err
		}
		if err := g.applyWarnings(ctx); err != nil {
			return err
		}
		if err := g.release(ctx, fr); err != nil {
			return err
		}
	case KindMeetings, KindSwemwbs, KindParticipation:
		t := map[Kind]rowTable{KindMeetings: meetingsTable, KindSwemwbs: swemwbsTable, KindParticipation: participationTable}[fr.in.layout.kind]
		if err := g.applyRows(ctx, fr, t, true); err != nil {
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
		var others bool
		if err := g.conn.QueryRowContext(ctx, t.render("own_others.sql"), fr.in.hash).Scan(&others); err != nil {
			return fmt.Errorf("compare %s: %w", t.Table, err)
		}
		compare, args := sqlText("unchanged_none.sql"), []any{}
		if others {
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
		if _, err := g.conn.ExecContext(ctx, sqlText("hours_over_cap.sql"), fr.in.hash, fr.seq, g.s.SupportModel.MaxHoursPerMonth); err != nil {
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

// countChanges reads a referral file's classification.
func (g *ingester) countChanges(ctx context.Context, r *FileReport) error {
	return g.conn.QueryRowContext(ctx, `SELECT
		count(*) FILTER (WHERE change = 'inserted'),
		count(*) FILTER (WHERE change = 'updated'),
		count(*) FILTER (WHERE change = 'unchanged') FROM changes`).Scan(&r.Inserted, &r.Updated, &r.Unchanged)
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
	err = g.withAppenders(fr, func() error {
		for _, h := range all {
			kind := Kind(h.kind)
			ok := false
			switch kind {
			case KindMeetings:
				var m Meeting
				if err := json.Unmarshal([]byte(h.rowJSON), &m); err != nil {
					return fmt.Errorf("held row %s line %d: %w", h.hash, h.line, err)
				}
				if period, found := idx.byID[m.ReferralID]; found {
					if err := fr.stageMeeting(m, period, h.hash, h.seq, h.line, g.s.SupportModel); err != nil {
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
				if err := fr.append("stage_released", h.hash, int64(h.line)); err != nil {
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
		t := map[Kind]rowTable{KindMeetings: meetingsTable, KindSwemwbs: swemwbsTable, KindParticipation: participationTable}[k]
		if err := g.applyRows(ctx, fr, t, false); err != nil {
			return err
		}
	}
	if _, err := g.conn.ExecContext(ctx, sqlText("held_release.sql"), fr.seq); err != nil {
		return fmt.Errorf("release held rows: %w", err)
	}
	return nil
}

func nullString(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}

func nullDate(d date) driver.Value {
	if d.IsZero() {
		return nil
	}
	return d
}
