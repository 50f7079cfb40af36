-- Meetings per support period, with zeros for periods without meetings.
-- A meeting is outside its period when it falls before start_date or after
-- end_date (bounds inclusive); a missing bound is not judged.
--
-- Counts, hours and km add up the months of contacts_monthly (exact
-- DECIMAL(18,6) sums stored as DOUBLE, which convert back to the same
-- decimal), so the meetings are read once more only for the first and last
-- date. Only a period whose first or last meeting lies outside it can have
-- meetings outside it; just those periods' meetings are joined to count them
-- (joining every meeting to its period cost more than the rest of the model).
CREATE OR REPLACE TABLE contacts AS
WITH span AS MATERIALIZED (
    SELECT
        referral_id,
        min(meeting_date) AS first_meeting,
        max(meeting_date) AS last_meeting
    FROM meetings
    GROUP BY referral_id
),
months AS (
    SELECT
        referral_id,
        sum(meetings)::BIGINT AS meetings,
        sum(hours::DECIMAL(18, 6)) AS hours,
        sum(km::DECIMAL(18, 6)) AS km,
        count(*) AS months_with_meetings,
        count(*) FILTER (WHERE over_cap) AS months_over_cap
    FROM contacts_monthly
    GROUP BY referral_id
),
straddling AS (
    SELECT p.referral_id, p.start_date, p.end_date
    FROM support_periods AS p
    JOIN span AS c ON c.referral_id = p.referral_id
    WHERE c.first_meeting < p.start_date OR c.last_meeting > p.end_date
),
outside AS (
    SELECT m.referral_id, count(*) AS meetings_outside_period
    FROM meetings AS m
    JOIN straddling AS p ON p.referral_id = m.referral_id
    WHERE m.meeting_date < p.start_date OR m.meeting_date > p.end_date
    GROUP BY m.referral_id
)
SELECT
    p.referral_id,
    coalesce(mo.meetings, 0) AS meetings,
    coalesce(mo.hours, 0)::DOUBLE AS hours,
    coalesce(mo.km, 0)::DOUBLE AS km,
    c.first_meeting,
    c.last_meeting,
    coalesce(mo.months_with_meetings, 0) AS months_with_meetings,
    coalesce(mo.months_over_cap, 0) AS months_over_cap,
    coalesce(o.meetings_outside_period, 0) AS meetings_outside_period
FROM support_periods AS p
LEFT JOIN span AS c ON c.referral_id = p.referral_id
LEFT JOIN months AS mo ON mo.referral_id = p.referral_id
LEFT JOIN outside AS o ON o.referral_id = p.referral_id
