-- Themes (docs/extraction.md, "Themes"): a product has a kind, whose taxonomy files every
-- opinion under a theme (stability, price, food, ...). The kind and the product's own added
-- themes are kept with the product, so extraction files opinions as the configuration says;
-- each opinion keeps its theme. Opinions stored before this are filed again when their posts
-- are extracted again (the extractor version changed with this migration).
-- depends: 0006_steam_urls_without_authors

ALTER TABLE reviews.products
    ADD COLUMN kind text NOT NULL DEFAULT 'other'
        CHECK (kind IN ('app', 'game', 'device', 'restaurant', 'hotel', 'other')),
    ADD COLUMN themes jsonb NOT NULL DEFAULT '[]'::jsonb;

ALTER TABLE reviews.opinions ADD COLUMN theme text NOT NULL DEFAULT 'other';
UPDATE reviews.opinions SET theme = 'overall' WHERE aspect = 'overall';
CREATE INDEX opinions_product_theme_idx ON reviews.opinions (product, theme, polarity);

-- The evidence gains the theme, as its last column (a view's columns keep their places).
CREATE OR REPLACE VIEW reviews.opinion_evidence AS
SELECT o.id AS opinion_id,
       o.product,
       o.aspect,
       o.polarity,
       o.confidence,
       o.negated,
       o.aspect_text,
       o.opinion_text,
       substr(CASE o.field WHEN 'title' THEN p.title ELSE p.text END,
              o.sentence_start + 1, o.sentence_end - o.sentence_start) AS sentence,
       p.id AS post_id,
       p.url,
       p.source,
       p.kind,
       p.rating,
       o.posted_at,
       o.extractor_version,
       o.theme
FROM reviews.opinions o
JOIN reviews.posts p ON p.id = o.post_id
WHERE p.deleted_at IS NULL;

COMMENT ON COLUMN reviews.opinion_evidence.theme IS
    'Theme of the product''s kind the opinion is filed under (e.g. stability, price, food); overall = the product as a whole; other = no theme fits.';

CREATE VIEW reviews.theme_summary AS
WITH live AS (
    SELECT o.product, o.theme, o.aspect, o.polarity, o.post_id, o.posted_at
    FROM reviews.opinions o
    WHERE NOT EXISTS (SELECT 1 FROM reviews.posts p WHERE p.id = o.post_id AND p.deleted_at IS NOT NULL)
)
SELECT l.product,
       l.theme,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro') AS pros,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con') AS cons,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro')
         + count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con') AS mentions,
       count(DISTINCT l.post_id) AS posts,
       round((count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro')
              - count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con'))::numeric
             / (count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro')
                + count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con')), 3) AS net_share,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro' AND l.posted_at >= now() - interval '30 days') AS pros_recent,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con' AND l.posted_at >= now() - interval '30 days') AS cons_recent,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro' AND l.posted_at >= now() - interval '60 days'
                                               AND l.posted_at < now() - interval '30 days') AS pros_previous,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con' AND l.posted_at >= now() - interval '60 days'
                                               AND l.posted_at < now() - interval '30 days') AS cons_previous,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro' AND l.posted_at >= now() - interval '30 days')
         - count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro' AND l.posted_at >= now() - interval '60 days'
                                                 AND l.posted_at < now() - interval '30 days') AS pros_change,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con' AND l.posted_at >= now() - interval '30 days')
         - count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con' AND l.posted_at >= now() - interval '60 days'
                                                 AND l.posted_at < now() - interval '30 days') AS cons_change,
       ARRAY(SELECT t.aspect
             FROM live t
             WHERE t.product = l.product AND t.theme = l.theme
             GROUP BY t.aspect
             ORDER BY count(DISTINCT t.post_id) DESC, t.aspect
             LIMIT 5) AS top_aspects,
       min(l.posted_at) AS first_seen,
       max(l.posted_at) AS last_seen
FROM live l
GROUP BY l.product, l.theme;

COMMENT ON VIEW reviews.theme_summary IS
    'One row per product and theme: how many posts praise and criticise it, overall and in the last 30 days against the 30 before, with its most mentioned aspects.';
COMMENT ON COLUMN reviews.theme_summary.product IS 'Product slug.';
COMMENT ON COLUMN reviews.theme_summary.theme IS 'Theme key of the product''s kind (e.g. stability, price, food); overall = the product as a whole; other = no theme fits.';
COMMENT ON COLUMN reviews.theme_summary.pros IS 'Posts with a pro filed under the theme, all time (a post counts once).';
COMMENT ON COLUMN reviews.theme_summary.cons IS 'Posts with a con filed under the theme, all time (a post counts once).';
COMMENT ON COLUMN reviews.theme_summary.mentions IS 'pros + cons.';
COMMENT ON COLUMN reviews.theme_summary.posts IS 'Posts with any opinion on the theme (a post with a pro and a con counts once).';
COMMENT ON COLUMN reviews.theme_summary.net_share IS '(pros - cons) / mentions, from -1 (all cons) to 1 (all pros).';
COMMENT ON COLUMN reviews.theme_summary.pros_recent IS 'Posts with a pro in the 30 days before now.';
COMMENT ON COLUMN reviews.theme_summary.cons_recent IS 'Posts with a con in the 30 days before now.';
COMMENT ON COLUMN reviews.theme_summary.pros_previous IS 'Posts with a pro in the 30 days before the recent period.';
COMMENT ON COLUMN reviews.theme_summary.cons_previous IS 'Posts with a con in the 30 days before the recent period.';
COMMENT ON COLUMN reviews.theme_summary.pros_change IS 'pros_recent - pros_previous: positive when praise grows.';
COMMENT ON COLUMN reviews.theme_summary.cons_change IS 'cons_recent - cons_previous: positive when complaints grow (getting worse).';
COMMENT ON COLUMN reviews.theme_summary.top_aspects IS 'The theme''s five aspect keys mentioned in the most posts, most first.';
COMMENT ON COLUMN reviews.theme_summary.first_seen IS 'Time of the earliest post with an opinion on the theme.';
COMMENT ON COLUMN reviews.theme_summary.last_seen IS 'Time of the latest post with an opinion on the theme.';

GRANT SELECT ON reviews.theme_summary TO reviews_reader;
