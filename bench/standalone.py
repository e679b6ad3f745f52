"""Airflow's real scheduler for a while: ``airflow standalone`` (scheduler, dag-processor,
api-server, triggerer, LocalExecutor) started in a fresh AIRFLOW_HOME and stopped afterwards.
Used by tests/dags/test_scheduler.py and the airflow-workers benchmark."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
AIRFLOW = Path(sys.executable).with_name("airflow")


class StandaloneError(RuntimeError):
    """Airflow did not start, or a run did not finish, in time."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def standalone(
    home: Path, extra_env: dict[str, str], start_timeout: float = 180
) -> Iterator[dict[str, str]]:
    """Run ``airflow standalone`` with its home in ``home``; yield the environment to talk to it."""
    port = _free_port()
    env = {
        **os.environ,
        "PATH": f"{AIRFLOW.parent}{os.pathsep}{os.environ['PATH']}",
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://localhost:{port}/execution/",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        **extra_env,
    }
    home.mkdir(parents=True, exist_ok=True)
    log_path = home / "standalone.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(AIRFLOW), "standalone"], env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:

            def stopped() -> str | None:
                return None if process.poll() is None else log_path.read_text()[-3000:]

            _wait_for_api(port, start_timeout, stopped)
            yield env
        finally:
            _stop_group(process)


def _wait_for_api(port: int, timeout: float, stopped: Callable[[], str | None]) -> None:
    """Until Airflow's API answers its health check on ``port``; StandaloneError when
    ``stopped()`` says what stopped, or after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        problem = stopped()
        if problem:
            raise StandaloneError(problem)
        try:
            if requests.get(f"http://localhost:{port}/api/v2/monitor/health", timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline:
            raise StandaloneError(f"Airflow's API did not answer in {timeout}s")
        time.sleep(2)


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the whole group ``airflow standalone`` leads, then SIGKILL to whatever is left
    of it after 30 s: its scheduler has been seen to outlive the leader and keep running."""
    os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        process.poll()  # reap the leader, so that the group can empty
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.5)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def airflow(env: dict[str, str], *args: str) -> str:
    """Run an ``airflow`` CLI command against that instance; its stdout."""
    result = subprocess.run(
        [str(AIRFLOW), *args], env=env, capture_output=True, text=True, timeout=120
    )
    if result.returncode:
        raise StandaloneError(f"airflow {' '.join(args)}: {result.stderr[-2000:]}")
    return result.stdout


def wait_for_run(env: dict[str, str], dag_id: str, timeout: float) -> dict[str, str]:
    """The first finished run of ``dag_id`` (success or failed), waiting up to ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        output = airflow(env, "dags", "list-runs", dag_id, "-o", "json")
        # Airflow's CLI prints its warnings on stdout before the JSON.
        lines = [line for line in output.splitlines() if line.startswith(("[{", "[]"))]
        runs = json.loads(lines[-1]) if lines else []
        done = [r for r in runs if r["state"] in ("success", "failed")]
        if done:
            return dict(done[0])
        time.sleep(3)
    raise StandaloneError(f"no {dag_id} run finished within {timeout}s")


@contextmanager
def celery_cluster(
    home: Path,
    extra_env: dict[str, str],
    workers: int = 2,
    start_timeout: float = 240,
    concurrency: int = 2,
) -> Iterator[tuple[dict[str, str], list[subprocess.Popen[bytes]]]]:
    """Airflow with the CeleryExecutor as a deployment runs it, each process on its own: the
    scheduler, dag-processor, api-server and triggerer, and ``workers`` Celery workers named
    ``worker1``, ``worker2``… with ``concurrency`` task slots each (their task instances carry
    that name as hostname). The metadata
    database and the broker come in ``extra_env``. Yields the environment and the workers."""
    port = _free_port()
    env = {
        **os.environ,
        "PATH": f"{AIRFLOW.parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://localhost:{port}/execution/",
        "AIRFLOW__API_AUTH__JWT_SECRET": "celery-cluster-test-secret",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
        **extra_env,
    }
    home.mkdir(parents=True, exist_ok=True)
    airflow(env, "db", "migrate")
    processes: list[subprocess.Popen[bytes]] = []
    names: dict[int, str] = {}
    worker_processes: list[subprocess.Popen[bytes]] = []

    def start(name: str, *command: str, **more: str) -> subprocess.Popen[bytes]:
        log = (home / f"{name}.log").open("w")
        process = subprocess.Popen(
            [str(AIRFLOW), *command], env={**env, **more}, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        processes.append(process)
        names[process.pid] = name
        return process

    try:
        for component in ("scheduler", "dag-processor", "api-server", "triggerer"):
            start(component, component)
        for n in range(1, workers + 1):
            name = f"worker{n}"
            worker_processes.append(
                start(
                    name,
                    "celery",
                    "worker",
                    "--celery-hostname",
                    f"{name}@%h",
                    "--concurrency",
                    str(concurrency),
                    AIRFLOW__CORE__HOSTNAME_CALLABLE="bench.standalone.worker_name",
                    REVIEWS_WORKER_NAME=name,
                )
            )

        def stopped() -> str | None:
            dead = [names[p.pid] for p in processes if p.poll() is not None]
            return f"{dead} stopped; see the logs in {home}" if dead else None

        _wait_for_api(port, start_timeout, stopped)
        yield env, worker_processes
    finally:
        for process in processes:
            if process.poll() is None:
                _stop_group(process)


def worker_name() -> str:
    """The hostname a Celery worker of celery_cluster gives its task instances."""
    return os.environ.get("REVIEWS_WORKER_NAME") or socket.getfqdn()
