-- Finds each referral × calendar month whose meeting hours exceed the
-- support model's cap ($2 hours) and that this file touched: its own new
-- meetings (file_seq $1; its unchanged ones are already taken out) or the
-- held meetings it released (staged and not unchanged). One aggregation over
-- all meetings: at a million referrals it costs a fifth of finding the
-- touched months first. A first meetings file has its months summed while
-- it is read instead (see monthHours in store.go); hours_over_cap_warn.sql
-- turns either into warnings. $1 file_seq, $2 support_model.max_hours_per_month.
INSERT INTO stage_hours_over_cap
WITH released AS (
    SELECT s.file_hash, s.line
    FROM stage_meetings s
    WHERE NOT EXISTS (SELECT 1 FROM unchanged u WHERE u.file_hash = s.file_hash AND u.line = s.line)
)
SELECT m.referral_id, date_trunc('month', m.meeting_date)::DATE AS month, sum(m.hours) AS hours
FROM meetings m
LEFT JOIN released r ON r.file_hash = m.file_hash AND r.line = m.line
GROUP BY m.referral_id, date_trunc('month', m.meeting_date)
HAVING sum(m.hours) > $2::DOUBLE AND bool_or(m.file_seq = $1 OR r.line IS NOT NULL);
