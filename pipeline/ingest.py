"""Ingest: pull new posts from each configured source into PostgreSQL, moving cursors safely."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from psycopg2.extensions import connection as Connection

from pipeline.config import Config, Settings
from pipeline.errors import PipelineError
from pipeline.privacy import author_key, require_author_key
from pipeline.records import IngestCounts
from pipeline.sources import Source, SourceContext, source_for
from pipeline.store import connect
from pipeline.store.writes import (
    finish_run_anyway,
    read_cursor,
    rollback_quietly,
    start_run,
    store_posts,
    sync_products,
    write_cursor,
)

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int], None]


@dataclass(frozen=True)
class Target:
    """One configured (product, source) pair: the unit of ingest and of the DAG's mapping."""

    product: str
    index: int
    source_type: str
    label: str

    @property
    def key(self) -> str:
        return f"{self.source_type}:{self.label}"

    def as_dict(self) -> dict[str, object]:
        return {
            "product": self.product,
            "index": self.index,
            "source": self.source_type,
            "key": self.key,
        }


def targets(
    config: Config, product: str | None = None, source_type: str | None = None
) -> list[Target]:
    """The (product, source) pairs to ingest, optionally filtered."""
    products = [config.product(product)] if product else list(config.products)
    return [
        Target(p.slug, i, s.type, s.label)
        for p in products
        for i, s in enumerate(p.sources)
        if source_type is None or s.type == source_type
    ]


def prepare(config: Config, url: str) -> None:
    """Store the configured products, so opinions and posts can refer to them."""
    with connect(url) as connection:
        sync_products(connection, config.products)
        connection.commit()


def ingest_target(
    config: Config,
    target: Target,
    url: str,
    settings: Settings,
    now: datetime | None = None,
    progress: ProgressCallback | None = None,
) -> IngestCounts:
    """Ingest one (product, source); never raises for a source failure, records it instead."""
    now = now or datetime.now(UTC)
    product = config.product(target.product)
    source_config = product.sources[target.index]
    counts = IngestCounts(product=target.product, source=target.source_type, label=target.label)
    with connect(url) as connection:
        if not _lock_target(connection, target):
            message = (
                f"another run is ingesting {target.product} {target.key} right now; "
                "this one left it alone (nothing was written)"
            )
            log.warning("%s", message)
            return replace(counts, error=message)
        run_id = start_run(connection, "ingest", target.product, target.key)
        try:
            context = SourceContext(
                product=target.product,
                author_key=author_key(settings.author_key, settings.data_dir),
                now=now,
                config_dir=config.path.parent,
                contact=settings.contact,
            )
            source = source_for(source_config, context)
            # counts as of the last committed page, so a failure later still tells what the
            # run fetched and stored before it
            for so_far in _pull(connection, source, target, counts, progress):
                counts = so_far
        except PipelineError as error:
            rollback_quietly(connection)
            counts = replace(counts, error=str(error))
        except Exception as error:  # a bug, an unexpected upstream shape, a lost connection
            rollback_quietly(connection)
            log.exception("ingest of %s for %s failed", target.key, target.product)
            message = " ".join(str(error).split())
            counts = replace(counts, error=f"{type(error).__name__}: {message}")
        finish_run_anyway(url, connection, run_id, counts_json(counts), counts.error)
    if counts.error:
        log.error("%s %s: %s", target.product, target.key, counts.error)
    return counts


#: Key space of the advisory locks that keep two runs from ingesting one target at once.
INGEST_LOCK = 74_110_002


def _lock_target(connection: Connection, target: Target) -> bool:
    """Take the target's session advisory lock (freed when the connection closes), or say no."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_lock(%s, hashtext(%s))",
            (INGEST_LOCK, f"{target.product}|{target.key}"),
        )
        (locked,) = cursor.fetchone()
    connection.commit()
    return bool(locked)


def _pull(
    connection: Connection,
    source: Source,
    target: Target,
    counts: IngestCounts,
    progress: ProgressCallback | None,
) -> Iterator[IngestCounts]:
    """Store the source's pages, each with its cursor in one transaction; the counts so far
    after each page is committed."""
    position = read_cursor(connection, target.product, target.key)
    connection.commit()  # no transaction stays open while the source is asked for a page
    for page in source.pages(position):
        written = store_posts(connection, page.posts, target.product, target.key)
        if page.position:
            write_cursor(connection, target.product, target.key, page.position)
        connection.commit()  # the posts and the cursor that covers them, together
        for reason in page.rejected:
            log.warning("rejected: %s", reason)
        counts = replace(
            counts,
            fetched=counts.fetched + len(page.posts),
            new=counts.new + written.new,
            updated=counts.updated + written.updated,
            deleted=counts.deleted + written.deleted,
            rejected=counts.rejected + len(page.rejected),
            rejected_reasons=(counts.rejected_reasons + tuple(page.rejected))[:MAX_REASONS],
        )
        if progress:
            progress(len(page.posts))
        yield counts


#: Rejection reasons kept in reviews.runs per ingest (all are counted, and logged).
MAX_REASONS = 20


def counts_json(counts: IngestCounts) -> dict[str, Any]:
    """The figures of an ingest, as recorded in reviews.runs and returned to the DAG."""
    return {
        "fetched": counts.fetched,
        "new": counts.new,
        "updated": counts.updated,
        "deleted": counts.deleted,
        "rejected": counts.rejected,
        "rejected_reasons": list(counts.rejected_reasons),
    }


def ingest(
    config: Config,
    url: str,
    settings: Settings,
    product: str | None = None,
    source_type: str | None = None,
    progress: ProgressCallback | None = None,
) -> Iterator[IngestCounts]:
    """Ingest every matching (product, source) in turn; a failing one does not stop the others."""
    require_author_key(settings)
    prepare(config, url)
    now = datetime.now(UTC)
    for target in targets(config, product, source_type):
        yield ingest_target(config, target, url, settings, now=now, progress=progress)
