-- severity: warning
-- message: a support period lasted longer than support_model.max_support_days
SELECT referral_id, start_date, end_date, duration_days
FROM support_periods
WHERE over_six_months
ORDER BY referral_id
