"""Spike alerts against PostgreSQL, delivered to a webhook served by a local HTTP server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg2
import pytest

from pipeline.alerts import Period, detect, notify, period_containing, run_alerts, slack_message
from pipeline.config import Settings
from pipeline.sources.http import HttpClient
from tests.conftest import scalar
from tests.localserver import QuietHandler, serve

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
TODAY = datetime(2026, 3, 10, tzinfo=UTC)


class Webhook:
    """What a local webhook received, and the statuses it is to answer with, in order."""

    PATH = "/services/T000/B000/secret-token"

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.statuses: list[int] = []
        self.gets = 0  # requests a followed redirect would make
        self.url = ""

    def handler(self) -> type[QuietHandler]:
        hook = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                hook.bodies.append(json.loads(self.rfile.read(length)))
                status = hook.statuses.pop(0) if hook.statuses else 200
                if 300 <= status < 400:
                    self.send_response(status)
                    self.send_header("Location", "/moved-elsewhere")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_json(status, b'"ok"' if status == 200 else b'"invalid_token"')

            def do_GET(self) -> None:
                hook.gets += 1
                self.send_json(200, b'"ok"')

        return Handler


@contextmanager
def webhook_server() -> Iterator[Webhook]:
    """A local HTTP server standing in for a Slack webhook."""
    hook = Webhook()
    with serve(hook.handler()) as url:
        hook.url = url + Webhook.PATH
        yield hook


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    with webhook_server() as hook:
        yield hook


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(HttpClient, "sleep", staticmethod(lambda seconds: None))


SETTINGS = Settings(alert_period_hours=24, alert_baseline_periods=7, alert_min_cons=5)


def add_cons(db: str, aspect: str, days_ago: float, posts: int, product: str = "aurora-x2") -> None:
    """``posts`` posts with one con about ``aspect``, posted ``days_ago`` days before NOW."""
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reviews.products (slug, name) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            (product, product.replace("-", " ").title()),
        )
        for _ in range(posts):
            when = NOW - timedelta(days=days_ago)
            text = f"The {aspect} is awful."
            cursor.execute(
                "INSERT INTO reviews.posts (source, external_id, kind, url, created_at, text,"
                " content_hash) VALUES ('file', gen_random_uuid()::text, 'post',"
                " 'https://example.com/p/' || gen_random_uuid(), %s, %s, 'h') RETURNING id",
                (when, text),
            )
            (post_id,) = cursor.fetchone()
            cursor.execute(
                "INSERT INTO reviews.opinions (post_id, product, aspect, aspect_text,"
                " aspect_start, aspect_end, opinion_text, opinion_start, opinion_end, polarity,"
                " confidence, sentence_start, sentence_end, posted_at, extractor_version)"
                " VALUES (%s, %s, %s, %s, 4, %s, 'awful', %s, %s, 'con', 0.8, 0, %s, %s, 't')",
                (
                    post_id,
                    product,
                    aspect,
                    aspect,
                    4 + len(aspect),
                    8 + len(aspect),
                    13 + len(aspect),
                    len(text),
                    when,
                ),
            )
    connection.close()


def test_period_containing__aligns_to_whole_periods() -> None:
    assert period_containing(NOW, 24) == Period(TODAY, TODAY + timedelta(days=1))
    assert period_containing(NOW, 6).start == TODAY + timedelta(hours=12)


def test_detect__spike_against_baseline_is_stored_once(db: str) -> None:
    for day in range(1, 8):
        add_cons(db, "battery", day + 0.1, 1)  # one a day for a week: the baseline
    add_cons(db, "battery", 0.1, 6)  # six today
    add_cons(db, "screen", 0.1, 4)  # under the minimum count
    for day in range(1, 8):
        add_cons(db, "price", day + 0.1, 3)  # usual level, three a day
    add_cons(db, "price", 0.1, 6)  # twice the usual: under the 3x threshold
    first = detect(db, SETTINGS, now=NOW)
    assert len(first) == 1
    row = scalar(db, "SELECT array[aspect, cons::text, baseline::text] FROM reviews.alerts")
    assert row == ["battery", "6", "1"]
    assert detect(db, SETTINGS, now=NOW + timedelta(hours=1)) == []  # once per period
    assert scalar(db, "SELECT count(*) FROM reviews.alerts") == 1
    assert scalar(db, "SELECT cardinality(evidence) FROM reviews.alerts") == 3


def test_detect__new_complaint_needs_the_minimum_and_deleted_posts_do_not_count(db: str) -> None:
    add_cons(db, "hinge", 0.1, 5)
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reviews.posts SET deleted_at = now()"
            " WHERE id = (SELECT min(id) FROM reviews.posts)"
        )
    connection.close()
    assert detect(db, SETTINGS, now=NOW) == []
    add_cons(db, "hinge", 0.2, 1)
    assert len(detect(db, SETTINGS, now=NOW)) == 1


def test_detect__a_post_with_many_cons_counts_once(db: str) -> None:
    add_cons(db, "fan", 0.1, 1)
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        for _ in range(9):
            cursor.execute(
                "INSERT INTO reviews.opinions (post_id, product, aspect, aspect_text, aspect_start,"
                " aspect_end, opinion_text, opinion_start, opinion_end, polarity, confidence,"
                " sentence_start, sentence_end, posted_at, extractor_version)"
                " SELECT post_id, product, aspect, aspect_text, aspect_start, aspect_end,"
                " opinion_text, opinion_start, opinion_end, polarity, confidence, sentence_start,"
                " sentence_end, posted_at, extractor_version FROM reviews.opinions LIMIT 1"
            )
    connection.close()
    assert detect(db, SETTINGS, now=NOW) == []


def test_notify__posts_slack_json_with_counts_and_quotes_and_marks_it_sent(
    db: str, webhook: Webhook
) -> None:
    add_cons(db, "battery", 0.1, 6)
    settings = replace(SETTINGS, alert_webhook=webhook.url)
    counts = run_alerts(db, settings, now=NOW)
    assert counts.as_dict() == {"raised": 1, "notified": 1, "failed": 0}
    (body,) = webhook.bodies
    assert "Aurora X2: complaints about battery rose to 6 post(s)" in body["text"]
    assert body["blocks"][0]["type"] == "header"
    fields = " ".join(f["text"] for f in body["blocks"][1]["fields"])
    assert "*Posts with cons*\n6" in fields and "*Change*\n6.0×" in fields
    quotes = [b["text"]["text"] for b in body["blocks"][2:]]
    assert len(quotes) == 3
    assert all(q.startswith(">The battery is awful.\n<https://example.com/p/") for q in quotes)
    assert scalar(db, "SELECT notified_at IS NOT NULL FROM reviews.alerts") is True
    assert run_alerts(db, settings, now=NOW).as_dict() == {"raised": 0, "notified": 0, "failed": 0}
    assert len(webhook.bodies) == 1
    assert scalar(db, "SELECT count(*) FROM reviews.runs WHERE kind = 'alerts'") == 2


def test_notify__failed_delivery_is_recorded_without_the_url_and_sent_next_run(
    db: str, webhook: Webhook
) -> None:
    add_cons(db, "battery", 0.1, 6)
    settings = replace(SETTINGS, alert_webhook=webhook.url)
    webhook.statuses = [503, 503, 503]  # one run's three attempts
    assert run_alerts(db, settings, now=NOW).failed == 1
    error = scalar(db, "SELECT notify_error FROM reviews.alerts")
    assert isinstance(error, str) and "503" in error and "the alert webhook" in error
    assert "secret-token" not in error and "127.0.0.1" not in error
    assert notify(db, settings, now=NOW).notified == 1
    assert len(webhook.bodies) == 4
    assert scalar(db, "SELECT notify_attempts FROM reviews.alerts") == 2


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_notify__a_redirecting_webhook_is_not_followed_and_the_alert_not_marked_sent(
    db: str, webhook: Webhook, status: int
) -> None:
    add_cons(db, "battery", 0.1, 6)
    settings = replace(SETTINGS, alert_webhook=webhook.url)
    webhook.statuses = [status]
    assert run_alerts(db, settings, now=NOW).as_dict() == {"raised": 1, "notified": 0, "failed": 1}
    assert webhook.gets == 0 and len(webhook.bodies) == 1
    error = scalar(db, "SELECT notify_error FROM reviews.alerts")
    assert isinstance(error, str) and f"{status}" in error and "not followed" in error
    assert "secret-token" not in error
    assert scalar(db, "SELECT notified_at FROM reviews.alerts") is None


def test_notify__no_webhook_means_stored_only(db: str) -> None:
    add_cons(db, "battery", 0.1, 6)
    assert run_alerts(db, SETTINGS, now=NOW).as_dict() == {"raised": 1, "notified": 0, "failed": 0}
    assert scalar(db, "SELECT notified_at FROM reviews.alerts") is None


def test_alert_history__readable_with_quotes_and_drops_deleted_evidence(db: str) -> None:
    add_cons(db, "battery", 0.1, 6)
    detect(db, SETTINGS, now=NOW)
    evidence = scalar(db, "SELECT evidence FROM reviews.alert_history")
    assert isinstance(evidence, list) and len(evidence) == 3
    assert evidence[0].startswith("The battery is awful. <https://example.com/p/")
    with psycopg2.connect(db) as connection, connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reviews.posts SET deleted_at = now() WHERE id IN (SELECT post_id"
            " FROM reviews.opinions WHERE id = (SELECT evidence[1] FROM reviews.alerts))"
        )
    connection.close()
    assert scalar(db, "SELECT cardinality(evidence) FROM reviews.alert_history") == 2


def spike_message(name: str, aspect: str, quotes: list[dict[str, Any]]) -> dict[str, Any]:
    """The Slack message of a spike of 7 posts against a baseline of 0.5, today."""
    period = Period(TODAY, TODAY + timedelta(days=1))
    return slack_message(
        product="p", name=name, aspect=aspect, period=period, cons=7, baseline=0.5, quotes=quotes
    )


def test_slack_message__escapes_markup_and_shortens_long_quotes() -> None:
    message = spike_message(
        "A <b> & B", "fan", [{"sentence": "x" * 500 + " <script>", "url": None, "source": "file"}]
    )
    fields = message["blocks"][1]["fields"]
    assert fields[0]["text"] == "*Product*\nA &lt;b&gt; &amp; B (`p`)"
    quote = message["blocks"][2]["text"]["text"]
    assert quote.endswith("…\nfile") and len(quote) < 320


def test_slack_message__a_crafted_link_or_name_pings_no_one_and_runs_nothing() -> None:
    message = spike_message(
        "Evil <!channel>",
        "fan <!here>",
        [
            {
                "sentence": "The fan is loud.",
                "url": "https://x.example/a|click here> <!channel>",
                "source": "file",
            },
            {"sentence": "The fan is loud.", "url": "JAVASCRIPT:alert(1)", "source": "file"},
        ],
    )
    # Slack reads mentions and links in the top-level text and in mrkdwn (the header is
    # plain_text, which it shows as written).
    marked = [message["text"]] + [
        t["text"]
        for b in message["blocks"]
        for t in [*b.get("fields", []), b.get("text", {})]
        if t.get("type") == "mrkdwn"
    ]
    assert not any("<!channel>" in t or "<!here>" in t for t in marked)
    first, second = (b["text"]["text"] for b in message["blocks"][2:4])
    assert first.endswith("\n<https://x.example/a%7Cclick%20here%3E%20%3C!channel%3E|file post>")
    assert second.endswith("\nfile") and "javascript" not in second.lower()


@pytest.mark.parametrize(
    "address", ["hooks.example/services/T0/B0/secret-token", "ftp://hooks.example/secret-token"]
)
def test_notify__a_webhook_address_that_is_no_http_url_fails_without_showing_it(
    db: str, address: str
) -> None:
    add_cons(db, "battery", 0.1, 6)
    settings = replace(SETTINGS, alert_webhook=address)
    assert run_alerts(db, settings, now=NOW).as_dict() == {"raised": 1, "notified": 0, "failed": 1}
    error = scalar(db, "SELECT notify_error FROM reviews.alerts")
    assert isinstance(error, str) and "the alert webhook" in error and "http(s)" in error
    assert "secret-token" not in error
    runs = scalar(db, "SELECT string_agg(coalesce(error, ''), ' ') FROM reviews.runs")
    assert "secret-token" not in str(runs)
