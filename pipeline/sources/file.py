"""The ``file`` source: posts exported by other tools, as JSON lines or CSV.

Each record needs ``id``, ``text`` and ``created_at`` (ISO 8601; UTC when no offset is
given). Optional: ``kind`` (post, comment, review), ``title``, ``parent_id``, ``url``,
``author``, ``rating`` with ``rating_max`` (stars, default out of 5), ``score``,
``language``, ``markup`` (markdown, html or plain; default markdown) and ``deleted``.
The ``fields`` setting maps these names to other column names.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import math
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from pipeline.config import FileSourceConfig
from pipeline.errors import SourceError
from pipeline.privacy import pseudonym
from pipeline.records import MAX_JSON_DEPTH, POST_KINDS, SCORE_RANGE, Post, PostKind, post_problem
from pipeline.sources.base import Page, Source, register
from pipeline.text import Markup, clean_text, detect_language, language_code

log = logging.getLogger(__name__)

PAGE_SIZE = 1000
#: The longest CSV cell read (the csv module's own default is 131,072 characters, too short
#: for a long review); a longer one rejects its row alone.
MAX_CSV_CELL = 16 * 1024 * 1024
DELETED_MARKERS = {"[deleted]", "[removed]"}
#: How a label is written inside a post id (migration 0005 writes the same in SQL).
_LABEL_ESCAPES = str.maketrans({"%": "%25", "/": "%2F", ":": "%3A"})


class RecordError(ValueError):
    """One record of the file cannot be used; the message says which field and why."""


@register
class FileSource(Source):
    type = "file"
    config: FileSourceConfig

    @property
    def path(self) -> Path:
        path = self.config.path
        return path if path.is_absolute() else (self.context.config_dir / path).resolve()

    def pages(self, position: dict[str, Any] | None) -> Iterator[Page]:
        path = self.path
        digest = _digest(path)
        if position and position.get("sha256") == digest:
            log.info("%s unchanged since the last run", path)
            return
        posts: list[Post] = []
        rejected: list[str] = []
        for number, record in self._records(path):
            try:
                post = self.to_post(record)
                problem = post_problem(post) if post is not None else None
            except RecordError as error:
                problem = str(error)
            if problem:
                rejected.append(f"{path.name} line {number}: {problem}")
                continue
            if post is None:
                continue
            posts.append(post)
            if len(posts) >= PAGE_SIZE:
                yield Page(posts, position={}, rejected=rejected)
                posts, rejected = [], []
        yield Page(posts, position={"sha256": digest}, rejected=rejected)

    def _records(self, path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
        """Each record with its line number; a record that cannot be read is its reason, so
        the caller rejects it alone and reads on."""
        file_format = self.config.format or ("csv" if path.suffix.lower() == ".csv" else "jsonl")
        try:
            # utf-8-sig: spreadsheet exports start with a byte-order mark, which would
            # otherwise become part of the first column's name.
            with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
                if file_format == "csv":
                    yield from _csv_records(handle)
                    return
                for number, line in enumerate(handle, start=1):
                    if line.strip():
                        yield number, _json_record(line)
        except OSError as error:
            raise SourceError(f"cannot read {path}: {error.strerror or error}") from None

    def to_post(self, record: dict[str, Any] | str) -> Post | None:
        """Normalise one record; None when it is older than ``since``."""
        if isinstance(record, str):
            raise RecordError(record)
        if not isinstance(record, dict):
            raise RecordError("expected a JSON object")
        get = self._getter(record)
        external_id = _text(get("id"), "id")
        if not external_id:
            raise RecordError("missing 'id'")
        created_at = _timestamp(get("created_at"))
        since = self.config.since
        if since is not None and created_at.date() < since:
            return None
        kind = _text(get("kind")) or "post"
        if kind not in POST_KINDS:
            raise RecordError(f"'kind' is {kind!r}; expected one of {', '.join(POST_KINDS)}")
        markup_name = _text(get("markup")) or "markdown"
        if markup_name not in {"markdown", "html", "plain"}:
            raise RecordError(f"'markup' is {markup_name!r}; expected markdown, html or plain")
        markup = cast(Markup, markup_name)
        raw_text = get("text")
        deleted = _flag(get("deleted")) or _text(raw_text, "text") in DELETED_MARKERS
        text = "" if deleted else clean_text(_text(raw_text, "text"), markup)
        title = None if deleted else (clean_text(_text(get("title"), "title"), markup) or None)
        if not deleted and raw_text is None:
            raise RecordError("missing 'text'")
        rating, rating_raw = _rating(get("rating"), get("rating_max"))
        language = language_code(_text(get("language"))) or detect_language(
            f"{title or ''} {text}".strip()
        )
        return Post(
            source=self.type,
            external_id=self.post_id(external_id),
            kind=cast(PostKind, kind),
            created_at=created_at,
            text=text,
            title=title,
            parent_external_id=(
                self.post_id(_text(get("parent_id"), "parent_id")) if get("parent_id") else None
            ),
            url=_text(get("url")) or None,
            author=pseudonym(_text(get("author")), self.type, self.context.author_key),
            rating=rating,
            rating_raw=rating_raw,
            score=_integer(get("score"), "score"),
            language=language,
            raw={} if deleted else _without_author(record, self.config.fields),
            deleted=deleted,
        )

    def post_id(self, record_id: str) -> str:
        """A record's id, unique among every file source's posts: ``product/label:id``.

        Two files of the same name under two products never share a post, nor do two
        labels and ids that join to the same text ("a:b" + "c" and "a" + "b:c"): the
        label's own ':', '/' and '%' are escaped. Reordering the configuration changes
        nothing; renaming the file (without a ``name``) starts its posts anew.
        """
        label = self.config.label.translate(_LABEL_ESCAPES)
        return f"{self.context.product}/{label}:{record_id}"

    def _getter(self, record: dict[str, Any]) -> Callable[[str], Any]:
        fields = self.config.fields

        def get(name: str) -> Any:
            value = record.get(fields.get(name, name))
            return None if value == "" else value

        return get


def _json_record(line: str) -> dict[str, Any] | str:
    """One line parsed, or why it cannot be: bad JSON, a bare NaN or Infinity (which
    PostgreSQL's JSON refuses), an integer too long to read, nesting too deep."""
    try:
        record = json.loads(line, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        return f"not valid JSON ({error.msg} at column {error.colno})"
    except ValueError as error:  # a bare constant, or an integer past Python's digit limit
        return f"not usable JSON ({error})"
    except RecursionError:
        return f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
    return record if isinstance(record, dict) else "expected a JSON object"


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"bare {name} is not JSON")


def _csv_records(handle: Any) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Each CSV row with the line it ends on; a row the reader refuses (a cell past
    MAX_CSV_CELL characters) is its reason, and reading goes on at the next row."""
    csv.field_size_limit(MAX_CSV_CELL)
    reader = csv.DictReader(handle)
    while True:
        line = reader.reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield line, f"unreadable CSV row ({error})"
            continue
        yield reader.reader.line_num, dict(row)


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except FileNotFoundError:
        raise SourceError(f"file not found: {path}") from None
    except OSError as error:
        raise SourceError(f"cannot read {path}: {error.strerror or error}") from None
    return digest.hexdigest()


def _text(value: Any, name: str | None = None) -> str:
    """A field as text; a list, object or true/false where text belongs is refused when the
    field is named (ids and text), rather than stored as Python's spelling of it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if name is not None and isinstance(value, bool | dict | list):
        kind = "true/false" if isinstance(value, bool) else type(value).__name__
        raise RecordError(f"'{name}' is a {kind}; expected text or a number")
    return str(value)


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value)


def _timestamp(value: Any) -> datetime:
    if value in (None, ""):
        raise RecordError("missing 'created_at'")
    if isinstance(value, bool | dict | list):
        raise RecordError(f"'created_at' is {_short(value)}; expected an ISO 8601 time")
    try:
        if isinstance(value, int | float):
            return datetime.fromtimestamp(value, tz=UTC)
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        raise RecordError(f"'created_at' is {_short(value)}; expected an ISO 8601 time") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _integer(value: Any, name: str) -> int | None:
    if value is None:
        return None
    try:
        number = int(value) if isinstance(value, int) else int(float(value))
    except (TypeError, ValueError, OverflowError):
        raise RecordError(f"'{name}' is {_short(value)}; expected a number") from None
    if number not in SCORE_RANGE:
        raise RecordError(f"'{name}' is {_short(value)}; expected a 32-bit integer")
    return number


def _short(value: Any) -> str:
    """A value as it appears in a reason, cut short: reasons are stored and logged."""
    shown = (
        repr(value) if not isinstance(value, int) or value.bit_length() < 64 else "a long integer"
    )
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _rating(value: Any, maximum: Any) -> tuple[float | None, str | None]:
    """Stars scaled to 0..1 (1 star is 0, the maximum is 1), and the raw value."""
    if value is None:
        return None, None
    try:
        stars = float(value)
        top = float(maximum) if maximum is not None else 5.0
    except (TypeError, ValueError, OverflowError):
        raise RecordError(f"'rating' is {_short(value)}; expected a number of stars") from None
    if not math.isfinite(top) or top <= 1 or not 1 <= stars <= top:
        raise RecordError(f"'rating' {value!r} is outside 1..{top:g}")
    return round((stars - 1) / (top - 1), 4), f"{stars:g}/{top:g}"


def _without_author(record: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    """The raw record, minus the author's name: only the pseudonym is kept."""
    author_column = fields.get("author", "author")
    return {k: v for k, v in record.items() if k != author_column}
