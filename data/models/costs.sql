-- Link-worker cost per support period: hours × costs.hourly_rate_eur plus
-- each meeting's km × the tax-free rate of the meeting's year (km_rates).
-- Money is computed in DECIMAL so that totals are exact and order-independent.
-- Km driven in a year without a rate are not priced and the period is flagged
-- missing_km_rate.
CREATE OR REPLACE TABLE costs AS
WITH priced AS (
    SELECT
        m.referral_id,
        m.hours::DECIMAL(18, 6) AS hours,
        coalesce(m.km, 0)::DECIMAL(18, 6) AS km,
        k.eur_per_km::DECIMAL(18, 6) AS eur_per_km
    FROM meetings AS m
    SEMI JOIN support_periods AS p ON p.referral_id = m.referral_id
    LEFT JOIN km_rates AS k ON k.year = year(m.meeting_date)
),
per_period AS (
    SELECT
        referral_id,
        sum(hours) AS hours,
        sum(km) AS km,
        coalesce(sum(km * eur_per_km), 0) AS km_allowance_eur,
        bool_or(km > 0 AND eur_per_km IS NULL) AS missing_km_rate
    FROM priced
    GROUP BY referral_id
),
costed AS (
    SELECT
        p.referral_id,
        p.municipality,
        p.period_year,
        coalesce(c.hours, 0) AS hours,
        coalesce(c.km, 0) AS km,
        coalesce(c.hours, 0) * s.hourly_rate_eur::DECIMAL(18, 6) AS pay_eur,
        coalesce(c.km_allowance_eur, 0) AS km_allowance_eur,
        coalesce(c.missing_km_rate, false) AS missing_km_rate
    FROM support_periods AS p
    CROSS JOIN build_settings AS s
    LEFT JOIN per_period AS c ON c.referral_id = p.referral_id
)
SELECT
    referral_id,
    municipality,
    period_year,
    hours::DOUBLE AS hours,
    km::DOUBLE AS km,
    pay_eur::DOUBLE AS pay_eur,
    km_allowance_eur::DOUBLE AS km_allowance_eur,
    (pay_eur + km_allowance_eur)::DOUBLE AS total_eur,
    missing_km_rate
FROM costed
