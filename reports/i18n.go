package reports

import (
	"embed"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

//go:embed i18n/*.toml
var translations embed.FS

// Languages the report is written in.
var Languages = []string{"fi", "en"}

// lang holds one language's wording (i18n/<code>.toml, flattened to
// "section.key") and its number and date conventions.
type lang struct {
	code string
	msgs map[string]string
}

func loadLang(code string) (*lang, error) {
	b, err := translations.ReadFile("i18n/" + code + ".toml")
	if err != nil {
		return nil, fmt.Errorf("report language %q: not available (use fi or en)", code)
	}
	var tree map[string]any
	if err := toml.Unmarshal(b, &tree); err != nil {
		return nil, fmt.Errorf("report language %s: %w", code, err)
	}
	l := &lang{code: code, msgs: map[string]string{}}
	flatten("", tree, l.msgs)
	return l, nil
}

func flatten(prefix string, tree map[string]any, out map[string]string) {
	for k, v := range tree {
		switch v := v.(type) {
		case map[string]any:
			flatten(prefix+k+".", v, out)
		case string:
			out[prefix+k] = v
		}
	}
}

// keys lists the language's message keys in order (for tests).
func (l *lang) keys() []string {
	out := make([]string, 0, len(l.msgs))
	for k := range l.msgs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// T returns the message key with {name} placeholders replaced by the
// name/value pairs in args. A missing key is a programming error that the
// translation tests catch; it shows as ⟦key⟧ rather than failing the
// report.
func (l *lang) T(key string, args ...any) string {
	s, ok := l.msgs[key]
	if !ok {
		return "⟦" + key + "⟧"
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return s
}

// Cat names a category code of a dimension (sector, reason, …). Codes the
// translation does not know (free text from the data) are shown as given;
// the template escapes them.
func (l *lang) Cat(dimension, code string) string {
	if s, ok := l.msgs["category."+dimension+"."+code]; ok {
		return s
	}
	return code
}

// Num formats x with the given decimals in the language's convention:
// Finnish "1 234,5" (no-break space, decimal comma, minus sign U+2212),
// English "1,234.5".
func (l *lang) Num(x float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if x < 0 && strings.Trim(s, "0.") != "" {
		b.WriteString(l.T("format.minus"))
	}
	sep := l.T("format.group")
	// Finnish leaves four-digit numbers ungrouped (1234), English does not.
	groupFrom, _ := strconv.Atoi(l.T("format.group_from_digits"))
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 && len(intPart) >= groupFrom {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(l.T("format.decimal"))
		b.WriteString(frac)
	}
	return b.String()
}

// Int formats a count.
func (l *lang) Int(n int64) string { return l.Num(float64(n), 0) }

// EUR formats euros without cents.
func (l *lang) EUR(x float64) string { return l.T("format.eur", "x", l.Num(x, 0)) }

// Pct formats a share 0..1 as a whole percentage.
func (l *lang) Pct(share float64) string { return l.T("format.pct", "x", l.Num(100*share, 0)) }

// Date formats an ISO date (2025-02-03): Finnish 3.2.2025, English
// 3 February 2025. Anything else is returned as given.
func (l *lang) Date(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return l.T("format.date", "d", t.Day(), "m", int(t.Month()), "month", l.T(fmt.Sprintf("month.m%d", int(t.Month()))), "y", t.Year())
}

// Month formats a year-month key (2024-03) as an axis label.
func (l *lang) Month(key string) string {
	t, err := time.Parse("2006-01", key)
	if err != nil {
		return key
	}
	return l.T("format.month", "m", int(t.Month()), "mon", l.T(fmt.Sprintf("month.short%d", int(t.Month()))), "y", t.Year())
}

// Range formats an interval "low–high".
func (l *lang) Range(lo, hi float64, decimals int) string {
	return l.T("format.range", "lo", l.Num(lo, decimals), "hi", l.Num(hi, decimals))
}
