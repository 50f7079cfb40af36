-- The participant flow per municipality and referral year: referred →
-- started → ended how → questionnaires answered. The questionnaire counts are
-- started support periods with a selected score at that time point, so they
-- match the n of outcome_scores. Each score row is read as one integer slot
-- (instrument × time point; SWEMWBS through its raw score), compared six
-- times instead of two text columns twelve times.
CREATE OR REPLACE TABLE participant_flow AS
WITH answered AS (
    SELECT
        referral_id,
        bool_or(slot = 0) AS swemwbs_t0,
        bool_or(slot = 1) AS swemwbs_t1,
        bool_or(slot = 2) AS swemwbs_t2,
        bool_or(slot = 3) AS esis_t0,
        bool_or(slot = 4) AS esis_t1,
        bool_or(slot = 5) AS esis_t2
    FROM (
        SELECT
            referral_id,
            CASE outcome WHEN 'swemwbs_raw' THEN 0 WHEN 'esis' THEN 3 END
                + CASE timepoint WHEN 'T0' THEN 0 WHEN 'T1' THEN 1 WHEN 'T2' THEN 2 END AS slot
        FROM outcome_scores
        WHERE outcome IN ('swemwbs_raw', 'esis')
    )
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
