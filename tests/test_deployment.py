"""docker-compose.yml and the Dockerfile: valid, and shaped as docs/deployment.md says."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

COMPOSE = shutil.which("docker-compose")
needs_compose = pytest.mark.skipif(
    COMPOSE is None, reason="docker-compose is not installed (Debian package docker-compose)"
)


#: What docs/deployment.md tells a user to fill in after `cp .env.example .env`.
SECRETS = {
    "POSTGRES_PASSWORD": "pw-airflow",
    "REVIEWS_DB_PASSWORD": "pw-reviews",
    "AIRFLOW_JWT_SECRET": "a-long-random-string",
    "AIRFLOW_FERNET_KEY": "ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg=",
}


def env_file(tmp_path: Path, **values: str) -> Path:
    """.env as docs/deployment.md says to make it: .env.example with the secrets set."""
    lines = []
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        name = line.split("=", 1)[0]
        if line and not line.startswith("#") and name in values:
            line = f"{name}={values[name]}"
        lines.append(line)
    path = tmp_path / ".env"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_compose(env: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COMPOSE), "--env-file", str(env), "config"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},
    )


def compose_config(**values: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        result = run_compose(env_file(Path(folder), **{**SECRETS, **values}))
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def start(service: dict[str, Any], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run a rendered service's entrypoint and command as its container would, up to the point
    where it hands over to the image's /entrypoint (here a stub printing the executor)."""
    init, dash, shell, flag, script, name = service["entrypoint"]
    assert (init, dash, shell, flag) == ("/usr/bin/dumb-init", "--", "/bin/bash", "-c")
    stub = tmp_path / "entrypoint"
    stub.write_text('#!/bin/sh\necho "handed over: $AIRFLOW__CORE__EXECUTOR $*"\n')
    stub.chmod(0o755)
    script = script.replace("$$", "$").replace("exec /entrypoint", f"exec {stub}")
    command = service["command"]
    command = command.split() if isinstance(command, str) else command
    environment = {k: str(v) for k, v in service["environment"].items()}
    return subprocess.run(
        ["bash", "-c", script, name, *command],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **environment},
    )


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
    assert "AIRFLOW__CORE__EXECUTOR" not in scheduler  # the entrypoint sets it from the profile
    assert "@postgres/airflow" in scheduler["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    assert "@reviews-db:5432/reviews" in scheduler["AIRFLOW_CONN_REVIEWS_DB"]


@needs_compose
def test_compose__celery_profile_adds_redis_and_workers() -> None:
    services = compose_config(COMPOSE_PROFILES="celery")["services"]
    celery = {name for name, service in services.items() if "celery" in service.get("profiles", [])}
    assert celery == {"redis", "airflow-worker"}
    assert services["airflow-worker"]["command"] in ("celery worker", ["celery", "worker"])
    assert "healthcheck" in services["airflow-worker"]


@needs_compose
def test_compose__set_up_as_documented_the_celery_profile_renders_every_setting(
    tmp_path: Path,
) -> None:
    services = compose_config(COMPOSE_PROFILES="celery")["services"]
    for name in ("airflow-scheduler", "airflow-worker", "airflow-apiserver"):
        environment = services[name]["environment"]
        started = start(services[name], tmp_path)
        assert started.returncode == 0, (name, started.stderr)
        assert "handed over: CeleryExecutor" in started.stdout, name
        assert environment["AIRFLOW__CELERY__WORKER_CONCURRENCY"] == "4", name
        assert environment["AIRFLOW__CORE__FERNET_KEY"] == SECRETS["AIRFLOW_FERNET_KEY"]
        assert environment["REVIEWS_CONFIG"] == "config/products.yaml"  # see the next test
        volumes = " ".join(str(v) for v in services[name]["volumes"])
        assert "/opt/reviews/config" in volumes, name
    # the reviews database is published on this machine only
    (port,) = services["reviews-db"]["ports"]
    assert str(port).startswith("127.0.0.1:5433") or port.get("host_ip") == "127.0.0.1"


@needs_compose
def test_compose__the_executor_follows_the_profile_so_the_two_cannot_disagree(
    tmp_path: Path,
) -> None:
    local = compose_config()["services"]
    for name in ("airflow-scheduler", "airflow-apiserver", "airflow-init"):
        assert "handed over: LocalExecutor" in start(local[name], tmp_path).stdout, name
    # a worker whose scheduler runs LocalExecutor (--profile celery without COMPOSE_PROFILES)
    # would wait for tasks that never come: it stops and names the setting
    worker = start(local["airflow-worker"], tmp_path)
    assert worker.returncode == 1 and "handed over" not in worker.stdout
    assert "needs COMPOSE_PROFILES=celery" in worker.stderr
    celery = compose_config(COMPOSE_PROFILES="celery")["services"]
    for name in ("airflow-scheduler", "airflow-worker", "airflow-triggerer", "airflow-init"):
        assert "handed over: CeleryExecutor" in start(celery[name], tmp_path).stdout, name


@needs_compose
def test_compose__a_secret_left_empty_stops_it_with_its_name(tmp_path: Path) -> None:
    secrets = {**SECRETS, "AIRFLOW_JWT_SECRET": ""}
    result = run_compose(env_file(tmp_path, **secrets))
    assert result.returncode != 0
    assert "set AIRFLOW_JWT_SECRET in .env" in result.stderr
    assert "change-me" not in (ROOT / "docker-compose.yml").read_text(encoding="utf-8")


def test_dockerignore__keeps_the_environment_data_and_secrets_out_of_the_image() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", ".data", ".airflow", ".env", ".git"} <= set(ignored)


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


def test_compose__every_pipeline_setting_of_env_example_reaches_the_airflow_services() -> None:
    import yaml

    documented = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    environment = compose["x-airflow-common"]["environment"]
    # the data folder is the image's own; DATABASE_URL is the reviews_db connection there;
    # the reviews database's password and address are compose's own
    compose_own = {"REVIEWS_DATA_DIR", "REVIEWS_DB_PASSWORD", "REVIEWS_DB_BIND"}
    wanted = {
        v for v in documented if v.startswith(("REVIEWS_", "REDDIT_", "MASTODON_"))
    } - compose_own
    missing = {v for v in wanted if v not in environment}
    assert not missing, missing
    for variable in wanted:
        assert f"${{{variable}" in str(environment[variable]), variable  # taken from .env


def test_compose__env_examples_config_path_is_the_mounted_config_folder() -> None:
    import yaml

    env = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    mounts = {v.split(":")[1]: v.split(":")[0] for v in compose["x-airflow-common"]["volumes"]}
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    workdir = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("WORKDIR")]
    links = dict(
        reversed(line.split()[-2:])
        for line in dockerfile.splitlines()
        if line.startswith("RUN ln -s ")
    )
    # REVIEWS_CONFIG relative to the tasks' working directory, through the image's link, to a
    # folder compose mounts from the project
    path = Path(workdir[-1]) / env["REVIEWS_CONFIG"]
    host = mounts[links[str(path.parent)]]
    assert (ROOT / host).resolve() == ROOT / "config"
    assert (ROOT / "config" / "products.example.yaml").exists()  # what README says to copy


def test_pod_template__is_a_valid_pod_sized_for_an_extract_task() -> None:
    from kubernetes.client import ApiClient, V1Pod
    from kubernetes.utils.quantity import parse_quantity

    document = yaml.safe_load(
        (ROOT / "deploy" / "kubernetes" / "pod_template.yaml").read_text(encoding="utf-8")
    )

    class Answer:  # what the client reads a Pod from: the API server's answer
        data = json.dumps(document)

    # every field typed and checked, as for a Pod the API server sends
    pod = ApiClient().deserialize(Answer(), "V1Pod")
    assert isinstance(pod, V1Pod) and pod.kind == "Pod" and pod.api_version == "v1"
    (container,) = pod.spec.containers
    assert container.name == "base"  # the container Airflow's executor runs the task in
    requests, limits = container.resources.requests, container.resources.limits
    # measured: the extractor peaks at about 300 MB over a batch, the task runner ~200 MB more
    assert parse_quantity(requests["memory"]) >= 500 * 2**20
    assert parse_quantity(limits["memory"]) >= 2 * parse_quantity(requests["memory"])
    env = {e.name: e.value for e in container.env}
    assert int(env["REVIEWS_EXTRACT_BATCH_SIZE"]) >= 3000  # spaCy's load under a tenth
    mounted = {m.name for m in container.volume_mounts}
    assert mounted <= {v.name for v in pod.spec.volumes}
    assert env["REVIEWS_CONFIG"].startswith(
        next(m.mount_path for m in container.volume_mounts if m.name == "products")
    )


def test_constraints__pin_the_celery_extra_and_what_celery_needs() -> None:
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    pinned = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line
    }
    wanted = {name.lower() for name in extras["celery"]} | {"celery", "kombu", "billiard"}
    assert wanted <= pinned, wanted - pinned


@needs_compose
def test_compose__under_celery_the_scheduler_waits_for_redis_through_init() -> None:
    services = compose_config(COMPOSE_PROFILES="celery")["services"]
    init = " ".join(services["airflow-init"]["command"])
    assert "create_connection(('redis', 6379)" in init and "CeleryExecutor" in init
    for name in ("airflow-scheduler", "airflow-apiserver"):
        depends = services[name]["depends_on"]
        assert depends["airflow-init"]["condition"] == "service_completed_successfully", name


@needs_compose
def test_compose__its_shell_scripts_parse_as_compose_hands_them_to_bash() -> None:
    services = compose_config(COMPOSE_PROFILES="celery")["services"]
    for name, script in (
        ("airflow-init", services["airflow-init"]["command"][-1]),
        ("entrypoint", services["airflow-scheduler"]["entrypoint"][4]),
    ):
        script = script.replace("$$", "$")  # compose's own escape
        checked = subprocess.run(["bash", "-n", "-c", script], capture_output=True, text=True)
        assert checked.returncode == 0, (name, checked.stderr)
