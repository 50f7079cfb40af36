-- The support periods the report shows (report_filter; a period attributes
-- a support period by its referral date), with the client as client_id and
-- single (report_clients). A view, not a table: each query reads only its
-- own columns of the compressed model table, which costs less than writing
-- a million-row copy (low-cardinality strings and lists are slow to write).
-- The lists are distinct by the input contract (a category named twice
-- counts once), so every unnest counts a period once per category.
CREATE OR REPLACE TEMP VIEW sp AS
SELECT s.referral_id, s.client_key AS client_id,
    s.client_key IS NOT NULL AND r.client_key IS NULL AS single,
    s.municipality, s.referrer_sector, s.reasons, s.linked_services, s.barriers,
    s.referral_date, s.status, s.started, s.completed, s.discontinued, s.ongoing, s.duration_days
FROM support_periods s
LEFT JOIN report_repeat_clients r ON r.client_key = s.client_key
WHERE (getvariable('report_filter').municipality IS NULL
       OR s.municipality = getvariable('report_filter').municipality)
  AND (getvariable('report_filter').period IS NULL
       OR CAST(s.period_year AS VARCHAR) = getvariable('report_filter').period
       OR s.period_half = getvariable('report_filter').period
       OR s.period_quarter = getvariable('report_filter').period);
