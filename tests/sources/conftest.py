"""Helpers for source tests: a context, sources built from settings, and no real sleeping."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import PipelineConfig
from pipeline.sources import Page, Source, SourceContext, source_for
from pipeline.sources.http import HttpClient

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
KEY = b"source-test-key"


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Backoff and rate limits record their waits instead of sleeping."""
    waits: list[float] = []
    monkeypatch.setattr(HttpClient, "sleep", staticmethod(waits.append))
    return waits


def make_source(settings: dict[str, Any], now: datetime = NOW) -> Source:
    """A source from one entry of a product's ``sources`` list, as in the YAML file."""
    config = PipelineConfig.model_validate(
        {"products": [{"slug": "p", "name": "P", "sources": [settings]}]}
    )
    context = SourceContext(
        product="p", author_key=KEY, now=now, config_dir=Path("."), contact="ops@example.com"
    )
    return source_for(config.products[0].sources[0], context)


def drain(source: Source, position: dict[str, Any] | None = None) -> tuple[list[Any], Page]:
    """Every post a run yields, and its last page (which carries the new cursor)."""
    pages: Iterator[Page] = source.pages(position)
    posts, last = [], None
    for page in pages:
        posts += page.posts
        last = page
    assert last is not None
    return posts, last
