package synth

import "strconv"

// Dates are carried as days since 1970-01-01 so that the hot loop does date
// arithmetic on integers and formats without time.Time.

// daysFromCivil converts a proleptic Gregorian date to days since 1970-01-01
// (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// dateStyle is how a dialect writes dates.
type dateStyle int

const (
	dateFinnish       dateStyle = iota // 7.3.2022
	dateFinnishPadded                  // 07.03.2022
	dateISO                            // 2022-03-07
)

func (s dateStyle) String() string {
	switch s {
	case dateFinnish:
		return "d.m.yyyy"
	case dateFinnishPadded:
		return "dd.mm.yyyy"
	default:
		return "yyyy-mm-dd"
	}
}

func appendDate(b []byte, day int, s dateStyle) []byte {
	y, m, d := civilFromDays(day)
	switch s {
	case dateISO:
		b = strconv.AppendInt(b, int64(y), 10)
		b = append(b, '-')
		b = append2(b, m)
		b = append(b, '-')
		return append2(b, d)
	case dateFinnishPadded:
		b = append2(b, d)
		b = append(b, '.')
		b = append2(b, m)
	default:
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(m), 10)
	}
	b = append(b, '.')
	return strconv.AppendInt(b, int64(y), 10)
}

// append2 writes a number 0–99 with two digits.
func append2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// appendTenths writes n/10 with a decimal comma and no trailing ",0"
// for whole numbers (12 → "1,2", 30 → "3").
func appendTenths(b []byte, n int, comma byte) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, int64(n/10), 10)
	if n%10 != 0 {
		b = append(b, comma, byte('0'+n%10))
	}
	return b
}

// monthIndex numbers calendar months continuously (year*12 + month-1), to
// sum meeting hours per calendar month.
func monthIndex(day int) int {
	y, m, _ := civilFromDays(day)
	return y*12 + m - 1
}
