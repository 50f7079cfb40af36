-- Reasons for referral, services the clients were linked to and barriers met,
-- counted per municipality and referral year over all referrals (a referral
-- counts once in each of its categories). Periods are first counted per
-- client, so the clients of a category are its rows and its periods their
-- sum (a period belongs to one client). Each list keeps only the first
-- occurrence of a value (list_position finds the first, NULL included), so a
-- period gives one row per category and count(*) counts the periods: no
-- distinct count over the periods' rows, which cost half of the model.
CREATE OR REPLACE TABLE needs_and_barriers AS
WITH categories AS (
    SELECT client_key, municipality, period_year, 'reason' AS dimension,
        unnest(list_filter(reasons, (x, i) -> list_position(reasons, x) = i)) AS category
    FROM support_periods
    UNION ALL
    SELECT client_key, municipality, period_year, 'linked_service',
        unnest(list_filter(linked_services, (x, i) -> list_position(linked_services, x) = i))
    FROM support_periods
    UNION ALL
    SELECT client_key, municipality, period_year, 'barrier',
        unnest(list_filter(barriers, (x, i) -> list_position(barriers, x) = i))
    FROM support_periods
),
per_client AS (
    SELECT municipality, period_year, dimension, category, client_key, count(*) AS periods
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
