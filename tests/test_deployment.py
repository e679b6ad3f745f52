"""docker-compose.yml and the Dockerfile: valid, and shaped as docs/deployment.md says."""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

COMPOSE = shutil.which("docker-compose")
needs_compose = pytest.mark.skipif(
    COMPOSE is None, reason="docker-compose is not installed (Debian package docker-compose)"
)


def compose_config(*profiles: str) -> dict[str, Any]:
    args = [str(COMPOSE)]
    for profile in profiles:
        args += ["--profile", profile]
    result = subprocess.run(
        [*args, "config"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


@needs_compose
def test_compose__default_profile_runs_airflow_with_local_executor() -> None:
    services = compose_config()["services"]
    default = {name for name, service in services.items() if not service.get("profiles")}
    assert default == {
        "postgres",
        "reviews-db",
        "airflow-init",
        "airflow-apiserver",
        "airflow-scheduler",
        "airflow-dag-processor",
        "airflow-triggerer",
    }
    for name, service in services.items():
        assert "healthcheck" in service, name
    assert "airflow pools set reddit_api" in " ".join(services["airflow-init"]["command"])
    scheduler = services["airflow-scheduler"]["environment"]
    assert scheduler["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor"
    assert "@postgres/airflow" in scheduler["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    assert "@reviews-db:5432/reviews" in scheduler["AIRFLOW_CONN_REVIEWS_DB"]


@needs_compose
def test_compose__celery_profile_adds_redis_and_workers() -> None:
    services = compose_config("celery")["services"]
    celery = {name for name, service in services.items() if "celery" in service.get("profiles", [])}
    assert celery == {"redis", "airflow-worker"}
    assert services["airflow-worker"]["command"] in ("celery worker", ["celery", "worker"])
    assert "healthcheck" in services["airflow-worker"]


def test_dockerfile__extends_airflow_3_3_and_installs_locked_dependencies() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert text.startswith("#") and "FROM apache/airflow:3.3." in text
    assert "-c constraints.txt" in text
    assert "_PIP_ADDITIONAL_REQUIREMENTS" not in text
    last_user = [line for line in text.splitlines() if line.startswith("USER ")][-1]
    assert last_user == "USER airflow"


def test_env_example__lists_every_variable_the_code_reads() -> None:
    documented = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "pipeline").rglob("*.py"))
    code += "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "dags").glob("*.py"))

    read = set(re.findall(r'env(?:iron)?\.get\(\s*"([A-Z_]+)"', code))
    read |= set(re.findall(r'"((?:REVIEWS|REDDIT)_[A-Z_]+)"', code))
    assert read and read <= documented, read - documented
