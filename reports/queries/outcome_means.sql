-- All available scores per outcome and time point (started support
-- periods): n, distinct clients, mean and sample SD (report_scores). Change
-- statistics use pairs and come from the analysis; these are the
-- descriptive means.
SELECT outcome, timepoint, n, clients, mean, sd
FROM report_scores ORDER BY 1, 2;
