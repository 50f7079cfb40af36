package data

import "testing"

// The shipped list: every region's count as in Statistics Finland's
// classification since 2021 (309 in all), unique names and keys, and Lapland
// in full.
func TestMunicipalityList(t *testing.T) {
	perRegion := map[string]int{
		"Uusimaa": 26, "Varsinais-Suomi": 27, "Satakunta": 16, "Kanta-Häme": 11, "Pirkanmaa": 23,
		"Päijät-Häme": 10, "Kymenlaakso": 6, "Etelä-Karjala": 9, "Etelä-Savo": 12, "Pohjois-Savo": 19,
		"Pohjois-Karjala": 13, "Keski-Suomi": 22, "Etelä-Pohjanmaa": 18, "Pohjanmaa": 14,
		"Keski-Pohjanmaa": 8, "Pohjois-Pohjanmaa": 30, "Kainuu": 8, "Lappi": 21, "Ahvenanmaa": 16,
	}
	got := map[string]int{}
	keys := map[string]string{}
	for _, m := range Municipalities() {
		got[m.Region]++
		for _, n := range append([]string{m.Name}, m.OtherNames...) {
			if prev, dup := keys[MunicipalityKey(n)]; dup && prev != m.Name {
				t.Errorf("%s and %s fold to the same key", prev, m.Name)
			}
			keys[MunicipalityKey(n)] = m.Name
		}
	}
	for r, n := range perRegion {
		if got[r] != n {
			t.Errorf("%s: %d municipalities, want %d", r, got[r], n)
		}
	}
	if len(got) != len(perRegion) {
		t.Errorf("regions %v", got)
	}
	lapland := []string{"Enontekiö", "Inari", "Kemi", "Kemijärvi", "Keminmaa", "Kittilä", "Kolari", "Muonio",
		"Pelkosenniemi", "Pello", "Posio", "Ranua", "Rovaniemi", "Salla", "Savukoski", "Simo", "Sodankylä",
		"Tervola", "Tornio", "Utsjoki", "Ylitornio"}
	for _, name := range lapland {
		if official, ok := LookupMunicipality(name); !ok || official != name {
			t.Errorf("Lapland: %s → %q, %v", name, official, ok)
		}
	}
}

func TestLookupMunicipality(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ENONTEKIO", "Enontekiö"}, {" rovaniemi ", "Rovaniemi"}, {"Enare", "Inari"}, {"Anár", "Inari"},
		{"Ohcejohka", "Utsjoki"}, {"Torneå", "Tornio"}, {"mantta vilppula", "Mänttä-Vilppula"},
		{"Aanekoski", "Äänekoski"}, {"helsingfors", "Helsinki"}, {"Pedersöre", "Pedersören kunta"},
		{"Koski Tl", "Koski Tl"}, {"Maarianhamina", "Maarianhamina"},
	}
	for _, tt := range tests {
		if got, ok := LookupMunicipality(tt.in); !ok || got != tt.want {
			t.Errorf("LookupMunicipality(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, name := range []string{"Pohjola", "Lappi", "", "Kemi-Tornio"} {
		if got, ok := LookupMunicipality(name); ok {
			t.Errorf("LookupMunicipality(%q) = %q", name, got)
		}
	}
}
