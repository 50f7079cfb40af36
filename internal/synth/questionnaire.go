package synth

import (
	"math"
	"math/rand/v2"
)

// Outcome model. A person's true SWEMWBS metric score at the start is
// N(19.6, 3.6²), below the English population mean of about 23.5 as
// referred clients are; at the end it is that plus Options.Improvement plus
// N(0, 3²) noise, and at follow-up plus 70 % of the improvement plus
// N(0, 3.3²). ESIS (0–100) follows the person's SWEMWBS level at 2.8 points
// per metric point around 58, and moves 2.5 ESIS points per metric point of
// change. Observed totals are the nearest scale value, split into items that
// share the person's level, so items correlate within a person.
const (
	swemwbsMean, swemwbsSD = 19.6, 3.6
	followUpKeeps          = 0.7
	esisMean, esisPerPoint = 58.0, 2.8
	esisChangePerPoint     = 2.5
)

// Response shares: of started periods, about 85 % answer at the start; at the
// end, shares depend on how the period ended (and rise with wellbeing, so
// complete cases are a little better off, as in real follow-up); two in three
// who answered at the end answer at follow-up.
var endResponse = [...]float64{endCompleted: 0.80, endDiscontinued: 0.30, endMoved: 0.15, endOther: 0.45}

const (
	startResponse     = 0.85
	followUpResponse  = 0.68
	followUpNoEnd     = 0.12 // answered follow-up without the end questionnaire
	esisWithSwemwbs   = 0.90
	esisAlone         = 0.04
	followUpDays      = 90
	byClientShare     = 0.03 // keyed by client_id only
	bothKeysShare     = 0.07 // referral_id and the matching client_id
	noTimepointShare  = 0.02
	responseLabelRate = 0.04
)

// questionnaire is one SWEMWBS or ESIS answer sheet about to be written.
type questionnaire struct {
	swemwbs   bool
	tp        int
	day       int
	items     []int
	byClient  bool
	bothKeys  bool
	noTP      bool
	labels    bool
	referral  *period
	file      *csvFile
	row       *row
	dateStyle dateStyle
}

// questionnaires writes the SWEMWBS and ESIS questionnaires of a started
// period.
func (g *generator) questionnaires(p *period, onlyPeriod bool) {
	r := g.r
	m0 := swemwbsMean + swemwbsSD*r.NormFloat64()
	m := [3]float64{m0,
		m0 + g.o.Improvement + 3.0*r.NormFloat64(),
		m0 + followUpKeeps*g.o.Improvement + 3.3*r.NormFloat64()}
	e0 := esisMean + esisPerPoint*(m0-swemwbsMean) + 10*r.NormFloat64()
	e := [3]float64{e0,
		e0 + esisChangePerPoint*(m[1]-m0) + 6*r.NormFloat64(),
		e0 + esisChangePerPoint*(m[2]-m0) + 7*r.NormFloat64()}

	var answered [3]bool
	var days [3]int
	days[0] = p.start + r.IntN(11) - 3 // at the first meeting, never before the referral
	answered[0] = r.Float64() < startResponse
	if p.end != noDay {
		tilt := 1 + 0.03*(m0-swemwbsMean)
		days[1] = p.end + r.IntN(15) - 7
		answered[1] = r.Float64() < endResponse[p.endReason]*tilt
		days[2] = p.end + followUpDays + r.IntN(21) - 10
		share := followUpNoEnd
		if answered[1] {
			share = followUpResponse
		}
		answered[2] = r.Float64() < share
	}
	for tp := 0; tp < 3; tp++ {
		esisU := r.Float64()
		if p.end == noDay && tp > 0 || days[tp] > g.exp {
			continue
		}
		if answered[tp] {
			items := g.items[:7]
			splitTotal(r, nearestRaw(m[tp]), items)
			g.writeQuestionnaire(r, p, true, tp, days[tp], items, onlyPeriod)
		}
		if answered[tp] && esisU < esisWithSwemwbs || !answered[tp] && esisU < esisAlone {
			items := g.items[:10]
			total := int(math.Round(10 + clamp(e[tp], 0, 100)/2.5))
			splitTotal(r, total, items)
			g.writeQuestionnaire(r, p, false, tp, days[tp], items, onlyPeriod)
		}
	}
}

func (g *generator) writeQuestionnaire(r *rand.Rand, p *period, swemwbs bool, tp, day int, items []int, onlyPeriod bool) {
	q := questionnaire{swemwbs: swemwbs, tp: tp, day: day, items: items, referral: p}
	keyU, tpU, labelU := r.Float64(), r.Float64(), r.Float64()
	q.byClient = onlyPeriod && keyU < byClientShare
	q.bothKeys = !q.byClient && keyU < byClientShare+bothKeysShare
	q.noTP = tpU < noTimepointShare
	q.labels = swemwbs && labelU < responseLabelRate
	if swemwbs {
		q.file, q.row, q.dateStyle = g.swem, g.sr, dateISO
	} else {
		q.file, q.row, q.dateStyle = g.part, g.pr, dateFinnish
	}
	g.questionnaireRow(&q)
	if g.mess != nil {
		g.mess.varyQuestionnaire(&q)
	}
	line := q.file.write(q.row)
	g.noteQuestionnaire(&q, line)
	if g.mess != nil {
		g.mess.commit(q.file, line, p)
		g.mess.written(&q)
	}
}

// noteQuestionnaire lists what ingest must do beyond loading the row.
func (g *generator) noteQuestionnaire(q *questionnaire, line int) {
	if q.byClient {
		g.irregular(q.file, line, "client_id", IrregClientIDMatch, "", q.referral)
	}
	if q.noTP {
		g.irregular(q.file, line, "timepoint", IrregInferredTimepoint, timepointsEN[q.tp], q.referral)
	}
	if q.labels {
		g.irregular(q.file, line, "q1", IrregResponseLabels, "", q.referral)
	}
}

// questionnaireRow renders q into its row in its file's dialect.
func (g *generator) questionnaireRow(q *questionnaire) {
	rw := q.row
	rw.reset()
	f := rw.f
	if !q.byClient {
		f[qReferral] = appendReferralID(f[qReferral], q.referral.num)
	}
	if q.byClient || q.bothKeys {
		f[qClient] = q.referral.c.appendID(f[qClient])
	}
	if !q.noTP {
		if q.swemwbs {
			f[qTimepoint] = append(f[qTimepoint], timepointsEN[q.tp]...)
		} else {
			f[qTimepoint] = append(f[qTimepoint], timepointsFI[q.tp]...)
		}
	}
	f[qDate] = appendDate(f[qDate], q.day, q.dateStyle)
	for i, v := range q.items {
		if q.labels {
			f[qItem1+i] = append(f[qItem1+i], swemwbsLabels[v]...)
		} else {
			f[qItem1+i] = append(f[qItem1+i], byte('0'+v))
		}
	}
}

// nearestRaw is the SWEMWBS raw total whose metric score is nearest to m.
func nearestRaw(m float64) int {
	best := 7
	for raw := 8; raw <= 35; raw++ {
		if math.Abs(swemwbsMetric[raw]-m) < math.Abs(swemwbsMetric[best]-m) {
			best = raw
		}
	}
	return best
}

// splitTotal fills items (each 1–5) so that they sum to total: as even as
// possible, then a few one-point moves between items, so answers vary the
// way a person's answers do around their level.
func splitTotal(r *rand.Rand, total int, items []int) {
	n := len(items)
	total = int(clamp(float64(total), float64(n), float64(5*n)))
	base, rem := total/n, total%n
	for i := range items {
		items[i] = base
	}
	for rem > 0 {
		if i := r.IntN(n); items[i] == base {
			items[i]++
			rem--
		}
	}
	for k := 0; k < 2; k++ {
		i, j := r.IntN(n), r.IntN(n)
		if i != j && items[i] < 5 && items[j] > 1 {
			items[i]++
			items[j]--
		}
	}
}

func clamp(x, lo, hi float64) float64 {
	return math.Max(lo, math.Min(hi, x))
}
