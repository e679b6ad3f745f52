-- People who asked to be forgotten (python -m pipeline forget-author): their keyed pseudonym per
-- source, so that their posts, deleted once, are never collected again.
-- depends: 0003_views_per_product

CREATE TABLE reviews.forgotten_authors (
    source       text NOT NULL,
    author_hash  text NOT NULL,
    forgotten_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, author_hash)
);
