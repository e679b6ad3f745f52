"""The ``hackernews`` source: stories and comments from the Algolia HN Search API (keyless)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

from pipeline.config import HackerNewsSourceConfig
from pipeline.errors import SourceError
from pipeline.records import Post
from pipeline.sources.base import (
    ItemSource,
    Page,
    build_post,
    register,
)
from pipeline.sources.http import HttpPolicy

BASE_URL = "https://hn.algolia.com"
HITS_PER_PAGE = 100
#: Algolia stops at 1000 results a query, so a longer span is read in windows of time.
MAX_RESULTS = 1000
#: Algolia allows 10,000 requests an hour per IP; stay well under it.
POLICY = HttpPolicy(min_interval=0.5)


@register
class HackerNewsSource(ItemSource):
    type = "hackernews"
    cursor_field: ClassVar[str] = "created_at_i"
    item_name: ClassVar[str] = "hit"
    item_id_field: ClassVar[str] = "objectID"
    api_url: ClassVar[str] = BASE_URL
    policy: ClassVar[HttpPolicy] = POLICY
    config: HackerNewsSourceConfig

    def pages(self, position: dict[str, Any] | None) -> Iterator[Page]:
        client = self.http_client()
        since, newest = self.window(position)
        start = int(since.timestamp())
        upper: int | None = None
        while True:
            oldest: int | None = None
            seen = 0
            page = 0
            while True:
                filters = f"created_at_i>{start}" + (f",created_at_i<={upper}" if upper else "")
                data = client.get_json(
                    "/api/v1/search_by_date",
                    {
                        "query": self.config.query,
                        "tags": "(" + ",".join(self.config.tags) + ")",
                        "numericFilters": filters,
                        "hitsPerPage": HITS_PER_PAGE,
                        "page": page,
                    },
                )
                hits = data.get("hits") if isinstance(data, dict) else None
                if not isinstance(hits, list):
                    raise SourceError(f"{BASE_URL} search_by_date: response has no 'hits' list")
                rejected: list[str] = []
                posts = [post for _, post in self.read_items(hits, rejected)]
                seen += len(hits)
                for post in posts:
                    stamp = int(post.created_at.timestamp())
                    newest = max(newest, stamp)
                    oldest = stamp if oldest is None else min(oldest, stamp)
                yield Page(posts, position={}, rejected=rejected)
                page += 1
                if not hits or page >= int(data.get("nbPages") or 0):
                    break
            truncated = int(data.get("nbHits") or 0) > seen and seen >= MAX_RESULTS
            if not truncated or oldest is None or (upper is not None and oldest >= upper):
                break
            upper = oldest  # the next window ends where this one's results stopped
        yield Page([], position={"newest": newest})

    def to_post(self, hit: dict[str, Any]) -> Post:
        """One Algolia hit as a Post."""
        object_id = str(hit["objectID"])
        tags = hit.get("_tags") or []
        comment = "comment" in tags
        parent = hit.get("parent_id") if comment else None
        raw = {k: v for k, v in hit.items() if k not in {"author", "_highlightResult"}}
        # Algolia repeats the author's name as an "author_<name>" tag.
        raw["_tags"] = [t for t in tags if not str(t).startswith("author_")]
        return build_post(
            self.context,
            source=self.type,
            external_id=object_id,
            kind="comment" if comment else "post",
            created_at=datetime.fromtimestamp(int(hit["created_at_i"]), tz=UTC),
            text=hit.get("comment_text") or hit.get("story_text") or "",
            markup="html",
            title=None if comment else hit.get("title"),
            parent_external_id=str(parent) if parent else None,
            url=f"https://news.ycombinator.com/item?id={object_id}",
            author=hit.get("author"),
            score=hit.get("points"),
            raw=raw,
        )
