-- Themes (docs/extraction.md, "Themes"): a product has a kind, whose taxonomy files every
-- opinion under a theme (stability, price, food, ...). The kind and the product's own added
-- themes are kept with the product, so extraction files opinions as the configuration says;
-- each opinion keeps its theme (reviews.theme_summary, migration 0009, counts them). Opinions
-- stored before this are filed again when their posts are extracted again (the extractor
-- version changed with this migration).
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
