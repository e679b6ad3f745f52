"""Authors: only keyed pseudonyms, a key required in deployments, and forget-author."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.config import Settings, load_config
from pipeline.errors import ConfigError
from pipeline.extract import extract
from pipeline.ingest import ingest
from tests.conftest import ROOT, TEST_AUTHOR_KEY, scalar


def write_config(tmp_path: Path, posts: list[dict[str, Any]]) -> Path:
    (tmp_path / "posts.jsonl").write_text(
        "".join(json.dumps(p) + "\n" for p in posts), encoding="utf-8"
    )
    path = tmp_path / "products.yaml"
    path.write_text(
        "products:\n  - slug: aurora-x2\n    name: Aurora X2\n    sources:\n"
        "      - type: file\n        path: posts.jsonl\n        name: forum\n",
        encoding="utf-8",
    )
    return path


POSTS = [
    {"id": "1", "author": "alice", "text": "The battery is great.", "created_at": "2026-10-01"},
    {"id": "2", "author": "alice", "text": "The screen is dull.", "created_at": "2026-10-02"},
    {"id": "3", "author": "bob", "text": "The camera is amazing.", "created_at": "2026-10-03"},
]


def test_forget_author__deletes_their_posts_and_opinions_and_they_stay_gone(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, POSTS)
    assert main(["run", "--config", str(config)]) == 0
    assert scalar(db, "SELECT count(*) FROM reviews.opinions") == 3
    capsys.readouterr()
    assert main(["forget-author", "--source", "file", "--author", "alice"]) == 0
    assert "2 post(s) deleted" in capsys.readouterr().out
    assert scalar(db, "SELECT array_agg(external_id) FROM reviews.posts") == ["aurora-x2/forum:3"]
    assert scalar(db, "SELECT count(*) FROM reviews.opinions") == 1
    # Reading the export again, and a changed one, does not bring her back.
    assert main(["run", "--config", str(config)]) == 0
    with_new_file = write_config(tmp_path, [*POSTS, {**POSTS[0], "id": "4"}])
    list(ingest(load_config(with_new_file), db, Settings.from_env()))
    extract(db, Settings.from_env())
    assert scalar(db, "SELECT array_agg(external_id) FROM reviews.posts") == ["aurora-x2/forum:3"]
    # Nothing names her: not the runs, not the tables.
    dump = scalar(
        db,
        "SELECT string_agg(t::text, ' ') FROM (SELECT * FROM reviews.runs) t",
    )
    assert "alice" not in str(dump)


def test_forget_author__unknown_source_is_a_usage_error(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["forget-author", "--source", "myspace", "--author", "alice"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'myspace'" in capsys.readouterr().err


def test_ingest__refuses_to_start_without_a_key_in_a_deployment(db: str) -> None:
    settings = Settings.from_env(database_url=db)
    object.__setattr__(settings, "author_key", None)
    with pytest.raises(ConfigError, match="REVIEWS_AUTHOR_KEY is not set"):
        list(ingest(load_config(ROOT / "config" / "demo.yaml"), db, settings))
    assert scalar(db, "SELECT count(*) FROM reviews.runs") == 0


def test_cli__missing_key_with_database_url_exits_2(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("REVIEWS_AUTHOR_KEY")
    assert main(["ingest", "--config", str(write_config(tmp_path, POSTS))]) == 2
    assert "REVIEWS_AUTHOR_KEY is not set" in capsys.readouterr().err
    assert TEST_AUTHOR_KEY


def test_forget_author__refuses_without_the_key_the_posts_were_stored_with(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--config", str(write_config(tmp_path, POSTS))]) == 0
    monkeypatch.delenv("REVIEWS_AUTHOR_KEY")
    # In a deployment (DATABASE_URL set, as here), as ingest does:
    assert main(["forget-author", "--source", "file", "--author", "alice"]) == 2
    assert "REVIEWS_AUTHOR_KEY is not set" in capsys.readouterr().err
    # Without a database URL and without a local key: no throw-away key, no false success.
    monkeypatch.delenv("DATABASE_URL")
    empty = tmp_path / "no-key-here"
    settings = Settings.from_env(data_dir=empty, database_url=db)
    object.__setattr__(settings, "database_url", None)
    from pipeline.maintenance import forget_author

    with pytest.raises(ConfigError, match="needs the key the posts were stored with"):
        forget_author(db, settings, "file", "alice")
    assert not (empty / "author.key").exists()
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 3
