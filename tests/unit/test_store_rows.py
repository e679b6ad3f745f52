"""The opinion row the writer copies (and benchmark 4 copies bare) fills every column."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.records import Opinion
from pipeline.store.writes import OPINION_COLUMNS, ExtractionResult, opinion_row


def test_opinion_row__has_a_value_for_every_column_and_files_a_theme() -> None:
    opinion = Opinion("battery", "battery", 4, 11, "con", "awful", 15, 20, False, 0.8, 0, 21)
    result = ExtractionResult(7, "digest", datetime(2026, 1, 1, tzinfo=UTC), [])
    row = dict(
        zip(OPINION_COLUMNS, opinion_row(result, "p", "text", opinion, "0.17.0"), strict=True)
    )
    assert row["post_id"] == 7 and row["extractor_version"] == "0.17.0"
    assert row["theme"] == "other"  # no theme filed: not the whole, so `other`
