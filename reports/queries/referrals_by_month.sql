-- Referrals per calendar month of the referral date.
SELECT strftime(date_trunc('month', referral_date), '%Y-%m') AS key,
    count(*) AS periods, clients(client_id, single) AS clients
FROM sp GROUP BY 1 ORDER BY 1;
