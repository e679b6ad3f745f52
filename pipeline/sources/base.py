"""The source interface: a declarative description plus an iterator of pages of posts."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from pipeline.config import first_run_start
from pipeline.errors import ConfigError
from pipeline.privacy import pseudonym
from pipeline.records import Post, PostKind, post_problem
from pipeline.sources.http import HttpClient, HttpPolicy
from pipeline.text import Markup, clean_text, detect_language


@dataclass(frozen=True)
class SourceContext:
    """What every source gets besides its own settings."""

    product: str
    author_key: bytes = field(repr=False)
    now: datetime
    config_dir: Path
    contact: str | None = None


@dataclass(frozen=True)
class Page:
    """Posts fetched together, and the cursor position that is true once they are stored."""

    posts: list[Post]
    position: dict[str, Any]
    rejected: list[str] = field(default_factory=list)


class Source(ABC):
    """A source of posts for one product.

    Subclasses state their ``type`` (the config key) and implement :meth:`pages`, which
    resumes from the stored cursor position and yields pages in order. The caller stores
    each page and its position in one transaction, so a crash never moves the cursor past
    posts that were not stored.
    """

    type: ClassVar[str]
    #: Field that orders the source and that its cursor follows.
    cursor_field: ClassVar[str] = "created_at"
    primary_key: ClassVar[str] = "external_id"

    def __init__(self, config: Any, context: SourceContext) -> None:
        self.config = config
        self.context = context

    @property
    def key(self) -> str:
        """Stable name of this source within its product, used for cursors and runs."""
        return f"{self.type}:{self.config.label}"

    @abstractmethod
    def pages(self, position: dict[str, Any] | None) -> Iterator[Page]:
        """Pages of posts newer than ``position`` (None on the first run)."""


class ItemSource(Source):
    """A source whose API answers with items converted one by one (the HTTP sources)."""

    #: What one item of the source's API is called, and its id field, for rejection reasons.
    item_name: ClassVar[str] = "item"
    item_id_field: ClassVar[str] = "id"
    #: The API's own address (a source's ``base_url`` setting replaces it: tests, mirrors), and
    #: how often it may be called.
    api_url: ClassVar[str] = ""
    policy: ClassVar[HttpPolicy] = HttpPolicy()

    @property
    def base_url(self) -> str:
        return str(self.config.base_url or self.api_url)

    def http_client(self, headers: dict[str, str] | None = None) -> HttpClient:
        """A client for the source's address, under its API's policy, naming this run's contact."""
        return HttpClient(
            self.base_url, contact=self.context.contact, policy=self.policy, headers=headers
        )

    def window(self, position: dict[str, Any] | None) -> tuple[datetime, int]:
        """Where a time-ordered run starts reading, and the newest item time seen so far."""
        start = window_start(position, self.config, self.context.now)
        return start, newest_stamp(position, start)

    @abstractmethod
    def to_post(self, item: Any) -> Post:
        """One item of the source's API as a Post; KeyError, TypeError or ValueError when an
        item lacks a field or has a bad one."""

    def read_items(self, items: Iterable[Any], rejected: list[str]) -> Iterator[tuple[Any, Post]]:
        """Each item with its Post. An item that does not convert is left out and named in
        ``rejected`` with the field at fault, so one bad record never loses its page."""
        for item in items:
            try:
                post = self.to_post(item)
            except (KeyError, TypeError, ValueError, OverflowError) as error:
                rejected.append(
                    f"{self.type} {self.item_name} {self.item_id(item)}: "
                    f"missing or bad field {error}"
                )
                continue
            problem = post_problem(post)
            if problem:
                rejected.append(f"{self.type} {self.item_name} {self.item_id(item)}: {problem}")
                continue
            yield item, post

    def item_id(self, item: Any) -> str:
        """The item's id as the API gives it, or "?"."""
        return str(item.get(self.item_id_field, "?")) if isinstance(item, dict) else "?"


_REGISTRY: dict[str, type[Source]] = {}


def register(cls: type[Source]) -> type[Source]:
    _REGISTRY[cls.type] = cls
    return cls


def source_for(config: Any, context: SourceContext) -> Source:
    """The source object for one entry of a product's ``sources`` list."""
    _load_builtin_sources()
    try:
        cls = _REGISTRY[config.type]
    except KeyError:
        available = ", ".join(sorted(_REGISTRY))
        raise ConfigError(
            f"product {context.product!r}: source type {config.type!r} is part of the "
            f"configuration format but not available in this version (available: {available})"
        ) from None
    return cls(config, context)


def _load_builtin_sources() -> None:
    import pipeline.sources.appstore
    import pipeline.sources.file
    import pipeline.sources.hackernews
    import pipeline.sources.mastodon
    import pipeline.sources.reddit
    import pipeline.sources.steam  # noqa: F401  (each registers itself)


#: Time cursors start this far before the newest item already stored: late items are caught
#: and the upsert on (source, external_id) makes the repeats harmless.
OVERLAP = timedelta(hours=1)


def window_start(position: dict[str, Any] | None, config: Any, now: datetime) -> datetime:
    """Where a time-ordered source starts: the cursor minus the overlap, else the first start."""
    if position and position.get("newest"):
        return datetime.fromtimestamp(int(position["newest"]), tz=UTC) - OVERLAP
    return first_run_start(config, now)


def newest_stamp(position: dict[str, Any] | None, start: datetime) -> int:
    """The newest item time a time-ordered source has seen: the cursor's, else its start."""
    if position and position.get("newest"):
        return int(position["newest"])
    return int(start.timestamp())


def build_post(
    context: SourceContext,
    *,
    source: str,
    external_id: str,
    kind: PostKind,
    created_at: datetime,
    text: str | None,
    markup: Markup,
    title: str | None = None,
    parent_external_id: str | None = None,
    url: str | None = None,
    author: str | None = None,
    rating: float | None = None,
    rating_raw: str | None = None,
    score: int | None = None,
    language: str | None = None,
    raw: dict[str, Any] | None = None,
    deleted: bool = False,
    app_version: str | None = None,
    country: str | None = None,
) -> Post:
    """A normalised Post: plain text, author as a pseudonym, language detected where unknown.

    A deleted item keeps only its metadata: no text, title or raw record.
    """
    clean = "" if deleted else clean_text(text, markup)
    clean_title = None if deleted else (clean_text(title, markup) or None)
    if not deleted and not language:
        language = detect_language(f"{clean_title or ''} {clean}".strip())
    return Post(
        source=source,
        external_id=external_id,
        kind=kind,
        created_at=created_at,
        text=clean,
        title=clean_title,
        parent_external_id=parent_external_id,
        url=url,
        author=pseudonym(author, source, context.author_key),
        rating=rating,
        rating_raw=rating_raw,
        score=score,
        language=language if not deleted else None,
        raw={} if deleted else (raw or {}),
        deleted=deleted,
        app_version=app_version,
        country=country,
    )
