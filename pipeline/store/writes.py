"""Bulk writes: COPY into a staging table, then one set-based statement into the real table."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg2
from psycopg2 import sql
from psycopg2.extensions import connection as Connection
from psycopg2.extras import Json

from pipeline.config import ProductConfig
from pipeline.nlp.aspects import OVERALL
from pipeline.nlp.themes import OTHER
from pipeline.records import Opinion, Post
from pipeline.store.connection import connect
from pipeline.store.queries import query
from pipeline.text import SURROGATES

log = logging.getLogger(__name__)

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
#: What _copy_value changes in text: NUL, lone surrogates and what COPY's text format escapes.
_SPECIAL = re.compile(r"[\\\t\n\r\x00\ud800-\udfff]")

POST_COLUMNS = tuple(
    "source external_id kind parent_external_id url author_hash created_at title text "
    "rating rating_raw score language content_hash raw deleted app_version country".split()
)
OPINION_COLUMNS = tuple(
    "post_id product field aspect aspect_text aspect_start aspect_end opinion_text "
    "opinion_start opinion_end polarity negated confidence sentence_start sentence_end "
    "posted_at extractor_version theme".split()
)
EXTRACTION_COLUMNS = tuple("post_id content_hash extractor_version status reason opinions".split())


def _copy_value(value: Any) -> str:
    kind = type(value)
    if kind is int or kind is float:
        return str(value)  # digits and signs: nothing to escape (most of an opinion's row)
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict | list):
        value = json.dumps(_without_nul(value), ensure_ascii=False)
    text = value if kind is str else str(value)
    if not _SPECIAL.search(text):
        return text  # most text: nothing to drop, mend or escape
    text = text.replace("\x00", "")
    if SURROGATES.search(text):  # from JSON escapes like "\\ud800": PostgreSQL refuses them
        text = SURROGATES.sub("\ufffd", text)
    return text.translate(_ESCAPES)


def _without_nul(value: Any) -> Any:
    """JSONB refuses \\u0000, which upstream JSON sometimes carries."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    return value


def copy_rows(
    connection: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """COPY rows into a (staging) table in PostgreSQL's text format; return how many."""
    buffer = io.StringIO()
    count = 0
    for row in rows:
        buffer.write("\t".join(_copy_value(v) for v in row))
        buffer.write("\n")
        count += 1
    buffer.seek(0)
    with connection.cursor() as cursor:
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        cursor.copy_expert(statement, buffer)
    return count


@dataclass(frozen=True)
class PostWriteCounts:
    new: int
    updated: int
    deleted: int


def store_posts(
    connection: Connection, posts: Sequence[Post], product: str, source_key: str
) -> PostWriteCounts:
    """Upsert posts and link them to ``product``, inside the caller's transaction."""
    if not posts:
        return PostWriteCounts(0, 0, 0)
    with connection.cursor() as cursor:
        cursor.execute(query("create_post_staging"))
        copy_rows(
            connection,
            "post_staging",
            POST_COLUMNS,
            (
                (
                    p.source,
                    p.external_id,
                    p.kind,
                    p.parent_external_id,
                    p.url,
                    p.author,
                    p.created_at,
                    p.title,
                    p.text,
                    p.rating,
                    p.rating_raw,
                    p.score,
                    p.language,
                    p.content_hash,
                    p.raw or None,
                    p.deleted,
                    p.app_version,
                    p.country,
                )
                for p in posts
            ),
        )
        cursor.execute(query("upsert_posts"))
        changed = cursor.fetchall()
        cursor.execute(
            query("link_posts_to_product"), {"product": product, "source_key": source_key}
        )
        deleted_ids = [row[0] for row in changed if row[2]]
        if deleted_ids:
            cursor.execute(query("purge_opinions_of_deleted"), {"post_ids": deleted_ids})
        cursor.execute("DROP TABLE post_staging")
    new = sum(1 for _, inserted, _ in changed if inserted)
    deleted = sum(1 for _, inserted, is_deleted in changed if is_deleted and not inserted)
    return PostWriteCounts(new=new, updated=len(changed) - new - deleted, deleted=deleted)


def sync_products(connection: Connection, products: Iterable[ProductConfig]) -> None:
    """Make reviews.products match the configured products (names, aliases, kind, themes).

    A product whose kind or added themes changed has its posts made due for extraction, so
    their opinions are filed under the themes the configuration now gives.
    """
    with connection.cursor() as cursor:
        for product in products:
            themes = product.theme_entries()
            cursor.execute(query("product_filing"), {"slug": product.slug})
            before = cursor.fetchone()
            cursor.execute(
                query("upsert_product"),
                {
                    "slug": product.slug,
                    "name": product.name,
                    "aliases": list(product.aliases),
                    "kind": product.kind,
                    "themes": Json(themes),
                },
            )
            if before is not None and tuple(before) != (product.kind, themes):
                log.info("%s: kind or themes changed; its posts are filed again", product.slug)
                cursor.execute(query("refile_product"), {"slug": product.slug})


def read_cursor(connection: Connection, product: str, source_key: str) -> dict[str, Any] | None:
    with connection.cursor() as cursor:
        cursor.execute(query("read_cursor"), {"product": product, "source_key": source_key})
        row = cursor.fetchone()
    return row[0] if row else None


def write_cursor(
    connection: Connection, product: str, source_key: str, position: dict[str, Any]
) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            query("write_cursor"),
            {"product": product, "source_key": source_key, "position": Json(position)},
        )


def start_run(
    connection: Connection, kind: str, product: str | None = None, source_key: str | None = None
) -> int:
    """Insert a 'running' row in reviews.runs and commit it, so it shows while work goes on."""
    with connection.cursor() as cursor:
        cursor.execute(
            query("start_run"), {"kind": kind, "product": product, "source_key": source_key}
        )
        (run_id,) = cursor.fetchone()
    connection.commit()
    return int(run_id)


def finish_run(
    connection: Connection, run_id: int, counts: dict[str, Any], error: str | None = None
) -> None:
    """Record the outcome of a run and commit."""
    with connection.cursor() as cursor:
        cursor.execute(
            query("finish_run"),
            {
                "run_id": run_id,
                "status": "failed" if error else "success",
                "counts": Json(counts),
                "error": error,
            },
        )
    connection.commit()


def finish_run_anyway(
    url: str,
    connection: Connection,
    run_id: int,
    counts: dict[str, Any],
    error: str | None = None,
) -> None:
    """finish_run, on a new connection when this one was lost (killed in the middle of work)."""
    if connection.closed:
        with connect(url) as fresh:
            finish_run(fresh, run_id, counts, error)
    else:
        finish_run(connection, run_id, counts, error)


def rollback_quietly(connection: Connection) -> None:
    """Roll back; a connection that is gone took its transaction with it."""
    with contextlib.suppress(psycopg2.Error):
        connection.rollback()


def recorded_run(
    url: str,
    kind: str,
    work: Callable[[Connection], dict[str, Any]],
    source_key: str | None = None,
) -> dict[str, Any]:
    """Run ``work(connection)`` in one transaction, recorded in reviews.runs as ``kind``;
    a failure is rolled back, recorded with its error, and raised again."""
    with connect(url) as connection:
        run_id = start_run(connection, kind, source_key=source_key)
        try:
            counts = work(connection)
            connection.commit()
        except Exception as error:
            rollback_quietly(connection)
            finish_run_anyway(url, connection, run_id, {}, f"{type(error).__name__}: {error}")
            raise
        finish_run(connection, run_id, counts)
    return counts


@dataclass(frozen=True)
class ExtractionResult:
    """What extraction made of one post."""

    post_id: int
    content_hash: str
    posted_at: datetime
    opinions: list[tuple[str, str, Opinion]]  # (product, field, opinion)
    skipped_reason: str | None = None
    #: Set when only part of the post was analysed (it is long): says how much.
    cut_reason: str | None = None


def opinion_row(
    result: ExtractionResult, product: str, field: str, o: Opinion, version: str
) -> tuple[Any, ...]:
    """One opinion of a post as a row of OPINION_COLUMNS."""
    return (
        result.post_id,
        product,
        field,
        o.aspect,
        o.aspect_text,
        o.aspect_start,
        o.aspect_end,
        o.opinion_text,
        o.opinion_start,
        o.opinion_end,
        o.polarity,
        o.negated,
        o.confidence,
        o.sentence_start,
        o.sentence_end,
        result.posted_at,
        version,
        o.theme or (OVERALL if o.aspect == OVERALL else OTHER),
    )


def store_extractions(
    connection: Connection, results: Sequence[ExtractionResult], version: str
) -> int:
    """Replace the opinions of each post in ``results`` and record the extraction, atomically.

    Returns the number of opinions written: posts another run extracted meanwhile (same
    content, same extractor version) are left as that run wrote them.
    """
    if not results:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(query("create_opinion_staging"))
        cursor.execute(query("create_extraction_staging"))
        copy_rows(
            connection,
            "opinion_staging",
            OPINION_COLUMNS,
            (
                opinion_row(r, product, field, o, version)
                for r in results
                for product, field, o in r.opinions
            ),
        )
        copy_rows(
            connection,
            "extraction_staging",
            EXTRACTION_COLUMNS,
            (
                (
                    r.post_id,
                    r.content_hash,
                    version,
                    "skipped" if r.skipped_reason else "extracted",
                    r.skipped_reason or r.cut_reason,
                    len(r.opinions),
                )
                for r in results
            ),
        )
        cursor.execute(query("lock_staged_posts"))
        cursor.execute(query("drop_extracted_meanwhile"))
        cursor.execute(query("replace_opinions"))
        written = cursor.rowcount
        cursor.execute(query("record_extractions"))
        cursor.execute("DROP TABLE opinion_staging; DROP TABLE extraction_staging")
    return written
