"""Themes: every opinion filed under a theme of its product's kind (stability, price, food...).

A product has a ``kind`` (app, game, device, restaurant, hotel, other); each kind has a
taxonomy, a YAML file in ``pipeline/nlp/taxonomies/``: its themes, each with a key, a label, a
one-line description, the aspect terms and synonyms that belong to it, and cue words that carry
it when no aspect term is named. A product's configuration may add themes and terms.

How an opinion is filed (:meth:`Taxonomy.file`):

1. its aspect key is put in the kind's words (the kind's synonyms: an app's "menu" is its
   ``ui``, a restaurant's "menu" stays the menu);
2. the key, else its head noun, else another of its words, is a term of a theme: that theme;
3. the product as a whole ("overall") in a sentence with a theme's cue words ("it keeps
   crashing", "we waited forty minutes") is an opinion on that theme: its aspect key becomes
   the theme and its aspect span the cue words;
4. any other aspect with cue words beside it takes their theme ("the update keeps crashing");
5. else ``overall`` stays ``overall`` and the rest is ``other``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any, cast

import yaml

from pipeline.errors import ConfigError
from pipeline.nlp.aspects import OVERALL
from pipeline.records import Opinion, Polarity

#: Product kinds, each with a taxonomy file of its name.
KINDS: tuple[str, ...] = ("app", "game", "device", "restaurant", "hotel", "other")
DEFAULT_KIND = "other"
#: The theme of what fits no theme of the kind.
OTHER = "other"
#: A theme key, as in the taxonomies and a product's ``themes:``.
THEME_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
#: An entry of a phrase index: the phrase's words first, then what it stands for.
PhraseEntry = tuple[Any, ...]
#: The words of a cue or event phrase: as _WORD, and ``*`` for any words.
_PHRASE_WORD = re.compile(r"\*|[$€£]|[a-z0-9]+(?:'[a-z]+)?")
OPINION_WINS = True
#: How sure an opinion made from a complaint or praise event is (the rules' are 0.5 to 1).
EVENT_CONFIDENCE = 0.6
#: Words a ``*`` in an event phrase stands for, at most ("waited * minutes": "waited forty
#: minutes", "waited over forty minutes").
WILDCARD_WORDS = 3
#: Words that undo an event said after them ("we never waited long").
_NEGATIONS = frozenset("not never no didn't don't doesn't wasn't weren't isn't hardly".split())
#: The words of a sentence, as cue words are matched: lower-case letters and digits, with an
#: inner apostrophe ("can't"), and currency signs alone ("$20" is "$" and "20").
_WORD = re.compile(r"[$€£]|[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Theme:
    """One theme of a kind: what a product team files opinions under."""

    key: str
    label: str
    description: str
    terms: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    #: Events that are a complaint or praise of the theme with no opinion word ("waited *
    #: minutes", "melted in my mouth"); ``*`` stands for one to three words.
    complaints: tuple[str, ...] = ()
    praise: tuple[str, ...] = ()
    #: Whether an opinion said in this theme's cue words is filed here, whatever its aspect
    #: ("the bathroom was filthy": cleanliness, not the room).
    overrides: bool = False


@dataclass(frozen=True)
class Cue:
    """Where cue words of a theme were found in a text (character offsets)."""

    theme: str
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    """A complaint or praise of a theme said without an opinion word, found in a text."""

    theme: str
    polarity: Polarity
    start: int
    end: int


@dataclass(frozen=True)
class Taxonomy:
    """The themes of one product kind, with the terms and cue words that file opinions."""

    kind: str
    themes: tuple[Theme, ...]
    #: Aspect key as written -> the key it is counted under, within this kind.
    synonyms: Mapping[str, str] = field(default_factory=dict)
    #: Terms a product's configuration gave, each with its theme: these win over the kind's.
    added: tuple[tuple[str, str], ...] = ()
    _terms: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _cues: dict[str, list[tuple[tuple[str, ...], str]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _events: dict[str, list[tuple[tuple[str, ...], str, Polarity]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _overriding: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def __post_init__(self) -> None:
        for theme in self.themes:
            for term in theme.terms:
                self._terms.setdefault(term, theme.key)
            # A term named in a sentence carries its theme like a cue ("the waiter poured
            # water on my hand": service).
            for phrases, is_term in ((theme.cues, False), (theme.terms, True)):
                for phrase in phrases:
                    for words in _cue_forms(phrase, last=is_term):
                        self._cues.setdefault(words[0], []).append((words, theme.key))
            for phrases, polarity in ((theme.complaints, "con"), (theme.praise, "pro")):
                for phrase in phrases:
                    for words in _cue_forms(phrase):
                        entry = (words, theme.key, cast(Polarity, polarity))
                        self._events.setdefault(words[0], []).append(entry)
        self._terms.update(self.added)
        object.__setattr__(
            self, "_overriding", frozenset(t.key for t in self.themes if t.overrides)
        )
        for entries in self._cues.values():
            entries.sort(key=lambda entry: -len(entry[0]))  # the longest cue first
        for events in self._events.values():
            events.sort(key=lambda entry: -len(entry[0]))

    @property
    def keys(self) -> tuple[str, ...]:
        """Every theme key an opinion of this kind can carry, ``overall`` and ``other`` last."""
        return (*(t.key for t in self.themes), OVERALL, OTHER)

    def theme(self, key: str) -> Theme | None:
        return next((t for t in self.themes if t.key == key), None)

    def aspect(self, key: str) -> str:
        """The aspect key in this kind's words: its synonym, if it has one."""
        return self.synonyms.get(key, key)

    def theme_of_aspect(self, key: str) -> str | None:
        """The theme an aspect key is a term of: the whole key, else its head (last) word,
        else another of its words from the last; None when no theme has it."""
        if key in self._terms:
            return self._terms[key]
        words = key.split()
        for word in reversed(words):
            if word in self._terms:
                return self._terms[word]
            if word in self.synonyms and self.synonyms[word] in self._terms:
                return self._terms[self.synonyms[word]]
        return None

    def cues(self, text: str, start: int = 0, end: int | None = None) -> list[Cue]:
        """Every cue found in ``text[start:end]``, in order, the longest where two overlap."""
        return [
            Cue(theme, first, last)
            for (_, theme), first, last, _ in _phrases(self._cues, text, start, end)
        ]

    def events(self, text: str) -> list[Event]:
        """The complaints and praise said without an opinion word in ``text``, in order; one
        after a negation ("we never waited long") is not one."""
        return [
            Event(theme, polarity, first, last)
            for (_, theme, polarity), first, last, before in _phrases(self._events, text)
            if not _NEGATIONS.intersection(before)
        ]

    def file_all(self, opinions: Iterable[Opinion], text: str) -> list[Opinion]:
        """Every opinion of ``text`` filed (:meth:`file`), then the opinions its events give
        (:meth:`implied`)."""
        filed = [self.file(o, text) for o in opinions]
        return [*filed, *self.implied(text, filed)]

    def implied(self, text: str, found: Sequence[Opinion]) -> list[Opinion]:
        """An opinion on a theme for each complaint or praise said without an opinion word
        ("we waited forty minutes for a table": a con on service, its aspect and opinion the
        event's words), unless ``found`` has heard it already: an opinion of its sentence on
        the same theme, or one whose words it overlaps."""
        implied: list[Opinion] = []
        for event in self.events(text):
            if any(_heard(o, event) for o in (*found, *implied)):
                continue
            start, end = _sentence_around(text, event.start, event.end)
            words = text[event.start : event.end]
            implied.append(
                Opinion(
                    aspect=self.aspect(theme_aspect(event.theme)),
                    aspect_text=words,
                    aspect_start=event.start,
                    aspect_end=event.end,
                    polarity=event.polarity,
                    opinion_text=words,
                    opinion_start=event.start,
                    opinion_end=event.end,
                    negated=False,
                    confidence=EVENT_CONFIDENCE,
                    sentence_start=start,
                    sentence_end=end,
                    theme=event.theme,
                )
            )
        return implied

    def file(self, opinion: Opinion, text: str) -> Opinion:
        """The opinion with its aspect in this kind's words and its theme set (see the module
        docstring); ``text`` is what its spans point into."""
        key = self.aspect(opinion.aspect)
        theme = OVERALL if key == OVERALL else self.theme_of_aspect(key)
        if theme not in (None, OVERALL) and self._overriding:
            # "The bathroom was filthy" is about cleanliness, "the room was overpriced" price.
            said = self.cues(text, opinion.opinion_start, opinion.opinion_end)
            theme = next((c.theme for c in said if c.theme in self._overriding), theme)
        if theme is None or theme == OVERALL:
            cue = self._nearest_cue(opinion, text)
            if cue is not None and key == OVERALL:
                return replace(
                    opinion,
                    aspect=self.aspect(theme_aspect(cue.theme)),
                    aspect_text=text[cue.start : cue.end],
                    aspect_start=cue.start,
                    aspect_end=cue.end,
                    theme=cue.theme,
                )
            if cue is not None:
                theme = cue.theme
        return replace(opinion, aspect=key, theme=theme or OTHER)

    def _nearest_cue(self, opinion: Opinion, text: str) -> Cue | None:
        """The cue closest to the opinion's words in its sentence; one inside them first."""
        found = self.cues(text, opinion.sentence_start, opinion.sentence_end)
        if not found:
            return None

        def distance(cue: Cue) -> int:
            if cue.end > opinion.opinion_start and cue.start < opinion.opinion_end:
                return 0
            return min(abs(cue.start - opinion.opinion_end), abs(opinion.opinion_start - cue.end))

        return min(found, key=distance)

    def extended(self, themes: Iterable[Mapping[str, Any]]) -> Taxonomy:
        """This taxonomy with a product's own ``themes:`` added: a known key gains the terms
        and cues given, a new key is a new theme."""
        themes = list(themes)
        extra = {t["key"]: t for t in themes}
        merged = []
        for theme in self.themes:
            more = extra.pop(theme.key, None)
            if more is None:
                merged.append(theme)
                continue
            merged.append(
                replace(
                    theme,
                    label=more.get("label") or theme.label,
                    description=more.get("description") or theme.description,
                    terms=(*theme.terms, *_terms(more.get("terms", ()))),
                    cues=(*theme.cues, *more.get("cues", ())),
                    complaints=(*theme.complaints, *more.get("complaints", ())),
                    praise=(*theme.praise, *more.get("praise", ())),
                )
            )
        for key, more in extra.items():
            merged.append(
                Theme(
                    key=key,
                    label=more.get("label") or key.replace("_", " ").capitalize(),
                    description=more.get("description") or "",
                    terms=tuple(_terms(more.get("terms", ()))),
                    cues=tuple(more.get("cues", ())),
                    complaints=tuple(more.get("complaints", ())),
                    praise=tuple(more.get("praise", ())),
                )
            )
        added = tuple(
            (term, key)
            for key, more in ((t["key"], t) for t in themes)
            for term in _terms(more.get("terms", ()))
        )
        return Taxonomy(self.kind, tuple(merged), self.synonyms, (*self.added, *added))


def theme_aspect(key: str) -> str:
    """The aspect key of an opinion on a theme that names no aspect: the theme's key in words
    ("build_quality" is "build quality", so it counts with the term)."""
    return key.replace("_", " ")


def _heard(opinion: Opinion, event: Event) -> bool:
    """Whether an opinion already says what an event says."""
    if not opinion.sentence_start <= event.start < opinion.sentence_end:
        return False
    if opinion.theme == event.theme:
        return True
    return any(
        start < event.end and event.start < end
        for start, end in (
            (opinion.aspect_start, opinion.aspect_end),
            (opinion.opinion_start, opinion.opinion_end),
        )
    )


def _phrases(
    index: Mapping[str, Sequence[PhraseEntry]], text: str, start: int = 0, end: int | None = None
) -> Iterator[tuple[PhraseEntry, int, int, list[str]]]:
    """The phrases of ``index`` (by first word; each entry's words first, the longest first)
    found in ``text[start:end]``, in order, none overlapping: each entry with the character
    offsets it spans and the three words before it."""
    stop = len(text) if end is None else end
    found = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text.lower(), start, stop)]
    words = [w for w, _, _ in found]
    i = 0
    while i < len(words):
        for entry in index.get(words[i], ()):
            after = _match(words, i, entry[0])
            if after is not None:
                yield entry, found[i][1], found[after - 1][2], words[max(0, i - 3) : i]
                i = after
                break
        else:
            i += 1


def _match(words: Sequence[str], i: int, pattern: tuple[str, ...]) -> int | None:
    """Where ``pattern`` matched from ``words[i]`` ends (exclusive), or None; ``*`` is one to
    three words."""
    if not pattern:
        return i
    if pattern[0] == "*":
        for skip in range(1, WILDCARD_WORDS + 1):
            if i + skip <= len(words) and (end := _match(words, i + skip, pattern[1:])):
                return end
        return None
    if i < len(words) and words[i] == pattern[0]:
        return _match(words, i + 1, pattern[1:])
    return None


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` holding ``start:end``: from after the last sentence end or
    line break before it to the next one after it (its mark included), spaces trimmed."""
    before = max(text.rfind(mark, 0, start) for mark in ".!?\n")
    first = before + 1
    ends = [i for mark in ".!?\n" if (i := text.find(mark, end)) >= 0]
    last = min(ends) + 1 if ends else len(text)
    while first < start and text[first].isspace():
        first += 1
    while last > end and text[last - 1].isspace():
        last -= 1
    return first, last


def _terms(terms: Iterable[str]) -> Iterator[str]:
    for term in terms:
        yield " ".join(term.lower().split())


def _cue_forms(cue: str, last: bool = False) -> set[tuple[str, ...]]:
    """The cue's words, and the same with the first word inflected: "crash" is also "crashes",
    "crashed", "crashing"; "log in" also "logged in". A term is inflected on its ``last``
    word instead ("wait staff", "fried rices")."""
    words = tuple(m.group() for m in _PHRASE_WORD.finditer(cue.lower()))
    if not words or words[0] == "*":
        return set()
    if last:
        return {(*words[:-1], form) for form in _inflections(words[-1])}
    first, rest = words[0], words[1:]
    return {(form, *rest) for form in _inflections(first)}


def _inflections(word: str) -> set[str]:
    """A word with the endings of English nouns and verbs, generously: a form that is not a
    word is never met, so it costs nothing."""
    forms = {word}
    if not word.isalpha() or len(word) < 3:
        return forms
    forms |= {word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y") and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # "stopped", "logging"
    return forms


def read_taxonomy(kind: str, document: Mapping[str, Any], where: str) -> Taxonomy:
    """A taxonomy from its YAML document; ConfigError naming ``where`` when it is malformed."""
    if not isinstance(document, Mapping) or not isinstance(document.get("themes"), list):
        raise ConfigError(f"{where}: expected a mapping with a 'themes' list")
    themes: list[Theme] = []
    synonyms: dict[str, str] = {}
    for index, entry in enumerate(document["themes"]):
        if not isinstance(entry, Mapping):
            raise ConfigError(f"{where}: themes[{index}] is not a mapping")
        problem = theme_problem(entry)
        if problem:
            raise ConfigError(f"{where}: themes[{index}]: {problem}")
        for written, key in (entry.get("synonyms") or {}).items():
            synonyms[" ".join(str(written).lower().split())] = str(key)
        themes.append(
            Theme(
                key=entry["key"],
                label=entry["label"],
                description=entry.get("description", ""),
                terms=tuple(_terms([*entry.get("terms", ()), *(entry.get("synonyms") or {})])),
                cues=tuple(entry.get("cues", ())),
                complaints=tuple(entry.get("complaints", ())),
                praise=tuple(entry.get("praise", ())),
                overrides=bool(entry.get("overrides", False)),
            )
        )
    keys = [t.key for t in themes]
    if len(set(keys)) != len(keys) or {OVERALL, OTHER} & set(keys):
        raise ConfigError(f"{where}: theme keys must be distinct and not 'overall' or 'other'")
    return Taxonomy(kind, tuple(themes), synonyms)


def theme_problem(entry: Mapping[str, Any], label_required: bool = True) -> str | None:
    """What is wrong with one theme entry, or None."""
    key = entry.get("key")
    if not isinstance(key, str) or not THEME_KEY.match(key):
        return f"'key' {key!r} is not a theme key (lower-case letters, digits and '_')"
    if key in (OVERALL, OTHER):
        return f"'key' {key!r} is reserved"
    if label_required and not isinstance(entry.get("label"), str):
        return f"theme {key!r} has no 'label'"
    for name in ("terms", "cues", "complaints", "praise"):
        values = entry.get(name, [])
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            return f"theme {key!r}: '{name}' must be a list of words"
    synonyms = entry.get("synonyms", {})
    if not isinstance(synonyms, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in synonyms.items()
    ):
        return f"theme {key!r}: 'synonyms' must map words to aspect keys"
    return None


@cache
def taxonomy(kind: str = DEFAULT_KIND) -> Taxonomy:
    """The packaged taxonomy of a kind."""
    if kind not in KINDS:
        raise ConfigError(f"unknown product kind {kind!r}; expected one of {', '.join(KINDS)}")
    name = f"{kind}.yaml"
    text = resources.files("pipeline.nlp").joinpath("taxonomies", name).read_text("utf-8")
    return read_taxonomy(kind, yaml.safe_load(text), f"taxonomies/{name}")


def product_taxonomy(kind: str, themes: Sequence[Mapping[str, Any]] = ()) -> Taxonomy:
    """A product's taxonomy: its kind's, with the product's own themes and terms added."""
    base = taxonomy(kind)
    return base.extended(themes) if themes else base
