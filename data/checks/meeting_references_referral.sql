-- severity: error
-- message: a meeting refers to a referral that is not in support_periods
SELECT m.referral_id, m.meeting_date, m.file_hash, m.line
FROM meetings AS m
ANTI JOIN support_periods AS p ON p.referral_id = m.referral_id
ORDER BY m.file_seq, m.line
