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
)
SELECT period, municipality, 'referrals' AS measure,
    count(*)::DOUBLE AS value, count(DISTINCT client_key) AS clients, NULL::BIGINT AS n, NULL::DOUBLE AS sd
FROM chosen GROUP BY GROUPING SETS ((period, municipality), (period))
UNION ALL
SELECT period, municipality, 'clients',
    count(DISTINCT client_key), count(DISTINCT client_key), NULL, NULL
FROM chosen GROUP BY GROUPING SETS ((period, municipality), (period))
UNION ALL
SELECT period, municipality, 'sector:' || referrer_sector,
    count(*), count(DISTINCT client_key), NULL, NULL
FROM chosen GROUP BY GROUPING SETS ((period, municipality, referrer_sector), (period, referrer_sector))
UNION ALL
SELECT period, municipality, 'reason:' || reason,
    count(*), count(DISTINCT client_key), NULL, NULL
FROM reasons GROUP BY GROUPING SETS ((period, municipality, reason), (period, reason))
UNION ALL
SELECT period, municipality, 'periods_started',
    count(*) FILTER (WHERE started), count(DISTINCT client_key) FILTER (WHERE started), NULL, NULL
FROM chosen GROUP BY GROUPING SETS ((period, municipality), (period))
UNION ALL
SELECT period, municipality, 'periods_completed',
    count(*) FILTER (WHERE completed), count(DISTINCT client_key) FILTER (WHERE completed), NULL, NULL
FROM chosen GROUP BY GROUPING SETS ((period, municipality), (period))
UNION ALL
SELECT period, municipality, 'periods_discontinued',
    count(*) FILTER (WHERE discontinued), count(DISTINCT client_key) FILTER (WHERE discontinued), NULL, NULL
FROM chosen GROUP BY GROUPING SETS ((period, municipality), (period))
UNION ALL
SELECT period, municipality, 'link_worker_hours',
    coalesce(sum(hours), 0), count(DISTINCT client_key) FILTER (WHERE hours > 0), NULL, NULL
FROM costed GROUP BY GROUPING SETS ((period, municipality), (period))
UNION ALL
SELECT period, municipality, 'costs_eur',
    coalesce(sum(total_eur), 0), count(DISTINCT client_key) FILTER (WHERE total_eur > 0), NULL, NULL
FROM costed GROUP BY GROUPING SETS ((period, municipality), (period))
UNION ALL
SELECT period, municipality, 'change:' || outcome,
    avg(change), count(DISTINCT client_key), count(*), stddev_samp(change)
FROM changes GROUP BY GROUPING SETS ((period, municipality, outcome), (period, outcome))
