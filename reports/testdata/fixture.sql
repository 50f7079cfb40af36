-- A small fixed dataset in the shape of data/dictionary.md, for the report's
-- golden tests. Deterministic formulas over generate_series stand in for hand
-- typing 36 referrals; the analysis rows are hand-made and only need to be
-- plausible, not to match the scores (the report copies them, it does not
-- recompute them). Enontekiö has two clients, to exercise small-cell rules.
-- The report benchmark scales the dataset by raising the 36 referrals of the
-- first generate_series below; referral dates wrap within 1 000 days.

CREATE TABLE support_periods AS
WITH base AS (
    SELECT i,
        'R' || lpad(CAST(i AS VARCHAR), 7, '0') AS referral_id,
        'c' || lpad(CAST(CASE WHEN i > 32 THEN i - 30 ELSE i END AS VARCHAR), 7, '0') AS client_pseudonym,
        DATE '2024-01-08' + CAST((i * 9) % 1000 AS INTEGER) AS referral_date,
        CASE WHEN i IN (35, 36) THEN 'Enontekiö'
             WHEN i % 3 = 0 THEN 'Rovaniemi' WHEN i % 3 = 1 THEN 'Kemi' ELSE 'Tornio' END AS municipality,
        (['elderly_services', 'mental_health', 'health_services', 'third_sector', 'social_services'])[1 + i % 5] AS referrer_sector,
        CASE WHEN i % 4 = 0 THEN ['loneliness', 'everyday_activity']
             WHEN i % 4 = 1 THEN ['loneliness']
             WHEN i % 4 = 2 THEN ['social_contacts', 'getting_started']
             ELSE ['lifestyle_change'] END AS reasons,
        1940 + i * 2 AS birth_year,
        CASE WHEN i % 2 = 0 THEN 'female' WHEN i % 7 = 0 THEN NULL ELSE 'male' END AS gender,
        CASE WHEN i % 9 = 4 THEN 'not_started'
             WHEN i % 9 = 7 THEN 'discontinued'
             WHEN i > 33 THEN NULL
             WHEN i = 20 THEN 'moved'
             ELSE 'completed' END AS end_reason
    FROM generate_series(1, 36) g(i)
)
SELECT referral_id, client_pseudonym, referral_date,
    CAST(year(referral_date) AS INTEGER) AS period_year,
    CAST(year(referral_date) AS VARCHAR) || 'H' || CAST(CASE WHEN month(referral_date) <= 6 THEN 1 ELSE 2 END AS VARCHAR) AS period_half,
    CAST(year(referral_date) AS VARCHAR) || 'Q' || CAST(quarter(referral_date) AS VARCHAR) AS period_quarter,
    municipality, TRUE AS municipality_known, referrer_sector,
    CAST(NULL AS VARCHAR) AS referrer_profession, reasons,
    CAST(2024 - birth_year AS INTEGER) AS age_at_referral,
    CASE WHEN 2024 - birth_year < 30 THEN '<30' WHEN 2024 - birth_year < 50 THEN '30-49'
         WHEN 2024 - birth_year < 65 THEN '50-64' WHEN 2024 - birth_year < 75 THEN '65-74' ELSE '75+' END AS age_band,
    gender, 'LW' || CAST(1 + i % 3 AS VARCHAR) AS link_worker_id,
    CASE WHEN end_reason = 'not_started' THEN NULL ELSE referral_date + 7 END AS start_date,
    CASE WHEN end_reason IS NULL OR end_reason = 'not_started' THEN NULL ELSE referral_date + CAST(67 + (i * 13) % 150 AS INTEGER) END AS end_date,
    CASE WHEN end_reason IS NULL OR end_reason = 'not_started' THEN NULL ELSE CAST(60 + (i * 13) % 150 AS INTEGER) END AS duration_days,
    end_reason,
    CASE WHEN end_reason = 'not_started' THEN 'not_started' WHEN end_reason IS NULL THEN 'ongoing' ELSE end_reason END AS status,
    coalesce(end_reason <> 'not_started', TRUE) AS started,
    coalesce(end_reason = 'completed', FALSE) AS completed,
    coalesce(end_reason = 'discontinued', FALSE) AS discontinued,
    end_reason IS NULL AS ongoing,
    CASE WHEN end_reason IS NULL OR end_reason = 'not_started' THEN NULL ELSE 60 + (i * 13) % 150 > 183 END AS over_six_months,
    i % 5 <> 0 AS research_consent,
    CASE WHEN end_reason = 'completed' THEN (['third_sector', 'peer_group', 'municipal_services', 'parish'])[1 + i % 4:2 + i % 4] ELSE [] END AS linked_services,
    CASE WHEN i % 4 = 0 THEN ['transport', 'cost'] WHEN i % 6 = 1 THEN ['no_suitable_activity'] ELSE [] END AS barriers,
    CAST(dense_rank() OVER (ORDER BY client_pseudonym) AS INTEGER) AS client_key
FROM base;

CREATE TABLE support_period_reasons AS
SELECT referral_id, unnest(reasons) AS reason FROM support_periods;

CREATE TABLE contacts_monthly AS
SELECT sp.referral_id, CAST(date_trunc('month', sp.start_date + CAST(m * 30 AS INTEGER)) AS DATE) AS month,
    CAST(2 + (CAST(substr(sp.referral_id, 2) AS INTEGER) + m) % 3 AS BIGINT) AS meetings,
    CAST(2.5 * (2 + (CAST(substr(sp.referral_id, 2) AS INTEGER) + m) % 3) + CASE WHEN m = 1 AND CAST(substr(sp.referral_id, 2) AS INTEGER) % 5 = 0 THEN 4 ELSE 0 END AS DOUBLE) AS hours,
    CAST(12 * m + 8 AS DOUBLE) AS km,
    2.5 * (2 + (CAST(substr(sp.referral_id, 2) AS INTEGER) + m) % 3) + CASE WHEN m = 1 AND CAST(substr(sp.referral_id, 2) AS INTEGER) % 5 = 0 THEN 4 ELSE 0 END > 10 AS over_cap
FROM support_periods sp, generate_series(0, 2) g(m)
WHERE sp.started;

CREATE TABLE contacts AS
SELECT sp.referral_id,
    coalesce(sum(cm.meetings), 0) AS meetings, coalesce(sum(cm.hours), 0) AS hours, coalesce(sum(cm.km), 0) AS km,
    min(cm.month) AS first_meeting, max(cm.month) AS last_meeting,
    count(cm.month) AS months_with_meetings, count(*) FILTER (WHERE cm.over_cap) AS months_over_cap,
    CAST(0 AS BIGINT) AS meetings_outside_period
FROM support_periods sp LEFT JOIN contacts_monthly cm USING (referral_id)
GROUP BY sp.referral_id;

CREATE TABLE costs AS
SELECT sp.referral_id, sp.municipality, sp.period_year, c.hours, c.km,
    c.hours * 13 AS pay_eur, c.km * 0.57 AS km_allowance_eur, c.hours * 13 + c.km * 0.57 AS total_eur,
    FALSE AS missing_km_rate
FROM support_periods sp JOIN contacts c USING (referral_id);

-- Scores: T0 for every started period, T1 for most, T2 for about half.
CREATE TABLE outcome_scores AS
WITH s AS (
    SELECT sp.referral_id, CAST(substr(sp.referral_id, 2) AS INTEGER) AS i, sp.start_date, sp.end_date, sp.ongoing
    FROM support_periods sp WHERE sp.started
), raw AS (
    SELECT referral_id, 'swemwbs_metric' AS outcome, 'T0' AS timepoint, 16.0 + (i * 7) % 9 AS score, start_date AS response_date FROM s
    UNION ALL
    SELECT referral_id, 'swemwbs_metric', 'T1', 16.0 + (i * 7) % 9 + ((i * 5) % 9) - 2.5, end_date FROM s WHERE NOT ongoing AND i % 6 <> 5
    UNION ALL
    SELECT referral_id, 'swemwbs_metric', 'T2', 16.0 + (i * 7) % 9 + ((i * 3) % 7) - 1.5, end_date + 90 FROM s WHERE NOT ongoing AND i % 2 = 0
    UNION ALL
    SELECT referral_id, 'esis', 'T0', 40.0 + 2.5 * ((i * 11) % 13), start_date FROM s
    UNION ALL
    SELECT referral_id, 'esis', 'T1', 40.0 + 2.5 * ((i * 11) % 13) + 2.5 * ((i * 3) % 8) - 5, end_date FROM s WHERE NOT ongoing AND i % 6 <> 5
    UNION ALL
    SELECT referral_id, 'esis', 'T2', 40.0 + 2.5 * ((i * 11) % 13) + 2.5 * ((i * 5) % 7) - 2.5, end_date + 90 FROM s WHERE NOT ongoing AND i % 2 = 0
)
SELECT referral_id, outcome, timepoint, score, response_date FROM raw;

CREATE TABLE outcomes_wide AS
WITH p AS (
    PIVOT (SELECT referral_id, outcome || '_' || lower(timepoint) AS k, score FROM outcome_scores)
    ON k IN ('swemwbs_metric_t0', 'swemwbs_metric_t1', 'swemwbs_metric_t2', 'esis_t0', 'esis_t1', 'esis_t2')
    USING first(score)
)
SELECT sp.referral_id, sp.client_pseudonym, sp.client_key, sp.municipality, sp.referrer_sector, sp.reasons, sp.gender, sp.age_band,
    sp.period_year, sp.period_half, sp.period_quarter,
    p.swemwbs_metric_t0, p.swemwbs_metric_t1, p.swemwbs_metric_t2,
    p.swemwbs_metric_t1 - p.swemwbs_metric_t0 AS swemwbs_metric_change_t1_t0,
    p.swemwbs_metric_t2 - p.swemwbs_metric_t0 AS swemwbs_metric_change_t2_t0,
    round(p.swemwbs_metric_t1 - p.swemwbs_metric_t0, 6) >= 3 AS swemwbs_metric_improved_t1_t0,
    round(p.swemwbs_metric_t1 - p.swemwbs_metric_t0, 6) <= -3 AS swemwbs_metric_deteriorated_t1_t0,
    round(p.swemwbs_metric_t2 - p.swemwbs_metric_t0, 6) >= 3 AS swemwbs_metric_improved_t2_t0,
    round(p.swemwbs_metric_t2 - p.swemwbs_metric_t0, 6) <= -3 AS swemwbs_metric_deteriorated_t2_t0,
    p.esis_t0, p.esis_t1, p.esis_t2,
    p.esis_t1 - p.esis_t0 AS esis_change_t1_t0,
    p.esis_t2 - p.esis_t0 AS esis_change_t2_t0,
    round(p.esis_t1 - p.esis_t0, 6) >= 10 AS esis_improved_t1_t0,
    round(p.esis_t1 - p.esis_t0, 6) <= -10 AS esis_deteriorated_t1_t0,
    round(p.esis_t2 - p.esis_t0, 6) >= 10 AS esis_improved_t2_t0,
    round(p.esis_t2 - p.esis_t0, 6) <= -10 AS esis_deteriorated_t2_t0
FROM support_periods sp JOIN p USING (referral_id)
WHERE sp.started;

CREATE TABLE worker_survey_summary AS
SELECT * FROM (VALUES
    ('Lähete tavoitti oikeat ihmiset', 6::BIGINT, 4.0, 0.894, 0::BIGINT, 0::BIGINT, 2::BIGINT, 2::BIGINT, 2::BIGINT),
    ('Yhteistyö järjestöjen kanssa toimi', 6, 3.5, 1.049, 0, 1, 2, 2, 1),
    ('Aikaa asiakkaalle oli riittävästi', 3, 2.667, 1.155, 1, 0, 2, 0, 0)
) t(statement, n, mean, sd, value_1, value_2, value_3, value_4, value_5);

CREATE TABLE check_results AS
SELECT * FROM (VALUES
    ('support_period_over_six_months', 'warning', FALSE, 2::BIGINT, 'Support periods longer than 6 months', '[{"referral_id":"R011"},{"referral_id":"R023"}]'),
    ('meeting_hours_over_cap', 'warning', FALSE, 4, 'Calendar months with more than 10 hours of meetings', '[]'),
    ('questionnaire_selected_unique', 'error', TRUE, 0, 'One selected questionnaire per referral, instrument and time point', '[]')
) t(check_name, severity, passed, failing_rows, message, sample);

CREATE TABLE build_runs AS
SELECT TIMESTAMPTZ '2025-02-03 10:15:00+00' AS built_at, 'v0.1.0-test' AS linkki_version,
    '{"costs":{"hourly_rate_eur":13}}' AS settings_json;

CREATE TABLE ingest_files AS
SELECT * FROM (VALUES
    ('3f1c9a2b7d5e4f60a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718', 1::BIGINT, 'lahetteet_2024.csv', 'in/lahetteet_2024.csv', 'referrals', 18234::BIGINT, 'utf-8', ';', NULL, TIMESTAMPTZ '2025-02-03 10:00:00+00', 38::BIGINT, 36::BIGINT, 0::BIGINT, 0::BIGINT, 2::BIGINT),
    ('9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9', 2, 'tapaamiset.xlsx', 'in/tapaamiset.xlsx', 'meetings', 40211, 'xlsx', NULL, 'Tapaamiset', TIMESTAMPTZ '2025-02-03 10:01:00+00', 250, 247, 0, 0, 3),
    ('0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a09080706050403020100', 3, 'swemwbs.csv', 'in/swemwbs.csv', 'swemwbs', 9120, 'windows-1252', ';', NULL, TIMESTAMPTZ '2025-02-03 10:02:00+00', 80, 79, 0, 0, 1)
) t(file_hash, file_seq, file_name, file_path, kind, size_bytes, encoding, delimiter, sheet, ingested_at, rows_read, inserted, updated, unchanged, quarantined);

CREATE TABLE quarantine AS
SELECT * FROM (VALUES
    ('3f1c9a2b7d5e4f60a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718', 'lahetteet_2024.csv', 1::BIGINT, 12::BIGINT, 'referral_date', 'invalid_date', 'referral_date "31.2.2024" is not a date', NULL),
    ('3f1c9a2b7d5e4f60a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718', 'lahetteet_2024.csv', 1, 30, 'referrer_sector', 'unknown_category', 'referrer_sector "kirjasto" is not one of …', NULL),
    ('9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9', 'tapaamiset.xlsx', 2, 5, 'hours', 'invalid_number', 'hours "x" is not a number', NULL),
    ('9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9', 'tapaamiset.xlsx', 2, 9, 'hours', 'invalid_number', 'hours "" is not a number', NULL),
    ('9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9', 'tapaamiset.xlsx', 2, 77, 'meeting_date', 'invalid_date', 'meeting_date "2024-13-01" is not a date', NULL),
    ('0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a09080706050403020100', 'swemwbs.csv', 3, 4, 'q3', 'item_out_of_range', 'q3 = 7 is outside 1–5', NULL)
) t(file_hash, file_name, file_seq, line, column_name, reason_code, message, raw_row);

CREATE TABLE ingest_warnings AS
SELECT * FROM (VALUES
    ('9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9', 2::BIGINT, 14::BIGINT, 'R005', 'month_over_cap', 'more than 10 hours in 2024-03'),
    ('9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9', 2, 15, 'R010', 'month_over_cap', 'more than 10 hours in 2024-05'),
    ('3f1c9a2b7d5e4f60a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718', 1, 22, 'R021', 'unknown_municipality', 'municipality "Kemij." is not on the list')
) t(file_hash, file_seq, line, referral_id, code, message);

-- Analysis layer: hand-made rows in the shape of spec/results.md.
CREATE TABLE results AS
SELECT outcome, contrast, group_by, "group", n, mean_pre, sd_pre, mean_post, sd_post, mean_diff, sd_diff,
    diff_ci_low, diff_ci_high, t, df, p_t, wilcoxon_v, p_wilcoxon,
    d_z, d_z_ci_low, d_z_ci_high, d_rm, d_rm_ci_low, d_rm_ci_high, g_av, g_av_ci_low, g_av_ci_high,
    r, improved, unchanged, deteriorated, reliably_improved, reliably_deteriorated, p_holm, warnings
FROM (VALUES
    ('swemwbs_metric', 'T1-T0', 'all', 'all', 22::BIGINT, 19.9, 2.7, 21.6, 3.4, 1.7, 2.6, 0.55, 2.85, 3.07, 21::DOUBLE, 0.0057, 180::DOUBLE, 0.009, 0.65, 0.19, 1.10, 0.52, 0.21, 0.83, 0.54, 0.20, 0.88, 0.63, 0.36, 0.50, 0.14, 0.18, 0.0, 0.0057, '[{"code":"small_n","message":"n = 22 is below 30"}]'),
    ('swemwbs_metric', 'T2-T0', 'all', 'all', 13, 20.1, 2.8, 21.0, 3.0, 0.9, 2.4, -0.55, 2.35, 1.35, 12, 0.20, 60, 0.22, 0.38, -0.19, 0.93, 0.30, -0.15, 0.75, 0.31, -0.14, 0.76, 0.65, 0.23, 0.62, 0.15, 0.08, 0.0, 0.20, '[{"code":"small_n","message":"n = 13 is below 30"},{"code":"low_followup","message":"fewer than half answered at T2"}]'),
    ('esis', 'T1-T0', 'all', 'all', 22, 54.1, 9.6, 57.3, 10.1, 3.2, 6.1, 0.5, 5.9, 2.46, 21, 0.023, 170, 0.03, 0.52, 0.08, 0.97, 0.31, 0.05, 0.57, 0.32, 0.05, 0.59, 0.81, 0.18, 0.73, 0.09, 0.05, 0.0, 0.023, '[{"code":"small_n","message":"n = 22 is below 30"}]'),
    ('esis', 'T2-T0', 'all', 'all', 13, 54.4, 9.2, 56.8, 9.9, 2.4, 5.9, -1.2, 6.0, 1.47, 12, 0.17, 55, 0.19, 0.41, -0.17, 0.97, 0.23, -0.11, 0.57, 0.24, -0.11, 0.58, 0.81, 0.15, 0.77, 0.08, 0.0, 0.0, 0.17, '[]'),
    ('swemwbs_metric', 'T1-T0', 'municipality', 'Kemi', 8, 19.5, 2.5, 21.4, 3.1, 1.9, 2.4, -0.1, 3.9, 2.24, 7, 0.06, 28, 0.08, 0.79, -0.03, 1.57, 0.58, -0.02, 1.18, 0.60, -0.03, 1.23, 0.55, 0.38, 0.50, 0.12, 0.13, 0.0, 0.18, '[]'),
    ('swemwbs_metric', 'T1-T0', 'municipality', 'Rovaniemi', 7, 20.3, 2.9, 21.7, 3.6, 1.4, 2.9, -1.3, 4.1, 1.28, 6, 0.25, 20, 0.30, 0.48, -0.30, 1.24, 0.36, -0.24, 0.96, 0.38, -0.25, 1.01, 0.60, 0.29, 0.57, 0.14, 0.14, 0.0, 0.25, '[]'),
    ('swemwbs_metric', 'T1-T0', 'municipality', 'Tornio', 6, 20.0, 2.6, 21.8, 3.5, 1.8, 2.7, -1.0, 4.6, 1.63, 5, 0.16, 15, 0.22, 0.67, -0.25, 1.54, 0.47, -0.21, 1.15, 0.49, -0.22, 1.20, 0.62, 0.33, 0.50, 0.17, 0.17, 0.0, 0.33, '[]'),
    ('swemwbs_metric', 'T1-T0', 'municipality', 'Enontekiö', 1, 21.0, NULL, 23.5, NULL, 2.5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '[{"code":"too_few_pairs","message":"n < 2"}]'),
    ('swemwbs_metric', 'T1-T0', 'gender', 'female', 11, 19.8, 2.6, 21.9, 3.2, 2.1, 2.5, 0.4, 3.8, 2.79, 10, 0.019, 50, 0.03, 0.84, 0.13, 1.52, 0.62, 0.12, 1.12, 0.65, 0.12, 1.18, 0.62, 0.45, 0.45, 0.10, 0.18, 0.0, 0.038, '[]'),
    ('swemwbs_metric', 'T1-T0', 'gender', 'male', 10, 20.0, 2.8, 21.3, 3.6, 1.3, 2.7, -0.6, 3.2, 1.52, 9, 0.16, 30, 0.19, 0.48, -0.18, 1.12, 0.35, -0.14, 0.84, 0.37, -0.15, 0.88, 0.64, 0.30, 0.50, 0.20, 0.10, 0.0, 0.16, '[]'),
    ('swemwbs_metric', 'T1-T0', 'gender', 'missing', 1, 22.0, NULL, 20.5, NULL, -1.5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '[]')
) t(outcome, contrast, group_by, "group", n, mean_pre, sd_pre, mean_post, sd_post, mean_diff, sd_diff,
    diff_ci_low, diff_ci_high, t, df, p_t, wilcoxon_v, p_wilcoxon,
    d_z, d_z_ci_low, d_z_ci_high, d_rm, d_rm_ci_low, d_rm_ci_high, g_av, g_av_ci_low, g_av_ci_high,
    r, improved, unchanged, deteriorated, reliably_improved, reliably_deteriorated, p_holm, warnings);

CREATE TABLE mixed_models AS
SELECT * FROM (VALUES
    ('swemwbs_metric', 'all', 'all', 31::BIGINT, 66::BIGINT, 4.1, 3.9, 0.51, TRUE,
     '[{"timepoint":"T0","estimate":20.2,"se":0.52,"df":44.1,"ci_low":19.15,"ci_high":21.25},{"timepoint":"T1","estimate":21.7,"se":0.58,"df":51.0,"ci_low":20.54,"ci_high":22.86},{"timepoint":"T2","estimate":21.1,"se":0.70,"df":60.2,"ci_low":19.70,"ci_high":22.50}]',
     '[{"contrast":"T1-T0","estimate":1.5,"se":0.55,"df":33.2,"t":2.73,"p":0.010,"ci_low":0.38,"ci_high":2.62},{"contrast":"T2-T0","estimate":0.9,"se":0.68,"df":35.9,"t":1.32,"p":0.19,"ci_low":-0.48,"ci_high":2.28},{"contrast":"T2-T1","estimate":-0.6,"se":0.70,"df":36.0,"t":-0.86,"p":0.40,"ci_low":-2.02,"ci_high":0.82}]',
     '[]'),
    ('esis', 'all', 'all', 31, 66, 60.2, 40.1, 0.60, TRUE,
     '[{"timepoint":"T0","estimate":54.3,"se":1.8,"df":40.3,"ci_low":50.66,"ci_high":57.94},{"timepoint":"T1","estimate":57.1,"se":1.9,"df":45.0,"ci_low":53.27,"ci_high":60.93},{"timepoint":"T2","estimate":56.5,"se":2.2,"df":55.1,"ci_low":52.09,"ci_high":60.91}]',
     '[{"contrast":"T1-T0","estimate":2.8,"se":1.4,"df":32.0,"t":2.0,"p":0.054,"ci_low":-0.05,"ci_high":5.65},{"contrast":"T2-T0","estimate":2.2,"se":1.7,"df":34.0,"t":1.29,"p":0.20,"ci_low":-1.25,"ci_high":5.65},{"contrast":"T2-T1","estimate":-0.6,"se":1.8,"df":35.0,"t":-0.33,"p":0.74,"ci_low":-4.25,"ci_high":3.05}]',
     '[]')
) t(outcome, group_by, "group", n_periods, n_scores, sigma2_period, sigma2_residual, icc, converged, means, contrasts, warnings);

CREATE TABLE attrition AS
SELECT * FROM (VALUES
    ('swemwbs_metric', 'T1', 22::BIGINT, 19.9, 2.7, 9::BIGINT, 20.6, 2.9, -0.7, -3.1, 1.7, -0.62, 14.1, 0.54, -0.25),
    ('swemwbs_metric', 'T2', 13, 20.1, 2.8, 18, 20.0, 2.8, 0.1, -2.0, 2.2, 0.10, 25.9, 0.92, 0.04)
) t(outcome, later_timepoint, n_with, mean_with, sd_with, n_without, mean_without, sd_without, diff, diff_ci_low, diff_ci_high, t, df, p, g);

CREATE TABLE analysis_runs AS
SELECT TIMESTAMPTZ '2025-02-03 10:20:00+00' AS analyzed_at, '{"linkki_version":"v0.1.0-test"}' AS manifest_json;
