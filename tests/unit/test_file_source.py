"""The file source: records to normalised posts, without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import FileSourceConfig
from pipeline.privacy import pseudonym
from pipeline.sources import SourceContext, source_for
from pipeline.sources.file import FileSource, RecordError

KEY = b"unit-test-key"


def make_source(tmp_path: Path, lines: list[str], **settings: Any) -> FileSource:
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = FileSourceConfig(type="file", path=path, **settings)
    context = SourceContext(
        product="p", author_key=KEY, now=datetime(2026, 11, 1, tzinfo=UTC), config_dir=tmp_path
    )
    source = source_for(config, context)
    assert isinstance(source, FileSource)
    return source


def test_to_post__normalises_a_review(tmp_path: Path) -> None:
    source = make_source(tmp_path, [])
    post = source.to_post(
        {
            "id": 7,
            "kind": "review",
            "created_at": "2026-10-01T12:00:00+02:00",
            "author": "alice",
            "title": "Nice",
            "text": "**Great** battery &amp; screen",
            "rating": 4,
            "url": "https://reviews.example/7",
        }
    )
    assert post is not None
    assert post.external_id == "p/posts:7"
    assert post.created_at == datetime(2026, 10, 1, 10, 0, tzinfo=UTC)
    assert post.text == "Great battery & screen"
    assert post.rating == 0.75 and post.rating_raw == "4/5"
    assert post.author == pseudonym("alice", "file", KEY)
    assert "author" not in post.raw and post.raw["title"] == "Nice"


def test_to_post__author_name_is_never_kept(tmp_path: Path) -> None:
    post = make_source(tmp_path, []).to_post(
        {"id": "1", "text": "x", "created_at": "2026-10-01", "author": "alice"}
    )
    assert post is not None
    assert "alice" not in repr(post)


def test_to_post__deleted_marker_purges_text_and_raw(tmp_path: Path) -> None:
    post = make_source(tmp_path, []).to_post(
        {"id": "1", "text": "[deleted]", "title": "gone", "created_at": "2026-10-01"}
    )
    assert post is not None
    assert post.deleted and post.text == "" and post.title is None and post.raw == {}


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "x", "created_at": "2026-10-01"}, "missing 'id'"),
        ({"id": "1", "created_at": "2026-10-01"}, "missing 'text'"),
        ({"id": "1", "text": "x"}, "missing 'created_at'"),
        ({"id": "1", "text": "x", "created_at": "yesterday"}, "'created_at' is 'yesterday'"),
        (
            {"id": "1", "text": "x", "created_at": "2026-10-01", "kind": "tweet"},
            "'kind' is 'tweet'",
        ),
        ({"id": "1", "text": "x", "created_at": "2026-10-01", "rating": 9}, "outside 1..5"),
        ({"id": "1", "text": "x", "created_at": "2026-10-01", "score": "many"}, "'score'"),
    ],
)
def test_to_post__bad_record_names_the_field(
    tmp_path: Path, record: dict[str, Any], message: str
) -> None:
    with pytest.raises(RecordError, match=message):
        make_source(tmp_path, []).to_post(record)


def test_to_post__column_mapping_reads_other_names(tmp_path: Path) -> None:
    source = make_source(tmp_path, [], fields={"id": "review_id", "text": "body"})
    post = source.to_post({"review_id": "r1", "body": "Solid build", "created_at": "2026-10-01"})
    assert post is not None and post.external_id == "p/posts:r1" and post.text == "Solid build"


def test_to_post__older_than_since_is_skipped(tmp_path: Path) -> None:
    source = make_source(tmp_path, [], since=date(2026, 10, 15))
    assert source.to_post({"id": "1", "text": "x", "created_at": "2026-10-01"}) is None


def test_pages__bad_lines_are_rejected_with_reasons_and_good_ones_kept(tmp_path: Path) -> None:
    source = make_source(
        tmp_path,
        [
            '{"id": "1", "text": "fine", "created_at": "2026-10-01"}',
            "{not json",
            '{"id": "2", "created_at": "2026-10-01"}',
        ],
    )
    (page,) = list(source.pages(None))
    assert [p.external_id for p in page.posts] == ["p/posts:1"]
    assert page.rejected == [
        "posts.jsonl line 2: not valid JSON (Expecting property name enclosed in double "
        "quotes at column 2)",
        "posts.jsonl line 3: missing 'text'",
    ]
    assert "sha256" in page.position


def test_pages__unchanged_file_yields_nothing(tmp_path: Path) -> None:
    source = make_source(tmp_path, ['{"id": "1", "text": "fine", "created_at": "2026-10-01"}'])
    (page,) = list(source.pages(None))
    assert list(source.pages(page.position)) == []


def test_pages__csv_export_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('id,text,created_at,rating\n1,"Love it, great app",2026-10-01,5\n', "utf-8")
    context = SourceContext(product="p", author_key=KEY, now=datetime.now(UTC), config_dir=tmp_path)
    source = source_for(FileSourceConfig(type="file", path=Path("export.csv")), context)
    (page,) = list(source.pages(None))
    assert page.posts[0].text == "Love it, great app" and page.posts[0].rating == 1.0


def test_pages__missing_file_is_a_source_error(tmp_path: Path) -> None:
    from pipeline.errors import SourceError

    context = SourceContext(product="p", author_key=KEY, now=datetime.now(UTC), config_dir=tmp_path)
    source = source_for(FileSourceConfig(type="file", path=Path("gone.jsonl")), context)
    with pytest.raises(SourceError, match=r"file not found: .*gone\.jsonl"):
        list(source.pages(None))


GOOD = '{"id": "%s", "text": "fine", "created_at": "2026-10-01"}'


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "x", "text": "t", "created_at": "2026-10-01", "score": 1e10}', "32-bit"),
        ('{"id": "x", "text": "t", "created_at": "2026-10-01", "score": "inf"}', "'score'"),
        ('{"id": "x", "text": "t", "created_at": "2026-10-01", "score": 2147483648}', "32-bit"),
        ('{"id": "x", "text": "t", "created_at": "2026-10-01", "extra": NaN}', "bare NaN"),
        ('{"id": "x", "text": "t", "created_at": "2026-10-01", "e": -Infinity}', "-Infinity"),
        ('{"id": "x", "text": "t", "created_at": "2026-10-01", "n": ' + "7" * 5000 + "}", "digit"),
        (
            '{"id": "x", "text": "t", "created_at": "2026-10-01", "d": '
            + "[" * 900
            + "]" * 900
            + "}",
            "nested",
        ),
        ('{"id": "x", "text": "t", "created_at": "2026-10-01", "rating": NaN}', "NaN"),
        ('{"id": ["x"], "text": "t", "created_at": "2026-10-01"}', "'id' is a list"),
        ('{"id": "x", "text": {"a": 1}, "created_at": "2026-10-01"}', "'text' is a dict"),
        ('{"id": "x", "text": true, "created_at": "2026-10-01"}', "'text' is a true/false"),
        ('{"id": "x", "text": "t", "created_at": true}', "'created_at' is True"),
        ("[1, 2]", "expected a JSON object"),
        ('{"id": "x", "text": "t", "created_at": "2099-01-01"}', "'created_at' 2099-01-01"),
    ],
)
def test_pages__a_poisoned_record_is_rejected_alone_with_its_line(
    tmp_path: Path, line: str, reason: str
) -> None:
    source = make_source(tmp_path, [GOOD % 1, line, GOOD % 3])
    (page,) = list(source.pages(None))
    assert [p.external_id for p in page.posts] == ["p/posts:1", "p/posts:3"]
    (rejected,) = page.rejected
    assert rejected.startswith("posts.jsonl line 2: ") and reason in rejected
    assert len(rejected) < 200  # a reason names the field; it never repeats a huge value


def test_pages__a_csv_cell_past_the_csv_default_is_read_and_one_past_the_cap_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.sources.file as file_source

    monkeypatch.setattr(file_source, "MAX_CSV_CELL", 300_000)
    path = tmp_path / "export.csv"
    long_review = "word " * 40_000  # 200,000 characters: over the csv module's 131,072
    path.write_text(
        "id,text,created_at\n"
        f'1,"{long_review}",2026-10-01\n'
        f'2,"{"x" * 400_000}",2026-10-01\n'
        "3,short,2026-10-01\n",
        encoding="utf-8",
    )
    context = SourceContext(product="p", author_key=KEY, now=datetime.now(UTC), config_dir=tmp_path)
    (page,) = list(source_for(FileSourceConfig(type="file", path=path), context).pages(None))
    assert [p.external_id for p in page.posts] == ["p/export:1", "p/export:3"]
    (rejected,) = page.rejected
    assert rejected.startswith("export.csv line 3: unreadable CSV row (field larger")


def test_pages__a_csv_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("\ufeffid,text,created_at\n1,Lovely app,2026-10-01\n", encoding="utf-8")
    context = SourceContext(product="p", author_key=KEY, now=datetime.now(UTC), config_dir=tmp_path)
    (page,) = list(source_for(FileSourceConfig(type="file", path=path), context).pages(None))
    assert page.rejected == [] and [p.text for p in page.posts] == ["Lovely app"]


def test_post_id__files_of_one_name_under_two_products_stay_apart(tmp_path: Path) -> None:
    ids = set()
    for product in ("prod-a", "prod-b"):
        folder = tmp_path / product
        folder.mkdir()
        (folder / "reviews.jsonl").write_text(GOOD % 1 + "\n", encoding="utf-8")
        context = SourceContext(
            product=product, author_key=KEY, now=datetime.now(UTC), config_dir=tmp_path
        )
        config = FileSourceConfig(type="file", path=Path(product) / "reviews.jsonl")
        (page,) = list(source_for(config, context).pages(None))
        ids.add(page.posts[0].external_id)
    assert ids == {"prod-a/reviews:1", "prod-b/reviews:1"}


def test_post_id__a_label_and_an_id_never_join_like_another_pair(tmp_path: Path) -> None:
    def post_id(label: str, record_id: str) -> str:
        context = SourceContext(
            product="p", author_key=KEY, now=datetime.now(UTC), config_dir=tmp_path
        )
        config = FileSourceConfig(type="file", path=Path(f"{label}.jsonl"))
        source = source_for(config, context)
        assert isinstance(source, FileSource)
        return source.post_id(record_id)

    assert post_id("coll", "x:y") != post_id("coll:x", "y")
    assert post_id("coll:x", "y") == "p/coll%3Ax:y"


@pytest.mark.parametrize("label", ["EN", "en-US", "En_gb"])
def test_to_post__a_language_label_is_read_as_its_code_and_extracted(
    tmp_path: Path, label: str
) -> None:
    from pipeline.extract import _skip_reason

    post = make_source(tmp_path, []).to_post(
        {"id": "1", "text": "Great app", "created_at": "2026-10-01", "language": label}
    )
    assert post is not None and post.language == "en"
    assert _skip_reason(None, "Great app", label, None) is None  # stored labels too
