"""The source parsers on real responses recorded by other projects (../shared/fixtures)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
import responses
import yaml

from tests.conftest import SHARED
from tests.sources.conftest import drain, make_source

FIXTURES = SHARED / "fixtures"
pytestmark = pytest.mark.skipif(
    not FIXTURES.is_dir(), reason="../shared/fixtures is not present (third-party recordings)"
)


def test_hackernews__every_recorded_hit_becomes_a_post() -> None:
    source = make_source({"type": "hackernews", "query": "apple"})
    recorded = json.loads(
        (FIXTURES / "hackernews" / "fraction_node-hacker-news-api_fixtures.json").read_text()
    )
    hits = [
        hit
        for entry in recorded
        if isinstance(entry["reply"], dict)
        for hit in entry["reply"].get("hits", [])
    ]
    assert len(hits) == 24
    for hit in hits:
        post = source.to_post(hit)
        assert post.external_id == hit["objectID"]
        assert post.created_at == datetime.fromtimestamp(hit["created_at_i"], tz=UTC)
        assert post.kind == ("comment" if "comment" in hit["_tags"] else "post")
        assert post.url == f"https://news.ycombinator.com/item?id={hit['objectID']}"
        assert "&#x27;" not in post.text and "<p>" not in post.text
        assert "author" not in post.raw and f"author_{hit['author']}" not in post.raw["_tags"]


def test_appstore__recorded_feed_gives_fifty_rated_reviews() -> None:
    feed = json.loads((FIXTURES / "appstore" / "timiskhakov_podfinder_reviews.json").read_text())
    source = make_source({"type": "appstore", "app_id": 811377230, "country": "us"})
    entries = feed["feed"]["entry"]
    posts = [source.to_post(e) for e in entries]
    assert len(posts) == 50
    for entry, post in zip(entries, posts, strict=True):
        stars = int(entry["im:rating"]["label"])
        assert post.rating == (stars - 1) / 4 and post.rating_raw == f"{stars}/5"
        assert post.external_id == entry["id"]["label"]
        assert post.title == entry["title"]["label"].strip() or post.title is None
        assert post.created_at.tzinfo is not None


def test_steam__recorded_reviews_of_app_440() -> None:
    saved = json.loads(
        (FIXTURES / "steam" / "woctezuma_sample-steam-reviews_review_440.json").read_text()
    )
    source = make_source({"type": "steam", "app_id": 440})
    reviews = list(saved["reviews"].values())
    posts = [source.to_post(r) for r in reviews]
    assert len(posts) == 440
    for review, post in zip(reviews, posts, strict=True):
        assert post.rating == (1.0 if review["voted_up"] else 0.0)
        assert post.external_id == review["recommendationid"]
        assert review["author"]["steamid"] not in json.dumps(post.raw)
        # The review's own page is its author's profile: the link goes to the game's reviews.
        assert review["author"]["steamid"] not in (post.url or "")
        assert post.url == "https://store.steampowered.com/app/440/#app_reviews_hash"


def _cassette_bodies(name: str, path_part: str) -> list[Any]:
    cassette = yaml.safe_load((FIXTURES / "mastodon" / name).read_text())
    first = next(i for i in cassette["interactions"] if path_part in i["request"]["uri"])
    return [json.loads(first["response"]["body"]["string"])]


@pytest.mark.parametrize(
    ("cassette", "path_part", "statuses"),
    [
        ("cassettes__test_hashtag_tl.yaml", "/timelines/tag/", 1),
        ("cassettes__test_public_tl.yaml", "/timelines/public", 8),
        ("cassettes_entity_tests__test_entity_searchv2.yaml", "/api/v2/search", 2),
    ],
)
def test_mastodon__recorded_statuses_parse(cassette: str, path_part: str, statuses: int) -> None:
    source = make_source({"type": "mastodon", "instance": "localhost:3000", "tags": ["hoot"]})
    bodies = _cassette_bodies(cassette, path_part)
    found = [s for body in bodies for s in (body["statuses"] if isinstance(body, dict) else body)]
    assert len(found) == statuses
    for status in found:
        post = source.to_post(status)
        assert post.external_id == f"localhost:3000:{status['id']}"
        assert "<p>" not in post.text and "</a>" not in post.text
        assert status["account"]["acct"] not in json.dumps(post.raw)


def _replay_reddit(name: str) -> int:
    """Register a PRAW cassette's interactions with `responses`; return the listing's size."""
    cassette = json.loads((FIXTURES / "reddit" / name).read_text())
    children = 0
    for interaction in cassette["interactions"]:
        request, response = interaction["request"], interaction["response"]
        body = response["body"]["string"]
        responses.add(
            request["method"],
            request["uri"].split("?")[0],
            body=body,
            status=response["status"]["code"],
            content_type="application/json",
        )
        if request["method"] == "GET":
            children = len(json.loads(body)["data"]["children"])
            # The recorded page says there is more ("after"); the next one is empty.
            responses.add(
                "GET",
                request["uri"].split("?")[0],
                json={"kind": "Listing", "data": {"after": None, "children": []}},
            )
    return children


@responses.activate
def test_reddit__recorded_listing_through_praw(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDDIT_CLIENT_ID", "<CLIENT_ID>")
    monkeypatch.setenv("REDDIT_CLIENT_SECRET", "<CLIENT_SECRET>")
    monkeypatch.setenv("REDDIT_USER_AGENT", "<USER_AGENT>")
    expected = _replay_reddit("TestSubredditListings.test_new.json")
    source = make_source({"type": "reddit", "subreddits": ["askreddit"], "since": "2000-01-01"})
    posts, last = drain(source)
    assert len(posts) == expected == 100
    assert all(
        p.external_id.startswith("t3_") and p.url.startswith("https://www.reddit.com/r/")
        for p in posts
    )
    assert last.position["newest"] == max(int(p.created_at.timestamp()) for p in posts)
    assert responses.calls[0].request.url == "https://www.reddit.com/api/v1/access_token"


@responses.activate
def test_reddit__recorded_search_through_praw(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDDIT_CLIENT_ID", "<CLIENT_ID>")
    monkeypatch.setenv("REDDIT_CLIENT_SECRET", "<CLIENT_SECRET>")
    expected = _replay_reddit("TestSubreddit.test_search.json")
    source = make_source(
        {
            "type": "reddit",
            "subreddits": ["all"],
            "query": "praw",
            "sort": "relevance",
            "since": "2000-01-01",
        }
    )
    posts, _ = drain(source)
    assert len(posts) == expected == 6
