-- Dropout comparison: T0 scores of those with and without a later score.
SELECT outcome, later_timepoint, n_with, mean_with, n_without, mean_without, diff, diff_ci_low, diff_ci_high, p
FROM attrition
WHERE outcome IN ('swemwbs_metric', 'esis')
ORDER BY outcome DESC, later_timepoint;
