-- severity: warning
-- message: the municipality is not on the shipped list of Finnish municipalities and is kept as given
SELECT referral_id, municipality
FROM support_periods
WHERE NOT municipality_known
ORDER BY referral_id
