package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each alias set of the contract resolves to the right kind and columns:
// English, Finnish with ä/ö, Finnish without, any case, surrounding spaces.
func TestResolveLayoutAliases(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		kind   Kind
		want   map[string]int
	}{
		{"referrals English", []string{"referral_id", "client_id", "referral_date", "municipality", "referrer_sector", "reasons", "start_date"},
			KindReferrals, map[string]int{"referral_id": 0, "client_id": 1, "reasons": 5, "start_date": 6}},
		{"referrals Finnish", []string{"lahete_id", "hetu", "lahetepaiva", "kunta", "lähettävä yksikkö", "lahetteen_syyt", "aloituspaiva", "lopetuspaiva", "paattymisen_syy", "tutkimuslupa", "linkitetty_toimintaan", "osallistumisen_esteet", "syntymavuosi", "sukupuoli", "hyvinvointilahetti", "ammattiryhma"},
			KindReferrals, map[string]int{"client_id": 1, "referrer_sector": 4, "end_reason": 8, "barriers": 11, "link_worker_id": 14}},
		{"referrals Finnish variants", []string{" LÄHETETUNNUS ", "Asiakastunnus", "LahetePaiva", "Kunta", "Lahettava Yksikko", "Syyt", "Päättymispäivä"},
			KindReferrals, map[string]int{"referral_id": 0, "client_id": 1, "referrer_sector": 4, "reasons": 5, "end_date": 6}},
		{"referrals henkilötunnus", []string{"lahete_id", "henkilötunnus", "lahetepaiva", "kunta", "lahettava_taho", "syyt"},
			KindReferrals, map[string]int{"client_id": 1, "referrer_sector": 4}},
		{"meetings English", []string{"referral_id", "meeting_date", "hours", "km", "activity"},
			KindMeetings, map[string]int{"hours": 2, "activity": 4}},
		{"meetings Finnish", []string{"lahete_id", "tapaamispäivä", "tunnit", "kilometrit", "toiminta"},
			KindMeetings, map[string]int{"meeting_date": 1, "km": 3}},
		{"meetings Finnish other aliases", []string{"LAHETE_ID", "pvm", "kesto_h", "km_korvaus_km"},
			KindMeetings, map[string]int{"meeting_date": 1, "hours": 2, "km": 3}},
		{"swemwbs English", []string{"referral_id", "client_id", "timepoint", "response_date", "q1", "q2", "q3", "q4", "q5", "q6", "q7"},
			KindSwemwbs, map[string]int{"timepoint": 2, "q7": 10}},
		{"swemwbs Finnish k", []string{"lahete_id", "mittauskerta", "vastauspäivä", "k1", "k2", "k3", "k4", "k5", "k6", "k7"},
			KindSwemwbs, map[string]int{"timepoint": 1, "response_date": 2, "q1": 3}},
		{"swemwbs Finnish kysymys, client only", []string{"asiakas_id", "ajankohta", "vastauspaiva", "kysymys1", "kysymys2", "kysymys3", "kysymys4", "kysymys5", "kysymys6", "kysymys7"},
			KindSwemwbs, map[string]int{"client_id": 0, "q7": 9}},
		{"participation o", []string{"lahete_id", "asiakas_id", "mittauskerta", "vastauspaiva", "o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9", "o10"},
			KindParticipation, map[string]int{"p1": 4, "p10": 13}},
		{"participation osallisuus", []string{"referral_id", "response_date", "osallisuus1", "osallisuus2", "osallisuus3", "osallisuus4", "osallisuus5", "osallisuus6", "osallisuus7", "osallisuus8", "osallisuus9", "osallisuus10"},
			KindParticipation, map[string]int{"p1": 2}},
		{"worker survey", []string{"respondent_id", "survey_date", "kunta", "Sain tarpeeksi tukea", "Työ on mielekästä"},
			KindWorkerSurvey, map[string]int{"municipality": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := resolveLayout("f.csv", tt.header, "", Mapping{})
			if err != nil {
				t.Fatal(err)
			}
			if l.kind != tt.kind {
				t.Fatalf("kind %s, want %s", l.kind, tt.kind)
			}
			for col, pos := range tt.want {
				if got, ok := l.index[col]; !ok || got != pos {
					t.Errorf("%s at %d (%v), want %d", col, got, ok, pos)
				}
			}
		})
	}
}

func TestResolveLayoutRefusals(t *testing.T) {
	tests := []struct {
		name    string
		header  []string
		kind    Kind
		wants   []string
		missing []string
	}{
		{"missing required referral columns", []string{"lahete_id", "hetu", "lahetepaiva", "syyt"}, "",
			[]string{"f.csv", "municipality (accepted headers: municipality, kunta)", "referrer_sector (accepted headers: referrer_sector, lahettava_taho, lähettävä yksikkö)"},
			[]string{"municipality", "referrer_sector"}},
		{"meetings without hours", []string{"lahete_id", "tapaamispaiva", "km"}, "",
			[]string{"hours (accepted headers: hours, tunnit, kesto_h)"}, []string{"hours"}},
		{"unknown kind", []string{"foo", "bar"}, "", []string{"cannot tell the file kind", "foo, bar"}, nil},
		{"forced kind", []string{"referral_id", "meeting_date", "hours"}, KindSwemwbs, []string{"not a complete swemwbs file", "response_date"}, []string{"response_date", "q1"}},
		{"two columns for one", []string{"referral_id", "lahete_id", "meeting_date", "hours"}, "", []string{"both mean referral_id"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := resolveLayout("f.csv", tt.header, tt.kind, Mapping{})
			var he *HeaderError
			if !errors.As(err, &he) {
				t.Fatalf("error %v, want a HeaderError", err)
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not say %q", err, w)
				}
			}
			for _, m := range tt.missing {
				found := false
				for _, x := range he.Missing {
					found = found || x == m
				}
				if !found {
					t.Errorf("missing %v does not list %s", he.Missing, m)
				}
			}
		})
	}
}

// A survey tool's question texts are mapped to items by a mapping file.
func TestMappingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kysely.toml")
	err := os.WriteFile(path, []byte(`kind = "swemwbs"
[columns]
"Vastaajan tunnus" = "client_id"
"Aikaleima" = "response_date"
"Olen tuntenut itseni optimistiseksi tulevaisuuden suhteen" = "q1"
"Olen tuntenut itseni hyödylliseksi" = "q2"
"Olen tuntenut oloni rentoutuneeksi" = "q3"
"Olen käsitellyt ongelmia hyvin" = "q4"
"Olen ajatellut selkeästi" = "q5"
"Olen tuntenut läheisyyttä muihin ihmisiin" = "q6"
"Olen pystynyt tekemään omat päätökseni asioista" = "q7"
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	m, err := LoadMapping(path)
	if err != nil {
		t.Fatal(err)
	}
	header := []string{"Aikaleima", "Vastaajan tunnus", "olen tuntenut itseni optimistiseksi tulevaisuuden suhteen",
		"Olen tuntenut itseni hyödylliseksi", "Olen tuntenut oloni rentoutuneeksi", "Olen käsitellyt ongelmia hyvin",
		"Olen ajatellut selkeästi", "Olen tuntenut läheisyyttä muihin ihmisiin", "Olen pystynyt tekemään omat päätökseni asioista"}
	l, err := resolveLayout("kysely.csv", header, "", m)
	if err != nil {
		t.Fatal(err)
	}
	if l.kind != KindSwemwbs || l.index["q1"] != 2 || l.index["response_date"] != 0 || l.index["client_id"] != 1 {
		t.Errorf("layout %+v", l)
	}
	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("[columns]\n\"X\" = \"q9\"\n"), 0o644)
	mb, err := LoadMapping(bad)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := resolveLayout("k.csv", []string{"X", "referral_id", "response_date"}, KindSwemwbs, mb); err == nil || !strings.Contains(err.Error(), "q9") {
		t.Errorf("mapping to an unknown column: %v", err)
	}
	typo := filepath.Join(t.TempDir(), "typo.toml")
	os.WriteFile(typo, []byte("[colums]\n\"X\" = \"q1\"\n"), 0o644)
	if _, err := LoadMapping(typo); err == nil {
		t.Error("a misspelt table is accepted")
	}
}
