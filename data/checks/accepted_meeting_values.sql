-- severity: error
-- message: a meeting has an unknown activity, hours outside (0, 10] or negative km
SELECT referral_id, meeting_date, hours, km, activity, file_hash, line
FROM meetings
WHERE hours <= 0 OR hours > 10 OR km < 0
   OR activity NOT IN ('conversation', 'outdoors', 'hobby', 'errand', 'group', 'other')
ORDER BY file_seq, line
