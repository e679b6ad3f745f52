"""The dags/ folder: imports cleanly and cheaply, and each DAG has the shape we deploy."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def dagbag():  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(ROOT / "dags"))


def test_dagbag__no_import_errors(dagbag) -> None:  # type: ignore[no-untyped-def]
    assert dagbag.import_errors == {}
    assert "review_monitoring" in dagbag.dag_ids


def test_review_monitoring__schedule_and_run_limits(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["review_monitoring"]
    assert dag.max_active_runs == 1
    assert dag.catchup is False
    assert {"reviews"} <= set(dag.tags)
    assert dag.doc_md and "Review monitoring" in dag.doc_md


def test_review_monitoring__every_task_has_owner_timeout_and_retries_policy(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["review_monitoring"]
    for task in dag.tasks:
        assert task.owner == "data-engineering", task.task_id
        assert task.execution_timeout is not None and task.execution_timeout <= timedelta(hours=1)
    ingest = dag.get_task("ingest")
    assert ingest.retries >= 2 and ingest.retry_exponential_backoff


def test_review_monitoring__later_steps_run_even_when_a_source_fails(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["review_monitoring"]
    for task_id in ("plan_extraction", "check_quality", "summarise"):
        assert dag.get_task(task_id).trigger_rule == "all_done", task_id
    assert dag.get_task("watcher").trigger_rule == "one_failed"
    assert dag.get_task("ingest").downstream_task_ids == {"plan_extraction", "watcher"}
    assert dag.get_task("publish").outlets


def test_dags_folder__parsing_imports_nothing_heavy() -> None:
    code = (
        "import runpy, sys\n"
        "runpy.run_path('dags/review_monitoring.py')\n"
        "heavy = ['spacy', 'praw', 'psycopg2', 'pipeline', 'yoyo', 'pgserver']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
