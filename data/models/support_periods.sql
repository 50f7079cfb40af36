-- One row per referral in the current snapshot (referrals): the support
-- period's attributes, the periods it is attributed to (by referral_date) and
-- its status flags. Settings come from build_settings.
--
-- client_key numbers the distinct client pseudonyms 1, 2, … in pseudonym
-- order: the same client has the same key in every model table of a build, so
-- consumers can count distinct clients over a 4-byte integer instead of a
-- 64-character pseudonym. Keys are not stable across builds that add clients.
CREATE OR REPLACE TABLE support_periods AS
WITH clients AS (
    SELECT client_pseudonym, row_number() OVER (ORDER BY client_pseudonym)::INTEGER AS client_key
    FROM (SELECT DISTINCT client_pseudonym FROM referrals)
),
snapshot AS (
    SELECT
        referrals.*,
        clients.client_key,
        year(referral_date) - birth_year AS age,
        -- results.md: only a period with a start date that was not ended as
        -- not_started enters outcome analysis.
        start_date IS NOT NULL AND end_reason IS DISTINCT FROM 'not_started' AS is_started
    FROM referrals
    JOIN clients USING (client_pseudonym)
)
SELECT
    r.referral_id,
    r.client_pseudonym,
    r.referral_date,
    year(r.referral_date)::INTEGER AS period_year,
    year(r.referral_date) || 'H' || CASE WHEN month(r.referral_date) <= 6 THEN '1' ELSE '2' END AS period_half,
    year(r.referral_date) || 'Q' || quarter(r.referral_date) AS period_quarter,
    r.municipality,
    r.municipality_known,
    r.referrer_sector,
    r.referrer_profession,
    r.reasons,
    r.age::INTEGER AS age_at_referral,
    CASE
        WHEN r.age IS NULL THEN NULL
        WHEN r.age < 30 THEN '<30'
        WHEN r.age < 50 THEN '30-49'
        WHEN r.age < 65 THEN '50-64'
        WHEN r.age < 75 THEN '65-74'
        ELSE '75+'
    END AS age_band,
    r.gender,
    r.link_worker_id,
    r.start_date,
    r.end_date,
    (r.end_date - r.start_date)::INTEGER AS duration_days,
    r.end_reason,
    CASE
        WHEN NOT r.is_started THEN 'not_started'
        WHEN r.end_reason IS NULL THEN 'ongoing'
        ELSE r.end_reason
    END AS status,
    r.is_started AS started,
    r.end_reason IS NOT DISTINCT FROM 'completed' AS completed,
    r.end_reason IS NOT DISTINCT FROM 'discontinued' AS discontinued,
    r.is_started AND r.end_reason IS NULL AS ongoing,
    -- inputs.md: ongoing periods are not judged against the 6-month limit.
    CASE
        WHEN r.end_reason IS NOT NULL THEN r.end_date - r.start_date > s.max_support_days
    END AS over_six_months,
    r.research_consent,
    r.linked_services,
    r.barriers,
    r.client_key
FROM snapshot AS r
CROSS JOIN build_settings AS s
