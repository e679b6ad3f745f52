"""The ``appstore`` source: customer reviews from the App Store's RSS feed in JSON (keyless)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, ClassVar

from pipeline.config import AppStoreSourceConfig
from pipeline.errors import SourceError
from pipeline.records import Post
from pipeline.sources.base import (
    ItemSource,
    Page,
    build_post,
    register,
)
from pipeline.sources.http import HttpPolicy

BASE_URL = "https://itunes.apple.com"
#: The feed serves at most ten pages of fifty reviews.
MAX_PAGES = 10
POLICY = HttpPolicy(min_interval=1.0)


@register
class AppStoreSource(ItemSource):
    type = "appstore"
    cursor_field: ClassVar[str] = "updated"
    item_name: ClassVar[str] = "review"
    api_url: ClassVar[str] = BASE_URL
    policy: ClassVar[HttpPolicy] = POLICY
    config: AppStoreSourceConfig

    def pages(self, position: dict[str, Any] | None) -> Iterator[Page]:
        client = self.http_client()
        start, newest = self.window(position)
        for number in range(1, MAX_PAGES + 1):
            data = client.get_json(
                f"/{self.config.country}/rss/customerreviews/page={number}"
                f"/id={self.config.app_id}/sortby=mostrecent/json"
            )
            feed = data.get("feed") if isinstance(data, dict) else None
            if not isinstance(feed, dict):
                raise SourceError(f"App Store feed page {number}: the response has no 'feed'")
            entries = feed.get("entry")
            # Tolerated quirk: one review comes as an object, none as a missing key.
            if isinstance(entries, dict):
                entries = [entries]
            if not entries:
                break
            posts: list[Post] = []
            rejected: list[str] = []
            older = False
            # The first entry of some feeds describes the app itself: it has no rating.
            reviews = [e for e in entries if isinstance(e, dict) and "im:rating" in e]
            for _, post in self.read_items(reviews, rejected):
                if post.created_at <= start:
                    older = True
                    continue
                posts.append(post)
                newest = max(newest, int(post.created_at.timestamp()))
            yield Page(posts, position={}, rejected=rejected)
            if older:
                break  # sorted by most recent: the rest is older still
        yield Page([], position={"newest": newest})

    def item_id(self, item: Any) -> str:
        """The entry's id, under its ``label`` like every value of the feed."""
        try:
            return _label(item, "id")
        except (KeyError, TypeError):
            return "?"

    def to_post(self, entry: dict[str, Any]) -> Post:
        """One feed entry (every value under ``label``) as a Post."""
        stars = int(_label(entry, "im:rating"))
        if not 1 <= stars <= 5:
            raise ValueError(f"im:rating {stars} outside 1..5")
        author = entry.get("author", {}).get("name", {}).get("label")
        raw = {k: v for k, v in entry.items() if k != "author"}
        return build_post(
            self.context,
            source=self.type,
            external_id=_label(entry, "id"),
            kind="review",
            created_at=datetime.fromisoformat(_label(entry, "updated")),
            text=_label(entry, "content"),
            markup="plain",
            title=entry.get("title", {}).get("label"),
            url=f"https://apps.apple.com/{self.config.country}/app/id{self.config.app_id}?see-all=reviews",
            author=author,
            rating=(stars - 1) / 4,
            rating_raw=f"{stars}/5",
            score=int(entry.get("im:voteSum", {}).get("label") or 0),
            raw=raw,
            app_version=entry.get("im:version", {}).get("label") or None,
            country=self.config.country.lower(),
        )


def _label(entry: dict[str, Any], key: str) -> str:
    value = entry[key]["label"]
    if not isinstance(value, str):
        raise TypeError(f"{key}.label is not text")
    return value
