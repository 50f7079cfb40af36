-- Link-worker hours per started support period in bins of $1 hours, with
-- distinct clients per bin.
SELECT CAST(floor(c.hours / $1) AS INTEGER) AS bin,
    count(*) AS periods, clients(sp.client_id, sp.single) AS clients
FROM contacts c JOIN sp USING (referral_id)
WHERE sp.started
GROUP BY 1 ORDER BY 1;
