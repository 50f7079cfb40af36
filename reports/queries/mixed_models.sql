-- Mixed-model (all available scores) estimates beside the complete pairs.
SELECT outcome, group_by, "group", n_periods, n_scores, converged,
    CAST(contrasts AS VARCHAR) AS contrasts
FROM mixed_models
WHERE outcome IN ('swemwbs_metric', 'esis')
ORDER BY outcome DESC, group_by, "group";
