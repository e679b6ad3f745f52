"""review_monitoring run with dag.test() against the test PostgreSQL database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.report import build_report, render_json
from tests.conftest import ROOT, TABLES, scalar

DEMO = ROOT / "config" / "demo.yaml"


@pytest.fixture
def monitoring_dag(airflow_db: str):  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(ROOT / "dags")).get_dag("review_monitoring")


def task_states(run) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    states: dict[str, list[str]] = {}
    for ti in run.get_task_instances():
        states.setdefault(ti.task_id, []).append(str(ti.state))
    return states


def test_review_monitoring__demo_run_succeeds_and_a_second_adds_nothing(
    db: str,
    monitoring_dag,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("REVIEWS_CONFIG", str(DEMO))
    first = monitoring_dag.test()
    assert str(first.state) == "success", task_states(first)
    assert len(task_states(first)["ingest"]) == 3
    posts = scalar(db, "SELECT count(*) FROM reviews.posts")
    opinions = scalar(db, "SELECT count(*) FROM reviews.opinions")
    assert posts == 382 and opinions > 300
    second = monitoring_dag.test()
    assert str(second.state) == "success", task_states(second)
    assert task_states(second)["publish"] == ["skipped"]  # nothing new: no asset event
    assert (posts, opinions) == (
        scalar(db, "SELECT count(*) FROM reviews.posts"),
        scalar(db, "SELECT count(*) FROM reviews.opinions"),
    )


def test_review_monitoring__gives_the_same_report_as_the_cli_run(
    db: str,
    monitoring_dag,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from pipeline.cli import main

    monkeypatch.setenv("REVIEWS_CONFIG", str(DEMO))
    assert str(monitoring_dag.test().state) == "success"
    as_of = datetime(2026, 11, 20, tzinfo=UTC)  # the report's clock, the same for both
    from_dag = render_json(build_report(db, as_of=as_of))
    import psycopg2

    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
    connection.close()
    assert main(["run", "--config", str(DEMO)]) == 0
    assert render_json(build_report(db, as_of=as_of)) == from_dag


def test_review_monitoring__failing_source_fails_only_itself(
    db: str,
    monitoring_dag,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    config = tmp_path / "products.yaml"
    config.write_text(
        "products:\n"
        "  - slug: broken\n    name: Broken\n    sources:\n"
        "      - type: file\n        path: does-not-exist.jsonl\n"
        f"  - slug: tidy-notes\n    name: Tidy Notes\n    sources:\n"
        f"      - type: file\n        path: {ROOT / 'samples' / 'tidy-notes.jsonl'}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("REVIEWS_CONFIG", str(config))
    for task in monitoring_dag.tasks:
        task.retries = 0  # the failure is permanent; retrying only slows the test
    run = monitoring_dag.test()
    states = task_states(run)
    assert str(run.state) == "failed"
    assert sorted(states["ingest"]) == ["failed", "success"]
    assert states["extract"] == ["success"] and states["check_quality"] == ["success"]
    assert states["watcher"] == ["failed"]
    assert scalar(db, "SELECT count(*) FROM reviews.opinions WHERE product = 'tidy-notes'") > 100
