-- Pairs for every contrast, changes exactly at the thresholds (+3.1 metric,
-- ±10 ESIS), a reliable improvement, a contrast with a single pair (no SD, so
-- no reliable-change flags), a period with T0 only and a not-started period
-- whose scores are left out. Items are spread evenly to reach each total.
-- tables: outcome_scores, outcome_contrasts, outcome_changes, outcomes_wide, participant_flow, check_results
INSERT INTO referrals (referral_id, client_pseudonym, referral_date, municipality, municipality_known,
    referrer_sector, reasons, birth_year, gender, start_date, end_date, end_reason, research_consent,
    linked_services, barriers, file_hash, file_seq, line)
SELECT id, 'c' || id, DATE '2023-01-02', muni, true, 'other', ['loneliness', 'other'], 1960, 'female',
    DATE '2023-01-09', CASE WHEN started THEN DATE '2023-06-01' END,
    CASE WHEN started THEN 'completed' ELSE 'not_started' END, true, [], [], 'h1', 1, 1 + row_number() OVER (ORDER BY id)
FROM (VALUES ('O1', 'Inari', true), ('O2', 'Inari', true), ('O3', 'Utsjoki', true), ('O4', 'Utsjoki', true),
             ('O5', 'Utsjoki', true), ('O6', 'Inari', false)) AS r(id, muni, started);
INSERT INTO swemwbs_responses (referral_id, matched_by, timepoint, timepoint_inferred, response_date,
    q1, q2, q3, q4, q5, q6, q7, file_hash, file_seq, line)
SELECT id, 'referral_id', tp, false,
    CASE tp WHEN 'T0' THEN DATE '2023-01-10' WHEN 'T1' THEN DATE '2023-06-01' ELSE DATE '2023-09-01' END,
    total // 7 + (total % 7 >= 1)::INT, total // 7 + (total % 7 >= 2)::INT, total // 7 + (total % 7 >= 3)::INT,
    total // 7 + (total % 7 >= 4)::INT, total // 7 + (total % 7 >= 5)::INT, total // 7 + (total % 7 >= 6)::INT,
    total // 7, 'q1', 2, 1 + row_number() OVER (ORDER BY id, tp)
FROM (VALUES ('O1', 'T0', 28), ('O1', 'T1', 31), ('O1', 'T2', 31),
             ('O2', 'T0', 20), ('O2', 'T1', 17), ('O2', 'T2', 26),
             ('O3', 'T0', 14), ('O3', 'T1', 24),
             ('O4', 'T0', 25), ('O4', 'T2', 21),
             ('O5', 'T0', 30),
             ('O6', 'T0', 10), ('O6', 'T1', 35)) AS s(id, tp, total);
INSERT INTO participation_responses (referral_id, matched_by, timepoint, timepoint_inferred, response_date,
    p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, file_hash, file_seq, line)
SELECT id, 'referral_id', tp, false,
    CASE tp WHEN 'T0' THEN DATE '2023-01-10' WHEN 'T1' THEN DATE '2023-06-01' ELSE DATE '2023-09-01' END,
    total // 10 + (total % 10 >= 1)::INT, total // 10 + (total % 10 >= 2)::INT, total // 10 + (total % 10 >= 3)::INT,
    total // 10 + (total % 10 >= 4)::INT, total // 10 + (total % 10 >= 5)::INT, total // 10 + (total % 10 >= 6)::INT,
    total // 10 + (total % 10 >= 7)::INT, total // 10 + (total % 10 >= 8)::INT, total // 10 + (total % 10 >= 9)::INT,
    total // 10, 'p1', 3, 1 + row_number() OVER (ORDER BY id, tp)
FROM (VALUES ('O1', 'T0', 30), ('O1', 'T1', 34), ('O1', 'T2', 34),
             ('O2', 'T0', 40), ('O2', 'T1', 36),
             ('O3', 'T0', 20), ('O3', 'T1', 35),
             ('O6', 'T0', 10)) AS e(id, tp, total);
