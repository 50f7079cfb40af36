-- The columns of outcomes_wide the report reads, with the client as an
-- integer (report_clients) and whether the support period is in sp: the
-- change charts show the filtered periods, the analysis groups' client
-- counts (pair_clients) all of them. One narrow copy instead of three
-- scans of the 64-column table.
CREATE OR REPLACE TEMP TABLE report_outcomes AS
SELECT coalesce(w.referral_id IN (SELECT referral_id FROM sp), false) AS in_sp, c.client_id,
    w.municipality, w.referrer_sector, w.gender, w.age_band, w.reasons,
    w.swemwbs_metric_change_t1_t0, w.swemwbs_metric_improved_t1_t0, w.swemwbs_metric_deteriorated_t1_t0,
    w.swemwbs_metric_change_t2_t0, w.swemwbs_metric_improved_t2_t0, w.swemwbs_metric_deteriorated_t2_t0,
    w.esis_change_t1_t0, w.esis_improved_t1_t0, w.esis_deteriorated_t1_t0,
    w.esis_change_t2_t0, w.esis_improved_t2_t0, w.esis_deteriorated_t2_t0
FROM outcomes_wide w
LEFT JOIN report_clients c USING (client_pseudonym);
