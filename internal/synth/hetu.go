package synth

// Finnish personal identity codes (henkilötunnus): DDMMYY C NNN Q, where C
// gives the century (+ 1800s; - and, since 2023, Y X W V U for the 1900s;
// A and B C D E F for the 2000s), NNN is the individual number (002–899,
// odd for men) and Q = hetuCheck[(DDMMYY·1000 + NNN) mod 31]
// (Digital and Population Data Services Agency, dvv.fi/hetu-uudistus).

const hetuCheck = "0123456789ABCDEFHJKLMNPRSTUVWXY"

// hetuSlots numbers the individual numbers of one birth date and sex:
// 449 even (women) and 449 odd (men) values in 002–899.
const hetuSlots = 449

// hetuNumber spreads the k-th code issued for a birth date over 002–899 in
// a date-dependent order, as real codes are not issued from 002 upwards.
func hetuNumber(day, k int, male bool) int {
	h := (day*7919 + 104729) % hetuSlots
	if h < 0 {
		h += hetuSlots
	}
	n := 2 + 2*((k*211+h)%hetuSlots)
	if male {
		n++
	}
	return n
}

// appendHetu writes the identity code for a birth date, individual number
// and century sign.
func appendHetu(b []byte, birthDay, num int, sign byte) []byte {
	y, m, d := civilFromDays(birthDay)
	return appendHetuDigits(b, d, m, y%100, sign, num)
}

func hetuCheckChar(ddmmyy, num int) byte {
	return hetuCheck[(ddmmyy*1000+num)%31]
}

// centurySign picks the separator for a birth year: mostly the classic
// ones, rarely one of the signs introduced in 2023.
func centurySign(year int, u float64) byte {
	const newSigns1900, newSigns2000 = "YXWVU", "BCDEF"
	switch {
	case year < 1900:
		return '+'
	case year < 2000:
		if u < 0.02 {
			return newSigns1900[int(u*250)%5]
		}
		return '-'
	default:
		if u < 0.05 {
			return newSigns2000[int(u*100)%5]
		}
		return 'A'
	}
}

// hetuPool hands out unique individual numbers per birth date and sex: the
// clean stream from the bottom, injected defects from the top, so that
// adding defects never shifts the clean clients' codes.
type hetuPool struct {
	firstDay int
	lo, hi   []uint16
}

func newHetuPool(firstDay, lastDay int) *hetuPool {
	n := 2 * (lastDay - firstDay + 1)
	return &hetuPool{firstDay: firstDay, lo: make([]uint16, n), hi: make([]uint16, n)}
}

// take returns an unused individual number, or ok = false when the date is
// exhausted (the caller then gives the client a client number instead).
func (p *hetuPool) take(birthDay int, male, fromTop bool) (num int, ok bool) {
	i := 2 * (birthDay - p.firstDay)
	if male {
		i++
	}
	if i < 0 || i >= len(p.lo) || int(p.lo[i])+int(p.hi[i]) >= hetuSlots {
		return 0, false
	}
	k := int(p.lo[i])
	if fromTop {
		k = hetuSlots - 1 - int(p.hi[i])
		p.hi[i]++
	} else {
		p.lo[i]++
	}
	return hetuNumber(birthDay, k, male), true
}

// appendHetuDigits writes a code from its parts, date unchecked, with the
// check character those digits give.
func appendHetuDigits(b []byte, d, m, yy int, sign byte, num int) []byte {
	b = append2(b, d)
	b = append2(b, m)
	b = append2(b, yy)
	b = append(b, sign)
	b = append(b, byte('0'+num/100), byte('0'+num/10%10), byte('0'+num%10))
	return append(b, hetuCheckChar(d*10000+m*100+yy, num))
}
