-- Synthetic raw layer for BenchmarkBuild, generated entirely in SQL:
-- getvariable('referrals') referrals over three years and ten municipalities,
-- about 5 meetings per started period, SWEMWBS and ESIS at T0 (90 % of started
-- periods), T1 (60 %) and T2 (40 %), with duplicates and missing items.
-- Deterministic: every value is a function of the row number.
INSERT INTO referrals BY NAME
SELECT
    'R' || i AS referral_id,
    'c' || (i * 5 // 6) AS client_pseudonym,
    DATE '2022-01-01' + (i * 37 % 1095)::INTEGER AS referral_date,
    ['Helsinki', 'Espoo', 'Tampere', 'Vantaa', 'Oulu', 'Turku', 'Jyväskylä', 'Kuopio', 'Inari', 'Enontekiö'][1 + i % 10] AS municipality,
    true AS municipality_known,
    ['elderly_services', 'mental_health', 'rehabilitation', 'social_services', 'health_services',
     'third_sector', 'parish', 'leisure', 'other'][1 + i % 9] AS referrer_sector,
    NULL AS referrer_profession,
    CASE WHEN i % 3 = 0 THEN ['loneliness', 'social_contacts'] ELSE [['everyday_activity', 'getting_started', 'lifestyle_change', 'practical_help', 'other'][1 + i % 5]] END AS reasons,
    CASE WHEN i % 50 = 0 THEN NULL ELSE 1935 + (i % 70)::INTEGER END AS birth_year,
    ['female', 'male', 'female', 'other', NULL][1 + i % 5] AS gender,
    'W' || (i % 40) AS link_worker_id,
    CASE WHEN i % 10 <> 0 THEN referral_date + 7 END AS start_date,
    CASE WHEN i % 10 NOT IN (0, 1) THEN start_date + (60 + i % 150)::INTEGER END AS end_date,
    CASE WHEN i % 10 = 0 THEN 'not_started' WHEN i % 10 = 1 THEN NULL
         ELSE ['completed', 'completed', 'completed', 'discontinued', 'moved', 'other', 'completed', 'discontinued'][1 + i % 8] END AS end_reason,
    i % 4 <> 0 AS research_consent,
    CASE WHEN i % 2 = 0 THEN ['peer_group', 'third_sector'] ELSE [] END AS linked_services,
    CASE WHEN i % 5 = 0 THEN ['cost', 'transport'] ELSE [] END AS barriers,
    'synthetic-referrals' AS file_hash,
    1 AS file_seq,
    i + 2 AS line
FROM range(getvariable('referrals')) AS r(i);

INSERT INTO meetings BY NAME
SELECT
    m.referral_id,
    m.start_date + (k * 9 + m.i % 5)::INTEGER AS meeting_date,
    (1 + (m.i + k) % 4) * 0.75 AS hours,
    CASE WHEN k % 3 = 0 THEN NULL ELSE ((m.i + k) % 40) * 1.5 END AS km,
    ['conversation', 'outdoors', 'hobby', 'errand', 'group', 'other', NULL][1 + (m.i + k) % 7] AS activity,
    'synthetic-meetings' AS file_hash,
    2 AS file_seq,
    m.i * 5 + k + 2 AS line
FROM (SELECT referral_id, start_date, line - 2 AS i FROM referrals WHERE start_date IS NOT NULL) AS m
CROSS JOIN range(5) AS t(k);

INSERT INTO swemwbs_responses BY NAME
SELECT
    r.referral_id, 'referral_id' AS matched_by, tp AS timepoint, i % 7 = 0 AS timepoint_inferred,
    CASE tp WHEN 'T0' THEN r.start_date WHEN 'T1' THEN coalesce(r.end_date, r.start_date + 120)
            ELSE coalesce(r.end_date, r.start_date + 120) + 90 END AS response_date,
    1 + (i + s) % 5 AS q1, 1 + (i + 2 * s) % 5 AS q2, 1 + (i * 3 + s) % 5 AS q3, 1 + (i + s + 1) % 5 AS q4,
    1 + (i * 7 + s) % 5 AS q5, 1 + (i + 3 * s) % 5 AS q6,
    CASE WHEN i % 41 = 0 THEN NULL ELSE 1 + (i + s * 5) % 5 END AS q7,
    'synthetic-swemwbs' AS file_hash, 3 AS file_seq, i * 4 + s + 2 AS line
FROM (SELECT *, line - 2 AS i FROM referrals WHERE start_date IS NOT NULL) AS r
CROSS JOIN (VALUES (0, 'T0'), (1, 'T1'), (2, 'T2'), (3, 'T0')) AS t(s, tp)
WHERE (tp = 'T0' AND s = 0 AND i % 10 <> 9)
   OR (tp = 'T1' AND i % 10 < 6)
   OR (tp = 'T2' AND i % 10 < 4)
   OR (s = 3 AND i % 50 = 3);

INSERT INTO participation_responses BY NAME
SELECT
    r.referral_id, 'referral_id' AS matched_by, tp AS timepoint, false AS timepoint_inferred,
    CASE tp WHEN 'T0' THEN r.start_date WHEN 'T1' THEN coalesce(r.end_date, r.start_date + 120)
            ELSE coalesce(r.end_date, r.start_date + 120) + 90 END AS response_date,
    1 + (i + s) % 5 AS p1, 1 + (i + 2 * s) % 5 AS p2, 1 + (i * 3 + s) % 5 AS p3, 1 + (i + s + 1) % 5 AS p4,
    1 + (i * 7 + s) % 5 AS p5, 1 + (i + 3 * s) % 5 AS p6, 1 + (i * 2 + s) % 5 AS p7, 1 + (i + 4 * s) % 5 AS p8,
    1 + (i * 9 + s) % 5 AS p9, CASE WHEN i % 37 = 0 THEN NULL ELSE 1 + (i + s * 5) % 5 END AS p10,
    'synthetic-participation' AS file_hash, 4 AS file_seq, i * 3 + s + 2 AS line
FROM (SELECT *, line - 2 AS i FROM referrals WHERE start_date IS NOT NULL) AS r
CROSS JOIN (VALUES (0, 'T0'), (1, 'T1'), (2, 'T2')) AS t(s, tp)
WHERE (tp = 'T0' AND i % 10 <> 9)
   OR (tp = 'T1' AND i % 10 < 6)
   OR (tp = 'T2' AND i % 10 < 4);

INSERT INTO worker_survey_answers BY NAME
SELECT 'w' || (i // 5) AS respondent_id, DATE '2024-05-01' AS survey_date, 'Inari' AS municipality,
       'Väittämä ' || (i % 5) AS statement, 1 + i % 5 AS value,
       'synthetic-survey' AS file_hash, 5 AS file_seq, i // 5 + 2 AS line, 'sheet' || (i // 5) AS sheet_hash
FROM range(200) AS r(i);
