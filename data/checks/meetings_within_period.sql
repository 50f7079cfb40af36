-- severity: warning
-- message: a meeting falls outside its support period (before start_date or after end_date)
-- contacts already counts these meetings per period, so only the periods
-- with a count above zero are joined to their meetings (none, usually: no
-- meeting is probed and support_periods is not hashed whole).
WITH flagged AS (
    SELECT p.referral_id, p.start_date, p.end_date
    FROM support_periods AS p
    SEMI JOIN contacts AS c ON c.referral_id = p.referral_id AND c.meetings_outside_period > 0
)
SELECT m.referral_id, m.meeting_date, p.start_date, p.end_date, m.file_hash, m.line
FROM meetings AS m
JOIN flagged AS p ON p.referral_id = m.referral_id
WHERE m.meeting_date < p.start_date OR m.meeting_date > p.end_date
ORDER BY m.file_seq, m.line
