-- All available scores per outcome and time point (started support
-- periods): n, distinct clients, mean and sample SD. Change statistics use
-- pairs and come from the analysis; these are the descriptive means.
SELECT o.outcome, o.timepoint, count(*) AS n, count(DISTINCT sp.client_id) AS clients,
    avg(o.score) AS mean, stddev_samp(o.score) AS sd
FROM outcome_scores o JOIN sp USING (referral_id)
WHERE sp.started AND o.outcome IN ('swemwbs_metric', 'esis')
GROUP BY ALL ORDER BY 1, 2;
