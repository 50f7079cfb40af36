-- The columns of the model table outcomes_wide (one row per started support
-- period) that the analysis needs, read once through Arrow. Scores are cast
-- so that a DECIMAL score column reads as the contract's DOUBLE.
SELECT
    referral_id,
    municipality,
    referrer_sector,
    reasons,
    gender,
    age_band,
    CAST(swemwbs_metric_t0 AS DOUBLE) AS swemwbs_metric_t0,
    CAST(swemwbs_metric_t1 AS DOUBLE) AS swemwbs_metric_t1,
    CAST(swemwbs_metric_t2 AS DOUBLE) AS swemwbs_metric_t2,
    CAST(swemwbs_raw_t0 AS DOUBLE) AS swemwbs_raw_t0,
    CAST(swemwbs_raw_t1 AS DOUBLE) AS swemwbs_raw_t1,
    CAST(swemwbs_raw_t2 AS DOUBLE) AS swemwbs_raw_t2,
    CAST(esis_t0 AS DOUBLE) AS esis_t0,
    CAST(esis_t1 AS DOUBLE) AS esis_t1,
    CAST(esis_t2 AS DOUBLE) AS esis_t2
FROM outcomes_wide
-- outcomes_wide has no row order of its own (the build does not sort a
-- million wide rows); sorting here makes every sum the analysis takes add
-- up in the same order, so a rebuild gives the same results to the last
-- digit (0.5 s at a million periods).
ORDER BY referral_id
