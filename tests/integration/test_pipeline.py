"""Ingest, extraction and the checks against a real PostgreSQL, through the use-case functions."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import psycopg2
import pytest

from pipeline import extract as extract_module
from pipeline import ingest as ingest_module
from pipeline.checks import QualityError, run_checks
from pipeline.config import Settings, load_config
from pipeline.extract import extract
from pipeline.ingest import ingest
from tests.conftest import scalar


def write_posts(path: Path, posts: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(p) + "\n" for p in posts), encoding="utf-8")


def post(id: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"id": id, "text": text, "created_at": "2026-10-01T10:00:00Z", **extra}


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Any]:
    posts = tmp_path / "phone.jsonl"
    write_posts(
        posts,
        [
            post("1", "Great screen but awful speakers.", author="alice", rating=4, kind="review"),
            post("2", "The battery is amazing. The Nova 9 camera is terrible."),
            post("3", "Das Spiel ist wirklich gut, aber der Akku hält nicht lange."),
            post("4", "Is the battery good?"),
        ],
    )
    config_path = tmp_path / "products.yaml"
    config_path.write_text(
        "products:\n"
        "  - slug: aurora\n    name: Aurora X2\n    aliases: [X2]\n"
        "    sources:\n      - type: file\n        path: phone.jsonl\n"
        "  - slug: nova-9\n    name: Nova 9\n    sources: []\n",
        encoding="utf-8",
    )
    return {"config": load_config(config_path), "posts": posts}


def run_ingest(db: str, config: Any) -> list[Any]:
    return list(ingest(config, db, Settings.from_env()))


def opinions(db: str, columns: str = "p.external_id, o.product, o.aspect, o.polarity") -> list[Any]:
    """The stored opinions' ``columns`` (of ``o``, the opinion, and ``p``, its post), sorted."""
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM reviews.opinions o "
            "JOIN reviews.posts p ON p.id = o.post_id ORDER BY 1, 2, 3, 4"
        )
        rows = cursor.fetchall()
    connection.close()
    return rows


def test_ingest__stores_posts_once_and_second_run_adds_nothing(
    db: str, setup: dict[str, Any]
) -> None:
    (first,) = run_ingest(db, setup["config"])
    assert (first.fetched, first.new, first.updated, first.failed) == (4, 4, 0, False)
    (second,) = run_ingest(db, setup["config"])
    assert (second.fetched, second.new) == (0, 0)
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 4
    assert (
        scalar(db, "SELECT count(*) FROM reviews.runs WHERE kind = 'ingest' AND status = 'success'")
        == 2
    )


def test_ingest__author_is_stored_only_as_pseudonym(db: str, setup: dict[str, Any]) -> None:
    run_ingest(db, setup["config"])
    assert (
        scalar(
            db,
            "SELECT count(*) FROM reviews.posts "
            "WHERE raw::text LIKE '%%alice%%' OR author_hash = 'alice'",
        )
        == 0
    )
    assert (
        scalar(
            db, "SELECT length(author_hash) FROM reviews.posts WHERE external_id = 'aurora/phone:1'"
        )
        == 32
    )


def test_extract__finds_opinions_attributes_products_and_records_skips(
    db: str, setup: dict[str, Any]
) -> None:
    run_ingest(db, setup["config"])
    counts = extract(db, Settings.from_env())
    assert (counts.posts, counts.extracted, counts.skipped) == (4, 3, 1)
    assert counts.skipped_reasons == {"language de (only English is extracted)": 1}
    assert opinions(db) == [
        ("aurora/phone:1", "aurora", "screen", "pro"),
        ("aurora/phone:1", "aurora", "speaker", "con"),
        ("aurora/phone:2", "aurora", "battery", "pro"),
        ("aurora/phone:2", "nova-9", "camera", "con"),
    ]
    assert (
        scalar(
            db,
            "SELECT reason FROM reviews.extractions e JOIN reviews.posts p ON p.id = e.post_id "
            "WHERE p.external_id = 'aurora/phone:3'",
        )
        == "language de (only English is extracted)"
    )


def test_extract__second_run_does_nothing_and_rows_stay(db: str, setup: dict[str, Any]) -> None:
    run_ingest(db, setup["config"])
    extract(db, Settings.from_env())
    before = opinions(db)
    again = extract(db, Settings.from_env())
    assert again.posts == 0
    assert opinions(db) == before


def test_extract__edited_post_is_updated_and_re_extracted(db: str, setup: dict[str, Any]) -> None:
    run_ingest(db, setup["config"])
    extract(db, Settings.from_env())
    write_posts(
        setup["posts"],
        [
            post("1", "The speakers are great now."),
            post("2", "The battery is amazing. The Nova 9 camera is terrible."),
        ],
    )
    (counts,) = run_ingest(db, setup["config"])
    assert (counts.fetched, counts.new, counts.updated) == (2, 0, 1)
    again = extract(db, Settings.from_env())
    assert again.posts == 1
    assert [o for o in opinions(db) if o[0] == "aurora/phone:1"] == [
        ("aurora/phone:1", "aurora", "speaker", "pro")
    ]


def test_ingest__deleted_post_is_purged_with_its_opinions(db: str, setup: dict[str, Any]) -> None:
    run_ingest(db, setup["config"])
    extract(db, Settings.from_env())
    write_posts(setup["posts"], [post("1", "[deleted]")])
    (counts,) = run_ingest(db, setup["config"])
    assert counts.deleted == 1
    row = None
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT text, title, raw, deleted_at IS NOT NULL FROM reviews.posts "
            "WHERE external_id = 'aurora/phone:1'"
        )
        row = cursor.fetchone()
    connection.close()
    assert row == ("", None, None, True)
    assert [o for o in opinions(db) if o[0] == "aurora/phone:1"] == []
    assert extract(db, Settings.from_env()).skipped_reasons == {"deleted upstream": 1}


def test_extract__new_extractor_version_re_extracts_everything(
    db: str, setup: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    run_ingest(db, setup["config"])
    extract(db, Settings.from_env())
    monkeypatch.setattr(extract_module, "extractor_version", lambda nlp: "99.0+test")
    counts = extract(db, Settings.from_env())
    assert counts.posts == 4
    assert scalar(db, "SELECT DISTINCT extractor_version FROM reviews.opinions") == "99.0+test"


def test_ingest__crash_before_commit_loses_nothing_on_rerun(
    db: str, setup: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.sources import file as file_source

    monkeypatch.setattr(file_source, "PAGE_SIZE", 2)
    real_store = ingest_module.store_posts
    calls = {"n": 0}

    def crash_on_second_page(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("killed between fetch and commit")
        return real_store(*args, **kwargs)

    monkeypatch.setattr(ingest_module, "store_posts", crash_on_second_page)
    (failed,) = run_ingest(db, setup["config"])
    assert failed.failed and "killed" in (failed.error or "")
    assert scalar(db, "SELECT count(*) FROM reviews.source_cursors") == 0  # cursor not moved
    monkeypatch.setattr(ingest_module, "store_posts", real_store)
    (rerun,) = run_ingest(db, setup["config"])
    assert not rerun.failed
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 4
    assert scalar(db, "SELECT status FROM reviews.runs ORDER BY id LIMIT 1") == "failed"


def test_ingest__failing_source_is_recorded_and_others_go_on(
    db: str, tmp_path: Path, setup: dict[str, Any]
) -> None:
    config_path = tmp_path / "two.yaml"
    config_path.write_text(
        "products:\n  - slug: aurora\n    name: Aurora\n    sources:\n"
        "      - type: file\n        path: missing.jsonl\n"
        "      - type: file\n        path: phone.jsonl\n",
        encoding="utf-8",
    )
    results = run_ingest(db, load_config(config_path))
    assert [r.failed for r in results] == [True, False]
    assert "file not found" in (results[0].error or "")
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 4
    assert (
        scalar(db, "SELECT last_error FROM reviews.source_health WHERE source = 'file:missing'")
        == results[0].error
    )


def test_checks__pass_on_clean_data_and_name_broken_spans(db: str, setup: dict[str, Any]) -> None:
    run_ingest(db, setup["config"])
    extract(db, Settings.from_env())
    assert set(run_checks(db).values()) == {0}
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reviews.opinions SET aspect_end = aspect_end + 500 "
            "WHERE id = (SELECT min(id) FROM reviews.opinions)"
        )
    connection.close()
    with pytest.raises(QualityError, match="1 opinion spans outside the text"):
        run_checks(db)


def test_views__evidence_quotes_the_exact_sentence(db: str, setup: dict[str, Any]) -> None:
    run_ingest(db, setup["config"])
    extract(db, Settings.from_env())
    sentence = scalar(db, "SELECT sentence FROM reviews.opinion_evidence WHERE aspect = 'camera'")
    assert sentence == "The Nova 9 camera is terrible."
    assert scalar(
        db, "SELECT top_pros[1] FROM reviews.product_overview WHERE product = 'aurora'"
    ) in {"battery", "screen"}


VIEWS = (
    "aspect_summary",
    "aspect_trend",
    "opinion_evidence",
    "product_overview",
    "source_health",
)


def snapshot(db: str) -> dict[str, list[tuple[Any, ...]]]:
    views = {}
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        for view in VIEWS:
            cursor.execute(f"SELECT * FROM reviews.{view}")
            views[view] = sorted(cursor.fetchall(), key=repr)
    connection.close()
    return views


def test_views__rerunning_ingest_and_extract_changes_no_row(db: str, setup: dict[str, Any]) -> None:
    run_ingest(db, setup["config"])
    extract(db, Settings.from_env())
    before = snapshot(db)
    assert all(before[v] for v in ("aspect_summary", "opinion_evidence", "product_overview"))
    setup["posts"].touch()  # same content: the cursor (a content hash) says nothing changed
    run_ingest(db, setup["config"])
    extract(db, Settings.from_env())
    after = snapshot(db)
    # source_health describes the latest run, which fetched nothing new: only that may differ.
    assert [(r[0], r[1], r[5]) for r in after["source_health"]] == [
        (r[0], r[1], r[5]) for r in before["source_health"]
    ]
    assert [r[7] for r in after["source_health"]] == [0]


def test_extract__two_runs_over_the_same_posts_write_each_opinion_once(
    db: str, setup: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    run_ingest(db, setup["config"])
    settings = Settings.from_env()
    (batch,) = extract_module.plan_batches(db, settings)
    real = extract_module._extract_rows
    both_read = threading.Barrier(2, timeout=60)

    def read_then_wait(nlp: Any, rows: list[Any], *args: Any) -> Any:
        results = list(real(nlp, rows, *args))
        both_read.wait()  # both runs have read the same due posts before either writes
        return iter(results)

    monkeypatch.setattr(extract_module, "_extract_rows", read_then_wait)
    counts: list[Any] = []
    threads = [
        threading.Thread(
            target=lambda: counts.append(extract_module.extract_batch(db, settings, batch))
        )
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    written = sorted(c.opinions for c in counts)
    total = scalar(db, "SELECT count(*) FROM reviews.opinions")
    assert written[0] == 0 and written[1] == total and total > 0
    assert scalar(db, "SELECT count(*) FROM reviews.extractions") == 4
    run_checks(db)


def test_ingest__a_second_run_on_the_same_source_leaves_it_alone(
    db: str, setup: dict[str, Any]
) -> None:
    from pipeline.ingest import INGEST_LOCK, targets

    (target, _) = targets(setup["config"])[0], None
    holder = psycopg2.connect(db)
    with holder.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_lock(%s, hashtext(%s))",
            (INGEST_LOCK, f"{target.product}|{target.key}"),
        )
    try:
        (counts,) = run_ingest(db, setup["config"])
        assert counts.error and "another run is ingesting aurora file:phone" in counts.error
        assert scalar(db, "SELECT count(*) FROM reviews.posts") == 0
    finally:
        holder.close()  # the first run ends: its lock goes with its connection
    (counts,) = run_ingest(db, setup["config"])
    assert counts.error is None and counts.new == 4


def test_extract__a_batch_that_writes_many_opinions_refreshes_the_planners_statistics(
    db: str, setup: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.extract as extraction

    settings = Settings.from_env()
    list(ingest(setup["config"], db, settings))
    for table in ("posts", "opinions"):  # forget earlier tests' ANALYZE of the session database
        scalar(
            db, "SELECT pg_stat_reset_single_table_counters(%s::regclass)", (f"reviews.{table}",)
        )
    monkeypatch.setattr(extraction, "ANALYZE_AFTER", 1)  # the test's few opinions are many
    extract(db, settings)
    analysed = scalar(
        db,
        "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 'reviews'"
        " AND relname IN ('posts', 'opinions') AND last_analyze IS NOT NULL",
    )
    assert analysed == 2


def themes(db: str) -> list[Any]:
    """(the file's id, product, aspect, theme, polarity) of each stored opinion."""
    return opinions(
        db, "split_part(p.external_id, ':', 2), o.product, o.aspect, o.theme, o.polarity"
    )


def ingest_and_extract_as_a_device(db: str, setup: dict[str, Any]) -> None:
    """The setup's posts, Aurora X2 configured as a device."""
    path = Path(setup["config"].path)
    text = path.read_text("utf-8")
    path.write_text(text.replace("name: Aurora X2\n", "name: Aurora X2\n    kind: device\n"))
    run_ingest(db, load_config(path))
    extract(db, Settings.from_env())


def test_extract__each_opinion_is_stored_under_a_theme_of_its_products_kind(
    db: str, setup: dict[str, Any], tmp_path: Path
) -> None:
    ingest_and_extract_as_a_device(db, setup)
    assert themes(db) == [
        ("1", "aurora", "screen", "display", "pro"),
        ("1", "aurora", "speaker", "audio", "con"),
        ("2", "aurora", "battery", "battery", "pro"),
        # Nova 9 has no kind: its opinions are filed by the themes of kind "other"
        ("2", "nova-9", "camera", "other", "con"),
    ]
    evidence = scalar(db, "SELECT theme FROM reviews.opinion_evidence WHERE aspect = 'speaker'")
    assert evidence == "audio"


def test_sync_products__a_changed_kind_or_theme_files_the_products_posts_again(
    db: str, setup: dict[str, Any]
) -> None:
    run_ingest(db, setup["config"])
    extract(db, Settings.from_env())
    assert ("1", "aurora", "speaker", "other", "con") in themes(db)
    path = Path(setup["config"].path)
    path.write_text(
        path.read_text("utf-8").replace(
            "name: Aurora X2\n",
            "name: Aurora X2\n    kind: device\n    themes:\n"
            "      - key: sound\n        label: Sound\n        terms: [speaker]\n",
        ),
        encoding="utf-8",
    )
    run_ingest(db, load_config(path))
    counts = extract(db, Settings.from_env())
    assert counts.posts == 4  # every post of the product, though none changed
    assert ("1", "aurora", "speaker", "sound", "con") in themes(db)
    assert ("1", "aurora", "screen", "display", "pro") in themes(db)
    assert extract(db, Settings.from_env()).posts == 0  # and once only


def test_theme_summary__one_row_per_product_and_theme_with_its_aspects(
    db: str, setup: dict[str, Any]
) -> None:
    ingest_and_extract_as_a_device(db, setup)
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT product, theme, pros, cons, mentions, posts, net_share, top_aspects "
            "FROM reviews.theme_summary ORDER BY product, theme"
        )
        rows = cursor.fetchall()
    connection.close()
    assert [(r[0], r[1], r[2], r[3], r[4], r[5], float(r[6]), r[7]) for r in rows] == [
        ("aurora", "audio", 0, 1, 1, 1, -1.0, ["speaker"]),
        ("aurora", "battery", 1, 0, 1, 1, 1.0, ["battery"]),
        ("aurora", "display", 1, 0, 1, 1, 1.0, ["screen"]),
        ("nova-9", "other", 0, 1, 1, 1, -1.0, ["camera"]),
    ]


def test_coverage__counts_what_was_analysed_and_why_the_rest_was_not(
    db: str, setup: dict[str, Any]
) -> None:
    run_ingest(db, setup["config"])
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT product, posts, pending FROM reviews.coverage")
        assert cursor.fetchall() == [("aurora", 4, 4)]  # read, not yet extracted
    connection.close()
    extract(db, Settings.from_env())
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT product, source, posts, analysed, with_opinions, not_analysed, pending, "
            "not_analysed_reasons FROM reviews.coverage"
        )
        rows = cursor.fetchall()
    connection.close()
    # the German post is stored, not analysed, and said so; the question has no opinion
    assert rows == [("aurora", "file:phone", 4, 3, 2, 1, 0, {"language de": 1})]


def test_post_detail__the_whole_post_and_what_extraction_made_of_it_without_its_author(
    db: str, setup: dict[str, Any]
) -> None:
    run_ingest(db, setup["config"])
    extract(db, Settings.from_env())
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT split_part(d.external_id, ':', 2), d.text, d.rating_raw, d.language, "
            "d.extraction_status, d.not_analysed_reason, d.opinions "
            "FROM (SELECT pd.*, p.external_id FROM reviews.post_detail pd "
            "      JOIN reviews.posts p ON p.id = pd.post_id) d ORDER BY 1"
        )
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'reviews' AND table_name = 'post_detail'"
        )
        columns = {row[0] for row in cursor.fetchall()}
    connection.close()
    assert rows[0][1:] == ("Great screen but awful speakers.", "4/5", "en", "extracted", None, 2)
    assert rows[2][4:] == ("skipped", "language de", 0)
    assert rows[3][4:] == ("extracted", None, 0)
    assert not {c for c in columns if "author" in c}


def test_plan_batches__a_backlog_bigger_than_the_batch_limit_gets_bigger_batches(
    db: str,
) -> None:
    from datetime import UTC, datetime

    from pipeline.config import ProductConfig
    from pipeline.records import Post
    from pipeline.store import connect
    from pipeline.store.writes import store_posts, sync_products

    posts = [
        Post(
            source="file",
            external_id=f"p/big:{n}",
            kind="review",
            created_at=datetime(2026, 10, 1, tzinfo=UTC),
            text=f"Review number {n}: the battery is great.",
            language="en",
        )
        for n in range(1100)
    ]
    with connect(db) as connection:
        sync_products(connection, [ProductConfig(slug="p", name="P")])
        store_posts(connection, posts, "p", "file:big")
        connection.commit()
    # batches of one post would be 1,100 mapped tasks: over Airflow's limit of 1,024
    settings = Settings.from_env(extract_batch_size=1)
    batches = extract_module.plan_batches(db, settings)
    assert len(batches) <= settings.extract_max_batches == 256
    assert sum(b.posts for b in batches) == 1100
    assert all(a.last_id < b.first_id for a, b in itertools.pairwise(batches))
    for batch in batches:
        extract_module.extract_batch(db, settings, batch)
    assert scalar(db, "SELECT count(*) FROM reviews.extractions") == 1100
    assert scalar(db, "SELECT count(DISTINCT post_id) FROM reviews.opinions") == 1100
    twice = (
        "SELECT count(*) FROM (SELECT 1 FROM reviews.opinions "
        "GROUP BY post_id, product, field, aspect, aspect_start, opinion_start, polarity "
        "HAVING count(*) > 1) d"
    )
    assert scalar(db, twice) == 0  # no post was extracted twice
    assert extract_module.plan_batches(db, settings) == []


def test_group_sources__one_a_task_while_few_then_dealt_into_groups() -> None:
    from pipeline.jobs import group_sources

    few = [{"product": "a", "key": f"file:{n}"} for n in range(3)]
    assert group_sources(few, max_tasks=64) == [[t] for t in few]
    many = [{"product": f"p{n // 6}", "key": f"file:{n}"} for n in range(600)]
    groups = group_sources(many, max_tasks=64)
    assert len(groups) == 64 and sorted(len(g) for g in groups) == [9] * 40 + [10] * 24
    assert sorted(t["key"] for g in groups for t in g) == sorted(t["key"] for t in many)


def test_ingest_sources__a_failing_source_fails_the_group_after_the_others_are_stored(
    db: str, setup: dict[str, Any], tmp_path: Path
) -> None:
    from pipeline.errors import SourceError
    from pipeline.ingest import targets
    from pipeline.jobs import ingest_sources

    path = Path(setup["config"].path)
    path.write_text(
        path.read_text("utf-8").replace(
            "  - slug: nova-9\n    name: Nova 9\n    sources: []\n",
            "  - slug: nova-9\n    name: Nova 9\n    sources:\n"
            "      - type: file\n        path: missing.jsonl\n",
        ),
        encoding="utf-8",
    )
    config = load_config(path)
    from pipeline.jobs import prepare

    planned = prepare(path)
    assert len(planned) == 2 == len(targets(config))
    failing_first = sorted(planned, key=lambda t: t["product"] != "nova-9")
    with pytest.raises(SourceError, match=r"1 of 2 source\(s\) failed: nova-9 file:missing"):
        ingest_sources(path, failing_first)
    assert scalar(db, "SELECT count(*) FROM reviews.posts") == 4  # the other source's, stored
    assert scalar(db, "SELECT last_status FROM reviews.source_health WHERE product = 'nova-9'") == (
        "failed"
    )


def test_ingest__no_transaction_is_open_while_a_source_fetches_a_page(
    db: str, setup: dict[str, Any]
) -> None:
    from datetime import UTC, datetime

    from psycopg2.extensions import TRANSACTION_STATUS_IDLE

    from pipeline.ingest import IngestCounts, Target, _pull
    from pipeline.records import Post
    from pipeline.sources.base import Page
    from pipeline.store import connect

    run_ingest(db, setup["config"])  # the product exists
    seen: list[int] = []
    with connect(db) as connection:

        class Slow:
            """A source that notes the connection's state each time it is asked for a page."""

            def pages(self, position: object) -> Any:
                for n in range(3):
                    seen.append(connection.info.transaction_status)
                    post = Post(
                        source="file",
                        external_id=f"aurora/slow:{n}",
                        kind="post",
                        created_at=datetime(2026, 10, 1, tzinfo=UTC),
                        text="fine",
                    )
                    yield Page([post], {"n": n})

        target = Target("aurora", 0, "file", "slow")
        pulled = list(
            _pull(connection, Slow(), target, IngestCounts("aurora", "file", "slow"), None)
        )  # type: ignore[arg-type]
    assert pulled[-1].fetched == 3
    assert seen == [TRANSACTION_STATUS_IDLE] * 3
