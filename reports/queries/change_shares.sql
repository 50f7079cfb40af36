-- Improved / unchanged / deteriorated pairs by the thresholds the build
-- applied (outcomes_wide flags), per outcome and contrast (k), with the
-- distinct clients behind each count: clients with several periods are
-- first collapsed to one row per contrast (report_clients), so one count
-- per figure counts clients.
WITH pairs AS (
    SELECT 0 AS k, client_id, single,
        swemwbs_metric_improved_t1_t0 AS improved, swemwbs_metric_deteriorated_t1_t0 AS deteriorated
    FROM report_outcomes WHERE in_sp AND swemwbs_metric_change_t1_t0 IS NOT NULL
    UNION ALL SELECT 1, client_id, single, swemwbs_metric_improved_t2_t0, swemwbs_metric_deteriorated_t2_t0
    FROM report_outcomes WHERE in_sp AND swemwbs_metric_change_t2_t0 IS NOT NULL
    UNION ALL SELECT 2, client_id, single, esis_improved_t1_t0, esis_deteriorated_t1_t0
    FROM report_outcomes WHERE in_sp AND esis_change_t1_t0 IS NOT NULL
    UNION ALL SELECT 3, client_id, single, esis_improved_t2_t0, esis_deteriorated_t2_t0
    FROM report_outcomes WHERE in_sp AND esis_change_t2_t0 IS NOT NULL
), flagged AS (
    SELECT k, client_id, single, improved, NOT improved AND NOT deteriorated AS unchanged, deteriorated FROM pairs
), per_client AS (
    SELECT k, count(*) AS pairs, count(*) FILTER (WHERE improved) AS improved_pairs,
        count(*) FILTER (WHERE unchanged) AS unchanged_pairs, count(*) FILTER (WHERE deteriorated) AS deteriorated_pairs,
        bool_or(improved) AS improved, bool_or(unchanged) AS unchanged, bool_or(deteriorated) AS deteriorated
    FROM flagged WHERE NOT single GROUP BY k, client_id
    UNION ALL
    SELECT k, 1, CAST(improved AS INTEGER), CAST(unchanged AS INTEGER), CAST(deteriorated AS INTEGER),
        improved, unchanged, deteriorated
    FROM flagged WHERE single
)
SELECT p.outcome, p.contrast, CAST(sum(c.pairs) AS BIGINT) AS pairs, count(*) AS clients,
    CAST(sum(c.improved_pairs) AS BIGINT) AS improved, CAST(sum(c.unchanged_pairs) AS BIGINT) AS unchanged,
    CAST(sum(c.deteriorated_pairs) AS BIGINT) AS deteriorated,
    count(*) FILTER (WHERE c.improved) AS improved_clients,
    count(*) FILTER (WHERE c.unchanged) AS unchanged_clients,
    count(*) FILTER (WHERE c.deteriorated) AS deteriorated_clients
FROM per_client c
JOIN (VALUES (0, 'swemwbs_metric', 'T1-T0'), (1, 'swemwbs_metric', 'T2-T0'), (2, 'esis', 'T1-T0'), (3, 'esis', 'T2-T0'))
    AS p(k, outcome, contrast) USING (k)
GROUP BY ALL ORDER BY 1 DESC, 2;
