-- Individual SWEMWBS metric change T1−T0 in bins of $1 points: bin b holds
-- changes in [b·$1, (b+1)·$1).
SELECT CAST(floor(swemwbs_metric_change_t1_t0 / $1) AS INTEGER) AS bin,
    count(*) AS periods, clients(client_id, single) AS clients
FROM report_outcomes
WHERE in_sp AND swemwbs_metric_change_t1_t0 IS NOT NULL
GROUP BY 1 ORDER BY 1;
