-- One row per started support period: its grouping attributes, the selected
-- score of each outcome at T0, T1 and T2, the changes between them and the
-- change flags of outcome_changes, as columns named <outcome>_t0,
-- <outcome>_change_t1_t0, <outcome>_improved_t1_t0, … A column is NULL when
-- its score or pair is missing. Each outcome × contrast is one join on the
-- key of outcome_changes, which DuckDB runs faster than 54 filtered
-- aggregates.
CREATE OR REPLACE TABLE outcomes_wide AS
WITH scores AS (
    SELECT
        referral_id,
        any_value(score) FILTER (WHERE outcome = 'swemwbs_metric' AND timepoint = 'T0') AS swemwbs_metric_t0,
        any_value(score) FILTER (WHERE outcome = 'swemwbs_metric' AND timepoint = 'T1') AS swemwbs_metric_t1,
        any_value(score) FILTER (WHERE outcome = 'swemwbs_metric' AND timepoint = 'T2') AS swemwbs_metric_t2,
        any_value(score) FILTER (WHERE outcome = 'swemwbs_raw' AND timepoint = 'T0') AS swemwbs_raw_t0,
        any_value(score) FILTER (WHERE outcome = 'swemwbs_raw' AND timepoint = 'T1') AS swemwbs_raw_t1,
        any_value(score) FILTER (WHERE outcome = 'swemwbs_raw' AND timepoint = 'T2') AS swemwbs_raw_t2,
        any_value(score) FILTER (WHERE outcome = 'esis' AND timepoint = 'T0') AS esis_t0,
        any_value(score) FILTER (WHERE outcome = 'esis' AND timepoint = 'T1') AS esis_t1,
        any_value(score) FILTER (WHERE outcome = 'esis' AND timepoint = 'T2') AS esis_t2
    FROM outcome_scores
    GROUP BY referral_id
)
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
    s.swemwbs_metric_t0,
    s.swemwbs_metric_t1,
    s.swemwbs_metric_t2,
    m10.change AS swemwbs_metric_change_t1_t0,
    m20.change AS swemwbs_metric_change_t2_t0,
    m21.change AS swemwbs_metric_change_t2_t1,
    m10.improved AS swemwbs_metric_improved_t1_t0,
    m10.deteriorated AS swemwbs_metric_deteriorated_t1_t0,
    m10.reliably_improved AS swemwbs_metric_reliably_improved_t1_t0,
    m10.reliably_deteriorated AS swemwbs_metric_reliably_deteriorated_t1_t0,
    m20.improved AS swemwbs_metric_improved_t2_t0,
    m20.deteriorated AS swemwbs_metric_deteriorated_t2_t0,
    m20.reliably_improved AS swemwbs_metric_reliably_improved_t2_t0,
    m20.reliably_deteriorated AS swemwbs_metric_reliably_deteriorated_t2_t0,
    m21.improved AS swemwbs_metric_improved_t2_t1,
    m21.deteriorated AS swemwbs_metric_deteriorated_t2_t1,
    m21.reliably_improved AS swemwbs_metric_reliably_improved_t2_t1,
    m21.reliably_deteriorated AS swemwbs_metric_reliably_deteriorated_t2_t1,
    s.swemwbs_raw_t0,
    s.swemwbs_raw_t1,
    s.swemwbs_raw_t2,
    r10.change AS swemwbs_raw_change_t1_t0,
    r20.change AS swemwbs_raw_change_t2_t0,
    r21.change AS swemwbs_raw_change_t2_t1,
    r10.improved AS swemwbs_raw_improved_t1_t0,
    r10.deteriorated AS swemwbs_raw_deteriorated_t1_t0,
    r10.reliably_improved AS swemwbs_raw_reliably_improved_t1_t0,
    r10.reliably_deteriorated AS swemwbs_raw_reliably_deteriorated_t1_t0,
    r20.improved AS swemwbs_raw_improved_t2_t0,
    r20.deteriorated AS swemwbs_raw_deteriorated_t2_t0,
    r20.reliably_improved AS swemwbs_raw_reliably_improved_t2_t0,
    r20.reliably_deteriorated AS swemwbs_raw_reliably_deteriorated_t2_t0,
    r21.improved AS swemwbs_raw_improved_t2_t1,
    r21.deteriorated AS swemwbs_raw_deteriorated_t2_t1,
    r21.reliably_improved AS swemwbs_raw_reliably_improved_t2_t1,
    r21.reliably_deteriorated AS swemwbs_raw_reliably_deteriorated_t2_t1,
    s.esis_t0,
    s.esis_t1,
    s.esis_t2,
    e10.change AS esis_change_t1_t0,
    e20.change AS esis_change_t2_t0,
    e21.change AS esis_change_t2_t1,
    e10.improved AS esis_improved_t1_t0,
    e10.deteriorated AS esis_deteriorated_t1_t0,
    e10.reliably_improved AS esis_reliably_improved_t1_t0,
    e10.reliably_deteriorated AS esis_reliably_deteriorated_t1_t0,
    e20.improved AS esis_improved_t2_t0,
    e20.deteriorated AS esis_deteriorated_t2_t0,
    e20.reliably_improved AS esis_reliably_improved_t2_t0,
    e20.reliably_deteriorated AS esis_reliably_deteriorated_t2_t0,
    e21.improved AS esis_improved_t2_t1,
    e21.deteriorated AS esis_deteriorated_t2_t1,
    e21.reliably_improved AS esis_reliably_improved_t2_t1,
    e21.reliably_deteriorated AS esis_reliably_deteriorated_t2_t1,
    p.client_key
FROM support_periods AS p
LEFT JOIN scores AS s ON s.referral_id = p.referral_id
LEFT JOIN outcome_changes AS m10
    ON m10.referral_id = p.referral_id AND m10.outcome = 'swemwbs_metric' AND m10.contrast = 'T1-T0'
LEFT JOIN outcome_changes AS m20
    ON m20.referral_id = p.referral_id AND m20.outcome = 'swemwbs_metric' AND m20.contrast = 'T2-T0'
LEFT JOIN outcome_changes AS m21
    ON m21.referral_id = p.referral_id AND m21.outcome = 'swemwbs_metric' AND m21.contrast = 'T2-T1'
LEFT JOIN outcome_changes AS r10
    ON r10.referral_id = p.referral_id AND r10.outcome = 'swemwbs_raw' AND r10.contrast = 'T1-T0'
LEFT JOIN outcome_changes AS r20
    ON r20.referral_id = p.referral_id AND r20.outcome = 'swemwbs_raw' AND r20.contrast = 'T2-T0'
LEFT JOIN outcome_changes AS r21
    ON r21.referral_id = p.referral_id AND r21.outcome = 'swemwbs_raw' AND r21.contrast = 'T2-T1'
LEFT JOIN outcome_changes AS e10
    ON e10.referral_id = p.referral_id AND e10.outcome = 'esis' AND e10.contrast = 'T1-T0'
LEFT JOIN outcome_changes AS e20
    ON e20.referral_id = p.referral_id AND e20.outcome = 'esis' AND e20.contrast = 'T2-T0'
LEFT JOIN outcome_changes AS e21
    ON e21.referral_id = p.referral_id AND e21.outcome = 'esis' AND e21.contrast = 'T2-T1'
WHERE p.started
