-- The analysis rows the report shows: SWEMWBS metric and ESIS, T1−T0 and
-- T2−T0, every group.
SELECT outcome, contrast, group_by, "group", n, mean_pre, mean_post, mean_diff, diff_ci_low, diff_ci_high,
    p_t, p_wilcoxon, d_z, d_z_ci_low, d_z_ci_high, d_rm, d_rm_ci_low, d_rm_ci_high,
    g_av, g_av_ci_low, g_av_ci_high, r, coalesce(CAST(warnings AS VARCHAR), '[]') AS warnings
FROM results
WHERE outcome IN ('swemwbs_metric', 'esis') AND contrast IN ('T1-T0', 'T2-T0')
ORDER BY outcome DESC, contrast, group_by, "group";
