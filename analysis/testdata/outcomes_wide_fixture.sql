-- A small outcomes_wide for the wiring tests: 61 started support periods with
-- every kind of group value (Finnish letters, NULL attributes, several
-- reasons, no reasons), missing scores, and one municipality whose only
-- period has no later score (rows with n = 0). Only the columns the analysis
-- reads; deterministic arithmetic instead of random numbers.
CREATE OR REPLACE TABLE outcomes_wide AS
WITH base AS (
    SELECT
        i,
        10 + (i * 7) % 20 AS raw0,
        least(35, greatest(7, 10 + (i * 7) % 20 + (i * 5) % 9 - 2)) AS raw1,
        least(35, greatest(7, 10 + (i * 7) % 20 + (i * 11) % 7 - 1)) AS raw2,
        2.5 * ((i * 3) % 41) AS esis0,
        least(100.0, 2.5 * ((i * 3) % 41 + (i * 13) % 9 - 2)) AS esis1
    FROM range(60) AS r(i)
),
conversion AS (
    SELECT CAST([7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88,
            17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03,
            26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00] AS DOUBLE[]) AS metric
)
SELECT
    'R' || lpad(CAST(i AS VARCHAR), 3, '0') AS referral_id,
    ['Enontekiö', 'Inari', 'Äänekoski', 'Utsjoki', NULL][i % 5 + 1] AS municipality,
    ['mental_health', 'social_services', NULL][i % 3 + 1] AS referrer_sector,
    CASE i % 4 WHEN 0 THEN ['loneliness'] WHEN 1 THEN ['loneliness', 'mood']
               WHEN 2 THEN CAST([] AS VARCHAR[]) ELSE NULL END AS reasons,
    CASE WHEN i = 59 THEN 'other' ELSE ['female', 'male', NULL][i % 3 + 1] END AS gender,
    ['<30', '30-49', '50-64', '65-74', '75+', NULL][i % 6 + 1] AS age_band,
    metric[raw0 - 6] AS swemwbs_metric_t0,
    CASE WHEN i % 4 <> 3 THEN metric[raw1 - 6] END AS swemwbs_metric_t1,
    CASE WHEN i % 3 = 0 THEN metric[raw2 - 6] END AS swemwbs_metric_t2,
    CAST(raw0 AS DOUBLE) AS swemwbs_raw_t0,
    CASE WHEN i % 4 <> 3 THEN CAST(raw1 AS DOUBLE) END AS swemwbs_raw_t1,
    CASE WHEN i % 3 = 0 THEN CAST(raw2 AS DOUBLE) END AS swemwbs_raw_t2,
    esis0 AS esis_t0,
    CASE WHEN i % 5 <> 0 THEN esis1 END AS esis_t1,
    CAST(NULL AS DOUBLE) AS esis_t2
FROM base, conversion
UNION ALL
SELECT 'R060', 'Kaskinen', 'parish', ['mood'], 'female', '75+', 24.11, NULL, NULL, 27, NULL, NULL, 50, NULL, NULL;
