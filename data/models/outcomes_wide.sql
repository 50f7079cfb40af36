-- One row per started support period: its grouping attributes, the selected
-- score of each outcome at T0, T1 and T2, the changes between them and the
-- change flags, as columns named <outcome>_t0, <outcome>_change_t1_t0,
-- <outcome>_improved_t1_t0, … A column is NULL when its score or pair is
-- missing.
--
-- The values are those of outcome_changes (see there for the formulas),
-- computed here from one pivot of the selected questionnaires rather than by
-- joining outcome_changes nine times: a pair is a period with a selected
-- questionnaire of the instrument at both time points (has_<instrument>_tN),
-- change = later − earlier, improved / deteriorated compare round(change, 6)
-- with the outcome's threshold, and the Jacobson–Truax z divides by
-- √2 · sd_pre · √(1 − reliability) with sd_pre the sample SD of the earlier
-- score over all pairs of that outcome and contrast. No ORDER BY: sorting
-- the 76 columns of a million periods costs more than the rest of the model;
-- a reader that needs an order sorts by referral_id.
CREATE OR REPLACE TABLE outcomes_wide AS
WITH selected AS (
    SELECT
        q.referral_id,
        count(*) FILTER (WHERE q.instrument = 'swemwbs' AND q.timepoint = 'T0') > 0 AS has_swemwbs_t0,
        count(*) FILTER (WHERE q.instrument = 'swemwbs' AND q.timepoint = 'T1') > 0 AS has_swemwbs_t1,
        count(*) FILTER (WHERE q.instrument = 'swemwbs' AND q.timepoint = 'T2') > 0 AS has_swemwbs_t2,
        count(*) FILTER (WHERE q.instrument = 'esis' AND q.timepoint = 'T0') > 0 AS has_esis_t0,
        count(*) FILTER (WHERE q.instrument = 'esis' AND q.timepoint = 'T1') > 0 AS has_esis_t1,
        count(*) FILTER (WHERE q.instrument = 'esis' AND q.timepoint = 'T2') > 0 AS has_esis_t2,
        any_value(q.swemwbs_metric) FILTER (WHERE q.instrument = 'swemwbs' AND q.timepoint = 'T0') AS swemwbs_metric_t0,
        any_value(q.swemwbs_metric) FILTER (WHERE q.instrument = 'swemwbs' AND q.timepoint = 'T1') AS swemwbs_metric_t1,
        any_value(q.swemwbs_metric) FILTER (WHERE q.instrument = 'swemwbs' AND q.timepoint = 'T2') AS swemwbs_metric_t2,
        any_value(q.swemwbs_raw) FILTER (WHERE q.instrument = 'swemwbs' AND q.timepoint = 'T0') AS swemwbs_raw_t0,
        any_value(q.swemwbs_raw) FILTER (WHERE q.instrument = 'swemwbs' AND q.timepoint = 'T1') AS swemwbs_raw_t1,
        any_value(q.swemwbs_raw) FILTER (WHERE q.instrument = 'swemwbs' AND q.timepoint = 'T2') AS swemwbs_raw_t2,
        any_value(q.esis) FILTER (WHERE q.instrument = 'esis' AND q.timepoint = 'T0') AS esis_t0,
        any_value(q.esis) FILTER (WHERE q.instrument = 'esis' AND q.timepoint = 'T1') AS esis_t1,
        any_value(q.esis) FILTER (WHERE q.instrument = 'esis' AND q.timepoint = 'T2') AS esis_t2
    FROM questionnaire_scores AS q
    WHERE q.selected
    GROUP BY q.referral_id
),
wide AS (
    SELECT
        p.referral_id,
        p.client_pseudonym,
        p.municipality,
        p.referrer_sector,
        p.reasons,
        p.gender,
        p.age_band,
        p.period_year,
        p.period_half,
        p.period_quarter,
        p.client_key,
        q.* EXCLUDE (referral_id)
    FROM support_periods AS p
    LEFT JOIN selected AS q ON q.referral_id = p.referral_id
    WHERE p.started
),
spread AS (
    SELECT
        stddev_samp(swemwbs_metric_t0) FILTER (WHERE has_swemwbs_t0 AND has_swemwbs_t1) AS swemwbs_metric_sd_t1_t0,
        stddev_samp(swemwbs_metric_t0) FILTER (WHERE has_swemwbs_t0 AND has_swemwbs_t2) AS swemwbs_metric_sd_t2_t0,
        stddev_samp(swemwbs_metric_t1) FILTER (WHERE has_swemwbs_t1 AND has_swemwbs_t2) AS swemwbs_metric_sd_t2_t1,
        stddev_samp(swemwbs_raw_t0) FILTER (WHERE has_swemwbs_t0 AND has_swemwbs_t1) AS swemwbs_raw_sd_t1_t0,
        stddev_samp(swemwbs_raw_t0) FILTER (WHERE has_swemwbs_t0 AND has_swemwbs_t2) AS swemwbs_raw_sd_t2_t0,
        stddev_samp(swemwbs_raw_t1) FILTER (WHERE has_swemwbs_t1 AND has_swemwbs_t2) AS swemwbs_raw_sd_t2_t1,
        stddev_samp(esis_t0) FILTER (WHERE has_esis_t0 AND has_esis_t1) AS esis_sd_t1_t0,
        stddev_samp(esis_t0) FILTER (WHERE has_esis_t0 AND has_esis_t2) AS esis_sd_t2_t0,
        stddev_samp(esis_t1) FILTER (WHERE has_esis_t1 AND has_esis_t2) AS esis_sd_t2_t1
    FROM wide
),
changes AS (
    SELECT
        w.*,
        CASE WHEN w.has_swemwbs_t0 AND w.has_swemwbs_t1 THEN w.swemwbs_metric_t1 - w.swemwbs_metric_t0 END AS swemwbs_metric_change_t1_t0,
        CASE WHEN w.has_swemwbs_t0 AND w.has_swemwbs_t1 AND d.swemwbs_metric_sd_t1_t0 > 0
            THEN swemwbs_metric_change_t1_t0 / (sqrt(2) * d.swemwbs_metric_sd_t1_t0 * sqrt(1 - s.swemwbs_reliability)) END AS swemwbs_metric_z_t1_t0,
        CASE WHEN w.has_swemwbs_t0 AND w.has_swemwbs_t2 THEN w.swemwbs_metric_t2 - w.swemwbs_metric_t0 END AS swemwbs_metric_change_t2_t0,
        CASE WHEN w.has_swemwbs_t0 AND w.has_swemwbs_t2 AND d.swemwbs_metric_sd_t2_t0 > 0
            THEN swemwbs_metric_change_t2_t0 / (sqrt(2) * d.swemwbs_metric_sd_t2_t0 * sqrt(1 - s.swemwbs_reliability)) END AS swemwbs_metric_z_t2_t0,
        CASE WHEN w.has_swemwbs_t1 AND w.has_swemwbs_t2 THEN w.swemwbs_metric_t2 - w.swemwbs_metric_t1 END AS swemwbs_metric_change_t2_t1,
        CASE WHEN w.has_swemwbs_t1 AND w.has_swemwbs_t2 AND d.swemwbs_metric_sd_t2_t1 > 0
            THEN swemwbs_metric_change_t2_t1 / (sqrt(2) * d.swemwbs_metric_sd_t2_t1 * sqrt(1 - s.swemwbs_reliability)) END AS swemwbs_metric_z_t2_t1,
        CASE WHEN w.has_swemwbs_t0 AND w.has_swemwbs_t1 THEN w.swemwbs_raw_t1 - w.swemwbs_raw_t0 END AS swemwbs_raw_change_t1_t0,
        CASE WHEN w.has_swemwbs_t0 AND w.has_swemwbs_t1 AND d.swemwbs_raw_sd_t1_t0 > 0
            THEN swemwbs_raw_change_t1_t0 / (sqrt(2) * d.swemwbs_raw_sd_t1_t0 * sqrt(1 - s.swemwbs_reliability)) END AS swemwbs_raw_z_t1_t0,
        CASE WHEN w.has_swemwbs_t0 AND w.has_swemwbs_t2 THEN w.swemwbs_raw_t2 - w.swemwbs_raw_t0 END AS swemwbs_raw_change_t2_t0,
        CASE WHEN w.has_swemwbs_t0 AND w.has_swemwbs_t2 AND d.swemwbs_raw_sd_t2_t0 > 0
            THEN swemwbs_raw_change_t2_t0 / (sqrt(2) * d.swemwbs_raw_sd_t2_t0 * sqrt(1 - s.swemwbs_reliability)) END AS swemwbs_raw_z_t2_t0,
        CASE WHEN w.has_swemwbs_t1 AND w.has_swemwbs_t2 THEN w.swemwbs_raw_t2 - w.swemwbs_raw_t1 END AS swemwbs_raw_change_t2_t1,
        CASE WHEN w.has_swemwbs_t1 AND w.has_swemwbs_t2 AND d.swemwbs_raw_sd_t2_t1 > 0
            THEN swemwbs_raw_change_t2_t1 / (sqrt(2) * d.swemwbs_raw_sd_t2_t1 * sqrt(1 - s.swemwbs_reliability)) END AS swemwbs_raw_z_t2_t1,
        CASE WHEN w.has_esis_t0 AND w.has_esis_t1 THEN w.esis_t1 - w.esis_t0 END AS esis_change_t1_t0,
        CASE WHEN w.has_esis_t0 AND w.has_esis_t1 AND d.esis_sd_t1_t0 > 0
            THEN esis_change_t1_t0 / (sqrt(2) * d.esis_sd_t1_t0 * sqrt(1 - s.esis_reliability)) END AS esis_z_t1_t0,
        CASE WHEN w.has_esis_t0 AND w.has_esis_t2 THEN w.esis_t2 - w.esis_t0 END AS esis_change_t2_t0,
        CASE WHEN w.has_esis_t0 AND w.has_esis_t2 AND d.esis_sd_t2_t0 > 0
            THEN esis_change_t2_t0 / (sqrt(2) * d.esis_sd_t2_t0 * sqrt(1 - s.esis_reliability)) END AS esis_z_t2_t0,
        CASE WHEN w.has_esis_t1 AND w.has_esis_t2 THEN w.esis_t2 - w.esis_t1 END AS esis_change_t2_t1,
        CASE WHEN w.has_esis_t1 AND w.has_esis_t2 AND d.esis_sd_t2_t1 > 0
            THEN esis_change_t2_t1 / (sqrt(2) * d.esis_sd_t2_t1 * sqrt(1 - s.esis_reliability)) END AS esis_z_t2_t1
    FROM wide AS w
    CROSS JOIN spread AS d
    CROSS JOIN build_settings AS s
)
SELECT
    c.referral_id,
    c.client_pseudonym,
    c.municipality,
    c.referrer_sector,
    c.reasons,
    c.gender,
    c.age_band,
    c.period_year,
    c.period_half,
    c.period_quarter,
    c.swemwbs_metric_t0,
    c.swemwbs_metric_t1,
    c.swemwbs_metric_t2,
    c.swemwbs_metric_change_t1_t0,
    c.swemwbs_metric_change_t2_t0,
    c.swemwbs_metric_change_t2_t1,
    round(c.swemwbs_metric_change_t1_t0, 6) >= s.swemwbs_threshold AS swemwbs_metric_improved_t1_t0,
    round(c.swemwbs_metric_change_t1_t0, 6) <= -s.swemwbs_threshold AS swemwbs_metric_deteriorated_t1_t0,
    c.swemwbs_metric_z_t1_t0 > 1.96 AS swemwbs_metric_reliably_improved_t1_t0,
    c.swemwbs_metric_z_t1_t0 < -1.96 AS swemwbs_metric_reliably_deteriorated_t1_t0,
    round(c.swemwbs_metric_change_t2_t0, 6) >= s.swemwbs_threshold AS swemwbs_metric_improved_t2_t0,
    round(c.swemwbs_metric_change_t2_t0, 6) <= -s.swemwbs_threshold AS swemwbs_metric_deteriorated_t2_t0,
    c.swemwbs_metric_z_t2_t0 > 1.96 AS swemwbs_metric_reliably_improved_t2_t0,
    c.swemwbs_metric_z_t2_t0 < -1.96 AS swemwbs_metric_reliably_deteriorated_t2_t0,
    round(c.swemwbs_metric_change_t2_t1, 6) >= s.swemwbs_threshold AS swemwbs_metric_improved_t2_t1,
    round(c.swemwbs_metric_change_t2_t1, 6) <= -s.swemwbs_threshold AS swemwbs_metric_deteriorated_t2_t1,
    c.swemwbs_metric_z_t2_t1 > 1.96 AS swemwbs_metric_reliably_improved_t2_t1,
    c.swemwbs_metric_z_t2_t1 < -1.96 AS swemwbs_metric_reliably_deteriorated_t2_t1,
    c.swemwbs_raw_t0,
    c.swemwbs_raw_t1,
    c.swemwbs_raw_t2,
    c.swemwbs_raw_change_t1_t0,
    c.swemwbs_raw_change_t2_t0,
    c.swemwbs_raw_change_t2_t1,
    round(c.swemwbs_raw_change_t1_t0, 6) >= s.swemwbs_threshold AS swemwbs_raw_improved_t1_t0,
    round(c.swemwbs_raw_change_t1_t0, 6) <= -s.swemwbs_threshold AS swemwbs_raw_deteriorated_t1_t0,
    c.swemwbs_raw_z_t1_t0 > 1.96 AS swemwbs_raw_reliably_improved_t1_t0,
    c.swemwbs_raw_z_t1_t0 < -1.96 AS swemwbs_raw_reliably_deteriorated_t1_t0,
    round(c.swemwbs_raw_change_t2_t0, 6) >= s.swemwbs_threshold AS swemwbs_raw_improved_t2_t0,
    round(c.swemwbs_raw_change_t2_t0, 6) <= -s.swemwbs_threshold AS swemwbs_raw_deteriorated_t2_t0,
    c.swemwbs_raw_z_t2_t0 > 1.96 AS swemwbs_raw_reliably_improved_t2_t0,
    c.swemwbs_raw_z_t2_t0 < -1.96 AS swemwbs_raw_reliably_deteriorated_t2_t0,
    round(c.swemwbs_raw_change_t2_t1, 6) >= s.swemwbs_threshold AS swemwbs_raw_improved_t2_t1,
    round(c.swemwbs_raw_change_t2_t1, 6) <= -s.swemwbs_threshold AS swemwbs_raw_deteriorated_t2_t1,
    c.swemwbs_raw_z_t2_t1 > 1.96 AS swemwbs_raw_reliably_improved_t2_t1,
    c.swemwbs_raw_z_t2_t1 < -1.96 AS swemwbs_raw_reliably_deteriorated_t2_t1,
    c.esis_t0,
    c.esis_t1,
    c.esis_t2,
    c.esis_change_t1_t0,
    c.esis_change_t2_t0,
    c.esis_change_t2_t1,
    round(c.esis_change_t1_t0, 6) >= s.esis_threshold AS esis_improved_t1_t0,
    round(c.esis_change_t1_t0, 6) <= -s.esis_threshold AS esis_deteriorated_t1_t0,
    c.esis_z_t1_t0 > 1.96 AS esis_reliably_improved_t1_t0,
    c.esis_z_t1_t0 < -1.96 AS esis_reliably_deteriorated_t1_t0,
    round(c.esis_change_t2_t0, 6) >= s.esis_threshold AS esis_improved_t2_t0,
    round(c.esis_change_t2_t0, 6) <= -s.esis_threshold AS esis_deteriorated_t2_t0,
    c.esis_z_t2_t0 > 1.96 AS esis_reliably_improved_t2_t0,
    c.esis_z_t2_t0 < -1.96 AS esis_reliably_deteriorated_t2_t0,
    round(c.esis_change_t2_t1, 6) >= s.esis_threshold AS esis_improved_t2_t1,
    round(c.esis_change_t2_t1, 6) <= -s.esis_threshold AS esis_deteriorated_t2_t1,
    c.esis_z_t2_t1 > 1.96 AS esis_reliably_improved_t2_t1,
    c.esis_z_t2_t1 < -1.96 AS esis_reliably_deteriorated_t2_t1,
    c.client_key
FROM changes AS c
CROSS JOIN build_settings AS s
