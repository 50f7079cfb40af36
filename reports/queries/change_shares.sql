-- Improved / unchanged / deteriorated pairs by the thresholds the build
-- applied (outcomes_wide flags), per outcome and contrast.
WITH ow AS (
    SELECT * FROM report_outcomes WHERE in_sp
), pairs AS (
    SELECT 'swemwbs_metric' AS outcome, 'T1-T0' AS contrast, client_id,
        swemwbs_metric_improved_t1_t0 AS improved, swemwbs_metric_deteriorated_t1_t0 AS deteriorated
    FROM ow WHERE swemwbs_metric_change_t1_t0 IS NOT NULL
    UNION ALL
    SELECT 'swemwbs_metric', 'T2-T0', client_id, swemwbs_metric_improved_t2_t0, swemwbs_metric_deteriorated_t2_t0
    FROM ow WHERE swemwbs_metric_change_t2_t0 IS NOT NULL
    UNION ALL
    SELECT 'esis', 'T1-T0', client_id, esis_improved_t1_t0, esis_deteriorated_t1_t0
    FROM ow WHERE esis_change_t1_t0 IS NOT NULL
    UNION ALL
    SELECT 'esis', 'T2-T0', client_id, esis_improved_t2_t0, esis_deteriorated_t2_t0
    FROM ow WHERE esis_change_t2_t0 IS NOT NULL
)
SELECT outcome, contrast, count(*) AS pairs, count(DISTINCT client_id) AS clients,
    count(*) FILTER (WHERE improved) AS improved,
    count(*) FILTER (WHERE NOT improved AND NOT deteriorated) AS unchanged,
    count(*) FILTER (WHERE deteriorated) AS deteriorated,
    count(DISTINCT client_id) FILTER (WHERE improved) AS improved_clients,
    count(DISTINCT client_id) FILTER (WHERE NOT improved AND NOT deteriorated) AS unchanged_clients,
    count(DISTINCT client_id) FILTER (WHERE deteriorated) AS deteriorated_clients
FROM pairs GROUP BY ALL ORDER BY 1 DESC, 2;
