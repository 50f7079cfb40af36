-- severity: error
-- message: more than one questionnaire is selected for a referral, instrument and time point
-- As in unique_outcome_score: one aggregate grouped by referral_id finds the
-- referrals with more selected rows than instrument × time point slots; only
-- those are grouped by the full key.
WITH suspect AS (
    SELECT referral_id
    FROM (
        SELECT
            referral_id,
            CASE instrument WHEN 'swemwbs' THEN 0 WHEN 'esis' THEN 3 END
                + CASE timepoint WHEN 'T0' THEN 0 WHEN 'T1' THEN 1 WHEN 'T2' THEN 2 END AS slot
        FROM questionnaire_scores
        WHERE selected
    )
    GROUP BY referral_id
    HAVING count(*) > 1
       AND (bool_or(slot IS NULL) OR count(*) > bit_count(bit_or(1 << coalesce(slot, 0))))
)
SELECT referral_id, instrument, timepoint, count(*) AS selected
FROM questionnaire_scores
SEMI JOIN suspect AS s ON s.referral_id = questionnaire_scores.referral_id
WHERE selected
GROUP BY referral_id, instrument, timepoint
HAVING count(*) > 1
ORDER BY referral_id, instrument, timepoint
