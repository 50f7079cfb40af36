-- Flags each referral × calendar month that this file's new meetings push
-- over the support model's cap ($3 hours), once per month.
-- $1 file_hash, $2 file_seq, $3 support_model.max_hours_per_month.
INSERT INTO ingest_warnings
WITH touched AS (
    SELECT DISTINCT s.referral_id, date_trunc('month', s.meeting_date) AS month
    FROM stage_meetings s JOIN changes c USING (file_hash, line)
    WHERE c.change = 'inserted'
),
monthly AS (
    SELECT m.referral_id, t.month, sum(m.hours) AS hours
    FROM meetings m
    JOIN touched t ON m.referral_id = t.referral_id AND date_trunc('month', m.meeting_date) = t.month
    GROUP BY ALL
)
SELECT
    $1, $2, NULL, referral_id, 'hours_over_cap',
    format('{:.1f} hours of meetings in {}, more than the cap of {} hours per calendar month',
        hours, strftime(month, '%Y-%m'), $3::DOUBLE),
    strftime(month, '%Y-%m')
FROM monthly
WHERE hours > $3::DOUBLE
    AND NOT EXISTS (
        SELECT 1 FROM ingest_warnings w
        WHERE w.code = 'hours_over_cap' AND w.referral_id = monthly.referral_id
            AND w.subject = strftime(monthly.month, '%Y-%m')
    );
