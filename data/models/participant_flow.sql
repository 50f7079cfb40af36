-- The participant flow per municipality and referral year: referred →
-- started → ended how → questionnaires answered. The questionnaire counts are
-- started support periods with a selected score at that time point, so they
-- match the n of outcome_scores.
CREATE OR REPLACE TABLE participant_flow AS
WITH answered AS (
    SELECT
        referral_id,
        bool_or(outcome = 'swemwbs_raw' AND timepoint = 'T0') AS swemwbs_t0,
        bool_or(outcome = 'swemwbs_raw' AND timepoint = 'T1') AS swemwbs_t1,
        bool_or(outcome = 'swemwbs_raw' AND timepoint = 'T2') AS swemwbs_t2,
        bool_or(outcome = 'esis' AND timepoint = 'T0') AS esis_t0,
        bool_or(outcome = 'esis' AND timepoint = 'T1') AS esis_t1,
        bool_or(outcome = 'esis' AND timepoint = 'T2') AS esis_t2
    FROM outcome_scores
    GROUP BY referral_id
)
SELECT
    p.municipality,
    p.period_year,
    count(*) AS referred,
    count(DISTINCT p.client_key) AS clients,
    count(*) FILTER (WHERE p.started) AS started,
    count(*) FILTER (WHERE p.status = 'completed') AS completed,
    count(*) FILTER (WHERE p.status = 'discontinued') AS discontinued,
    count(*) FILTER (WHERE p.status = 'ongoing') AS ongoing,
    count(*) FILTER (WHERE p.status = 'not_started') AS not_started,
    count(*) FILTER (WHERE a.swemwbs_t0) AS swemwbs_t0,
    count(*) FILTER (WHERE a.swemwbs_t1) AS swemwbs_t1,
    count(*) FILTER (WHERE a.swemwbs_t2) AS swemwbs_t2,
    count(*) FILTER (WHERE a.esis_t0) AS esis_t0,
    count(*) FILTER (WHERE a.esis_t1) AS esis_t1,
    count(*) FILTER (WHERE a.esis_t2) AS esis_t2,
    count(*) FILTER (WHERE p.status = 'moved') AS moved,
    count(*) FILTER (WHERE p.status = 'other') AS ended_other
FROM support_periods AS p
LEFT JOIN answered AS a ON a.referral_id = p.referral_id
GROUP BY p.municipality, p.period_year
