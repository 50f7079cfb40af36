-- severity: error
-- message: a questionnaire refers to a referral that is not in support_periods
SELECT q.referral_id, q.instrument, q.timepoint, q.file_hash, q.line
FROM questionnaire_scores AS q
ANTI JOIN support_periods AS p ON p.referral_id = q.referral_id
ORDER BY q.file_seq, q.line
