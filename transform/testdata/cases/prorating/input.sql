-- With prorating on (settings.toml): a SWEMWBS sum of 9 over 6 items is
-- 7 × 9 / 6 = 10.5, which rounds up to 11; 10 over 6 items gives 11.67 → 12;
-- two missing items stay unscorable. ESIS from the mean of 8 or 9 answered
-- items; three missing stay unscorable.
-- tables: questionnaire_scores
INSERT INTO referrals (referral_id, client_pseudonym, referral_date, municipality, municipality_known,
    referrer_sector, reasons, birth_year, start_date, end_date, end_reason, research_consent,
    linked_services, barriers, file_hash, file_seq, line) VALUES
('P1', 'c1', '2023-01-02', 'Inari', true, 'other', ['other'], 1960, '2023-01-09', '2023-06-01', 'completed', true, [], [], 'h1', 1, 2);
INSERT INTO swemwbs_responses (referral_id, matched_by, timepoint, timepoint_inferred, response_date,
    q1, q2, q3, q4, q5, q6, q7, file_hash, file_seq, line) VALUES
('P1', 'referral_id', 'T0', false, '2023-01-10', 1, 1, 1, 2, 2, 2, NULL, 'q1', 2, 2),
('P1', 'referral_id', 'T1', false, '2023-06-01', NULL, 1, 1, 2, 2, 2, 2, 'q1', 2, 3),
('P1', 'referral_id', 'T2', false, '2023-09-01', NULL, NULL, 5, 5, 5, 5, 5, 'q1', 2, 4);
INSERT INTO participation_responses (referral_id, matched_by, timepoint, timepoint_inferred, response_date,
    p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, file_hash, file_seq, line) VALUES
('P1', 'referral_id', 'T0', false, '2023-01-10', 3, 3, 3, 3, 4, 4, 4, 3, NULL, NULL, 'p1', 3, 2),
('P1', 'referral_id', 'T1', false, '2023-06-01', 5, 5, 5, 5, 4, 4, 4, 4, 4, NULL, 'p1', 3, 3),
('P1', 'referral_id', 'T2', false, '2023-09-01', 5, 5, 5, 5, 4, 4, 4, NULL, NULL, NULL, 'p1', 3, 4);
