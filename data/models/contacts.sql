-- Meetings per support period, with zeros for periods without meetings.
-- A meeting is outside its period when it falls before start_date or after
-- end_date (bounds inclusive); a missing bound is not judged.
CREATE OR REPLACE TABLE contacts AS
WITH per_period AS (
    SELECT
        m.referral_id,
        count(*) AS meetings,
        sum(m.hours::DECIMAL(18, 6)) AS hours,
        coalesce(sum(m.km::DECIMAL(18, 6)), 0) AS km,
        min(m.meeting_date) AS first_meeting,
        max(m.meeting_date) AS last_meeting,
        count(*) FILTER (WHERE m.meeting_date < p.start_date OR m.meeting_date > p.end_date) AS meetings_outside_period
    FROM meetings AS m
    JOIN support_periods AS p ON p.referral_id = m.referral_id
    GROUP BY m.referral_id
),
months AS (
    SELECT
        referral_id,
        count(*) AS months_with_meetings,
        count(*) FILTER (WHERE over_cap) AS months_over_cap
    FROM contacts_monthly
    GROUP BY referral_id
)
SELECT
    p.referral_id,
    coalesce(c.meetings, 0) AS meetings,
    coalesce(c.hours, 0)::DOUBLE AS hours,
    coalesce(c.km, 0)::DOUBLE AS km,
    c.first_meeting,
    c.last_meeting,
    coalesce(mo.months_with_meetings, 0) AS months_with_meetings,
    coalesce(mo.months_over_cap, 0) AS months_over_cap,
    coalesce(c.meetings_outside_period, 0) AS meetings_outside_period
FROM support_periods AS p
LEFT JOIN per_period AS c ON c.referral_id = p.referral_id
LEFT JOIN months AS mo ON mo.referral_id = p.referral_id
