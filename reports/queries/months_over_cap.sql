-- Per calendar month: support periods with meetings, and how many went over
-- the monthly hour cap (support_model.max_hours_per_month).
SELECT strftime(m.month, '%Y-%m') AS key,
    count(*) AS periods, count(DISTINCT sp.client_id) AS clients,
    count(*) FILTER (WHERE m.over_cap) AS over_cap,
    count(DISTINCT sp.client_id) FILTER (WHERE m.over_cap) AS over_cap_clients
FROM contacts_monthly m JOIN sp USING (referral_id)
GROUP BY 1 ORDER BY 1;
