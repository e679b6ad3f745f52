"""The ``mastodon`` source: public statuses under hashtags, from one instance's API."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

from pipeline.config import MastodonSourceConfig
from pipeline.errors import SourceError
from pipeline.records import Post
from pipeline.sources.base import ItemSource, Page, build_post, register, window_start
from pipeline.sources.http import HttpPolicy

log = logging.getLogger(__name__)

PAGE_SIZE = 40
#: Mastodon allows 300 requests per 5 minutes per account or IP.
POLICY = HttpPolicy(min_interval=1.0)


@register
class MastodonSource(ItemSource):
    type = "mastodon"
    cursor_field: ClassVar[str] = "id"
    item_name: ClassVar[str] = "status"
    policy: ClassVar[HttpPolicy] = POLICY
    config: MastodonSourceConfig

    @property
    def base_url(self) -> str:
        instance = self.config.instance
        return self.config.base_url or (instance if "://" in instance else f"https://{instance}")

    def token(self) -> str | None:
        """``MASTODON_ACCESS_TOKEN``, only where this source asks the instance the token belongs
        to (``MASTODON_TOKEN_INSTANCE``): a token is one instance's, and sending it to every
        configured instance would hand it to each of their operators."""
        token = os.environ.get("MASTODON_ACCESS_TOKEN")
        owner = (os.environ.get("MASTODON_TOKEN_INSTANCE") or "").strip().lower()
        if not token:
            return None
        if not owner:
            log.warning(
                "MASTODON_ACCESS_TOKEN is set without MASTODON_TOKEN_INSTANCE: not sent to %s",
                urlsplit(self.base_url).hostname,
            )
            return None
        owner_host = urlsplit(owner if "://" in owner else f"https://{owner}").hostname
        return token if urlsplit(self.base_url).hostname == owner_host else None

    def pages(self, position: dict[str, Any] | None) -> Iterator[Page]:
        token = self.token()
        client = self.http_client({"Authorization": f"Bearer {token}"} if token else None)
        start = window_start(None, self.config, self.context.now)
        since = dict((position or {}).get("since_id") or {})
        for tag in self.config.tags:
            since_id = since.get(tag)
            newest = since_id
            max_id: str | None = None
            while True:
                params: dict[str, Any] = {"limit": PAGE_SIZE}
                if max_id:
                    params["max_id"] = max_id
                if since_id:
                    params["since_id"] = since_id
                statuses = client.get_json(f"/api/v1/timelines/tag/{tag.lstrip('#')}", params)
                if not isinstance(statuses, list):
                    raise SourceError(f"{self.base_url} #{tag}: expected a list of statuses")
                posts: list[Post] = []
                rejected: list[str] = []
                reached_start = False
                for status, post in self.read_items(statuses, rejected):
                    if since_id is None and post.created_at < start:
                        reached_start = True
                        continue
                    if status.get("reblog"):
                        continue  # a boost repeats someone else's status
                    posts.append(post)
                ids = [str(s["id"]) for s in statuses if isinstance(s, dict) and "id" in s]
                if ids:
                    newest = (
                        max([newest, *ids], key=_id_order) if newest else max(ids, key=_id_order)
                    )
                yield Page(posts, position={}, rejected=rejected)
                if not statuses or reached_start or not ids:
                    break
                oldest = min(ids, key=_id_order)
                if max_id is not None and _id_order(oldest) >= _id_order(max_id):
                    break  # the server ignored max_id: paging on would repeat this page forever
                max_id = oldest
            if newest:
                since[tag] = newest
        yield Page([], position={"since_id": since})

    def to_post(self, status: dict[str, Any]) -> Post:
        """One status as a Post (its HTML content turned into text)."""
        status_id = str(status["id"])
        account = status.get("account") or {}
        reply_to = status.get("in_reply_to_id")
        # The account, the mentions and the status URLs (https://host/@name/id) name people.
        raw = {k: v for k, v in status.items() if k not in {"account", "mentions", "url", "uri"}}
        return build_post(
            self.context,
            source=self.type,
            external_id=f"{self.config.instance}:{status_id}",
            kind="comment" if reply_to else "post",
            created_at=datetime.fromisoformat(str(status["created_at"]).replace("Z", "+00:00")),
            text=status["content"],
            markup="html",
            title=status.get("spoiler_text") or None,
            parent_external_id=f"{self.config.instance}:{reply_to}" if reply_to else None,
            url=f"{self.base_url}/web/statuses/{status_id}",
            author=account.get("acct"),
            score=int(status.get("favourites_count") or 0),
            language=status.get("language"),
            raw=raw,
        )


def _id_order(status_id: str) -> tuple[int, str]:
    """Mastodon ids are numbers as strings (snowflakes): compare them as numbers."""
    return (len(status_id), status_id)
