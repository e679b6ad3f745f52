"""Airflow metadata for the DAG tests: a SQLite database migrated once per session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def airflow_db() -> str:
    """Migrate the session's Airflow metadata database (under a temporary AIRFLOW_HOME)."""
    home = os.environ["AIRFLOW_HOME"]
    airflow = Path(sys.executable).with_name("airflow")
    result = subprocess.run(
        [str(airflow), "db", "migrate"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return home
