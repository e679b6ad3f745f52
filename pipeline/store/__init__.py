"""PostgreSQL storage: connection, migrations, bulk writes, cursors and runs."""

from __future__ import annotations

from pipeline.store.connection import connect, database_url
from pipeline.store.migrations import migrate

__all__ = ["connect", "database_url", "migrate"]
