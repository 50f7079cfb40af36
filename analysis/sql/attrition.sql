-- The dropout comparisons of results.md "Sensitivity to attrition": T0
-- scores of started periods with a later score against those without;
-- replaced by every `linkki analyze`.
CREATE OR REPLACE TABLE attrition (
    outcome         VARCHAR NOT NULL,
    later_timepoint VARCHAR NOT NULL, -- T1 | T2
    n_with          BIGINT NOT NULL,
    mean_with       DOUBLE,
    sd_with         DOUBLE,
    n_without       BIGINT NOT NULL,
    mean_without    DOUBLE,
    sd_without      DOUBLE,
    diff            DOUBLE,           -- mean_with − mean_without
    diff_ci_low     DOUBLE,           -- Welch interval
    diff_ci_high    DOUBLE,
    t               DOUBLE,
    df              DOUBLE,
    p               DOUBLE,
    g               DOUBLE,           -- Hedges' g, pooled SD, exact J
    warnings        VARCHAR NOT NULL  -- JSON [{code, message}]
);
