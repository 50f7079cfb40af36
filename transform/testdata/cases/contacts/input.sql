-- Meetings around the period bounds (inclusive), a December that sums to
-- exactly the 10-hour cap (3.3 + 3.3 + 3.4), a January over it, missing km and
-- activity, a period without meetings, and km in 2019, a year without a rate.
-- tables: km_rates, contacts_monthly, contacts, contact_activities, costs
INSERT INTO referrals (referral_id, client_pseudonym, referral_date, municipality, municipality_known,
    referrer_sector, reasons, birth_year, start_date, end_date, end_reason, research_consent,
    linked_services, barriers, file_hash, file_seq, line) VALUES
('C1', 'c1', '2023-11-20', 'Inari', true, 'other', ['other'], 1960, '2023-12-01', '2024-02-29', 'completed', true, [], [], 'h1', 1, 2),
('C2', 'c2', '2023-11-21', 'Inari', true, 'other', ['other'], 1960, '2023-12-01', NULL, NULL, true, [], [], 'h1', 1, 3),
('C3', 'c3', '2019-04-01', 'Utsjoki', true, 'other', ['other'], 1960, NULL, NULL, 'not_started', true, [], [], 'h1', 1, 4);
INSERT INTO meetings (referral_id, meeting_date, hours, km, activity, file_hash, file_seq, line) VALUES
('C1', '2023-11-30', 1.0, 10, 'conversation', 'm1', 2, 2),
('C1', '2023-12-01', 3.3, 12.5, 'outdoors', 'm1', 2, 3),
('C1', '2023-12-15', 3.3, NULL, NULL, 'm1', 2, 4),
('C1', '2023-12-20', 3.4, 0, 'group', 'm1', 2, 5),
('C1', '2024-01-09', 6.0, 20, 'errand', 'm1', 2, 6),
('C1', '2024-01-23', 4.5, 20, 'errand', 'm1', 2, 7),
('C1', '2024-02-29', 1.0, NULL, 'conversation', 'm1', 2, 8),
('C1', '2024-03-01', 2.0, 3.7, 'hobby', 'm1', 2, 9),
('C3', '2019-05-05', 2.0, 30, 'other', 'm1', 2, 10),
('C3', '2020-01-01', 1.0, 10, 'other', 'm1', 2, 11);
