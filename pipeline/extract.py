"""Extract: find pros and cons in posts that are new, changed, or read by an older extractor."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pipeline.config import Settings
from pipeline.nlp import analysed_length, extract_opinions, extractor_version, shared_extractor
from pipeline.nlp.themes import Taxonomy, product_taxonomy, taxonomy
from pipeline.records import ExtractCounts, Opinion
from pipeline.store import connect
from pipeline.store.queries import query
from pipeline.store.writes import (
    ExtractionResult,
    finish_run,
    finish_run_anyway,
    rollback_quietly,
    start_run,
    store_extractions,
)
from pipeline.text import language_code

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int], None]
#: A batch that writes this many opinions refreshes the planner's statistics of the tables it
#: grew: until autovacuum gets to them, a freshly loaded table reads as nearly empty, and plans
#: made for that can be quadratic (docs/reliability.md).
ANALYZE_AFTER = 1000
#: How an extracted post that was read only in part is recorded (reviews.extractions.reason).
CUT_REASON = "cut"


@dataclass(frozen=True)
class Batch:
    """An id range of posts due for extraction; the DAG maps one task over each."""

    first_id: int
    last_id: int
    posts: int

    def as_dict(self) -> dict[str, int]:
        return {"first_id": self.first_id, "last_id": self.last_id, "posts": self.posts}


def _extractor(url: str, settings: Settings) -> tuple[Language, dict[str, Taxonomy]]:
    """The extractor, knowing the products' names, and each product's taxonomy (its kind's,
    with the themes its configuration adds), from one read of reviews.products."""
    with connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT slug, name, aliases, kind, themes FROM reviews.products ORDER BY slug"
        )
        rows = cursor.fetchall()
    nlp = shared_extractor(
        settings.spacy_model, {slug: [name, *aliases] for slug, name, aliases, _, _ in rows}
    )
    return nlp, {slug: product_taxonomy(kind, themes) for slug, _, _, kind, themes in rows}


def plan_batches(url: str, settings: Settings, batch_size: int | None = None) -> list[Batch]:
    """Id ranges covering every post due for extraction, ``batch_size`` due posts each, or
    more each where that would make more than ``settings.extract_max_batches`` ranges."""
    version = extractor_version(_extractor(url, settings)[0])
    size = batch_size or settings.extract_batch_size
    with connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(
            query("due_batches"),
            {"version": version, "batch_size": size, "max_batches": settings.extract_max_batches},
        )
        return [Batch(*row) for row in cursor.fetchall()]


def extract_batch(
    url: str,
    settings: Settings,
    batch: Batch,
    limit: int | None = None,
    progress: ProgressCallback | None = None,
) -> ExtractCounts:
    """Extract the due posts of one id range and replace their opinions in one transaction."""
    nlp, taxonomies = _extractor(url, settings)
    version = extractor_version(nlp)
    with connect(url) as connection:
        run_id = start_run(connection, "extract")
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    query("due_posts"),
                    {
                        "first_id": batch.first_id,
                        "last_id": batch.last_id,
                        "version": version,
                        "limit": limit,
                    },
                )
                rows = cursor.fetchall()
            results = list(_extract_rows(nlp, rows, taxonomies, settings.extract_processes))
            written = store_extractions(connection, results, version)
            connection.commit()
        except Exception as error:
            rollback_quietly(connection)
            message = f"{type(error).__name__}: {error}"
            finish_run_anyway(url, connection, run_id, {"posts": 0}, message)
            raise
        reasons = Counter(r.skipped_reason for r in results if r.skipped_reason)
        counts = ExtractCounts(
            posts=len(results),
            extracted=len(results) - sum(reasons.values()),
            skipped=sum(reasons.values()),
            opinions=written,
            skipped_reasons=dict(reasons),
            cut=sum(1 for r in results if r.cut_reason),
        )
        finish_run(connection, run_id, _counts_json(counts, batch))
        if written >= ANALYZE_AFTER:
            _analyze(connection)
    if progress:
        progress(len(results))
    return counts


def extract(
    url: str,
    settings: Settings,
    limit: int | None = None,
    progress: ProgressCallback | None = None,
) -> ExtractCounts:
    """Extract every due post (at most ``limit``), batch by batch."""
    total = ExtractCounts()
    for batch in plan_batches(url, settings):
        remaining = None if limit is None else limit - total.posts
        if remaining is not None and remaining <= 0:
            break
        counts = extract_batch(url, settings, batch, limit=remaining, progress=progress)
        reasons = Counter(total.skipped_reasons) + Counter(counts.skipped_reasons)
        total = replace(
            total,
            posts=total.posts + counts.posts,
            extracted=total.extracted + counts.extracted,
            skipped=total.skipped + counts.skipped,
            opinions=total.opinions + counts.opinions,
            skipped_reasons=dict(reasons),
            cut=total.cut + counts.cut,
        )
    return total


def _extract_rows(
    nlp: Language,
    rows: list[tuple[Any, ...]],
    taxonomies: Mapping[str, Taxonomy],
    n_process: int = 1,
) -> Iterator[ExtractionResult]:
    """Extract the title and text of each row, each opinion filed under a theme of its
    product's taxonomy; skipped rows get their reason instead."""
    texts: list[str] = []
    owners: list[tuple[int, str]] = []  # (row index, field) of each text
    skipped: dict[int, str] = {}
    cut: dict[int, str] = {}
    for index, (_, title, text, language, _, _, deleted_at, _) in enumerate(rows):
        reason = _skip_reason(title, text, language, deleted_at)
        if reason:
            skipped[index] = reason
            continue
        for field, value in (("title", title), ("text", text)):
            if value:
                texts.append(value)
                owners.append((index, field))
                read = analysed_length(value)
                if read < len(value):
                    cut[index] = f"{CUT_REASON}: the first {read:,} of {len(value):,} characters"
    found: dict[int, list[tuple[str, str, Opinion]]] = {i: [] for i in range(len(rows))}
    extracted = extract_opinions(nlp, texts, n_process=n_process)
    for (index, field), text, opinions in zip(owners, texts, extracted, strict=True):
        own = rows[index][7][0]
        filed = []
        for opinion in opinions:
            # A product named in the sentence owns the opinion; else the post's own product.
            product = opinion.product or own
            themes = taxonomies.get(product) or taxonomy()
            filed.append((product, themes.file(opinion, text)))
        # Complaints and praise said without an opinion word are about the post's product.
        implied = (taxonomies.get(own) or taxonomy()).implied(text, [o for _, o in filed])
        found[index].extend(
            (product, field, o) for product, o in (*filed, *((own, o) for o in implied))
        )
    for index, row in enumerate(rows):
        yield ExtractionResult(
            post_id=row[0],
            content_hash=row[4],
            posted_at=row[5],
            opinions=found[index],
            skipped_reason=skipped.get(index),
            cut_reason=cut.get(index),
        )


def _analyze(connection: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(query("analyze_after_load"))
    connection.commit()


def _skip_reason(
    title: str | None, text: str | None, language: str | None, deleted_at: datetime | None
) -> str | None:
    """Why a post is stored but not extracted, or None when it is extracted."""
    if deleted_at is not None:
        return "deleted upstream"
    if not (title or "").strip() and not (text or "").strip():
        return "empty"
    if language and language_code(language) != "en":
        return f"language {language} (only English is extracted)"
    return None


def _counts_json(counts: ExtractCounts, batch: Batch) -> dict[str, Any]:
    return {
        "first_id": batch.first_id,
        "last_id": batch.last_id,
        "posts": counts.posts,
        "extracted": counts.extracted,
        "skipped": counts.skipped,
        "opinions": counts.opinions,
        "skipped_reasons": counts.skipped_reasons,
        "cut": counts.cut,
    }
