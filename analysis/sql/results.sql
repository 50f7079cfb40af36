-- The rows of the results contract (../shared/spec/results.md), one per
-- outcome × contrast × group_by × group; replaced by every `linkki analyze`.
-- Undefined statistics are NULL; warnings is a JSON list of {code, message}.
CREATE OR REPLACE TABLE results (
    outcome               VARCHAR NOT NULL, -- swemwbs_metric | swemwbs_raw | esis
    contrast              VARCHAR NOT NULL, -- T1-T0 | T2-T0 | T2-T1 (change = later − earlier)
    group_by              VARCHAR NOT NULL, -- all | municipality | referrer_sector | reason | gender | age_band
    "group"               VARCHAR NOT NULL, -- the group's value; 'all' or 'missing' where NULL
    n                     BIGINT NOT NULL,  -- pairs
    mean_pre              DOUBLE,
    sd_pre                DOUBLE,           -- sample SD (n − 1)
    mean_post             DOUBLE,
    sd_post               DOUBLE,
    mean_diff             DOUBLE,           -- mean of post − pre
    sd_diff               DOUBLE,
    diff_ci_low           DOUBLE,           -- t interval of mean_diff
    diff_ci_high          DOUBLE,
    t                     DOUBLE,           -- paired t-test, as R t.test(post, pre, paired = TRUE)
    df                    DOUBLE,
    p_t                   DOUBLE,
    wilcoxon_v            DOUBLE,           -- as R wilcox.test(round(post − pre, 6))
    p_wilcoxon            DOUBLE,
    d_z                   DOUBLE,           -- mean_diff / sd_diff
    d_z_ci_low            DOUBLE,           -- exact noncentral-t interval
    d_z_ci_high           DOUBLE,
    d_rm                  DOUBLE,           -- Hedges-adjusted repeated-measures d
    d_rm_ci_low           DOUBLE,
    d_rm_ci_high          DOUBLE,
    g_av                  DOUBLE,           -- Hedges-adjusted d with the average SD
    g_av_ci_low           DOUBLE,
    g_av_ci_high          DOUBLE,
    r                     DOUBLE,           -- Pearson correlation of pre and post
    improved              DOUBLE,           -- share with change ≥ +threshold
    unchanged             DOUBLE,
    deteriorated          DOUBLE,           -- share with change ≤ −threshold
    reliably_improved     DOUBLE,           -- Jacobson–Truax z > 1.96
    reliably_deteriorated DOUBLE,           -- Jacobson–Truax z < −1.96
    p_holm                DOUBLE,           -- Holm within outcome × contrast × group_by
    warnings              VARCHAR NOT NULL  -- JSON list of {code, message}
);
