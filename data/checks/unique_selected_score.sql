-- severity: error
-- message: more than one questionnaire is selected for a referral, instrument and time point
SELECT referral_id, instrument, timepoint, count(*) AS selected
FROM questionnaire_scores
WHERE selected
GROUP BY referral_id, instrument, timepoint
HAVING count(*) > 1
ORDER BY referral_id, instrument, timepoint
