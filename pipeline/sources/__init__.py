"""Sources: one module per API, selected by ``type`` in the configuration."""

from __future__ import annotations

from pipeline.sources.base import Page, Source, SourceContext, source_for

__all__ = ["Page", "Source", "SourceContext", "source_for"]
