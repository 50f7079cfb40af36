-- Reasons for referral, services the clients were linked to and barriers met,
-- counted per municipality and referral year over all referrals (a referral
-- counts once in each of its categories). A referral is counted by its row
-- in support_periods (one row per referral_id), a cheaper distinct key than
-- the id.
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
)
SELECT
    municipality,
    period_year,
    dimension,
    category,
    count(DISTINCT period_row) AS support_periods,
    count(DISTINCT client_key) AS clients
FROM categories
GROUP BY municipality, period_year, dimension, category
