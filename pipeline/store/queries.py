"""Named SQL queries, read once from queries.sql."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_QUERIES_FILE = Path(__file__).with_name("queries.sql")
_NAME = re.compile(r"^-- name: (\w+)\s*$", re.MULTILINE)


@lru_cache(maxsize=1)
def _load() -> dict[str, str]:
    text = _QUERIES_FILE.read_text(encoding="utf-8")
    parts = _NAME.split(text)
    return {name: body.strip() for name, body in zip(parts[1::2], parts[2::2], strict=True)}


def query(name: str) -> str:
    """The SQL text of the named query."""
    return _load()[name]
