-- Meetings per referral and calendar month, judged against the support
-- model's monthly cap. Hours and km are summed as DECIMAL(18,6) so a total
-- does not depend on summation order (3.3 + 3.3 + 3.4 is exactly 10, not over
-- a 10-hour cap).
CREATE OR REPLACE TABLE contacts_monthly AS
WITH monthly AS (
    SELECT
        m.referral_id,
        date_trunc('month', m.meeting_date)::DATE AS month,
        count(*) AS meetings,
        sum(m.hours::DECIMAL(18, 6)) AS hours,
        coalesce(sum(m.km::DECIMAL(18, 6)), 0) AS km
    FROM meetings AS m
    SEMI JOIN support_periods AS p ON p.referral_id = m.referral_id
    GROUP BY m.referral_id, month
)
SELECT
    monthly.referral_id,
    monthly.month,
    monthly.meetings,
    monthly.hours::DOUBLE AS hours,
    monthly.km::DOUBLE AS km,
    monthly.hours > s.max_hours_per_month AS over_cap
FROM monthly
CROSS JOIN build_settings AS s
