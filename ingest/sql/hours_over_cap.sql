-- Flags each referral × calendar month that this file's new meetings push
-- over the support model's cap ($3 hours), once per month.
-- $1 file_hash, $2 file_seq, $3 support_model.max_hours_per_month.
INSERT INTO ingest_warnings
WITH touched AS (
    -- the file's own new meetings (its unchanged ones are already taken out)
    SELECT DISTINCT referral_id, date_trunc('month', meeting_date) AS month
    FROM meetings WHERE file_hash = $1
    UNION
    -- released held meetings, staged
    SELECT DISTINCT s.referral_id, date_trunc('month', s.meeting_date)
    FROM stage_meetings s
    WHERE NOT EXISTS (SELECT 1 FROM unchanged u WHERE u.file_hash = s.file_hash AND u.line = s.line)
),
monthly AS (
    SELECT referral_id, date_trunc('month', meeting_date) AS month, sum(hours) AS hours
    FROM meetings
    WHERE referral_id IN (SELECT referral_id FROM touched)
    GROUP BY ALL
    HAVING sum(hours) > $3::DOUBLE
)
SELECT
    $1, $2, NULL, referral_id, 'hours_over_cap',
    format('{:.1f} hours of meetings in {}, more than the cap of {} hours per calendar month',
        hours, strftime(month, '%Y-%m'), $3::DOUBLE),
    strftime(month, '%Y-%m')
FROM monthly
WHERE EXISTS (SELECT 1 FROM touched t WHERE t.referral_id = monthly.referral_id AND t.month = monthly.month)
    AND NOT EXISTS (
        SELECT 1 FROM ingest_warnings w
        WHERE w.code = 'hours_over_cap' AND w.referral_id = monthly.referral_id
            AND w.subject = strftime(monthly.month, '%Y-%m')
    );
