-- One clock, and posts counted once (issue #26):
-- - every window (recent, previous) is counted back from reviews.as_of(): the session setting
--   reviews.as_of when set (SET reviews.as_of = '2026-11-20'), else now(); the report sets
--   the same setting, so report and views agree for any as-of;
-- - recent is (as_of - 30 days, as_of], previous the 30 days before; posts after the as-of are
--   in neither;
-- - pros and cons are distinct posts: a review that says the same in its title and its body
--   is one con, not two (mentions = pros + cons, as before);
-- - reviews.theme_summary (themes came with 0007) counts the same way.
-- depends: 0008_coverage_and_detail

CREATE FUNCTION reviews.as_of() RETURNS timestamptz
LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('reviews.as_of', true), '')::timestamptz, now())
$$;
COMMENT ON FUNCTION reviews.as_of() IS
    'The time every window of the views is counted back from: the session setting reviews.as_of when set, else now().';

-- Which window a time falls in: 'recent' (the 30 days up to the as-of), 'previous' (the 30
-- before), or null.
CREATE FUNCTION reviews.window_of(at timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN at > reviews.as_of() - interval '30 days' AND at <= reviews.as_of() THEN 'recent'
                WHEN at > reviews.as_of() - interval '60 days'
                 AND at <= reviews.as_of() - interval '30 days' THEN 'previous'
           END
$$;

CREATE OR REPLACE VIEW reviews.aspect_summary AS
WITH live AS (
    SELECT o.product, o.aspect, o.polarity, o.post_id, o.posted_at,
           reviews.window_of(o.posted_at) AS window_
    FROM reviews.opinions o
    WHERE NOT EXISTS (SELECT 1 FROM reviews.posts p WHERE p.id = o.post_id AND p.deleted_at IS NOT NULL)
)
SELECT l.product,
       l.aspect,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro') AS pros,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con') AS cons,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro')
         + count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con') AS mentions,
       round((count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro')
              - count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con'))::numeric
             / (count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro')
                + count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con')), 3) AS net_share,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro' AND l.window_ = 'recent') AS pros_recent,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con' AND l.window_ = 'recent') AS cons_recent,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro' AND l.window_ = 'previous') AS pros_previous,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con' AND l.window_ = 'previous') AS cons_previous,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro' AND l.window_ = 'recent')
         - count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro' AND l.window_ = 'previous') AS pros_change,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con' AND l.window_ = 'recent')
         - count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con' AND l.window_ = 'previous') AS cons_change,
       min(l.posted_at) AS first_seen,
       max(l.posted_at) AS last_seen
FROM live l
GROUP BY l.product, l.aspect;

COMMENT ON VIEW reviews.aspect_summary IS
    'One row per product and aspect: how many posts praise and criticise it, overall and in the 30 days up to reviews.as_of() against the 30 before.';
COMMENT ON COLUMN reviews.aspect_summary.pros IS 'Posts with a pro about the aspect, all time (a post counts once).';
COMMENT ON COLUMN reviews.aspect_summary.cons IS 'Posts with a con about the aspect, all time (a post counts once).';
COMMENT ON COLUMN reviews.aspect_summary.pros_recent IS 'Posts with a pro in the 30 days up to reviews.as_of() (now, unless the session sets reviews.as_of).';
COMMENT ON COLUMN reviews.aspect_summary.cons_recent IS 'Posts with a con in the 30 days up to reviews.as_of().';
COMMENT ON COLUMN reviews.aspect_summary.pros_previous IS 'Posts with a pro in the 30 days before the recent period.';
COMMENT ON COLUMN reviews.aspect_summary.cons_previous IS 'Posts with a con in the 30 days before the recent period.';

CREATE VIEW reviews.theme_summary AS
WITH live AS (
    SELECT o.product, o.theme, o.aspect, o.polarity, o.post_id, o.posted_at,
           reviews.window_of(o.posted_at) AS window_
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
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro' AND l.window_ = 'recent') AS pros_recent,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con' AND l.window_ = 'recent') AS cons_recent,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro' AND l.window_ = 'previous') AS pros_previous,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con' AND l.window_ = 'previous') AS cons_previous,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro' AND l.window_ = 'recent')
         - count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'pro' AND l.window_ = 'previous') AS pros_change,
       count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con' AND l.window_ = 'recent')
         - count(DISTINCT l.post_id) FILTER (WHERE l.polarity = 'con' AND l.window_ = 'previous') AS cons_change,
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
    'One row per product and theme of its kind: how many posts praise and criticise it, overall and in the 30 days up to reviews.as_of() against the 30 before, with its most mentioned aspects.';
COMMENT ON COLUMN reviews.theme_summary.product IS 'Product slug.';
COMMENT ON COLUMN reviews.theme_summary.theme IS 'Theme key of the product''s kind (e.g. stability, price, food); overall = the product as a whole; other = no theme fits.';
COMMENT ON COLUMN reviews.theme_summary.pros IS 'Posts with a pro filed under the theme, all time (a post counts once).';
COMMENT ON COLUMN reviews.theme_summary.cons IS 'Posts with a con filed under the theme, all time (a post counts once).';
COMMENT ON COLUMN reviews.theme_summary.mentions IS 'pros + cons.';
COMMENT ON COLUMN reviews.theme_summary.posts IS 'Posts with any opinion on the theme (a post with a pro and a con counts once).';
COMMENT ON COLUMN reviews.theme_summary.net_share IS '(pros - cons) / mentions, from -1 (all cons) to 1 (all pros).';
COMMENT ON COLUMN reviews.theme_summary.pros_recent IS 'Posts with a pro in the 30 days up to reviews.as_of() (now, unless the session sets reviews.as_of).';
COMMENT ON COLUMN reviews.theme_summary.cons_recent IS 'Posts with a con in the 30 days up to reviews.as_of().';
COMMENT ON COLUMN reviews.theme_summary.pros_previous IS 'Posts with a pro in the 30 days before the recent period.';
COMMENT ON COLUMN reviews.theme_summary.cons_previous IS 'Posts with a con in the 30 days before the recent period.';
COMMENT ON COLUMN reviews.theme_summary.pros_change IS 'pros_recent - pros_previous: positive when praise grows.';
COMMENT ON COLUMN reviews.theme_summary.cons_change IS 'cons_recent - cons_previous: positive when complaints grow (getting worse).';
COMMENT ON COLUMN reviews.theme_summary.top_aspects IS 'The theme''s five aspect keys mentioned in the most posts, most first.';
COMMENT ON COLUMN reviews.theme_summary.first_seen IS 'Time of the earliest post with an opinion on the theme.';
COMMENT ON COLUMN reviews.theme_summary.last_seen IS 'Time of the latest post with an opinion on the theme.';

CREATE OR REPLACE VIEW reviews.aspect_trend AS
SELECT o.product,
       o.aspect,
       date_trunc('week', o.posted_at) AS week,
       count(DISTINCT o.post_id) FILTER (WHERE o.polarity = 'pro') AS pros,
       count(DISTINCT o.post_id) FILTER (WHERE o.polarity = 'con') AS cons
FROM reviews.opinions o
WHERE NOT EXISTS (SELECT 1 FROM reviews.posts p WHERE p.id = o.post_id AND p.deleted_at IS NOT NULL)
GROUP BY o.product, o.aspect, date_trunc('week', o.posted_at);

COMMENT ON COLUMN reviews.aspect_trend.pros IS 'Posts with a pro posted that week.';
COMMENT ON COLUMN reviews.aspect_trend.cons IS 'Posts with a con posted that week.';

GRANT SELECT ON reviews.theme_summary TO reviews_reader;
GRANT EXECUTE ON FUNCTION reviews.as_of(), reviews.window_of(timestamptz) TO reviews_reader;
