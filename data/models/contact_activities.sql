-- Meetings and hours per support period and activity; a meeting without an
-- activity counts under 'missing'.
CREATE OR REPLACE VIEW contact_activities AS
SELECT
    m.referral_id,
    coalesce(m.activity, 'missing') AS activity,
    count(*) AS meetings,
    sum(m.hours::DECIMAL(18, 6))::DOUBLE AS hours
FROM meetings AS m
SEMI JOIN support_periods AS p ON p.referral_id = m.referral_id
GROUP BY m.referral_id, activity
