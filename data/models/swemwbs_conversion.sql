-- The SWEMWBS raw-total to metric-score conversion table (Rasch model,
-- Stewart-Brown et al. 2009, Health and Quality of Life Outcomes 7:15), the
-- only copy of the table in linkki.
CREATE OR REPLACE TABLE swemwbs_conversion AS
SELECT raw::INTEGER AS raw, metric::DOUBLE AS metric
FROM (VALUES
    (7, 7.00), (8, 9.51), (9, 11.25), (10, 12.40), (11, 13.33), (12, 14.08),
    (13, 14.75), (14, 15.32), (15, 15.84), (16, 16.36), (17, 16.88), (18, 17.43),
    (19, 17.98), (20, 18.59), (21, 19.25), (22, 19.98), (23, 20.73), (24, 21.54),
    (25, 22.35), (26, 23.21), (27, 24.11), (28, 25.03), (29, 26.02), (30, 27.03),
    (31, 28.13), (32, 29.31), (33, 30.70), (34, 32.55), (35, 35.00)
) AS conversion(raw, metric)
