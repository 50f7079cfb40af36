-- A small hand-made model layer (data/dictionary.md) for the export tests:
-- 46 referrals, 40 of them in 2022, in four municipalities; Inari has only a
-- few clients, so its cells must be suppressed. Values follow simple
-- formulas of the row number i so that expected numbers can be worked out.
CREATE TABLE ingest_files AS
SELECT * FROM (VALUES
    ('aa11', 1, 'referrals.csv', 'in/referrals.csv', 'referrals', 2048, 'utf-8', ';', NULL, TIMESTAMPTZ '2024-01-02 10:00:00+00', 46, 46, 0, 0, 0),
    ('bb22', 2, 'swemwbs.csv', 'in/swemwbs.csv', 'swemwbs', 1024, 'utf-8', ';', NULL, TIMESTAMPTZ '2024-01-02 10:01:00+00', 60, 60, 0, 0, 0)
) AS t(file_hash, file_seq, file_name, file_path, kind, size_bytes, encoding, delimiter, sheet, ingested_at, rows_read, inserted, updated, unchanged, quarantined);

CREATE TABLE project_meta AS
SELECT * FROM (VALUES ('key_fingerprint', 'fp-SECRET-7f3a'), ('schema_version', '1')) AS t(key, value);

CREATE TABLE support_periods AS
WITH n AS (SELECT i FROM range(1, 47) AS r(i))
SELECT
    'R' || lpad(i::VARCHAR, 3, '0') AS referral_id,
    'client-' || lpad((i % 37)::VARCHAR, 2, '0') AS client_pseudonym,
    CAST(i % 37 + 1 AS INTEGER) AS client_key,
    d AS referral_date,
    year(d)::INTEGER AS period_year,
    year(d) || 'H' || CASE WHEN month(d) <= 6 THEN '1' ELSE '2' END AS period_half,
    year(d) || 'Q' || quarter(d) AS period_quarter,
    CASE WHEN i % 10 IN (0, 1, 2, 3) THEN 'Enontekiö' WHEN i % 10 IN (4, 5, 6) THEN 'Kittilä'
         WHEN i % 10 IN (7, 8) THEN 'Muonio' ELSE 'Inari' END AS municipality,
    CASE WHEN i % 13 = 0 THEN NULL
         ELSE (['elderly_services', 'mental_health', 'rehabilitation', 'social_services', 'health_services',
                'third_sector', 'parish', 'leisure', 'other'])[1 + i % 9] END AS referrer_sector,
    (['loneliness', 'social_contacts', 'everyday_activity', 'getting_started', 'lifestyle_change',
      'practical_help', 'other'])[1 + i % 7:1 + i % 7 + (i % 2)] AS reasons,
    CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END AS gender,
    i % 5 <> 0 AS started,
    i % 5 <> 0 AND i % 3 = 0 AS completed,
    i % 5 <> 0 AND i % 3 = 1 AS discontinued,
    CASE WHEN i = 6 THEN NULL ELSE i % 4 <> 0 END AS research_consent
FROM n, LATERAL (SELECT CASE WHEN i <= 40 THEN DATE '2022-01-03' + (7 * i)::INTEGER ELSE DATE '2023-02-01' + i::INTEGER END AS d);

CREATE TABLE support_period_reasons AS
SELECT referral_id, unnest(reasons) AS reason FROM support_periods;

CREATE TABLE costs AS
SELECT referral_id, municipality, period_year,
    1.5 * (i % 4) AS hours,
    2.0 * (i % 3) AS km,
    13.0 * 1.5 * (i % 4) AS pay_eur,
    0.46 * 2.0 * (i % 3) AS km_allowance_eur,
    13.0 * 1.5 * (i % 4) + 0.46 * 2.0 * (i % 3) AS total_eur,
    false AS missing_km_rate
FROM (SELECT *, substr(referral_id, 2)::INTEGER AS i FROM support_periods);

CREATE TABLE outcome_scores AS
SELECT referral_id, outcome, timepoint, score, DATE '2022-01-01' + (i * 7 + t * 90)::INTEGER AS response_date
FROM (SELECT *, substr(referral_id, 2)::INTEGER AS i FROM support_periods WHERE started),
LATERAL (VALUES
    ('swemwbs_metric', 'T0', 0, 14.0 + i % 7),
    ('swemwbs_metric', 'T1', 1, CASE WHEN i % 6 = 0 THEN NULL ELSE 14.0 + i % 7 + (i % 5) - 1.5 END),
    ('esis', 'T0', 0, 2.5 * (10 + i % 9)),
    ('esis', 'T1', 1, CASE WHEN i % 8 = 0 THEN NULL ELSE 2.5 * (12 + i % 11) END)
) AS v(outcome, timepoint, t, score)
WHERE score IS NOT NULL;

CREATE TABLE questionnaire_scores AS
SELECT o.referral_id,
    CASE WHEN o.outcome = 'esis' THEN 'esis' ELSE 'swemwbs' END AS instrument,
    o.timepoint, false AS timepoint_inferred, o.response_date,
    'bb22' AS file_hash, 2 AS file_seq, row_number() OVER (ORDER BY o.referral_id, o.outcome, o.timepoint)::INTEGER AS line,
    CASE WHEN o.outcome = 'esis' THEN 10 ELSE 7 END AS items_answered, true AS scorable, false AS prorated,
    NULL::DOUBLE AS swemwbs_raw,
    CASE WHEN o.outcome = 'swemwbs_metric' THEN o.score END AS swemwbs_metric,
    CASE WHEN o.outcome = 'esis' THEN o.score END AS esis,
    true AS selected, false AS duplicate
FROM outcome_scores AS o;

CREATE TABLE outcomes_wide AS
SELECT p.referral_id, p.client_pseudonym, p.client_key, p.municipality, p.referrer_sector, p.reasons, p.gender,
    NULL::VARCHAR AS age_band, p.period_year, p.period_half, p.period_quarter,
    s0.score AS swemwbs_metric_t0, s1.score AS swemwbs_metric_t1, s1.score - s0.score AS swemwbs_metric_change_t1_t0,
    e0.score AS esis_t0, e1.score AS esis_t1, e1.score - e0.score AS esis_change_t1_t0
FROM support_periods AS p
LEFT JOIN outcome_scores AS s0 ON s0.referral_id = p.referral_id AND s0.outcome = 'swemwbs_metric' AND s0.timepoint = 'T0'
LEFT JOIN outcome_scores AS s1 ON s1.referral_id = p.referral_id AND s1.outcome = 'swemwbs_metric' AND s1.timepoint = 'T1'
LEFT JOIN outcome_scores AS e0 ON e0.referral_id = p.referral_id AND e0.outcome = 'esis' AND e0.timepoint = 'T0'
LEFT JOIN outcome_scores AS e1 ON e1.referral_id = p.referral_id AND e1.outcome = 'esis' AND e1.timepoint = 'T1'
WHERE p.started;
