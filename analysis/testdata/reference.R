# Reference values for analysis's golden tests (reference_test.go).
#
#   Rscript analysis/testdata/reference.R analysis/testdata/reference.json
#
# Made with R 4.2.2: stats::t.test(post, pre, paired = TRUE),
# stats::wilcox.test(round(post - pre, 6)) with its defaults, cor(), and the
# d_rm / g_av formulas of results.md (effectsize >= 0.8.7
# repeated_measures_d(post, pre, method = "rm" / "av", adjust = TRUE);
# Debian's effectsize 0.8.3 lacks the function).
#
# The d_z interval inverts the noncentral t CDF exactly (Steiger 2004). R's
# pt(ncp =) switches to a normal approximation (errors ~1e-6) for ncp > 37.62,
# so the CDF here is an independent implementation: stats::integrate
# (QUADPACK dqags) of pnorm(t*s - ncp) over the density of
# S = sqrt(chisq_df / df), normalised by the integral of that density over the
# same pieces, at rel.tol 1e-13, abs.tol 1e-16, checked against pt() where pt() is exact
# (ncp < 37), and inverted with uniroot(tol = 1e-15). Rmpfr is not installed
# here; the agreement with pt() to ~1e-14 (printed) is the cross-check.
suppressPackageStartupMessages(library(jsonlite))

out_path <- commandArgs(trailingOnly = TRUE)[1]
if (is.na(out_path)) out_path <- "reference.json"

# ---- exact noncentral t -------------------------------------------------
# Pieces for integrate(): the bulk of the density of S, and around s = ncp/t,
# where pnorm(t*s - ncp) turns from 0 to 1 within about 40/|t| (narrow at
# large t and small df, where a rule's nodes could miss it).
chi_pieces <- function(df, t, ncp) {
  m <- sqrt((df - 1) / df)
  sd <- 1 / sqrt(2 * df)
  lo <- max(0, m - 30 * sd)
  hi <- m + 30 * sd + (if (df < 10) 30 else 0)
  turn <- if (t != 0) ncp / t + c(0, -0.5, 0.5, -2, 2, -8, 8, -40, 40) / abs(t) else numeric(0)
  b <- c(lo, hi, m, m - 3 * sd, m + 3 * sd, turn)
  b <- sort(unique(b[b >= lo & b <= hi]))
  b
}
pnt_exact <- function(t, df, ncp, upper = FALSE) {
  b <- chi_pieces(df, t, ncp)
  m <- sqrt((df - 1) / df)
  logw <- function(s) if (df == 1) -s^2 / 2 else (df - 1) * log(s / m) - df * (s - m) * (s + m) / 2
  w <- function(s) ifelse(s <= 0 & df > 1, 0, exp(logw(s)))
  f <- function(s) (if (upper) pnorm(ncp - t * s) else pnorm(t * s - ncp)) * w(s)
  num <- 0; den <- 0
  for (i in seq_len(length(b) - 1)) {
    num <- num + integrate(f, b[i], b[i + 1], rel.tol = 1e-13, abs.tol = 1e-16, subdivisions = 2000L)$value
    den <- den + integrate(w, b[i], b[i + 1], rel.tol = 1e-13, abs.tol = 1e-16, subdivisions = 2000L)$value
  }
  num / den
}
nct_interval <- function(t, df, level = 0.95) {
  half <- (1 - level) / 2
  w <- sqrt(1 + t^2 / (2 * df))
  lo <- uniroot(function(ncp) pnt_exact(t, df, ncp, upper = TRUE) - half,
                c(t - 4 * w, t), extendInt = "upX", tol = 1e-15, maxiter = 2000)$root
  hi <- uniroot(function(ncp) pnt_exact(t, df, ncp, upper = FALSE) - half,
                c(t, t + 4 * w), extendInt = "downX", tol = 1e-15, maxiter = 2000)$root
  c(lo, hi)
}

# ---- the contract's row --------------------------------------------------
J <- function(df) exp(lgamma(df / 2) - lgamma((df - 1) / 2)) / sqrt(df / 2)
null <- NA_real_
paired_row <- function(pre, post, threshold, reliability, level = 0.95) {
  n <- length(pre)
  fields <- c("mean_pre", "sd_pre", "mean_post", "sd_post", "mean_diff", "sd_diff",
              "diff_ci_low", "diff_ci_high", "t", "df", "p_t", "wilcoxon_v", "p_wilcoxon",
              "d_z", "d_z_ci_low", "d_z_ci_high", "d_rm", "d_rm_ci_low", "d_rm_ci_high",
              "g_av", "g_av_ci_low", "g_av_ci_high", "r", "improved", "unchanged",
              "deteriorated", "reliably_improved", "reliably_deteriorated")
  row <- setNames(as.list(rep(null, length(fields))), fields)
  row <- c(list(n = n), row)
  if (n < 2) return(row)
  d <- post - pre
  dr <- round(d, 6)
  row$mean_pre <- mean(pre); row$sd_pre <- sd(pre)
  row$mean_post <- mean(post); row$sd_post <- sd(post)
  row$mean_diff <- mean(d); row$sd_diff <- sd(d)
  row$df <- n - 1
  tt <- tryCatch(t.test(post, pre, paired = TRUE, conf.level = level), error = function(e) NULL)
  constant <- is.null(tt) || sd(d) == 0
  if (!constant) {
    row$t <- unname(tt$statistic); row$p_t <- tt$p.value
    row$diff_ci_low <- tt$conf.int[1]; row$diff_ci_high <- tt$conf.int[2]
    row$d_z <- mean(d) / sd(d)
    ci <- nct_interval(row$d_z * sqrt(n), n - 1, level) / sqrt(n)
    row$d_z_ci_low <- ci[1]; row$d_z_ci_high <- ci[2]
  }
  wt <- suppressWarnings(wilcox.test(dr))
  row$wilcoxon_v <- unname(wt$statistic)
  if (is.finite(wt$p.value)) row$p_wilcoxon <- wt$p.value
  sdpre <- sd(pre); sdpost <- sd(post)
  r <- if (sdpre > 0 && sdpost > 0) cor(pre, post) else NA
  if (!is.na(r)) row$r <- r
  z <- qnorm(1 - (1 - level) / 2)
  if (n >= 3) {
    j <- J(n - 1)
    if (!constant && !is.na(r)) {
      s <- sd(d) / sqrt(2 * (1 - r)); dd <- mean(d) / s
      se <- sqrt((1 / n + dd^2 / (2 * n)) * 2 * (1 - r))
      row$d_rm <- dd * j; row$d_rm_ci_low <- (dd - z * se) * j; row$d_rm_ci_high <- (dd + z * se) * j
    }
    if (sdpre > 0 || sdpost > 0) {
      s <- sqrt((sdpre^2 + sdpost^2) / 2); dd <- mean(d) / s
      se <- sd(d) / sqrt(n) / s
      row$g_av <- dd * j; row$g_av_ci_low <- (dd - z * se) * j; row$g_av_ci_high <- (dd + z * se) * j
    }
  }
  row$improved <- mean(dr >= threshold)
  row$deteriorated <- mean(dr <= -threshold)
  row$unchanged <- 1 - row$improved - row$deteriorated
  if (sdpre > 0) {
    zc <- dr / (sqrt(2) * sdpre * sqrt(1 - reliability))
    row$reliably_improved <- mean(zc > 1.96); row$reliably_deteriorated <- mean(zc < -1.96)
  }
  row
}

# ---- datasets --------------------------------------------------------------
metric <- c(7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88,
            17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03,
            26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00)
set.seed(20240601)
cases <- list()
add <- function(name, pre, post, threshold = 3, reliability = 0.86, scale_max = 35) {
  cases[[length(cases) + 1]] <<- list(name = name, pre = I(pre), post = I(post),
    threshold = threshold, reliability = reliability, scale_max = scale_max,
    expected = paired_row(pre, post, threshold, reliability))
}
add("sleep", sleep$extra[sleep$group == 1], sleep$extra[sleep$group == 2], threshold = 1)
raw_pre <- sample(14:30, 25, replace = TRUE)
raw_post <- pmin(35, pmax(7, raw_pre + sample(-4:7, 25, replace = TRUE)))
add("swemwbs_metric_ties", metric[raw_pre - 6], metric[raw_post - 6])
add("swemwbs_raw_ties_zeros", as.numeric(raw_pre), as.numeric(raw_post))
add("decimal_ties", c(1.25, 2.51, 10.10, 3.30, 7.75, 4.00), c(2.51, 3.77, 11.36, 2.04, 9.01, 5.26))
add("esis", 2.5 * (sample(10:50, 40, replace = TRUE) - 10), 2.5 * (sample(14:50, 40, replace = TRUE) - 10),
    threshold = 10, reliability = 0.89, scale_max = 100)
add("n2", c(20.73, 23.21), c(24.11, 22.35))
add("n1", 20.73, 24.11)
add("n0", numeric(0), numeric(0))
add("n3", c(18.59, 20.73, 24.11), c(21.54, 20.73, 27.03))
add("constant_difference", c(14.08, 17.43, 19.98, 23.21), c(14.08, 17.43, 19.98, 23.21) + 2)
add("all_zero", c(14.08, 17.43, 19.98), c(14.08, 17.43, 19.98))
add("constant_pre", rep(35, 6), c(35, 32.55, 30.70, 35, 29.31, 35))
add("constant_post", c(20.73, 23.21, 19.25, 26.02), rep(22.35, 4))
x <- round(rnorm(20, 20, 4), 3); add("exact_n20", x, round(x + rnorm(20, 1.5, 3), 3))
x <- round(rnorm(49, 20, 4), 3); add("exact_n49", x, round(x + rnorm(49, 1, 3), 3))
x <- round(rnorm(60, 20, 4), 3); add("normal_n60", x, round(x + rnorm(60, 1, 3), 3))
# Nearly constant change: t in the thousands with df = 3.
add("near_constant_n4", c(10.5, 12.25, 14, 20), c(12.501, 14.249, 16.002, 22))
x <- round(rnorm(4000, 50, 15), 2)
add("large_n4000", x, round(x + rnorm(4000, 9, 11), 2), threshold = 10, reliability = 0.89, scale_max = 100)
x <- round(rnorm(3000, 21, 3.5), 2)
add("large_ncp_n3000", x, round(x + rnorm(3000, 2.5, 2), 2))
# The exact/normal boundary: 50 distinct non-zero differences (normal
# approximation), and 49 of them plus a zero (normal, because of the zero).
x <- round(rnorm(50, 20, 4), 3); add("boundary_n50", x, round(x + rnorm(50, 0.8, 3), 3))
x <- round(rnorm(50, 20, 4), 3); y <- round(x + rnorm(50, 0.8, 3), 3); y[7] <- x[7]
add("boundary_49_and_a_zero", x, y)

# ---- noncentral t CDF points, including large ncp ----------------------------
grid <- list(c(2, 10, 1), c(-1, 3, 0.5), c(60, 5000, 58), c(40, 200, 45), c(100, 2999, 96),
             c(-50, 4000, -49), c(3, 1, 2), c(55, 3999, 52), c(500, 1, 15.6690223482),
             c(3000, 3, 600), c(-800, 2, -30))
check <- c()
nct <- lapply(grid, function(g) {
  p <- pnt_exact(g[1], g[2], g[3])
  if (abs(g[3]) < 37) check <<- c(check, abs(p - pt(g[1], g[2], g[3])))
  list(t = g[1], df = g[2], ncp = g[3], cdf = p)
})
message(sprintf("max |integral - pt()| where pt() is exact: %.3g", max(check)))
for (cs in cases) {
  e <- cs$expected
  if (!is.na(e$d_z) && abs(e$d_z * sqrt(e$n)) < 30) {
    ci <- e$d_z * 0 + sapply(c(0.975, 0.025), function(pr) uniroot(function(ncp) suppressWarnings(pt(e$d_z * sqrt(e$n), e$n - 1, ncp)) - pr,
      c(-50, 50), tol = 1e-15)$root) / sqrt(e$n)
    message(sprintf("%s: d_z interval vs uniroot(pt): %.3g %.3g", cs$name, ci[1] - e$d_z_ci_low, ci[2] - e$d_z_ci_high))
  }
}

holm_p <- c(0.01, NA, 0.04, 0.03, 0.005, 0.5, NA, 0.04)
holm <- list(p = holm_p, adjusted = p.adjust(holm_p, "holm"))

sleep_case <- cases[[1]]$expected
message(sprintf("sleep: d_rm %.4f [%.4f, %.4f]", sleep_case$d_rm, sleep_case$d_rm_ci_low, sleep_case$d_rm_ci_high))

writeLines(toJSON(list(r_version = R.version.string, cases = cases, noncentral_t = nct, holm = holm),
                  auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = TRUE), out_path)
