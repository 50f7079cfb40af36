-- severity: warning
-- message: a meeting falls outside its support period (before start_date or after end_date)
SELECT m.referral_id, m.meeting_date, p.start_date, p.end_date, m.file_hash, m.line
FROM meetings AS m
JOIN support_periods AS p ON p.referral_id = m.referral_id
WHERE m.meeting_date < p.start_date OR m.meeting_date > p.end_date
ORDER BY m.file_seq, m.line
