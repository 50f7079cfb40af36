-- Age bands at their edges, halves and quarters, every status, the 183-day
-- limit (183 days is not over, 184 is), reasons for the bridge table.
-- tables: support_periods, support_period_reasons
INSERT INTO referrals (referral_id, client_pseudonym, referral_date, municipality, municipality_known,
    referrer_sector, referrer_profession, reasons, birth_year, gender, link_worker_id,
    start_date, end_date, end_reason, research_consent, linked_services, barriers, file_hash, file_seq, line) VALUES
('R01', 'c1', '2022-06-30', 'Enontekiö', true, 'mental_health', 'sairaanhoitaja', ['loneliness', 'social_contacts'], 1993, 'female', 'W1',
    '2022-07-05', '2023-01-04', 'completed', true, ['peer_group'], ['transport'], 'h1', 1, 2),
('R02', 'c2', '2022-07-01', 'Inari', true, 'parish', NULL, ['other'], 1992, 'male', 'W1',
    '2022-07-10', '2023-01-10', 'discontinued', false, [], [], 'h1', 1, 3),
('R03', 'c3', '2023-12-31', 'Tuntematon', false, 'leisure', NULL, ['getting_started'], NULL, NULL, NULL,
    NULL, NULL, NULL, false, [], [], 'h1', 1, 4),
('R04', 'c1', '2023-03-15', 'Enontekiö', true, 'other', NULL, ['practical_help', 'lifestyle_change'], 1958, 'other', 'W2',
    '2023-03-20', NULL, NULL, true, [], ['cost', 'health'], 'h1', 1, 5),
('R05', 'c4', '2023-05-01', 'Inari', true, 'social_services', NULL, ['loneliness'], 1973, 'female', 'W2',
    '2023-05-10', '2023-05-12', 'not_started', true, [], [], 'h1', 1, 6),
('R06', 'c5', '2023-10-01', 'Inari', true, 'elderly_services', NULL, ['loneliness'], 1948, 'male', 'W2',
    '2023-10-02', '2024-01-15', 'moved', true, [], [], 'h2', 2, 2),
('R07', 'c6', '2023-04-01', 'Inari', true, 'health_services', NULL, ['everyday_activity'], 1974, 'female', 'W3',
    '2023-04-03', '2023-06-01', 'other', true, ['adult_education', 'third_sector'], ['distance'], 'h2', 2, 3),
('R08', 'c7', '2023-08-20', 'Utsjoki', true, 'rehabilitation', NULL, ['social_contacts'], 1959, 'male', 'W3',
    '2023-08-21', '2023-09-30', 'completed', false, [], [], 'h2', 2, 4),
('R09', 'c8', '2023-11-11', 'Utsjoki', true, 'third_sector', NULL, ['other'], 1949, NULL, 'W3',
    NULL, NULL, 'not_started', false, [], [], 'h2', 2, 5);
