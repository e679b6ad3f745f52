"""Shared fixtures: a fresh PostgreSQL database per test session, the spaCy extractor, paths."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
from psycopg2 import sql

from pipeline.config import Settings
from pipeline.store import database_url, migrate

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"
TEST_AUTHOR_KEY = "test-author-key"

# Tests never write the developer's local author key; every test hashes with this one.
os.environ["REVIEWS_AUTHOR_KEY"] = TEST_AUTHOR_KEY
os.environ.setdefault("REVIEWS_DATA_DIR", str(ROOT / ".data"))
# Airflow reads its settings when first imported: give the tests their own SQLite metadata.
os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="airflow-tests-")
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(ROOT / "dags")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__LOGGING__LOGGING_LEVEL"] = "WARNING"


def with_database(url: str, name: str) -> str:
    """The same server URL pointing at another database."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def server_url() -> str:
    """DATABASE_URL, else the embedded PostgreSQL under .data/ (started on demand)."""
    return database_url(Settings.from_env())


@pytest.fixture(scope="session")
def database(server_url: str) -> Iterator[str]:
    """A database created for this test session, migrated, dropped at the end."""
    name = f"reviews_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = psycopg2.connect(server_url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = with_database(server_url, name)
    migrate(url)
    try:
        yield url
    finally:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()


TABLES = (
    "reviews.alerts, reviews.runs, reviews.source_cursors, reviews.opinions, "
    "reviews.forgotten_authors, "
    "reviews.extractions, reviews.post_products, reviews.posts, reviews.products"
)


@pytest.fixture
def db(database: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The session database, emptied, and set as DATABASE_URL for code under test."""
    with psycopg2.connect(database) as connection, connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
    connection.close()
    monkeypatch.setenv("DATABASE_URL", database)
    yield database


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The extractor with two products configured, loaded once."""
    from pipeline.nlp import load_extractor

    return load_extractor(products={"aurora-x2": ["Aurora X2", "X2"], "nova-9": ["Nova 9", "Nova"]})


@pytest.fixture(scope="session")
def rules_nlp():  # type: ignore[no-untyped-def]
    """The same extractor with the sentence verdicts turned off: the rules alone, for the tests
    that pin down what each rule reads (tests/unit/test_nlp_verdicts.py tests the verdicts)."""
    from pipeline.nlp import load_extractor

    extractor = load_extractor(
        products={"aurora-x2": ["Aurora X2", "X2"], "nova-9": ["Nova 9", "Nova"]}
    )
    extractor.get_pipe("pros_cons").verdict_threshold = 1.0
    return extractor


def scalar(url: str, query: str, params: tuple[object, ...] = ()) -> object:
    """The single value a query returns."""
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(query, params)
        row = cursor.fetchone()
    connection.close()
    return row[0] if row else None
