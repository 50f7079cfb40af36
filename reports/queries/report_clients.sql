-- How the report counts distinct clients, exactly and cheaply. Nearly every
-- figure is "support periods and the distinct clients behind them", and a
-- client with one support period in support_periods (whatever the filter)
-- is a distinct client wherever that period is counted. Every query groups
-- so that a period gives at most one row per group, so
--   clients = rows of single clients + count(DISTINCT client) of the rest,
-- and only the clients with several periods (about a tenth of the rows)
-- go through count(DISTINCT)'s hash set. cond restricts both parts, like
-- FILTER (WHERE cond). client_key is the build's dense integer client
-- number, the same in support_periods and outcomes_wide.
CREATE OR REPLACE TEMP TABLE report_repeat_clients AS
SELECT client_key FROM support_periods GROUP BY client_key HAVING count(*) > 1;
CREATE OR REPLACE TEMP MACRO clients(client_id, single, cond := true) AS
    count(*) FILTER (WHERE cond AND single) + count(DISTINCT client_id) FILTER (WHERE cond AND NOT single);
