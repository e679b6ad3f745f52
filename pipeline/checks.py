"""Data-quality checks run after loading: each is a SQL count that must be zero."""

from __future__ import annotations

from pipeline.errors import PipelineError
from pipeline.store import connect
from pipeline.store.queries import query

CHECKS = {
    "check_orphan_opinions": "opinions without their post",
    "check_spans_outside_text": "opinion spans outside the text or not matching it",
    "check_invalid_polarity": "opinions with a polarity other than pro or con",
    "check_duplicate_posts": "posts stored twice under one (source, external_id)",
}


class QualityError(PipelineError):
    """A data-quality check found rows that break an invariant."""


def run_checks(url: str) -> dict[str, int]:
    """Run every check; raise QualityError naming each failed one with its count."""
    found: dict[str, int] = {}
    with connect(url) as connection, connection.cursor() as cursor:
        for name in CHECKS:
            cursor.execute(query(name))
            (count,) = cursor.fetchone()
            found[name] = int(count)
    failed = [f"{count} {CHECKS[name]}" for name, count in found.items() if count]
    if failed:
        raise QualityError("data-quality checks failed: " + "; ".join(failed))
    return found
