-- All available scores per outcome and time point (started support periods
-- in the filter): n, distinct clients, mean and sample SD. outcomes_wide
-- holds outcome_scores' selected score of every started period in its
-- <outcome>_t0/t1/t2 columns, so one scan of report_outcomes makes all six
-- rows without joining the long table. Clients are counted per client
-- (report_clients). Read by both outcome_means and participant_flow.
CREATE OR REPLACE TEMP TABLE report_scores AS
WITH o AS (
    SELECT client_id, single, swemwbs_metric_t0 AS s0, swemwbs_metric_t1 AS s1, swemwbs_metric_t2 AS s2,
        esis_t0 AS e0, esis_t1 AS e1, esis_t2 AS e2
    FROM report_outcomes WHERE in_sp
), per_client AS (
    SELECT bool_or(s0 IS NOT NULL) AS s0, bool_or(s1 IS NOT NULL) AS s1, bool_or(s2 IS NOT NULL) AS s2,
        bool_or(e0 IS NOT NULL) AS e0, bool_or(e1 IS NOT NULL) AS e1, bool_or(e2 IS NOT NULL) AS e2
    FROM o WHERE NOT single GROUP BY client_id
    UNION ALL
    SELECT s0 IS NOT NULL, s1 IS NOT NULL, s2 IS NOT NULL, e0 IS NOT NULL, e1 IS NOT NULL, e2 IS NOT NULL
    FROM o WHERE single
), c AS (
    SELECT count(*) FILTER (WHERE s0) AS s0, count(*) FILTER (WHERE s1) AS s1, count(*) FILTER (WHERE s2) AS s2,
        count(*) FILTER (WHERE e0) AS e0, count(*) FILTER (WHERE e1) AS e1, count(*) FILTER (WHERE e2) AS e2
    FROM per_client
), s AS (
    SELECT count(s0) AS n_s0, avg(s0) AS mean_s0, stddev_samp(s0) AS sd_s0,
        count(s1) AS n_s1, avg(s1) AS mean_s1, stddev_samp(s1) AS sd_s1,
        count(s2) AS n_s2, avg(s2) AS mean_s2, stddev_samp(s2) AS sd_s2,
        count(e0) AS n_e0, avg(e0) AS mean_e0, stddev_samp(e0) AS sd_e0,
        count(e1) AS n_e1, avg(e1) AS mean_e1, stddev_samp(e1) AS sd_e1,
        count(e2) AS n_e2, avg(e2) AS mean_e2, stddev_samp(e2) AS sd_e2
    FROM o
), r AS (
    SELECT unnest([
        {'outcome': 'swemwbs_metric', 'timepoint': 'T0', 'n': n_s0, 'clients': c.s0, 'mean': mean_s0, 'sd': sd_s0},
        {'outcome': 'swemwbs_metric', 'timepoint': 'T1', 'n': n_s1, 'clients': c.s1, 'mean': mean_s1, 'sd': sd_s1},
        {'outcome': 'swemwbs_metric', 'timepoint': 'T2', 'n': n_s2, 'clients': c.s2, 'mean': mean_s2, 'sd': sd_s2},
        {'outcome': 'esis', 'timepoint': 'T0', 'n': n_e0, 'clients': c.e0, 'mean': mean_e0, 'sd': sd_e0},
        {'outcome': 'esis', 'timepoint': 'T1', 'n': n_e1, 'clients': c.e1, 'mean': mean_e1, 'sd': sd_e1},
        {'outcome': 'esis', 'timepoint': 'T2', 'n': n_e2, 'clients': c.e2, 'mean': mean_e2, 'sd': sd_e2}
    ], recursive := true)
    FROM s, c
)
SELECT outcome, timepoint, n, clients, mean, sd FROM r WHERE n > 0;
