package ingest

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Kind is an input file kind of the input contract.
type Kind string

// The input kinds, in the order one ingest call loads them when it can:
// referral exports first so that other files find their referrals.
const (
	KindReferrals     Kind = "referrals"
	KindMeetings      Kind = "meetings"
	KindSwemwbs       Kind = "swemwbs"
	KindParticipation Kind = "participation"
	KindWorkerSurvey  Kind = "worker_survey"
)

// Kinds lists every kind.
var Kinds = []Kind{KindReferrals, KindMeetings, KindSwemwbs, KindParticipation, KindWorkerSurvey}

// ParseKind reads --kind.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == strings.ToLower(strings.TrimSpace(s)) {
			return k, nil
		}
	}
	return "", fmt.Errorf("kind %q: use one of %s", s, joinKinds())
}

func joinKinds() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// column is one canonical column of a kind with the header spellings that
// name it.
type column struct {
	name     string
	aliases  []string
	required bool
}

func items(prefix string, n int, aliasPrefixes ...string) []column {
	out := make([]column, n)
	for i := range out {
		c := column{name: fmt.Sprintf("%s%d", prefix, i+1), required: true}
		for _, a := range aliasPrefixes {
			c.aliases = append(c.aliases, fmt.Sprintf("%s%d", a, i+1))
		}
		out[i] = c
	}
	return out
}

var questionnaireKeys = []column{
	{name: "referral_id", aliases: []string{"lahete_id", "lähetetunnus"}},
	{name: "client_id", aliases: []string{"asiakas_id", "asiakastunnus", "henkilotunnus", "hetu"}},
	{name: "timepoint", aliases: []string{"mittauskerta", "ajankohta"}},
	{name: "response_date", aliases: []string{"vastauspaiva"}, required: true},
}

// schemas are the columns of each kind (input contract §1–5).
var schemas = map[Kind][]column{
	KindReferrals: {
		{name: "referral_id", aliases: []string{"lahete_id", "lähetetunnus"}, required: true},
		{name: "client_id", aliases: []string{"asiakas_id", "asiakastunnus", "henkilotunnus", "hetu"}, required: true},
		{name: "referral_date", aliases: []string{"lahetepaiva"}, required: true},
		{name: "municipality", aliases: []string{"kunta"}, required: true},
		{name: "referrer_sector", aliases: []string{"lahettava_taho", "lähettävä yksikkö"}, required: true},
		{name: "referrer_profession", aliases: []string{"ammattiryhma"}},
		{name: "reasons", aliases: []string{"lahetteen_syyt", "syyt"}, required: true},
		{name: "birth_year", aliases: []string{"syntymavuosi"}},
		{name: "gender", aliases: []string{"sukupuoli"}},
		{name: "link_worker_id", aliases: []string{"hyvinvointilahetti", "linkkihenkilo"}},
		{name: "start_date", aliases: []string{"aloituspaiva"}},
		{name: "end_date", aliases: []string{"lopetuspaiva", "paattymispaiva"}},
		{name: "end_reason", aliases: []string{"paattymisen_syy"}},
		{name: "research_consent", aliases: []string{"tutkimuslupa"}},
		{name: "linked_services", aliases: []string{"linkitetty_toimintaan"}},
		{name: "barriers", aliases: []string{"osallistumisen_esteet"}},
	},
	KindMeetings: {
		{name: "referral_id", aliases: []string{"lahete_id", "lähetetunnus"}, required: true},
		{name: "meeting_date", aliases: []string{"tapaamispaiva", "pvm"}, required: true},
		{name: "hours", aliases: []string{"tunnit", "kesto_h"}, required: true},
		{name: "km", aliases: []string{"kilometrit", "km_korvaus_km"}},
		{name: "activity", aliases: []string{"toiminta"}},
	},
	KindSwemwbs:       append(append([]column{}, questionnaireKeys...), items("q", 7, "k", "kysymys")...),
	KindParticipation: append(append([]column{}, questionnaireKeys...), items("p", 10, "o", "osallisuus")...),
	KindWorkerSurvey: {
		{name: "respondent_id", aliases: []string{"vastaaja_id", "vastaajatunnus"}, required: true},
		{name: "survey_date", aliases: []string{"kyselypaiva", "vastauspaiva"}, required: true},
		{name: "municipality", aliases: []string{"kunta"}, required: true},
	},
}

// normHeader folds a header for matching: case, surrounding spaces, ä/ö/å
// and the choice between space, '-' and '_' do not matter.
func normHeader(s string) string {
	return strings.ReplaceAll(normLabel(strings.TrimPrefix(s, "\ufeff")), " ", "_")
}

// Mapping is a user's column-mapping file: header text → canonical column,
// and optionally the kind. See data/inputs.md for the format.
type Mapping struct {
	Kind    string            `toml:"kind"`
	Columns map[string]string `toml:"columns"`
}

// LoadMapping reads a mapping file (TOML).
func LoadMapping(path string) (Mapping, error) {
	var m Mapping
	md, err := toml.DecodeFile(path, &m)
	if err != nil {
		return m, fmt.Errorf("mapping file %s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return m, fmt.Errorf("mapping file %s: unknown key %q (use kind and [columns])", path, und[0].String())
	}
	if m.Kind != "" {
		if _, err := ParseKind(m.Kind); err != nil {
			return m, fmt.Errorf("mapping file %s: %w", path, err)
		}
	}
	return m, nil
}

// layout is how a file's header maps to a kind's canonical columns.
type layout struct {
	kind  Kind
	index map[string]int // canonical column → field position
	// statements are the worker survey's Likert columns: position → header.
	statements []statement
	ignored    []string // headers that map to nothing
	width      int      // number of header fields
}

type statement struct {
	pos  int
	text string
}

// HeaderError is a file refused whole: its kind cannot be told, or it lacks
// required columns.
type HeaderError struct {
	File    string
	Kind    Kind
	Missing []string
	Msg     string
}

// Error names the file, the missing columns and their accepted headers;
// identity codes (a header may hold anything) are masked.
func (e *HeaderError) Error() string {
	if e.Msg != "" {
		return maskIdentityCodes(fmt.Sprintf("%s: %s", e.File, e.Msg))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: not a complete %s file; missing column(s):", e.File, e.Kind)
	for _, m := range e.Missing {
		fmt.Fprintf(&b, " %s (accepted headers: %s);", m, strings.Join(acceptedHeaders(e.Kind, m), ", "))
	}
	return strings.TrimSuffix(b.String(), ";")
}

func acceptedHeaders(k Kind, name string) []string {
	for _, c := range schemas[k] {
		if c.name == name {
			return append([]string{c.name}, c.aliases...)
		}
	}
	return []string{name}
}

// resolveLayout maps a header to a kind's columns. kind "" detects the kind:
// the kind that recognises the most headers wins, required columns first.
func resolveLayout(file string, header []string, kind Kind, m Mapping) (layout, error) {
	mapped := make(map[string]string, len(m.Columns))
	for h, c := range m.Columns {
		mapped[normHeader(h)] = strings.TrimSpace(c)
	}
	if kind == "" && m.Kind != "" {
		kind = Kind(m.Kind)
	}
	candidates := Kinds
	if kind != "" {
		candidates = []Kind{kind}
	}
	type scored struct {
		l       layout
		missing []string
		matched int
	}
	var best *scored
	for _, k := range candidates {
		l, missing, matched, err := layoutFor(file, header, k, mapped)
		if err != nil {
			return layout{}, err
		}
		s := &scored{l, missing, matched}
		if best == nil || len(s.missing) == 0 && len(best.missing) > 0 ||
			(len(s.missing) == 0) == (len(best.missing) == 0) && s.matched > best.matched {
			best = s
		}
	}
	if kind == "" && best.matched <= 1 {
		return layout{}, &HeaderError{File: file, Msg: fmt.Sprintf(
			"cannot tell the file kind from its headers (%s); expected the headers of one of %s (see data/inputs.md), or give --kind and --mapping",
			strings.Join(header, ", "), joinKinds())}
	}
	if len(best.missing) > 0 {
		return layout{}, &HeaderError{File: file, Kind: best.l.kind, Missing: best.missing}
	}
	return best.l, nil
}

func layoutFor(file string, header []string, k Kind, mapped map[string]string) (layout, []string, int, error) {
	names := map[string]string{}
	for _, c := range schemas[k] {
		names[normHeader(c.name)] = c.name
		for _, a := range c.aliases {
			names[normHeader(a)] = c.name
		}
	}
	l := layout{kind: k, index: map[string]int{}, width: len(header)}
	matched := 0
	for i, h := range header {
		key := normHeader(h)
		name, ok := names[key]
		if to, isMapped := mapped[key]; isMapped {
			name, ok = names[normHeader(to)]
			if !ok {
				return l, nil, 0, fmt.Errorf("%s: mapping file maps %q to %q, which is not a %s column", file, h, to, k)
			}
		}
		switch {
		case ok:
			if prev, dup := l.index[name]; dup {
				return l, nil, 0, &HeaderError{File: file, Msg: fmt.Sprintf(
					"columns %d (%q) and %d (%q) both mean %s", prev+1, header[prev], i+1, h, name)}
			}
			l.index[name] = i
			matched++
		case k == KindWorkerSurvey && strings.TrimSpace(h) != "":
			l.statements = append(l.statements, statement{pos: i, text: maskIdentityCodes(strings.TrimSpace(h))})
		default:
			l.ignored = append(l.ignored, maskIdentityCodes(h))
		}
	}
	var missing []string
	for _, c := range schemas[k] {
		if _, ok := l.index[c.name]; c.required && !ok {
			missing = append(missing, c.name)
		}
	}
	if k == KindSwemwbs || k == KindParticipation {
		_, r := l.index["referral_id"]
		_, c := l.index["client_id"]
		if !r && !c {
			missing = append(missing, "referral_id")
		}
	}
	if k == KindWorkerSurvey && len(l.statements) == 0 {
		missing = append(missing, "statement columns")
	}
	sort.Strings(l.ignored)
	return l, missing, matched, nil
}

// has reports whether the file has a column.
func (l layout) has(name string) bool {
	_, ok := l.index[name]
	return ok
}

// mappingFromFile loads opts.MappingFile when given.
func mappingFromFile(path string) (Mapping, error) {
	if path == "" {
		return Mapping{}, nil
	}
	if _, err := os.Stat(path); err != nil {
		return Mapping{}, fmt.Errorf("mapping file: %w", err)
	}
	return LoadMapping(path)
}
