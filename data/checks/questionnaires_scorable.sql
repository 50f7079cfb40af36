-- severity: warning
-- message: a questionnaire has too many missing items to be scored (see the scoring settings)
SELECT referral_id, instrument, timepoint, response_date, items_answered, file_hash, line
FROM questionnaire_scores
WHERE NOT scorable
ORDER BY referral_id, instrument, timepoint, file_seq, line
