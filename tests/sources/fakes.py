"""Responses in each API's real format, written for these tests (not recorded from the sites)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

# A small set of reviews reused by every source, newest first as the APIs list them:
# (id, unix time, text). Ids grow with time, as Mastodon's and Steam's do.
ITEMS = [
    ("1003", 1_763_600_000, "The battery is great and the screen is sharp."),
    ("1002", 1_763_590_000, "The app keeps crashing after the update."),
    ("1001", 1_763_580_000, "Matchmaking is slow but the maps are fun."),
]


def iso(stamp: int) -> str:
    return datetime.fromtimestamp(stamp, tz=UTC).isoformat().replace("+00:00", "Z")


def hn_hit(item_id: str, stamp: int, text: str, comment: bool = True) -> dict[str, Any]:
    return {
        "created_at": iso(stamp),
        "title": None if comment else f"Story {item_id}",
        "url": None,
        "author": f"user{item_id}",
        "points": 3,
        "story_text": None if comment else text,
        "comment_text": f"<p>{text}</p>" if comment else None,
        "num_comments": None,
        "story_id": 900,
        "story_title": "Ask HN: which phone?",
        "story_url": None,
        "parent_id": 900 if comment else None,
        "created_at_i": stamp,
        "_tags": ["comment" if comment else "story", f"author_user{item_id}", "story_900"],
        "objectID": item_id,
    }


def hn_page(
    hits: list[dict[str, Any]], page: int = 0, pages: int = 1, total: int | None = None
) -> dict[str, Any]:
    return {
        "hits": hits,
        "nbHits": len(hits) if total is None else total,
        "page": page,
        "nbPages": pages,
        "hitsPerPage": 100,
        "exhaustiveNbHits": True,
        "query": "phone",
        "params": "query=phone",
        "processingTimeMS": 1,
    }


def steam_review(
    item_id: str, stamp: int, text: str, voted_up: bool = True, updated: int | None = None
) -> dict[str, Any]:
    return {
        "recommendationid": item_id,
        "author": {
            "steamid": f"7656119800000{item_id}",
            "num_games_owned": 10,
            "num_reviews": 2,
            "playtime_forever": 600,
            "last_played": stamp,
        },
        "language": "english",
        "review": f"[b]{text}[/b]",
        "timestamp_created": stamp,
        "timestamp_updated": updated or stamp,
        "voted_up": voted_up,
        "votes_up": 4,
        "votes_funny": 0,
        "weighted_vote_score": "0.5",
        "comment_count": 0,
        "steam_purchase": True,
        "received_for_free": False,
        "written_during_early_access": False,
    }


def steam_page(reviews: list[dict[str, Any]], cursor: str) -> dict[str, Any]:
    return {
        "success": 1,
        "query_summary": {"num_reviews": len(reviews)},
        "reviews": reviews,
        "cursor": cursor,
    }


def appstore_entry(item_id: str, stamp: int, text: str, stars: int = 4) -> dict[str, Any]:
    return {
        "author": {
            "uri": {"label": f"https://itunes.apple.com/us/reviews/id{item_id}"},
            "name": {"label": f"reviewer{item_id}"},
            "label": "",
        },
        "updated": {"label": datetime.fromtimestamp(stamp, tz=UTC).isoformat()},
        "im:rating": {"label": str(stars)},
        "im:version": {"label": "2.1"},
        "id": {"label": item_id},
        "title": {"label": f"Review {item_id}"},
        "content": {"label": text, "attributes": {"type": "text"}},
        "link": {
            "attributes": {"rel": "related", "href": "https://itunes.apple.com/us/review?id=1"}
        },
        "im:voteSum": {"label": "2"},
        "im:contentType": {"attributes": {"term": "Application", "label": "Application"}},
        "im:voteCount": {"label": "3"},
    }


def appstore_feed(entries: list[dict[str, Any]] | dict[str, Any] | None) -> dict[str, Any]:
    feed: dict[str, Any] = {
        "author": {
            "name": {"label": "iTunes Store"},
            "uri": {"label": "http://www.apple.com/itunes/"},
        },
        "updated": {"label": "2026-11-20T04:00:00-07:00"},
        "title": {"label": "iTunes Store: Customer Reviews"},
        "id": {"label": "https://itunes.apple.com/us/rss/customerreviews/id=1/json"},
    }
    if entries is not None:
        feed["entry"] = entries
    return {"feed": feed}


def mastodon_status(
    item_id: str, stamp: int, text: str, reply_to: str | None = None
) -> dict[str, Any]:
    return {
        "id": item_id,
        "created_at": iso(stamp).replace("Z", ".000Z"),
        "in_reply_to_id": reply_to,
        "in_reply_to_account_id": None,
        "sensitive": False,
        "spoiler_text": "",
        "visibility": "public",
        "language": "en",
        "uri": f"https://social.example/users/user{item_id}/statuses/{item_id}",
        "url": f"https://social.example/@user{item_id}/{item_id}",
        "replies_count": 0,
        "reblogs_count": 1,
        "favourites_count": 2,
        "content": (
            f'<p>{text} <a href="https://social.example/tags/phone" class="mention hashtag" '
            'rel="tag">#<span>phone</span></a></p>'
        ),
        "reblog": None,
        "account": {
            "id": "9",
            "username": f"user{item_id}",
            "acct": f"user{item_id}",
            "display_name": "Someone",
        },
        "media_attachments": [],
        "mentions": [],
        "tags": [{"name": "phone", "url": "https://social.example/tags/phone"}],
        "emojis": [],
    }


def reddit_submission(
    item_id: str, stamp: int, text: str, title: str = "Thoughts?"
) -> dict[str, Any]:
    return {
        "kind": "t3",
        "data": {
            "id": item_id,
            "name": f"t3_{item_id}",
            "title": title,
            "selftext": text,
            "author": f"redditor{item_id}",
            "subreddit": "phones",
            "subreddit_name_prefixed": "r/phones",
            "score": 12,
            "num_comments": 0,
            "created_utc": float(stamp),
            "permalink": f"/r/phones/comments/{item_id}/thoughts/",
            "url": f"https://www.reddit.com/r/phones/comments/{item_id}/thoughts/",
            "over_18": False,
            "is_self": True,
            "edited": False,
            "link_flair_text": None,
            "upvote_ratio": 0.9,
        },
    }


def reddit_listing(children: list[dict[str, Any]], after: str | None = None) -> dict[str, Any]:
    return {
        "kind": "Listing",
        "data": {
            "after": after,
            "dist": len(children),
            "modhash": "",
            "children": children,
            "before": None,
        },
    }


REDDIT_TOKEN = {
    "access_token": "<ACCESS_TOKEN>",
    "token_type": "bearer",
    "expires_in": 86400,
    "scope": "*",
}
