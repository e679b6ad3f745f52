"""The steps of the monitoring job with plain, serialisable arguments, as the DAG tasks call them.

Each step reads its settings when it runs (never when a DAG file is parsed) and returns
counts and ids only, so what moves through XCom stays small.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.config import Config, Settings, load_config
from pipeline.errors import SourceError
from pipeline.store import database_url, migrate
from pipeline.store.queries import query

#: The Airflow connection of the reviews database.
REVIEWS_DB_CONN = "reviews_db"


def _context() -> tuple[Settings, str]:
    """Settings, and the reviews database: DATABASE_URL, else the ``reviews_db`` connection
    (``AIRFLOW_CONN_REVIEWS_DB`` or any secrets backend Airflow is configured with), else the
    embedded server."""
    settings = Settings.from_env()
    if not settings.database_url:
        settings = replace(settings, database_url=airflow_connection_uri(REVIEWS_DB_CONN))
    return settings, database_url(settings)


def airflow_connection_uri(conn_id: str) -> str | None:
    """The URI of an Airflow connection, or None where it is not defined (or no Airflow)."""
    try:
        from airflow.sdk import Connection
        from airflow.sdk.exceptions import AirflowNotFoundException
    except ImportError:
        return None
    try:
        return str(Connection.get(conn_id).get_uri())
    except AirflowNotFoundException:
        return None


def prepare(config_path: str | Path) -> list[dict[str, Any]]:
    """Migrate the schema, store the configured products, and list the sources to ingest."""
    from pipeline.ingest import prepare as store_products
    from pipeline.ingest import targets
    from pipeline.privacy import require_author_key

    config = load_config(config_path)
    settings, url = _context()
    require_author_key(settings)
    migrate(url)
    store_products(config, url)
    return [t.as_dict() for t in targets(config)]


def group_sources(
    targets: list[dict[str, Any]], max_tasks: int | None = None
) -> list[list[dict[str, Any]]]:
    """The sources to ingest in at most ``max_tasks`` groups (default REVIEWS_INGEST_MAX_TASKS,
    64), one task each: one source a group while there are few, else as many a group as it
    takes, dealt out in turn so each group mixes products and sources."""
    if max_tasks is None:
        max_tasks = Settings.from_env().ingest_max_tasks
    groups: list[list[dict[str, Any]]] = [[] for _ in range(min(len(targets), max_tasks))]
    for n, target in enumerate(targets):
        groups[n % len(groups)].append(target)
    return groups


def ingest_sources(config_path: str | Path, targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ingest a group of sources one after the other. Each is stored and recorded on its own
    (reviews.runs, source_health), so one that fails costs the others nothing; the task then
    fails naming every source that did. The configuration and the database's address are read
    once for the group: parsing a file of hundreds of sources took longer than ingesting one."""
    config = load_config(config_path)
    settings, url = _context()
    done, failed = [], []
    for target in targets:
        try:
            done.append(_ingest_source(config, settings, url, target))
        except SourceError as error:
            failed.append(str(error))
    if failed:
        raise SourceError(f"{len(failed)} of {len(targets)} source(s) failed: " + "; ".join(failed))
    return done


def _ingest_source(
    config: Config, settings: Settings, url: str, target: dict[str, Any]
) -> dict[str, Any]:
    """Ingest one (product, source); raise SourceError, after recording it, when it failed."""
    from pipeline.ingest import counts_json, ingest_target, targets

    planned = (target["product"], int(target["index"]), target["source"])
    found = [
        t
        for t in targets(config, target["product"])
        if (t.product, t.index, t.source_type) == planned
    ]
    if not found:
        raise SourceError(
            f"{config.path}: product {planned[0]!r} has no {planned[2]} source at position "
            f"{planned[1]}; the configuration changed since the run was planned"
        )
    counts = ingest_target(config, found[0], url, settings)
    if counts.error:
        raise SourceError(f"{counts.product} {found[0].key}: {counts.error}")
    return {"product": counts.product, "source": found[0].key, **counts_json(counts)}


def plan_extraction(batch_size: int | None = None) -> list[dict[str, int]]:
    """Id ranges of the posts due for extraction, one per extract task."""
    from pipeline.extract import plan_batches

    settings, url = _context()
    return [b.as_dict() for b in plan_batches(url, settings, batch_size)]


def extract_range(batch: dict[str, int]) -> dict[str, Any]:
    """Extract the due posts of one id range."""
    from pipeline.extract import Batch, extract_batch

    settings, url = _context()
    counts = extract_batch(
        url, settings, Batch(batch["first_id"], batch["last_id"], batch["posts"])
    )
    return {"posts": counts.posts, "opinions": counts.opinions, "skipped": counts.skipped}


def check_quality() -> dict[str, int]:
    """Run the data-quality checks; raise when one fails."""
    from pipeline.checks import run_checks

    _, url = _context()
    return run_checks(url)


def summarise(since: datetime) -> dict[str, Any]:
    """What the ingest and extract runs started since ``since`` did, naming failed sources."""
    from pipeline.store import connect

    _, url = _context()
    with connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(query("runs_since"), {"since": since})
        runs = cursor.fetchall()
    failed = [
        f"{product} {source}: {error}"
        for kind, product, source, status, _, error in runs
        if kind == "ingest" and status == "failed"
    ]
    summary = {
        "sources": sum(1 for r in runs if r[0] == "ingest"),
        "failed_sources": failed,
        "new_posts": sum(int(r[4].get("new", 0)) for r in runs if r[0] == "ingest"),
        "opinions_written": sum(int(r[4].get("opinions", 0)) for r in runs if r[0] == "extract"),
    }
    return summary


def raise_alerts() -> dict[str, int]:
    """Detect spikes in cons, store them once each, and send them to the webhook."""
    from pipeline.alerts import run_alerts

    settings, url = _context()
    counts = run_alerts(url, settings)
    if counts.failed:
        raise SourceError(
            f"{counts.failed} alert(s) stored but not delivered to the webhook "
            "(see reviews.alerts.notify_error); they are sent again on the next try"
        )
    return counts.as_dict()


def purge_deleted(config_path: str | Path) -> dict[str, int]:
    """Purge recent Reddit items deleted or removed upstream."""
    from pipeline.maintenance import purge_deleted_reddit

    settings, url = _context()
    return purge_deleted_reddit(load_config(config_path), url, settings)


def apply_retention(config_path: str | Path) -> dict[str, int]:
    """Expire posts older than their source's ``retention_days``."""
    from pipeline.maintenance import apply_retention as expire

    _, url = _context()
    return expire(load_config(config_path), url)


def close_stale_runs() -> dict[str, int]:
    """Mark failed the runs a stopped process left 'running'."""
    from pipeline.maintenance import close_stale_runs as close

    settings, url = _context()
    return {"stale_runs": close(url, settings)}


def clean_airflow_metadata() -> dict[str, Any]:
    """Delete Airflow's own records older than REVIEWS_AIRFLOW_RETENTION_DAYS (30)."""
    from pipeline.maintenance import clean_airflow_metadata as clean

    settings, _ = _context()
    return clean(settings)
