package ingest

import (
	"strings"
	"testing"
	"time"

	"github.com/linkki-fi/linkki/data"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" means invalid
	}{
		{"2022-03-07", "2022-03-07"},
		{"7.3.2022", "2022-03-07"},
		{"07.03.2022", "2022-03-07"},
		{" 7.3.2022 ", "2022-03-07"},
		{"7.3.2022.", "2022-03-07"},
		{"2022-03-07 00:00:00", "2022-03-07"},
		{"2024-02-29", "2024-02-29"},
		{"29.2.2024", "2024-02-29"},
		{"31.2.2022", ""},
		{"29.2.2023", ""},
		{"2022-13-01", ""},
		{"2022-04-31", ""},
		{"0.3.2022", ""},
		{"7.3.22", ""},
		{"2022/03/07", ""},
		{"7.3.2022 12:30", ""},
		{"maaliskuu", ""},
		{"", ""},
		{"22-03-07", ""},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("parseDate(%q) = %v, want invalid", tt.in, got)
			}
			continue
		}
		if !ok || got.Format(time.DateOnly) != tt.want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", tt.in, got, ok, tt.want)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1.5", 1.5, true}, {"1,5", 1.5, true}, {" 2 ", 2, true}, {"-3,25", -3.25, true},
		{"1 234,5", 1234.5, true}, {"1\u00a0234,5", 1234.5, true}, {"1.234,5", 1234.5, true},
		{"1,234.5", 1234.5, true}, {"\u22121,5", -1.5, true}, {"1e2", 100, true},
		{"1,2,3", 0, false}, {"abc", 0, false}, {"NaN", 0, false}, {"Inf", 0, false},
		{"0x10", 0, false}, {"", 0, false}, {"1_000", 0, false}, {"1.5h", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseDecimal(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("parseDecimal(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIsMissing(t *testing.T) {
	for _, s := range []string{"", " ", "NA", "na", "-", " - ", "puuttuu", "PUUTTUU", "tyhjä", "Tyhjä", "tyhja"} {
		if !isMissing(s) {
			t.Errorf("isMissing(%q) = false", s)
		}
	}
	for _, s := range []string{"0", "N", "--", "ei", "nan", "puuttuu x"} {
		if isMissing(s) {
			t.Errorf("isMissing(%q) = true", s)
		}
	}
}

// Every alias of the contract maps to its code, ignoring case, spaces and
// ä/ö/å; anything else is unknown_category naming the accepted codes.
func TestCategories(t *testing.T) {
	tests := []struct {
		c    category
		in   string
		want string
	}{
		{referrerSectors, "Vanhuspalvelut", "elderly_services"},
		{referrerSectors, "  MIELENTERVEYSPALVELUT ", "mental_health"},
		{referrerSectors, "fysioterapia", "rehabilitation"},
		{referrerSectors, "terveyskeskus", "health_services"},
		{referrerSectors, "jarjesto", "third_sector"},
		{referrerSectors, "Kolmas  sektori", "third_sector"},
		{referrerSectors, "diakonia", "parish"},
		{referrerSectors, "Vapaa-aika", "leisure"},
		{referrerSectors, "third_sector", "third_sector"},
		{referrerSectors, "third sector", "third_sector"},
		{reasonCategories, "yksinaisyys", "loneliness"},
		{reasonCategories, "Päihteettömyys", "lifestyle_change"},
		{reasonCategories, "arjen apu", "practical_help"},
		{genders, "N", "female"}, {genders, "f", "female"}, {genders, "Mies", "male"}, {genders, "muu", "other"},
		{endReasons, "päättynyt suunnitellusti", "completed"}, {endReasons, "Ei aloittanut", "not_started"},
		{linkedServices, "kansalaisopisto", "adult_education"}, {linkedServices, "vertaisryhma", "peer_group"},
		{barrierCategories, "pitkät etäisyydet", "distance"}, {barrierCategories, "talous", "cost"},
		{activities, "ryhmä", "group"}, {activities, "Tapahtuma", "group"}, {activities, "asiointi", "errand"},
		{timepoints, "alkumittaus", "T0"}, {timepoints, "t1", "T1"}, {timepoints, "3kk", "T2"},
		{timepoints, "Follow-up", "T2"}, {timepoints, "seuranta", "T2"},
		{booleans, "Kyllä", "true"}, {booleans, "K", "true"}, {booleans, "1", "true"}, {booleans, "TRUE", "true"},
		{booleans, "ei", "false"}, {booleans, "E", "false"}, {booleans, "no", "false"}, {booleans, "0", "false"},
	}
	for _, tt := range tests {
		got, err := tt.c.parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("%s.parse(%q) = %q, %v; want %q", tt.c.column, tt.in, got, err, tt.want)
		}
	}
	_, err := referrerSectors.parse("kauppa")
	if err == nil || err.reason != data.ReasonUnknownCategory || err.column != "referrer_sector" {
		t.Fatalf("unknown sector: %+v", err)
	}
	if want := "elderly_services, mental_health"; !strings.Contains(err.msg, want) {
		t.Errorf("message %q does not list the accepted values", err.msg)
	}
}

func TestParseList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		bad  bool
	}{
		{"yksinäisyys|ulkoilu", []string{"loneliness", "everyday_activity"}, false},
		{"yksinäisyys, ulkoilu, harrastus", []string{"loneliness", "everyday_activity"}, false},
		{"ulkoilu|harrastus|Ulkoilu", []string{"everyday_activity"}, false},
		{"loneliness| |other", []string{"loneliness", "other"}, false},
		{"yksinäisyys, rahapula", nil, true},
	}
	for _, tt := range tests {
		got, err := reasonCategories.parseList(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("parseList(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("parseList(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("parseList(%q) = %v; want %v", tt.in, got, tt.want)
			}
		}
	}
}

func TestParseItem(t *testing.T) {
	tests := []struct {
		in     string
		want   int8
		reason string
	}{
		{"1", 1, ""}, {"5", 5, ""}, {"3,0", 3, ""}, {"often", 4, ""}, {"Koko ajan", 5, ""},
		{"ei koskaan", 1, ""}, {"Some of the time", 3, ""}, {"harvoin", 2, ""},
		{"0", 0, data.ReasonOutOfRange}, {"6", 0, data.ReasonOutOfRange}, {"2,5", 0, data.ReasonInvalidNumber},
		{"paljon", 0, data.ReasonInvalidNumber},
	}
	for _, tt := range tests {
		got, err := parseItem("q1", tt.in)
		switch {
		case tt.reason == "" && (err != nil || got != tt.want):
			t.Errorf("parseItem(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		case tt.reason != "" && (err == nil || err.reason != tt.reason):
			t.Errorf("parseItem(%q) error %v, want reason %s", tt.in, err, tt.reason)
		}
	}
}
