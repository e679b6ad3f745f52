"""Schema migrations: numbered SQL files in migrations/, applied by yoyo under an advisory lock."""

from __future__ import annotations

import logging
from pathlib import Path

import psycopg2

from pipeline.store.connection import connect

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: Key of the advisory lock that serialises migrations across processes (arbitrary, fixed).
MIGRATION_LOCK = 74_110_001


def migrate(url: str) -> list[str]:
    """Bring the schema to the newest version; return the ids of migrations applied.

    Safe to run again (nothing to do) and from two processes at once (the second waits
    on an advisory lock, then finds nothing to do).
    """
    from yoyo import get_backend, read_migrations

    with connect(url) as lock_connection:
        lock_connection.autocommit = True
        with lock_connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        try:
            backend = get_backend(url)
            try:
                migrations = read_migrations(str(MIGRATIONS_DIR))
                with backend.lock():
                    pending = backend.to_apply(migrations)
                    for migration in pending:
                        log.info("applying migration %s", migration.id)
                    backend.apply_migrations(pending)
                return [migration.id for migration in pending]
            finally:
                backend.connection.close()
        finally:
            try:
                with lock_connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
            except psycopg2.Error:
                pass  # the lock dies with the connection anyway
