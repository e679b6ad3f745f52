-- A file source's posts are named 'product/label:id' instead of 'label:id', so two files of
-- the same name under two products no longer overwrite each other's posts, and a label and
-- an id can no longer join to the same text as another pair ('a:b' + 'c', 'a' + 'b:c'): the
-- label's '%', '/' and ':' are escaped (pipeline/sources/file.py writes ids the same way).
-- depends: 0004_forgotten_authors

-- A post that two products' files both wrote (the old collision) stays with the first product;
-- it is extracted again, and re-reading the files (cursors cleared below) brings the other
-- product's post back under its own id.
WITH shared AS (
    SELECT pp.post_id, min(pp.product) AS keeper
    FROM reviews.post_products pp
    JOIN reviews.posts p ON p.id = pp.post_id
    WHERE p.source = 'file'
    GROUP BY pp.post_id
    HAVING count(*) > 1
), unlinked AS (
    DELETE FROM reviews.post_products pp
    USING shared
    WHERE pp.post_id = shared.post_id AND pp.product <> shared.keeper
    RETURNING pp.post_id
)
DELETE FROM reviews.extractions e
WHERE e.post_id IN (SELECT post_id FROM unlinked);

WITH renamed AS (
    SELECT p.id,
           pp.product || '/'
               || replace(replace(replace(substr(pp.source_key, 6), '%', '%25'), '/', '%2F'),
                          ':', '%3A')
               || ':' AS new_prefix,
           substr(pp.source_key, 6) || ':' AS old_prefix
    FROM reviews.posts p
    JOIN reviews.post_products pp ON pp.post_id = p.id
    WHERE p.source = 'file' AND pp.source_key LIKE 'file:%'
)
UPDATE reviews.posts p
SET external_id = r.new_prefix || substr(p.external_id, length(r.old_prefix) + 1),
    parent_external_id = CASE
        WHEN starts_with(p.parent_external_id, r.old_prefix)
        THEN r.new_prefix || substr(p.parent_external_id, length(r.old_prefix) + 1)
        ELSE p.parent_external_id
    END
FROM renamed r
WHERE p.id = r.id AND starts_with(p.external_id, r.old_prefix);

DELETE FROM reviews.source_cursors WHERE source_key LIKE 'file:%';
