"""Migrations on a real PostgreSQL: the schema the code expects, idempotent, safe in parallel."""

from __future__ import annotations

import multiprocessing
import uuid

import psycopg2
import pytest
from psycopg2 import sql

from pipeline.store import migrate
from tests.conftest import with_database

EXPECTED_TABLES = {
    "products",
    "posts",
    "post_products",
    "extractions",
    "opinions",
    "source_cursors",
    "runs",
    "alerts",
    "forgotten_authors",
}
MIGRATIONS = [
    "0001_initial",
    "0002_alerts_maintenance",
    "0003_views_per_product",
    "0004_forgotten_authors",
    "0005_file_post_ids",
    "0006_steam_urls_without_authors",
    "0007_themes",
    "0008_coverage_and_detail",
    "0009_one_clock_posts_counted_once",
]
EXPECTED_VIEWS = {
    "alert_history",
    "aspect_summary",
    "aspect_trend",
    "coverage",
    "opinion_evidence",
    "post_detail",
    "product_overview",
    "source_health",
    "theme_summary",
}


@pytest.fixture
def empty_database(server_url: str):  # type: ignore[no-untyped-def]
    name = f"reviews_empty_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(server_url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield with_database(server_url, name)
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
    admin.close()


def relations(url: str, kind: str) -> set[str]:
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'reviews' AND c.relkind = %s",
            (kind,),
        )
        names = {row[0] for row in cursor.fetchall()}
    connection.close()
    return names


def test_migrate__empty_database_gets_every_table_and_view(empty_database: str) -> None:
    assert migrate(empty_database) == MIGRATIONS
    assert relations(empty_database, "r") == EXPECTED_TABLES
    assert relations(empty_database, "v") == EXPECTED_VIEWS


def test_migrate__tables_have_every_column_the_writers_copy(empty_database: str) -> None:
    from pipeline.store.writes import EXTRACTION_COLUMNS, OPINION_COLUMNS, POST_COLUMNS

    migrate(empty_database)
    with psycopg2.connect(empty_database) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'reviews'"
        )
        columns: dict[str, set[str]] = {}
        for table, column in cursor.fetchall():
            columns.setdefault(table, set()).add(column)
    connection.close()
    # The staging tables carry 'deleted' and 'author_hash' for posts, mapped on upsert.
    assert set(POST_COLUMNS) - {"deleted"} <= columns["posts"]
    assert set(OPINION_COLUMNS) <= columns["opinions"]
    assert set(EXTRACTION_COLUMNS) <= columns["extractions"]
    assert {"pros_change", "cons_change", "net_share"} <= columns["aspect_summary"]


def test_migrate__second_run_changes_nothing(empty_database: str) -> None:
    migrate(empty_database)
    with psycopg2.connect(empty_database) as connection, connection.cursor() as cursor:
        cursor.execute(SCHEMA_FINGERPRINT)
        (before,) = cursor.fetchone()
    connection.close()
    assert migrate(empty_database) == []
    with psycopg2.connect(empty_database) as connection, connection.cursor() as cursor:
        cursor.execute(SCHEMA_FINGERPRINT)
        (after,) = cursor.fetchone()
    connection.close()
    assert before == after


SCHEMA_FINGERPRINT = (
    "SELECT md5(string_agg(table_name || column_name || data_type, ',' "
    "ORDER BY table_name, column_name)) "
    "FROM information_schema.columns WHERE table_schema = 'reviews'"
)


def _migrate_in_child(url: str, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    try:
        results.put(migrate(url))
    except Exception as error:  # reported to the parent, which fails the test
        results.put(repr(error))


def test_migrate__two_processes_at_once_apply_each_migration_once(empty_database: str) -> None:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    children = [
        context.Process(target=_migrate_in_child, args=(empty_database, results)) for _ in range(2)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=120)
    outcomes = sorted((results.get(timeout=5) for _ in children), key=len)
    assert outcomes == [[], MIGRATIONS]


def test_views__every_view_and_column_has_a_comment(database: str) -> None:
    with psycopg2.connect(database) as connection, connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, a.attname
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
            WHERE n.nspname = 'reviews' AND c.relkind = 'v'
              AND col_description(c.oid, a.attnum) IS NULL
            """
        )
        uncommented = cursor.fetchall()
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'reviews' AND c.relkind = 'v' AND obj_description(c.oid) IS NULL"
        )
        views_without = cursor.fetchall()
    connection.close()
    assert uncommented == [] and views_without == []


def test_reviews_reader__selects_views_but_not_tables(database: str) -> None:
    with psycopg2.connect(database) as connection, connection.cursor() as cursor:
        cursor.execute("SET ROLE reviews_reader")
        cursor.execute("SELECT count(*) FROM reviews.aspect_summary")
        cursor.execute("SELECT count(*) FROM reviews.theme_summary")
        cursor.execute("SELECT count(*) FROM reviews.coverage")
        cursor.execute("SELECT count(*) FROM reviews.post_detail")
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cursor.execute("SELECT author_hash FROM reviews.posts")
    connection.close()


def test_migrate__0005_renames_file_posts_and_parts_the_ones_two_products_shared(
    empty_database: str,
) -> None:
    from yoyo import get_backend, read_migrations

    from pipeline.store.migrations import MIGRATIONS_DIR

    backend = get_backend(empty_database)
    every = read_migrations(str(MIGRATIONS_DIR))
    backend.apply_migrations(backend.to_apply(every.filter(lambda m: m.id < "0005")))
    backend.connection.close()
    with psycopg2.connect(empty_database) as connection, connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO reviews.products (slug, name) VALUES ('a', 'A'), ('b', 'B');
            INSERT INTO reviews.posts (source, external_id, kind, created_at, text,
                                       content_hash, parent_external_id)
            VALUES ('file', 'reviews:1', 'review', now(), 'shared', 'h1', NULL),
                   ('file', 'reviews:2', 'comment', now(), 'only a', 'h2', 'reviews:1'),
                   ('file', 'coll:x:y', 'review', now(), 'colon in the label', 'h3', NULL),
                   ('steam', '99', 'review', now(), 'not a file', 'h4', NULL);
            INSERT INTO reviews.post_products (post_id, product, source_key)
            VALUES (1, 'a', 'file:reviews'), (1, 'b', 'file:reviews'),
                   (2, 'a', 'file:reviews'), (3, 'b', 'file:coll:x'), (4, 'a', 'steam:99');
            INSERT INTO reviews.extractions (post_id, content_hash, extractor_version, status)
            VALUES (1, 'h1', 'v', 'extracted'), (2, 'h2', 'v', 'extracted');
            INSERT INTO reviews.source_cursors (product, source_key, position)
            VALUES ('a', 'file:reviews', '{}'), ('a', 'steam:99', '{}');
            """
        )
    connection.close()
    migrate(empty_database)
    with psycopg2.connect(empty_database) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.external_id, p.parent_external_id, array_agg(pp.product ORDER BY pp.product)"
            " FROM reviews.posts p JOIN reviews.post_products pp ON pp.post_id = p.id"
            " GROUP BY p.id ORDER BY p.id"
        )
        posts = cursor.fetchall()
        cursor.execute("SELECT post_id FROM reviews.extractions ORDER BY 1")
        extracted = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT source_key FROM reviews.source_cursors")
        cursors = [row[0] for row in cursor.fetchall()]
    connection.close()
    assert posts == [
        ("a/reviews:1", None, ["a"]),
        ("a/reviews:2", "a/reviews:1", ["a"]),
        ("b/coll%3Ax:y", None, ["b"]),
        ("99", None, ["a"]),
    ]
    assert extracted == [2]  # the shared post is read again; its other product's comes back
    assert cursors == ["steam:99"]  # file sources are read again on the next run


def test_migrate__0006_steam_links_no_longer_name_their_author(empty_database: str) -> None:
    from yoyo import get_backend, read_migrations

    from pipeline.store.migrations import MIGRATIONS_DIR

    backend = get_backend(empty_database)
    every = read_migrations(str(MIGRATIONS_DIR))
    backend.apply_migrations(backend.to_apply(every.filter(lambda m: m.id < "0006")))
    backend.connection.close()
    profile = "https://steamcommunity.com/profiles/76500000000000001/recommended/440/"
    with psycopg2.connect(empty_database) as connection, connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reviews.posts (source, external_id, kind, url, created_at, text,"
            " content_hash) VALUES ('steam', '1', 'review', %s, now(), 'x', 'h'),"
            " ('hackernews', '2', 'post', 'https://news.ycombinator.com/item?id=2', now(),"
            " 'y', 'h')",
            (profile,),
        )
    connection.close()
    migrate(empty_database)
    with psycopg2.connect(empty_database) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT url FROM reviews.posts ORDER BY external_id")
        urls = [row[0] for row in cursor.fetchall()]
    connection.close()
    assert urls == [
        "https://store.steampowered.com/app/440/#app_reviews_hash",
        "https://news.ycombinator.com/item?id=2",
    ]


def test_reviews_as_of__the_session_setting_else_now(database: str) -> None:
    with psycopg2.connect(database) as connection, connection.cursor() as cursor:
        cursor.execute("SET ROLE reviews_reader")
        cursor.execute("SELECT reviews.as_of() = now()")
        assert cursor.fetchone() == (True,)
        cursor.execute("SET reviews.as_of = '2026-11-20 00:00+00'")
        cursor.execute("SELECT reviews.as_of() = timestamptz '2026-11-20 00:00+00'")
        assert cursor.fetchone() == (True,)
        cursor.execute("RESET reviews.as_of")
        cursor.execute("SELECT reviews.as_of() = now()")
        assert cursor.fetchone() == (True,)
    connection.close()


def test_cli__an_unmigrated_database_says_to_migrate_first(empty_database: str) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "report"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": empty_database},
        timeout=300,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: the database has no reviews schema, or an older one: run "
        "`python -m pipeline migrate` first"
    )
