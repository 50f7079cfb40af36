-- Link-worker costs per municipality: pay, kilometre allowances, total and
-- the distinct clients they were spent on.
SELECT coalesce(k.municipality, 'missing') AS key, clients(sp.client_id, sp.single) AS clients,
    count(*) AS periods, sum(k.hours) AS hours, sum(k.pay_eur) AS pay_eur,
    sum(k.km_allowance_eur) AS km_allowance_eur, sum(k.total_eur) AS total_eur
FROM costs k JOIN sp USING (referral_id)
GROUP BY 1 ORDER BY total_eur DESC, key;
