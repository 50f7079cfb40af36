-- Individual SWEMWBS metric change T1−T0 in bins of $1 points: bin b holds
-- changes in [b·$1, (b+1)·$1).
SELECT CAST(floor(w.swemwbs_metric_change_t1_t0 / $1) AS INTEGER) AS bin,
    count(*) AS periods, count(DISTINCT w.client_pseudonym) AS clients
FROM outcomes_wide w JOIN sp USING (referral_id)
WHERE w.swemwbs_metric_change_t1_t0 IS NOT NULL
GROUP BY 1 ORDER BY 1;
