-- Warns about each month in stage_hours_over_cap (referral, first day of
-- the month, hours; see hours_over_cap.sql), once per referral and month.
-- $1 file_hash, $2 file_seq, $3 support_model.max_hours_per_month.
INSERT INTO ingest_warnings
SELECT
    $1, $2, NULL, o.referral_id, 'hours_over_cap',
    format('{:.1f} hours of meetings in {}, more than the cap of {} hours per calendar month',
        o.hours, strftime(o.month, '%Y-%m'), $3::DOUBLE),
    strftime(o.month, '%Y-%m')
FROM stage_hours_over_cap o
WHERE NOT EXISTS (
    SELECT 1 FROM ingest_warnings w
    WHERE w.code = 'hours_over_cap' AND w.referral_id = o.referral_id AND w.subject = strftime(o.month, '%Y-%m')
)
ORDER BY o.referral_id, o.month;
