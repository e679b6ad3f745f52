"""Maintenance against PostgreSQL: Reddit deletions re-checked (recorded responses), retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg2
import pytest
import responses

from pipeline.config import Settings, load_config
from pipeline.extract import extract
from pipeline.ingest import ingest
from pipeline.maintenance import apply_retention, purge_deleted_reddit
from tests.conftest import scalar
from tests.sources import fakes

TOKEN = "https://www.reddit.com/api/v1/access_token"
NEW = "https://oauth.reddit.com/r/phones/new"
INFO = "https://oauth.reddit.com/api/info/"
NOW = datetime.now(UTC)
STAMP = int((NOW - timedelta(days=2)).timestamp())
TEXTS = {
    "a1": "The Aurora X2 battery is amazing and the screen is gorgeous.",
    "a2": "The camera is terrible in low light.",
    "a3": "I love the speakers on this phone.",
}


@pytest.fixture(autouse=True)
def reddit_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDDIT_CLIENT_ID", "<CLIENT_ID>")
    monkeypatch.setenv("REDDIT_CLIENT_SECRET", "<CLIENT_SECRET>")
    monkeypatch.setenv("REDDIT_USER_AGENT", "test:review-monitoring:0.1 (by /u/tester)")


def write_config(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "products.yaml"
    path.write_text(
        "products:\n  - slug: aurora-x2\n    name: Aurora X2\n    aliases: [X2]\n    sources:\n"
        f"      - type: reddit\n        subreddits: [phones]\n{extra}",
        encoding="utf-8",
    )
    return path


def submission(item_id: str, **changes: Any) -> dict[str, Any]:
    thing = fakes.reddit_submission(item_id, STAMP, TEXTS[item_id])
    thing["data"].update(changes)
    return thing


def ingest_three(db: str, config_path: Path) -> None:
    """Three submissions through the real ingest and extraction (inside responses.activate)."""
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    responses.get(NEW, json=fakes.reddit_listing([submission(i) for i in TEXTS]))
    (counts,) = ingest(load_config(config_path), db, Settings.from_env())
    assert counts.new == 3, counts
    assert extract(db, Settings.from_env()).opinions >= 3


@responses.activate
def test_purge_deleted__deleted_removed_and_vanished_items_lose_their_content(
    db: str, tmp_path: Path
) -> None:
    config_path = write_config(tmp_path)
    ingest_three(db, config_path)
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    responses.get(
        INFO,
        json=fakes.reddit_listing(
            [
                submission("a1"),  # still there
                submission("a2", selftext="[deleted]", author="[deleted]"),
            ]  # a3 is not returned at all: gone
        ),
    )
    counts = purge_deleted_reddit(load_config(config_path), db, Settings.from_env())
    assert (counts["checked"], counts["purged"]) == (3, 2) and counts["opinions_deleted"] >= 2
    info_call = next(c for c in responses.calls if c.request.url.startswith(INFO))
    assert "id=t3_a1%2Ct3_a2%2Ct3_a3" in info_call.request.url
    rows = scalar(
        db,
        "SELECT json_agg(json_build_array(external_id, text, title, raw IS NULL,"
        " author_hash IS NULL, deleted_at IS NOT NULL) ORDER BY external_id) FROM reviews.posts",
    )
    assert rows == [
        ["t3_a1", TEXTS["a1"], "Thoughts?", False, False, False],
        ["t3_a2", "", None, True, True, True],
        ["t3_a3", "", None, True, True, True],
    ]
    assert (
        scalar(
            db,
            "SELECT count(*) FROM reviews.opinions o JOIN reviews.posts p ON p.id = o.post_id"
            " WHERE p.external_id <> 't3_a1'",
        )
        == 0
    )
    assert scalar(db, "SELECT count(*) FROM reviews.runs WHERE kind = 'maintenance'") == 1


@responses.activate
def test_purge_deleted__old_items_are_not_rechecked_and_nothing_to_do_asks_nothing(
    db: str, tmp_path: Path
) -> None:
    config_path = write_config(tmp_path)
    ingest_three(db, config_path)
    later = NOW + timedelta(days=30)
    counts = purge_deleted_reddit(load_config(config_path), db, Settings.from_env(), now=later)
    assert counts == {"checked": 0, "purged": 0, "opinions_deleted": 0}
    assert not [c for c in responses.calls if c.request.url.startswith(INFO)]


@responses.activate
def test_purge_deleted__reddit_failure_is_classified_and_changes_nothing(
    db: str, tmp_path: Path
) -> None:
    from pipeline.errors import SourceError

    config_path = write_config(tmp_path)
    ingest_three(db, config_path)
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    responses.get(INFO, status=403, json={"message": "Forbidden", "error": 403})
    with pytest.raises(SourceError, match="reddit /api/info"):
        purge_deleted_reddit(load_config(config_path), db, Settings.from_env())
    assert scalar(db, "SELECT count(*) FROM reviews.posts WHERE deleted_at IS NOT NULL") == 0
    assert scalar(db, "SELECT status FROM reviews.runs WHERE kind = 'maintenance'") == "failed"


@responses.activate
def test_retention__expires_old_posts_of_that_source_only(db: str, tmp_path: Path) -> None:
    import psycopg2

    config_path = write_config(tmp_path, "        retention_days: 1\n")
    ingest_three(db, config_path)
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reviews.posts SET created_at = now() - interval '3 days'"
            " WHERE external_id = 't3_a1'"
        )
        cursor.execute("UPDATE reviews.posts SET created_at = now() WHERE external_id <> 't3_a1'")
    connection.close()
    counts = apply_retention(load_config(config_path), db)
    assert counts == {"sources": 1, "unlinked": 1, "posts_deleted": 1, "opinions_deleted": 2}
    assert scalar(db, "SELECT array_agg(external_id ORDER BY 1) FROM reviews.posts") == [
        "t3_a2",
        "t3_a3",
    ]
    assert apply_retention(load_config(config_path), db)["unlinked"] == 0
    # Without retention_days nothing is touched.
    assert apply_retention(load_config(write_config(tmp_path)), db)["sources"] == 0
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 2


def test_close_stale_runs__a_run_its_process_left_running_is_marked_failed(db: str) -> None:
    from pipeline.maintenance import close_stale_runs

    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reviews.runs (kind, status, started_at) VALUES"
            " ('extract', 'running', now() - interval '7 hours'),"
            " ('ingest', 'running', now() - interval '5 minutes'),"
            " ('ingest', 'success', now() - interval '9 hours')"
        )
    connection.close()
    settings = Settings.from_env()
    assert close_stale_runs(db, settings) == 1
    assert close_stale_runs(db, settings) == 0  # done once
    rows = scalar(
        db,
        "SELECT json_agg(json_build_array(kind, status, error IS NOT NULL) ORDER BY id)"
        " FROM reviews.runs",
    )
    assert rows == [
        ["extract", "failed", True],
        ["ingest", "running", False],
        ["ingest", "success", False],
    ]


def test_clean_airflow_metadata__runs_airflow_db_clean_with_the_retention(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import subprocess
    from datetime import UTC, datetime

    from pipeline.config import Settings
    from pipeline.errors import PipelineError
    from pipeline.maintenance import clean_airflow_metadata

    seen: list[list[str]] = []

    def fake_run(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        seen.append(command)
        out = "Checking table dag_run\nFound 12 rows meeting deletion criteria.\n"
        out += "Checking table task_instance\nFound 30 rows meeting deletion criteria.\n"
        return subprocess.CompletedProcess(command, 0, out, "")

    monkeypatch.setattr(subprocess, "run", fake_run)
    now = datetime(2026, 12, 7, tzinfo=UTC)
    found = clean_airflow_metadata(Settings(airflow_retention_days=30), now)
    assert found == {"before": "2026-11-07T00:00:00+00:00", "tables": 2, "rows": 42}
    assert seen[0][1:] == [
        "-m",
        "airflow",
        "db",
        "clean",
        "--clean-before-timestamp",
        "2026-11-07T00:00:00+00:00",
        "--skip-archive",
        "--yes",
    ]

    def failing(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(command, 1, "", "Traceback …\nOperationalError: no db")

    monkeypatch.setattr(subprocess, "run", failing)
    with pytest.raises(PipelineError, match=r"airflow db clean failed \(exit 1\): .*no db"):
        clean_airflow_metadata(Settings(), now)
