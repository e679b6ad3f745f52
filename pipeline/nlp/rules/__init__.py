"""Dependency rules that find (aspect, opinion) pairs in a parsed sentence; pure functions.

``find_matches`` reads one sentence and yields ``RuleMatch``es; each rule fires only where its
trigger word or relation is present. The rules live by family: ``adjectives`` (modifiers,
copulas, predicates, the ease of an activity), ``verbs`` (opinion verbs, advice, complaint
events, how a thing works, feelings), ``phrases`` (verdict nouns, set phrases, value for
money, trouble and lack, emoji), ``shorthand`` (verbless lines read off the word order); they
share ``grammar`` (subjects, coordination, negation, degree, valence) and ``aspect`` (which
tokens are an aspect, and the phrase that names it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from pipeline.nlp import lexicon
from pipeline.nlp.rules.adjectives import (
    _activity,
    _adjectival,
    _copular,
    _implied,
    _misread_predicate,
)
from pipeline.nlp.rules.aspect import (
    _COPULA_DEPS,
    _of_object,
    aspect_phrase,
    aspect_tokens,
    is_aspect,
)
from pipeline.nlp.rules.grammar import RuleMatch
from pipeline.nlp.rules.phrases import (
    _IDIOM_HEADS,
    _QUEUES,
    _against_average,
    _emoji,
    _for_the_price,
    _for_you,
    _idiom,
    _judging_noun,
    _lack,
    _likewise,
    _one_of_the,
    _out_of_this_world,
    _plenty,
    _queue,
    _to_die_for,
    _trouble_noun,
    _verdict,
    _which_is,
    _worth,
)
from pipeline.nlp.rules.shorthand import _shorthand
from pipeline.nlp.rules.verbs import (
    _REPAIRS,
    _adverbial,
    _advice,
    _complaint_event,
    _experiencer,
    _lasting,
    _opinion_verb,
    _repaired,
    _stimulus_verb,
    _to_be_desired,
    _unbeatable,
    _verb_idiom,
)


def find_matches(sentence: Span) -> Iterator[RuleMatch]:
    """All rule matches in a sentence that is not a question, quote, conditional or hearsay."""
    used: set[int] = set()
    priced: set[int] = set()
    adjectives: list[Token] = []
    linked: list[Token] = []
    copular: list[RuleMatch] = []
    measured = "for" in sentence.text.lower()  # "great for the price": read only where it can be
    for match in _matches(sentence, adjectives, linked):
        used.add(match.opinion.i)
        inner = _of_object(match.aspect)
        yield match if inner is None else replace(match, aspect=inner)
        if match.rule == "copula":
            copular.append(match)
        for price in _for_the_price(match) if measured else ():
            if price.i not in priced:
                priced.add(price.i)
                yield replace(match, aspect=price)
    if copular and linked:
        yield from _likewise(linked, copular)
    yield from _shorthand(sentence, [a for a in adjectives if a.i not in used])


def _matches(sentence: Span, adjectives: list[Token], linked: list[Token]) -> Iterator[RuleMatch]:
    """The dependency rules' matches; ``adjectives`` collects the words shorthand may read,
    ``linked`` the clauses of "be" that _likewise may read ("as is the pasta")."""
    # Each attribute read goes through spaCy's string store: read once per token, and call a
    # rule only where its trigger word or relation is present (most tokens trigger none).
    for token in sentence:
        pos, dep, lower = token.pos_, token.dep_, token.lower_
        lemma = token.lemma_.lower()
        if pos == "ADJ" or (pos in _MISTAGGED and lower in lexicon.adjectives_only()):
            adjectives.append(token)
            if lemma in lexicon.EASE_ADJECTIVES:
                yield from _activity(token)
        if pos in _FEELING and lower in lexicon.IMPLIED_ASPECTS:
            yield from _implied(token)  # "Good but overpriced" (a verb to the tagger)
        if pos in _MODIFIED:
            if dep in {"amod", "compound"}:
                yield from _adjectival(token)
            if (
                dep in _COPULA_DEPS
                or pos == "ADJ"
                or token.tag_ in {"VBN", "VBG"}
                or (dep == "ccomp" and pos == "ADV")  # "found the food exceptional"
                or (dep == "advmod" and pos == "ADV" and _misread_predicate(token))
            ):
                yield from _copular(token)
        if pos in _VERBAL:
            if lemma in lexicon.OPINION_VERBS:
                yield from _opinion_verb(token)
            if lemma in _EVENT_LEMMAS:
                yield from _complaint_event(token)
            if lemma in lexicon.STIMULUS_VERBS:
                yield from _stimulus_verb(token)
            if lemma in lexicon.ADVICE_VERBS and token.tag_ == "VB":
                yield from _advice(token)
            if lemma == "last" and pos == "VERB":
                yield from _lasting(token)
            if lemma in _REPAIRS and token.tag_ in {"VBN", "VB"}:
                yield from _repaired(token)
            if lemma == "beat" and pos == "VERB":
                yield from _unbeatable(token)
            if lemma == "leave" and pos == "VERB":
                yield from _to_be_desired(token)
            if lemma == "die" and pos == "VERB":
                yield from _to_die_for(token)
            if lemma in _IDIOM_VERBS and pos == "VERB":
                yield from _verb_idiom(token)
        if lemma == "be" and dep in {"advcl", "conj"}:
            linked.append(token)
        if pos in _FEELING and lower in lexicon.EXPERIENCER_ADJECTIVES:
            yield from _experiencer(token)
        if dep == "attr" and pos in {"NOUN", "PROPN"}:
            yield from _verdict(token)
            yield from _which_is(token)
            yield from _for_you(token)
        elif (dep, lemma) in {("attr", "one"), ("prep", "among")}:
            yield from _one_of_the(token)
        if pos == "NOUN" and lemma in _IDIOM_HEADS:
            yield from _idiom(token)
        elif pos == "NOUN" and lemma == "plenty":
            yield from _plenty(token)
        elif pos == "NOUN" and lemma == "world":
            yield from _out_of_this_world(token)
        if dep == "attr" and lemma in _QUEUES:
            yield from _queue(token)
        if dep in {"pobj", "amod"} and lemma in {"average", "par"} and token.head.pos_ == "ADP":
            yield from _against_average(token)
        if pos == "NOUN" and lemma in lexicon.TROUBLE_NOUNS:
            yield from _trouble_noun(token)
        elif pos == "NOUN" and lemma in lexicon.JUDGING_NOUNS:
            yield from _judging_noun(token)
        if pos in _LACKING and lemma in lexicon.LACK_WORDS:
            yield from _lack(token)
        elif pos == "ADV" and dep == "advmod":
            yield from _adverbial(token)
        if lower == "worth":
            yield from _worth(token)
        if lower in lexicon.EMOJI:
            yield from _emoji(token)


_MODIFIED = frozenset({"ADJ", "NOUN", "VERB", "PROPN", "ADV"})


_VERBAL = frozenset({"VERB", "AUX", "NOUN", "ADP"})


_FEELING = frozenset({"ADJ", "VERB"})


_MISTAGGED = frozenset({"NOUN", "PROPN", "VERB"})


_LACKING = frozenset({"VERB", "NOUN"})


#: Verbs of the set phrases _verb_idiom reads ("takes forever", "hit the spot").
_IDIOM_VERBS = frozenset(verb for verb, _ in lexicon.VERB_IDIOMS)


#: Lemmas _complaint_event looks at: complaints, working verbs, and phrasal complaints' verbs.
_EVENT_LEMMAS = (
    lexicon.COMPLAINT_VERBS
    | lexicon.WORKING_VERBS
    | frozenset(verb for verb, _ in lexicon.COMPLAINT_PHRASES)
)


__all__ = ["RuleMatch", "aspect_phrase", "aspect_tokens", "find_matches", "is_aspect"]
