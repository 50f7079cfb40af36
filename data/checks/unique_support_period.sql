-- severity: error
-- message: a referral has more than one row in support_periods
SELECT referral_id, count(*) AS row_count
FROM support_periods
GROUP BY referral_id
HAVING count(*) > 1
ORDER BY referral_id
