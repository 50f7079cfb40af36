package transform

import (
	"context"
	"database/sql"
	"math"
	"testing"

	"github.com/linkki-fi/linkki/internal/project"
)

// publishedSWEMWBS is the raw → metric conversion of Stewart-Brown et al.
// (2009), as printed in results.md, typed in here independently of the model.
var publishedSWEMWBS = map[int]float64{
	7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32,
	15: 15.84, 16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25, 22: 19.98,
	23: 20.73, 24: 21.54, 25: 22.35, 26: 23.21, 27: 24.11, 28: 25.03, 29: 26.02, 30: 27.03,
	31: 28.13, 32: 29.31, 33: 30.70, 34: 32.55, 35: 35.00,
}

// oneReferral inserts a started referral R1 so questionnaires have a home.
func oneReferral(t *testing.T, db *sql.DB) {
	t.Helper()
	mustExec(t, db, `INSERT INTO referrals (referral_id, client_pseudonym, referral_date, municipality,
		municipality_known, referrer_sector, reasons, start_date, end_date, end_reason, research_consent,
		linked_services, barriers, file_hash, file_seq, line)
		VALUES ('R1', 'c1', '2023-01-02', 'Inari', true, 'other', ['other'], '2023-01-09', '2023-06-01',
		'completed', true, [], [], 'h', 1, 2)`)
}

func mustExec(t testing.TB, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%v\n%s", err, query)
	}
}

// TestSWEMWBSConversion scores one questionnaire for every raw total 7…35
// (items spread evenly) and compares the metric score with the published
// table, 29 → 26.02 included.
func TestSWEMWBSConversion(t *testing.T) {
	db := newRawDB(t)
	oneReferral(t, db)
	mustExec(t, db, `INSERT INTO swemwbs_responses (referral_id, matched_by, timepoint, timepoint_inferred,
		response_date, q1, q2, q3, q4, q5, q6, q7, file_hash, file_seq, line)
		SELECT 'R1', 'referral_id', 'T0', false, DATE '2023-01-10',
			t // 7 + (t % 7 >= 1)::INT, t // 7 + (t % 7 >= 2)::INT, t // 7 + (t % 7 >= 3)::INT,
			t // 7 + (t % 7 >= 4)::INT, t // 7 + (t % 7 >= 5)::INT, t // 7 + (t % 7 >= 6)::INT,
			t // 7, 'q', 2, t
		FROM range(7, 36) AS r(t)`)
	if _, err := Build(context.Background(), db, project.Default()); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT swemwbs_raw, swemwbs_metric FROM questionnaire_scores WHERE instrument = 'swemwbs'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var raw, metric float64
		if err := rows.Scan(&raw, &metric); err != nil {
			t.Fatal(err)
		}
		want, ok := publishedSWEMWBS[int(raw)]
		if !ok || metric != want {
			t.Errorf("raw %v → metric %v, want %v", raw, metric, want)
		}
		seen++
	}
	if seen != len(publishedSWEMWBS) {
		t.Errorf("scored %d raw totals, want %d", seen, len(publishedSWEMWBS))
	}
}

// TestESISExact checks every item sum with k answered items against
// 25 × (sum − k) / k computed in Go, and for k = 10 against 2.5 × (sum − 10),
// which must hold exactly (results.md: not 25 × (mean − 1)).
func TestESISExact(t *testing.T) {
	db := newRawDB(t)
	oneReferral(t, db)
	// Sums from k to 5k for k = 8, 9, 10 answered items; the last
	// 10 − k items are missing.
	mustExec(t, db, `INSERT INTO participation_responses (referral_id, matched_by, timepoint, timepoint_inferred,
		response_date, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, file_hash, file_seq, line)
		SELECT 'R1', 'referral_id', 'T0', false, DATE '2023-01-10',
			it[1], it[2], it[3], it[4], it[5], it[6], it[7], it[8], it[9], it[10], 'p', k, s
		FROM (
			SELECT k, s, list_transform(range(1, 11), i -> CASE WHEN i <= k
				THEN ((s - k) // k + 1 + ((s - k) % k >= i)::INT)::TINYINT END) AS it
			FROM range(8, 11) AS a(k), range(8, 51) AS b(s)
			WHERE s BETWEEN k AND 5 * k
		)`)
	s := project.Default()
	s.Scoring.EsisMaxMissing = 2
	if _, err := Build(context.Background(), db, s); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT items_answered, file_seq, line, esis FROM questionnaire_scores WHERE instrument = 'esis'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var k, fileSeq, sum int
		var esis float64
		if err := rows.Scan(&k, &fileSeq, &sum, &esis); err != nil {
			t.Fatal(err)
		}
		if k != fileSeq {
			t.Fatalf("fixture: %d items answered, want %d", k, fileSeq)
		}
		want := float64(25*(sum-k)) / float64(k)
		if k == 10 && want != 2.5*float64(sum-10) {
			t.Fatalf("reference formulas disagree at sum %d", sum)
		}
		if esis != want {
			t.Errorf("k=%d sum=%d: esis %v, want %v", k, sum, esis, want)
		}
		n++
	}
	if want := 41 + 37 + 33; n != want {
		t.Errorf("scored %d questionnaires, want %d", n, want)
	}
}

// TestReliableChange recomputes outcome_changes' flags in Go from its pre and
// post columns for the outcomes case: sd_pre over all pairs of an outcome and
// contrast, Jacobson–Truax z with strict 1.96, thresholds on the change
// rounded to 6 decimals.
func TestReliableChange(t *testing.T) {
	db := newRawDB(t)
	mustExec(t, db, readFile(t, "testdata/cases/outcomes/input.sql"))
	s := loadSettings(t, "testdata/cases/outcomes")
	if _, err := Build(context.Background(), db, s); err != nil {
		t.Fatal(err)
	}
	type pair struct {
		outcome, contrast string
		pre, post         float64
		improved, deter   bool
		relImp, relDet    sql.NullBool
	}
	rows, err := db.Query(`SELECT outcome, contrast, pre, post, improved, deteriorated,
		reliably_improved, reliably_deteriorated FROM outcome_changes`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	groups := map[string][]pair{}
	for rows.Next() {
		var p pair
		if err := rows.Scan(&p.outcome, &p.contrast, &p.pre, &p.post, &p.improved, &p.deter, &p.relImp, &p.relDet); err != nil {
			t.Fatal(err)
		}
		groups[p.outcome+" "+p.contrast] = append(groups[p.outcome+" "+p.contrast], p)
	}
	if len(groups) != 9 {
		t.Fatalf("got %d outcome × contrast groups with pairs, want 9", len(groups))
	}
	for key, pairs := range groups {
		sd := sampleSD(pairs, func(p pair) float64 { return p.pre })
		threshold, reliability := s.Outcomes.SwemwbsThreshold, s.Outcomes.SwemwbsReliability
		if pairs[0].outcome == "esis" {
			threshold, reliability = s.Outcomes.EsisThreshold, s.Outcomes.EsisReliability
		}
		for _, p := range pairs {
			change := p.post - p.pre
			rounded := math.Round(change*1e6) / 1e6
			if p.improved != (rounded >= threshold) || p.deter != (rounded <= -threshold) {
				t.Errorf("%s %v→%v: improved %v deteriorated %v", key, p.pre, p.post, p.improved, p.deter)
			}
			if math.IsNaN(sd) || sd == 0 {
				if p.relImp.Valid || p.relDet.Valid {
					t.Errorf("%s: reliable-change flags without an SD", key)
				}
				continue
			}
			z := change / (math.Sqrt2 * sd * math.Sqrt(1-reliability))
			if !p.relImp.Valid || p.relImp.Bool != (z > 1.96) || p.relDet.Bool != (z < -1.96) {
				t.Errorf("%s %v→%v: z %v, reliably improved %v deteriorated %v", key, p.pre, p.post, z, p.relImp, p.relDet)
			}
		}
	}
}

// sampleSD is the n−1 standard deviation, NaN below two values.
func sampleSD[T any](xs []T, value func(T) float64) float64 {
	if len(xs) < 2 {
		return math.NaN()
	}
	var mean float64
	for _, x := range xs {
		mean += value(x)
	}
	mean /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		d := value(x) - mean
		ss += d * d
	}
	return math.Sqrt(ss / float64(len(xs)-1))
}
