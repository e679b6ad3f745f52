-- Views whose cost for one product does not grow with the rest of the database (see
-- docs/performance.md, benchmark 7). Same columns and meaning as before:
-- - posts deleted upstream are left out with an anti-join on the (few) deleted posts, through
--   a partial index, instead of a join with every post, which the planner did as a hash join
--   over the whole posts table;
-- - product_overview is computed per product (the first version ranked every product's aspects
--   before filtering).
-- depends: 0002_alerts_maintenance

CREATE INDEX posts_deleted_idx ON reviews.posts (id) WHERE deleted_at IS NOT NULL;

CREATE OR REPLACE VIEW reviews.aspect_summary AS
SELECT o.product,
       o.aspect,
       count(*) FILTER (WHERE o.polarity = 'pro') AS pros,
       count(*) FILTER (WHERE o.polarity = 'con') AS cons,
       count(*) AS mentions,
       round((count(*) FILTER (WHERE o.polarity = 'pro') - count(*) FILTER (WHERE o.polarity = 'con'))::numeric
             / count(*), 3) AS net_share,
       count(*) FILTER (WHERE o.polarity = 'pro' AND o.posted_at >= now() - interval '30 days') AS pros_recent,
       count(*) FILTER (WHERE o.polarity = 'con' AND o.posted_at >= now() - interval '30 days') AS cons_recent,
       count(*) FILTER (WHERE o.polarity = 'pro' AND o.posted_at >= now() - interval '60 days'
                                                 AND o.posted_at < now() - interval '30 days') AS pros_previous,
       count(*) FILTER (WHERE o.polarity = 'con' AND o.posted_at >= now() - interval '60 days'
                                                 AND o.posted_at < now() - interval '30 days') AS cons_previous,
       count(*) FILTER (WHERE o.polarity = 'pro' AND o.posted_at >= now() - interval '30 days')
         - count(*) FILTER (WHERE o.polarity = 'pro' AND o.posted_at >= now() - interval '60 days'
                                                   AND o.posted_at < now() - interval '30 days') AS pros_change,
       count(*) FILTER (WHERE o.polarity = 'con' AND o.posted_at >= now() - interval '30 days')
         - count(*) FILTER (WHERE o.polarity = 'con' AND o.posted_at >= now() - interval '60 days'
                                                   AND o.posted_at < now() - interval '30 days') AS cons_change,
       min(o.posted_at) AS first_seen,
       max(o.posted_at) AS last_seen
FROM reviews.opinions o
WHERE NOT EXISTS (SELECT 1 FROM reviews.posts p WHERE p.id = o.post_id AND p.deleted_at IS NOT NULL)
GROUP BY o.product, o.aspect;

CREATE OR REPLACE VIEW reviews.aspect_trend AS
SELECT o.product,
       o.aspect,
       date_trunc('week', o.posted_at) AS week,
       count(*) FILTER (WHERE o.polarity = 'pro') AS pros,
       count(*) FILTER (WHERE o.polarity = 'con') AS cons
FROM reviews.opinions o
WHERE NOT EXISTS (SELECT 1 FROM reviews.posts p WHERE p.id = o.post_id AND p.deleted_at IS NOT NULL)
GROUP BY o.product, o.aspect, date_trunc('week', o.posted_at);


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
             ORDER BY s.cons DESC, s.aspect LIMIT 5) AS top_cons
FROM reviews.products pr
LEFT JOIN LATERAL (
    SELECT count(*) AS posts,
           round(avg(p.rating)::numeric, 3) AS average_rating,
           count(p.rating) AS rated_posts
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
