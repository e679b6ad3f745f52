"""One run through Airflow's real scheduler: `airflow standalone` (scheduler, dag-processor,
api-server, triggerer, LocalExecutor) started and stopped by the test, bounded in time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.standalone import airflow, standalone, wait_for_run
from tests.conftest import ROOT, scalar

START_TIMEOUT = 180
RUN_TIMEOUT = 300


@pytest.fixture
def instance(db: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    extra = {
        "DATABASE_URL": db,
        "REVIEWS_CONFIG": str(ROOT / "config" / "demo.yaml"),
        "REVIEWS_MONITORING_SCHEDULE": "none",  # only the triggered run
    }
    with standalone(tmp_path / "airflow", extra, START_TIMEOUT) as env:
        yield env


@pytest.mark.timeout(START_TIMEOUT + 2 * RUN_TIMEOUT + 60)
def test_scheduler__triggered_monitoring_run_succeeds_and_starts_alerts(
    db: str, instance: dict[str, str]
) -> None:
    airflow(instance, "dags", "unpause", "review_alerts")
    airflow(instance, "dags", "unpause", "review_monitoring")
    airflow(instance, "dags", "trigger", "review_monitoring", "--run-id", "scheduler_test")
    run = wait_for_run(instance, "review_monitoring", RUN_TIMEOUT)
    assert (run["run_id"], run["state"]) == ("scheduler_test", "success")
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 382
    # The asset event the run published schedules review_alerts.
    alerts = wait_for_run(instance, "review_alerts", RUN_TIMEOUT)
    assert alerts["state"] == "success"
    assert scalar(db, "SELECT status FROM reviews.runs WHERE kind = 'alerts'") == "success"
