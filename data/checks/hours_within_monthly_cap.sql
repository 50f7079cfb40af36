-- severity: warning
-- message: a support period has more meeting hours in a calendar month than support_model.max_hours_per_month
SELECT referral_id, month, meetings, hours
FROM contacts_monthly
WHERE over_cap
ORDER BY referral_id, month
