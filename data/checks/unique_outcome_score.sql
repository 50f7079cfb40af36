-- severity: error
-- message: more than one score for a support period, outcome and time point in outcome_scores
SELECT referral_id, outcome, timepoint, count(*) AS scores
FROM outcome_scores
GROUP BY referral_id, outcome, timepoint
HAVING count(*) > 1
ORDER BY referral_id, outcome, timepoint
