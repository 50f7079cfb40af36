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
CREATE OR REPLACE VIEW outcome_changes AS
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
    SELECT outcome, contrast, stddev_samp(pre) AS sd_pre
    FROM pairs
    GROUP BY outcome, contrast
)
SELECT
    p.referral_id,
    p.outcome,
    p.contrast,
    p.pre,
    p.post,
    p.change,
    s.sd_pre,
    CASE WHEN s.sd_pre > 0 THEN p.change / (sqrt(2) * s.sd_pre * sqrt(1 - p.reliability)) END AS reliable_change_z,
    round(p.change, 6) >= p.threshold AS improved,
    round(p.change, 6) <= -p.threshold AS deteriorated,
    reliable_change_z > 1.96 AS reliably_improved,
    reliable_change_z < -1.96 AS reliably_deteriorated
FROM pairs AS p
JOIN spread AS s ON s.outcome = p.outcome AND s.contrast = p.contrast
