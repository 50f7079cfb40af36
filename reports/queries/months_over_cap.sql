-- Per calendar month: support periods with meetings, and how many went over
-- the monthly hour cap (support_model.max_hours_per_month). A period has
-- one row per month, so clients = periods − periods of clients with several
-- periods + those clients counted distinct (report_clients). contacts_monthly
-- has several rows per period: a semi-join for the periods and a join with
-- the few repeat clients' periods only cost less than joining every row to
-- sp for its client.
WITH periods AS (
    SELECT month, count(*) AS periods, count(*) FILTER (WHERE over_cap) AS over_cap
    FROM contacts_monthly WHERE referral_id IN (SELECT referral_id FROM sp)
    GROUP BY month
), repeat AS (
    SELECT m.month, count(*) AS periods, count(DISTINCT s.client_id) AS clients,
        count(*) FILTER (WHERE m.over_cap) AS over_cap, count(DISTINCT s.client_id) FILTER (WHERE m.over_cap) AS over_cap_clients
    FROM contacts_monthly m JOIN (SELECT referral_id, client_id FROM sp WHERE NOT single) s USING (referral_id)
    GROUP BY m.month
)
SELECT strftime(p.month, '%Y-%m') AS key, p.periods,
    p.periods - coalesce(r.periods, 0) + coalesce(r.clients, 0) AS clients,
    p.over_cap, p.over_cap - coalesce(r.over_cap, 0) + coalesce(r.over_cap_clients, 0) AS over_cap_clients
FROM periods p LEFT JOIN repeat r USING (month)
ORDER BY 1;
