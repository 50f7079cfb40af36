-- severity: error
-- message: more than one questionnaire is selected for a referral, instrument and time point
-- As in unique_outcome_score: one aggregate grouped by referral_id finds the
-- referrals with more selected rows than instrument × time point slots; only
-- those are grouped by the full key. It groups by referral_id's hash, as
-- unique_outcome_score does (a collision only makes more referrals suspect).
WITH suspect AS (
    SELECT referral_hash
    FROM (
        SELECT
            hash(referral_id) AS referral_hash,
            CASE instrument WHEN 'swemwbs' THEN 0 WHEN 'esis' THEN 3 END
                + CASE timepoint WHEN 'T0' THEN 0 WHEN 'T1' THEN 1 WHEN 'T2' THEN 2 END AS slot
        FROM questionnaire_scores
        WHERE selected
    )
    GROUP BY referral_hash
    HAVING count(*) > 1
       AND (bool_or(slot IS NULL) OR count(*) > bit_count(bit_or(1 << coalesce(slot, 0))))
)
SELECT referral_id, instrument, timepoint, count(*) AS selected
FROM questionnaire_scores
SEMI JOIN suspect AS s ON s.referral_hash = hash(questionnaire_scores.referral_id)
WHERE selected
GROUP BY referral_id, instrument, timepoint
HAVING count(*) > 1
ORDER BY referral_id, instrument, timepoint
