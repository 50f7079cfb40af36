-- The kilometre allowance by calendar year from the settings'
-- costs.km_rate_eur table. The single parameter is the settings as JSON.
CREATE OR REPLACE TABLE km_rates AS
SELECT year::INTEGER AS year, (rates->>year)::DOUBLE AS eur_per_km
FROM (SELECT ?::JSON->'costs'->'km_rate_eur' AS rates)
CROSS JOIN unnest(json_keys(rates)) AS y(year)
ORDER BY year
