-- The reviews schema: tables the pipeline writes, views product managers read, and their role.
-- Never edit this file once it has landed: add a new numbered migration instead.

CREATE SCHEMA IF NOT EXISTS reviews;

CREATE TABLE reviews.products (
    slug        text PRIMARY KEY CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$'),
    name        text NOT NULL,
    aliases     text[] NOT NULL DEFAULT '{}',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reviews.posts (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source              text NOT NULL,
    external_id         text NOT NULL,
    kind                text NOT NULL CHECK (kind IN ('post', 'comment', 'review')),
    parent_external_id  text,
    url                 text,
    author_hash         text,
    created_at          timestamptz NOT NULL,
    title               text,
    text                text NOT NULL DEFAULT '',
    rating              real CHECK (rating >= 0 AND rating <= 1),
    rating_raw          text,
    score               integer,
    language            text,
    content_hash        text NOT NULL,
    raw                 jsonb,
    deleted_at          timestamptz,
    first_seen_at       timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source, external_id)
);
CREATE INDEX posts_created_at_idx ON reviews.posts (created_at);

CREATE TABLE reviews.post_products (
    post_id     bigint NOT NULL REFERENCES reviews.posts (id) ON DELETE CASCADE,
    product     text NOT NULL REFERENCES reviews.products (slug) ON DELETE CASCADE,
    source_key  text NOT NULL,
    PRIMARY KEY (post_id, product)
);
CREATE INDEX post_products_product_idx ON reviews.post_products (product, source_key);

-- What extraction did with each post's current content; a post is due again when its
-- content hash or the extractor version differs from what is recorded here.
CREATE TABLE reviews.extractions (
    post_id            bigint PRIMARY KEY REFERENCES reviews.posts (id) ON DELETE CASCADE,
    content_hash       text NOT NULL,
    extractor_version  text NOT NULL,
    status             text NOT NULL CHECK (status IN ('extracted', 'skipped')),
    reason             text,
    opinions           integer NOT NULL DEFAULT 0,
    extracted_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reviews.opinions (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id            bigint NOT NULL REFERENCES reviews.posts (id) ON DELETE CASCADE,
    product            text NOT NULL REFERENCES reviews.products (slug) ON DELETE CASCADE,
    field              text NOT NULL DEFAULT 'text' CHECK (field IN ('title', 'text')),
    aspect             text NOT NULL,
    aspect_text        text NOT NULL,
    aspect_start       integer NOT NULL,
    aspect_end         integer NOT NULL,
    opinion_text       text NOT NULL,
    opinion_start      integer NOT NULL,
    opinion_end        integer NOT NULL,
    polarity           text NOT NULL CHECK (polarity IN ('pro', 'con')),
    negated            boolean NOT NULL DEFAULT false,
    confidence         real NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    sentence_start     integer NOT NULL,
    sentence_end       integer NOT NULL,
    posted_at          timestamptz NOT NULL,
    extractor_version  text NOT NULL,
    CHECK (0 <= aspect_start AND aspect_start < aspect_end),
    CHECK (0 <= opinion_start AND opinion_start < opinion_end),
    CHECK (0 <= sentence_start AND sentence_start < sentence_end)
);
CREATE INDEX opinions_post_idx ON reviews.opinions (post_id);
CREATE INDEX opinions_product_aspect_idx ON reviews.opinions (product, aspect, polarity);
CREATE INDEX opinions_product_time_idx ON reviews.opinions (product, posted_at);

CREATE TABLE reviews.source_cursors (
    product     text NOT NULL REFERENCES reviews.products (slug) ON DELETE CASCADE,
    source_key  text NOT NULL,
    position    jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product, source_key)
);

CREATE TABLE reviews.runs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('ingest', 'extract')),
    product      text,
    source_key   text,
    status       text NOT NULL CHECK (status IN ('running', 'success', 'failed')),
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    counts       jsonb NOT NULL DEFAULT '{}',
    error        text
);
CREATE INDEX runs_kind_product_idx ON reviews.runs (kind, product, source_key, started_at DESC);

CREATE TABLE reviews.alerts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product       text NOT NULL REFERENCES reviews.products (slug) ON DELETE CASCADE,
    aspect        text NOT NULL,
    period_start  timestamptz NOT NULL,
    period_end    timestamptz NOT NULL,
    cons          integer NOT NULL,
    baseline      real NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    notified_at   timestamptz,
    UNIQUE (product, aspect, period_start)
);

-- Views: the stable surface for product managers. "Recent" means the 30 days before now().

CREATE VIEW reviews.opinion_evidence AS
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
       o.extractor_version
FROM reviews.opinions o
JOIN reviews.posts p ON p.id = o.post_id
WHERE p.deleted_at IS NULL;

COMMENT ON VIEW reviews.opinion_evidence IS
    'One row per pro or con, with the exact sentence it came from and a link to the post.';
COMMENT ON COLUMN reviews.opinion_evidence.opinion_id IS 'Stable id of the opinion.';
COMMENT ON COLUMN reviews.opinion_evidence.product IS 'Product slug from the configuration.';
COMMENT ON COLUMN reviews.opinion_evidence.aspect IS 'Normalised aspect key, e.g. battery, price.';
COMMENT ON COLUMN reviews.opinion_evidence.polarity IS 'pro or con.';
COMMENT ON COLUMN reviews.opinion_evidence.confidence IS 'Extractor confidence, 0 to 1.';
COMMENT ON COLUMN reviews.opinion_evidence.negated IS 'True when the opinion was negated ("not great").';
COMMENT ON COLUMN reviews.opinion_evidence.aspect_text IS 'The aspect as written in the post.';
COMMENT ON COLUMN reviews.opinion_evidence.opinion_text IS 'The opinion words as written in the post.';
COMMENT ON COLUMN reviews.opinion_evidence.sentence IS 'The whole sentence the opinion was found in.';
COMMENT ON COLUMN reviews.opinion_evidence.post_id IS 'Internal id of the post.';
COMMENT ON COLUMN reviews.opinion_evidence.url IS 'Link to the post, where the source has one.';
COMMENT ON COLUMN reviews.opinion_evidence.source IS 'Where the post came from: reddit, steam, file, ...';
COMMENT ON COLUMN reviews.opinion_evidence.kind IS 'post, comment or review.';
COMMENT ON COLUMN reviews.opinion_evidence.rating IS 'The post''s star rating scaled to 0..1, where the source has one.';
COMMENT ON COLUMN reviews.opinion_evidence.posted_at IS 'When the post was written (UTC).';
COMMENT ON COLUMN reviews.opinion_evidence.extractor_version IS 'Version of the extractor that found it.';

CREATE VIEW reviews.aspect_summary AS
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
JOIN reviews.posts p ON p.id = o.post_id
WHERE p.deleted_at IS NULL
GROUP BY o.product, o.aspect;

COMMENT ON VIEW reviews.aspect_summary IS
    'One row per product and aspect: how often it is praised and criticised, overall and in the last 30 days against the 30 before.';
COMMENT ON COLUMN reviews.aspect_summary.product IS 'Product slug.';
COMMENT ON COLUMN reviews.aspect_summary.aspect IS 'Normalised aspect key.';
COMMENT ON COLUMN reviews.aspect_summary.pros IS 'Number of pros about the aspect, all time.';
COMMENT ON COLUMN reviews.aspect_summary.cons IS 'Number of cons about the aspect, all time.';
COMMENT ON COLUMN reviews.aspect_summary.mentions IS 'pros + cons.';
COMMENT ON COLUMN reviews.aspect_summary.net_share IS '(pros - cons) / mentions, from -1 (all cons) to 1 (all pros).';
COMMENT ON COLUMN reviews.aspect_summary.pros_recent IS 'Pros in the 30 days before now.';
COMMENT ON COLUMN reviews.aspect_summary.cons_recent IS 'Cons in the 30 days before now.';
COMMENT ON COLUMN reviews.aspect_summary.pros_previous IS 'Pros in the 30 days before the recent period.';
COMMENT ON COLUMN reviews.aspect_summary.cons_previous IS 'Cons in the 30 days before the recent period.';
COMMENT ON COLUMN reviews.aspect_summary.pros_change IS 'pros_recent - pros_previous: positive when praise grows.';
COMMENT ON COLUMN reviews.aspect_summary.cons_change IS 'cons_recent - cons_previous: positive when complaints grow (getting worse).';
COMMENT ON COLUMN reviews.aspect_summary.first_seen IS 'Time of the earliest post with an opinion on the aspect.';
COMMENT ON COLUMN reviews.aspect_summary.last_seen IS 'Time of the latest post with an opinion on the aspect.';

CREATE VIEW reviews.aspect_trend AS
SELECT o.product,
       o.aspect,
       date_trunc('week', o.posted_at) AS week,
       count(*) FILTER (WHERE o.polarity = 'pro') AS pros,
       count(*) FILTER (WHERE o.polarity = 'con') AS cons
FROM reviews.opinions o
JOIN reviews.posts p ON p.id = o.post_id
WHERE p.deleted_at IS NULL
GROUP BY o.product, o.aspect, date_trunc('week', o.posted_at);

COMMENT ON VIEW reviews.aspect_trend IS 'One row per product, aspect and ISO week (starting Monday, UTC): pros and cons.';
COMMENT ON COLUMN reviews.aspect_trend.product IS 'Product slug.';
COMMENT ON COLUMN reviews.aspect_trend.aspect IS 'Normalised aspect key.';
COMMENT ON COLUMN reviews.aspect_trend.week IS 'Monday 00:00 UTC of the week.';
COMMENT ON COLUMN reviews.aspect_trend.pros IS 'Pros posted that week.';
COMMENT ON COLUMN reviews.aspect_trend.cons IS 'Cons posted that week.';

CREATE VIEW reviews.product_overview AS
WITH post_counts AS (
    SELECT pp.product,
           count(*) AS posts,
           round(avg(p.rating)::numeric, 3) AS average_rating,
           count(p.rating) AS rated_posts
    FROM reviews.post_products pp
    JOIN reviews.posts p ON p.id = pp.post_id
    WHERE p.deleted_at IS NULL
    GROUP BY pp.product
),
ranked AS (
    SELECT s.*,
           row_number() OVER (PARTITION BY s.product ORDER BY s.pros DESC, s.aspect) AS pro_rank,
           row_number() OVER (PARTITION BY s.product ORDER BY s.cons DESC, s.aspect) AS con_rank
    FROM reviews.aspect_summary s
)
SELECT pr.slug AS product,
       pr.name,
       coalesce(pc.posts, 0) AS posts,
       coalesce((SELECT sum(r.mentions) FROM ranked r WHERE r.product = pr.slug), 0) AS opinions,
       pc.average_rating,
       coalesce(pc.rated_posts, 0) AS rated_posts,
       ARRAY(SELECT r.aspect FROM ranked r
             WHERE r.product = pr.slug AND r.pros > 0 AND r.pro_rank <= 5 ORDER BY r.pro_rank) AS top_pros,
       ARRAY(SELECT r.aspect FROM ranked r
             WHERE r.product = pr.slug AND r.cons > 0 AND r.con_rank <= 5 ORDER BY r.con_rank) AS top_cons
FROM reviews.products pr
LEFT JOIN post_counts pc ON pc.product = pr.slug;

COMMENT ON VIEW reviews.product_overview IS 'One row per product: posts, opinions, average rating and its five most praised and most criticised aspects.';
COMMENT ON COLUMN reviews.product_overview.product IS 'Product slug.';
COMMENT ON COLUMN reviews.product_overview.name IS 'Product name from the configuration.';
COMMENT ON COLUMN reviews.product_overview.posts IS 'Posts, comments and reviews collected for the product (deleted ones excluded).';
COMMENT ON COLUMN reviews.product_overview.opinions IS 'Pros and cons found about the product.';
COMMENT ON COLUMN reviews.product_overview.average_rating IS 'Mean star rating scaled to 0..1, over posts whose source has ratings.';
COMMENT ON COLUMN reviews.product_overview.rated_posts IS 'How many posts the average rating is over.';
COMMENT ON COLUMN reviews.product_overview.top_pros IS 'The five aspects with the most pros, most first.';
COMMENT ON COLUMN reviews.product_overview.top_cons IS 'The five aspects with the most cons, most first.';

CREATE VIEW reviews.source_health AS
WITH latest AS (
    SELECT DISTINCT ON (r.product, r.source_key) r.product, r.source_key, r.status, r.counts, r.error, r.started_at
    FROM reviews.runs r
    WHERE r.kind = 'ingest' AND r.status <> 'running'
    ORDER BY r.product, r.source_key, r.started_at DESC
)
SELECT l.product,
       l.source_key AS source,
       (SELECT max(r.finished_at) FROM reviews.runs r
        WHERE r.kind = 'ingest' AND r.product = l.product AND r.source_key = l.source_key
          AND r.status = 'success') AS last_success,
       (SELECT max(r.finished_at) FROM reviews.runs r
        WHERE r.kind = 'ingest' AND r.product = l.product AND r.source_key = l.source_key
          AND r.status = 'failed') AS last_error_at,
       (SELECT r.error FROM reviews.runs r
        WHERE r.kind = 'ingest' AND r.product = l.product AND r.source_key = l.source_key
          AND r.status = 'failed' ORDER BY r.started_at DESC LIMIT 1) AS last_error,
       l.status AS last_status,
       coalesce((l.counts ->> 'fetched')::integer, 0) AS items_last_run,
       coalesce((l.counts ->> 'new')::integer, 0) AS new_last_run
FROM latest l;

COMMENT ON VIEW reviews.source_health IS 'One row per product and source: when it last worked, its last error, and what the last run brought.';
COMMENT ON COLUMN reviews.source_health.product IS 'Product slug.';
COMMENT ON COLUMN reviews.source_health.source IS 'Source type and its label, e.g. reddit:tf2+truegaming.';
COMMENT ON COLUMN reviews.source_health.last_success IS 'End of the last successful ingest.';
COMMENT ON COLUMN reviews.source_health.last_error_at IS 'End of the last failed ingest.';
COMMENT ON COLUMN reviews.source_health.last_error IS 'Message of the last failed ingest.';
COMMENT ON COLUMN reviews.source_health.last_status IS 'success or failed, for the latest ingest.';
COMMENT ON COLUMN reviews.source_health.items_last_run IS 'Items fetched by the latest ingest.';
COMMENT ON COLUMN reviews.source_health.new_last_run IS 'New items stored by the latest ingest.';

-- The read-only role for product managers: the views, nothing else.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reviews_reader') THEN
        CREATE ROLE reviews_reader NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;  -- another database on the same server created it at the same moment
END
$$;

GRANT USAGE ON SCHEMA reviews TO reviews_reader;
GRANT SELECT ON reviews.aspect_summary, reviews.aspect_trend, reviews.opinion_evidence,
                reviews.product_overview, reviews.source_health TO reviews_reader;
