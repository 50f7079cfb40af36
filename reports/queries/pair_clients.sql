-- Distinct clients behind each analysis group's SWEMWBS metric and ESIS
-- pairs: small cells are counted in clients, while results.n counts pairs.
-- Groups as in spec/results.md ("missing" for a missing attribute), over
-- all support periods whatever the filter. One aggregate per grouping
-- attribute straight from report_outcomes, with a column per contrast:
-- DuckDB groups the model table's dictionary-compressed strings cheaply,
-- while a materialised copy of the pairs (flat strings) cost twice as much,
-- and so did one union of all groupings; GROUPING SETS with a DISTINCT
-- aggregate was three times slower.
WITH by_group AS (
    SELECT 'all' AS group_by, 'all' AS "group",
        clients(client_id, single, swemwbs_metric_change_t1_t0 IS NOT NULL) AS swemwbs_metric_t1,
        clients(client_id, single, swemwbs_metric_change_t2_t0 IS NOT NULL) AS swemwbs_metric_t2,
        clients(client_id, single, esis_change_t1_t0 IS NOT NULL) AS esis_t1,
        clients(client_id, single, esis_change_t2_t0 IS NOT NULL) AS esis_t2
    FROM report_outcomes
    UNION ALL
    SELECT 'municipality', coalesce(municipality, 'missing'),
        clients(client_id, single, swemwbs_metric_change_t1_t0 IS NOT NULL),
        clients(client_id, single, swemwbs_metric_change_t2_t0 IS NOT NULL),
        clients(client_id, single, esis_change_t1_t0 IS NOT NULL),
        clients(client_id, single, esis_change_t2_t0 IS NOT NULL)
    FROM report_outcomes GROUP BY 2
    UNION ALL
    SELECT 'referrer_sector', coalesce(referrer_sector, 'missing'),
        clients(client_id, single, swemwbs_metric_change_t1_t0 IS NOT NULL),
        clients(client_id, single, swemwbs_metric_change_t2_t0 IS NOT NULL),
        clients(client_id, single, esis_change_t1_t0 IS NOT NULL),
        clients(client_id, single, esis_change_t2_t0 IS NOT NULL)
    FROM report_outcomes GROUP BY 2
    UNION ALL
    SELECT 'gender', coalesce(gender, 'missing'),
        clients(client_id, single, swemwbs_metric_change_t1_t0 IS NOT NULL),
        clients(client_id, single, swemwbs_metric_change_t2_t0 IS NOT NULL),
        clients(client_id, single, esis_change_t1_t0 IS NOT NULL),
        clients(client_id, single, esis_change_t2_t0 IS NOT NULL)
    FROM report_outcomes GROUP BY 2
    UNION ALL
    SELECT 'age_band', coalesce(age_band, 'missing'),
        clients(client_id, single, swemwbs_metric_change_t1_t0 IS NOT NULL),
        clients(client_id, single, swemwbs_metric_change_t2_t0 IS NOT NULL),
        clients(client_id, single, esis_change_t1_t0 IS NOT NULL),
        clients(client_id, single, esis_change_t2_t0 IS NOT NULL)
    FROM report_outcomes GROUP BY 2
    UNION ALL
    SELECT 'reason', reason,
        clients(client_id, single, swemwbs_metric_change_t1_t0 IS NOT NULL),
        clients(client_id, single, swemwbs_metric_change_t2_t0 IS NOT NULL),
        clients(client_id, single, esis_change_t1_t0 IS NOT NULL),
        clients(client_id, single, esis_change_t2_t0 IS NOT NULL)
    FROM (SELECT unnest(reasons) AS reason, * EXCLUDE (reasons) FROM report_outcomes) GROUP BY 2
)
SELECT 'swemwbs_metric' AS outcome, 'T1-T0' AS contrast, group_by, "group", swemwbs_metric_t1 AS clients FROM by_group
UNION ALL SELECT 'swemwbs_metric', 'T2-T0', group_by, "group", swemwbs_metric_t2 FROM by_group
UNION ALL SELECT 'esis', 'T1-T0', group_by, "group", esis_t1 FROM by_group
UNION ALL SELECT 'esis', 'T2-T0', group_by, "group", esis_t2 FROM by_group;
