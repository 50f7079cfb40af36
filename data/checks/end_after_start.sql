-- severity: warning
-- message: a support period ends before it starts
SELECT referral_id, start_date, end_date
FROM support_periods
WHERE end_date < start_date
ORDER BY referral_id
