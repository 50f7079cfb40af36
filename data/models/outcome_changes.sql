-- One row per started support period × outcome × contrast with scores at both
-- time points: change = post − pre (later − earlier, so positive is better).
--
-- improved / deteriorated: round(change, 6) ≥ +threshold / ≤ −threshold, so
-- metric differences such as 19.25 − 16.25 count as the 3 they are in decimal.
-- Jacobson–Truax (1991): z = change / (√2 · sd_pre · √(1 − reliability)),
-- sd_pre = the sample SD of the earlier time point over all pairs of this
-- outcome and contrast (results.md: group all); reliably improved when
-- z > 1.96, reliably deteriorated when z < −1.96 (strict). z and both flags
-- are NULL when sd_pre is 0 or undefined (fewer than 2 pairs).
CREATE OR REPLACE TABLE outcome_changes AS
WITH pairs AS (
    SELECT
        pre.referral_id,
        c.outcome,
        c.contrast,
        pre.score AS pre,
        post.score AS post,
        post.score - pre.score AS change,
        c.threshold,
        c.reliability
    FROM outcome_contrasts AS c
    JOIN outcome_scores AS pre
        ON pre.outcome = c.outcome AND pre.timepoint = c.pre_timepoint
    JOIN outcome_scores AS post
        ON post.referral_id = pre.referral_id AND post.outcome = c.outcome AND post.timepoint = c.post_timepoint
),
spread AS (
    SELECT *, stddev_samp(pre) OVER (PARTITION BY outcome, contrast) AS sd_pre
    FROM pairs
)
SELECT
    referral_id,
    outcome,
    contrast,
    pre,
    post,
    change,
    sd_pre,
    CASE WHEN sd_pre > 0 THEN change / (sqrt(2) * sd_pre * sqrt(1 - reliability)) END AS reliable_change_z,
    round(change, 6) >= threshold AS improved,
    round(change, 6) <= -threshold AS deteriorated,
    reliable_change_z > 1.96 AS reliably_improved,
    reliable_change_z < -1.96 AS reliably_deteriorated
FROM spread
