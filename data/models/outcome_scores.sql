-- The selected scores of started support periods in long form, one row per
-- referral × outcome × timepoint: what every change and effect-size analysis
-- reads. SWEMWBS gives two outcomes (metric and raw), ESIS one.
CREATE OR REPLACE TABLE outcome_scores AS
WITH selected AS (
    SELECT q.*
    FROM questionnaire_scores AS q
    SEMI JOIN support_periods AS p ON p.referral_id = q.referral_id AND p.started
    WHERE q.selected
)
SELECT referral_id, 'swemwbs_metric' AS outcome, timepoint, swemwbs_metric AS score, response_date, prorated
FROM selected WHERE instrument = 'swemwbs'
UNION ALL
SELECT referral_id, 'swemwbs_raw' AS outcome, timepoint, swemwbs_raw AS score, response_date, prorated
FROM selected WHERE instrument = 'swemwbs'
UNION ALL
SELECT referral_id, 'esis' AS outcome, timepoint, esis AS score, response_date, prorated
FROM selected WHERE instrument = 'esis'
