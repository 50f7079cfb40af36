// Package synth writes realistic synthetic input files for linkki: a
// social prescribing (hyvinvointilähete) programme in Lapland, with every
// input kind of the input contract (../shared/spec/inputs.md, data/inputs.md)
// in the dialect real exports use. It takes Options (size, seed, true
// improvement, first year, messy or clean) and gives a directory of files
// plus a Manifest saying exactly what ingest must make of them.
//
// # Entry points
//
//	Generate(ctx, dir, opts) (Manifest, error)  // write the files and dir/manifest.json
//	DemoOptions() (Options, error)              // the demo dataset of data/demo.toml
//	DefaultOptions() Options                    // the CLI defaults
//	ReadManifest(path) (Manifest, error)
//
// The same Options always give byte-identical files: one PCG stream seeded
// from Options.Seed draws the clean data, a second one the --messy
// injections (so clean rows keep their values with or without --messy), a
// third one the worker survey. No map order or clock leaks into the output.
// The files appear only when generation succeeded (temporary files are
// renamed at the end); a cancelled context leaves nothing behind.
//
// # Files and dialects
//
//	file                kind           encoding      delim  line ends  dates       decimals
//	referrals.csv       referrals      windows-1252  ;      CRLF       7.3.2022    –
//	meetings.csv        meetings       utf-8-bom     ;      LF         07.03.2022  1,5
//	swemwbs.csv         swemwbs        utf-8         ,      LF         2022-03-07  –
//	participation.csv   participation  utf-8         ;      LF         7.3.2022    –
//	worker_survey.xlsx  worker_survey  XLSX, first sheet "Vastaukset", survey_date as date cells
//
// Headers, all aliases of the contract:
//
//	referrals      lahete_id;hetu;lahetepaiva;kunta;lähettävä yksikkö;ammattiryhma;lahetteen_syyt;
//	               syntymavuosi;sukupuoli;hyvinvointilahetti;aloituspaiva;lopetuspaiva;
//	               paattymisen_syy;tutkimuslupa;linkitetty_toimintaan;osallistumisen_esteet
//	meetings       lahete_id;tapaamispaiva;tunnit;kilometrit;toiminta
//	swemwbs        referral_id,client_id,timepoint,response_date,q1,…,q7
//	participation  lahete_id;asiakas_id;mittauskerta;vastauspaiva;o1;…;o10
//	worker_survey  respondent_id, survey_date, municipality, then eight Finnish statements
//
// Values: Finnish category labels in the referral export (vanhuspalvelut,
// yksinäisyys, päättynyt suunnitellusti, kyllä/ei, nainen/mies/muu); reasons
// separated by ", " and linked services and barriers by "|" inside their
// field; meeting activities in Finnish (keskustelu, ulkoilu, …); time points
// T0/T1/T2 in swemwbs.csv and alku/loppu/seuranta in participation.csv;
// SWEMWBS items as 1–5 or, in about 4 % of sheets, the English response
// labels (none of the time … all of the time). A few professions hold a ';'
// or a line break, so those fields are quoted (RFC 4180).
//
// # What the data look like
//
// Referrals span three years from 1 January of Options.StartYear; the export
// date is 31 January after them, and periods still running then are ongoing
// (empty end date and end reason). Municipalities are Lapland's 21, weighted
// by population (Rovaniemi largest). Referrer sectors follow the published
// Lapland pattern (elderly services largest); each referral names one to
// three reasons, loneliness the most common. Clients are mostly elderly;
// about 93 % carry a valid identity code (henkilötunnus, century signs
// - and A, a few of the 2023 signs Y X W V U and B C D E F; unique per
// person), the rest a client number (AS0000123) with birth year and gender
// in their columns. About 7 % of clients have two referrals, the second after
// the first ended. Support periods last 1–6 months (a few over 6 months);
// 8 % do not start. Meetings are weekly-ish, 0,5–3 h, at most 10 hours per
// calendar month except in about 0.6 % of periods with an intensive start;
// kilometres are recorded for a quarter of meetings in towns and half in the
// countryside. Research consent is yes for about 70 %.
//
// Outcomes: SWEMWBS at T0 (start − 3 to + 7 days) for about 85 % of started periods,
// T1 (end ± 7 days) for about 60 % and T2 (end + 90 ± 10 days) for about 40 %,
// with dropouts a little worse off at T0. Items are split from a person-level
// total, so they correlate within a person. The true mean T1 − T0 change of
// the SWEMWBS metric score is Options.Improvement (T2 keeps 70 % of it); ESIS
// (THL osallisuusindikaattori, 0–100) moves 2.5 points per metric point and
// is answered with about 90 % of the SWEMWBS sheets. About 2 % of
// questionnaires have no time point (ingest infers it: the response date is
// always nearest its own time point's date) and about 3 % of those of
// clients with one referral are keyed by client_id only (always a unique
// match); 7 % carry both keys.
//
// # --messy
//
// Options.Messy adds, on top of the clean stream, one row per instance of
// every quarantine reason the contract defines, each row breaking exactly
// one rule (the tests re-read the files and check this), and the valid
// irregularities real exports have. Defect rows of the referral export are
// fresh referrals (HL10000001…) of fresh clients that nothing else refers to;
// orphans name referrals that never arrive (HL20000001…). Malformed rows
// never leave a quote open at the end of their line, so a line-aware reader
// recovers on the next line. Instances per class: max(variants, min(150,
// 1 + referrals/4000)); classes that need a situation (ambiguous_match needs
// a client with two started periods whose matching windows overlap) are
// injected when the data offer one, which from a few hundred referrals up
// they do.
//
//	reason                 where and how
//	missing_required       empty or "puuttuu" kunta; empty referral date, sector, reasons, hetu,
//	                       lahete_id; meeting without hours, date or lahete_id; questionnaire
//	                       without response date or without both keys
//	invalid_date           31.2., 31.4., 31.06., 2023-02-30, 2023-13-01
//	invalid_number         birth year "noin 1948" or "194x" (client without identity code);
//	                       hours "puolitoista"; km "viisi"
//	out_of_range           birth year 1890 or after the referral (no identity code); hours 12,5
//	                       or 0; km -4; item 6, 0 or 7; survey answer 6
//	unknown_category       sector "kauppa", reason "rahapula", end reason "jatkuu", consent
//	                       "ehkä", gender "x" (no identity code), activity "sukellus",
//	                       time point "T5" or "välimittaus"
//	invalid_identity_code  wrong check character; 31 February with a matching check character
//	duplicate_in_file      a referral row repeated later in the export
//	date_order             start before the referral date; end before the start
//	orphan                 meeting or questionnaire of an unknown referral; questionnaire
//	                       keyed by the identity code of a person with no referral
//	ambiguous_match        client_id only, response date in two periods' windows
//	key_conflict           referral_id of one client with another client's client_id
//	malformed_row          a field too many, two fields missing, a bare quote
//
// Irregularities (loaded, or skipped for blank lines; the manifest lists
// them too): empty_line and delimiter_only_line (skipped, not in rows_read),
// missing_marker (NA, -, puuttuu, tyhjä in an optional field),
// municipality_variant (ROVANIEMI, Sodankyla), category_variant (VANHUSPALVELUT,
// jarjesto, t1, LOPPU), identity_code_case (an identity code with lower-case
// letters; questionnaires of that client still key it in upper case),
// repeated_category (reasons naming one category twice, e.g. "ulkoilu,
// harrastus": it counts once), duplicate_questionnaire (same referral and time
// point again a few days later), identical_row (the row before repeated
// byte for byte: a separate record), meeting_outside_period,
// month_over_cap, over_six_months, inferred_timepoint, client_id_match,
// response_labels, quoted_field, missing_item, short_row (XLSX).
//
// # Manifest
//
// dir/manifest.json (written with and without --messy):
//
//	{
//	  "seed": 5, "referrals": 3000, "messy": true, "improvement": 1.5,
//	  "start_year": 2022, "export_date": "2025-01-31",
//	  "files": [
//	    {"name": "meetings.csv", "kind": "meetings", "encoding": "utf-8-bom",
//	     "delimiter": ";", "line_ending": "lf", "date_format": "dd.mm.yyyy",
//	     "decimal_separator": ",", "rows_read": 30160,
//	     "expected": {"inserted": 30145, "updated": 0, "unchanged": 0,
//	                  "quarantined": 15, "quarantined_by_reason": {"orphan": 1, …}}},
//	    …
//	  ],
//	  "defects": [
//	    {"file": "meetings.csv", "line": 812, "column": "hours",
//	     "reason": "out_of_range", "note": "hours \"12,5\""},
//	    …
//	  ],
//	  "irregularities": [
//	    {"file": "swemwbs.csv", "line": 95, "column": "timepoint",
//	     "kind": "inferred_timepoint", "note": "T1", "referral_id": "HL0000031"},
//	    …
//	  ]
//	}
//
// Fields:
//   - files: one entry per file in the order referrals, meetings, swemwbs,
//     participation, worker_survey. kind is the contract's file kind;
//     encoding is windows-1252, utf-8, utf-8-bom or xlsx; delimiter, line
//     ending, date format and decimal separator are empty for XLSX.
//   - rows_read: data rows ingest must count: every non-empty row after the
//     header, malformed ones included, a quoted multi-line field counting
//     once, blank and delimiter-only lines not counted. For the XLSX, the
//     sheet rows after the header.
//   - expected: the accounting when all files are ingested in one call into
//     an empty database (referral exports first). Everything not quarantined
//     is inserted (identical rows within a file are separate records);
//     quarantined_by_reason counts the defects of that file, and held
//     orphans count as quarantined.
//   - defects: one entry per quarantined row, sorted by file and line.
//     line is the 1-based physical line where the row starts (the header is
//     line 1; for the XLSX, the sheet row). column is the contract's English
//     canonical column name (not the header as written), the statement text
//     for the worker survey, and "" for malformed_row. reason is one of the
//     fixed quarantine codes; note is a human hint, not a contract.
//   - irregularities: one entry per messy-but-valid row or skipped line,
//     sorted by file and line; kind as listed above; column (canonical) and
//     referral_id when they apply; note gives the value written, the time
//     point ingest must infer (inferred_timepoint), the time point duplicated
//     (duplicate_questionnaire), "YYYY-MM: H h" (month_over_cap, on the line
//     of the referral) or the period length in days (over_six_months, on the
//     line of the referral).
package synth
