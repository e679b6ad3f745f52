"""The ``steam`` source: reviews from the Steam store's appreviews endpoint (keyless)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

from pipeline.config import STEAM_LANGUAGES, SteamSourceConfig
from pipeline.errors import SourceError
from pipeline.records import Post
from pipeline.sources.base import (
    ItemSource,
    Page,
    build_post,
    register,
)
from pipeline.sources.http import HttpPolicy
from pipeline.text import clean_text

BASE_URL = "https://store.steampowered.com"
PER_PAGE = 100
#: Steam documents no limit for this endpoint; one request a second is polite.
POLICY = HttpPolicy(min_interval=1.0)
_BBCODE = re.compile(
    r"\[/?(?:b|i|u|s|h[1-6]|spoiler|strike|list|olist|\*|quote|code|url(?:=[^\]]*)?|hr|noparse|table|tr|td|th)\]",
    re.I,
)


@register
class SteamSource(ItemSource):
    type = "steam"
    cursor_field: ClassVar[str] = "timestamp_created"
    item_name: ClassVar[str] = "review"
    item_id_field: ClassVar[str] = "recommendationid"
    api_url: ClassVar[str] = BASE_URL
    policy: ClassVar[HttpPolicy] = POLICY
    config: SteamSourceConfig

    def pages(self, position: dict[str, Any] | None) -> Iterator[Page]:
        client = self.http_client()
        since, newest = self.window(position)
        start = since.timestamp()
        cursor = "*"
        seen_cursors = {cursor}
        while True:
            data = client.get_json(
                f"/appreviews/{self.config.app_id}",
                {
                    "json": 1,
                    "filter": "recent",
                    "language": self.config.language,
                    "num_per_page": PER_PAGE,
                    "purchase_type": "all",
                    "cursor": cursor,
                },
            )
            if not isinstance(data, dict) or data.get("success") != 1:
                success = data.get("success") if isinstance(data, dict) else None
                raise SourceError(
                    f"Steam appreviews for app {self.config.app_id} answered success={success!r}"
                )
            reviews = data.get("reviews") or []
            posts: list[Post] = []
            rejected: list[str] = []
            for _, post in self.read_items(reviews, rejected):
                if post.created_at.timestamp() > start:
                    posts.append(post)
                    newest = max(newest, int(post.created_at.timestamp()))
            yield Page(posts, position={}, rejected=rejected)
            cursor = data.get("cursor") or ""
            # Newest first: a page reaching back before the start is the last one needed.
            reached_start = len(posts) < len(reviews) - len(rejected)
            if not reviews or not cursor or cursor in seen_cursors or reached_start:
                break
            seen_cursors.add(cursor)
        yield Page([], position={"newest": newest})

    def to_post(self, review: dict[str, Any]) -> Post:
        """One review object as a Post."""
        review_id = str(review["recommendationid"])
        author = review.get("author") or {}
        steam_id = str(author.get("steamid") or "") or None
        voted_up = bool(review["voted_up"])
        raw = {k: v for k, v in review.items() if k != "author"}
        return build_post(
            self.context,
            source=self.type,
            external_id=review_id,
            kind="review",
            created_at=datetime.fromtimestamp(int(review["timestamp_created"]), tz=UTC),
            text=_BBCODE.sub("", str(review.get("review") or "")),
            markup="plain",  # review_text below reads the same
            # The store's reviews of the game, not the review's own page: that page's address is
            # the author's profile (steamcommunity.com/profiles/<steamid>/…), which would undo
            # the pseudonym for anyone who reads the evidence.
            url=f"https://store.steampowered.com/app/{self.config.app_id}/#app_reviews_hash",
            author=steam_id,
            rating=1.0 if voted_up else 0.0,
            rating_raw="recommended" if voted_up else "not recommended",
            score=int(review.get("votes_up") or 0),
            language=STEAM_LANGUAGES.get(str(review.get("language") or "")),
            raw=raw,
        )


def review_text(review: dict[str, Any]) -> str:
    """A review's text as stored and extracted: BBCode tags dropped, cleaned as plain text."""
    return clean_text(_BBCODE.sub("", str(review.get("review") or "")), "plain")
