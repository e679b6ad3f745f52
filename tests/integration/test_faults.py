"""Faults injected into the database and the process: the transaction rolls back, the retry
succeeds, and counts are exact (nothing lost, nothing twice)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg2
import psycopg2.errors
import pytest

from pipeline import ingest as ingest_module
from pipeline.config import Settings, load_config
from pipeline.extract import extract
from pipeline.ingest import ingest
from tests.conftest import ROOT, scalar
from tests.integration.test_pipeline import post, write_posts

POSTS = 12


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from pipeline.sources import file as file_source

    monkeypatch.setattr(file_source, "PAGE_SIZE", 4)  # three pages, committed one by one
    write_posts(
        tmp_path / "posts.jsonl",
        [post(str(i), f"The battery is great and the screen {i} is dull.") for i in range(POSTS)],
    )
    path = tmp_path / "products.yaml"
    path.write_text(
        "products:\n  - slug: aurora\n    name: Aurora\n    sources:\n"
        "      - type: file\n        path: posts.jsonl\n",
        encoding="utf-8",
    )
    return load_config(path)


def fail_second_page(monkeypatch: pytest.MonkeyPatch, fault: Any) -> None:
    """Run ``fault(connection)`` instead of storing the second page."""
    real = ingest_module.store_posts
    calls = {"n": 0}

    def store(connection: Any, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            fault(connection)
        return real(connection, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "store_posts", store)


def assert_exact_after_rerun(db: str, config: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()
    (rerun,) = list(ingest(config, db, Settings.from_env()))
    assert rerun.error is None
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == POSTS
    assert scalar(db, "SELECT count(DISTINCT external_id) FROM reviews.posts") == POSTS
    assert scalar(db, "SELECT count(*) FROM reviews.post_products") == POSTS


def test_connection_killed_mid_load__recorded_then_rerun_is_exact(
    db: str, config: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def kill(connection: Any) -> None:
        with psycopg2.connect(db) as killer, killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", (connection.get_backend_pid(),))
        killer.close()

    fail_second_page(monkeypatch, kill)
    (failed,) = list(ingest(config, db, Settings.from_env()))
    assert failed.error and "terminat" in failed.error.lower()
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 4  # the first page only
    assert scalar(db, "SELECT status FROM reviews.runs ORDER BY id DESC LIMIT 1") == "failed"
    assert_exact_after_rerun(db, config, monkeypatch)


def test_statement_timeout__rolls_back_and_rerun_is_exact(
    db: str, config: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow_statement(connection: Any) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = '50ms'; SELECT pg_sleep(1)")

    fail_second_page(monkeypatch, slow_statement)
    (failed,) = list(ingest(config, db, Settings.from_env()))
    assert failed.error and "statement timeout" in failed.error
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 4
    assert_exact_after_rerun(db, config, monkeypatch)


def test_failed_copy__disk_full_rolls_back_and_rerun_is_exact(
    db: str, config: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(connection: Any) -> None:
        raise psycopg2.errors.DiskFull("could not extend file: No space left on device")

    fail_second_page(monkeypatch, disk_full)
    (failed,) = list(ingest(config, db, Settings.from_env()))
    assert failed.error and "No space left" in failed.error
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 4
    assert_exact_after_rerun(db, config, monkeypatch)


KILL_ON_SECOND_BATCH = """
import os, signal, sys
from pipeline import extract as module
from pipeline.config import Settings
real = module.store_extractions
calls = {"n": 0}
def store(*args, **kwargs):
    calls["n"] += 1
    if calls["n"] == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # halfway: the second batch is parsed, not stored
    return real(*args, **kwargs)
module.store_extractions = store
module.extract(sys.argv[1], Settings.from_env(extract_batch_size=4))
"""


def test_extraction_killed_halfway__rerun_extracts_each_post_exactly_once(
    db: str, config: Any
) -> None:
    list(ingest(config, db, Settings.from_env()))
    killed = subprocess.run(
        [sys.executable, "-c", KILL_ON_SECOND_BATCH, db],
        env={**os.environ, "DATABASE_URL": db}, cwd=ROOT, capture_output=True, timeout=300,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    assert scalar(db, "SELECT count(*) FROM reviews.extractions") == 4  # the first batch only
    counts = extract(db, Settings.from_env())
    assert counts.posts == POSTS - 4
    assert scalar(db, "SELECT count(*) FROM reviews.extractions") == POSTS
    per_post = scalar(
        db, "SELECT array_agg(DISTINCT n) FROM (SELECT count(*) AS n FROM reviews.opinions"
        " GROUP BY post_id) c",
    )  # fmt: skip
    assert per_post == [2]  # "battery great" and "screen dull", once each, in every post


def test_postgres_restarted_between_two_tasks__the_next_task_just_connects(
    tmp_path: Path, config: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a server of its own (so the rest of the suite keeps its connections): ingest, restart
    PostgreSQL, extract. No task keeps a connection across tasks, so nothing notices."""
    import warnings

    from pipeline.store import migrate

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

    pgdata = tmp_path / "pg"
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    try:
        server.psql("CREATE DATABASE reviews;")
        url = str(server.get_uri("reviews"))
        migrate(url)
        monkeypatch.setenv("DATABASE_URL", url)
        (first,) = list(ingest(config, url, Settings.from_env()))
        assert first.new == POSTS
        started = scalar(url, "SELECT pg_postmaster_start_time()")
        server.cleanup()  # stops it (cleanup_mode "stop")
        server = pgserver.get_server(pgdata, cleanup_mode="stop")  # and starts it again
        assert str(server.get_uri("reviews")) == url
        assert scalar(url, "SELECT pg_postmaster_start_time()") != started  # a new postmaster
        counts = extract(url, Settings.from_env())
        assert counts.posts == POSTS and counts.opinions == 2 * POSTS
        assert scalar(url, "SELECT count(*) FROM reviews.extractions") == POSTS
    finally:
        server.cleanup()
