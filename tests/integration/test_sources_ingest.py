"""Sources through ingest into PostgreSQL, against a local HTTP server given as ``base_url``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from pipeline.config import Settings, load_config
from pipeline.extract import extract
from pipeline.ingest import ingest
from pipeline.records import Post
from pipeline.store import connect
from pipeline.store.writes import store_posts
from tests.conftest import ROOT, SHARED, scalar
from tests.localserver import QuietHandler, serve
from tests.sources import fakes


class Replay:
    """A local API: answers GET path (with some query keys) from a table of bodies."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Any] = {}
        self.requests: list[str] = []

    def add(self, path: str, body: Any, cursor: str = "") -> None:
        self.routes[(path, cursor)] = body

    def answer(self, raw_path: str) -> tuple[int, bytes]:
        self.requests.append(raw_path)
        parts = urlsplit(raw_path)
        cursor = parse_qs(parts.query).get("cursor", [""])[0]
        body = self.routes.get((parts.path, cursor), self.routes.get((parts.path, "")))
        if body is None:
            return 404, b'{"error": "no such route"}'
        return 200, json.dumps(body).encode()


@pytest.fixture
def server() -> Iterator[tuple[str, Replay]]:
    replay = Replay()

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            self.send_json(*replay.answer(self.path))

    with serve(Handler) as url:
        yield url, replay


def write_config(tmp_path: Path, source: dict[str, Any]) -> Path:
    path = tmp_path / "products.yaml"
    lines = [
        "products:",
        "  - slug: game",
        "    name: The Game",
        "    sources:",
        "      - " + json.dumps(source),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli_ingest(config: Path, db: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": db}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", "--config", str(config)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
    )  # fmt: skip


def counts_line(output: str) -> list[str]:
    return output.strip().splitlines()[-1].split()


def steam_reviews() -> list[dict[str, Any]]:
    """The recorded Steam reviews of app 440, newest first, as the API pages them."""
    saved = json.loads(
        (
            SHARED / "fixtures" / "steam" / "woctezuma_sample-steam-reviews_review_440.json"
        ).read_text()
    )
    return sorted(saved["reviews"].values(), key=lambda r: -r["timestamp_created"])


needs_fixtures = pytest.mark.skipif(
    not (SHARED / "fixtures").is_dir(), reason="../shared/fixtures is not present"
)


@needs_fixtures
def test_steam__replayed_real_reviews_are_stored_exactly_once(
    db: str, server, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    base, replay = server
    reviews = steam_reviews()
    cursors = ["*"] + [f"c{n}" for n in range(1, 6)]
    for n, cursor in enumerate(cursors):
        page = reviews[n * 100 : (n + 1) * 100]
        replay.add(
            "/appreviews/440",
            {"success": 1, "query_summary": {}, "reviews": page, "cursor": cursors[min(n + 1, 5)]},
            cursor,
        )
    config = write_config(
        tmp_path, {"type": "steam", "app_id": 440, "base_url": base, "since": "2000-01-01"}
    )
    first = cli_ingest(config, db)
    assert first.returncode == 0, first.stderr
    assert counts_line(first.stdout)[2:5] == ["440", "440", "0"]  # fetched, new, updated
    assert scalar(db, "SELECT count(*) FROM reviews.posts WHERE source = 'steam'") == 440
    second = cli_ingest(config, db)
    assert second.returncode == 0, second.stderr
    assert counts_line(second.stdout)[3] == "0"  # nothing new
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 440
    # Steam in its own terms: the share that recommends, and no stars made from thumbs
    share = sum(r["voted_up"] for r in reviews) / len(reviews)
    overview = "SELECT {} FROM reviews.product_overview WHERE product = 'game'"
    assert float(scalar(db, overview.format("recommended_share"))) == pytest.approx(share, abs=1e-3)  # type: ignore[arg-type]
    assert scalar(db, overview.format("steam_reviews")) == 440
    assert scalar(db, overview.format("average_rating")) is None
    from pipeline.report import build_report, render_table

    reports = build_report(db)
    (report,) = reports
    assert report.stars is None and report.recommended_share == pytest.approx(share, abs=1e-3)
    (steam,) = report.ratings
    assert steam.thumbs and steam.overall.posts == 440
    assert f"Ratings, steam:440: {share:.0%} recommend over 440" in render_table(reports)
    assert "/5" not in render_table(reports).split("Themes")[0]  # no stars made from thumbs


@needs_fixtures
def test_appstore__replayed_real_feed_is_stored_exactly_once(
    db: str, server, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    base, replay = server
    feed = json.loads(
        (SHARED / "fixtures" / "appstore" / "timiskhakov_podfinder_reviews.json").read_text()
    )
    replay.add("/us/rss/customerreviews/page=1/id=811377230/sortby=mostrecent/json", feed)
    replay.add(
        "/us/rss/customerreviews/page=2/id=811377230/sortby=mostrecent/json",
        fakes.appstore_feed(None),
    )
    config = write_config(
        tmp_path,
        {
            "type": "appstore",
            "app_id": 811377230,
            "country": "us",
            "base_url": base,
            "since": "2000-01-01",
        },
    )
    assert cli_ingest(config, db).returncode == 0
    assert scalar(db, "SELECT count(*) FROM reviews.posts WHERE source = 'appstore'") == 50
    assert scalar(db, "SELECT count(*) FROM reviews.posts WHERE rating IS NULL") == 0
    # the app version and store country of each review are columns, readable in post_detail
    versions = {e["im:version"]["label"] or None for e in feed["feed"]["entry"]}  # "" is none
    stored = "SELECT array_agg(DISTINCT {}) FROM reviews.post_detail"
    assert set(scalar(db, stored.format("app_version"))) == versions  # type: ignore[arg-type]
    assert scalar(db, stored.format("country")) == ["us"]
    from pipeline.report import build_report

    (report,) = build_report(db)
    (store,) = report.ratings
    assert not store.thumbs and [(c.label, c.posts) for c in store.by_country] == [("us", 50)]
    assert store.overall.mean == pytest.approx(
        sum((int(e["im:rating"]["label"]) - 1) / 4 for e in feed["feed"]["entry"]) / 50, abs=1e-3
    )
    second = cli_ingest(config, db)
    assert counts_line(second.stdout)[3] == "0"
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 50


def run_ingest(db: str, config: Path) -> Any:
    (counts,) = ingest(load_config(config), db, Settings.from_env())
    return counts


def test_steam__edited_review_is_updated_and_re_extracted(db: str, server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base, replay = server
    review = fakes.steam_review("77", 1_763_600_000, "The servers are awful.", voted_up=False)
    replay.add("/appreviews/440", fakes.steam_page([review], cursor="end"))
    config = write_config(
        tmp_path, {"type": "steam", "app_id": 440, "base_url": base, "since": "2025-01-01"}
    )
    assert run_ingest(db, config).new == 1
    extract(db, Settings.from_env())
    edited = fakes.steam_review(
        "77", 1_763_600_000, "The servers are great now.", updated=1_763_650_000
    )
    replay.add("/appreviews/440", fakes.steam_page([edited], cursor="end"))
    counts = run_ingest(db, config)
    assert (counts.new, counts.updated) == (0, 1)
    assert extract(db, Settings.from_env()).posts == 1
    assert scalar(db, "SELECT polarity FROM reviews.opinions") == "pro"


def test_mastodon__status_deleted_upstream_is_purged(db: str, server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base, replay = server
    status = fakes.mastodon_status("5001", 1_763_600_000, "The camera is superb.")
    replay.add("/api/v1/timelines/tag/phone", [status])
    config = write_config(
        tmp_path,
        {
            "type": "mastodon",
            "instance": "social.example",
            "tags": ["phone"],
            "base_url": base,
            "since": "2025-01-01",
        },
    )
    first = run_ingest(db, config)
    assert first.new == 1 and not first.failed, first.error
    extract(db, Settings.from_env())
    assert scalar(db, "SELECT count(*) FROM reviews.opinions") == 1
    # A status that vanished upstream reaches ingest as a tombstone (as Reddit's "[deleted]").
    gone = Post(
        source="mastodon",
        external_id="social.example:5001",
        kind="post",
        created_at=datetime.fromtimestamp(1_763_600_000, tz=UTC),
        text="",
        deleted=True,
    )
    with connect(db) as connection:
        written = store_posts(connection, [gone], "game", "mastodon:social.example #phone")
        connection.commit()
    assert written.deleted == 1
    assert scalar(db, "SELECT count(*) FROM reviews.opinions") == 0
    assert scalar(db, "SELECT raw IS NULL AND text = '' FROM reviews.posts") is True


@needs_fixtures
def test_steam__a_source_failing_after_a_page_still_records_what_it_fetched(
    db: str, server, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    base, replay = server
    reviews = steam_reviews()
    # the first page answers; the second is not there (404: a fatal error)
    replay.add(
        "/appreviews/440",
        {"success": 1, "query_summary": {}, "reviews": reviews[:100], "cursor": "c1"},
        "*",
    )
    config = write_config(
        tmp_path, {"type": "steam", "app_id": 440, "base_url": base, "since": "2000-01-01"}
    )
    counts = run_ingest(db, config)
    assert counts.failed and counts.fetched == 100 and counts.new == 100
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 100
    failed_run = "SELECT counts ->> 'fetched' FROM reviews.runs WHERE status = 'failed'"
    assert scalar(db, failed_run) == "100"
    assert scalar(db, "SELECT items_last_run FROM reviews.source_health") == 100
