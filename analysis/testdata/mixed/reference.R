# Reference values for linkki's random-intercept mixed model (analysis/mixed*.go).
#
# Run from this directory:  Rscript reference.R   (writes reference.json)
# Made with R 4.2.2, lme4 1.1-31, lmerTest 3.1-3, numDeriv, jsonlite (Debian bookworm).
#
# Each dataset is written with its observations, so the Go tests fit exactly the
# same numbers without R. The model is the contract's
#   lmerTest::lmer(score ~ timepoint + (1 | period), REML = TRUE), T0 the reference level,
# and every mean and contrast is a Satterthwaite t-test from lmerTest::contest1D.
# The optimiser runs to a tight tolerance so that the reference is the exact REML
# optimum (the contract asks for the optimum, not a default stopping point); the
# script checks that lme4's default fit agrees within the contract's tolerances.
suppressPackageStartupMessages({
  library(lmerTest)
  library(jsonlite)
})

tp_levels <- c("T0", "T1", "T2")
contrasts_def <- list("T1-T0" = c("T1", "T0"), "T2-T0" = c("T2", "T0"), "T2-T1" = c("T2", "T1"))

# Scores at two decimals, re-read from their decimal text so that the value R fits
# is the double nearest to the decimal the JSON carries.
dec <- function(x, digits = 2) as.numeric(sprintf(paste0("%.", digits, "f"), x))

make_data <- function(n_periods, means, sd_period, sd_resid, p_present, digits = 2) {
  rows <- list()
  for (i in seq_len(n_periods)) {
    u <- rnorm(1, 0, sd_period)
    for (t in 1:3) {
      if (runif(1) < p_present[t]) {
        rows[[length(rows) + 1]] <- data.frame(period = sprintf("p%03d", i), timepoint = tp_levels[t],
                                               score = dec(means[t] + u + rnorm(1, 0, sd_resid), digits))
      }
    }
  }
  do.call(rbind, rows)
}

tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-15, xtol_rel = 1e-14,
                                    ftol_rel = 1e-15, maxeval = 1e5),
                     calc.derivs = FALSE)

# Enough data for the contract: at least 2 periods with two or more scores and
# scores at two or more time points.
enough_data <- function(d) {
  per_period <- table(d$period)
  sum(per_period >= 2) >= 2 && length(unique(d$timepoint)) >= 2
}

fit_reference <- function(d) {
  present <- tp_levels[tp_levels %in% d$timepoint]
  d$timepoint <- factor(d$timepoint, levels = present)
  d$period <- factor(d$period)
  m <- lmer(score ~ timepoint + (1 | period), data = d, REML = TRUE, control = tight)
  m_default <- lmer(score ~ timepoint + (1 | period), data = d, REML = TRUE)
  beta_names <- names(fixef(m))
  # L for the mean at time point tp in treatment coding with reference present[1].
  mean_L <- function(tp) {
    L <- setNames(numeric(length(beta_names)), beta_names)
    L["(Intercept)"] <- 1
    if (tp != present[1]) L[paste0("timepoint", tp)] <- 1
    L
  }
  one <- function(model, L) {
    r <- contest1D(model, L, confint = TRUE, level = 0.95)
    list(estimate = r$Estimate, se = r$`Std. Error`, df = r$df, t = r$`t value`,
         p = r$`Pr(>|t|)`, ci_low = r$lower, ci_high = r$upper)
  }
  means <- lapply(tp_levels, function(tp) {
    if (!(tp %in% present)) return(list(timepoint = tp, estimate = NA))
    r <- one(m, mean_L(tp))
    list(timepoint = tp, estimate = r$estimate, se = r$se, df = r$df, ci_low = r$ci_low, ci_high = r$ci_high)
  })
  contrasts <- lapply(names(contrasts_def), function(cn) {
    pair <- contrasts_def[[cn]]
    if (!all(pair %in% present)) return(list(contrast = cn, estimate = NA))
    L <- mean_L(pair[1]) - mean_L(pair[2])
    r <- one(m, L)
    c(list(contrast = cn), r)
  })
  vc <- as.data.frame(VarCorr(m))
  s2_period <- vc$vcov[vc$grp == "period"]
  s2_resid <- vc$vcov[vc$grp == "Residual"]

  # The default fit must agree with the tight one within the contract's tolerances,
  # or the contract's "exact optimum" rule would not be testable against lmer.
  rel <- function(a, b) abs(a - b) / max(abs(b), 1e-300)
  d_def <- contest1D(m_default, mean_L(present[2]) - mean_L(present[1]))
  d_tig <- contest1D(m, mean_L(present[2]) - mean_L(present[1]))
  message(sprintf("  default vs tight fit: theta %.3g vs %.3g, df rel. diff %.2g, se rel. diff %.2g",
                  getME(m_default, "theta"), getME(m, "theta"), rel(d_def$df, d_tig$df),
                  rel(d_def$`Std. Error`, d_tig$`Std. Error`)))
  list(converged = TRUE, singular = isSingular(m), theta = unname(getME(m, "theta")),
       reml_criterion = REMLcrit(m), sigma2_period = s2_period, sigma2_residual = s2_resid,
       icc = s2_period / (s2_period + s2_resid), means = means, contrasts = contrasts)
}

datasets <- list()
add <- function(name, d, note) {
  message(name, ": ", nrow(d), " scores, ", length(unique(d$period)), " periods")
  expected <- if (enough_data(d)) fit_reference(d) else list(converged = FALSE)
  datasets[[length(datasets) + 1]] <<- list(
    name = name, note = note,
    observations = list(period = d$period, timepoint = d$timepoint, score = d$score),
    expected = expected)
}

set.seed(20261124)
add("balanced", make_data(15, c(20, 22, 21.5), 3, 2, c(1, 1, 1)),
    "every period has a score at T0, T1 and T2")
add("unbalanced", make_data(40, c(21, 23.5, 22.8), 2.5, 2.2, c(0.9, 0.7, 0.5)),
    "scores missing at random at every time point, some periods with one score")

# A singular fit: no between-period variance and within-period scores that are
# less alike than chance, so the REML estimate of sigma2_period is 0.
repeat {
  d <- make_data(10, c(20, 21, 22), 0, 2, c(1, 1, 0.8))
  m <- lmer(score ~ factor(timepoint) + (1 | period), data = d, REML = TRUE, control = tight)
  if (isSingular(m) && getME(m, "theta") == 0) break
}
add("singular", d, "the between-period variance is estimated at its boundary 0")

add("too_little_data", data.frame(
  period = c("a", "a", "a", "b", "c", "d"),
  timepoint = c("T0", "T1", "T2", "T0", "T0", "T1"),
  score = c(20.73, 22.35, 21.54, 18.59, 19.25, 24.11)),
  "only one period has two or more scores")
add("one_timepoint", data.frame(
  period = c("a", "a", "b", "b", "c"),
  timepoint = c("T0", "T0", "T0", "T0", "T0"),
  score = c(20.73, 22.35, 21.54, 18.59, 19.25)),
  "scores at T0 only")

d <- make_data(25, c(50, 57.5, 55), 10, 8, c(1, 0, 0.7), digits = 1)
add("no_t1", d, "no scores at T1: T1 mean and the contrasts involving T1 are null")
d <- make_data(25, c(50, 57.5, 55), 10, 8, c(0, 0.9, 0.7), digits = 1)
add("no_t0", d, "no scores at T0 (the reference level in R): only T2-T1 is estimated")

# Two scores at the same time point for some periods: the model does not need one
# score per period and time point, and the sufficient statistics must pool them.
d <- make_data(20, c(20, 22, 21.5), 2, 2, c(1, 0.8, 0.6))
extra <- d[d$timepoint == "T1", ][1:5, ]
extra$score <- dec(extra$score + rnorm(5, 0, 1))
add("repeated", rbind(d, extra), "five periods with two scores at T1")

# ESIS-like scores (multiples of 2.5 on 0-100) with a high intra-class correlation.
esis <- function(x) pmin(100, pmax(0, round(x / 2.5) * 2.5))
d <- make_data(120, c(55, 62, 60), 15, 6, c(1, 0.6, 0.4))
d$score <- esis(d$score)
add("esis_high_icc", d, "ESIS scale, ICC around 0.85, heavy attrition")

# SWEMWBS metric scores with a small (but interior) between-period variance.
d <- make_data(200, c(21, 22.5, 22), 1.6, 3.5, c(1, 0.55, 0.35))
add("low_icc", d, "many periods, between-period variance small but not zero")

# A small interior between-period variance (theta between 0.01 and 0.1): the
# optimum is close to, but not on, the boundary.
repeat {
  d <- make_data(60, c(21, 22.5, 22), 0.4, 3, c(1, 0.8, 0.6))
  m <- lmer(score ~ factor(timepoint) + (1 | period), data = d, REML = TRUE, control = tight)
  th <- getME(m, "theta")
  if (th > 0.01 && th < 0.1) break
}
add("near_boundary", d, "theta between 0.01 and 0.1: interior optimum next to the boundary")

out <- list(
  generated_by = "analysis/testdata/mixed/reference.R",
  r_version = R.version.string,
  lme4 = as.character(packageVersion("lme4")),
  lmerTest = as.character(packageVersion("lmerTest")),
  datasets = datasets)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE), "reference.json")
