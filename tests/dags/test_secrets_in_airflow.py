"""Secrets stay out of Airflow: a monitoring run with sentinel secret values leaves none of them
in Airflow's metadata (rendered fields, XComs, task instances) or in what the tasks print."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.dags.test_review_monitoring_run import DEMO, task_states

SENTINELS = {
    "REDDIT_CLIENT_SECRET": "sentinel-reddit-secret-d41f",
    "REVIEWS_ALERT_WEBHOOK": "http://127.0.0.1:9/hooks/sentinel-webhook-77ab",
    "REVIEWS_AUTHOR_KEY": "sentinel-author-key-0c9e",
    "MASTODON_ACCESS_TOKEN": "sentinel-mastodon-token-5a5a",
}


def test_monitoring_run__no_secret_in_airflow_metadata_or_output(
    db: str,
    airflow_db: str,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    from airflow.dag_processing.dagbag import DagBag

    for name, value in SENTINELS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("REVIEWS_CONFIG", str(DEMO))
    run = DagBag(dag_folder=str(ROOT / "dags")).get_dag("review_monitoring").test()
    assert str(run.state) == "success", task_states(run)
    printed = capfd.readouterr()
    metadata = sqlite3.connect(Path(airflow_db) / "airflow.db")
    tables = [r[0] for r in metadata.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert "rendered_task_instance_fields" in tables and "xcom" in tables
    dump = []
    for table in tables:
        dump += [repr(row) for row in metadata.execute(f'SELECT * FROM "{table}"')]
    metadata.close()
    everything = "\n".join([printed.out, printed.err, *dump])
    assert "run summary" in everything  # the run's own output is in what was searched
    for secret in SENTINELS.values():
        assert secret not in everything, secret
