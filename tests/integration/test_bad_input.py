"""tests/data/bad_input.jsonl, a 5 MB post and a 100,000-character token, through ingest and
extraction: nothing crashes, every post is stored or rejected with its reason, text is valid."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import psycopg2
import pytest
import responses

from pipeline.checks import run_checks
from pipeline.config import Settings, load_config
from pipeline.extract import extract
from pipeline.ingest import ingest
from tests.conftest import ROOT, scalar

BAD_INPUT = ROOT / "tests" / "data" / "bad_input.jsonl"
FIVE_MB = 5 * 1024 * 1024


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "bad.jsonl"
    shutil.copy(BAD_INPUT, path)
    # 5 MB as people paste it: an inline image between two sentences (5 MB of prose would take
    # minutes to parse; the point here is the size, the pieces and the spans at the far end).
    with path.open("a", encoding="utf-8") as out:
        blob = "iVBORw0KGgo" * (FIVE_MB // 11 + 1)
        huge = f"The battery is great. Screenshot: data:image/png;base64,{blob} The screen is dull."
        out.write(json.dumps({"id": "five-mb", "text": huge, "created_at": "2026-10-01"}) + "\n")
        token = "a" * 100_000
        text = f"The keyboard is awful. {token} The screen is great."
        out.write(json.dumps({"id": "long-token", "text": text, "created_at": "2026-10-01"}) + "\n")
    config = tmp_path / "products.yaml"
    config.write_text(
        'products:\n  - slug: o-brien-s\n    name: "O\'Brien\'s; DROP TABLE \\\\ \\"x\\""\n'
        '    aliases: ["it\'s; --"]\n    sources:\n'
        "      - type: file\n        path: bad.jsonl\n        name: bad\n",
        encoding="utf-8",
    )
    return config


def test_bad_input__stored_or_rejected_with_reasons_and_extracted_safely(
    db: str, corpus: Path
) -> None:
    settings = Settings.from_env()
    (counts,) = list(ingest(load_config(corpus), db, settings))
    assert counts.error is None
    lines = BAD_INPUT.read_bytes().count(b"\n") + 2
    assert counts.fetched + counts.rejected == lines
    assert counts.rejected == 4  # empty text, no text field, not JSON, truncated
    recorded = scalar(db, "SELECT counts FROM reviews.runs WHERE kind = 'ingest'")
    assert isinstance(recorded, dict) and len(recorded["rejected_reasons"]) == 4
    assert all("bad.jsonl record" in reason for reason in recorded["rejected_reasons"])

    extracted = extract(db, settings)
    assert extracted.posts == counts.fetched
    reasons = extracted.skipped_reasons
    assert reasons.get("empty") == 1  # whitespace only
    assert reasons.get("deleted upstream") == 2  # [deleted] and [removed]
    assert any(r.startswith("language") for r in reasons)  # the German post
    run_checks(db)  # spans inside the text and matching it, no orphans, no duplicates

    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT external_id, text FROM reviews.posts")
        texts = dict(cursor.fetchall())
    connection.close()
    for external_id, text in texts.items():
        assert "\x00" not in text, external_id
        text.encode("utf-8")  # valid: no lone surrogates survive
    assert len(texts["bad:five-mb"]) >= FIVE_MB  # stored whole, not cut
    assert "\u200b" not in texts["bad:zero-width"]
    assert "alert(" not in texts["bad:html-script"]
    assert "DROP TABLE reviews.posts" in texts["bad:sql-looking"]  # stored as text, harmless
    # The long post was parsed in pieces to its end: opinions from its last piece are there.
    last = scalar(
        db,
        "SELECT max(o.aspect_start) FROM reviews.opinions o JOIN reviews.posts p"
        " ON p.id = o.post_id WHERE p.external_id = 'bad:five-mb'",
    )
    assert isinstance(last, int) and last > FIVE_MB - 1000
    assert (
        scalar(
            db,
            "SELECT count(*) FROM reviews.opinions o JOIN reviews.posts p ON p.id = o.post_id"
            " WHERE p.external_id = 'bad:long-token'",
        )
        == 2
    )
    assert scalar(db, "SELECT name FROM reviews.products") == "O'Brien's; DROP TABLE \\ \"x\""


@responses.activate
def test_a_search_query_with_quotes_semicolons_and_backslashes_goes_through_every_stage(
    db: str, tmp_path: Path
) -> None:
    import time
    from urllib.parse import parse_qs, urlsplit

    from pipeline.report import build_report, render_json
    from tests.sources import fakes

    nasty = "\"team fortress\"; DROP TABLE reviews.posts; -- it's \\ 'x'"
    stamp = int(time.time()) - 3600
    responses.get(
        "https://hn.algolia.com/api/v1/search_by_date",
        json=fakes.hn_page(
            [fakes.hn_hit("77", stamp, "The fan is awful. O'Brien's; DROP TABLE x; \\ q")]
        ),
    )
    config = tmp_path / "products.yaml"
    config.write_text(
        "products:\n  - slug: tf2\n    name: \"Team Fortress; 'TF2' \\\\\"\n    sources:\n"
        f"      - type: hackernews\n        query: {json.dumps(nasty)}\n",
        encoding="utf-8",
    )
    settings = Settings.from_env()
    (counts,) = list(ingest(load_config(config), db, settings))
    assert counts.error is None and counts.new == 1
    asked = parse_qs(urlsplit(responses.calls[0].request.url).query)
    assert asked["query"] == [nasty]  # sent as one encoded parameter, unchanged
    assert extract(db, settings).opinions >= 1
    run_checks(db)
    source = scalar(db, "SELECT source FROM reviews.source_health")
    assert source == f"hackernews:{nasty}"
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 1  # the table is still there
    report = json.loads(render_json(build_report(db)))
    assert report["products"][0]["name"] == "Team Fortress; 'TF2' \\"
