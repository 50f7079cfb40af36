package ingest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unsafe"

	"github.com/linkki-fi/linkki/data"
)

// fieldError is one broken value: which canonical column, which reason code
// and a message for the quarantine table.
type fieldError struct {
	column string
	reason string
	msg    string
}

func (e *fieldError) Error() string { return e.column + ": " + e.msg }

func fieldErrorf(column, reason, format string, args ...any) *fieldError {
	return &fieldError{column: column, reason: reason, msg: fmt.Sprintf(format, args...)}
}

// isMissing reports whether a cell holds one of the contract's missing-value
// markers: empty, NA, -, puuttuu, tyhjä (any case, surrounding spaces).
func isMissing(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) > 7 { // longest marker, "puuttuu"/"tyhjä"
		return false
	}
	// EqualFold, not ToLower: this runs for every cell and must not allocate.
	for _, m := range missingMarkers {
		if strings.EqualFold(s, m) {
			return true
		}
	}
	return false
}

var missingMarkers = []string{"", "na", "-", "puuttuu", "tyhjä", "tyhja"}

// normLabel folds a label for matching: lower case, ä/å→a, ö→o, '_' and '-'
// as spaces, runs of spaces collapsed, surrounding spaces dropped.
func normLabel(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.TrimSpace(s) {
		switch r {
		case 'ä', 'Ä', 'å', 'Å', 'á', 'à':
			r = 'a'
		case 'ö', 'Ö', 'ó':
			r = 'o'
		case '_', '-', '\u00a0':
			r = ' '
		default:
			r = unicode.ToLower(r)
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// date is a calendar date without a clock; the zero value means missing.
type date = time.Time

// parseDate reads ISO 2022-03-07 and Finnish 7.3.2022 / 07.03.2022 dates and
// rejects dates that do not exist (31.2.2022). A trailing midnight clock time
// ("2022-03-07 00:00:00"), as some exports write, is accepted.
func parseDate(s string) (date, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		clock := strings.TrimSpace(s[i+1:])
		if strings.Trim(clock, "0:.") != "" {
			return date{}, false
		}
		s = s[:i]
	}
	var y, m, d int
	var ok bool
	if strings.Count(s, "-") == 2 {
		p := cut3(s, '-')
		if len(p[0]) != 4 {
			return date{}, false
		}
		y, ok = atoiDigits(p[0])
		m, ok = and(ok, p[1])
		d, ok = and(ok, p[2])
		if !ok || len(p[1]) > 2 || len(p[2]) > 2 {
			return date{}, false
		}
	} else if strings.Count(s, ".") == 2 || (strings.Count(s, ".") == 3 && strings.HasSuffix(s, ".")) {
		p := cut3(strings.TrimSuffix(s, "."), '.')
		if len(p[2]) != 4 || len(p[0]) > 2 || len(p[1]) > 2 {
			return date{}, false
		}
		d, ok = atoiDigits(p[0])
		m, ok = and(ok, p[1])
		y, ok = and(ok, p[2])
		if !ok {
			return date{}, false
		}
	} else {
		return date{}, false
	}
	return makeDate(y, m, d)
}

// cut3 splits s, which holds sep exactly twice, into its three parts
// without allocating (strings.Split did, for every date of every row).
func cut3(s string, sep byte) [3]string {
	i := strings.IndexByte(s, sep)
	j := i + 1 + strings.IndexByte(s[i+1:], sep)
	return [3]string{s[:i], s[i+1 : j], s[j+1:]}
}

func and(ok bool, s string) (int, bool) {
	n, ok2 := atoiDigits(s)
	return n, ok && ok2
}

// makeDate builds a date and checks that it exists in the calendar.
func makeDate(y, m, d int) (date, bool) {
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return date{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return date{}, false
	}
	return t, true
}

// atoiDigits parses a non-empty run of ASCII digits.
func atoiDigits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseDecimal reads 1.5 and 1,5 alike. Spaces (also no-break and narrow
// no-break, used by Finnish Excel for thousands) are dropped and U+2212 is a
// minus. When both '.' and ',' appear, the last one is the decimal mark.
func parseDecimal(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, " \u00a0\u202f\u2212") {
		s = numberSpaces.Replace(s)
	}
	// The rewritten number goes to a stack buffer: a new string per value
	// was two allocations per meeting (hours and kilometres).
	var buf [64]byte
	b := buf[:0]
	dot, comma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case comma >= 0 && dot >= 0 && comma > dot: // 1.234,5
		for i := 0; i < comma; i++ {
			if s[i] != '.' {
				b = append(b, s[i])
			}
		}
		b = append(append(b, '.'), s[comma+1:]...)
	case comma >= 0 && dot >= 0: // 1,234.5
		for i := 0; i < len(s); i++ {
			if s[i] != ',' {
				b = append(b, s[i])
			}
		}
	case comma >= 0:
		if strings.Count(s, ",") > 1 {
			return 0, false
		}
		b = append(b, s...)
		b[comma] = '.'
	}
	if comma >= 0 {
		s = unsafe.String(&b[0], len(b)) // rewritten (never empty); only read below, while buf lives
	}
	if s == "" || strings.ContainsAny(s, "xXpPeE_") && !isExponent(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// numberSpaces removes digit-group spaces and reads a typographic minus.
var numberSpaces = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "\u2212", "-")

// isExponent accepts 1e3 / 1E-2 (Excel writes large numbers that way) but
// not hexadecimal or digit separators, which ParseFloat would take.
func isExponent(s string) bool {
	return !strings.ContainsAny(s, "xXpP_") && strings.IndexAny(s, "eE") > 0
}

// parseInteger reads an integer, also one written as 3,0 or 3.0 (Excel).
func parseInteger(s string) (int, bool) {
	f, ok := parseDecimal(s)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, false
	}
	return int(f), true
}

// category is a closed value set: canonical code by folded label.
type category struct {
	column string
	labels map[string]string
	codes  []string // canonical codes, in contract order, for messages
}

// newCategory builds a category from code → aliases; each code also matches
// itself and its spelling with spaces.
func newCategory(column string, codes []string, aliases map[string][]string) category {
	c := category{column: column, labels: map[string]string{}, codes: codes}
	for _, code := range codes {
		c.labels[normLabel(code)] = code
		for _, a := range aliases[code] {
			c.labels[normLabel(a)] = code
		}
	}
	// Codes and aliases as written (T0, yksinäisyys; not the folded t0,
	// yksinaisyys) are what most files hold: found directly, they skip the
	// folding, which allocates.
	for _, code := range codes {
		for _, label := range append([]string{code}, aliases[code]...) {
			if _, ok := c.labels[label]; !ok {
				c.labels[label] = code
			}
		}
	}
	return c
}

func (c category) parse(s string) (string, *fieldError) {
	// Labels are stored folded, and folding is idempotent, so a value that
	// is already a folded label (most are) skips the folding.
	if code, ok := c.labels[s]; ok {
		return code, nil
	}
	if code, ok := c.labels[normLabel(s)]; ok {
		return code, nil
	}
	return "", fieldErrorf(c.column, data.ReasonUnknownCategory, "%q is not a known %s; accepted: %s",
		s, c.column, strings.Join(c.codes, ", "))
}

// parseList splits a list field on '|' (or ',' when there is no '|') and maps
// each label; a category named twice counts once, first-seen order kept.
func (c category) parseList(s string) ([]string, *fieldError) {
	sep := "|"
	if !strings.Contains(s, "|") {
		sep = ","
	}
	out := []string{}
	for _, part := range strings.Split(s, sep) {
		if isMissing(part) {
			continue
		}
		code, err := c.parse(part)
		if err != nil {
			return nil, err
		}
		if !contains(out, code) {
			out = append(out, code)
		}
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var booleans = newCategory("research_consent", []string{"true", "false"}, map[string][]string{
	"true":  {"kyllä", "yes", "1", "k", "y", "tosi"},
	"false": {"ei", "no", "0", "e", "n", "epätosi"},
})

// Category value sets of the input contract.
var (
	referrerSectors = newCategory("referrer_sector",
		[]string{"elderly_services", "mental_health", "rehabilitation", "social_services", "health_services", "third_sector", "parish", "leisure", "other"},
		map[string][]string{
			"elderly_services": {"vanhuspalvelut"},
			"mental_health":    {"mielenterveyspalvelut"},
			"rehabilitation":   {"kuntoutus", "fysioterapia"},
			"social_services":  {"sosiaalipalvelut"},
			"health_services":  {"terveyspalvelut", "terveyskeskus"},
			"third_sector":     {"järjestö", "kolmas sektori"},
			"parish":           {"seurakunta", "diakonia"},
			"leisure":          {"vapaa-aika", "liikuntapalvelut", "kulttuuripalvelut"},
			"other":            {"muu"},
		})
	reasonCategories = newCategory("reasons",
		[]string{"loneliness", "social_contacts", "everyday_activity", "getting_started", "lifestyle_change", "practical_help", "other"},
		map[string][]string{
			"loneliness":        {"yksinäisyys"},
			"social_contacts":   {"sosiaaliset kontaktit"},
			"everyday_activity": {"arjen toiminnallisuus", "ulkoilu", "harrastus"},
			"getting_started":   {"ryhtymisen tuki"},
			"lifestyle_change":  {"elämäntapamuutos", "päihteettömyys"},
			"practical_help":    {"asiointiapu", "arjen apu"},
			"other":             {"muu"},
		})
	genders = newCategory("gender", []string{"female", "male", "other"}, map[string][]string{
		"female": {"nainen", "n", "f"},
		"male":   {"mies", "m"},
		"other":  {"muu"},
	})
	endReasons = newCategory("end_reason",
		[]string{"completed", "discontinued", "not_started", "moved", "other"},
		map[string][]string{
			"completed":    {"päättynyt suunnitellusti"},
			"discontinued": {"keskeytynyt"},
			"not_started":  {"ei aloittanut"},
			"moved":        {"muuttanut"},
			"other":        {"muu"},
		})
	linkedServices = newCategory("linked_services",
		[]string{"municipal_services", "adult_education", "third_sector", "parish", "peer_group", "other"},
		map[string][]string{
			"municipal_services": {"kunnan palvelut", "liikuntapalvelut", "kulttuuripalvelut"},
			"adult_education":    {"kansalaisopisto"},
			"third_sector":       {"järjestö", "yhdistys"},
			"parish":             {"seurakunta"},
			"peer_group":         {"vertaisryhmä"},
			"other":              {"muu"},
		})
	barrierCategories = newCategory("barriers",
		[]string{"cost", "transport", "distance", "no_suitable_activity", "language", "health", "other"},
		map[string][]string{
			"cost":                 {"talous"},
			"transport":            {"kulkuyhteydet"},
			"distance":             {"pitkät etäisyydet"},
			"no_suitable_activity": {"sopivan toiminnan puute"},
			"language":             {"kieli"},
			"health":               {"terveys"},
			"other":                {"muu"},
		})
	activities = newCategory("activity",
		[]string{"conversation", "outdoors", "hobby", "errand", "group", "other"},
		map[string][]string{
			"conversation": {"keskustelu"},
			"outdoors":     {"ulkoilu"},
			"hobby":        {"harrastus"},
			"errand":       {"asiointi"},
			"group":        {"ryhmä", "tapahtuma"},
			"other":        {"muu"},
		})
	timepoints = newCategory("timepoint", []string{"T0", "T1", "T2"}, map[string][]string{
		"T0": {"alku", "alkumittaus", "baseline"},
		"T1": {"loppu", "loppumittaus", "end"},
		"T2": {"seuranta", "seurantamittaus", "3kk", "follow-up", "follow up"},
	})
	// responseLabels are the SWEMWBS answer labels (English and Finnish).
	responseLabels = map[string]int{
		"none of the time": 1, "rarely": 2, "some of the time": 3, "often": 4, "all of the time": 5,
		"ei koskaan": 1, "harvoin": 2, "joskus": 3, "usein": 4, "koko ajan": 5,
	}
)

// parseItem reads a questionnaire item: an integer 1–5 or a response label.
func parseItem(column, s string) (int8, *fieldError) {
	if len(s) == 1 && s[0] >= '1' && s[0] <= '5' { // the usual answer, without folding
		return int8(s[0] - '0'), nil
	}
	if v, ok := responseLabels[normLabel(s)]; ok {
		return int8(v), nil
	}
	n, ok := parseInteger(s)
	if !ok {
		return 0, fieldErrorf(column, data.ReasonInvalidNumber, "%q is not an answer 1–5 or a response label", s)
	}
	if n < 1 || n > 5 {
		return 0, fieldErrorf(column, data.ReasonOutOfRange, "%d is outside 1–5", n)
	}
	return int8(n), nil
}
