"""What the DAGs in ``dags/`` share (defaults and the extraction tasks), read when a DAG file is
parsed: keep it cheap.

Only the standard library and ``airflow.sdk`` here: no spaCy, PRAW, pydantic or database, so
parsing the DAG folder costs next to nothing. Everything else is read when a task runs.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pendulum
from airflow.sdk import Asset, task

#: Emitted by review_monitoring when it wrote opinions; schedules review_alerts.
REVIEW_OPINIONS = Asset(name="review_opinions", uri="reviews://opinions")
#: The pool Reddit ingest tasks run in; its slots bound concurrent calls on one API client.
REDDIT_POOL = "reddit_api"
START_DATE = pendulum.datetime(2026, 1, 1, tz="UTC")

DEFAULT_ARGS = {
    "owner": "data-engineering",
    "retries": 2,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
    "execution_timeout": timedelta(minutes=30),
}


def config_path() -> str:
    """The products file, from REVIEWS_CONFIG (read when a task runs)."""
    return os.environ.get("REVIEWS_CONFIG", "config/products.yaml")


def schedule(variable: str, default: str) -> str | None:
    """A DAG's schedule from the environment, else ``default``.

    A cron expression or preset (``@hourly``), or ``none`` for a DAG that only runs when
    triggered.
    """
    value = os.environ.get(variable, "").strip() or default
    return None if value.lower() == "none" else value


#: Tasks of one DAG run that may run at once, unless REVIEWS_MAX_ACTIVE_TASKS says otherwise:
#: Airflow's own default (16) would leave a bigger Celery cluster idle.
MAX_ACTIVE_TASKS = 64


def max_active_tasks() -> int:
    """How many tasks of each DAG may run at once, from REVIEWS_MAX_ACTIVE_TASKS (default 64);
    set it to the cluster's worker slots (workers × worker concurrency)."""
    raw = os.environ.get("REVIEWS_MAX_ACTIVE_TASKS", "").strip()
    if not raw:
        return MAX_ACTIVE_TASKS
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"REVIEWS_MAX_ACTIVE_TASKS={raw!r} must be a positive integer")
    return int(raw)


@task(trigger_rule="all_done")
def plan_extraction() -> list[dict]:
    """Id ranges of the posts due for extraction (new, changed, or read by an older extractor)."""
    from pipeline.jobs import plan_extraction as plan

    return plan()


@task(map_index_template="posts {{ batch.first_id }}–{{ batch.last_id }}")
def extract(batch: dict) -> dict:
    """Extract the due posts of one id range; mapped over plan_extraction's ranges."""
    from pipeline.jobs import extract_range

    return extract_range(batch)
