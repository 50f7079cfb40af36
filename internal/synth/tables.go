package synth

import "math/rand/v2"

// choice is one value of a categorical distribution: the label written to
// the file and its relative weight.
type choice struct {
	label  string
	weight float64
}

// sampler draws indices from a categorical distribution by binary search on
// the cumulative weights; tables are small, so this beats an alias table on
// set-up and is allocation-free per draw.
type sampler struct {
	cum []float64
}

func newSampler(cs []choice) sampler {
	cum := make([]float64, len(cs))
	total := 0.0
	for i, c := range cs {
		total += c.weight
		cum[i] = total
	}
	for i := range cum {
		cum[i] /= total
	}
	return sampler{cum: cum}
}

func (s sampler) draw(r *rand.Rand) int {
	u := r.Float64()
	lo, hi := 0, len(s.cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if u < s.cum[mid] {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// municipality is a Lapland municipality with its approximate population
// (Statistics Finland, 2023, rounded) that weights how many referrals it makes.
type municipality struct {
	name       string
	population float64
	code       string // three letters used in link-worker ids
	rural      bool   // long distances: more kilometres, distance barriers
}

// municipalities are Lapland's 21 municipalities. Referral shares follow
// population, with the smallest ones lifted a little because even small
// municipalities run a link worker.
var municipalities = []municipality{
	{"Rovaniemi", 65000, "ROI", false},
	{"Tornio", 21500, "TOR", false},
	{"Kemi", 20000, "KEM", false},
	{"Sodankylä", 8300, "SOD", true},
	{"Keminmaa", 7800, "KMA", false},
	{"Kemijärvi", 7000, "KJA", true},
	{"Inari", 7000, "INA", true},
	{"Kittilä", 6500, "KIT", true},
	{"Ylitornio", 3800, "YLT", true},
	{"Kolari", 3800, "KOL", true},
	{"Ranua", 3600, "RAN", true},
	{"Salla", 3300, "SAL", true},
	{"Pello", 3200, "PEL", true},
	{"Tervola", 2900, "TER", true},
	{"Posio", 2900, "POS", true},
	{"Simo", 2900, "SIM", true},
	{"Muonio", 2400, "MUO", true},
	{"Enontekiö", 1900, "ENO", true},
	{"Utsjoki", 1200, "UTS", true},
	{"Savukoski", 1000, "SAV", true},
	{"Pelkosenniemi", 900, "PKN", true},
}

// municipalityChoices weights municipalities by population plus a floor of
// 1500 so that the smallest still get referrals.
func municipalityChoices() []choice {
	cs := make([]choice, len(municipalities))
	for i, m := range municipalities {
		cs[i] = choice{m.name, m.population + 1500}
	}
	return cs
}

// linkWorkers is how many link workers a municipality employs: one, plus
// one per full 12 000 inhabitants.
func linkWorkers(m municipality) int {
	return 1 + int(m.population/12000)
}

// Referrer sectors (contract codes in comments) with shares in the spirit of
// the published Lapland figures: elderly services refer most.
var sectors = []choice{
	{"vanhuspalvelut", 38},        // elderly_services
	{"terveyspalvelut", 9},        // health_services
	{"terveyskeskus", 6},          // health_services
	{"sosiaalipalvelut", 12},      // social_services
	{"mielenterveyspalvelut", 10}, // mental_health
	{"kuntoutus", 5},              // rehabilitation
	{"fysioterapia", 3},           // rehabilitation
	{"järjestö", 6},               // third_sector
	{"kolmas sektori", 2},         // third_sector
	{"seurakunta", 3},             // parish
	{"diakonia", 2},               // parish
	{"liikuntapalvelut", 2},       // leisure
	{"vapaa-aika", 1},             // leisure
	{"kulttuuripalvelut", 1},      // leisure
	{"muu", 4},                    // other
}

// sectorCode maps each label of sectors to its contract code.
var sectorCode = []string{
	"elderly_services", "health_services", "health_services", "social_services",
	"mental_health", "rehabilitation", "rehabilitation", "third_sector",
	"third_sector", "parish", "parish", "leisure", "leisure", "leisure", "other",
}

// professions of the referring worker. A few carry a ';', a line break or
// quotes, as free text typed into a patient system does, to exercise CSV
// quoting.
var professions = []choice{
	{"sairaanhoitaja", 20},
	{"lähihoitaja", 14},
	{"sosiaalityöntekijä", 10},
	{"sosiaaliohjaaja", 8},
	{"palveluohjaaja", 10},
	{"lääkäri", 8},
	{"terveydenhoitaja", 8},
	{"fysioterapeutti", 6},
	{"psykiatrinen sairaanhoitaja", 5},
	{"diakoniatyöntekijä", 3},
	{"kotihoidon ohjaaja", 4},
	{"sairaanhoitaja; kotihoito", 1},
	{"palveluohjaaja\n(ikäihmisten neuvonta)", 1},
	{"lähihoitaja, \"kotihoidon tiimi\"", 1},
	{"", 2},
}

// Referral reasons: loneliness is the most common, and a referral names
// one to three of them.
var reasons = []choice{
	{"yksinäisyys", 40},           // loneliness
	{"sosiaaliset kontaktit", 20}, // social_contacts
	{"arjen toiminnallisuus", 10}, // everyday_activity
	{"ulkoilu", 5},                // everyday_activity
	{"harrastus", 5},              // everyday_activity
	{"ryhtymisen tuki", 12},       // getting_started
	{"elämäntapamuutos", 6},       // lifestyle_change
	{"päihteettömyys", 2},         // lifestyle_change
	{"asiointiapu", 6},            // practical_help
	{"arjen apu", 4},              // practical_help
	{"muu", 3},                    // other
}

var reasonCode = []string{
	"loneliness", "social_contacts", "everyday_activity", "everyday_activity",
	"everyday_activity", "getting_started", "lifestyle_change", "lifestyle_change",
	"practical_help", "practical_help", "other",
}

// reasonCounts is how many reasons a referral lists (1, 2 or 3).
var reasonCounts = []choice{{"1", 40}, {"2", 40}, {"3", 20}}

// End reasons of a support period that ended after it started.
var endReasons = []choice{
	{"päättynyt suunnitellusti", 72}, // completed
	{"keskeytynyt", 16},              // discontinued
	{"muuttanut", 5},                 // moved
	{"muu", 7},                       // other
}

const (
	endCompleted = iota
	endDiscontinued
	endMoved
	endOther
	endNotStarted // written as notStartedLabel, drawn separately
	endOngoing    // empty end reason
)

const notStartedLabel = "ei aloittanut"

var endReasonCode = []string{"completed", "discontinued", "moved", "other", "not_started", ""}

var linkedServices = []choice{
	{"kunnan palvelut", 10},
	{"liikuntapalvelut", 14},
	{"kulttuuripalvelut", 8},
	{"kansalaisopisto", 10},
	{"järjestö", 18},
	{"yhdistys", 8},
	{"seurakunta", 10},
	{"vertaisryhmä", 16},
	{"muu", 6},
}

var linkedCode = []string{
	"municipal_services", "municipal_services", "municipal_services", "adult_education",
	"third_sector", "third_sector", "parish", "peer_group", "other",
}

// barriers in a town and in the countryside, where distance and transport
// dominate.
var (
	barriersTown = []choice{
		{"talous", 30}, {"kulkuyhteydet", 10}, {"pitkät etäisyydet", 4},
		{"sopivan toiminnan puute", 18}, {"kieli", 5}, {"terveys", 28}, {"muu", 5},
	}
	barriersRural = []choice{
		{"talous", 18}, {"kulkuyhteydet", 26}, {"pitkät etäisyydet", 26},
		{"sopivan toiminnan puute", 14}, {"kieli", 2}, {"terveys", 18}, {"muu", 3},
	}
)

var activities = []choice{
	{"keskustelu", 36},
	{"ulkoilu", 18},
	{"harrastus", 12},
	{"asiointi", 13},
	{"ryhmä", 10},
	{"tapahtuma", 4},
	{"muu", 7},
}

// meetingHalfHours is a meeting's length in half hours (1 = 0,5 h … 6 = 3 h).
var meetingHalfHours = []choice{{"1", 10}, {"2", 34}, {"3", 30}, {"4", 18}, {"5", 5}, {"6", 3}}

// ageBands draw the client's age at referral: mostly elderly.
var ageBands = []struct {
	lo, hi int
	weight float64
}{
	{18, 29, 5}, {30, 49, 13}, {50, 64, 19}, {65, 74, 27}, {75, 96, 36},
}

// Response labels for SWEMWBS items 1–5 (the contract's English labels).
var swemwbsLabels = [6]string{"", "none of the time", "rarely", "some of the time", "often", "all of the time"}

// Time-point labels as each dialect writes them.
var (
	timepointsEN = [3]string{"T0", "T1", "T2"}
	timepointsFI = [3]string{"alku", "loppu", "seuranta"}
)

// surveyStatements are the link-worker survey's Likert statements, written
// as the column headers a survey tool exports, with the mean answer they
// lean to.
var surveyStatements = []struct {
	text string
	mean float64
}{
	{"Hyvinvointilähete on selkeyttänyt asiakkaiden ohjaamista", 3.9},
	{"Saan riittävästi tukea omalta organisaatioltani", 3.4},
	{"Yhteistyö lähettävien tahojen kanssa toimii hyvin", 3.7},
	{"Alueellani on riittävästi toimintaa, johon asiakkaita voi ohjata", 2.9},
	{"Pitkät etäisyydet vaikeuttavat asiakkaiden osallistumista", 4.1},
	{"Kymmenen tunnin kuukausittainen enimmäisaika riittää asiakkaan tukemiseen", 3.2},
	{"Kirjaaminen vie kohtuullisen osan työajastani", 2.8},
	{"Koen työni merkitykselliseksi", 4.5},
}

// swemwbsMetric is the raw-to-metric conversion of Stewart-Brown et al.
// (2009), indexed by raw total 7–35.
var swemwbsMetric = [36]float64{
	7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75,
	14: 15.32, 15: 15.84, 16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59,
	21: 19.25, 22: 19.98, 23: 20.73, 24: 21.54, 25: 22.35, 26: 23.21, 27: 24.11,
	28: 25.03, 29: 26.02, 30: 27.03, 31: 28.13, 32: 29.31, 33: 30.70, 34: 32.55,
	35: 35.00,
}
