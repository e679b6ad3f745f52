"""The HTTP sources against responses written in each API's format, replayed with `responses`.

Each source is run through the same situations: a first run, pagination to the end, an empty
result, 429 with Retry-After then success, 5xx until giving up, malformed JSON, a record with a
missing field, and an incremental run that asks only for what is new.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import responses
from responses import matchers
from responses.registries import OrderedRegistry

from pipeline.errors import RetriableSourceError, SourceError
from pipeline.records import MAX_JSON_DEPTH
from tests.sources import fakes
from tests.sources.conftest import drain, make_source

HN = "https://hn.algolia.com/api/v1/search_by_date"
STEAM = "https://store.steampowered.com/appreviews/440"
MASTODON = "https://social.example/api/v1/timelines/tag/phone"


def appstore_url(page: int) -> str:
    return (
        f"https://itunes.apple.com/us/rss/customerreviews/page={page}/id=1/sortby=mostrecent/json"
    )


SETTINGS = {
    "hackernews": {"type": "hackernews", "query": "phone", "since": "2025-11-01"},
    "steam": {"type": "steam", "app_id": 440, "since": "2025-11-01"},
    "appstore": {"type": "appstore", "app_id": 1, "country": "us", "since": "2025-11-01"},
    "mastodon": {
        "type": "mastodon",
        "instance": "social.example",
        "tags": ["phone"],
        "since": "2025-11-01",
    },
}


def one_page(
    kind: str, items: list[tuple[str, int, str]]
) -> tuple[str, dict[str, Any] | list[Any]]:
    """(url, body) of a single page holding ``items``."""
    if kind == "hackernews":
        return HN, fakes.hn_page([fakes.hn_hit(*i) for i in items])
    if kind == "steam":
        return STEAM, fakes.steam_page([fakes.steam_review(*i) for i in items], cursor="AoJ4=")
    if kind == "appstore":
        return appstore_url(1), fakes.appstore_feed([fakes.appstore_entry(*i) for i in items])
    return MASTODON, [fakes.mastodon_status(*i) for i in items]


def add_end(kind: str) -> None:
    """The response that ends pagination after the first page, where the API needs one."""
    if kind == "steam":
        responses.get(STEAM, json=fakes.steam_page([], cursor="AoJ4="))
    elif kind == "appstore":
        responses.get(appstore_url(2), json=fakes.appstore_feed(None))
    elif kind == "mastodon":
        responses.get(MASTODON, json=[])


KINDS = sorted(SETTINGS)


@pytest.mark.parametrize("kind", KINDS)
@responses.activate(registry=OrderedRegistry)
def test_first_run__stores_every_item_and_sets_the_cursor(kind: str) -> None:
    url, body = one_page(kind, fakes.ITEMS)
    responses.get(url, json=body)
    add_end(kind)
    posts, last = drain(make_source(SETTINGS[kind]))
    assert sorted(p.external_id.split(":")[-1] for p in posts) == ["1001", "1002", "1003"]
    assert any(p.text.startswith("The battery is great and the screen is sharp.") for p in posts)
    assert all(p.author and not p.author.startswith("user") for p in posts)
    if kind == "mastodon":
        assert last.position == {"since_id": {"phone": "1003"}}
    else:
        assert last.position == {"newest": 1_763_600_000}
    user_agent = responses.calls[0].request.headers["User-Agent"]
    assert user_agent.startswith("review-monitoring/") and "ops@example.com" in user_agent


@pytest.mark.parametrize("kind", KINDS)
@responses.activate(registry=OrderedRegistry)
def test_empty_result__no_posts_and_no_error(kind: str) -> None:
    url, body = one_page(kind, [])
    responses.get(url, json=body)
    posts, _ = drain(make_source(SETTINGS[kind]))
    assert posts == []
    assert len(responses.calls) == 1


@pytest.mark.parametrize("kind", KINDS)
@responses.activate(registry=OrderedRegistry)
def test_429_with_retry_after__waits_as_told_then_succeeds(
    kind: str, no_sleep: list[float]
) -> None:
    url, body = one_page(kind, fakes.ITEMS[:1])
    responses.get(url, status=429, headers={"Retry-After": "7"}, body="slow down")
    responses.get(url, json=body)
    add_end(kind)
    posts, _ = drain(make_source(SETTINGS[kind]))
    assert len(posts) == 1
    assert 7.0 in no_sleep


@pytest.mark.parametrize("kind", KINDS)
@responses.activate(registry=OrderedRegistry)
def test_repeated_5xx__gives_up_after_bounded_attempts(kind: str, no_sleep: list[float]) -> None:
    url, _ = one_page(kind, [])
    for _ in range(5):
        responses.get(url, status=503, body="<html>Service Unavailable</html>")
    with pytest.raises(RetriableSourceError, match=r"gave up after 5 attempts: GET .* → 503"):
        drain(make_source(SETTINGS[kind]))
    assert len(responses.calls) == 5
    backoffs = [w for w in no_sleep if w > 1.0]  # the rate limit's own waits are at most 1 s
    assert len(backoffs) == 4 and backoffs == sorted(backoffs)  # exponential


@pytest.mark.parametrize("kind", KINDS)
@responses.activate(registry=OrderedRegistry)
def test_malformed_json__is_a_classified_failure(kind: str) -> None:
    url, _ = one_page(kind, [])
    for _ in range(5):
        responses.get(url, body='{"hits": [{"objectID": "1", ', content_type="application/json")
    with pytest.raises(RetriableSourceError, match="not valid JSON"):
        drain(make_source(SETTINGS[kind]))


@pytest.mark.parametrize("kind", KINDS)
@responses.activate(registry=OrderedRegistry)
def test_client_error__fails_at_once_saying_what_was_asked(kind: str) -> None:
    url, _ = one_page(kind, [])
    # A server that echoes the request's headers: the body is never quoted in the error.
    echo = '{"error": "not found", "headers": {"Authorization": "Bearer SECRET-TOKEN"}}'
    responses.get(url, status=404, body=echo, content_type="application/json")
    with pytest.raises(
        SourceError, match=r"GET https://\S+ → 404 Not Found \(application/json, \d+ bytes\)$"
    ) as error:
        drain(make_source(SETTINGS[kind]))
    assert "SECRET-TOKEN" not in str(error.value)
    assert len(responses.calls) == 1


@pytest.mark.parametrize("kind", KINDS)
@responses.activate(registry=OrderedRegistry)
def test_missing_field__rejects_that_record_only(kind: str) -> None:
    url, body = one_page(kind, fakes.ITEMS[:2])
    records = (
        body
        if isinstance(body, list)
        else (body.get("hits") or body.get("reviews") or body["feed"]["entry"])
    )
    broken = records[1]
    for field in ("objectID", "timestamp_created", "created_at", "im:rating", "updated"):
        broken.pop(field, None)
    if kind == "appstore":
        broken["im:rating"] = {"label": "five"}
    responses.get(url, json=body)
    add_end(kind)
    pages = list(make_source(SETTINGS[kind]).pages(None))
    posts = [p for page in pages for p in page.posts]
    rejected = [r for page in pages for r in page.rejected]
    assert len(posts) == 1 and len(rejected) == 1
    assert kind in rejected[0]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "poison", [float("nan"), float("inf"), [[[[0]]]] * 1, "deep"], ids=["nan", "inf", "ok", "deep"]
)
@responses.activate(registry=OrderedRegistry)
def test_unstorable_raw_json__rejects_that_record_only(kind: str, poison: Any) -> None:
    url, body = one_page(kind, fakes.ITEMS[:2])
    records = (
        body
        if isinstance(body, list)
        else (body.get("hits") or body.get("reviews") or body["feed"]["entry"])
    )
    value: Any = poison
    if poison == "deep":  # deeper than PostgreSQL or the store would take
        value = 0
        for _ in range(MAX_JSON_DEPTH + 5):
            value = [value]
    records[1]["extra_field"] = value
    # Written as a server that emits bare NaN and Infinity would (json.dumps does by default).
    responses.get(url, body=json.dumps(body), content_type="application/json")
    add_end(kind)
    pages = list(make_source(SETTINGS[kind]).pages(None))
    posts = [p for page in pages for p in page.posts]
    rejected = [r for page in pages for r in page.rejected]
    if isinstance(poison, list):
        assert len(posts) == 2 and rejected == []
    else:
        assert len(posts) == 1 and len(rejected) == 1
        assert kind in rejected[0] and (
            "NaN" in rejected[0] or "inf" in rejected[0] or "nested" in rejected[0]
        )


@pytest.mark.parametrize(("kind", "id_field"), [("hackernews", "objectID"), ("appstore", "id")])
@responses.activate(registry=OrderedRegistry)
def test_missing_id__is_rejected_as_unnamed_not_raised(kind: str, id_field: str) -> None:
    url, body = one_page(kind, fakes.ITEMS[:2])
    records = body["hits"] if kind == "hackernews" else body["feed"]["entry"]  # type: ignore[call-overload, index]
    del records[1][id_field]
    responses.get(url, json=body)
    add_end(kind)
    pages = list(make_source(SETTINGS[kind]).pages(None))
    rejected = [r for page in pages for r in page.rejected]
    assert [p.external_id for page in pages for p in page.posts] == [
        str(records[0][id_field] if kind == "hackernews" else records[0]["id"]["label"])
    ]
    assert len(rejected) == 1 and rejected[0].startswith(f"{kind} ") and " ?: " in rejected[0]
    assert id_field in rejected[0]


@responses.activate(registry=OrderedRegistry)
def test_hackernews__pages_to_the_end_and_asks_only_for_newer_items_next_time() -> None:
    hits = [fakes.hn_hit(*i) for i in fakes.ITEMS]
    responses.get(
        HN,
        json=fakes.hn_page(hits[:2], page=0, pages=2, total=3),
        match=[matchers.query_param_matcher({"page": "0"}, strict_match=False)],
    )
    responses.get(
        HN,
        json=fakes.hn_page(hits[2:], page=1, pages=2, total=3),
        match=[matchers.query_param_matcher({"page": "1"}, strict_match=False)],
    )
    posts, last = drain(make_source(SETTINGS["hackernews"]))
    assert len(posts) == 3 and posts[0].kind == "comment" and posts[0].parent_external_id == "900"
    responses.get(
        HN,
        json=fakes.hn_page([]),
        match=[
            matchers.query_param_matcher(
                {"numericFilters": f"created_at_i>{1_763_600_000 - 3600}"}, strict_match=False
            )
        ],
    )
    newer, _ = drain(make_source(SETTINGS["hackernews"]), last.position)
    assert newer == []


@responses.activate(registry=OrderedRegistry)
def test_hackernews__more_than_1000_results_are_read_in_windows_of_time() -> None:
    first = [fakes.hn_hit(str(5000 + i), 1_763_600_000 - i, "Great phone.") for i in range(100)]
    for page in range(10):
        responses.get(
            HN,
            json=fakes.hn_page(first, page=page, pages=10, total=1500),
        )
    responses.get(
        HN,
        json=fakes.hn_page([fakes.hn_hit("4000", 1_763_000_000, "Older.")]),
        match=[
            matchers.query_param_matcher(
                {"numericFilters": "created_at_i>1761955200,created_at_i<=1763599901"},
                strict_match=False,
            )
        ],
    )
    posts, _ = drain(make_source(SETTINGS["hackernews"]))
    assert "4000" in {p.external_id for p in posts}


@responses.activate(registry=OrderedRegistry)
def test_steam__follows_the_cursor_and_stops_when_it_repeats() -> None:
    reviews = [fakes.steam_review(*i) for i in fakes.ITEMS]
    responses.get(
        STEAM,
        json=fakes.steam_page(reviews[:2], cursor="AoJ4+abc/="),
        match=[matchers.query_param_matcher({"cursor": "*"}, strict_match=False)],
    )
    responses.get(
        STEAM,
        json=fakes.steam_page(reviews[2:], cursor="AoJ4+abc/="),
        match=[matchers.query_param_matcher({"cursor": "AoJ4+abc/="}, strict_match=False)],
    )
    posts, _ = drain(make_source(SETTINGS["steam"]))
    assert len(posts) == 3
    assert "cursor=AoJ4%2Babc%2F%3D" in responses.calls[1].request.url  # URL-encoded
    assert posts[0].rating == 1.0 and posts[0].rating_raw == "recommended"
    assert posts[0].text == "The battery is great and the screen is sharp."  # BBCode removed


@responses.activate(registry=OrderedRegistry)
def test_steam__incremental_run_stops_at_reviews_already_seen() -> None:
    reviews = [fakes.steam_review(*i) for i in fakes.ITEMS]
    responses.get(STEAM, json=fakes.steam_page(reviews, cursor="next"))
    position = {"newest": 1_763_590_000 + 3600 - 1}  # 1001 is older than the overlap window
    posts, last = drain(make_source(SETTINGS["steam"]), position)
    assert [p.external_id for p in posts] == ["1003", "1002"]
    assert len(responses.calls) == 1 and last.position == {"newest": 1_763_600_000}


@responses.activate(registry=OrderedRegistry)
def test_appstore__single_entry_object_and_app_entry_are_tolerated() -> None:
    app_entry = {"im:name": {"label": "Tidy"}, "id": {"label": "1"}}
    responses.get(
        appstore_url(1),
        json=fakes.appstore_feed(
            [app_entry, fakes.appstore_entry("1001", 1_763_600_000, "Love it", 5)]
        ),
    )
    responses.get(
        appstore_url(2),
        json=fakes.appstore_feed(fakes.appstore_entry("1002", 1_763_590_000, "Meh", 2)),
    )
    responses.get(appstore_url(3), json=fakes.appstore_feed(None))
    posts, _ = drain(make_source(SETTINGS["appstore"]))
    assert [(p.external_id, p.rating) for p in posts] == [("1001", 1.0), ("1002", 0.25)]
    assert {(p.app_version, p.country) for p in posts} == {("2.1", SETTINGS["appstore"]["country"])}


@responses.activate(registry=OrderedRegistry)
def test_mastodon__pages_back_with_max_id_and_next_run_uses_since_id() -> None:
    statuses = [fakes.mastodon_status(*i) for i in fakes.ITEMS]
    responses.get(MASTODON, json=statuses[:2])
    responses.get(
        MASTODON,
        json=statuses[2:],
        match=[matchers.query_param_matcher({"max_id": "1002"}, strict_match=False)],
    )
    responses.get(
        MASTODON,
        json=[],
        match=[matchers.query_param_matcher({"max_id": "1001"}, strict_match=False)],
    )
    posts, last = drain(make_source(SETTINGS["mastodon"]))
    assert len(posts) == 3 and posts[0].url == "https://social.example/web/statuses/1003"
    assert "user1003" not in json.dumps(posts[0].raw)
    responses.get(
        MASTODON,
        json=[],
        match=[matchers.query_param_matcher({"since_id": "1003"}, strict_match=False)],
    )
    newer, _ = drain(make_source(SETTINGS["mastodon"]), last.position)
    assert newer == []


@responses.activate(registry=OrderedRegistry)
def test_mastodon__a_page_that_repeats_ends_the_paging() -> None:
    statuses = [fakes.mastodon_status(*i) for i in fakes.ITEMS]
    responses.get(MASTODON, json=statuses)
    responses.get(MASTODON, json=statuses)  # the server ignored max_id
    posts, _ = drain(make_source(SETTINGS["mastodon"]))
    assert len(posts) == 6 and len(responses.calls) == 2  # stored twice, upserted once


@responses.activate(registry=OrderedRegistry)
def test_appstore__incremental_run_stops_at_reviews_already_seen() -> None:
    entries = [fakes.appstore_entry(*i) for i in fakes.ITEMS]
    responses.get(appstore_url(1), json=fakes.appstore_feed(entries))
    position = {"newest": 1_763_590_000 + 3600 - 1}  # 1001 is older than the overlap window
    posts, last = drain(make_source(SETTINGS["appstore"]), position)
    assert [p.external_id for p in posts] == ["1003", "1002"]
    assert len(responses.calls) == 1 and last.position == {"newest": 1_763_600_000}


@pytest.mark.parametrize(
    ("owner", "sent_to"),
    [
        ("social.example", {"social.example"}),
        ("https://social.example/", {"social.example"}),
        ("other.example", {"other.example"}),
        ("", set()),  # a token without its instance is sent nowhere
    ],
)
@responses.activate
def test_mastodon__the_token_goes_only_to_its_own_instance(
    monkeypatch: pytest.MonkeyPatch, owner: str, sent_to: set[str]
) -> None:
    monkeypatch.setenv("MASTODON_ACCESS_TOKEN", "TOKEN-OF-ONE-INSTANCE")
    monkeypatch.setenv("MASTODON_TOKEN_INSTANCE", owner)
    for host in ("social.example", "other.example"):
        responses.get(f"https://{host}/api/v1/timelines/tag/phone", json=[])
        drain(make_source({"type": "mastodon", "instance": host, "tags": ["phone"]}))
    authorised = {
        call.request.url.split("/")[2]
        for call in responses.calls
        if call.request.headers.get("Authorization") == "Bearer TOKEN-OF-ONE-INSTANCE"
    }
    assert authorised == sent_to
