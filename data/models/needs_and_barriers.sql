-- Reasons for referral, services the clients were linked to and barriers met,
-- counted per municipality and referral year over all referrals (a referral
-- counts once in each of its categories). A referral is counted by its row
-- in support_periods (one row per referral_id), a cheaper distinct key than
-- the id. Periods are first counted per client, so the clients of a category
-- are its rows and its periods their sum: one distinct count instead of two
-- (a period belongs to one client).
CREATE OR REPLACE TABLE needs_and_barriers AS
WITH categories AS (
    SELECT rowid AS period_row, client_key, municipality, period_year, 'reason' AS dimension, unnest(reasons) AS category
    FROM support_periods
    UNION ALL
    SELECT rowid AS period_row, client_key, municipality, period_year, 'linked_service', unnest(linked_services)
    FROM support_periods
    UNION ALL
    SELECT rowid AS period_row, client_key, municipality, period_year, 'barrier', unnest(barriers)
    FROM support_periods
),
per_client AS (
    SELECT municipality, period_year, dimension, category, client_key, count(DISTINCT period_row) AS periods
    FROM categories
    GROUP BY municipality, period_year, dimension, category, client_key
)
SELECT
    municipality,
    period_year,
    dimension,
    category,
    sum(periods)::BIGINT AS support_periods,
    count(*) AS clients
FROM per_client
GROUP BY municipality, period_year, dimension, category
