-- Flags each referral × calendar month whose meeting hours exceed the
-- support model's cap ($3 hours) and that this file touched: its own new
-- meetings (file_seq $2; its unchanged ones are already taken out) or the
-- held meetings it released (staged and not unchanged). Raised once per
-- referral and month. One aggregation over all meetings: at a million
-- referrals it costs a fifth of finding the touched months first.
-- $1 file_hash, $2 file_seq, $3 support_model.max_hours_per_month.
INSERT INTO ingest_warnings
WITH released AS (
    SELECT s.file_hash, s.line
    FROM stage_meetings s
    WHERE NOT EXISTS (SELECT 1 FROM unchanged u WHERE u.file_hash = s.file_hash AND u.line = s.line)
),
monthly AS (
    SELECT m.referral_id, printf('%04d-%02d', year(m.meeting_date), month(m.meeting_date)) AS month,
        sum(m.hours) AS hours
    FROM meetings m
    LEFT JOIN released r ON r.file_hash = m.file_hash AND r.line = m.line
    GROUP BY m.referral_id, year(m.meeting_date), month(m.meeting_date)
    HAVING sum(m.hours) > $3::DOUBLE AND bool_or(m.file_seq = $2 OR r.line IS NOT NULL)
)
SELECT
    $1, $2, NULL, referral_id, 'hours_over_cap',
    format('{:.1f} hours of meetings in {}, more than the cap of {} hours per calendar month',
        hours, month, $3::DOUBLE),
    month
FROM monthly
WHERE NOT EXISTS (
    SELECT 1 FROM ingest_warnings w
    WHERE w.code = 'hours_over_cap' AND w.referral_id = monthly.referral_id AND w.subject = monthly.month
);
