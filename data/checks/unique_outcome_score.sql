-- severity: error
-- message: more than one score for a support period, outcome and time point in outcome_scores
-- A referral has a duplicate only when it has more rows than distinct
-- outcome × time point slots (one bit each, or an unknown one), which one
-- aggregate grouped by referral_id finds; only those referrals are grouped by
-- the full key. Grouping every row by the full key cost the most of all checks.
-- The first aggregate groups by the 64-bit hash of referral_id, cheaper than
-- the text: referrals whose hashes collide add up their rows and their slots,
-- so a referral with a duplicate still has more rows than slots, and the
-- second step, by the full key, drops any referral a collision made suspect.
WITH suspect AS (
    SELECT referral_hash
    FROM (
        SELECT
            hash(referral_id) AS referral_hash,
            CASE outcome WHEN 'swemwbs_metric' THEN 0 WHEN 'swemwbs_raw' THEN 3 WHEN 'esis' THEN 6 END
                + CASE timepoint WHEN 'T0' THEN 0 WHEN 'T1' THEN 1 WHEN 'T2' THEN 2 END AS slot
        FROM outcome_scores
    )
    GROUP BY referral_hash
    HAVING count(*) > 1
       AND (bool_or(slot IS NULL) OR count(*) > bit_count(bit_or(1 << coalesce(slot, 0))))
)
SELECT referral_id, outcome, timepoint, count(*) AS scores
FROM outcome_scores
SEMI JOIN suspect AS s ON s.referral_hash = hash(outcome_scores.referral_id)
GROUP BY referral_id, outcome, timepoint
HAVING count(*) > 1
ORDER BY referral_id, outcome, timepoint
