"""One run through Airflow's real scheduler: `airflow standalone` (scheduler, dag-processor,
api-server, triggerer, LocalExecutor) started and stopped by the test, bounded in time."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT, scalar

AIRFLOW = Path(sys.executable).with_name("airflow")
START_TIMEOUT = 180
RUN_TIMEOUT = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def standalone(db: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    port = free_port()
    env = {
        **os.environ,
        "PATH": f"{AIRFLOW.parent}{os.pathsep}{os.environ['PATH']}",
        "AIRFLOW_HOME": str(tmp_path / "airflow"),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://localhost:{port}/execution/",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        "DATABASE_URL": db,
        "REVIEWS_CONFIG": str(ROOT / "config" / "demo.yaml"),
        "REVIEWS_MONITORING_SCHEDULE": "none",  # only the triggered run
    }
    log = (tmp_path / "standalone.log").open("w")
    process = subprocess.Popen(
        [str(AIRFLOW), "standalone"], env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "standalone.log").read_text()[-3000:]
            try:
                if requests.get(f"http://localhost:{port}/api/v2/monitor/health", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(2)
        else:
            pytest.fail(f"airflow standalone did not answer within {START_TIMEOUT}s")
        yield env
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def airflow(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [str(AIRFLOW), *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def wait_for_run(env: dict[str, str], dag_id: str, timeout: float) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        output = airflow(env, "dags", "list-runs", dag_id, "-o", "json")
        # Airflow's CLI prints its warnings on stdout before the JSON.
        lines = [line for line in output.splitlines() if line.startswith(("[{", "[]"))]
        runs = json.loads(lines[-1]) if lines else []
        done = [r for r in runs if r["state"] in ("success", "failed")]
        if done:
            return dict(done[0])
        time.sleep(5)
    pytest.fail(f"no {dag_id} run finished within {timeout}s")


@pytest.mark.timeout(START_TIMEOUT + 2 * RUN_TIMEOUT + 60)
def test_scheduler__triggered_monitoring_run_succeeds_and_starts_alerts(
    db: str, standalone: dict[str, str]
) -> None:
    airflow(standalone, "dags", "unpause", "review_alerts")
    airflow(standalone, "dags", "unpause", "review_monitoring")
    airflow(standalone, "dags", "trigger", "review_monitoring", "--run-id", "scheduler_test")
    run = wait_for_run(standalone, "review_monitoring", RUN_TIMEOUT)
    assert (run["run_id"], run["state"]) == ("scheduler_test", "success")
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 376
    # The asset event the run published schedules review_alerts.
    alerts = wait_for_run(standalone, "review_alerts", RUN_TIMEOUT)
    assert alerts["state"] == "success"
    assert scalar(db, "SELECT status FROM reviews.runs WHERE kind = 'alerts'") == "success"
