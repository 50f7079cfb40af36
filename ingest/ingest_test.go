package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/linkki-fi/linkki/data"
	"github.com/linkki-fi/linkki/internal/project"
)

// The same referrals in every dialect give the same canonical rows: after
// the first file, every other one is all unchanged.
func TestDialectsGiveTheSameRows(t *testing.T) {
	dir := t.TempDir()
	en := "referral_id,client_id,referral_date,municipality,referrer_sector,reasons,start_date,end_date,end_reason,research_consent\n" +
		"R1,131052-308t,2022-03-01,ENONTEKIO,elderly_services,\"loneliness,everyday_activity\",2022-03-07,2022-06-30,completed,yes\r\n" +
		"R2,AS0000002,2022-03-02,Rovaniemi,third_sector,other,2022-03-09,NA,-,no\r\n"
	tab := strings.NewReplacer(";", "\t").Replace(referralsFI)
	files := []string{
		writeInput(t, dir, "utf8.csv", referralsFI, "utf-8"),
		writeInput(t, dir, "bom.csv", en, "utf-8-bom"),
		writeInput(t, dir, "cp1252.txt", tab, "windows-1252"),
		writeInput(t, dir, "crlf.csv", strings.ReplaceAll(referralsFI, "\n", "\r\n"), "windows-1252"),
		writeXLSX(t, dir, "referrals.xlsx", "Lähetteet", []string{"lahete_id", "hetu", "lahetepaiva", "kunta", "lahettava_taho", "lahetteen_syyt", "aloituspaiva", "lopetuspaiva", "paattymisen_syy", "tutkimuslupa"},
			[][]any{
				{"R1", "131052-308T", date2(2022, 3, 1), "Enontekiö", "vanhuspalvelut", "yksinäisyys|ulkoilu", date2(2022, 3, 7), "30.6.2022", "päättynyt suunnitellusti", "K"},
				{"R2", "AS0000002", date2(2022, 3, 2), "Rovaniemi", "järjestö", "muu", date2(2022, 3, 9), nil, nil, false},
			}),
	}
	db := openTestDB(t)
	reps := ingestOK(t, db, Options{}, files...)
	account(t, reps[0], 2, 0, 0, 0)
	wantDialect := []struct{ enc, delim string }{{"utf-8", ";"}, {"utf-8-bom", ","}, {"windows-1252", "tab"}, {"windows-1252", ";"}, {"xlsx", ""}}
	for i, r := range reps[1:] {
		account(t, r, 0, 0, 2, 0)
		_ = i
	}
	for i, r := range reps {
		if r.Encoding != wantDialect[i].enc || r.Delimiter != wantDialect[i].delim {
			t.Errorf("%s: detected %s %q, want %s %q", r.File, r.Encoding, r.Delimiter, wantDialect[i].enc, wantDialect[i].delim)
		}
	}
	if got := queryString(t, db, `SELECT municipality FROM referrals WHERE referral_id = 'R1'`); got != "Enontekiö" {
		t.Errorf("municipality %q", got)
	}
	if got := queryString(t, db, `SELECT format('{} {} {} {}', birth_year, gender, reasons, research_consent) FROM referrals WHERE referral_id = 'R1'`); got != "1952 female [loneliness, everyday_activity] true" {
		t.Errorf("R1 %s", got)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM referral_history`); n != 2 {
		t.Errorf("%d history rows, want 2", n)
	}
}

func date2(y, m, d int) any { return excelDate{y, m, d} }

type excelDate struct{ y, m, d int }

// writeXLSX writes a workbook whose excelDate values are real date cells.
func writeXLSX(t *testing.T, dir, name, sheet string, header []string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for c, h := range header {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		f.SetCellValue(sheet, cell, h)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if d, ok := v.(excelDate); ok {
				f.SetCellValue(sheet, cell, timeOf(d))
				f.SetCellStyle(sheet, cell, cell, style)
				continue
			}
			if v != nil {
				f.SetCellValue(sheet, cell, v)
			}
		}
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// Each quarantine reason code, with the column it names.
func TestQuarantineReasons(t *testing.T) {
	const refHeader = "referral_id;client_id;referral_date;municipality;referrer_sector;reasons;birth_year;gender;start_date;end_date;end_reason;research_consent\n"
	const meetHeader = "referral_id;meeting_date;hours;km;activity\n"
	const swemHeader = "referral_id;client_id;timepoint;response_date;q1;q2;q3;q4;q5;q6;q7\n"
	tests := []struct {
		name, header, row string
		reason, column    string
	}{
		{"missing municipality", refHeader, "X1;AS1;1.3.2022;;muu;muu;;;;;;\n", data.ReasonMissingRequired, "municipality"},
		{"missing reasons", refHeader, "X1;AS1;1.3.2022;Kemi;muu;NA;;;;;;\n", data.ReasonMissingRequired, "reasons"},
		{"missing client", refHeader, "X1;;1.3.2022;Kemi;muu;muu;;;;;;\n", data.ReasonMissingRequired, "client_id"},
		{"nonexistent date", refHeader, "X1;AS1;31.2.2022;Kemi;muu;muu;;;;;;\n", data.ReasonInvalidDate, "referral_date"},
		{"unparsable date", refHeader, "X1;AS1;1.3.2022;Kemi;muu;muu;;;maaliskuu;;;\n", data.ReasonInvalidDate, "start_date"},
		{"birth year not a number", refHeader, "X1;AS1;1.3.2022;Kemi;muu;muu;noin 1950;;;;;\n", data.ReasonInvalidNumber, "birth_year"},
		{"implausible birth year", refHeader, "X1;AS1;1.3.2022;Kemi;muu;muu;1890;;;;;\n", data.ReasonOutOfRange, "birth_year"},
		{"birth year after referral", refHeader, "X1;AS1;1.3.2022;Kemi;muu;muu;2023;;;;;\n", data.ReasonOutOfRange, "birth_year"},
		{"unknown sector", refHeader, "X1;AS1;1.3.2022;Kemi;kauppa;muu;;;;;;\n", data.ReasonUnknownCategory, "referrer_sector"},
		{"unknown gender without identity code", refHeader, "X1;AS1;1.3.2022;Kemi;muu;muu;;x;;;;\n", data.ReasonUnknownCategory, "gender"},
		{"unknown boolean", refHeader, "X1;AS1;1.3.2022;Kemi;muu;muu;;;;;;ehkä\n", data.ReasonUnknownCategory, "research_consent"},
		{"bad check character", refHeader, "X1;131052-308U;1.3.2022;Kemi;muu;muu;;;;;;\n", data.ReasonInvalidIdentityCode, "client_id"},
		{"identity code date", refHeader, "X1;310252-3089;1.3.2022;Kemi;muu;muu;;;;;;\n", data.ReasonInvalidIdentityCode, "client_id"},
		{"start before referral", refHeader, "X1;AS1;1.3.2022;Kemi;muu;muu;;;28.2.2022;;;\n", data.ReasonDateOrder, "start_date"},
		{"end before start", refHeader, "X1;AS1;1.3.2022;Kemi;muu;muu;;;2.3.2022;1.3.2022;muu;\n", data.ReasonDateOrder, "end_date"},
		{"too many fields", refHeader, "X1;AS1;1.3.2022;Kemi;muu;muu;;;;;;;extra\n", data.ReasonMalformedRow, ""},
		{"bare quote", refHeader, "X1;A\"S1;1.3.2022;Kemi;muu;muu;;;;;;\n", data.ReasonMalformedRow, ""},
		{"hours zero", meetHeader, "R1;8.3.2022;0;;\n", data.ReasonOutOfRange, "hours"},
		{"hours over ten", meetHeader, "R1;8.3.2022;10,5;;\n", data.ReasonOutOfRange, "hours"},
		{"negative km", meetHeader, "R1;8.3.2022;1;-2;\n", data.ReasonOutOfRange, "km"},
		{"hours not a number", meetHeader, "R1;8.3.2022;1h;;\n", data.ReasonInvalidNumber, "hours"},
		{"missing hours", meetHeader, "R1;8.3.2022;-;;\n", data.ReasonMissingRequired, "hours"},
		{"unknown activity", meetHeader, "R1;8.3.2022;1;;sauna\n", data.ReasonUnknownCategory, "activity"},
		{"orphan meeting", meetHeader, "R9;8.3.2022;1;;\n", data.ReasonOrphan, "referral_id"},
		{"item out of range", swemHeader, "R1;;T0;8.3.2022;1;2;3;4;5;6;1\n", data.ReasonOutOfRange, "q6"},
		{"item not an answer", swemHeader, "R1;;T0;8.3.2022;1;2;3;4;5;paljon;1\n", data.ReasonInvalidNumber, "q6"},
		{"unknown timepoint", swemHeader, "R1;;T5;8.3.2022;1;2;3;4;5;1;1\n", data.ReasonUnknownCategory, "timepoint"},
		{"no key", swemHeader, "-;;T0;8.3.2022;1;2;3;4;5;1;1\n", data.ReasonMissingRequired, "referral_id"},
		{"keys disagree", swemHeader, "R1;AS0000002;T0;8.3.2022;1;2;3;4;5;1;1\n", data.ReasonKeyConflict, "client_id"},
		{"two periods match", swemHeader, ";AS0000002;;10.3.2022;1;2;3;4;5;1;1\n", data.ReasonAmbiguousMatch, "client_id"},
		{"questionnaire orphan", swemHeader, "R9;;T0;8.3.2022;1;2;3;4;5;1;1\n", data.ReasonOrphan, "referral_id"},
	}
	dir := t.TempDir()
	db := openTestDB(t)
	// R2 and R3 are two started periods of the same client, for ambiguity.
	base := referralsFI + "R3;AS0000002;2.3.2022;Kemi;muu;muu;5.3.2022;;;\n"
	ingestOK(t, db, Options{}, writeInput(t, dir, "base.csv", base, "utf-8"))
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeInput(t, dir, "case"+string(rune('a'+i))+".csv", tt.header+tt.row, "utf-8")
			reps := ingestOK(t, db, Options{}, path)
			r := reps[0]
			account(t, r, 0, 0, 0, 1)
			if r.QuarantinedByReason[tt.reason] != 1 {
				t.Fatalf("reasons %v, want %s", r.QuarantinedByReason, tt.reason)
			}
			col := queryString(t, db, `SELECT column_name FROM quarantine WHERE file_hash = $1 AND line = 2`, r.Hash)
			if col != tt.column {
				t.Errorf("column %q, want %q", col, tt.column)
			}
		})
	}
	// duplicate_in_file: the first valid row counts, a later one is
	// quarantined; an invalid row keeps its own reason.
	path := writeInput(t, dir, "dup.csv", refHeader+
		"D1;AS9;31.2.2022;Kemi;muu;muu;;;;;;\n"+
		"D1;AS9;1.3.2022;Kemi;muu;muu;;;;;;\n"+
		"D1;AS9;1.3.2022;Kemi;muu;muu;;;;;;\n", "utf-8")
	r := ingestOK(t, db, Options{}, path)[0]
	account(t, r, 1, 0, 0, 2)
	if r.QuarantinedByReason[data.ReasonDuplicateInFile] != 1 || r.QuarantinedByReason[data.ReasonInvalidDate] != 1 || queryInt(t, db, `SELECT line FROM referrals WHERE referral_id = 'D1'`) != 3 {
		t.Errorf("duplicate: %v", r.QuarantinedByReason)
	}
}

// A broken file is refused whole, naming the file, the missing columns and
// their aliases; other files of the call are still ingested.
func TestRefusedFile(t *testing.T) {
	dir := t.TempDir()
	db := openTestDB(t)
	bad := writeInput(t, dir, "bad.csv", "lahete_id;tapaamispaiva;km\nR1;8.3.2022;3\n", "utf-8")
	good := writeInput(t, dir, "ref.csv", referralsFI, "utf-8")
	reps, err := Files(context.Background(), db, project.Default(), Options{}, []string{bad, good})
	var fe *FileError
	if !errors.As(err, &fe) || fe.File != bad || !strings.Contains(err.Error(), "hours (accepted headers: hours, tunnit, kesto_h)") {
		t.Fatalf("error %v", err)
	}
	if reps[0].Error == "" || reps[1].Inserted != 2 {
		t.Errorf("reports %+v", reps)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM ingest_files`); n != 1 {
		t.Errorf("%d files registered, want 1", n)
	}
}

// The same file twice changes nothing; a re-sent cumulative export adds only
// its new rows; identical rows within one file are separate records.
func TestIdempotent(t *testing.T) {
	dir := t.TempDir()
	db := openTestDB(t)
	ref := writeInput(t, dir, "ref.csv", referralsFI, "utf-8")
	m1 := writeInput(t, dir, "m1.csv", "lahete_id;pvm;tunnit\nR1;8.3.2022;1,5\nR1;8.3.2022;1,5\n", "utf-8")
	m2 := writeInput(t, dir, "m2.csv", "referral_id,meeting_date,hours\nR1,2022-03-08,1.5\nR1,2022-03-08,1.5\nR1,2022-03-08,1.5\nR2,2022-03-10,2\n", "utf-8")
	reps := ingestOK(t, db, Options{}, ref, m1)
	account(t, reps[1], 2, 0, 0, 0)
	snapshot := func() string {
		return queryString(t, db, `SELECT format('{} {} {} {} {}', (SELECT count(*) FROM referrals), (SELECT count(*) FROM referral_history),
			(SELECT count(*) FROM meetings), (SELECT count(*) FROM quarantine), (SELECT count(*) FROM ingest_files))`)
	}
	before := snapshot()
	again := ingestOK(t, db, Options{}, ref, m1)
	if !again[0].Skipped || !again[1].Skipped || snapshot() != before {
		t.Errorf("re-ingest changed something: %+v, %s → %s", again, before, snapshot())
	}
	r := ingestOK(t, db, Options{}, m2)[0]
	account(t, r, 2, 0, 2, 0)
	if n := queryInt(t, db, `SELECT count(*) FROM meetings`); n != 4 {
		t.Errorf("%d meetings, want 4", n)
	}
}

// A newer export replaces a referral's row (empty fields included) and keeps
// the old version as history; a quarantined newer row leaves the old current.
func TestSnapshotUpdates(t *testing.T) {
	dir := t.TempDir()
	db := openTestDB(t)
	v1 := writeInput(t, dir, "v1.csv", referralsFI, "utf-8")
	v2 := writeInput(t, dir, "v2.csv", "lahete_id;hetu;lahetepaiva;kunta;lahettava_taho;lahetteen_syyt;aloituspaiva;lopetuspaiva;paattymisen_syy;tutkimuslupa\n"+
		"R1;131052-308T;1.3.2022;Enontekiö;vanhuspalvelut;ulkoilu|yksinäisyys;7.3.2022;30.6.2022;päättynyt suunnitellusti;kyllä\n"+
		"R2;AS0000002;2.3.2022;Rovaniemi;järjestö;muu;9.3.2022;;;\n"+
		"R3;AS0000003;3.3.2022;Kemi;muu;muu;;;;\n", "utf-8")
	v3 := writeInput(t, dir, "v3.csv", "lahete_id;hetu;lahetepaiva;kunta;lahettava_taho;lahetteen_syyt;aloituspaiva;lopetuspaiva;paattymisen_syy;tutkimuslupa\n"+
		"R1;131052-308T;1.3.2022;Enontekiö;vanhuspalvelut;ulkoilu;;;;K\n"+
		"R2;AS0000002;2.3.2022;Rovaniemi;järjestö;muu;9.3.2022;31.2.2022;;\n"+
		"R3;AS0000003;3.3.2022;Kemi;muu;muu;;;;\n", "utf-8")
	reps := ingestOK(t, db, Options{}, v1, v2, v3)
	account(t, reps[0], 2, 0, 0, 0)
	account(t, reps[1], 1, 0, 2, 0) // reasons in another order and "kyllä" for "K" are the same values
	account(t, reps[2], 0, 1, 1, 1)
	if got := queryString(t, db, `SELECT format('{} {} {}', coalesce(start_date::VARCHAR, 'NULL'), reasons, file_seq) FROM referrals WHERE referral_id = 'R1'`); got != "NULL [everyday_activity] 3" {
		t.Errorf("R1 now %s", got)
	}
	if got := queryInt(t, db, `SELECT file_seq FROM referrals WHERE referral_id = 'R2'`); got != 1 {
		t.Errorf("R2 current version from file %d, want 1 (the newer row was quarantined)", got)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM referral_history WHERE referral_id = 'R1'`); n != 2 {
		t.Errorf("R1 has %d versions, want 2", n)
	}
}

// Orphans are held (counted as quarantined orphan), not held twice when a
// cumulative export re-sends them, and released when the referral arrives.
func TestHeldOrphansReleased(t *testing.T) {
	dir := t.TempDir()
	db := openTestDB(t)
	m1 := writeInput(t, dir, "m1.csv", "lahete_id;pvm;tunnit\nR1;8.3.2022;1,5\n", "utf-8")
	m2 := writeInput(t, dir, "m2.csv", "referral_id,meeting_date,hours\nR1,2022-03-08,1.5\nR1,2022-03-15,2\n", "utf-8")
	q := writeInput(t, dir, "q.csv", "client_id;response_date;q1;q2;q3;q4;q5;q6;q7\nas0000002;10.3.2022;1;2;3;4;5;4;3\n", "utf-8")
	reps := ingestOK(t, db, Options{}, m1, m2, q)
	for _, r := range reps {
		if r.Quarantined != r.RowsRead || r.QuarantinedByReason[data.ReasonOrphan] != r.RowsRead {
			t.Errorf("%s: %+v, want all orphans", r.File, r)
		}
	}
	if n := queryInt(t, db, `SELECT count(*) FROM held_rows WHERE released_file_seq IS NULL`); n != 3 {
		t.Errorf("%d held rows, want 3 (the re-sent meeting is held once)", n)
	}
	ref := writeInput(t, dir, "ref.csv", strings.Replace(referralsFI, "AS0000002", "as0000002", 1), "utf-8")
	r := ingestOK(t, db, Options{}, ref)[0]
	account(t, r, 2, 0, 0, 0)
	if r.Released != 3 {
		t.Errorf("released %d, want 3", r.Released)
	}
	if got := queryString(t, db, `SELECT string_agg(format('{}:{}', file_seq, line), ' ' ORDER BY file_seq, line) FROM meetings`); got != "1:2 2:3" {
		t.Errorf("meetings with provenance %q, want the original files' lines", got)
	}
	if got := queryString(t, db, `SELECT format('{} {} {} {}', referral_id, matched_by, timepoint, timepoint_inferred) FROM swemwbs_responses`); got != "R2 client_id T0 true" {
		t.Errorf("questionnaire %q", got)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM held_rows WHERE released_file_seq = 4`); n != 3 {
		t.Errorf("%d held rows released by file 4, want 3", n)
	}
	if n := queryInt(t, db, `SELECT released FROM ingest_files WHERE file_seq = 4`); n != 3 {
		t.Errorf("ingest_files.released %d", n)
	}
}

// --strict rolls back a file with a quarantined row; other files stay.
func TestStrict(t *testing.T) {
	dir := t.TempDir()
	db := openTestDB(t)
	ref := writeInput(t, dir, "ref.csv", referralsFI, "utf-8")
	m := writeInput(t, dir, "m.csv", "lahete_id;pvm;tunnit\nR1;8.3.2022;1,5\nR1;9.3.2022;12\n", "utf-8")
	reps, err := Files(context.Background(), db, project.Default(), Options{Strict: true}, []string{ref, m})
	if !errors.Is(err, ErrStrict) {
		t.Fatalf("error %v, want ErrStrict", err)
	}
	if reps[0].RolledBack || !reps[1].RolledBack || reps[1].Quarantined != 1 {
		t.Errorf("reports %+v", reps)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM meetings`) + queryInt(t, db, `SELECT count(*) FROM quarantine`); n != 0 {
		t.Errorf("rolled-back file left %d rows", n)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM referrals`); n != 2 {
		t.Errorf("%d referrals, want 2", n)
	}
}

// Warnings: unknown municipality, identity code vs columns, hours over the
// monthly cap, support over six months, meeting outside the period,
// questionnaire far from its time point.
func TestWarnings(t *testing.T) {
	dir := t.TempDir()
	db := openTestDB(t)
	ref := writeInput(t, dir, "ref.csv", "lahete_id;hetu;lahetepaiva;kunta;lahettava_taho;lahetteen_syyt;syntymavuosi;sukupuoli;aloituspaiva;lopetuspaiva;paattymisen_syy\n"+
		"R1;131052-308T;1.3.2022;Pohjola;muu;muu;1890;mies;7.3.2022;30.11.2022;muu\n", "utf-8")
	m := writeInput(t, dir, "m.csv", "lahete_id;pvm;tunnit\nR1;8.3.2022;6\nR1;9.3.2022;5\nR1;1.3.2022;1\n", "utf-8")
	q := writeInput(t, dir, "q.csv", "lahete_id;mittauskerta;vastauspaiva;k1;k2;k3;k4;k5;k6;k7\nR1;T1;1.6.2022;1;2;3;4;5;4;3\n", "utf-8")
	ingestOK(t, db, Options{}, ref, m, q)
	got := queryString(t, db, `SELECT string_agg(code, ' ' ORDER BY code) FROM ingest_warnings`)
	want := "hours_over_cap identity_conflict identity_conflict meeting_outside_period questionnaire_far_from_timepoint support_over_six_months unknown_municipality"
	if got != want {
		t.Errorf("warnings %q\nwant     %q", got, want)
	}
	if birth := queryInt(t, db, `SELECT birth_year FROM referrals`); birth != 1952 {
		t.Errorf("birth year %d: the identity code must win", birth)
	}
	// The monthly warning is raised once, not again for a later meeting.
	m2 := writeInput(t, dir, "m2.csv", "lahete_id;pvm;tunnit\nR1;20.3.2022;1\n", "utf-8")
	ingestOK(t, db, Options{}, m2)
	if n := queryInt(t, db, `SELECT count(*) FROM ingest_warnings WHERE code = 'hours_over_cap'`); n != 1 {
		t.Errorf("%d monthly warnings, want 1", n)
	}
}

// The monthly hours check: a first meetings file's months are summed while
// it is read (R2's June 2023 lies outside the months summed in place), a
// later file's in SQL over every stored meeting. Both must give the same
// warnings.
func TestHoursOverCapAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	db := openTestDB(t)
	ref := writeInput(t, dir, "ref.csv", referralsFI, "utf-8")
	m1 := writeInput(t, dir, "m1.csv", "lahete_id;pvm;tunnit\nR1;8.3.2022;6\nR1;5.4.2022;6\nR1;6.4.2022;5,5\nR2;5.4.2022;10\nR2;5.6.2023;6\nR2;6.6.2023;5\n", "utf-8")
	m2 := writeInput(t, dir, "m2.csv", "lahete_id;pvm;tunnit\nR1;9.3.2022;5\n", "utf-8")
	for _, r := range ingestOK(t, db, Options{}, ref, m1, m2) {
		if r.Quarantined != 0 {
			t.Fatalf("%s: %d rows quarantined", r.File, r.Quarantined)
		}
	}
	got := queryString(t, db, `SELECT string_agg(concat_ws('|', file_seq, line IS NULL, referral_id, subject, message), chr(10) ORDER BY file_seq, referral_id, subject)
		FROM ingest_warnings WHERE code = 'hours_over_cap'`)
	want := "2|true|R1|2022-04|11.5 hours of meetings in 2022-04, more than the cap of 10.0 hours per calendar month\n" +
		"2|true|R2|2023-06|11.0 hours of meetings in 2023-06, more than the cap of 10.0 hours per calendar month\n" +
		"3|true|R1|2022-03|11.0 hours of meetings in 2022-03, more than the cap of 10.0 hours per calendar month"
	if got != want {
		t.Errorf("monthly warnings\n%s\nwant\n%s", got, want)
	}
}

// Timepoints are inferred as the nearest of start, end and end + 90 days;
// 14.8. is 45 days from both the end (30.6.) and end + 90 (28.9.): the tie
// goes to the earlier time point.
func TestTimepointInference(t *testing.T) {
	p := &SupportPeriod{ReferralDate: timeOf(excelDate{2022, 3, 1}), Start: timeOf(excelDate{2022, 3, 7}), End: timeOf(excelDate{2022, 6, 30})}
	open := &SupportPeriod{ReferralDate: p.ReferralDate, Start: p.Start}
	tests := []struct {
		p    *SupportPeriod
		d    excelDate
		want string
	}{
		{p, excelDate{2022, 3, 1}, "T0"}, {p, excelDate{2022, 5, 1}, "T0"}, {p, excelDate{2022, 5, 20}, "T1"},
		{p, excelDate{2022, 8, 14}, "T1"}, {p, excelDate{2022, 8, 15}, "T2"},
		{p, excelDate{2023, 3, 1}, "T2"}, {open, excelDate{2023, 3, 1}, "T0"},
	}
	for _, tt := range tests {
		if got := inferTimepoint(tt.p, timeOf(tt.d), 90); got != tt.want {
			t.Errorf("%v: %s, want %s", tt.d, got, tt.want)
		}
	}
}

// A worker survey is stored per sheet × statement; re-sent sheets are unchanged.
func TestWorkerSurvey(t *testing.T) {
	dir := t.TempDir()
	db := openTestDB(t)
	header := []string{"respondent_id", "survey_date", "kunta", "Sain tarpeeksi tukea", "Työ on mielekästä"}
	x1 := writeXLSX(t, dir, "s1.xlsx", "Kysely", header, [][]any{{"W1", date2(2023, 5, 2), "Inari", 4, 5}, {"W2", date2(2023, 5, 3), "inari", 3}})
	x2 := writeXLSX(t, dir, "s2.xlsx", "Kysely", header, [][]any{{"W1", date2(2023, 5, 2), "Inari", 4, 5}, {"W3", date2(2023, 5, 3), "Utsjoki", 6, 1}})
	reps := ingestOK(t, db, Options{}, x1, x2)
	account(t, reps[0], 2, 0, 0, 0)
	account(t, reps[1], 0, 0, 1, 1)
	if got := queryString(t, db, `SELECT string_agg(format('{}/{}/{}', respondent_id, survey_date, coalesce(value::VARCHAR, '-')), ' ' ORDER BY respondent_id, statement) FROM worker_survey_answers`); got != "W1/2023-05-02/4 W1/2023-05-02/5 W2/2023-05-03/3 W2/2023-05-03/-" {
		t.Errorf("answers %s", got)
	}
	if _, err := Files(context.Background(), db, project.Default(), Options{Sheet: "Missing"}, []string{writeXLSX(t, dir, "s3.xlsx", "Kysely", header, nil)}); err == nil || !strings.Contains(err.Error(), `no sheet "Missing"`) {
		t.Errorf("missing sheet: %v", err)
	}
}

// A different key is refused; a key file is created with mode 0600.
func TestKeys(t *testing.T) {
	dir := t.TempDir()
	db := openTestDB(t)
	ref := writeInput(t, dir, "ref.csv", referralsFI, "utf-8")
	ingestOK(t, db, Options{}, ref)
	t.Setenv(KeyEnv, "another key")
	_, err := Files(context.Background(), db, project.Default(), Options{}, []string{writeInput(t, dir, "r2.csv", referralsFI+"\n", "utf-8")})
	if !errors.Is(err, ErrWrongKey) {
		t.Fatalf("error %v, want ErrWrongKey", err)
	}
	t.Setenv(KeyEnv, "")
	s := project.Default()
	s.Pseudonym.KeyFile = filepath.Join(dir, "conf", "key")
	var logged []string
	db2, err := project.Open(context.Background(), filepath.Join(dir, "b.duckdb"), s, project.ReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if _, err := Files(context.Background(), db2, s, Options{Logf: func(f string, a ...any) { logged = append(logged, f) }}, []string{ref}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(s.Pseudonym.KeyFile)
	if err != nil || fi.Mode().Perm() != 0o600 || len(logged) != 1 {
		t.Fatalf("key file %v %v, messages %q", fi, err, logged)
	}
	// A lost key file is not silently replaced.
	os.Remove(s.Pseudonym.KeyFile)
	if _, err := Files(context.Background(), db2, s, Options{}, []string{ref}); !errors.Is(err, ErrWrongKey) || !strings.Contains(err.Error(), "restore it") {
		t.Errorf("lost key: %v", err)
	}
}
