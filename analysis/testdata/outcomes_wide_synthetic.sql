-- A synthetic outcomes_wide of getvariable('periods') started support
-- periods for benchmarks: 21 municipalities (one NULL share), 9 referrer
-- sectors, 1–3 of 10 reasons, genders and age bands with NULLs, SWEMWBS at
-- T0 for 90 %, T1 for 65 %, T2 for 35 %, ESIS somewhat less often.
-- Deterministic: values come from hash(i), not random().
CREATE OR REPLACE TABLE outcomes_wide AS
WITH base AS (
    SELECT i, CAST(hash(i) % 2147483647 AS BIGINT) AS h, CAST(hash(i + 7919) % 2147483647 AS BIGINT) AS h2
    FROM range(getvariable('periods')) AS r(i)
),
scored AS (
    SELECT *,
        7 + h % 29 AS raw0,
        least(35, greatest(7, 7 + h % 29 + (h2 % 11)::INTEGER - 3)) AS raw1,
        least(35, greatest(7, 7 + h % 29 + (h2 % 13)::INTEGER - 5)) AS raw2,
        (h2 % 41)::INTEGER AS esis0,
        least(40, greatest(0, (h2 % 41)::INTEGER + (h % 9)::INTEGER - 3)) AS esis1,
        least(40, greatest(0, (h2 % 41)::INTEGER + (h % 11)::INTEGER - 5)) AS esis2
    FROM base
),
conversion AS (
    SELECT CAST([7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88,
            17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03,
            26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00] AS DOUBLE[]) AS metric
)
SELECT
    'R' || lpad(CAST(i AS VARCHAR), 8, '0') AS referral_id,
    CASE WHEN h % 50 = 0 THEN NULL ELSE 'Kunta ' || lpad(CAST(h % 20 AS VARCHAR), 2, '0') END AS municipality,
    ['elderly_services', 'mental_health', 'rehabilitation', 'social_services', 'health_services',
     'third_sector', 'parish', 'leisure', 'other'][(h2 % 9)::INTEGER + 1] AS referrer_sector,
    CASE WHEN h2 % 20 = 0 THEN NULL
         ELSE list_distinct(['reason_' || (h % 10), 'reason_' || (h2 % 10), 'reason_' || ((h + h2) % 10)][1:(h % 3)::INTEGER + 1])
    END AS reasons,
    [NULL, 'female', 'female', 'male', 'other'][(h % 5)::INTEGER + 1] AS gender,
    [NULL, '<30', '30-49', '50-64', '65-74', '75+'][(h2 % 6)::INTEGER + 1] AS age_band,
    CASE WHEN h % 10 <> 0 THEN metric[raw0 - 6] END AS swemwbs_metric_t0,
    CASE WHEN h2 % 20 < 13 THEN metric[raw1 - 6] END AS swemwbs_metric_t1,
    CASE WHEN h2 % 20 < 7 THEN metric[raw2 - 6] END AS swemwbs_metric_t2,
    CASE WHEN h % 10 <> 0 THEN CAST(raw0 AS DOUBLE) END AS swemwbs_raw_t0,
    CASE WHEN h2 % 20 < 13 THEN CAST(raw1 AS DOUBLE) END AS swemwbs_raw_t1,
    CASE WHEN h2 % 20 < 7 THEN CAST(raw2 AS DOUBLE) END AS swemwbs_raw_t2,
    CASE WHEN h % 7 <> 0 THEN 2.5 * esis0 END AS esis_t0,
    CASE WHEN h2 % 20 < 11 THEN 2.5 * esis1 END AS esis_t1,
    CASE WHEN h2 % 20 < 6 THEN 2.5 * esis2 END AS esis_t2
FROM scored, conversion;
