-- Every questionnaire of both instruments scored by the rules of results.md,
-- with the one the analysis uses marked selected.
--
-- SWEMWBS raw = q1 + … + q7 when all 7 items are present. With
-- scoring.swemwbs_prorate_one_missing, 6 items give raw = round(7 × mean),
-- computed in integers as (7 × sum + 3) // 6 so halves (sums 9, 15, 21, 27)
-- round up, as SPSS RND does (R's round() would go to the even integer).
-- The metric score comes from swemwbs_conversion.
--
-- ESIS = 100 × (mean − 1) / 4 of the k answered items, computed as
-- 25 × (sum − k) / k: one correctly rounded division, so with all 10 items
-- it equals 2.5 × (sum − 10) exactly. Scorable when at most
-- scoring.esis_max_missing items are missing.
--
-- Selection, per referral × instrument × timepoint among scorable
-- questionnaires: the earliest response_date, then the file ingested last
-- (higher file_seq), then the later line. The other questionnaires of a
-- group with a selected one are duplicates.
CREATE OR REPLACE TABLE questionnaire_scores AS
WITH swemwbs AS (
    SELECT
        r.referral_id,
        'swemwbs' AS instrument,
        r.timepoint,
        r.timepoint_inferred,
        r.response_date,
        r.file_hash,
        r.file_seq,
        r.line,
        list_count([r.q1, r.q2, r.q3, r.q4, r.q5, r.q6, r.q7])::INTEGER AS items_answered,
        coalesce(list_sum([r.q1, r.q2, r.q3, r.q4, r.q5, r.q6, r.q7]), 0)::INTEGER AS item_sum,
        items_answered = 7 OR (items_answered = 6 AND s.swemwbs_prorate_one_missing) AS scorable,
        scorable AND items_answered < 7 AS prorated,
        CASE
            WHEN items_answered = 7 THEN item_sum
            WHEN scorable THEN (7 * item_sum + 3) // 6
        END AS raw_total
    FROM swemwbs_responses AS r
    CROSS JOIN build_settings AS s
),
esis AS (
    SELECT
        r.referral_id,
        'esis' AS instrument,
        r.timepoint,
        r.timepoint_inferred,
        r.response_date,
        r.file_hash,
        r.file_seq,
        r.line,
        list_count([r.p1, r.p2, r.p3, r.p4, r.p5, r.p6, r.p7, r.p8, r.p9, r.p10])::INTEGER AS items_answered,
        coalesce(list_sum([r.p1, r.p2, r.p3, r.p4, r.p5, r.p6, r.p7, r.p8, r.p9, r.p10]), 0)::INTEGER AS item_sum,
        items_answered >= 10 - s.esis_max_missing AS scorable,
        scorable AND items_answered < 10 AS prorated
    FROM participation_responses AS r
    CROSS JOIN build_settings AS s
),
scored AS (
    SELECT
        w.referral_id, w.instrument, w.timepoint, w.timepoint_inferred, w.response_date,
        w.file_hash, w.file_seq, w.line, w.items_answered, w.scorable, w.prorated,
        w.raw_total::DOUBLE AS swemwbs_raw,
        c.metric AS swemwbs_metric,
        NULL::DOUBLE AS esis
    FROM swemwbs AS w
    LEFT JOIN swemwbs_conversion AS c ON c.raw = w.raw_total
    UNION ALL
    SELECT
        e.referral_id, e.instrument, e.timepoint, e.timepoint_inferred, e.response_date,
        e.file_hash, e.file_seq, e.line, e.items_answered, e.scorable, e.prorated,
        NULL::DOUBLE AS swemwbs_raw,
        NULL::DOUBLE AS swemwbs_metric,
        CASE WHEN e.scorable THEN 25.0 * (e.item_sum - e.items_answered) / e.items_answered END AS esis
    FROM esis AS e
),
ranked AS (
    SELECT
        *,
        scorable AND row_number() OVER (
            PARTITION BY referral_id, instrument, timepoint, scorable
            ORDER BY response_date, file_seq DESC, line DESC
        ) = 1 AS selected
    FROM scored
)
SELECT
    referral_id, instrument, timepoint, timepoint_inferred, response_date,
    file_hash, file_seq, line, items_answered, scorable, prorated,
    swemwbs_raw, swemwbs_metric, esis,
    selected,
    NOT selected AND bool_or(selected) OVER (PARTITION BY referral_id, instrument, timepoint) AS duplicate
FROM ranked
