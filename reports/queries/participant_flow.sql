-- Referred → started → completed → questionnaires at T0/T1/T2 for the
-- filtered support periods: periods and distinct clients at each step.
-- Questionnaire steps count started periods with a selected score.
WITH steps AS (
    SELECT 'referred' AS step, referral_id, client_pseudonym FROM sp
    UNION ALL SELECT 'started', referral_id, client_pseudonym FROM sp WHERE started
    UNION ALL SELECT 'completed', referral_id, client_pseudonym FROM sp WHERE completed
    UNION ALL
    SELECT DISTINCT o.outcome || '_' || o.timepoint, sp.referral_id, sp.client_pseudonym
    FROM outcome_scores o JOIN sp USING (referral_id)
    WHERE sp.started AND o.outcome IN ('swemwbs_metric', 'esis')
)
SELECT step, count(DISTINCT referral_id) AS periods, count(DISTINCT client_pseudonym) AS clients
FROM steps GROUP BY step ORDER BY step;
