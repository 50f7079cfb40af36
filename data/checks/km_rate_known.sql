-- severity: warning
-- message: kilometres were driven in a year without a rate in costs.km_rate_eur; they are not priced
SELECT referral_id, municipality, period_year, km
FROM costs
WHERE missing_km_rate
ORDER BY referral_id
