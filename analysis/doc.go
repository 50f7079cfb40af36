// Package analysis computes the paired change statistics and effect sizes of
// linkki's results contract (../shared/spec/results.md): for every outcome
// (SWEMWBS metric and raw, ESIS), contrast (T1−T0, T2−T0, T2−T1) and subgroup
// it gives n, means and SDs, the mean change with its t interval, the paired
// t-test, the Wilcoxon signed-rank test, Cohen's d_z with an exact
// noncentral-t interval, Hedges-adjusted d_rm and g_av with their intervals,
// shares improved/unchanged/deteriorated and reliably changed (Jacobson–Truax),
// Holm-adjusted p-values, and warnings.
//
// It takes either paired samples (AnalyzePairs and the functions it is made
// of, which need no database) or the model table outcomes_wide in a DuckDB
// database (Analyze, which reads it through Arrow) and gives rows of the
// contract with the methods used and warnings as data. Every number is
// checked against R by the golden tests in testdata/ (reference.R makes
// reference.json).
//
// Undefined statistics are nil, never 0, NaN or Inf, and every nil comes
// with a warning that says why.
package analysis
