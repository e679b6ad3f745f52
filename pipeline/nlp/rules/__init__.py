"""Dependency rules that find (aspect, opinion) pairs in a parsed sentence; pure functions.

``find_matches`` reads one sentence and yields ``RuleMatch``es; each rule fires only where its
trigger word or relation is present. The rules live by family: ``adjectives`` (modifiers,
copulas, predicates, the ease of an activity), ``verbs`` (opinion verbs, advice, complaint
events, how a thing works, feelings), ``phrases`` (verdict nouns, set phrases, value for
money, trouble and lack, emoji), ``shorthand`` (what is read off the word order: verbless
lines, lines that are only a verdict, scores, set verdicts); they
share ``grammar`` (subjects, coordination, negation, degree, valence) and ``aspect`` (which
tokens are an aspect, and the phrase that names it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from pipeline.nlp import lexicon
from pipeline.nlp.rules.adjectives import (
    _activity,
    _adjectival,
    _contracted_is,
    _copular,
    _good_for,
    _implied,
    _misread_predicate,
    _short_on,
    _too_many,
)
from pipeline.nlp.rules.aspect import (
    _COPULA_DEPS,
    _of_object,
    aspect_phrase,
    aspect_tokens,
    is_aspect,
)
from pipeline.nlp.rules.grammar import _NONE_WORDS, RuleMatch
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
    _none_had,
    _one_of_the,
    _out_of_this_world,
    _plenty,
    _queue,
    _teeming,
    _to_die_for,
    _trouble_noun,
    _verdict,
    _what_was_wanted,
    _which_is,
    _wished_for,
    _worth,
)
from pipeline.nlp.rules.shorthand import (
    _compared_line,
    _ratings,
    _shorthand,
    _verdict_line,
    _verdict_phrases,
    _verdict_tail,
)
from pipeline.nlp.rules.verbs import (
    _REPAIRS,
    DECLINING,
    _adverbial,
    _advice,
    _churned,
    _cleft,
    _complaint_event,
    _could_use,
    _damaged,
    _declined,
    _experiencer,
    _gone_away,
    _lasting,
    _needs_more,
    _opinion_verb,
    _outage,
    _recommended,
    _repaired,
    _stimulus_verb,
    _to_be_desired,
    _to_perfection,
    _unbeatable,
    _verb_idiom,
    _went,
)


def find_matches(sentence: Span, text: str | None = None) -> Iterator[RuleMatch]:
    """All rule matches in a sentence that is not a question, quote, conditional or hearsay;
    ``text`` is the sentence's text where the caller has it (``Span.text`` rebuilds it)."""
    used: set[int] = set()
    priced: set[int] = set()
    adjectives: list[Token] = []
    linked: list[Token] = []
    copular: list[RuleMatch] = []
    lowered = (sentence.text if text is None else text).lower()
    measured = "for" in lowered  # "great for the price": read only where it can be
    # "the desserts are great, especially the tiramisu": read only where it can be
    singled = [] if _SINGLING.search(lowered) is None else _singled_out(sentence)
    found: list[RuleMatch] = []
    for match in _matches(sentence, adjectives, linked):
        if sentence.start <= match.aspect.i < sentence.end:
            used.add(match.opinion.i)  # not by an aspect across a line break, which is dropped
        if _freed_of(match.opinion):
            continue  # "distraction free", "bug-free": "free" judges, and is matched itself
        inner = _of_object(match.aspect)
        yield match if inner is None else replace(match, aspect=inner)
        for example in _examples(match.aspect if inner is None else inner):
            yield replace(match, aspect=example)  # "great programs like iPhoto": iPhoto too
        if singled:
            found.append(match)
        if match.rule == "copula":
            copular.append(match)
        for price in _for_the_price(match) if measured else ():
            if price.i not in priced:
                priced.add(price.i)
                yield replace(match, aspect=price)
    if copular and linked:
        yield from _likewise(linked, copular)
    for noun in singled:
        said = [m for m in found if m.opinion.i < noun.i and m.aspect.i < noun.i]
        if said:  # what the nearest opinion before says, of the one singled out
            yield replace(max(said, key=lambda m: m.opinion.i), aspect=noun)
    yield from _shorthand(sentence, [a for a in adjectives if a.i not in used])
    if not used:
        yield from _verdict_line(sentence)
        yield from _verdict_phrases(sentence)  # "Waste of money.", "Would buy again."
        yield from _compared_line(sentence)  # "Better than Fortnite."
    else:
        yield from _verdict_tail(sentence, used)  # "Laggy but fun."
    if _MAY_RATE.search(sentence.text if text is None else text):
        yield from _ratings(sentence, used)  # "10/10", "Five stars."


def _matches(sentence: Span, adjectives: list[Token], linked: list[Token]) -> Iterator[RuleMatch]:
    """The dependency rules' matches; ``adjectives`` collects the words shorthand may read,
    ``linked`` the clauses of "be" that _likewise may read ("as is the pasta")."""
    # Which rules a token starts depends only on its tags, relation, lemma and form: worked out
    # once per distinct combination (most tokens start none) instead of once per token.
    for token in sentence:
        key = (token.pos, token.dep, token.tag, token.lemma, token.lower)
        steps = _plans.get(key)
        if steps is None:
            if len(_plans) >= _PLANS_KEPT:
                _plans.clear()
            steps = _plans[key] = tuple(_plan(token))
        for step in steps:
            if step is _an_adjective:
                adjectives.append(token)
            elif step is _a_linked_clause:
                linked.append(token)
            else:
                yield from step(token)


def _examples(aspect: Token) -> list[Token]:
    """The examples given of an aspect, which share its verdict: "great programs, such as
    iLife and iPhoto", "fantastic features like the lighted keyboard", "awesome programs
    (including Garageband)"."""
    if not aspect.n_rights:
        return []  # most aspects: at once
    return [
        example
        for prep in aspect.rights
        if prep.dep_ == "prep"
        and (
            prep.lower_ == "including"
            or (prep.lower_ == "like" and aspect.tag_ in {"NNS", "NNPS"})
            or (prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.lefts))
        )
        for obj in prep.children
        if obj.dep_ == "pobj"
        for example in (obj, *obj.conjuncts)
        if is_aspect(example)
    ]


#: Adverbs that single out one of what was just judged: "great, especially the tiramisu".
_SINGLING_OUT = frozenset({"especially", "particularly", "notably", "specially"})
_SINGLING = re.compile("|".join(sorted(_SINGLING_OUT)))


def _singled_out(sentence: Span) -> list[Token]:
    """The aspects singled out after a comma: "the desserts are great, especially the
    tiramisu" (not "incredible, especially in daylight", a circumstance)."""
    doc = sentence.doc
    return [
        noun
        for adverb in sentence
        if adverb.lower_ in _SINGLING_OUT
        and adverb.dep_ == "advmod"
        and adverb.i > sentence.start
        and doc[adverb.i - 1].text in {",", "-", "--", "—", "("}
        and adverb.head.i > adverb.i
        and adverb.head.pos_ in {"NOUN", "PROPN"}
        for noun in (adverb.head, *adverb.head.conjuncts)  # "especially the mussels and fries"
        if is_aspect(noun)
    ]


#: What a rating needs somewhere in its sentence: a digit, or stars.
_MAY_RATE = re.compile(r"\d|stars?\b", re.IGNORECASE)


def _freed_of(word: Token) -> bool:
    """A word that "free" follows: "distraction free", "bug-free", "hassle-free"."""
    if word.pos_ not in {"NOUN", "PROPN"}:
        return False
    doc, i = word.doc, word.i + 1
    if i < len(doc) and doc[i].text == "-" and not word.whitespace_:
        i += 1
    return i < len(doc) and doc[i].lower_ == "free"


Step = Callable[[Token], Iterable[RuleMatch]]


def _an_adjective(token: Token) -> Iterable[RuleMatch]:
    """A step that matches nothing: the token is an adjective shorthand may read."""
    return ()


def _a_linked_clause(token: Token) -> Iterable[RuleMatch]:
    """A step that matches nothing: the token is a clause of "be" _likewise may read."""
    return ()


#: Each (pos, dep, tag, lemma, lower) seen -> its steps; cleared when it grows this large.
_plans: dict[tuple[int, int, int, int, int], tuple[Step, ...]] = {}
_PLANS_KEPT = 50_000


def _plan(token: Token) -> Iterator[Step]:
    """The steps a token with these attributes starts, in the order the rules are read."""
    pos, dep, lower = token.pos_, token.dep_, token.lower_
    lemma = token.lemma_.lower()
    # "it is effortless to set up": the tagger may make the predicate a noun (not "chow fun")
    eased = lemma in lexicon.EASE_ADJECTIVES and dep in _COPULA_DEPS
    if pos == "ADJ" or (pos in _MISTAGGED and (lower in lexicon.adjectives_only() or eased)):
        yield _an_adjective
        if lemma in lexicon.EASE_ADJECTIVES or lexicon.valence(lower, token.lemma_):
            yield _activity  # "easy to use", "horrible to use"
        if dep == "ROOT" and pos == "ADJ":
            yield _good_for  # "Great for gaming!"
        if lower == "short":
            yield _short_on  # "short on storage"
    if pos in _FEELING and lower in lexicon.IMPLIED_ASPECTS:
        yield _implied  # "Good but overpriced" (a verb to the tagger)
    if lower == "nothing" and dep == "attr":
        yield _copular  # "the food is nothing special"
    if pos in _MODIFIED:
        if dep in {"amod", "compound"}:
            yield _adjectival
        if (
            dep in _COPULA_DEPS
            or pos == "ADJ"
            or token.tag_ in {"VBN", "VBG"}
            or (dep == "ccomp" and pos == "ADV")  # "found the food exceptional"
        ):
            yield _copular
        elif dep == "advmod" and pos == "ADV":
            yield _misread_copular
    if dep in {"csubj", "relcl"} and (
        lemma in lexicon.OPINION_VERBS or lemma in lexicon.STIMULUS_VERBS
    ):
        yield _cleft  # "What I love most is the camera"
    if pos in _VERBAL:
        if lemma in lexicon.OPINION_VERBS:
            yield _opinion_verb
        if lemma in _EVENT_LEMMAS:
            yield _complaint_event
        if lemma in lexicon.STIMULUS_VERBS:
            yield _stimulus_verb
        if lemma in lexicon.DAMAGE_VERBS:
            yield _damaged
        if lemma in lexicon.CHURN_VERBS:
            yield _churned
        if lemma in lexicon.ADVICE_VERBS and token.tag_ == "VB":
            yield _advice
        if lemma == "last" and pos == "VERB":
            yield _lasting
        if lemma in DECLINING and pos == "VERB":
            yield _declined  # "the food quality has decreased"
        if lemma in _REPAIRS and token.tag_ in {"VBN", "VB"}:
            yield _repaired
        if lemma == "beat" and pos == "VERB":
            yield _unbeatable
        if lemma == "leave" and pos == "VERB":
            yield _to_be_desired
        if lemma == "use" and pos == "VERB":
            yield _could_use
        if lemma == "need" and pos == "VERB":
            yield _needs_more  # "the game needs more maps"
        if lemma == "die" and pos == "VERB":
            yield _to_die_for
        if lemma == "go" and pos == "VERB":
            yield _went
        if lemma in _IDIOM_VERBS and pos == "VERB":
            yield _verb_idiom
        if lemma in _WANTING and pos == "VERB":
            yield _what_was_wanted
        if lemma == "wish" and pos == "VERB":
            yield _wished_for
    if lower == "recommended" and dep in {"ROOT", "acomp", "conj"}:
        yield _recommended  # "the rolls are highly recommended"
    if lemma == "be" and dep in {"advcl", "conj"}:
        yield _a_linked_clause
    if pos in _FEELING and (
        lower in lexicon.EXPERIENCER_ADJECTIVES
        or (token.tag_ in {"JJR", "RBR"} and lemma in lexicon.EXPERIENCER_ADJECTIVES)
    ):
        yield _experiencer  # "happy with", "couldn't be happier with"
    if dep == "attr" and pos in {"NOUN", "PROPN"}:
        yield from (_verdict, _which_is, _for_you)
    elif (dep, lemma) in {("attr", "one"), ("prep", "among")}:
        yield _one_of_the
        if dep == "attr":
            yield _for_you  # "the X2 is the one for you"
    if pos == "NOUN" and lemma in _IDIOM_HEADS:
        yield _idiom
    elif pos == "NOUN" and lemma == "plenty":
        yield _plenty
    elif pos == "NOUN" and lemma == "world":
        yield _out_of_this_world
    if dep == "attr" and lemma in _QUEUES:
        yield _queue
    if dep in {"pobj", "amod"} and lemma in {"average", "par"}:
        yield _after_preposition
    if pos == "NOUN" and lemma in lexicon.TROUBLE_NOUNS:
        yield _trouble_noun
    elif pos == "NOUN" and lemma in lexicon.JUDGING_NOUNS:
        yield _judging_noun
    elif pos == "NOUN" and lemma in lexicon.PEST_NOUNS:
        yield _teeming  # "Ranked is full of cheaters", "Too many bots."
    if pos in _LACKING and lemma in lexicon.LACK_WORDS:
        yield _lack
    elif (pos == "ADV" and dep == "advmod") or (pos == "ADJ" and dep in {"advmod", "amod"}):
        yield _adverbial  # "runs smoothly"; "works great", which the tagger leaves an adjective
    if lower == "worth":
        yield _worth
    if lower == "perfection" and dep == "pobj":
        yield _to_perfection  # "cooked to perfection"
    if lower == "gone" and pos in {"VERB", "ADJ"}:
        yield _gone_away  # "the lag is finally gone", "the headphone jack is gone"
    if lower in {"down", "offline"}:
        yield _outage  # "the servers are down again"
    if lower in {"many", "much"} and dep == "amod":
        yield _too_many  # "too many ads"
    if lower in lexicon.EMOJI:
        yield _emoji
    if lower in {"'s", "’s"} and token.tag_ == "POS":
        yield _contracted_is  # "the camera's awesome", read as a possessive
    if (lower in _NONE_WORDS or lower == "any") and dep in {"det", "nummod"}:
        yield _none_had  # "the soup has no flavor", "there is no mute", "hardly any memory"


def _misread_copular(token: Token) -> Iterator[RuleMatch]:
    """An adverb of "be" read as the predicate it stands for ("is very freindly")."""
    if _misread_predicate(token):
        yield from _copular(token)


def _after_preposition(token: Token) -> Iterator[RuleMatch]:
    """ "below average", "up to par": only after a preposition."""
    if token.head.pos_ == "ADP":
        yield from _against_average(token)


_MODIFIED = frozenset({"ADJ", "NOUN", "VERB", "PROPN", "ADV"})


_VERBAL = frozenset({"VERB", "AUX", "NOUN", "ADP"})


_FEELING = frozenset({"ADJ", "VERB"})


_MISTAGGED = frozenset({"NOUN", "PROPN", "VERB", "ADV"})


_LACKING = frozenset({"VERB", "NOUN"})


#: Verbs of the set phrases _verb_idiom reads ("takes forever", "hit the spot").
_IDIOM_VERBS = frozenset(verb for verb, _ in lexicon.VERB_IDIOMS)


#: Verbs of "exactly what I wanted" (_what_was_wanted).
_WANTING = frozenset({"look", "need", "want", "expect", "hope", "ask", "imagine"})


#: Lemmas _complaint_event looks at: complaints, working verbs, and phrasal complaints' verbs.
_EVENT_LEMMAS = (
    lexicon.COMPLAINT_VERBS
    | lexicon.WORKING_VERBS
    | frozenset(verb for verb, _ in lexicon.COMPLAINT_PHRASES | lexicon.WORKING_PHRASES)
    | {"lose"}  # "the GPS kept losing signal"
)


__all__ = ["RuleMatch", "aspect_phrase", "aspect_tokens", "find_matches", "is_aspect"]
