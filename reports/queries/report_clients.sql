-- How the report counts distinct clients, exactly and cheaply. Nearly every
-- figure is "support periods and the distinct clients behind them", and a
-- client with one support period in support_periods (whatever the filter)
-- is a distinct client wherever that period is counted. Every query groups
-- so that a period gives at most one row per group, so
--   clients = rows of single clients + distinct clients among the rest,
-- and only the clients with several periods (about one row in eight) need
-- a hash set. Queries count them in one of three ways, whichever DuckDB
-- runs fastest for their shape:
--   * clients(client_id, single[, cond]) below, for one or two counts per
--     group (count(DISTINCT) costs a hash table per aggregate);
--   * collapsing repeat clients to one row per client and group with
--     bool_or flags, then counting rows, for many counts at once
--     (key_figures, report_scores, change_shares);
--   * periods − repeat clients' periods + their distinct clients, where
--     only the repeat clients' rows need joining for their client
--     (months_over_cap).
-- client_key is the build's dense integer client number, the same in
-- support_periods and outcomes_wide, and never NULL (referrals'
-- client_pseudonym is NOT NULL).
CREATE OR REPLACE TEMP TABLE report_repeat_clients AS
SELECT client_key FROM support_periods GROUP BY client_key HAVING count(*) > 1;
CREATE OR REPLACE TEMP MACRO clients(client_id, single, cond := true) AS
    count(*) FILTER (WHERE cond AND single) + count(DISTINCT client_id) FILTER (WHERE cond AND NOT single);
