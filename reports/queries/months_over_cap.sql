-- Per calendar month: support periods with meetings, and how many went over
-- the monthly hour cap (support_model.max_hours_per_month). A period has
-- one row per month, so the clients macro (report_clients) counts exactly.
SELECT strftime(m.month, '%Y-%m') AS key,
    count(*) AS periods, clients(sp.client_id, sp.single) AS clients,
    count(*) FILTER (WHERE m.over_cap) AS over_cap,
    clients(sp.client_id, sp.single, m.over_cap) AS over_cap_clients
FROM contacts_monthly m JOIN sp USING (referral_id)
GROUP BY 1 ORDER BY 1;
