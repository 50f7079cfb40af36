-- Bridge between support periods and their reason codes, one row per
-- referral × reason, for joins and counts without list functions.
CREATE OR REPLACE TABLE support_period_reasons AS
SELECT referral_id, unnest(reasons) AS reason
FROM support_periods
