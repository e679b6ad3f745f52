"""Frozen records that move between stages: Post, Opinion, and the counts of a run."""

from __future__ import annotations

import hashlib
import math
import operator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

PostKind = Literal["post", "comment", "review"]
Polarity = Literal["pro", "con"]
POST_KINDS: tuple[str, ...] = ("post", "comment", "review")


@dataclass(frozen=True, slots=True)
class Post:
    """One item from a source, normalised: plain text, UTC time, author as a pseudonym."""

    source: str
    external_id: str
    kind: PostKind
    created_at: datetime
    text: str
    title: str | None = None
    parent_external_id: str | None = None
    url: str | None = None
    author: str | None = None
    rating: float | None = None
    rating_raw: str | None = None
    score: int | None = None
    language: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False)
    deleted: bool = False
    #: The app version a review was written for, and its store country (the App Store's).
    app_version: str | None = None
    country: str | None = None

    @property
    def content_hash(self) -> str:
        """Hash of what extraction reads, so a changed title or text is re-extracted."""
        digest = hashlib.sha256()
        digest.update((self.title or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
        digest.update(self.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()


#: The deepest nesting a post's raw JSON may have: deeper records are rejected, never stored
#: (storing walks the value, and PostgreSQL's own parser has a stack limit).
MAX_JSON_DEPTH = 100
#: ``score`` is a 32-bit integer column.
SCORE_RANGE = range(-(2**31), 2**31)
#: How far ahead of now a post's time may be (clocks and time zones differ); later is a wrong
#: date ("2099-01-01"), which would sit at the top of every "newest" list for ever.
FUTURE_TOLERANCE = timedelta(days=1)


def post_problem(post: Post) -> str | None:
    """Why a post cannot be stored as it is, or None.

    A source calls this on each post it makes, so a record PostgreSQL would refuse (a score
    past 32 bits, NaN or Infinity in its JSON, JSON nested too deep) is rejected alone with
    its reason instead of failing the whole page's COPY.
    """
    if post.score is not None and post.score not in SCORE_RANGE:
        return f"'score' {post.score} is outside the 32-bit range"
    if post.rating is not None and not 0 <= post.rating <= 1:
        return f"rating {post.rating} is outside 0..1"
    if post.created_at > datetime.now(UTC) + FUTURE_TOLERANCE:
        return f"'created_at' {post.created_at.isoformat()} is in the future"
    return json_problem(post.raw)


def json_problem(value: Any) -> str | None:
    """Why ``value`` cannot be stored as JSONB, or None: NaN or Infinity, which JSON has no
    word for, and nesting deeper than MAX_JSON_DEPTH. Walks the value without recursion."""
    stack: list[tuple[Any, int, str]] = [(value, 0, "")]
    while stack:
        node, depth, path = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
        if isinstance(node, float) and not math.isfinite(node):
            return f"{node} in field {path or '(top)'!r}: JSON has no NaN or Infinity"
        if isinstance(node, dict):
            stack.extend((v, depth + 1, f"{path}.{k}" if path else str(k)) for k, v in node.items())
        elif isinstance(node, list | tuple):
            stack.extend((v, depth + 1, f"{path}[{i}]") for i, v in enumerate(node))
    return None


@dataclass(frozen=True, slots=True)
class Opinion:
    """A pro or con about one aspect, with character spans into the text it came from."""

    aspect: str
    aspect_text: str
    aspect_start: int
    aspect_end: int
    polarity: Polarity
    opinion_text: str
    opinion_start: int
    opinion_end: int
    negated: bool
    confidence: float
    sentence_start: int
    sentence_end: int
    product: str | None = None
    #: The theme of the product's kind it is filed under (pipeline.nlp.themes); None until
    #: it is filed.
    theme: str | None = None

    def shifted(self, offset: int) -> Opinion:
        """The opinion with its spans moved by ``offset`` characters."""
        if not offset:
            return self
        return replace(
            self,
            aspect_start=self.aspect_start + offset,
            aspect_end=self.aspect_end + offset,
            opinion_start=self.opinion_start + offset,
            opinion_end=self.opinion_end + offset,
            sentence_start=self.sentence_start + offset,
            sentence_end=self.sentence_end + offset,
        )

    def as_row(self) -> tuple[Any, ...]:
        """The fields in order, as a plain tuple (``Opinion(*row)`` gives the record back)."""
        return _opinion_fields(self)

    def as_json(self) -> dict[str, Any]:
        """The ``extract-text`` JSON shape (see docs/architecture.md)."""
        return {
            "aspect": self.aspect,
            "aspect_text": self.aspect_text,
            "aspect_span": [self.aspect_start, self.aspect_end],
            "polarity": self.polarity,
            "opinion_text": self.opinion_text,
            "opinion_span": [self.opinion_start, self.opinion_end],
            "negated": self.negated,
            "confidence": round(self.confidence, 3),
            "sentence_span": [self.sentence_start, self.sentence_end],
            "product": self.product,
            "theme": self.theme,
        }


#: An opinion's fields in order, read in one call (rows are built for every opinion found).
_opinion_fields = operator.attrgetter(*Opinion.__slots__)


@dataclass(frozen=True, slots=True)
class IngestCounts:
    """What one ingest of one (product, source) did."""

    product: str
    source: str
    label: str
    fetched: int = 0
    new: int = 0
    updated: int = 0
    deleted: int = 0
    rejected: int = 0
    rejected_reasons: tuple[str, ...] = ()
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass(frozen=True, slots=True)
class ExtractCounts:
    """What one extract batch did."""

    posts: int = 0
    extracted: int = 0
    skipped: int = 0
    opinions: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    #: Posts extracted in part: longer than the characters analysed per text.
    cut: int = 0
