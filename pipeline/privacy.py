"""Author pseudonyms: a keyed hash replaces every author name before anything is stored."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

from pipeline.config import Settings
from pipeline.errors import ConfigError

log = logging.getLogger(__name__)


def author_key(configured: str | None, data_dir: Path) -> bytes:
    """The HMAC key: REVIEWS_AUTHOR_KEY, else a random key kept in ``data_dir/author.key``.

    The local key suits one machine (the demo, a laptop); a deployment with several workers
    must set REVIEWS_AUTHOR_KEY so every worker hashes an author to the same pseudonym.
    """
    if configured:
        return configured.encode("utf-8")
    path = data_dir / "author.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
        log.warning("REVIEWS_AUTHOR_KEY is not set: created a local key in %s", path)
    return path.read_text(encoding="utf-8").strip().encode("utf-8")


def require_author_key(settings: Settings) -> None:
    """Refuse to collect anything in a deployment without REVIEWS_AUTHOR_KEY.

    A deployment is any run against a configured database (DATABASE_URL or the reviews_db
    connection); the local key under REVIEWS_DATA_DIR is only for the demo and a laptop, where
    the embedded database is used.
    """
    if settings.database_url and not settings.author_key:
        raise ConfigError(
            "REVIEWS_AUTHOR_KEY is not set: every deployment needs its own secret key for the "
            "author pseudonyms, the same on every worker (see .env.example); only the demo on "
            "the embedded database makes a local one"
        )


def pseudonym(author: str | None, source: str, key: bytes) -> str | None:
    """A stable pseudonym for ``author`` on ``source``; None for missing or deleted authors."""
    if not author or author.strip().lower() in {"[deleted]", "[removed]"}:
        return None
    digest = hmac.new(key, f"{source}\x00{author.strip()}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]
