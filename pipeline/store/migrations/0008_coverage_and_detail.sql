-- What was not read, each post whole, and each source in its own terms (issue #26):
-- - reviews.coverage: per product and source, how many posts were analysed, gave opinions, or
--   were not analysed and why (another language, empty, deleted), so no report hides it;
-- - reviews.post_detail: one post whole, for a product manager to read the review behind a
--   quote (never its author);
-- - posts keep the App Store's app version and country as columns;
-- - product_overview: Steam's thumbs are a share of reviews that recommend, never stars.
-- depends: 0007_themes

ALTER TABLE reviews.posts
    ADD COLUMN app_version text,
    ADD COLUMN country text;

-- Stored App Store reviews have both in their raw record already.
UPDATE reviews.posts
SET app_version = raw -> 'im:version' ->> 'label',
    country = substring(url FROM '^https://apps\.apple\.com/([a-z]{2})/')
WHERE source = 'appstore';

-- The reason a post was not analysed, as counted: "language nl (only English is extracted)"
-- is "language nl".
CREATE FUNCTION reviews.skip_label(reason text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN reason LIKE 'language %' THEN split_part(reason, ' (', 1) ELSE reason END
$$;

CREATE VIEW reviews.coverage AS
SELECT pp.product,
       pp.source_key AS source,
       count(*) AS posts,
       count(*) FILTER (WHERE e.status = 'extracted') AS analysed,
       count(*) FILTER (WHERE e.status = 'extracted'
                          AND EXISTS (SELECT 1 FROM reviews.opinions o
                                      WHERE o.post_id = pp.post_id AND o.product = pp.product))
           AS with_opinions,
       count(*) FILTER (WHERE e.status = 'skipped') AS not_analysed,
       count(*) FILTER (WHERE e.post_id IS NULL) AS pending,
       coalesce((SELECT jsonb_object_agg(r.reason, r.posts ORDER BY r.reason)
                 FROM (SELECT reviews.skip_label(e2.reason) AS reason, count(*) AS posts
                       FROM reviews.post_products pp2
                       JOIN reviews.extractions e2 ON e2.post_id = pp2.post_id
                       WHERE pp2.product = pp.product AND pp2.source_key = pp.source_key
                         AND e2.status = 'skipped'
                       GROUP BY 1) r),
                '{}'::jsonb) AS not_analysed_reasons
FROM reviews.post_products pp
LEFT JOIN reviews.extractions e ON e.post_id = pp.post_id
GROUP BY pp.product, pp.source_key;

COMMENT ON VIEW reviews.coverage IS
    'One row per product and source: how many posts were analysed, how many gave an opinion, and how many were not analysed and why.';
COMMENT ON COLUMN reviews.coverage.product IS 'Product slug.';
COMMENT ON COLUMN reviews.coverage.source IS 'Source type and its label, e.g. appstore:nl/1234 (as in source_health).';
COMMENT ON COLUMN reviews.coverage.posts IS 'Posts collected from the source for the product, deleted ones included.';
COMMENT ON COLUMN reviews.coverage.analysed IS 'Posts the extractor read (English, not empty, not deleted).';
COMMENT ON COLUMN reviews.coverage.with_opinions IS 'Analysed posts with at least one pro or con about the product.';
COMMENT ON COLUMN reviews.coverage.not_analysed IS 'Posts stored but not read: another language, empty, or deleted upstream.';
COMMENT ON COLUMN reviews.coverage.pending IS 'Posts not yet extracted (the next extraction reads them).';
COMMENT ON COLUMN reviews.coverage.not_analysed_reasons IS 'Why posts were not analysed, with their numbers: {"language nl": 42, "empty": 1, "deleted upstream": 2}.';

CREATE VIEW reviews.post_detail AS
SELECT p.id AS post_id,
       pp.product,
       pp.source_key AS source,
       p.kind,
       p.title,
       p.text,
       p.url,
       p.rating,
       p.rating_raw,
       p.app_version,
       p.country,
       p.language,
       p.created_at AS posted_at,
       p.deleted_at IS NOT NULL AS deleted,
       coalesce(e.status, 'pending') AS extraction_status,
       CASE WHEN e.status = 'skipped' THEN reviews.skip_label(e.reason) END AS not_analysed_reason,
       (SELECT count(*) FROM reviews.opinions o
        WHERE o.post_id = p.id AND o.product = pp.product) AS opinions
FROM reviews.posts p
JOIN reviews.post_products pp ON pp.post_id = p.id
LEFT JOIN reviews.extractions e ON e.post_id = p.id;

COMMENT ON VIEW reviews.post_detail IS
    'One row per post and product: the whole post, where it came from and what extraction made of it. Never its author.';
COMMENT ON COLUMN reviews.post_detail.post_id IS 'Internal id of the post (opinion_evidence.post_id).';
COMMENT ON COLUMN reviews.post_detail.product IS 'Product slug the post was collected for.';
COMMENT ON COLUMN reviews.post_detail.source IS 'Source type and its label, as in source_health.';
COMMENT ON COLUMN reviews.post_detail.kind IS 'post, comment or review.';
COMMENT ON COLUMN reviews.post_detail.title IS 'Title, where the source has one (empty once deleted upstream).';
COMMENT ON COLUMN reviews.post_detail.text IS 'The full text as stored (empty once deleted upstream).';
COMMENT ON COLUMN reviews.post_detail.url IS 'Link to the post, where the source has one.';
COMMENT ON COLUMN reviews.post_detail.rating IS 'Rating scaled to 0..1 (stars; for Steam 1 = recommended, 0 = not).';
COMMENT ON COLUMN reviews.post_detail.rating_raw IS 'The rating as the source gives it: 4/5, recommended, ...';
COMMENT ON COLUMN reviews.post_detail.app_version IS 'App version the review was written for (App Store).';
COMMENT ON COLUMN reviews.post_detail.country IS 'Store country of the review (App Store), two letters.';
COMMENT ON COLUMN reviews.post_detail.language IS 'Language code, given by the source or detected.';
COMMENT ON COLUMN reviews.post_detail.posted_at IS 'When the post was written (UTC).';
COMMENT ON COLUMN reviews.post_detail.deleted IS 'True when deleted upstream (text and title are gone).';
COMMENT ON COLUMN reviews.post_detail.extraction_status IS 'extracted, skipped (not analysed) or pending.';
COMMENT ON COLUMN reviews.post_detail.not_analysed_reason IS 'Why it was not analysed: language xx, empty, deleted upstream.';
COMMENT ON COLUMN reviews.post_detail.opinions IS 'Pros and cons found in it about the product.';

-- A product's average stars leave Steam out (its thumbs are not stars); Steam's own figure is
-- the share of reviews that recommend.
CREATE OR REPLACE VIEW reviews.product_overview AS
SELECT pr.slug AS product,
       pr.name,
       coalesce(pc.posts, 0) AS posts,
       coalesce(oc.opinions, 0) AS opinions,
       pc.average_rating,
       coalesce(pc.rated_posts, 0) AS rated_posts,
       ARRAY(SELECT s.aspect FROM reviews.aspect_summary s
             WHERE s.product = pr.slug AND s.pros > 0
             ORDER BY s.pros DESC, s.aspect LIMIT 5) AS top_pros,
       ARRAY(SELECT s.aspect FROM reviews.aspect_summary s
             WHERE s.product = pr.slug AND s.cons > 0
             ORDER BY s.cons DESC, s.aspect LIMIT 5) AS top_cons,
       pc.recommended_share,
       coalesce(pc.steam_reviews, 0) AS steam_reviews
FROM reviews.products pr
LEFT JOIN LATERAL (
    SELECT count(*) AS posts,
           round(avg(p.rating) FILTER (WHERE p.source <> 'steam')::numeric, 3) AS average_rating,
           count(p.rating) FILTER (WHERE p.source <> 'steam') AS rated_posts,
           round(avg(p.rating) FILTER (WHERE p.source = 'steam')::numeric, 3) AS recommended_share,
           count(p.rating) FILTER (WHERE p.source = 'steam') AS steam_reviews
    FROM reviews.post_products pp
    JOIN reviews.posts p ON p.id = pp.post_id
    WHERE pp.product = pr.slug AND p.deleted_at IS NULL
) pc ON true
LEFT JOIN LATERAL (
    SELECT count(*)::numeric AS opinions
    FROM reviews.opinions o
    WHERE o.product = pr.slug
      AND NOT EXISTS (SELECT 1 FROM reviews.posts p WHERE p.id = o.post_id AND p.deleted_at IS NOT NULL)
) oc ON true;

COMMENT ON COLUMN reviews.product_overview.average_rating IS 'Mean star rating scaled to 0..1, over posts whose source gives stars (Steam''s thumbs left out).';
COMMENT ON COLUMN reviews.product_overview.rated_posts IS 'How many posts the average star rating is over.';
COMMENT ON COLUMN reviews.product_overview.recommended_share IS 'Share of the product''s Steam reviews that recommend it, 0..1 (null without Steam reviews).';
COMMENT ON COLUMN reviews.product_overview.steam_reviews IS 'How many Steam reviews recommended_share is over.';

GRANT SELECT ON reviews.coverage, reviews.post_detail TO reviews_reader;
