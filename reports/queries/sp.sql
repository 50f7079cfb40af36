-- The support periods the report shows ($1: municipality, $2: year,
-- half-year or quarter, NULL for any; a period attributes a support period
-- by its referral date), with only the columns the queries read and the
-- client as an integer (report_clients). Materialised once, so no query
-- filters or reads the wide table again.
-- The lists are made distinct here, once, so that every unnest counts a
-- period once per category (list_distinct also drops NULL elements).
CREATE OR REPLACE TEMP TABLE sp AS
SELECT s.referral_id, c.client_id, s.municipality, s.referrer_sector, list_distinct(s.reasons) AS reasons,
    list_distinct(s.linked_services) AS linked_services, list_distinct(s.barriers) AS barriers,
    s.referral_date, s.status, s.started, s.completed, s.discontinued, s.ongoing, s.duration_days
FROM support_periods s
LEFT JOIN report_clients c USING (client_pseudonym)
WHERE ($1::VARCHAR IS NULL OR s.municipality = $1)
  AND ($2::VARCHAR IS NULL OR CAST(s.period_year AS VARCHAR) = $2
       OR s.period_half = $2 OR s.period_quarter = $2);
