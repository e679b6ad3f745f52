"""The real Celery topology: PostgreSQL metadata, Redis, the scheduler, dag-processor,
api-server and triggerer, and two Celery workers, each its own process, started and stopped by
the test. Skipped where Redis or the Celery provider is absent."""

from __future__ import annotations

import importlib.util
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg2
import pytest
import requests
from psycopg2 import sql

from bench.standalone import celery_cluster, wait_for_run
from tests.conftest import ROOT, scalar, with_database

START_TIMEOUT = 240
RUN_TIMEOUT = 420
REDIS = ("127.0.0.1", 6379)


def _redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=2):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("airflow.providers.celery") is None or not _redis_answers(),
    reason="needs Redis at 127.0.0.1:6379 and the Celery provider (pip install '.[celery]')",
)


@pytest.fixture
def cluster(db: str, server_url: str, tmp_path: Path) -> Iterator[tuple[dict[str, str], Any]]:
    name = f"airflow_celery_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(server_url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    metadata = with_database(server_url, name).replace("postgresql://", "postgresql+psycopg2://")
    broker_db = 8 + uuid.uuid4().int % 8  # a Redis database of its own, emptied before and after
    broker = f"redis://{REDIS[0]}:{REDIS[1]}/{broker_db}"
    _flush(broker_db)
    extra = {
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": metadata,
        "AIRFLOW__CELERY__BROKER_URL": broker,
        "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + metadata.replace("+psycopg2", ""),
        "DATABASE_URL": db,
        "REVIEWS_CONFIG": str(ROOT / "config" / "demo.yaml"),
        "REVIEWS_MONITORING_SCHEDULE": "none",  # only the triggered runs
        "REVIEWS_MAINTENANCE_SCHEDULE": "none",
        "REVIEWS_EXTRACT_BATCH_SIZE": "60",  # several extract tasks, for both workers
        # how soon a lost worker's tasks come back (compose sets the same, docs/deployment.md)
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "30",
        "AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT": "60",
    }
    try:
        with celery_cluster(tmp_path / "airflow", extra, 2, START_TIMEOUT) as running:
            yield running
    finally:
        _flush(broker_db)
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()


def _flush(database: int) -> None:
    import redis

    redis.Redis(*REDIS, db=database).flushdb()


def _trigger(env: dict[str, str], dag_id: str, run_id: str) -> None:
    """Through the REST API, as an operator's tool would."""
    base = f"http://localhost:{env['AIRFLOW__API__PORT']}/api/v2"
    requests.patch(
        f"{base}/dags/{dag_id}", json={"is_paused": False}, timeout=30
    ).raise_for_status()
    answer = requests.post(
        f"{base}/dags/{dag_id}/dagRuns",
        json={"dag_run_id": run_id, "logical_date": None},
        timeout=30,
    )
    answer.raise_for_status()


def _hostnames(env: dict[str, str], run_id: str) -> set[str]:
    url = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].replace("+psycopg2", "")
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT hostname FROM task_instance WHERE dag_id = 'review_monitoring' "
            "AND run_id = %s AND state = 'success'",
            (run_id,),
        )
        names = {row[0] for row in cursor.fetchall()}
    connection.close()
    return names


@pytest.mark.timeout(START_TIMEOUT + 3 * RUN_TIMEOUT + 120)
def test_celery__two_workers_share_a_run_and_a_second_run_adds_nothing(
    db: str, cluster: tuple[dict[str, str], Any]
) -> None:
    env, _ = cluster
    requests.patch(
        f"http://localhost:{env['AIRFLOW__API__PORT']}/api/v2/dags/review_alerts",
        json={"is_paused": False},
        timeout=30,
    ).raise_for_status()
    _trigger(env, "review_monitoring", "celery_first")
    run = wait_for_run(env, "review_monitoring", RUN_TIMEOUT)
    assert (run["run_id"], run["state"]) == ("celery_first", "success"), run
    assert _hostnames(env, "celery_first") == {"worker1", "worker2"}
    posts = scalar(db, "SELECT count(*) FROM reviews.posts")
    opinions = scalar(db, "SELECT count(*) FROM reviews.opinions")
    assert posts == 382 and scalar(db, "SELECT count(*) FROM reviews.extractions") == 382
    # the asset the run published started review_alerts, on the workers too
    alerts = wait_for_run(env, "review_alerts", RUN_TIMEOUT)
    assert alerts["state"] == "success"
    _trigger(env, "review_monitoring", "celery_second")
    second = _wait_for(env, "celery_second")
    assert second["state"] == "success"
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == posts
    assert scalar(db, "SELECT count(*) FROM reviews.opinions") == opinions


def _wait_for(env: dict[str, str], run_id: str) -> dict[str, str]:
    import json
    import time

    from bench.standalone import airflow

    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        output = airflow(env, "dags", "list-runs", "review_monitoring", "-o", "json")
        lines = [line for line in output.splitlines() if line.startswith(("[{", "[]"))]
        for found in json.loads(lines[-1]) if lines else []:
            if found["run_id"] == run_id and found["state"] in ("success", "failed"):
                return dict(found)
        time.sleep(3)
    raise AssertionError(f"{run_id} did not finish within {RUN_TIMEOUT}s")


@pytest.mark.timeout(START_TIMEOUT + 2 * RUN_TIMEOUT + 120)
def test_celery__a_worker_killed_during_extraction_loses_nothing(
    db: str, cluster: tuple[dict[str, str], Any]
) -> None:
    import os
    import signal
    import time

    env, workers = cluster
    _trigger(env, "review_monitoring", "celery_killed")
    url = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].replace("+psycopg2", "")
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:  # until worker1 is extracting
        with psycopg2.connect(url) as connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM task_instance WHERE dag_id = 'review_monitoring' "
                "AND task_id = 'extract' AND state = 'running' AND hostname = 'worker1'"
            )
            (running,) = cursor.fetchone()
        connection.close()
        if running:
            break
        time.sleep(0.5)
    else:
        raise AssertionError("worker1 never ran an extract task")
    os.killpg(workers[0].pid, signal.SIGKILL)  # the worker and every task it was running
    run = _wait_for(env, "celery_killed")
    assert run["state"] == "success", run
    # every post extracted exactly once: one extraction each, no opinion written twice
    assert scalar(db, "SELECT count(*) FROM reviews.extractions") == 382
    twice = (
        "SELECT count(*) FROM (SELECT 1 FROM reviews.opinions "
        "GROUP BY post_id, product, field, aspect, aspect_start, opinion_start, polarity "
        "HAVING count(*) > 1) d"
    )
    assert scalar(db, twice) == 0
