"""review_alerts and review_maintenance runs with dag.test(), and review_monitoring with Reddit."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg2
import pytest
import responses

from pipeline.nlp import EXTRACTOR_VERSION
from tests.conftest import ROOT, scalar
from tests.dags.test_review_monitoring_run import DEMO, task_states
from tests.integration.test_alerts import NOW, add_cons, webhook_server
from tests.sources import fakes


@pytest.fixture
def dagbag(airflow_db: str):  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(ROOT / "dags"))


def test_review_alerts__spike_is_stored_and_posted_once(
    db: str,
    dagbag,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    with webhook_server() as hook:
        monkeypatch.setenv("REVIEWS_ALERT_WEBHOOK", hook.url)
        # Recent cons, whatever today is: the DAG judges against the real clock.
        from datetime import UTC, datetime

        days_ago = (NOW - datetime.now(UTC)).total_seconds() / 86400
        add_cons(db, "battery", days_ago + 0.01, 6)
        dag = dagbag.get_dag("review_alerts")
        first = dag.test()
        assert str(first.state) == "success", task_states(first)
        assert scalar(db, "SELECT count(*) FROM reviews.alerts WHERE notified_at IS NOT NULL") == 1
        assert "battery" in hook.bodies[0]["text"]
        second = dag.test()
        assert str(second.state) == "success"
        assert len(hook.bodies) == 1


def test_review_maintenance__reextracts_after_an_extractor_upgrade(
    db: str,
    dagbag,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from pipeline.cli import main

    monkeypatch.setenv("REVIEWS_CONFIG", str(DEMO))
    assert main(["run", "--config", str(DEMO)]) == 0
    opinions = scalar(db, "SELECT count(*) FROM reviews.opinions")
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute("UPDATE reviews.extractions SET extractor_version = '0.0.1'")
        cursor.execute("UPDATE reviews.opinions SET extractor_version = '0.0.1'")
    connection.close()
    run = dagbag.get_dag("review_maintenance").test()
    states = task_states(run)
    assert str(run.state) == "success", states
    assert states["purge_deleted"] == ["success"] and states["apply_retention"] == ["success"]
    assert states["close_stale_runs"] == ["success"]
    assert states["clean_airflow_metadata"] == ["success"]  # airflow db clean, for real
    assert set(states["extract"]) == {"success"}
    assert scalar(db, "SELECT count(DISTINCT extractor_version) FROM reviews.opinions") == 1
    assert scalar(db, "SELECT min(extractor_version) FROM reviews.opinions").startswith(  # type: ignore[union-attr]
        EXTRACTOR_VERSION
    )
    assert scalar(db, "SELECT count(*) FROM reviews.opinions") == opinions


@responses.activate
def test_reddit_source__own_mapped_task_then_purged_by_maintenance_once(
    db: str,
    dagbag,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    responses.add_passthru("http://127.0.0.1")  # the Airflow API server of dag.test, if any
    monkeypatch.setenv("REDDIT_CLIENT_ID", "<CLIENT_ID>")
    monkeypatch.setenv("REDDIT_CLIENT_SECRET", "<CLIENT_SECRET>")
    from datetime import UTC, datetime

    stamp = int(datetime.now(UTC).timestamp()) - 3600
    responses.post("https://www.reddit.com/api/v1/access_token", json=fakes.REDDIT_TOKEN)
    responses.get(
        "https://oauth.reddit.com/r/phones/new",
        json=fakes.reddit_listing(
            [fakes.reddit_submission("r1", stamp, "The Tidy Notes sync is painfully slow.")]
        ),
    )
    config = tmp_path / "products.yaml"
    config.write_text(
        "products:\n  - slug: tidy-notes\n    name: Tidy Notes\n    sources:\n"
        f"      - type: file\n        path: {ROOT / 'samples' / 'tidy-notes.jsonl'}\n"
        "      - type: reddit\n        subreddits: [phones]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("REVIEWS_CONFIG", str(config))
    run = dagbag.get_dag("review_monitoring").test()
    states = task_states(run)
    assert str(run.state) == "success", states
    assert states["ingest"] == ["success"] and states["ingest_reddit"] == ["success"]
    counts = scalar(
        db,
        "SELECT json_object_agg(source, n) FROM"
        " (SELECT source, count(*) AS n FROM reviews.posts GROUP BY source) s",
    )
    assert json.loads(json.dumps(counts))["reddit"] == 1

    # Then the post is deleted on Reddit: the maintenance DAG purges it, and a second
    # maintenance run changes nothing.
    deleted = fakes.reddit_submission("r1", stamp, "[deleted]")
    deleted["data"]["author"] = "[deleted]"
    responses.get("https://oauth.reddit.com/api/info/", json=fakes.reddit_listing([deleted]))
    maintenance = dagbag.get_dag("review_maintenance")
    first = maintenance.test()
    assert str(first.state) == "success", task_states(first)
    row = "SELECT array[text, coalesce(title, '-'), (deleted_at IS NOT NULL)::text]"
    assert scalar(db, f"{row} FROM reviews.posts WHERE source = 'reddit'") == ["", "-", "true"]
    assert (
        scalar(
            db,
            "SELECT count(*) FROM reviews.opinions o JOIN reviews.posts p ON p.id = o.post_id"
            " WHERE p.source = 'reddit'",
        )
        == 0
    )
    before = scalar(db, "SELECT md5(string_agg(p::text, '' ORDER BY id)) FROM reviews.posts p")
    second = maintenance.test()
    assert str(second.state) == "success", task_states(second)
    assert task_states(second)["extract"] == ["skipped"]  # nothing due
    after = scalar(db, "SELECT md5(string_agg(p::text, '' ORDER BY id)) FROM reviews.posts p")
    assert after == before


def test_jobs__database_from_the_reviews_db_connection(
    db: str,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from urllib.parse import parse_qsl, urlsplit

    from pipeline.jobs import _context

    parts = urlsplit(db)
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.setenv(
        "AIRFLOW_CONN_REVIEWS_DB",
        json.dumps(
            {
                "conn_type": "postgres",
                "host": parts.hostname,
                "port": parts.port,
                "login": parts.username,
                "password": parts.password,
                "schema": parts.path.lstrip("/"),
                "extra": dict(parse_qsl(parts.query)),  # the embedded server's socket folder
            }
        ),
    )
    _, url = _context()
    assert scalar(url, "SELECT current_database()") == parts.path.lstrip("/")
