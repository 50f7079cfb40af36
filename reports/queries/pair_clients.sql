-- Distinct clients behind each analysis group's SWEMWBS metric and ESIS
-- pairs: small cells are counted in clients, while results.n counts pairs.
-- Groups as in spec/results.md ("missing" for a missing attribute), over
-- all support periods whatever the filter. One grouping-sets aggregate
-- makes the single-attribute groups in one pass; reasons need an unnest.
WITH pairs AS (
    SELECT 'swemwbs_metric' AS outcome, 'T1-T0' AS contrast, * FROM report_outcomes WHERE swemwbs_metric_change_t1_t0 IS NOT NULL
    UNION ALL SELECT 'swemwbs_metric', 'T2-T0', * FROM report_outcomes WHERE swemwbs_metric_change_t2_t0 IS NOT NULL
    UNION ALL SELECT 'esis', 'T1-T0', * FROM report_outcomes WHERE esis_change_t1_t0 IS NOT NULL
    UNION ALL SELECT 'esis', 'T2-T0', * FROM report_outcomes WHERE esis_change_t2_t0 IS NOT NULL
), attributes AS (
    SELECT outcome, contrast, client_id,
        coalesce(municipality, 'missing') AS municipality, coalesce(referrer_sector, 'missing') AS referrer_sector,
        coalesce(gender, 'missing') AS gender, coalesce(age_band, 'missing') AS age_band
    FROM pairs
)
SELECT outcome, contrast,
    CASE WHEN grouping(municipality) = 0 THEN 'municipality'
         WHEN grouping(referrer_sector) = 0 THEN 'referrer_sector'
         WHEN grouping(gender) = 0 THEN 'gender'
         WHEN grouping(age_band) = 0 THEN 'age_band'
         ELSE 'all' END AS group_by,
    coalesce(municipality, referrer_sector, gender, age_band, 'all') AS "group",
    count(DISTINCT client_id) AS clients
FROM attributes
GROUP BY GROUPING SETS ((outcome, contrast), (outcome, contrast, municipality), (outcome, contrast, referrer_sector),
    (outcome, contrast, gender), (outcome, contrast, age_band))
UNION ALL
SELECT outcome, contrast, 'reason', reason, count(DISTINCT client_id)
FROM (SELECT outcome, contrast, client_id, unnest(reasons) AS reason FROM pairs)
GROUP BY ALL;
