-- severity: warning
-- message: a meeting falls outside its support period (before start_date or after end_date)
-- contacts already counts these meetings per period, so only the meetings of
-- periods with a count above zero are joined (none, usually: no meeting scan).
SELECT m.referral_id, m.meeting_date, p.start_date, p.end_date, m.file_hash, m.line
FROM meetings AS m
JOIN support_periods AS p ON p.referral_id = m.referral_id
SEMI JOIN contacts AS c ON c.referral_id = m.referral_id AND c.meetings_outside_period > 0
WHERE m.meeting_date < p.start_date OR m.meeting_date > p.end_date
ORDER BY m.file_seq, m.line
