package ingest

import (
	"cmp"
	"slices"
	"time"
)

// monthHours are meeting hours per support period and calendar month.
// Nearly every meeting of a support period of at most six months falls in
// the twelve months from the one before its referral, so those are summed
// in one flat slice (a map update per meeting cost about a second of the
// sequencer's time at ten million meetings); the rest go to a map.
type monthHours struct {
	idx     *referralIndex
	base    []int32   // per period: the month number of the month before its referral
	window  []float64 // period × monthWindow
	outside map[[2]int32]float64
}

const monthWindow = 12

// monthNumber counts calendar months from year 0.
func monthNumber(d date) int32 { return int32(d.Year()*12 + int(d.Month()) - 1) }

func newMonthHours(idx *referralIndex) *monthHours {
	h := &monthHours{idx: idx, base: make([]int32, len(idx.periods)),
		window: make([]float64, len(idx.periods)*monthWindow), outside: map[[2]int32]float64{}}
	for i, p := range idx.periods {
		h.base[i] = monthNumber(dayDate(p.referral)) - 1
	}
	return h
}

func (h *monthHours) add(periodNo int32, d date, hours float64) {
	m := monthNumber(d)
	if off := m - h.base[periodNo]; off >= 0 && off < monthWindow {
		h.window[int(periodNo)*monthWindow+int(off)] += hours
		return
	}
	h.outside[[2]int32{periodNo, m}] += hours
}

// stageOverCap stages the months above the cap, ordered by period and month.
func (h *monthHours) stageOverCap(fr *fileRun, capHours float64) error {
	var over [][2]int32
	for i, v := range h.window {
		if v > capHours {
			p := int32(i / monthWindow)
			over = append(over, [2]int32{p, h.base[p] + int32(i%monthWindow)})
		}
	}
	for k, v := range h.outside {
		if v > capHours {
			over = append(over, k)
		}
	}
	slices.SortFunc(over, func(a, b [2]int32) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	for _, k := range over {
		sum := h.outside[k]
		if off := k[1] - h.base[k[0]]; off >= 0 && off < monthWindow {
			sum = h.window[int(k[0])*monthWindow+int(off)]
		}
		first := time.Date(int(k[1]/12), time.Month(k[1]%12+1), 1, 0, 0, 0, 0, time.UTC)
		if err := fr.row("stage_hours_over_cap").str(h.idx.period(k[0]).ReferralID).date(first).float(sum).end(); err != nil {
			return err
		}
	}
	return nil
}
