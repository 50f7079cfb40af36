-- The nine outcome × contrast combinations with the conventions applied to
-- them (results.md): the earlier and later time point, the change threshold
-- for improved / deteriorated and the reliability for Jacobson–Truax.
CREATE OR REPLACE TABLE outcome_contrasts AS
WITH outcomes AS (
    SELECT 'swemwbs_metric' AS outcome, swemwbs_threshold AS threshold, swemwbs_reliability AS reliability
    FROM build_settings
    UNION ALL
    SELECT 'swemwbs_raw', swemwbs_threshold, swemwbs_reliability FROM build_settings
    UNION ALL
    SELECT 'esis', esis_threshold, esis_reliability FROM build_settings
),
contrasts AS (
    SELECT * FROM (VALUES
        ('T1-T0', 't1_t0', 'T0', 'T1'),
        ('T2-T0', 't2_t0', 'T0', 'T2'),
        ('T2-T1', 't2_t1', 'T1', 'T2')
    ) AS c(contrast, column_suffix, pre_timepoint, post_timepoint)
)
SELECT
    o.outcome,
    c.contrast,
    c.column_suffix,
    c.pre_timepoint,
    c.post_timepoint,
    o.threshold,
    o.reliability
FROM outcomes AS o
CROSS JOIN contrasts AS c
