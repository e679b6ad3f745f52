"""tests/data/bad_input.jsonl, a 5 MB post and a 90,000-character token, through ingest and
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
        token = "a" * 90_000  # under the characters analysed per post, so both ends are read
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
    assert all("bad.jsonl line" in reason for reason in recorded["rejected_reasons"])

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
    assert len(texts["o-brien-s/bad:five-mb"]) >= FIVE_MB  # stored whole, not cut
    assert "\u200b" not in texts["o-brien-s/bad:zero-width"]
    assert "alert(" not in texts["o-brien-s/bad:html-script"]
    assert (
        "DROP TABLE reviews.posts" in texts["o-brien-s/bad:sql-looking"]
    )  # stored as text, harmless
    # The 5 MB post was read up to the characters analysed per post, and says so.
    found = scalar(
        db,
        "SELECT json_agg(o.aspect ORDER BY o.aspect_start) FROM reviews.opinions o"
        " JOIN reviews.posts p ON p.id = o.post_id WHERE p.external_id = 'o-brien-s/bad:five-mb'",
    )
    assert found == ["battery"]
    reason = scalar(
        db,
        "SELECT e.reason FROM reviews.extractions e JOIN reviews.posts p ON p.id = e.post_id"
        " WHERE p.external_id = 'o-brien-s/bad:five-mb' AND e.status = 'extracted'",
    )
    assert isinstance(reason, str) and reason.startswith("cut: the first ")
    assert extracted.cut == 1
    assert (
        scalar(
            db,
            "SELECT count(*) FROM reviews.opinions o JOIN reviews.posts p ON p.id = o.post_id"
            " WHERE p.external_id = 'o-brien-s/bad:long-token'",
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


def test_ingest__one_poisoned_record_among_20000_is_rejected_alone_naming_its_line(
    db: str, tmp_path: Path
) -> None:
    lines = [
        json.dumps({"id": n, "text": f"Post {n}.", "created_at": "2026-10-01", "score": 3})
        for n in range(1, 20_001)
    ]
    lines[5_499] = lines[5_499].replace('"score": 3', '"score": 1e10')
    (tmp_path / "big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = tmp_path / "products.yaml"
    config.write_text(
        "products:\n  - slug: big\n    name: Big\n    sources:\n"
        "      - {type: file, path: big.jsonl}\n",
        encoding="utf-8",
    )
    settings = Settings.from_env()
    for _ in range(2):  # and the next run neither fails nor stores anything twice
        (counts,) = list(ingest(load_config(config), db, settings))
        assert counts.error is None
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 19_999
    reasons = scalar(
        db,
        "SELECT counts->'rejected_reasons' FROM reviews.runs"
        " WHERE kind = 'ingest' ORDER BY id LIMIT 1",
    )
    assert reasons == ["big.jsonl line 5500: 'score' is 10000000000.0; expected a 32-bit integer"]


def test_ingest__same_named_files_of_two_products_keep_their_posts_apart(
    db: str, tmp_path: Path
) -> None:
    for product, text in (
        ("alpha", "The alpha screen is great."),
        ("beta", "The beta fan is loud."),
    ):
        (tmp_path / product).mkdir()
        (tmp_path / product / "reviews.jsonl").write_text(
            json.dumps({"id": 1, "text": text, "created_at": "2026-10-01"}) + "\n", encoding="utf-8"
        )
    config = tmp_path / "products.yaml"
    config.write_text(
        "products:\n"
        "  - slug: alpha\n    name: Alpha\n    sources: [{type: file, path: alpha/reviews.jsonl}]\n"
        "  - slug: beta\n    name: Beta\n    sources: [{type: file, path: beta/reviews.jsonl}]\n",
        encoding="utf-8",
    )
    settings = Settings.from_env()
    assert [c.new for c in ingest(load_config(config), db, settings)] == [1, 1]
    rows = scalar(
        db,
        "SELECT json_agg(json_build_array(pp.product, p.text) ORDER BY pp.product)"
        " FROM reviews.posts p JOIN reviews.post_products pp ON pp.post_id = p.id",
    )
    assert rows == [["alpha", "The alpha screen is great."], ["beta", "The beta fan is loud."]]
