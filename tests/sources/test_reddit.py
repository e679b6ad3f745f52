"""The reddit source through PRAW itself, against listings written in Reddit's JSON format."""

from __future__ import annotations

import pytest
import responses

from pipeline.errors import RetriableSourceError, SourceError
from tests.sources import fakes
from tests.sources.conftest import drain, make_source

TOKEN = "https://www.reddit.com/api/v1/access_token"
NEW = "https://oauth.reddit.com/r/phones/new"
SETTINGS = {"type": "reddit", "subreddits": ["phones"], "since": "2025-11-01"}


@pytest.fixture(autouse=True)
def no_prawcore_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """prawcore retries some 5xx itself, sleeping between tries; the tests need no waiting."""
    import prawcore.sessions

    monkeypatch.setattr(prawcore.sessions.time, "sleep", lambda seconds: None)


@pytest.fixture(autouse=True)
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDDIT_CLIENT_ID", "<CLIENT_ID>")
    monkeypatch.setenv("REDDIT_CLIENT_SECRET", "<CLIENT_SECRET>")
    monkeypatch.setenv("REDDIT_USER_AGENT", "test:review-monitoring:0.1 (by /u/tester)")


def submissions(items=fakes.ITEMS):  # type: ignore[no-untyped-def]
    return [fakes.reddit_submission(*i) for i in items]


@responses.activate
def test_reddit__first_run_requests_a_token_then_the_listing() -> None:
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    responses.get(NEW, json=fakes.reddit_listing(submissions()))
    posts, last = drain(make_source(SETTINGS))
    assert [p.external_id for p in posts] == ["t3_1003", "t3_1002", "t3_1001"]
    assert posts[0].url == "https://www.reddit.com/r/phones/comments/1003/thoughts/"
    assert posts[0].title == "Thoughts?" and posts[0].author and "redditor" not in posts[0].author
    assert last.position == {"newest": 1_763_600_000}
    assert responses.calls[0].request.url == TOKEN
    assert responses.calls[1].request.headers["Authorization"] == "bearer <ACCESS_TOKEN>"


@responses.activate
def test_reddit__follows_after_to_the_end_of_the_listing() -> None:
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    responses.get(NEW, json=fakes.reddit_listing(submissions()[:2], after="t3_1002"))
    responses.get(NEW, json=fakes.reddit_listing(submissions()[2:]))
    posts, _ = drain(make_source(SETTINGS))
    assert len(posts) == 3
    assert "after=t3_1002" in responses.calls[2].request.url


@responses.activate
def test_reddit__incremental_run_stops_at_older_submissions() -> None:
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    responses.get(NEW, json=fakes.reddit_listing(submissions(), after="t3_1001"))
    posts, _ = drain(make_source(SETTINGS), {"newest": 1_763_590_000 + 3600 - 1})
    assert [p.external_id for p in posts] == ["t3_1003", "t3_1002"]
    assert len(responses.calls) == 2  # never asked for the page after t3_1001


@responses.activate
def test_reddit__empty_listing() -> None:
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    responses.get(NEW, json=fakes.reddit_listing([]))
    posts, last = drain(make_source(SETTINGS))
    assert posts == [] and "newest" in last.position


@responses.activate
def test_reddit__429_is_retried_after_the_servers_wait(no_sleep: list[float]) -> None:
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    responses.get(
        NEW, status=429, headers={"Retry-After": "9"}, json={"message": "Too Many Requests"}
    )
    responses.get(NEW, json=fakes.reddit_listing(submissions()))
    posts, _ = drain(make_source(SETTINGS))
    assert len(posts) == 3
    assert any(9.0 <= w < 10.0 for w in no_sleep)


@responses.activate
def test_reddit__server_errors_give_up_after_bounded_attempts() -> None:
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    responses.get(NEW, status=503, body="upstream connect error")
    with pytest.raises(
        RetriableSourceError, match="gave up after 5 attempts: r/phones: ServerError"
    ):
        drain(make_source(SETTINGS))


@responses.activate
def test_reddit__malformed_json_is_a_classified_failure() -> None:
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    responses.get(NEW, body='{"kind": "Listing", "data": {"chil', content_type="application/json")
    with pytest.raises(RetriableSourceError, match="BadJSON"):
        drain(make_source(SETTINGS))


@responses.activate
def test_reddit__private_subreddit_fails_at_once_with_a_hint() -> None:
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    responses.get(NEW, status=403, json={"reason": "private", "message": "Forbidden", "error": 403})
    with pytest.raises(SourceError, match=r"r/phones: Forbidden .*is it public"):
        drain(make_source(SETTINGS))


@responses.activate
def test_reddit__removed_submission_is_marked_deleted_and_emptied() -> None:
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    removed = fakes.reddit_submission("1004", 1_763_610_000, "[removed]")
    removed["data"]["author"] = "[deleted]"
    responses.get(NEW, json=fakes.reddit_listing([removed]))
    (post,), _ = drain(make_source(SETTINGS))
    assert post.deleted and post.text == "" and post.title is None and post.raw == {}


@responses.activate
def test_reddit__a_submission_that_cannot_be_stored_is_rejected_alone() -> None:
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    items = submissions()
    items[1]["data"]["score"] = 10**12  # past the 32-bit score column
    responses.get(NEW, json=fakes.reddit_listing(items))
    pages = list(make_source(SETTINGS).pages(None))
    assert [p.external_id for page in pages for p in page.posts] == ["t3_1003", "t3_1001"]
    assert [r for page in pages for r in page.rejected] == [
        "reddit t3_1002: 'score' 1000000000000 is outside the 32-bit range"
    ]


@responses.activate
def test_reddit__comments_are_fetched_when_asked() -> None:
    responses.post(TOKEN, json=fakes.REDDIT_TOKEN)
    responses.get(NEW, json=fakes.reddit_listing(submissions()[:1]))
    comment = {
        "kind": "t1",
        "data": {
            "id": "c1", "name": "t1_c1", "body": "The camera is **amazing**.",
            "author": "someone", "score": 5, "created_utc": 1_763_600_100.0,
            "parent_id": "t3_1003", "link_id": "t3_1003",
            "permalink": "/r/phones/comments/1003/thoughts/c1/", "replies": "", "edited": False,
            "subreddit": "phones", "depth": 0,
        },
    }  # fmt: skip
    responses.get(
        "https://oauth.reddit.com/comments/1003/",
        json=[fakes.reddit_listing(submissions()[:1]), fakes.reddit_listing([comment])],
    )
    posts, _ = drain(make_source({**SETTINGS, "comments": True}))
    assert [(p.external_id, p.kind) for p in posts] == [("t3_1003", "post"), ("t1_c1", "comment")]
    assert posts[1].text == "The camera is amazing." and posts[1].parent_external_id == "t3_1003"


def test_reddit__missing_credentials_say_which_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET"):
        monkeypatch.delenv(name)
    monkeypatch.chdir("/")
    with pytest.raises(SourceError, match="REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET"):
        drain(make_source(SETTINGS))
