package ingest

import (
	"strings"
	"testing"

	"github.com/linkki-fi/linkki/data"
)

// DVV's fictitious test persons (shared/notes/domain-facts.md §5.3), all
// century signs including those of the 2023 reform.
func TestParseIdentityCodeValid(t *testing.T) {
	tests := []struct {
		code   string
		year   int
		gender string
	}{
		{"010594Y9032", 1994, "male"}, {"010594Y9021", 1994, "female"}, {"020594X903P", 1994, "male"},
		{"020594X902N", 1994, "female"}, {"030594W903B", 1994, "male"}, {"030694W9024", 1994, "female"},
		{"040594V9030", 1994, "male"}, {"040594V902Y", 1994, "female"}, {"050594U903M", 1994, "male"},
		{"050594U902L", 1994, "female"}, {"010516B903X", 2016, "male"}, {"010516B902W", 2016, "female"},
		{"020516C903K", 2016, "male"}, {"020516C902J", 2016, "female"}, {"030516D9037", 2016, "male"},
		{"030516D9026", 2016, "female"}, {"010501E9032", 2001, "male"}, {"020502E902X", 2002, "female"},
		{"020503F9037", 2003, "male"}, {"020504A902E", 2004, "female"}, {"020504B904H", 2004, "female"},
		{"131052-308T", 1952, "female"}, {"311280-999J", 1980, "male"}, {"131052-308t", 1952, "female"},
	}
	for _, tt := range tests {
		ic, ok := parseIdentityCode(tt.code)
		if !ok || ic.birthYear != tt.year || ic.gender != tt.gender {
			t.Errorf("parseIdentityCode(%s) = %+v, %v; want %d %s", tt.code, ic, ok, tt.year, tt.gender)
		}
	}
}

func TestParseIdentityCodeInvalid(t *testing.T) {
	for _, code := range []string{
		"010190-999K", // wrong check character (W is right)
		"131052-308U", // wrong check character
		"310252-308T", // 31 February
		"131052G308T", // G is no century sign
		"131352-308T", // month 13
		"131052-308",  // too short
		"ASI-1234567",
	} {
		if _, ok := parseIdentityCode(code); ok {
			t.Errorf("parseIdentityCode(%s) accepted", code)
		}
	}
}

func TestMaskIdentityCodes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"010190-999W", "010190-9***"},
		{"R1;131052-308T;1.3.2022", "R1;131052-3***;1.3.2022"},
		{"a 020504B904H b 311280-999J", "a 020504B9*** b 311280-9***"},
		{"x131052-308Ty", "x131052-308Ty"}, // part of a longer token: not a code
		{"2022-03-07;12345678901", "2022-03-07;12345678901"},
		{"short", "short"},
	}
	for _, tt := range tests {
		if got := maskIdentityCodes(tt.in); got != tt.want {
			t.Errorf("maskIdentityCodes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := maskIdentityCode("010190-999W"); got != "010190-9***" {
		t.Errorf("maskIdentityCode = %q", got)
	}
}

func TestPseudonym(t *testing.T) {
	p := newPseudonymizer([]byte("k"))
	a, err := p.parseClientID("client_id", "131052-308t")
	if err != nil || a.identity == nil {
		t.Fatal(err)
	}
	b, _ := p.parseClientID("client_id", " 131052-308T ")
	if a.pseudonym != b.pseudonym || len(a.pseudonym) != 64 {
		t.Errorf("identity code case changes the pseudonym: %s vs %s", a.pseudonym, b.pseudonym)
	}
	other, _ := newPseudonymizer([]byte("k2")).parseClientID("client_id", "131052-308T")
	if other.pseudonym == a.pseudonym {
		t.Error("the key does not change the pseudonym")
	}
	_, fe := p.parseClientID("client_id", "131052-308U")
	if fe == nil || fe.reason != data.ReasonInvalidIdentityCode || strings.Contains(fe.msg, "308U") {
		t.Errorf("invalid code: %+v", fe)
	}
}
