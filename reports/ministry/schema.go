package ministry

import (
	"fmt"

	"github.com/linkki-fi/linkki/reports/disclosure"
)

// SchemaVersion is the version of the indicator table's layout. It changes
// whenever a column is added, removed, renamed or redefined, so that a
// receiving system can tell which data dictionary applies.
const SchemaVersion = "1"

// Suppressed is printed in place of a hidden cell, as Statistics Finland
// does ("..": confidential). An undefined value (a mean of nobody) is empty.
const Suppressed = ".."

// TotalRow names the total row in the municipality column.
const TotalRow = "total"

// Sectors and Reasons are the categories of inputs.md, in the order of the
// columns; "missing" collects referrals without a sector so that the sector
// columns add up to referrals.
var (
	Sectors = []string{"elderly_services", "mental_health", "rehabilitation", "social_services",
		"health_services", "third_sector", "parish", "leisure", "other", "missing"}
	Reasons = []string{"loneliness", "social_contacts", "everyday_activity", "getting_started",
		"lifestyle_change", "practical_help", "other"}
)

// Finnish headings of the columns, sectors and reasons (labels as in the
// input files' Finnish categories, inputs.md).
var (
	labelsFI = map[string]string{
		"referrals": "lähetteet", "clients": "asiakkaat (eri henkilöt)",
		"periods_started": "alkaneet tukijaksot", "periods_completed": "suunnitellusti päättyneet tukijaksot",
		"periods_discontinued": "keskeytyneet tukijaksot",
		"link_worker_hours":    "linkkityöntekijän tunnit", "costs_eur": "kustannukset (€)",
	}
	sectorsFI = map[string]string{
		"elderly_services": "vanhuspalvelut", "mental_health": "mielenterveyspalvelut", "rehabilitation": "kuntoutus",
		"social_services": "sosiaalipalvelut", "health_services": "terveyspalvelut", "third_sector": "järjestöt",
		"parish": "seurakunta", "leisure": "vapaa-aikapalvelut", "other": "muu", "missing": "puuttuu",
	}
	reasonsFI = map[string]string{
		"loneliness": "yksinäisyys", "social_contacts": "sosiaaliset kontaktit", "everyday_activity": "arjen toiminnallisuus",
		"getting_started": "ryhtymisen tuki", "lifestyle_change": "elämäntapamuutos", "practical_help": "asiointiapu",
		"other": "muu",
	}
)

// Column is one indicator column of the table: its name, unit and
// definition (the data dictionary), its disclosure kind, and the long-form
// measure of ministry_indicators.sql it takes (with the statistic for the
// mean-change columns).
type Column struct {
	Name       string
	LabelFI    string // Finnish heading for readers of the data dictionary
	Unit       string
	Definition string
	Kind       disclosure.Kind
	Decimals   int
	measure    string
	stat       stat
}

type stat int

const (
	statValue stat = iota
	statPairs
	statMean
	statCILow
	statCIHigh
)

// KeyColumns precede the indicators in every row.
var KeyColumns = []Column{
	{Name: "schema_version", LabelFI: "skeeman versio", Unit: "text", Definition: "Version of this table layout and data dictionary (" + SchemaVersion + ")."},
	{Name: "period", LabelFI: "ajanjakso", Unit: "text", Definition: "Period the support periods are attributed to by their referral date: a year (2022), half-year (2022H1) or quarter (2022Q3)."},
	{Name: "municipality", LabelFI: "kunta", Unit: "text", Definition: "Municipality of the client at referral, official spelling; \"missing\" when not given; \"" + TotalRow + "\" for the row of all municipalities."},
}

// Columns returns the indicator columns of schema version 1, in order.
func Columns() []Column {
	count := func(name, measure, def string, kind disclosure.Kind) Column {
		unit := "support periods"
		if kind == disclosure.ClientCount {
			unit = "persons"
		}
		return Column{Name: name, LabelFI: labelsFI[name], Unit: unit, Definition: def, Kind: kind, measure: measure}
	}
	cols := []Column{
		count("referrals", "referrals", "Referrals (hyvinvointilähete) made in the period; each referral is one support period.", disclosure.EventCount),
		count("clients", "clients", "Distinct clients referred in the period. A client referred in two municipalities counts once in the total row.", disclosure.ClientCount),
	}
	for _, s := range Sectors {
		c := count("referrals_sector_"+s, "sector:"+s,
			fmt.Sprintf("Referrals whose referrer works in sector %s. The sector columns add up to referrals.", s), disclosure.EventCount)
		c.LabelFI = "lähetteet: lähettäjän sektori " + sectorsFI[s]
		cols = append(cols, c)
	}
	for _, r := range Reasons {
		c := count("referrals_reason_"+r, "reason:"+r,
			fmt.Sprintf("Referrals with reason %s. A referral may have several reasons, so these columns do not add up to referrals.", r), disclosure.EventCount)
		c.LabelFI = "lähetteet: syy " + reasonsFI[r]
		cols = append(cols, c)
	}
	cols = append(cols,
		count("periods_started", "periods_started", "Support periods of the period's referrals that started (start date present and not ended as not started).", disclosure.EventCount),
		count("periods_completed", "periods_completed", "Support periods of the period's referrals that ended as planned (end reason completed).", disclosure.EventCount),
		count("periods_discontinued", "periods_discontinued", "Support periods of the period's referrals that were discontinued.", disclosure.EventCount),
		Column{Name: "link_worker_hours", LabelFI: labelsFI["link_worker_hours"], Unit: "hours", Decimals: 1, Kind: disclosure.Magnitude, measure: "link_worker_hours",
			Definition: "Link-worker meeting hours of the period's support periods (all their meetings)."},
		Column{Name: "costs_eur", LabelFI: labelsFI["costs_eur"], Unit: "EUR", Decimals: 2, Kind: disclosure.Magnitude, measure: "costs_eur",
			Definition: "Link-worker cost of the period's support periods: hours × hourly rate plus kilometres × the tax-free kilometre allowance of each meeting's year (settings in the run manifest)."},
	)
	for _, o := range []struct{ key, name, scale, fi string }{
		{"swemwbs", "swemwbs", "SWEMWBS metric score (7–35, Rasch-converted)", "SWEMWBS"},
		{"esis", "esis", "ESIS participation score (THL osallisuusindikaattori, 0–100)", "osallisuusindikaattori"},
	} {
		m := "change:" + o.key
		cols = append(cols,
			Column{Name: o.name + "_pairs", LabelFI: o.fi + ": parien määrä (T0 ja T1)", Unit: "support periods", Kind: disclosure.EventCount, measure: m, stat: statPairs,
				Definition: "Started support periods with a " + o.scale + " at both start (T0) and end (T1): the n of the mean change."},
			Column{Name: o.name + "_mean_change", LabelFI: o.fi + ": keskimääräinen muutos T1−T0", Unit: "points", Decimals: 2, Kind: disclosure.Mean, measure: m, stat: statMean,
				Definition: "Mean change T1 − T0 of the " + o.scale + " over those pairs; positive is an improvement."},
			Column{Name: o.name + "_ci_low", LabelFI: o.fi + ": luottamusvälin alaraja", Unit: "points", Decimals: 2, Kind: disclosure.Mean, measure: m, stat: statCILow,
				Definition: "Lower limit of the t confidence interval of the mean change (level outcomes.confidence_level, default 95 %; df = pairs − 1)."},
			Column{Name: o.name + "_ci_high", LabelFI: o.fi + ": luottamusvälin yläraja", Unit: "points", Decimals: 2, Kind: disclosure.Mean, measure: m, stat: statCIHigh,
				Definition: "Upper limit of that interval."},
		)
	}
	return cols
}
