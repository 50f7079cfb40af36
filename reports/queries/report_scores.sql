-- All available scores per outcome and time point (started support
-- periods): n, distinct clients, mean and sample SD. Read by both
-- outcome_means and participant_flow, so outcome_scores is joined and
-- counted once.
CREATE OR REPLACE TEMP TABLE report_scores AS
SELECT o.outcome, o.timepoint, count(*) AS n, count(DISTINCT sp.client_id) AS clients,
    avg(o.score) AS mean, stddev_samp(o.score) AS sd
FROM outcome_scores o JOIN sp USING (referral_id)
WHERE sp.started AND o.outcome IN ('swemwbs_metric', 'esis')
GROUP BY ALL;
