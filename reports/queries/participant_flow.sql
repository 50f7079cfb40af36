-- Referred → started → completed → questionnaires at T0/T1/T2 for the
-- filtered support periods: periods and distinct clients at each step.
-- Questionnaire steps count started periods with a selected score
-- (outcome_scores holds one per period, outcome and time point), counted
-- once in report_scores.
SELECT 'referred' AS step, count(*) AS periods, clients(client_id, single) AS clients FROM sp
UNION ALL
SELECT 'started', count(*), clients(client_id, single) FROM sp WHERE started
UNION ALL
SELECT 'completed', count(*), clients(client_id, single) FROM sp WHERE completed
UNION ALL
SELECT outcome || '_' || timepoint, n, clients FROM report_scores
ORDER BY 1;
