"""The report in its three formats: JSON against the database, HTML drawn by a real browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pipeline.config import Settings, load_config
from pipeline.extract import extract
from pipeline.ingest import ingest
from pipeline.report import (
    AspectCount,
    AspectLine,
    ProductReport,
    Quote,
    ThemeLine,
    TrendPoint,
    build_report,
    render_html,
)
from tests.conftest import ROOT, scalar


def scalar_row(url: str, query: str, params: tuple[object, ...]) -> tuple[object, ...]:
    import psycopg2

    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(query, params)
        row = cursor.fetchone()
    connection.close()
    assert row is not None
    return tuple(row)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PRO = (0x1B, 0x87, 0x3F)
CON = (0xC6, 0x28, 0x28)


@pytest.fixture
def demo(db: str) -> str:
    settings = Settings.from_env()
    list(ingest(load_config(ROOT / "config" / "demo.yaml"), db, settings))
    extract(db, settings)
    return db


def sample_report() -> ProductReport:
    quote = Quote(
        "The battery is <great>.",
        "https://reviews.example/1",
        "file",
        datetime(2026, 10, 1, tzinfo=UTC),
    )
    return ProductReport(
        product="p",
        name="Phone & Co",
        posts=3,
        opinions=2,
        average_rating=0.5,
        rated_posts=1,
        kind="device",
        themes=[
            ThemeLine("battery", "Battery & charging", 2, 0, 0, 0, [AspectCount("battery", 2, 0)]),
            ThemeLine("display", "Screen and picture", 0, 1, 1, 0, [AspectCount("screen", 0, 1)]),
        ],
        pros=[AspectLine("battery", "pro", 2, 1, 1, [quote])],
        cons=[AspectLine("screen", "con", 1, 1, 0, [])],
        trend={
            "battery": [TrendPoint(date(2026, 9, 28), 1, 0), TrendPoint(date(2026, 10, 5), 1, 1)]
        },
    )


def test_render_html__self_contained_and_escaped() -> None:
    page = render_html([sample_report()], generated_at=datetime(2026, 11, 1, tzinfo=UTC))
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "src=" not in page  # nothing fetched at view time
    assert "Phone &amp; Co" in page and "&lt;great&gt;" in page
    assert page.count('class="pro-bar"') == 1 and page.count('class="con-bar"') == 1
    assert 'href="https://reviews.example/1"' in page
    assert 'name="viewport"' in page
    themes = page.index("<h3>Themes</h3>")
    assert themes < page.index("Battery &amp; charging") < page.index("Pros against cons")
    assert "screen <span" in page


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"],
)
def test_render_html__only_http_links_are_links(url: str) -> None:
    from dataclasses import replace

    report = sample_report()
    quote = replace(report.pros[0].quotes[0], url=url)
    report = replace(report, pros=[replace(report.pros[0], quotes=[quote])])
    page = render_html([report], generated_at=datetime(2026, 11, 1, tzinfo=UTC))
    assert "open the post" not in page and "alert(1)" not in page.lower().split("<style")[0]
    assert 'href="javascript' not in page.lower() and 'href="data' not in page.lower()


def test_build_report__figures_match_the_views(demo: str) -> None:
    (report,) = build_report(demo, product="aurora-x2")
    assert report.opinions == scalar(
        demo, "SELECT count(*) FROM reviews.opinions WHERE product = 'aurora-x2'"
    )
    for line in report.pros + report.cons:
        column = "pros" if line.polarity == "pro" else "cons"
        assert line.mentions == scalar(
            demo,
            f"SELECT {column} FROM reviews.aspect_summary "
            "WHERE product = 'aurora-x2' AND aspect = %s",
            (line.aspect,),
        )
        assert 1 <= len(line.quotes) <= 3
    assert set(report.trend) == set(report.aspects()[:3])
    assert all(len(points) >= 2 for points in report.trend.values())


def test_build_report__themes_first_with_their_aspects_as_the_view_counts_them(demo: str) -> None:
    (report,) = build_report(demo, product="starfall-tactics")
    assert report.kind == "game"
    assert [t.mentions for t in report.themes] == sorted(
        (t.mentions for t in report.themes), reverse=True
    )
    for theme in report.themes:
        pros, cons, top = scalar_row(
            demo,
            "SELECT pros, cons, top_aspects FROM reviews.theme_summary "
            "WHERE product = 'starfall-tactics' AND theme = %s",
            (theme.theme,),
        )
        assert (theme.pros, theme.cons) == (pros, cons)
        # the view's top aspects, less those seen in one post only (grouped in the report)
        listed = [a.aspect for a in theme.aspects]
        assert listed == [a for a in top if a in listed] and set(top) >= set(listed[:1])
    labels = {t.theme: t.label for t in report.themes}
    assert labels["servers"] == "Servers and connection"
    assert labels["overall"] == "The product as a whole"
    assert 0 < sum(t.mentions for t in report.themes) <= report.opinions  # posts, not opinions


def test_render_table__shows_the_themes_before_the_top_aspects(demo: str) -> None:
    from pipeline.report import render_json, render_table

    reports = build_report(demo, product="tidy-notes")
    table = render_table(reports)
    assert table.index("Themes (app):") < table.index("Top pros:")
    assert "Price and subscription" in table
    (product,) = json.loads(render_json(reports))["products"]
    theme = next(t for t in product["themes"] if t["theme"] == "price")
    assert theme["label"] == "Price and subscription" and theme["cons"] > theme["pros"]
    assert theme["aspects"][0]["aspect"] == "price"


def test_report__coverage_says_what_was_not_analysed_and_why(demo: str) -> None:
    from pipeline.report import render_json, render_table

    reports = build_report(demo, product="tidy-notes")
    (coverage,) = [r.coverage for r in reports]
    posts = scalar(demo, "SELECT count(*) FROM reviews.post_products WHERE product = 'tidy-notes'")
    assert coverage.posts == posts
    assert coverage.not_analysed == {"language de": 1, "language es": 1}
    assert coverage.analysed == posts - 2  # type: ignore[operator]
    assert f"2 of {posts} posts not analysed (German 1, Spanish 1)" in render_table(reports)
    (product,) = json.loads(render_json(reports))["products"]
    assert product["coverage"]["not_analysed"] == {"language de": 1, "language es": 1}
    assert product["coverage"]["with_opinions"] == coverage.with_opinions > 0
    page = render_html(reports, generated_at=datetime(2026, 12, 1, tzinfo=UTC))
    assert "posts not analysed (German 1, Spanish 1)" in page


def test_coverage_describe__all_read_or_nothing_yet() -> None:
    from pipeline.report import Coverage

    assert Coverage().describe() == "no posts yet"
    assert Coverage(3, 3, 2).describe() == "3 of 3 posts analysed, 2 with opinions"
    waiting = Coverage(4, 1, 1, pending=3).describe()
    assert waiting == "1 of 4 posts analysed, 1 with opinions; 3 waiting for extraction"
    odd = Coverage(2, 0, 0, not_analysed={"language xx-zz": 1, "empty": 1}).describe()
    assert odd.startswith("2 of 2 posts not analysed (language xx-zz 1, empty 1); 0 of 2")


def view_rows(url: str, as_of: str, query: str) -> list[tuple[object, ...]]:
    import psycopg2

    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SET reviews.as_of = %s", (as_of,))
        cursor.execute(query)
        rows = cursor.fetchall()
    connection.close()
    return rows


@pytest.mark.parametrize("as_of", ["2026-10-15", "2026-11-19"])
def test_build_report__one_clock_with_the_views_for_any_as_of(demo: str, as_of: str) -> None:
    clock = datetime.fromisoformat(as_of).replace(tzinfo=UTC)
    for report in build_report(demo, as_of=clock):
        assert report.as_of == clock and not report.stale
        summary = {
            (aspect, "pro"): (pros, pros_recent, pros_previous)
            for aspect, pros, pros_recent, pros_previous, *_ in view_rows(
                demo,
                as_of,
                "SELECT aspect, pros, pros_recent, pros_previous, cons, cons_recent, "
                f"cons_previous FROM reviews.aspect_summary WHERE product = '{report.product}'",
            )
        } | {
            (aspect, "con"): (cons, cons_recent, cons_previous)
            for aspect, _, _, _, cons, cons_recent, cons_previous in view_rows(
                demo,
                as_of,
                "SELECT aspect, pros, pros_recent, pros_previous, cons, cons_recent, "
                f"cons_previous FROM reviews.aspect_summary WHERE product = '{report.product}'",
            )
        }
        for line in report.pros + report.cons:
            assert (line.mentions, line.recent, line.previous) == summary[
                (line.aspect, line.polarity)
            ]
        themes = {
            theme: (pros, cons, recent, previous)
            for theme, pros, cons, recent, previous in view_rows(
                demo,
                as_of,
                "SELECT theme, pros, cons, cons_recent, cons_previous FROM reviews.theme_summary "
                f"WHERE product = '{report.product}'",
            )
        }
        for theme in report.themes:
            assert (theme.pros, theme.cons, theme.recent, theme.previous) == themes[theme.theme]


def test_build_report__mentions_are_distinct_posts(demo: str) -> None:
    (report,) = build_report(demo, product="tidy-notes")
    for line in report.pros + report.cons:
        posts = scalar(
            demo,
            "SELECT count(DISTINCT post_id) FROM reviews.opinion_evidence "
            "WHERE product = 'tidy-notes' AND aspect = %s AND polarity = %s",
            (line.aspect, line.polarity),
        )
        assert line.mentions == posts


def test_build_report__after_the_data_says_so_instead_of_drawing_arrows(demo: str) -> None:
    from pipeline.report import render_json, render_table

    reports = build_report(demo, product="aurora-x2", as_of=datetime(2027, 6, 1, tzinfo=UTC))
    (report,) = reports
    assert report.stale
    table = render_table(reports)
    assert "As of 2027-06-01 00:00 UTC: no opinions in the 30 days before" in table
    assert "↑" not in table and "↓" not in table and "→" not in table
    (product,) = json.loads(render_json(reports))["products"]
    assert {line["trend"] for line in product["pros"] + product["cons"]} == {None}
    page = render_html(reports, generated_at=datetime(2027, 6, 1, tzinfo=UTC))
    assert (
        "no opinions in the 30 days before" in page
        and 'class="bad"' not in page.split("</header>")[1]
    )


def test_build_report__until_bounds_every_figure_and_sets_the_clock(demo: str) -> None:
    (report,) = build_report(demo, product="tidy-notes", until=date(2026, 10, 31))
    assert report.as_of == datetime(2026, 11, 1, tzinfo=UTC)
    assert report.last_opinion is not None and report.last_opinion < report.as_of
    (everything,) = build_report(demo, product="tidy-notes")
    assert sum(t.mentions for t in report.themes) < sum(t.mentions for t in everything.themes)


def test_build_report__since_limits_the_opinions(demo: str) -> None:
    (everything,) = build_report(demo, product="tidy-notes")
    (recent,) = build_report(demo, product="tidy-notes", since=date(2026, 11, 1))
    assert sum(x.mentions for x in recent.pros) < sum(x.mentions for x in everything.pros)


def colour_pixels(png: Path, colour: tuple[int, int, int]) -> int:
    from PIL import Image

    with Image.open(png) as image:
        pixels = image.convert("RGB").getdata()
        return sum(
            1 for p in pixels if all(abs(a - b) <= 12 for a, b in zip(p, colour, strict=True))
        )


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
@pytest.mark.parametrize("width", [1280, 390])
def test_report_html__charts_are_drawn_in_headless_chromium(
    demo: str, tmp_path: Path, width: int
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(build_report(demo), datetime.now(UTC)), encoding="utf-8")
    screenshot = tmp_path / "report.png"
    result = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--hide-scrollbars",
            f"--window-size={width},4000",
            f"--screenshot={screenshot}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert screenshot.exists(), result.stderr[-2000:]
    # The first product's themes, bars and trend lines are in the first 4000 pixels: both
    # colours drawn.
    assert colour_pixels(screenshot, PRO) > 2000
    assert colour_pixels(screenshot, CON) > 500


def test_arrow__nothing_before_is_new_and_colours_follow_the_news() -> None:
    from pipeline.report import arrow, good_news

    assert [arrow(3, 0), arrow(0, 0), arrow(2, 1), arrow(1, 2), arrow(2, 2)] == [
        "new",
        "",
        "↑",
        "↓",
        "→",
    ]
    assert good_news("con", 3, 1) is False and good_news("con", 1, 3) is True
    assert good_news("pro", 3, 1) is True and good_news("pro", 1, 3) is False
    assert good_news("con", 2, 0) is None and good_news("pro", 2, 2) is None


def test_build_report__a_headline_pro_is_not_a_sentence_that_also_holds_a_con(
    db: str, tmp_path: Path
) -> None:
    lines = [
        {
            "id": "1",
            "text": "The battery is great but the screen is awful.",
            "created_at": "2026-11-02T10:00:00Z",
        },
        {"id": "2", "text": "Good battery.", "created_at": "2026-10-01T10:00:00Z"},
    ]
    (tmp_path / "posts.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    config = tmp_path / "products.yaml"
    config.write_text(
        "products:\n  - slug: p\n    name: P\n    sources:\n"
        "      - type: file\n        path: posts.jsonl\n",
        encoding="utf-8",
    )
    settings = Settings.from_env()
    list(ingest(load_config(config), db, settings))
    extract(db, settings)
    (report,) = build_report(db)
    (battery,) = [line for line in report.pros if line.aspect == "battery"]
    assert [q.sentence for q in battery.quotes] == [
        "Good battery.",
        "The battery is great but the screen is awful.",
    ]


def test_build_report__since_and_until_bound_every_figure_of_the_header(demo: str) -> None:
    (report,) = build_report(
        demo, product="tidy-notes", since=date(2026, 11, 1), until=date(2026, 11, 10)
    )
    scope = "product = 'tidy-notes' AND posted_at >= '2026-11-01' AND posted_at < '2026-11-11'"
    assert report.posts == scalar(demo, f"SELECT count(*) FROM reviews.post_detail WHERE {scope}")
    assert report.opinions == scalar(
        demo, f"SELECT count(*) FROM reviews.opinion_evidence WHERE {scope}"
    )
    assert report.coverage.posts == report.posts
    assert report.rated_posts == scalar(
        demo, f"SELECT count(rating) FROM reviews.post_detail WHERE {scope}"
    )


def test_build_report__aspects_seen_once_are_grouped_under_their_theme(demo: str) -> None:
    (report,) = build_report(demo, product="aurora-x2")
    assert any(t.other_aspects for t in report.themes)
    for theme in report.themes:
        for aspect in theme.aspects:
            posts = scalar(
                demo,
                "SELECT count(DISTINCT post_id) FROM reviews.opinion_evidence "
                "WHERE product = 'aurora-x2' AND theme = %s AND aspect = %s",
                (theme.theme, aspect.aspect),
            )
            assert posts > 1 or aspect.aspect == theme.theme.replace("_", " ")  # type: ignore[operator]
    from pipeline.report import render_table

    assert "other aspects (" in render_table([report])
