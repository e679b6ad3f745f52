"""docs/queries.md: every question answered with reviews_reader on the demo data; nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import psycopg2
import pytest

from pipeline.alerts import detect
from pipeline.config import Settings, load_config
from pipeline.extract import extract
from pipeline.ingest import ingest
from tests.conftest import ROOT, TABLES

QUERIES = re.findall(
    r"^### \d+\. (.+?)\n\n```sql\n(.+?)```",
    (ROOT / "docs" / "queries.md").read_text("utf-8"),
    re.M | re.S,
)


@pytest.fixture(scope="module")
def demo_db(database: str) -> Iterator[str]:
    """The demo data, loaded once, moved in time so that its newest post is from yesterday."""
    with psycopg2.connect(database) as connection, connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
    connection.close()
    settings = Settings.from_env(database_url=database)
    list(ingest(load_config(ROOT / "config" / "demo.yaml"), database, settings))
    extract(database, settings)
    with psycopg2.connect(database) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT date_trunc('day', now()) - interval '1 day' "
            "- date_trunc('day', max(created_at)) FROM reviews.posts"
        )
        (shift,) = cursor.fetchone()
        cursor.execute("UPDATE reviews.posts SET created_at = created_at + %s", (shift,))
        cursor.execute("UPDATE reviews.opinions SET posted_at = posted_at + %s", (shift,))
    connection.close()
    # Thresholds low enough that yesterday's cons raise alerts for the alert questions.
    detect(database, Settings(alert_min_cons=1, alert_ratio=1.0))
    yield database


def as_reader(url: str, query: str) -> list[tuple[Any, ...]]:
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SET ROLE reviews_reader")
        cursor.execute(query)
        rows = cursor.fetchall()
    connection.close()
    return rows


def test_queries_md__has_at_least_ten_questions() -> None:
    assert len(QUERIES) >= 10


@pytest.mark.parametrize(("question", "query"), QUERIES, ids=[q for q, _ in QUERIES])
def test_queries_md__each_question_is_answered_by_the_reader_role(
    demo_db: str, question: str, query: str
) -> None:
    rows = as_reader(demo_db, query)
    assert rows, f"no rows for: {question}"


def test_queries_md__posts_behind_a_con_quote_their_sentence(demo_db: str) -> None:
    (_, query) = next(q for q in QUERIES if q[0].startswith("Show me the posts behind"))
    for _, _, _, sentence, url in as_reader(demo_db, query):
        # the battery named, or a battery complaint without the word ("stopped charging")
        assert any(word in sentence.lower() for word in ("battery", "drain", "charg"))
        assert url.startswith("https://")


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT * FROM reviews.posts",
        "SELECT author_hash FROM reviews.posts",
        "SELECT raw FROM reviews.posts",
        "SELECT * FROM reviews.opinions",
        "SELECT * FROM reviews.runs",
        "SELECT * FROM reviews.alerts",
        "SELECT * FROM reviews.forgotten_authors",
        "INSERT INTO reviews.products (slug, name) VALUES ('x', 'X')",
        "DELETE FROM reviews.opinions",
        "UPDATE reviews.products SET name = 'x'",
        "CREATE TABLE reviews.mine (id int)",
    ],
)
def test_reviews_reader__gets_permission_denied_outside_the_views(
    demo_db: str, statement: str
) -> None:
    with pytest.raises(psycopg2.errors.InsufficientPrivilege, match="permission denied"):
        as_reader(demo_db, statement)


@pytest.mark.parametrize(
    "statement",
    ["DELETE FROM reviews.opinion_evidence", "UPDATE reviews.aspect_summary SET pros = 0"],
)
def test_reviews_reader__cannot_write_through_the_views(demo_db: str, statement: str) -> None:
    with pytest.raises(psycopg2.Error):
        as_reader(demo_db, statement)
