# Reference values for linkki's dropout comparison (analysis/attrition.go).
#
# Run from this directory:  Rscript reference.R   (writes reference.json)
# Made with R 4.2.2 and jsonlite (Debian bookworm).
#
# Welch's test is R's t.test(with, without) (var.equal = FALSE, the default);
# Hedges' g uses the pooled SD and the exact correction
# J(df) = gamma(df/2) / (sqrt(df/2) * gamma((df - 1)/2)), df = n_with + n_without - 2.
# "long" datasets give scores per support period and time point; the arms are
# the T0 scores of periods with / without a score at T1 (and T2).
suppressPackageStartupMessages(library(jsonlite))

dec <- function(x, digits = 2) as.numeric(sprintf(paste0("%.", digits, "f"), x))
J <- function(df) exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))

compare <- function(with, without) {
  res <- list(n_with = length(with), n_without = length(without),
              mean_with = if (length(with)) mean(with) else NA,
              mean_without = if (length(without)) mean(without) else NA)
  if (length(with) < 2 || length(without) < 2) return(res)
  res$sd_with <- sd(with)
  res$sd_without <- sd(without)
  res$diff <- mean(with) - mean(without)
  tt <- tryCatch(t.test(with, without), error = function(e) NULL)
  if (!is.null(tt)) {
    res$t <- unname(tt$statistic)
    res$df <- unname(tt$parameter)
    res$p <- tt$p.value
    res$diff_ci_low <- tt$conf.int[1]
    res$diff_ci_high <- tt$conf.int[2]
  }
  df <- length(with) + length(without) - 2
  sp <- sqrt(((length(with) - 1) * var(with) + (length(without) - 1) * var(without)) / df)
  if (sp > 0) res$g <- res$diff / sp * J(df)
  res
}

set.seed(424242)
cases <- list(
  list(name = "typical", with = dec(rnorm(60, 21, 3.5)), without = dec(rnorm(35, 19.5, 4))),
  list(name = "unequal_variance", with = dec(rnorm(12, 55, 5), 1), without = dec(rnorm(80, 48, 18), 1)),
  list(name = "small_arms", with = c(20.73, 18.59), without = c(22.35, 25.03, 19.98)),
  list(name = "one_without", with = c(20.73, 18.59, 23.21), without = c(22.35)),
  list(name = "none_with", with = numeric(0), without = c(22.35, 25.03, 19.98)),
  list(name = "constant_arms", with = c(20, 20, 20), without = c(15, 15)),
  list(name = "one_constant_arm", with = c(20, 20, 20, 20), without = c(15, 17.5, 12.5)),
  list(name = "large", with = dec(rnorm(3000, 22, 4)), without = dec(rnorm(2000, 21.2, 4.3)))
)
pairs <- lapply(cases, function(cs) list(name = cs$name, with = I(cs$with), without = I(cs$without),
                                         expected = compare(cs$with, cs$without)))

# Long form: 150 started periods with a T0 score (some without), attrition
# depending on the baseline score, plus periods that only have later scores.
long_rows <- list()
for (i in 1:150) {
  id <- sprintf("r%04d", i)
  t0 <- dec(rnorm(1, 22, 4))
  has_t0 <- runif(1) < 0.92
  if (has_t0) long_rows[[length(long_rows) + 1]] <- data.frame(period = id, timepoint = "T0", score = t0)
  if (runif(1) < plogis((t0 - 20) / 3)) long_rows[[length(long_rows) + 1]] <- data.frame(period = id, timepoint = "T1", score = dec(t0 + rnorm(1, 1.5, 2)))
  if (runif(1) < plogis((t0 - 23) / 3)) long_rows[[length(long_rows) + 1]] <- data.frame(period = id, timepoint = "T2", score = dec(t0 + rnorm(1, 1, 2)))
}
long <- do.call(rbind, long_rows)
base <- long[long$timepoint == "T0", ]
long_expected <- lapply(c("T1", "T2"), function(tp) {
  has_later <- base$period %in% long$period[long$timepoint == tp]
  c(list(later_timepoint = tp), compare(base$score[has_later], base$score[!has_later]))
})

out <- list(
  generated_by = "analysis/testdata/attrition/reference.R",
  r_version = R.version.string,
  pairs = pairs,
  long = list(observations = list(period = long$period, timepoint = long$timepoint, score = long$score),
              expected = long_expected))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE), "reference.json")
