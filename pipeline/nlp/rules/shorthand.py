"""Verbless shorthand ("Screen great, battery awful"), read off the word order."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from pipeline.nlp import lexicon
from pipeline.nlp.rules.aspect import is_aspect
from pipeline.nlp.rules.grammar import RuleMatch, _intensity, _word_valence

#: Words that may stand between the noun and the adjective of shorthand: "portions very small".
_SHORTHAND_CUES = lexicon.INTENSIFIERS | lexicon.HEDGES | {"not", "never", "a", "too", "quite"}


_CLAUSE_JOINS = frozenset({"and", "but", "though", "although", "while"})
#: What stands between a label and its grade in a list: "Battery Life: Excellent".
_LABEL_MARKS = frozenset({":", "-", "–", "—", "="})


def _shorthand(sentence: Span, adjectives: list[Token]) -> Iterator[RuleMatch]:
    """Screen great, battery awful; the food was good and the portions very small.

    Verbless clauses, common in reviews and posts, which the parser gets wrong: read off the
    words in order. A noun phrase that starts a clause, then (after "is" or "was" and degree
    words, where the parser lost the copula) an opinion word that ends it; or a label and its
    grade ("Battery Life: Excellent, Performance: Poor"). Only for
    opinion words no dependency rule has used (``adjectives``).
    """
    doc, first, end = sentence.doc, sentence.start, sentence.end
    for token in adjectives:
        k = token.i
        if k == first:
            continue
        if k + 1 < end and not (doc[k + 1].is_punct or doc[k + 1].lower_ in _CLAUSE_JOINS):
            continue
        j = k - 1
        while j > first and doc[j].lower_ in _SHORTHAND_CUES:
            j -= 1
        if j > first and doc[j].text in _LABEL_MARKS:
            j -= 1  # "Battery Life: Excellent", "Performance - poor"
        elif j > first and doc[j].lemma_ == "be" and doc[j].tag_ != "VBG":
            j -= 1  # "The food is awesome - ...", which the parser hung on the next verb
        noun = doc[j]
        if noun.pos_ not in {"NOUN", "PROPN"} or not is_aspect(noun):
            continue
        start = j
        while start > first and doc[start - 1].pos_ in {"NOUN", "PROPN", "DET"}:
            start -= 1
        if start > first and doc[start - 1].lower_ in {"my", "your", "its", "their", "our"}:
            start -= 1
        before = doc[start - 1] if start > first else None
        if before is not None and not (before.is_punct or before.lower_ in _CLAUSE_JOINS):
            continue
        value = _word_valence(token, noun)
        if value:
            cues = {t.lower_ for t in doc[j + 1 : k]}
            negated = bool(cues & {"not", "never"})
            yield RuleMatch("shorthand", noun, token, value, negated, _intensity(token))
