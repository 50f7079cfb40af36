-- The columns of outcomes_wide the report reads, with the client as in sp
-- and in_sp: whether the support period passes report_filter (outcomes_wide
-- carries support_periods' municipality and periods, so the filter applies
-- to it as it is). The change charts and the score means show the filtered
-- periods, the analysis groups' client counts (pair_clients) all of them.
-- A view, as sp.
CREATE OR REPLACE TEMP VIEW report_outcomes AS
SELECT coalesce((getvariable('report_filter').municipality IS NULL
                 OR w.municipality = getvariable('report_filter').municipality)
                AND (getvariable('report_filter').period IS NULL
                     OR CAST(w.period_year AS VARCHAR) = getvariable('report_filter').period
                     OR w.period_half = getvariable('report_filter').period
                     OR w.period_quarter = getvariable('report_filter').period), false) AS in_sp,
    w.client_key AS client_id, w.client_key IS NOT NULL AND r.client_key IS NULL AS single,
    w.municipality, w.referrer_sector, w.gender, w.age_band, w.reasons,
    w.swemwbs_metric_t0, w.swemwbs_metric_t1, w.swemwbs_metric_t2, w.esis_t0, w.esis_t1, w.esis_t2,
    w.swemwbs_metric_change_t1_t0, w.swemwbs_metric_improved_t1_t0, w.swemwbs_metric_deteriorated_t1_t0,
    w.swemwbs_metric_change_t2_t0, w.swemwbs_metric_improved_t2_t0, w.swemwbs_metric_deteriorated_t2_t0,
    w.esis_change_t1_t0, w.esis_improved_t1_t0, w.esis_deteriorated_t1_t0,
    w.esis_change_t2_t0, w.esis_improved_t2_t0, w.esis_deteriorated_t2_t0
FROM outcomes_wide w
LEFT JOIN report_repeat_clients r ON r.client_key = w.client_key;
