-- The ministry indicators in long form: one row per period × municipality ×
-- measure, and per period × measure for the total row (municipality NULL).
-- value is the count, sum or mean; clients the distinct clients behind it
-- (what disclosure control counts), counted over the integer client_key,
-- which is one to one with client_pseudonym and cheaper to count distinct;
-- n and sd are for the mean changes.
-- $1: period granularity ('year' | 'half' | 'quarter'); $2: one period, or ''.
WITH periods AS (
    SELECT
        s.referral_id,
        s.client_key,
        coalesce(s.municipality, 'missing') AS municipality,
        coalesce(s.referrer_sector, 'missing') AS referrer_sector,
        s.started,
        s.completed,
        s.discontinued,
        CASE $1 WHEN 'year' THEN s.period_year::VARCHAR WHEN 'half' THEN s.period_half ELSE s.period_quarter END AS period
    FROM support_periods AS s
),
chosen AS (
    SELECT * FROM periods WHERE $2 = '' OR period = $2
),
costed AS (
    SELECT p.*, c.hours::DOUBLE AS hours, c.total_eur::DOUBLE AS total_eur
    FROM chosen AS p
    LEFT JOIN costs AS c USING (referral_id)
),
reasons AS (
    SELECT p.*, r.reason
    FROM chosen AS p
    JOIN support_period_reasons AS r USING (referral_id)
),
-- Pairs of T1 and T0 scores, one row per support period and outcome.
changes AS (
    SELECT p.period, p.municipality, p.client_key, ch.outcome, ch.change
    FROM chosen AS p
    JOIN outcomes_wide AS w USING (referral_id)
    CROSS JOIN LATERAL (VALUES ('swemwbs', w.swemwbs_metric_change_t1_t0), ('esis', w.esis_change_t1_t0)) AS ch(outcome, change)
    WHERE ch.change IS NOT NULL
),
-- The measures over every chosen period share one aggregation each for
-- periods and for costs: each count of distinct clients is a hash table per
-- group, and separate passes built the same ones several times.
period_counts AS (
    SELECT period, municipality,
        count(*) AS referrals,
        count(DISTINCT client_key) AS clients,
        count(*) FILTER (WHERE started) AS started,
        count(DISTINCT client_key) FILTER (WHERE started) AS started_clients,
        count(*) FILTER (WHERE completed) AS completed,
        count(DISTINCT client_key) FILTER (WHERE completed) AS completed_clients,
        count(*) FILTER (WHERE discontinued) AS discontinued,
        count(DISTINCT client_key) FILTER (WHERE discontinued) AS discontinued_clients
    FROM chosen GROUP BY GROUPING SETS ((period, municipality), (period))
),
cost_sums AS (
    SELECT period, municipality,
        coalesce(sum(hours), 0) AS hours,
        count(DISTINCT client_key) FILTER (WHERE hours > 0) AS hours_clients,
        coalesce(sum(total_eur), 0) AS total_eur,
        count(DISTINCT client_key) FILTER (WHERE total_eur > 0) AS eur_clients
    FROM costed GROUP BY GROUPING SETS ((period, municipality), (period))
)
SELECT c.period, c.municipality, m.measure, m.value, m.clients, NULL::BIGINT AS n, NULL::DOUBLE AS sd
FROM period_counts AS c
CROSS JOIN LATERAL (VALUES
    ('referrals', c.referrals::DOUBLE, c.clients),
    ('clients', c.clients::DOUBLE, c.clients),
    ('periods_started', c.started::DOUBLE, c.started_clients),
    ('periods_completed', c.completed::DOUBLE, c.completed_clients),
    ('periods_discontinued', c.discontinued::DOUBLE, c.discontinued_clients)) AS m(measure, value, clients)
UNION ALL
SELECT period, municipality, 'sector:' || referrer_sector,
    count(*), count(DISTINCT client_key), NULL, NULL
FROM chosen GROUP BY GROUPING SETS ((period, municipality, referrer_sector), (period, referrer_sector))
UNION ALL
SELECT period, municipality, 'reason:' || reason,
    count(*), count(DISTINCT client_key), NULL, NULL
FROM reasons GROUP BY GROUPING SETS ((period, municipality, reason), (period, reason))
UNION ALL
SELECT c.period, c.municipality, m.measure, m.value, m.clients, NULL, NULL
FROM cost_sums AS c
CROSS JOIN LATERAL (VALUES
    ('link_worker_hours', c.hours, c.hours_clients),
    ('costs_eur', c.total_eur, c.eur_clients)) AS m(measure, value, clients)
UNION ALL
SELECT period, municipality, 'change:' || outcome,
    avg(change), count(DISTINCT client_key), count(*), stddev_samp(change)
FROM changes GROUP BY GROUPING SETS ((period, municipality, outcome), (period, outcome))
