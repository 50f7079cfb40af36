-- Every client as a dense integer. Nearly every figure counts distinct
-- clients, and hashing an integer is several times cheaper than hashing a
-- 64-character pseudonym. Both tables whose clients are counted are
-- numbered, so the mapping is one to one and every count stays exact.
CREATE OR REPLACE TEMP TABLE report_clients AS
SELECT client_pseudonym, CAST(row_number() OVER () AS INTEGER) AS client_id
FROM (
    SELECT DISTINCT client_pseudonym
    FROM (SELECT client_pseudonym FROM support_periods UNION ALL SELECT client_pseudonym FROM outcomes_wide)
    WHERE client_pseudonym IS NOT NULL
);
