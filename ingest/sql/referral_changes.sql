-- Classifies the file's referrals, which were appended straight into
-- referral_history (file_seq $1), against the current snapshot by canonical
-- values: unchanged (every column equal, lists compared as sets) or updated.
-- A referral_id not in the snapshot is inserted and gets no row here, so a
-- first load joins against nothing. Provenance columns are not compared.
CREATE OR REPLACE TEMP TABLE changes AS
SELECT
    s.file_hash,
    s.line,
    s.referral_id,
    CASE
        WHEN s.client_pseudonym = r.client_pseudonym
            AND s.referral_date = r.referral_date
            AND s.municipality = r.municipality
            AND s.municipality_known = r.municipality_known
            AND s.referrer_sector = r.referrer_sector
            AND s.referrer_profession IS NOT DISTINCT FROM r.referrer_profession
            AND list_sort(s.reasons) = list_sort(r.reasons)
            AND s.birth_year IS NOT DISTINCT FROM r.birth_year
            AND s.gender IS NOT DISTINCT FROM r.gender
            AND s.link_worker_id IS NOT DISTINCT FROM r.link_worker_id
            AND s.start_date IS NOT DISTINCT FROM r.start_date
            AND s.end_date IS NOT DISTINCT FROM r.end_date
            AND s.end_reason IS NOT DISTINCT FROM r.end_reason
            AND s.research_consent = r.research_consent
            AND list_sort(s.linked_services) = list_sort(r.linked_services)
            AND list_sort(s.barriers) = list_sort(r.barriers)
            THEN 'unchanged'
        ELSE 'updated'
    END AS change
FROM referral_history s
JOIN referrals r USING (referral_id)
WHERE s.file_seq = $1;
