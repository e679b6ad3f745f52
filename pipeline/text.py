"""Cleaning: HTML and Markdown to plain text, entities, NUL bytes, whitespace, language."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any, Literal

from markdown_it import MarkdownIt

Markup = Literal["plain", "markdown", "html"]

#: A post must be at least this sure of a language other than English to be skipped.
LANGUAGE_CONFIDENCE = 0.8

_BLOCK_TAGS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 pre table tr blockquote section article hr".split()
)
_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
#: Control characters (C0 but tab and line breaks, C1: U+009B starts a terminal escape),
#: zero-width characters, and the bidirectional overrides and isolates (U+202A–U+202E,
#: U+2066–U+2069), which would reorder what a report or terminal shows.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
#: Lone surrogates: not text, and not encodable as UTF-8.
SURROGATES = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment, keeping paragraphs and quoted blocks apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.quote_depth = 0
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skip_depth += 1
        elif tag == "br":
            self._newline()
        elif tag in _BLOCK_TAGS:
            self._newline()
            if tag == "blockquote":
                self.quote_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            if tag == "blockquote":
                self.quote_depth = max(0, self.quote_depth - 1)
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.quote_depth:
            # Quoted lines are someone else's words: keep the marker so extraction can skip them.
            lines = data.split("\n")
            data = "\n".join(f"> {line}" if line.strip() else line for line in lines)
            if self.parts and not self.parts[-1].endswith("\n") and data.startswith("> "):
                data = data[2:]
        self.parts.append(data)

    def _newline(self) -> None:
        self.parts.append("\n")

    def text(self) -> str:
        return "".join(self.parts)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: tags dropped, scripts removed, entities decoded."""
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    return parser.text()


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


def markdown_to_text(source: str) -> str:
    """Plain text of Markdown: emphasis, links and headings reduced to their words."""
    return html_to_text(_markdown().render(source))


def clean_text(raw: str | None, markup: Markup = "plain") -> str:
    """Normalise text for storage and extraction.

    Removes NUL and other control characters, lone surrogates and zero-width characters,
    turns HTML or Markdown into plain text, decodes entities and tidies whitespace while
    keeping paragraph breaks. The result is what opinion spans index into.
    """
    if not raw:
        return ""
    text = SURROGATES.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    if markup == "markdown":
        text = markdown_to_text(text)
    elif markup == "html":
        text = html_to_text(text)
    else:
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or too unsure to tell."""
    sample = text[:2000]  # what is classified; enough to tell, and cheap for a 5 MB post
    if sum(ch.isalpha() for ch in sample) < 12:
        return None
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= LANGUAGE_CONFIDENCE else None


def http_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) link a reader may open, else None: a record's
    ``javascript:`` or ``data:`` URL (any case, any leading space) is never rendered as a link.
    The characters that would end a link in HTML or Slack markup (``<``, ``>``, ``|``, ``"``,
    spaces) are percent-encoded."""
    if not url:
        return None
    candidate = url.strip()
    if not candidate.lower().startswith(("http://", "https://")):
        return None
    return "".join(_URL_ESCAPES.get(ch, ch) for ch in candidate if ch.isprintable())


_URL_ESCAPES = {ch: f"%{ord(ch):02X}" for ch in '<>|" `'}


def language_code(label: str | None) -> str | None:
    """An ISO 639-1 code from a language label as exports write it: "EN", "en-US" and "en_GB"
    are "en"."""
    if not label or not label.strip():
        return None
    return re.split(r"[-_]", label.strip(), maxsplit=1)[0].lower() or None
