-- Named queries of the pipeline. Each starts with "-- name: NAME" and a comment saying what it
-- is for; values are always passed as parameters, never formatted into the text.

-- name: create_post_staging
-- Session-local staging table that COPY fills before one upsert into reviews.posts.
CREATE TEMP TABLE post_staging (
    source text, external_id text, kind text, parent_external_id text, url text,
    author_hash text, created_at timestamptz, title text, text text, rating real,
    rating_raw text, score integer, language text, content_hash text, raw jsonb,
    deleted boolean, app_version text, country text
) ON COMMIT DROP;

-- name: upsert_posts
-- Insert new posts and update changed ones; unchanged rows are left alone (and not returned).
-- Posts of people who asked to be forgotten are never stored again.
-- A post deleted upstream loses its text, title and raw JSON and keeps only its metadata.
INSERT INTO reviews.posts AS p (
    source, external_id, kind, parent_external_id, url, author_hash, created_at, title, text,
    rating, rating_raw, score, language, content_hash, raw, deleted_at, app_version, country
)
SELECT DISTINCT ON (source, external_id)
       source, external_id, kind, parent_external_id, url, author_hash, created_at, title, text,
       rating, rating_raw, score, language, content_hash, raw,
       CASE WHEN deleted THEN now() END, app_version, country
FROM post_staging s
WHERE NOT EXISTS (SELECT 1 FROM reviews.forgotten_authors f
                  WHERE f.source = s.source AND f.author_hash = s.author_hash)
ORDER BY source, external_id
ON CONFLICT (source, external_id) DO UPDATE SET
    kind = EXCLUDED.kind,
    parent_external_id = EXCLUDED.parent_external_id,
    url = EXCLUDED.url,
    author_hash = EXCLUDED.author_hash,
    created_at = EXCLUDED.created_at,
    title = EXCLUDED.title,
    text = EXCLUDED.text,
    rating = EXCLUDED.rating,
    rating_raw = EXCLUDED.rating_raw,
    score = EXCLUDED.score,
    language = EXCLUDED.language,
    app_version = EXCLUDED.app_version,
    country = EXCLUDED.country,
    content_hash = EXCLUDED.content_hash,
    raw = EXCLUDED.raw,
    deleted_at = CASE WHEN EXCLUDED.deleted_at IS NULL THEN NULL
                      ELSE coalesce(p.deleted_at, EXCLUDED.deleted_at) END,
    updated_at = now()
WHERE (p.content_hash, p.score, p.rating, p.url, p.kind, p.language, p.deleted_at IS NULL)
      IS DISTINCT FROM
      (EXCLUDED.content_hash, EXCLUDED.score, EXCLUDED.rating, EXCLUDED.url, EXCLUDED.kind,
       EXCLUDED.language, EXCLUDED.deleted_at IS NULL)
RETURNING p.id, (xmax = 0) AS inserted, (p.deleted_at IS NOT NULL) AS deleted;

-- name: link_posts_to_product
-- Attribute every staged post to the product it was collected for (once per product).
INSERT INTO reviews.post_products (post_id, product, source_key)
SELECT p.id, %(product)s, %(source_key)s
FROM post_staging s
JOIN reviews.posts p ON p.source = s.source AND p.external_id = s.external_id
ON CONFLICT (post_id, product) DO NOTHING;

-- name: purge_opinions_of_deleted
-- Opinions of posts deleted upstream go with them.
DELETE FROM reviews.opinions o
USING reviews.posts p
WHERE o.post_id = p.id AND p.deleted_at IS NOT NULL AND p.id = ANY(%(post_ids)s);

-- name: product_filing
-- How a product's opinions are filed now: its kind and added themes (none if it is new).
SELECT kind, themes FROM reviews.products WHERE slug = %(slug)s;

-- name: upsert_product
-- Keep reviews.products in step with the configuration.
INSERT INTO reviews.products (slug, name, aliases, kind, themes)
VALUES (%(slug)s, %(name)s, %(aliases)s, %(kind)s, %(themes)s)
ON CONFLICT (slug) DO UPDATE SET
    name = EXCLUDED.name, aliases = EXCLUDED.aliases, kind = EXCLUDED.kind,
    themes = EXCLUDED.themes, updated_at = now()
WHERE (reviews.products.name, reviews.products.aliases, reviews.products.kind, reviews.products.themes)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.aliases, EXCLUDED.kind, EXCLUDED.themes);

-- name: refile_product
-- A product's kind or themes changed: its posts are due for extraction again, so their
-- opinions are filed under the new themes (the extraction record is kept, marked stale).
UPDATE reviews.extractions e
SET extractor_version = 'refile'
FROM reviews.post_products pp
WHERE pp.post_id = e.post_id AND pp.product = %(slug)s;

-- name: read_cursor
-- Where the last committed ingest of one (product, source) stopped.
SELECT position FROM reviews.source_cursors WHERE product = %(product)s AND source_key = %(source_key)s;

-- name: write_cursor
-- Move the cursor; called in the transaction that stored the posts it covers.
INSERT INTO reviews.source_cursors (product, source_key, position)
VALUES (%(product)s, %(source_key)s, %(position)s)
ON CONFLICT (product, source_key) DO UPDATE SET position = EXCLUDED.position, updated_at = now();

-- name: start_run
-- Record that an ingest or extract began.
INSERT INTO reviews.runs (kind, product, source_key, status)
VALUES (%(kind)s, %(product)s, %(source_key)s, 'running')
RETURNING id;

-- name: finish_run
-- Record how an ingest or extract ended.
UPDATE reviews.runs
SET status = %(status)s, finished_at = now(), counts = %(counts)s, error = %(error)s
WHERE id = %(run_id)s;

-- name: due_batches
-- Id ranges of posts due for extraction (new, changed, or extracted by another version): the
-- units the DAG maps extraction over. Each holds batch_size due posts, or more where that
-- would make more than max_batches ranges (Airflow maps at most 1,024 tasks from one list).
WITH due AS (
    SELECT p.id
    FROM reviews.posts p
    LEFT JOIN reviews.extractions e ON e.post_id = p.id
    WHERE e.post_id IS NULL
       OR e.content_hash <> p.content_hash
       OR e.extractor_version <> %(version)s
),
size AS (
    SELECT greatest(%(batch_size)s, ceil(count(*)::numeric / %(max_batches)s))::bigint AS posts
    FROM due
),
numbered AS (
    SELECT id, (row_number() OVER (ORDER BY id) - 1) / (SELECT posts FROM size) AS batch FROM due
)
SELECT min(id) AS first_id, max(id) AS last_id, count(*) AS posts
FROM numbered GROUP BY batch ORDER BY batch;

-- name: due_posts
-- The posts of one id range that are due for extraction, with the products they belong to.
SELECT p.id, p.title, p.text, p.language, p.content_hash, p.created_at, p.deleted_at,
       array_agg(pp.product ORDER BY pp.product) AS products
FROM reviews.posts p
JOIN reviews.post_products pp ON pp.post_id = p.id
LEFT JOIN reviews.extractions e ON e.post_id = p.id
WHERE p.id BETWEEN %(first_id)s AND %(last_id)s
  AND (e.post_id IS NULL OR e.content_hash <> p.content_hash OR e.extractor_version <> %(version)s)
GROUP BY p.id
ORDER BY p.id
LIMIT %(limit)s;

-- name: create_opinion_staging
-- Session-local staging table that COPY fills before the opinions of a batch are replaced.
CREATE TEMP TABLE opinion_staging (
    post_id bigint, product text, field text, aspect text, aspect_text text,
    aspect_start integer, aspect_end integer, opinion_text text, opinion_start integer,
    opinion_end integer, polarity text, negated boolean, confidence real,
    sentence_start integer, sentence_end integer, posted_at timestamptz, extractor_version text,
    theme text
) ON COMMIT DROP;

-- name: create_extraction_staging
-- Session-local staging table for what extraction did with each post of a batch.
CREATE TEMP TABLE extraction_staging (
    post_id bigint, content_hash text, extractor_version text, status text, reason text,
    opinions integer
) ON COMMIT DROP;

-- name: lock_staged_posts
-- Lock the posts of the batch until commit, so two runs over the same posts take turns.
SELECT id FROM reviews.posts
WHERE id IN (SELECT post_id FROM extraction_staging)
ORDER BY id
FOR UPDATE;

-- name: drop_extracted_meanwhile
-- Run after lock_staged_posts, in a new statement (so it sees what the other run committed):
-- forget the posts another run extracted at the same content and extractor version since this
-- one read them; that run's opinions stay as written.
WITH done AS (
    DELETE FROM extraction_staging x
    USING reviews.extractions e
    WHERE e.post_id = x.post_id
      AND e.content_hash = x.content_hash AND e.extractor_version = x.extractor_version
    RETURNING x.post_id
)
DELETE FROM opinion_staging o USING done d WHERE o.post_id = d.post_id;

-- name: replace_opinions
-- Replace the opinions of every post in the batch with the staged ones (one transaction).
WITH removed AS (
    DELETE FROM reviews.opinions o
    USING extraction_staging s
    WHERE o.post_id = s.post_id
)
INSERT INTO reviews.opinions (
    post_id, product, field, aspect, aspect_text, aspect_start, aspect_end, opinion_text,
    opinion_start, opinion_end, polarity, negated, confidence, sentence_start, sentence_end,
    posted_at, extractor_version, theme
)
SELECT s.post_id, s.product, s.field, s.aspect, s.aspect_text, s.aspect_start, s.aspect_end,
       s.opinion_text, s.opinion_start, s.opinion_end, s.polarity, s.negated, s.confidence,
       s.sentence_start, s.sentence_end, s.posted_at, s.extractor_version, s.theme
FROM opinion_staging s
JOIN reviews.products pr ON pr.slug = s.product;

-- name: record_extractions
-- Remember the content and extractor version each post of the batch was extracted at.
INSERT INTO reviews.extractions AS e (post_id, content_hash, extractor_version, status, reason, opinions)
SELECT post_id, content_hash, extractor_version, status, reason, opinions FROM extraction_staging
ON CONFLICT (post_id) DO UPDATE SET
    content_hash = EXCLUDED.content_hash,
    extractor_version = EXCLUDED.extractor_version,
    status = EXCLUDED.status,
    reason = EXCLUDED.reason,
    opinions = EXCLUDED.opinions,
    extracted_at = now();

-- name: report_products
-- The products in the report, with how their opinions are filed (kind and added themes).
SELECT slug, name, kind, themes
FROM reviews.products
WHERE %(product)s::text IS NULL OR slug = %(product)s
ORDER BY slug;

-- name: report_aspects
-- Posts with pros and cons per aspect of one product (a post counts once), with the 30 days up
-- to reviews.as_of() against the 30 before, as reviews.aspect_summary counts them.
WITH scoped AS (
    SELECT aspect, polarity, post_id, posted_at FROM reviews.opinion_evidence
    WHERE product = %(product)s
      AND posted_at >= coalesce(%(since)s::timestamptz, '-infinity')
      AND posted_at < coalesce(%(until)s::timestamptz, 'infinity')
)
SELECT s.aspect, s.polarity, count(DISTINCT s.post_id) AS mentions,
       count(DISTINCT s.post_id) FILTER (WHERE s.posted_at > reviews.as_of() - interval '30 days'
                                           AND s.posted_at <= reviews.as_of()) AS recent,
       count(DISTINCT s.post_id) FILTER (WHERE s.posted_at > reviews.as_of() - interval '60 days'
                                           AND s.posted_at <= reviews.as_of() - interval '30 days')
           AS previous
FROM scoped s
GROUP BY s.aspect, s.polarity
ORDER BY s.polarity DESC, mentions DESC, s.aspect;

-- name: report_figures
-- The header's figures of one product over the report's scope: posts, opinions, average stars
-- (sources with stars) and the share of Steam reviews that recommend; unscoped, the same as
-- reviews.product_overview's.
SELECT count(*) AS posts,
       (SELECT count(*) FROM reviews.opinion_evidence e
        WHERE e.product = %(product)s
          AND e.posted_at >= coalesce(%(since)s::timestamptz, '-infinity')
          AND e.posted_at < coalesce(%(until)s::timestamptz, 'infinity')) AS opinions,
       round(avg(d.rating) FILTER (WHERE split_part(d.source, ':', 1) <> 'steam')::numeric, 3),
       count(d.rating) FILTER (WHERE split_part(d.source, ':', 1) <> 'steam'),
       round(avg(d.rating) FILTER (WHERE split_part(d.source, ':', 1) = 'steam')::numeric, 3),
       count(d.rating) FILTER (WHERE split_part(d.source, ':', 1) = 'steam')
FROM reviews.post_detail d
WHERE d.product = %(product)s AND NOT d.deleted
  AND d.posted_at >= coalesce(%(since)s::timestamptz, '-infinity')
  AND d.posted_at < coalesce(%(until)s::timestamptz, 'infinity');

-- name: report_ratings
-- Each rated source of one product in its own terms, over the report's scope: Steam as the share
-- of reviews that recommend, the rest as average stars (0..1); in all, by week (the 26 weeks up
-- to the as-of), and by app version and by store country where the source gives them.
WITH scoped AS (
    SELECT d.source, split_part(d.source, ':', 1) = 'steam' AS thumbs, d.rating,
           d.app_version, d.country, d.posted_at
    FROM reviews.post_detail d
    WHERE d.product = %(product)s AND NOT d.deleted AND d.rating IS NOT NULL
      AND d.posted_at >= coalesce(%(since)s::timestamptz, '-infinity')
      AND d.posted_at < coalesce(%(until)s::timestamptz, 'infinity')
)
SELECT source, thumbs, 'all' AS facet, NULL AS value, count(*), round(avg(rating)::numeric, 3)
FROM scoped GROUP BY source, thumbs
UNION ALL
SELECT source, thumbs, 'week', to_char(date_trunc('week', posted_at), 'YYYY-MM-DD'), count(*),
       round(avg(rating)::numeric, 3)
FROM scoped
WHERE posted_at <= reviews.as_of()
  AND posted_at > date_trunc('week', reviews.as_of()) - interval '25 weeks'
GROUP BY source, thumbs, date_trunc('week', posted_at)
UNION ALL
SELECT source, thumbs, 'version', app_version, count(*), round(avg(rating)::numeric, 3)
FROM scoped WHERE app_version IS NOT NULL GROUP BY source, thumbs, app_version
UNION ALL
SELECT source, thumbs, 'country', country, count(*), round(avg(rating)::numeric, 3)
FROM scoped WHERE country IS NOT NULL GROUP BY source, thumbs, country
ORDER BY 1, 3, 4;

-- name: report_span
-- The as-of of the report and the first and last opinion in its scope.
SELECT reviews.as_of(), min(posted_at), max(posted_at)
FROM reviews.opinion_evidence
WHERE product = %(product)s
  AND posted_at >= coalesce(%(since)s::timestamptz, '-infinity')
  AND posted_at < coalesce(%(until)s::timestamptz, 'infinity');

-- name: report_coverage
-- What was and was not analysed of one product's posts in the report's scope, per source:
-- reviews.coverage's figures (the same, unscoped), from reviews.post_detail.
WITH scoped AS (
    SELECT d.source, d.extraction_status, d.not_analysed_reason, d.opinions
    FROM reviews.post_detail d
    WHERE d.product = %(product)s
      AND d.posted_at >= coalesce(%(since)s::timestamptz, '-infinity')
      AND d.posted_at < coalesce(%(until)s::timestamptz, 'infinity')
),
reasons AS (
    SELECT source, jsonb_object_agg(not_analysed_reason, posts) AS reasons
    FROM (SELECT source, not_analysed_reason, count(*) AS posts FROM scoped
          WHERE extraction_status = 'skipped' GROUP BY 1, 2) r
    GROUP BY source
)
SELECT s.source,
       count(*) AS posts,
       count(*) FILTER (WHERE s.extraction_status = 'extracted') AS analysed,
       count(*) FILTER (WHERE s.extraction_status = 'extracted' AND s.opinions > 0)
           AS with_opinions,
       count(*) FILTER (WHERE s.extraction_status = 'skipped') AS not_analysed,
       count(*) FILTER (WHERE s.extraction_status = 'pending') AS pending,
       coalesce(r.reasons, '{}'::jsonb) AS not_analysed_reasons
FROM scoped s
LEFT JOIN reasons r ON r.source = s.source
GROUP BY s.source, r.reasons
ORDER BY s.source;

-- name: report_themes
-- Posts with pros and cons per theme of one product (aspect NULL) and per aspect of each theme,
-- with the cons of the 30 days up to reviews.as_of() against the 30 before, as
-- reviews.theme_summary counts them. A post counts once per row.
WITH scoped AS (
    SELECT theme, aspect, polarity, post_id, posted_at FROM reviews.opinion_evidence
    WHERE product = %(product)s
      AND posted_at >= coalesce(%(since)s::timestamptz, '-infinity')
      AND posted_at < coalesce(%(until)s::timestamptz, 'infinity')
)
SELECT s.theme, s.aspect,
       count(DISTINCT s.post_id) FILTER (WHERE s.polarity = 'pro') AS pros,
       count(DISTINCT s.post_id) FILTER (WHERE s.polarity = 'con') AS cons,
       count(DISTINCT s.post_id) FILTER (WHERE s.polarity = 'con'
                                           AND s.posted_at > reviews.as_of() - interval '30 days'
                                           AND s.posted_at <= reviews.as_of()) AS cons_recent,
       count(DISTINCT s.post_id) FILTER (WHERE s.polarity = 'con'
                                           AND s.posted_at > reviews.as_of() - interval '60 days'
                                           AND s.posted_at <= reviews.as_of() - interval '30 days')
           AS cons_previous,
       count(DISTINCT s.post_id) AS posts
FROM scoped s
GROUP BY GROUPING SETS ((s.theme), (s.theme, s.aspect))
ORDER BY s.theme, s.aspect NULLS FIRST;

-- name: report_quotes
-- Up to three example sentences per aspect and polarity of one product: first those that do
-- not also hold the other polarity ("so good but now it is trash" is no headline pro), then
-- the surest (to a tenth), then the newest, then the shortest, so the same data always gives
-- the same quotes.
SELECT aspect, polarity, sentence, url, source, posted_at
FROM (
    SELECT e.*,
           row_number() OVER (PARTITION BY aspect, polarity
                              ORDER BY mixed, round(confidence::numeric, 1) DESC, posted_at DESC,
                                       length(sentence), post_id, opinion_id) AS rank
    FROM (
        SELECT e.*,
               EXISTS (SELECT 1 FROM reviews.opinion_evidence x
                       WHERE x.post_id = e.post_id AND x.product = e.product
                         AND x.sentence = e.sentence AND x.polarity <> e.polarity) AS mixed
        FROM reviews.opinion_evidence e
        WHERE product = %(product)s
          AND posted_at >= coalesce(%(since)s::timestamptz, '-infinity')
          AND posted_at < coalesce(%(until)s::timestamptz, 'infinity')
    ) e
) ranked
WHERE rank <= 3
ORDER BY aspect, polarity, rank;

-- name: report_trend
-- Weekly posts with pros and cons of some aspects of one product over the 26 weeks up to the
-- report's as-of: half a year, long enough to show how an aspect's mentions came and went.
SELECT aspect, week, pros, cons
FROM reviews.aspect_trend
WHERE product = %(product)s
  AND aspect = ANY(%(aspects)s)
  AND week >= coalesce(date_trunc('week', %(since)s::timestamptz), '-infinity')
  AND week < coalesce(%(until)s::timestamptz, 'infinity')
  AND week <= date_trunc('week', reviews.as_of())
  AND week > date_trunc('week', reviews.as_of()) - interval '26 weeks'
ORDER BY aspect, week;

-- name: set_as_of
-- The time every window is counted back from, for this session (reviews.as_of()).
SELECT set_config('reviews.as_of', %(as_of)s, false);

-- name: check_orphan_opinions
-- Data-quality check: opinions whose post is gone (must be 0).
SELECT count(*) FROM reviews.opinions o
WHERE NOT EXISTS (SELECT 1 FROM reviews.posts p WHERE p.id = o.post_id);

-- name: check_spans_outside_text
-- Data-quality check: opinions whose spans fall outside the text they index (must be 0).
SELECT count(*) FROM reviews.opinions o
JOIN reviews.posts p ON p.id = o.post_id
WHERE greatest(o.aspect_end, o.opinion_end, o.sentence_end)
      > length(CASE o.field WHEN 'title' THEN coalesce(p.title, '') ELSE p.text END)
   OR substr(CASE o.field WHEN 'title' THEN p.title ELSE p.text END,
             o.aspect_start + 1, o.aspect_end - o.aspect_start) <> o.aspect_text;

-- name: check_invalid_polarity
-- Data-quality check: opinions that are neither pro nor con (must be 0).
SELECT count(*) FROM reviews.opinions WHERE polarity NOT IN ('pro', 'con');

-- name: check_duplicate_posts
-- Data-quality check: (source, external_id) stored more than once (must be 0).
SELECT count(*) FROM (
    SELECT 1 FROM reviews.posts GROUP BY source, external_id HAVING count(*) > 1
) d;

-- name: runs_since
-- Ingest and extract runs that started at or after a time: what a DAG run did.
SELECT kind, product, source_key, status, counts, error
FROM reviews.runs
WHERE started_at >= %(since)s
ORDER BY id;

-- name: detect_spikes
-- Aspects whose cons (counted once per post) in the period reach min_cons and ratio times
-- their mean per period over the baseline periods before it (a mean below 1 counts as 1),
-- with the ids of the three strongest cons of the period as evidence.
WITH cons AS (
    SELECT DISTINCT ON (o.product, o.aspect, o.post_id)
           o.product, o.aspect, o.id, o.confidence, o.posted_at
    FROM reviews.opinions o
    JOIN reviews.posts p ON p.id = o.post_id
    WHERE o.polarity = 'con' AND p.deleted_at IS NULL
      AND o.posted_at >= %(baseline_start)s AND o.posted_at < %(period_end)s
    ORDER BY o.product, o.aspect, o.post_id, o.confidence DESC, o.id
),
counted AS (
    SELECT product,
           aspect,
           count(*) FILTER (WHERE posted_at >= %(period_start)s) AS cons,
           (count(*) FILTER (WHERE posted_at < %(period_start)s))::real
               / %(baseline_periods)s AS baseline,
           (array_agg(id ORDER BY confidence DESC, posted_at DESC, id)
               FILTER (WHERE posted_at >= %(period_start)s))[1:3] AS evidence
    FROM cons
    GROUP BY product, aspect
)
SELECT product, aspect, cons, baseline, evidence
FROM counted
WHERE cons >= %(min_cons)s AND cons >= %(ratio)s * greatest(baseline, 1.0)
ORDER BY product, cons DESC, aspect;

-- name: insert_alert
-- Store an alert once per (product, aspect, period); returns its id only when it is new.
INSERT INTO reviews.alerts (product, aspect, period_start, period_end, cons, baseline,
                            baseline_periods, evidence)
VALUES (%(product)s, %(aspect)s, %(period_start)s, %(period_end)s, %(cons)s, %(baseline)s,
        %(baseline_periods)s, %(evidence)s)
ON CONFLICT (product, aspect, period_start) DO NOTHING
RETURNING id;

-- name: pending_alerts
-- Alerts not yet accepted by the webhook, raised recently enough to be worth sending.
SELECT a.id, a.product, pr.name, a.aspect, a.period_start, a.period_end, a.cons, a.baseline,
       a.evidence
FROM reviews.alerts a
JOIN reviews.products pr ON pr.slug = a.product
WHERE a.notified_at IS NULL AND a.notify_attempts < %(max_attempts)s
  AND a.created_at >= %(since)s
ORDER BY a.id;

-- name: alert_quotes
-- The evidence of an alert: sentence and link of each opinion id, in the order given.
SELECT e.opinion_id, e.sentence, e.url, e.source, e.posted_at
FROM reviews.opinion_evidence e
WHERE e.opinion_id = ANY(%(ids)s::bigint[])
ORDER BY array_position(%(ids)s::bigint[], e.opinion_id);

-- name: alert_notified
-- The webhook accepted the alert.
UPDATE reviews.alerts
SET notified_at = now(), notify_attempts = notify_attempts + 1, notify_error = NULL
WHERE id = %(id)s;

-- name: alert_notify_failed
-- The webhook refused the alert or could not be reached; it is tried again next run.
UPDATE reviews.alerts
SET notify_attempts = notify_attempts + 1, notify_error = %(error)s
WHERE id = %(id)s;

-- name: recent_live_posts
-- External ids of one source's posts created since a time and not known to be deleted.
SELECT external_id FROM reviews.posts
WHERE source = %(source)s AND created_at >= %(since)s AND deleted_at IS NULL
ORDER BY id;

-- name: purge_posts
-- Content deleted upstream: keep the row (so it is not collected again as new) but drop its
-- text, title, author and raw JSON, and its opinions.
WITH purged AS (
    UPDATE reviews.posts
    SET text = '', title = NULL, raw = NULL, author_hash = NULL,
        deleted_at = coalesce(deleted_at, now()), updated_at = now()
    WHERE source = %(source)s AND external_id = ANY(%(external_ids)s)
    RETURNING id
),
opinions AS (
    DELETE FROM reviews.opinions o USING purged WHERE o.post_id = purged.id RETURNING o.id
)
SELECT (SELECT count(*) FROM purged), (SELECT count(*) FROM opinions);

-- name: expire_posts
-- Retention of one (product, source): unlink its posts created before a time and delete their
-- opinions about that product; posts no product is linked to any more are deleted outright.
WITH unlinked AS (
    DELETE FROM reviews.post_products pp
    USING reviews.posts p
    WHERE pp.post_id = p.id AND pp.product = %(product)s AND pp.source_key = %(source_key)s
      AND p.created_at < %(before)s
    RETURNING pp.post_id
),
opinions AS (
    DELETE FROM reviews.opinions o USING unlinked u
    WHERE o.post_id = u.post_id AND o.product = %(product)s
    RETURNING o.id
),
posts AS (
    DELETE FROM reviews.posts p USING unlinked u
    WHERE p.id = u.post_id
      AND NOT EXISTS (SELECT 1 FROM reviews.post_products pp
                      WHERE pp.post_id = p.id AND pp.product <> %(product)s)
    RETURNING p.id
)
SELECT (SELECT count(*) FROM unlinked), (SELECT count(*) FROM posts),
       (SELECT count(*) FROM opinions);

-- name: forget_author
-- Delete every post of one pseudonymous author on one source (their opinions, extractions and
-- product links go with them), and remember the pseudonym so they are not collected again.
WITH remembered AS (
    INSERT INTO reviews.forgotten_authors (source, author_hash)
    VALUES (%(source)s, %(author_hash)s)
    ON CONFLICT DO NOTHING
),
deleted AS (
    DELETE FROM reviews.posts WHERE source = %(source)s AND author_hash = %(author_hash)s
    RETURNING id
)
SELECT count(*) FROM deleted;

-- name: close_stale_runs
-- Runs still 'running' long after they started: the process that ran them died (killed, the
-- machine lost) before it could record the outcome. Marked failed, saying so.
UPDATE reviews.runs
SET status = 'failed',
    finished_at = now(),
    error = 'abandoned: still running ' || %(hours)s || ' hours after it started '
            '(the process running it stopped before recording its outcome)'
WHERE status = 'running' AND started_at < now() - make_interval(hours => %(hours)s)
RETURNING id;

-- name: analyze_after_load
-- The planner's statistics of the tables a bulk load grew (see extract.ANALYZE_AFTER).
ANALYZE reviews.posts, reviews.opinions, reviews.extractions, reviews.post_products;
