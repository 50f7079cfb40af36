package data

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
	"sync"
	"unicode"
)

// municipalitiesCSV lists Finland's municipalities (kunnat) since 2021 (309,
// after Honkajoki joined Kankaanpää):
// official Finnish name, other official names (Swedish, Sámi) separated by
// '|', and region (maakunta). Source: Statistics Finland's municipality
// classification; the list is written out by hand and checked by
// data's tests (count per region, all of Lapland).
//
//go:embed municipalities.csv
var municipalitiesCSV string

// Municipality is one entry of the shipped list.
type Municipality struct {
	Name       string   // official Finnish-language name, e.g. Enontekiö
	OtherNames []string // Swedish and Sámi names, e.g. Enontekis, Eanodat
	Region     string   // maakunta, e.g. Lappi
}

var (
	municipalitiesOnce sync.Once
	municipalities     []Municipality
	municipalityByKey  map[string]int
)

func loadMunicipalities() {
	recs, err := csv.NewReader(strings.NewReader(municipalitiesCSV)).ReadAll()
	if err != nil {
		// The file is embedded and checked by tests; a failure here is a
		// build defect, not user input.
		panic(fmt.Sprintf("data/municipalities.csv: %v", err))
	}
	municipalityByKey = map[string]int{}
	for _, r := range recs[1:] {
		m := Municipality{Name: r[0], Region: r[2]}
		if r[1] != "" {
			m.OtherNames = strings.Split(r[1], "|")
		}
		municipalities = append(municipalities, m)
		i := len(municipalities) - 1
		for _, n := range append([]string{m.Name}, m.OtherNames...) {
			municipalityByKey[MunicipalityKey(n)] = i
		}
	}
}

// Municipalities returns the shipped list in alphabetical order.
func Municipalities() []Municipality {
	municipalitiesOnce.Do(loadMunicipalities)
	return append([]Municipality(nil), municipalities...)
}

// LookupMunicipality maps a spelling variant (any case, ä/ö/å written as
// a/o/a, Swedish or Sámi name, extra spaces or hyphens) to the official
// name. ok is false for a name not on the list.
func LookupMunicipality(name string) (official string, ok bool) {
	municipalitiesOnce.Do(loadMunicipalities)
	i, ok := municipalityByKey[MunicipalityKey(name)]
	if !ok {
		return "", false
	}
	return municipalities[i].Name, true
}

// MunicipalityKey folds a municipality name for matching: lower case,
// letters with diacritics as their base letter, and only letters and digits
// kept ("Mänttä-Vilppula" and "mantta vilppula" give the same key).
func MunicipalityKey(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch r {
		case 'ä', 'å', 'á', 'à', 'â':
			r = 'a'
		case 'ö', 'ø', 'ó':
			r = 'o'
		case 'đ':
			r = 'd'
		case 'š':
			r = 's'
		case 'ž':
			r = 'z'
		case 'ŋ':
			r = 'n'
		case 'ŧ':
			r = 't'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
