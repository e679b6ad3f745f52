"""Daily upkeep: content deleted on Reddit is purged here too, and old posts expire.

- **Deleted-content sync.** Reddit's terms ask API users to remove what its authors deleted
  or moderators removed. Reddit items younger than ``reddit_recheck_days`` are looked up
  again (``/api/info``, 100 per request); those shown as deleted or removed, or no longer
  returned at all, keep their row (so they are not collected again as new) but lose their
  text, title, author pseudonym, raw JSON and opinions.
- **Retention.** A source with ``retention_days`` gives up its posts older than that: they
  are unlinked from the product, their opinions about it go, and a post no other product
  keeps is deleted.
- **Airflow's metadata.** Hundreds of sources an hour leave thousands of task instances a day
  in Airflow's own database; ``airflow db clean`` deletes those older than
  ``airflow_retention_days``.

Each step is recorded in ``reviews.runs`` with kind ``maintenance``. Re-extraction after an
extractor upgrade needs no step of its own: posts extracted by another version are due, and
the maintenance DAG maps extraction over them (see ``pipeline.extract.plan_batches``).
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

from pipeline.config import Config, RedditSourceConfig, Settings
from pipeline.errors import PipelineError, RetriableSourceError, SourceError
from pipeline.store import connect
from pipeline.store.queries import query
from pipeline.store.writes import recorded_run

log = logging.getLogger(__name__)

#: Fullnames per /api/info request: Reddit's maximum.
INFO_BATCH = 100


def purge_deleted_reddit(
    config: Config, url: str, settings: Settings, now: datetime | None = None
) -> dict[str, int]:
    """Re-check recent Reddit items and purge those deleted or removed upstream."""
    now = now or datetime.now(UTC)
    since = now - timedelta(days=settings.reddit_recheck_days)
    reddit_configs = [
        s for p in config.products for s in p.sources if isinstance(s, RedditSourceConfig)
    ]

    def work(connection: Any) -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute(query("recent_live_posts"), {"source": "reddit", "since": since})
            fullnames = [row[0] for row in cursor.fetchall()]
        if not fullnames:
            return {"checked": 0, "purged": 0, "opinions_deleted": 0}
        gone = _gone_from_reddit(
            fullnames, reddit_configs[0] if reddit_configs else None, settings.contact
        )
        with connection.cursor() as cursor:
            cursor.execute(query("purge_posts"), {"source": "reddit", "external_ids": gone})
            purged, opinions = cursor.fetchone()
        log.info("reddit: %d item(s) re-checked, %d purged", len(fullnames), purged)
        return {"checked": len(fullnames), "purged": purged, "opinions_deleted": opinions}

    return recorded_run(url, "maintenance", work, source_key="reddit-deleted")


def _gone_from_reddit(
    fullnames: list[str], source: RedditSourceConfig | None, contact: str | None
) -> list[str]:
    """The fullnames Reddit shows as deleted or removed, or no longer returns."""
    import prawcore

    from pipeline.sources.reddit import is_deleted, reddit_client

    reddit = reddit_client(source, contact)
    gone: list[str] = []
    for offset in range(0, len(fullnames), INFO_BATCH):
        chunk = fullnames[offset : offset + INFO_BATCH]
        try:
            found = {thing.name: is_deleted(thing) for thing in reddit.info(fullnames=chunk)}
        except (prawcore.exceptions.TooManyRequests, prawcore.exceptions.ServerError) as error:
            raise RetriableSourceError(f"reddit /api/info: {error}") from None
        except prawcore.exceptions.PrawcoreException as error:
            raise SourceError(f"reddit /api/info: {error}") from None
        gone += [name for name in chunk if found.get(name, True)]
    return gone


def apply_retention(config: Config, url: str, now: datetime | None = None) -> dict[str, int]:
    """Expire the posts of every source with ``retention_days`` set."""
    from pipeline.ingest import Target

    now = now or datetime.now(UTC)
    expiring = [
        (Target(p.slug, i, s.type, s.label), s.retention_days)
        for p in config.products
        for i, s in enumerate(p.sources)
        if s.retention_days
    ]

    def work(connection: Any) -> dict[str, int]:
        totals = dict.fromkeys(("unlinked", "posts_deleted", "opinions_deleted"), 0)
        totals["sources"] = len(expiring)
        with connection.cursor() as cursor:
            for target, days in expiring:
                before = now - timedelta(days=days)
                cursor.execute(
                    query("expire_posts"),
                    {"product": target.product, "source_key": target.key, "before": before},
                )
                unlinked, posts, opinions = cursor.fetchone()
                log.info(
                    "retention %s %s: %d post(s) older than %s unlinked, %d deleted",
                    target.product,
                    target.key,
                    unlinked,
                    before.date().isoformat(),
                    posts,
                )
                totals["unlinked"] += unlinked
                totals["posts_deleted"] += posts
                totals["opinions_deleted"] += opinions
        return totals

    return recorded_run(url, "maintenance", work, source_key="retention")


def forget_author(url: str, settings: Settings, source: str, author: str) -> int:
    """Delete everything one person wrote on ``source`` and never collect it again.

    The name is turned into the same keyed pseudonym ingest stores (so the key must be the
    deployment's); neither the name nor the pseudonym is logged or recorded in ``runs``.
    Returns the number of posts deleted.
    """
    from pipeline.errors import ConfigError
    from pipeline.privacy import author_key, pseudonym, require_author_key

    # A new key would hash the name to a pseudonym nothing was stored under: deleting nothing
    # and reporting success. Refuse instead, as ingest does.
    require_author_key(settings)
    if not settings.author_key and not (settings.data_dir / "author.key").exists():
        raise ConfigError(
            "REVIEWS_AUTHOR_KEY is not set and there is no local key in "
            f"{settings.data_dir}: forget-author needs the key the posts were stored with"
        )
    hashed = pseudonym(author, source, author_key(settings.author_key, settings.data_dir))
    if hashed is None:
        raise ConfigError(f"--author {author!r} names no one: give the author's user name")

    def work(connection: Any) -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute(query("forget_author"), {"source": source, "author_hash": hashed})
            (deleted,) = cursor.fetchone()
        return {"posts_deleted": int(deleted)}

    return int(
        recorded_run(url, "maintenance", work, source_key=f"forget-author:{source}")[
            "posts_deleted"
        ]
    )


def close_stale_runs(url: str, settings: Settings) -> int:
    """Mark failed the runs still 'running' ``stale_run_hours`` after they started (their
    process died before recording an outcome); return how many."""
    with connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(query("close_stale_runs"), {"hours": settings.stale_run_hours})
        closed = len(cursor.fetchall())
        connection.commit()
    if closed:
        log.warning("%d run(s) abandoned by a process that stopped: marked failed", closed)
    return closed


#: The most ``airflow db clean`` may take before the task gives up on it.
DB_CLEAN_TIMEOUT_SECONDS = 1800


def clean_airflow_metadata(settings: Settings, now: datetime | None = None) -> dict[str, Any]:
    """Delete Airflow's own records older than ``settings.airflow_retention_days`` with
    ``airflow db clean`` (no archive tables), in the Airflow installation of this process.

    Returns the cut-off and how many rows were found to delete; raises PipelineError with the
    end of its output when the command fails.
    """
    before = (now or datetime.now(UTC)) - timedelta(days=settings.airflow_retention_days)
    command = [
        sys.executable, "-m", "airflow", "db", "clean",
        "--clean-before-timestamp", before.isoformat(), "--skip-archive", "--yes",
    ]  # fmt: skip
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=DB_CLEAN_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise PipelineError(
            f"airflow db clean took longer than {DB_CLEAN_TIMEOUT_SECONDS} s"
        ) from None
    if done.returncode != 0:
        tail = " ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        raise PipelineError(f"airflow db clean failed (exit {done.returncode}): {tail}")
    found = [int(n) for n in re.findall(r"Found (\d+) rows meeting deletion criteria", done.stdout)]
    log.info("airflow db clean: %d row(s) older than %s deleted", sum(found), before.date())
    return {"before": before.isoformat(), "tables": len(found), "rows": sum(found)}
