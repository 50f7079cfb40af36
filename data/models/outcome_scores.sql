-- The selected scores of started support periods in long form, one row per
-- referral × outcome × timepoint: what every change and effect-size analysis
-- reads. SWEMWBS gives two outcomes (metric and raw), ESIS one: each selected
-- questionnaire is joined to the outcomes of its instrument, so the
-- questionnaires are read once (not once per outcome).
CREATE OR REPLACE TABLE outcome_scores AS
SELECT
    q.referral_id,
    o.outcome,
    q.timepoint,
    CASE o.outcome
        WHEN 'swemwbs_metric' THEN q.swemwbs_metric
        WHEN 'swemwbs_raw' THEN q.swemwbs_raw
        ELSE q.esis
    END AS score,
    q.response_date,
    q.prorated
FROM questionnaire_scores AS q
JOIN (VALUES ('swemwbs', 'swemwbs_metric'), ('swemwbs', 'swemwbs_raw'), ('esis', 'esis')) AS o(instrument, outcome)
    ON o.instrument = q.instrument
SEMI JOIN support_periods AS p ON p.referral_id = q.referral_id AND p.started
WHERE q.selected
