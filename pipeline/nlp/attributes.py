"""The English pipelines' attribute ruler, applied by table lookup instead of token matching.

The ``attribute_ruler`` of ``en_core_web_sm`` (and the larger English pipelines) sets each
token's coarse part of speech and morphology from its fine tag, with a few hundred exceptions
by word and relation. spaCy applies it with a token ``Matcher`` and sets every match's
attributes one token at a time: about a fifth of the whole parse of a short post. Nearly all
of its patterns are one token whose tag, lower-cased form, relation or spacing equal given
values, so :class:`KeyedAttributeRuler` looks those up in tables keyed by the token's values,
and keeps spaCy's matcher only for the rest (several tokens, ``NOT_IN``, ``REGEX``). What it
sets is exactly what spaCy's ruler sets: every matching pattern applied in the order the
patterns were added, a later one winning; ``tests/unit/test_nlp_attributes.py`` compares the
two on every token of several corpora.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import product
from typing import Any

from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc

#: What a keyed pattern may test, and the attributes patterns may set, in the doc's arrays.
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
_SET = {"POS": POS, "MORPH": MORPH, "LEMMA": LEMMA, "TAG": TAG, "DEP": DEP}


class KeyedAttributeRuler:
    """Applies the patterns of a spaCy ``AttributeRuler`` (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "attribute_ruler") -> None:
        self.name = name
        self.vocab = nlp.vocab
        # (tested attribute names) -> {their values: [(pattern order, settings)]}
        self.tables: dict[tuple[str, ...], dict[tuple[Any, ...], list[tuple[int, Any]]]] = {}
        self.matcher = Matcher(nlp.vocab, validate=False)
        # pattern order -> (index of the token set in the match, settings)
        self.matched: dict[int, tuple[int, list[tuple[int, int]]]] = {}
        self.columns: list[int | str] = []
        self.position: dict[int, int] = {}  # attribute -> its column in ``columns``

    @classmethod
    def replacing(cls, nlp: Language, name: str = "attribute_ruler") -> KeyedAttributeRuler:
        """Put a keyed ruler in place of the pipeline's ``name`` (an ``AttributeRuler``)."""
        ruler = nlp.get_pipe(name)
        keyed: KeyedAttributeRuler = nlp.add_pipe(  # type: ignore[assignment]
            "keyed_attribute_ruler", name=f"{name}_keyed", after=name
        )
        keyed.add_patterns(ruler.patterns)  # type: ignore[attr-defined]
        nlp.remove_pipe(name)
        nlp.rename_pipe(f"{name}_keyed", name)
        keyed.name = name
        return keyed

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        columns: set[int] = set()
        for order, entry in enumerate(patterns):
            settings = [
                (_SET[key], self._value(key, value)) for key, value in entry["attrs"].items()
            ]
            columns.update(attr for attr, _ in settings)
            index = int(entry.get("index", 0))
            for pattern in entry["patterns"]:
                keys = _keys(pattern) if len(pattern) == 1 and index in (0, -1) else None
                if keys is None:  # spaCy's matcher, for this pattern alone
                    self.matcher.add(str(order), [pattern])
                    self.matched[order] = (index, settings)
                    continue
                tested, values = keys
                table = self.tables.setdefault(tested, {})
                for value in values:
                    table.setdefault(value, []).append((order, settings))
        self.columns = sorted(columns)
        self.position = {attr: n for n, attr in enumerate(sorted(columns))}

    def _value(self, key: str, value: Any) -> int:
        if key == "POS":
            return POS_IDS[value]
        if key == "MORPH":
            return int(self.vocab.morphology.add(value))
        return int(self.vocab.strings.add(value))

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        tested = doc.to_array(list(_TESTED)).tolist()
        found: list[list[tuple[int, Any]]] = [[] for _ in range(len(doc))]
        for names, table in self.tables.items():
            columns = [_TESTED.index(name) for name in names]
            for i, row in enumerate(tested):
                hits = table.get(tuple(row[c] for c in columns))
                if hits:
                    found[i].extend(hits)
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            order = int(self.vocab.strings[match_id])
            index, settings = self.matched[order]
            found[range(start, end)[index]].append((order, settings))
        values: Any = doc.to_array(self.columns)
        changed = False
        for i, hits in enumerate(found):
            if not hits:
                continue
            hits.sort(key=lambda hit: hit[0])
            for _, settings in hits:
                for attr, value in settings:
                    values[i, self.position[attr]] = value
            changed = True
        if changed:
            doc.from_array(self.columns, values)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("keyed_attribute_ruler")
def make_keyed_attribute_ruler(nlp: Language, name: str) -> KeyedAttributeRuler:
    """An empty keyed ruler; :meth:`KeyedAttributeRuler.replacing` fills it."""
    return KeyedAttributeRuler(nlp, name)


def _keys(pattern: list[dict[str, Any]]) -> tuple[tuple[str, ...], list[tuple[Any, ...]]] | None:
    """The attributes a one-token pattern tests and every tuple of values it accepts, or None
    where it tests anything else or by any other operator than IN."""
    (token,) = pattern
    names = tuple(sorted(token, key=_TESTED.index)) if set(token) <= set(_TESTED) else None
    if not names:
        return None
    choices = []
    for name in names:
        value = token[name]
        if isinstance(value, dict):
            if set(value) != {"IN"}:
                return None
            options = list(value["IN"])
        else:
            options = [value]
        if name == "IS_SPACE":
            choices.append([int(bool(v)) for v in options])
        else:
            choices.append([_hash(v) for v in options])
    return names, list(product(*choices))


def _hash(value: str) -> int:
    return int(get_string_id(value))
