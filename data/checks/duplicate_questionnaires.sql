-- severity: warning
-- message: several questionnaires for the same referral, instrument and time point; the earliest scorable one is used
SELECT referral_id, instrument, timepoint, response_date, file_hash, line
FROM questionnaire_scores
WHERE duplicate
ORDER BY referral_id, instrument, timepoint, response_date, file_seq, line
