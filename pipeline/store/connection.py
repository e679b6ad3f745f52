"""Connections to the reviews database: DATABASE_URL, else an embedded PostgreSQL under .data/."""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import psycopg2.extensions

from pipeline.config import Settings
from pipeline.errors import StoreError

log = logging.getLogger(__name__)

EMBEDDED_DATABASE = "reviews"


def database_url(settings: Settings | None = None) -> str:
    """The libpq URL of the reviews database, starting the embedded server where needed."""
    settings = settings or Settings.from_env()
    if settings.database_url:
        return normalise_url(settings.database_url)
    return embedded_url(settings.data_dir)


def normalise_url(url: str) -> str:
    """Accept SQLAlchemy-style URLs (``postgresql+psycopg2://``) as well as libpq ones."""
    return re.sub(r"^postgres(?:ql)?(?:\+\w+)?://", "postgresql://", url.strip())


def redact(url: str) -> str:
    """The connection string with every secret replaced, for logs and error messages: the
    password of a URL (``user:secret@host``), a ``password=`` query parameter, and the
    ``password`` of the key=value form (``host=db password=secret``), quoted or not."""
    text = _KEY_VALUE_SECRET.sub(r"\1***", url)
    text = _QUERY_SECRET.sub(r"\1***", text)
    if "://" not in text:
        return text
    parts = urlsplit(text)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return text


#: ``password=secret`` or ``password = 'se cret'`` in the key=value form.
_KEY_VALUE_SECRET = re.compile(
    r"((?:^|(?<=\s))(?:password|sslpassword)\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s]+)", re.IGNORECASE
)
#: ``?password=secret`` or ``&sslpassword=secret`` in a URL's query.
_QUERY_SECRET = re.compile(r"([?&](?:password|sslpassword)=)[^&#\s]*", re.IGNORECASE)


def _embedded_server(data_dir: Path) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        import pgserver

        pgdata = (data_dir / "postgres").resolve()
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        # Kept running after this process exits, like a local development server;
        # `python -m pipeline db stop` stops it.
        return pgserver.get_server(pgdata, cleanup_mode=None)


def embedded_url(data_dir: Path) -> str:
    """Start (or reuse) the embedded PostgreSQL under ``data_dir`` and return its URL."""
    try:
        server = _embedded_server(data_dir)
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{EMBEDDED_DATABASE}';")
        if "(1 row)" not in exists:
            server.psql(f"CREATE DATABASE {EMBEDDED_DATABASE};")
            log.info("created database %s in the embedded server", EMBEDDED_DATABASE)
        return str(server.get_uri(EMBEDDED_DATABASE))
    except Exception as error:  # pgserver raises plain exceptions with the server log
        raise StoreError(
            f"could not start the embedded PostgreSQL under {data_dir}/postgres: {error}. "
            "Set DATABASE_URL to use another server."
        ) from error


def stop_embedded(data_dir: Path) -> bool:
    """Stop the embedded server if one runs under ``data_dir``; say whether one did."""
    if not (data_dir / "postgres" / "postmaster.pid").exists():
        return False
    server = _embedded_server(data_dir)
    server.cleanup_mode = "stop"
    server.cleanup()
    return True


@contextmanager
def connect(
    url: str | None = None, settings: Settings | None = None
) -> Iterator[psycopg2.extensions.connection]:
    """A connection to the reviews database, closed on exit; the caller commits."""
    url = url or database_url(settings)
    try:
        connection = psycopg2.connect(url, application_name="review-monitoring")
    except psycopg2.OperationalError as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise StoreError(f"cannot connect to {redact(url)}: {message}") from None
    try:
        yield connection
    finally:
        connection.close()
