-- Distinct clients behind each analysis group's SWEMWBS metric and ESIS
-- pairs: small cells are counted in clients, while results.n counts pairs.
-- Groups as in spec/results.md ("missing" for a missing attribute), over
-- all support periods whatever the filter. The pairs are keyed by a small
-- integer until the end (cheaper to hash than the outcome and contrast
-- names), and each grouping attribute is its own aggregate: DuckDB's
-- GROUPING SETS with a DISTINCT aggregate was three times slower. pairs is
-- materialised so the six aggregates do not each filter report_outcomes.
WITH pairs AS MATERIALIZED (
    SELECT 0 AS k, * FROM report_outcomes WHERE swemwbs_metric_change_t1_t0 IS NOT NULL
    UNION ALL SELECT 1, * FROM report_outcomes WHERE swemwbs_metric_change_t2_t0 IS NOT NULL
    UNION ALL SELECT 2, * FROM report_outcomes WHERE esis_change_t1_t0 IS NOT NULL
    UNION ALL SELECT 3, * FROM report_outcomes WHERE esis_change_t2_t0 IS NOT NULL
), clients AS (
    SELECT k, 'all' AS group_by, 'all' AS "group", count(DISTINCT client_id) AS clients FROM pairs GROUP BY k
    UNION ALL SELECT k, 'municipality', coalesce(municipality, 'missing'), count(DISTINCT client_id) FROM pairs GROUP BY k, 3
    UNION ALL SELECT k, 'referrer_sector', coalesce(referrer_sector, 'missing'), count(DISTINCT client_id) FROM pairs GROUP BY k, 3
    UNION ALL SELECT k, 'gender', coalesce(gender, 'missing'), count(DISTINCT client_id) FROM pairs GROUP BY k, 3
    UNION ALL SELECT k, 'age_band', coalesce(age_band, 'missing'), count(DISTINCT client_id) FROM pairs GROUP BY k, 3
    UNION ALL SELECT k, 'reason', reason, count(DISTINCT client_id)
    FROM (SELECT k, client_id, unnest(reasons) AS reason FROM pairs) GROUP BY k, 3
)
SELECT p.outcome, p.contrast, c.group_by, c."group", c.clients
FROM clients c
JOIN (VALUES (0, 'swemwbs_metric', 'T1-T0'), (1, 'swemwbs_metric', 'T2-T0'), (2, 'esis', 'T1-T0'), (3, 'esis', 'T2-T0'))
    AS p(k, outcome, contrast) USING (k);
