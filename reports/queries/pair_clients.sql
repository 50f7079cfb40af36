-- Distinct clients behind each analysis group's SWEMWBS metric and ESIS
-- pairs: small cells are counted in clients, while results.n counts pairs.
-- Groups as in spec/results.md ("missing" for a missing attribute).
WITH pairs AS (
    SELECT 'swemwbs_metric' AS outcome, 'T1-T0' AS contrast, * FROM outcomes_wide WHERE swemwbs_metric_change_t1_t0 IS NOT NULL
    UNION ALL BY NAME SELECT 'swemwbs_metric' AS outcome, 'T2-T0' AS contrast, * FROM outcomes_wide WHERE swemwbs_metric_change_t2_t0 IS NOT NULL
    UNION ALL BY NAME SELECT 'esis' AS outcome, 'T1-T0' AS contrast, * FROM outcomes_wide WHERE esis_change_t1_t0 IS NOT NULL
    UNION ALL BY NAME SELECT 'esis' AS outcome, 'T2-T0' AS contrast, * FROM outcomes_wide WHERE esis_change_t2_t0 IS NOT NULL
), grouped AS (
    SELECT outcome, contrast, 'all' AS group_by, 'all' AS "group", client_pseudonym FROM pairs
    UNION ALL SELECT outcome, contrast, 'municipality', coalesce(municipality, 'missing'), client_pseudonym FROM pairs
    UNION ALL SELECT outcome, contrast, 'referrer_sector', coalesce(referrer_sector, 'missing'), client_pseudonym FROM pairs
    UNION ALL SELECT outcome, contrast, 'gender', coalesce(gender, 'missing'), client_pseudonym FROM pairs
    UNION ALL SELECT outcome, contrast, 'age_band', coalesce(age_band, 'missing'), client_pseudonym FROM pairs
    UNION ALL SELECT outcome, contrast, 'reason', unnest(reasons), client_pseudonym FROM pairs
)
SELECT outcome, contrast, group_by, "group", count(DISTINCT client_pseudonym) AS clients
FROM grouped GROUP BY ALL;
