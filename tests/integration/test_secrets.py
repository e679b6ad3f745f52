"""Secrets never leak: the job runs with sentinel secret values, failing where they are used,
and no output, error or table holds any of them."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest

from tests.conftest import ROOT
from tests.localserver import QuietHandler, serve

SENTINELS = {
    "REDDIT_CLIENT_ID": "sentinel-reddit-client-id-7f3a",
    "REDDIT_CLIENT_SECRET": "sentinel-reddit-secret-91bc",
    "REVIEWS_AUTHOR_KEY": "sentinel-author-key-55d0",
    "MASTODON_ACCESS_TOKEN": "sentinel-mastodon-token-3e21",
}
DB_PASSWORD = "sentinel-db-password-c4e8"
WEBHOOK_SECRET = "sentinel-webhook-path-a9f2"


class Refusing(QuietHandler):
    """Answers every request with 403, so each source and the webhook fail at once."""

    def _refuse(self) -> None:
        self.send_json(403, b'{"error": "forbidden"}')

    do_GET = do_POST = _refuse


def with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    user = parts.username or "postgres"
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{host}"))


def test_secrets__absent_from_output_errors_and_every_table(db: str, tmp_path: Path) -> None:
    with serve(Refusing) as refusing:
        outputs = run_everything(db, tmp_path, int(refusing.rsplit(":", 1)[1]))
    run_output, alerts_output, _ = outputs
    assert "reddit" in run_output and "failed" in run_output.lower()  # the sources did fail
    assert "1 not delivered" in alerts_output
    check_tables(db, outputs)


def run_everything(db: str, tmp_path: Path, port: int) -> list[str]:
    """run, alerts and db url, with sentinel secrets, against a server that refuses all."""
    today = datetime.now(UTC).date().isoformat()
    (tmp_path / "posts.jsonl").write_text(
        "".join(
            f'{{"id": "{i}", "author": "someone{i}", "text": "The battery is awful.",'
            f' "created_at": "{today}T00:00:0{i}Z"}}\n'
            for i in range(8)
        ),
        encoding="utf-8",
    )
    config = tmp_path / "products.yaml"
    config.write_text(
        "products:\n  - slug: aurora-x2\n    name: Aurora X2\n    sources:\n"
        "      - type: file\n        path: posts.jsonl\n"
        "      - type: reddit\n        subreddits: [phones]\n"
        f"        oauth_url: http://127.0.0.1:{port}\n"
        f"        reddit_url: http://127.0.0.1:{port}\n"
        "      - type: mastodon\n        instance: mastodon.example\n        tags: [phone]\n"
        f"        base_url: http://127.0.0.1:{port}\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        **SENTINELS,
        "DATABASE_URL": with_password(db, DB_PASSWORD),
        "REVIEWS_ALERT_WEBHOOK": f"http://127.0.0.1:{port}/services/{WEBHOOK_SECRET}",
        "REVIEWS_ALERT_MIN_CONS": "1",
        "REVIEWS_ALERT_RATIO": "1",
    }
    return run_commands(config, env)


def run_commands(config: Path, env: dict[str, str]) -> list[str]:
    outputs = []
    for command in (["run", "--config", str(config)], ["alerts"], ["db", "url"]):
        result = subprocess.run(
            [sys.executable, "-m", "pipeline", "-v", *command],
            env=env, capture_output=True, text=True, cwd=ROOT, timeout=300,
        )  # fmt: skip
        outputs.append(result.stdout + result.stderr)
    return outputs


def check_tables(db: str, outputs: list[str]) -> None:
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'reviews'"
        )
        tables = [row[0] for row in cursor.fetchall()]
        dumps = []
        for table in tables:
            cursor.execute(f"SELECT coalesce(string_agg(t::text, ' '), '') FROM reviews.{table} t")
            dumps.append(cursor.fetchone()[0])
        cursor.execute("SELECT notify_error FROM reviews.alerts")
        errors = [row[0] for row in cursor.fetchall()]
    connection.close()
    assert errors and all(e and "the alert webhook" in e for e in errors)
    everything = "\n".join(outputs + dumps)
    for secret in [*SENTINELS.values(), DB_PASSWORD, WEBHOOK_SECRET]:
        assert secret not in everything, secret


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://reader:S3NT1NEL@db.example/reviews",
        "postgresql://reader@db.example/reviews?password=S3NT1NEL&sslmode=require",
        "host=db.example user=reader password=S3NT1NEL dbname=reviews",
        "host=db.example password = 'S3NT 1NEL' dbname=reviews",
    ],
)
def test_redact__every_form_of_a_database_password_is_hidden(url: str) -> None:
    from pipeline.store.connection import redact

    shown = redact(url)
    assert "S3NT" not in shown and "***" in shown
    assert "db.example" in shown  # what is not secret still says which server
