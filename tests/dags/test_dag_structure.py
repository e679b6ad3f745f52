"""The dags/ folder: imports cleanly and cheaply, and each DAG has the shape we deploy."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def dagbag():  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(ROOT / "dags"))


DAG_IDS = {"review_monitoring", "review_alerts", "review_maintenance"}


def test_dagbag__no_import_errors(dagbag) -> None:  # type: ignore[no-untyped-def]
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == DAG_IDS


@pytest.mark.parametrize("dag_id", sorted(DAG_IDS))
def test_every_dag__owner_tags_docs_timeouts_on_every_task(dagbag, dag_id) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags[dag_id]
    assert dag.max_active_runs == 1 and dag.catchup is False
    assert dag.max_active_tasks >= 64  # Airflow's default of 16 would idle a bigger cluster
    assert "reviews" in dag.tags
    assert dag.doc_md and dag.doc_md.strip().startswith("###")
    for task in dag.tasks:
        assert task.owner == "data-engineering", task.task_id
        assert task.execution_timeout is not None, task.task_id


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
    assert dag.get_task("ingest_reddit").downstream_task_ids == {"plan_extraction", "watcher"}
    assert dag.get_task("publish").outlets


def test_review_monitoring__reddit_ingest_runs_in_its_pool(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["review_monitoring"]
    assert dag.get_task("ingest_reddit").pool == "reddit_api"
    assert dag.get_task("ingest").pool == "default_pool"
    assert dag.get_task("ingest_reddit").retries == dag.get_task("ingest").retries


def test_schedules__from_the_environment_with_defaults() -> None:
    code = (
        "import runpy\n"
        "for name in ('review_monitoring', 'review_maintenance'):\n"
        "    dag = runpy.run_path(f'dags/{name}.py')[name]()\n"
        "    print(name, dag.schedule)\n"
    )
    env = {**os.environ, "REVIEWS_MONITORING_SCHEDULE": "*/15 * * * *"}
    env.pop("REVIEWS_MAINTENANCE_SCHEDULE", None)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "review_monitoring */15 * * * *" in result.stdout
    assert "review_maintenance @daily" in result.stdout


def test_review_alerts__runs_on_the_opinions_asset(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["review_alerts"]
    monitoring = dagbag.dags["review_monitoring"]
    (asset,) = monitoring.get_task("publish").outlets
    assert list(dag.schedule) == [asset]
    assert dag.get_task("raise_alerts").retries >= 1


def test_review_maintenance__steps_in_order_and_reextraction_mapped(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["review_maintenance"]
    assert dag.get_task("purge_deleted").downstream_task_ids == {"apply_retention"}
    assert dag.get_task("apply_retention").trigger_rule == "all_done"
    assert dag.get_task("purge_deleted").pool == "reddit_api"
    assert dag.get_task("extract").upstream_task_ids == {"plan_reextraction"}


def test_dags_folder__parsing_imports_nothing_heavy() -> None:
    code = (
        "import runpy, sys\n"
        "for name in ('review_monitoring', 'review_alerts', 'review_maintenance'):\n"
        "    runpy.run_path(f'dags/{name}.py')\n"
        "heavy = ['spacy', 'praw', 'psycopg2', 'yoyo', 'pgserver', 'requests_cache',\n"
        "         'pipeline.config', 'pipeline.store', 'pipeline.jobs', 'pipeline.nlp']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_max_active_tasks__from_the_environment_with_a_default(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pipeline.dag_defaults import max_active_tasks

    monkeypatch.delenv("REVIEWS_MAX_ACTIVE_TASKS", raising=False)
    assert max_active_tasks() == 64
    monkeypatch.setenv("REVIEWS_MAX_ACTIVE_TASKS", "200")
    assert max_active_tasks() == 200
    monkeypatch.setenv("REVIEWS_MAX_ACTIVE_TASKS", "lots")
    with pytest.raises(ValueError, match="REVIEWS_MAX_ACTIVE_TASKS='lots'"):
        max_active_tasks()
