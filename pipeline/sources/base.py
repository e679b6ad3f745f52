"""The source interface: a declarative description plus an iterator of pages of posts."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from pipeline.errors import ConfigError
from pipeline.records import Post


@dataclass(frozen=True)
class SourceContext:
    """What every source gets besides its own settings."""

    product: str
    author_key: bytes = field(repr=False)
    now: datetime
    config_dir: Path


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
    import pipeline.sources.file  # noqa: F401  (registers itself)
