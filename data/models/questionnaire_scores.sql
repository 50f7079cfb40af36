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
        ((r.q1 IS NOT NULL)::INTEGER + (r.q2 IS NOT NULL)::INTEGER + (r.q3 IS NOT NULL)::INTEGER
            + (r.q4 IS NOT NULL)::INTEGER + (r.q5 IS NOT NULL)::INTEGER + (r.q6 IS NOT NULL)::INTEGER
            + (r.q7 IS NOT NULL)::INTEGER) AS items_answered,
        (coalesce(r.q1, 0)::INTEGER + coalesce(r.q2, 0) + coalesce(r.q3, 0) + coalesce(r.q4, 0)
            + coalesce(r.q5, 0) + coalesce(r.q6, 0) + coalesce(r.q7, 0)) AS item_sum,
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
        ((r.p1 IS NOT NULL)::INTEGER + (r.p2 IS NOT NULL)::INTEGER + (r.p3 IS NOT NULL)::INTEGER
            + (r.p4 IS NOT NULL)::INTEGER + (r.p5 IS NOT NULL)::INTEGER + (r.p6 IS NOT NULL)::INTEGER
            + (r.p7 IS NOT NULL)::INTEGER + (r.p8 IS NOT NULL)::INTEGER + (r.p9 IS NOT NULL)::INTEGER
            + (r.p10 IS NOT NULL)::INTEGER) AS items_answered,
        (coalesce(r.p1, 0)::INTEGER + coalesce(r.p2, 0) + coalesce(r.p3, 0) + coalesce(r.p4, 0)
            + coalesce(r.p5, 0) + coalesce(r.p6, 0) + coalesce(r.p7, 0) + coalesce(r.p8, 0)
            + coalesce(r.p9, 0) + coalesce(r.p10, 0)) AS item_sum,
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
    -- Scorable questionnaires sort first, so a group's first row is the
    -- selected one when the group has any scorable questionnaire.
    SELECT
        *,
        row_number() OVER w = 1 AS first_in_group,
        first_value(scorable) OVER w AS group_scorable
    FROM scored
    WINDOW w AS (
        PARTITION BY referral_id, instrument, timepoint
        ORDER BY scorable DESC, response_date, file_seq DESC, line DESC
    )
)
SELECT
    referral_id, instrument, timepoint, timepoint_inferred, response_date,
    file_hash, file_seq, line, items_answered, scorable, prorated,
    swemwbs_raw, swemwbs_metric, esis,
    first_in_group AND scorable AS selected,
    NOT (first_in_group AND scorable) AND group_scorable AS duplicate
FROM ranked
