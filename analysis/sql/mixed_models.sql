-- The mixed-model rows of results.md "Sensitivity to attrition", one per
-- outcome × group; replaced by every `linkki analyze`. means, contrasts and
-- warnings are JSON text.
CREATE OR REPLACE TABLE mixed_models (
    outcome         VARCHAR NOT NULL,
    group_by        VARCHAR NOT NULL, -- all | municipality
    "group"         VARCHAR NOT NULL,
    n_periods       BIGINT NOT NULL,  -- periods with at least one score in the model
    n_scores        BIGINT NOT NULL,
    sigma2_period   DOUBLE,           -- REML between-period variance
    sigma2_residual DOUBLE,
    icc             DOUBLE,
    converged       BOOLEAN NOT NULL,
    means           VARCHAR NOT NULL, -- JSON [{timepoint, estimate, se, df, ci_low, ci_high}]
    contrasts       VARCHAR NOT NULL, -- JSON [{contrast, estimate, se, df, t, p, ci_low, ci_high}]
    warnings        VARCHAR NOT NULL  -- JSON [{code, message}]
);
