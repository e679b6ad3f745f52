"""Dependency rules that find (aspect, opinion) pairs in a parsed sentence; pure functions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from pipeline.nlp import lexicon
from pipeline.nlp.aspects import (
    NOT_ASPECTS,
    NOT_PART_OF_ASPECT,
    OF_PHRASES,
    PASS_THROUGH,
    PRODUCT_NOUNS,
    aspect_key,
)

#: Valence of aspect-dependent adjectives: a high price is bad, a long battery life good.
#: Looked up by the aspect's head lemma and by its key ("battery life" is keyed ``battery``).
#: Size and amount words judge nothing on their own (NOT_PART_OF_ASPECT); only here.
ASPECT_ADJECTIVES = {
    ("price", "high"): -1.5,
    ("price", "low"): 1.5,
    ("price", "steep"): -1.8,
    ("price", "reasonable"): 1.5,
    ("price", "cheap"): 1.5,  # a cheap price is a pro; "it feels cheap" judges nothing here
    ("battery", "long"): 1.5,
    ("battery", "short"): -1.5,
    ("battery", "hot"): -1.5,  # "the battery gets so hot"
    ("loading", "long"): -1.5,
    ("load", "long"): -1.5,
    ("queue", "long"): -1.5,
    ("wait", "long"): -1.5,
    ("storage", "small"): -1.2,
    ("screen", "small"): -0.8,
    ("portion", "huge"): 1.5,
    ("portion", "large"): 1.5,
    ("portion", "big"): 1.5,
    ("portion", "small"): -1.5,
    ("portion", "tiny"): -1.8,
    ("food", "cold"): -1.5,
    ("food", "cheap"): 1.2,  # cheap food is a bargain; a cheap hinge is not (no entry)
    ("screen", "big"): 1.2,
    ("screen", "large"): 1.2,
    ("screen", "huge"): 1.2,
    ("keyboard", "small"): -1.2,
    ("selection", "small"): -1.2,
    ("selection", "large"): 1.2,
    ("selection", "big"): 1.2,
    ("selection", "huge"): 1.2,
    ("menu", "small"): -1.0,
    ("space", "small"): -1.2,
    ("room", "small"): -1.2,
    ("wait", "short"): 1.2,
    ("line", "long"): -1.5,
    ("delay", "long"): -1.5,
    ("speaker", "loud"): 1.5,  # loud speakers are a pro, a loud fan a con
    ("sound", "loud"): 1.5,
    ("audio", "loud"): 1.5,
    ("volume", "loud"): 1.5,
    ("speaker", "quiet"): -1.2,
    ("sound", "quiet"): -1.2,
    ("audio", "quiet"): -1.2,
    ("battery", "irreplaceable"): -1.5,  # "the battery is irreplaceable": sealed in
    ("delivery", "early"): 1.5,
    ("delivery", "late"): -1.5,
    ("shipping", "late"): -1.5,
    ("serving", "small"): -1.5,
    ("serving", "tiny"): -1.8,
    ("serving", "huge"): 1.5,
    ("serving", "large"): 1.5,
    ("serving", "big"): 1.5,
    ("edge", "sharp"): -1.5,  # "sharp edges" cut into the wrists; a sharp screen is praise
    ("corner", "sharp"): -1.5,
}
#: Words the lexicons score that say which one or how much, not how good ("your own copies",
#: "a huge crack", "special effects", "dim sum"); they judge only through ASPECT_ADJECTIVES.
NOT_OPINIONS = frozenset(
    "own huge big large small tiny little high low long short special certain dedicated magic "
    "real actual full whole main cold hot bloody damn fucking freaking original ready anti "
    # Said of the writer or of a case: "the proud owner of a lemon", "an isolated incident".
    "proud isolated "
    # Lukewarm: "the food was just OK" is not a pro anyone acts on.
    "ok okay fine "
    # Slang that praises or blames by context: "the camera is insane", "the lag is insane".
    "insane sick".split()
)
_ASPECT_DEPENDENT = frozenset(word for _, word in ASPECT_ADJECTIVES)


def _may_judge(token: Token) -> bool:
    """Whether the word can carry an opinion at all: cheap, before any aspect is looked for."""
    return (
        token.lemma_.lower() in _ASPECT_DEPENDENT
        or bool(lexicon.valence(token.lower_, token.lemma_))
        or bool(_predicate_noun(token))
        or (_hyphen_suffix(token) and bool(lexicon.valence(token.nbor(-2).lower_ + token.lower_)))
        or _too(token)
        or _enough(token)
    )


def _predicate_noun(token: Token) -> float:
    """The verdict of a noun said of its subject: "Vista is a nightmare", "it was a steal";
    none for "is no joke", which may praise ("no bargain" is negated praise)."""
    lemma = token.lemma_.lower()
    if token.dep_ != "attr" or lemma not in lexicon.PREDICATE_NOUNS:
        return 0.0
    if lemma == "joke" and any(c.lower_ == "no" for c in token.lefts):
        return 0.0
    return lexicon.PREDICATE_NOUNS[lemma]


def _enough(token: Token) -> bool:
    """Big enough, fast enough: as much as wanted."""
    return any(c.dep_ == "advmod" and c.lower_ == "enough" for c in token.rights)


#: Praise that "too" only strengthens in casual writing: "it's too good", "too cute".
_TOO_PRAISE = frozenset("good great cute funny nice perfect awesome amazing".split())


def _too(token: Token) -> bool:
    """Too slick, too salty, too small: more than wanted is a con, whatever the word; but not
    "too good to be true" or "too much"."""
    return (
        token.pos_ == "ADJ"
        and token.lower_ not in _TOO_PRAISE
        and token.lemma_.lower() not in {"much", "many", "few", "late", "early"}
        and any(c.lower_ == "too" and c.dep_ == "advmod" for c in token.children)
        and not any(c.dep_ in {"xcomp", "ccomp", "advcl"} for c in token.children)
    )


#: Adjective and noun that name a thing, where the adjective judges nothing: "dim sum",
#: "fast food", "happy hour", "hot dog". The adjective is part of the aspect.
FIXED_NAMES = frozenset(
    {
        ("dim", "sum"),
        ("fast", "food"),
        ("happy", "hour"),
        ("hot", "dog"),
        ("sweet", "potato"),
        ("sour", "cream"),
        ("soft", "drink"),
        ("fine", "dining"),
        ("free", "range"),
        ("smart", "tv"),
        ("smart", "watch"),
        ("blue", "screen"),
        ("happy", "camper"),  # "not a happy camper" is about the writer
        ("best", "buy"),  # the shop
    }
)
_COPULA_DEPS = {"acomp", "attr", "oprd"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_ARGUMENT_DEPS = _SUBJECT_DEPS | {"dobj", "obj", "pobj"}


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """An aspect head and the opinion word about it, with how the rule judged them."""

    rule: str
    aspect: Token
    opinion: Token
    valence: float
    negated: bool
    intensity: float


def find_matches(sentence: Span) -> Iterator[RuleMatch]:
    """All rule matches in a sentence that is not a question, quote, conditional or hearsay."""
    used: set[int] = set()
    priced: set[int] = set()
    adjectives: list[Token] = []
    copular: list[RuleMatch] = []
    for match in _matches(sentence, adjectives):
        used.add(match.opinion.i)
        inner = _of_object(match.aspect)
        yield match if inner is None else replace(match, aspect=inner)
        if match.rule == "copula":
            copular.append(match)
        for price in _for_the_price(match):
            if price.i not in priced:
                priced.add(price.i)
                yield replace(match, aspect=price)
    if copular:
        yield from _likewise(sentence, copular)
    yield from _shorthand(sentence, [a for a in adjectives if a.i not in used])


#: What the product costs; not "money", which is the buyer's ("worth the money" praises the
#: product, whose price is named elsewhere).
def _likewise(sentence: Span, matches: list[RuleMatch]) -> Iterator[RuleMatch]:
    """Pizza is terrific, as is the pasta; the food is good and so are the kababs: a verb
    without its own predicate passes the first clause's judgement to its subject."""
    for verb in sentence:
        if verb.lemma_ != "be" or verb.dep_ not in {"advcl", "conj"}:
            continue
        if not any(c.lower_ in {"as", "so"} and c.i < verb.i for c in verb.children):
            continue
        if any(c.dep_ in {"acomp", "oprd"} for c in verb.children):
            continue
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "attr"} and c.i > verb.i]
        for match in matches:
            if match.opinion.head.i == verb.head.i and match.opinion.i < verb.i:
                for aspect in _aspects_among(subjects):
                    yield replace(match, aspect=aspect)


_VALUE_NOUNS = frozenset({"price", "cost", "pricing", "pricetag", "value"})


def _for_the_price(match: RuleMatch) -> list[Token]:
    """Great laptop for the price; good for the money: praise measured against the price is
    a pro of the price (and "poor quality for the price" a con)."""
    opinion, aspect = match.opinion, match.aspect
    holders = [opinion, aspect]
    if opinion.dep_ in _COPULA_DEPS or aspect.dep_ == "attr":
        holders.append(opinion.head if opinion.dep_ in _COPULA_DEPS else aspect.head)
    return [
        obj
        for holder in holders
        for prep in holder.rights
        if prep.dep_ == "prep" and prep.lower_ == "for"
        for obj in prep.children
        if obj.dep_ == "pobj"
        and obj.lemma_.lower() in _VALUE_NOUNS
        and not any(t.lower_ in _CONTRASTS for t in opinion.doc[opinion.i : prep.i])
    ]


def _worth(token: Token) -> Iterator[RuleMatch]:
    """Worth the price; well worth the money; not worth the cost: a pro of the price, and of
    what is worth it ("the prix fixe menu is worth every penny", "the steak was worth it")."""
    verb = token.head if token.dep_ in _COPULA_DEPS else token
    negated = _negated(token, verb)
    paid = False
    for child in token.children:
        if child.dep_ not in {"npadvmod", "dobj", "pobj"}:
            continue
        lemma = child.lemma_.lower()
        if lemma in _VALUE_NOUNS | {"wait"}:  # "well worth the wait"
            yield RuleMatch("value", child, token, 1.5, negated, _intensity(token))
        paid = paid or lemma in _VALUE_NOUNS | _SPENT
    if paid and token.dep_ in _COPULA_DEPS:
        for subject in _clause_subjects(verb):
            for aspect in filter(is_aspect, _judged_conjuncts(subject)):
                yield RuleMatch("value", aspect, token, 1.5, negated, _intensity(token))


#: What a thing can be worth besides its price: "worth every penny", "worth the trip".
_SPENT = frozenset("money penny cent dime dollar buck it trip visit effort".split())


def _matches(sentence: Span, adjectives: list[Token]) -> Iterator[RuleMatch]:
    """The dependency rules' matches; ``adjectives`` collects the words shorthand may read."""
    # Each attribute read goes through spaCy's string store: read once per token, and call a
    # rule only where its trigger word or relation is present (most tokens trigger none).
    for token in sentence:
        pos, dep = token.pos_, token.dep_
        lemma = token.lemma_.lower()
        if pos == "ADJ" or (pos in _MISTAGGED and token.lower_ in lexicon.adjectives_only()):
            adjectives.append(token)
            if lemma in lexicon.EASE_ADJECTIVES:
                yield from _activity(token)
        if pos in _MODIFIED:
            if dep in {"amod", "compound"}:
                yield from _adjectival(token)
            if (
                dep in _COPULA_DEPS
                or pos == "ADJ"
                or token.tag_ in {"VBN", "VBG"}
                or (dep == "ccomp" and pos == "ADV")  # "found the food exceptional"
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
            if lemma in _REPAIRS and token.tag_ == "VBN":
                yield from _repaired(token)
            if lemma == "beat" and pos == "VERB":
                yield from _unbeatable(token)
        if pos in _FEELING and token.lower_ in lexicon.EXPERIENCER_ADJECTIVES:
            yield from _experiencer(token)
        if dep == "attr" and pos in {"NOUN", "PROPN"}:
            yield from _verdict(token)
            yield from _for_you(token)
        elif (dep, lemma) in {("attr", "one"), ("prep", "among")}:
            yield from _one_of_the(token)
        if pos == "NOUN" and lemma in _IDIOM_HEADS:
            yield from _idiom(token)
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
        if token.lower_ == "worth":
            yield from _worth(token)
        if not token.is_alpha and token.text in lexicon.EMOJI:
            yield from _emoji(token)


_MODIFIED = frozenset({"ADJ", "NOUN", "VERB", "PROPN", "ADV"})
_VERBAL = frozenset({"VERB", "AUX", "NOUN", "ADP"})
_FEELING = frozenset({"ADJ", "VERB"})
_MISTAGGED = frozenset({"NOUN", "PROPN", "VERB"})
_LACKING = frozenset({"VERB", "NOUN"})
#: Lemmas _complaint_event looks at: complaints, working verbs, and phrasal complaints' verbs.
_EVENT_LEMMAS = (
    lexicon.COMPLAINT_VERBS
    | lexicon.WORKING_VERBS
    | frozenset(verb for verb, _ in lexicon.COMPLAINT_PHRASES)
)


def aspect_tokens(head: Token, exclude: int = -1) -> list[Token]:
    """The aspect phrase: the head and the compounds and kind-naming adjectives before it.

    ``exclude`` is the index of the opinion word, which is never part of the aspect.
    """
    if head.dep_ == "compound" and head.head.tag_ == "NNS" and head.head.dep_ == "ROOT":
        # "the repair depot stinks" misread as a noun phrase: the compounds before the verb.
        return [t for t in head.head.lefts if t.dep_ == "compound" and t.i <= head.i]
    if head.dep_ == "compound" and not head.head.is_alpha:
        return [head]  # "the screen 😍": the emoji is not part of the aspect
    tokens = _with_hyphenated_prefix([*_modifiers(head, exclude), head], exclude)
    for child in head.rights:  # "boot up"; "Windows 7"
        if child.i == tokens[-1].i + 1 and (
            (child.dep_ == "prt" and head.pos_ == "VERB")
            or (child.dep_ == "nummod" and head.pos_ == "PROPN")
        ):
            tokens.append(child)
    return tokens


def _modifiers(head: Token, exclude: int) -> list[Token]:
    """The compounds and kind-naming adjectives right before ``head``, nearest first, stopping
    at a gap; with a compound's own ("lava" of "lava cake dessert", "Tom" of "Tom Kha soup")."""
    parts: list[Token] = []
    for child in reversed(list(head.lefts)):
        if child.i != (parts[0].i if parts else head.i) - 1 or not _is_word(child):
            break
        if child.i == exclude or child.lower_ in _MISSPELT_ARTICLES:
            break
        if child.dep_ == "compound" and child.lemma_.lower() in _MEASURES:
            break  # "a 30 minute wait" is a wait
        if child.dep_ == "compound" and child.lower_ in _EXPLETIVES:
            break  # "the freaking motherboard", read as a compound
        if child.dep_ == "compound":
            parts = [*_modifiers(child, exclude), child, *parts]
        elif child.dep_ in {"amod", "nmod"} and _describes(child):
            parts.insert(0, child)
        else:
            break
    return parts


_EXPLETIVES = frozenset({"freaking", "fucking", "damn", "damned", "bloody", "stupid"})
#: Units that measure the thing rather than name it: "a 30 minute wait", "a 2 hour battery".
_MEASURES = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "dollar"})
#: Articles as social text misspells them, which the tagger takes for nouns: "teh music".
_MISSPELT_ARTICLES = frozenset({"teh", "tha", "da"})


def _with_hyphenated_prefix(tokens: list[Token], exclude: int) -> list[Token]:
    """Add the words hyphened onto the first token: "multi-touch trackpad", "wait-staff"."""
    doc, first = tokens[0].doc, tokens[0].i
    while (
        first >= 2
        and doc[first - 1].text == "-"
        and not doc[first - 1].whitespace_
        and not doc[first - 2].whitespace_
        and _is_word(doc[first - 2])
        and first - 2 != exclude
    ):
        first -= 2
    return [*doc[first : tokens[0].i], *tokens]


def _describes(modifier: Token) -> bool:
    """An adjective that names a kind ("hard" drive), not an opinion or a degree."""
    word = modifier.lower_
    if modifier.lemma_.lower() in NOT_PART_OF_ASPECT:
        return False  # "longer", "bigger": degrees, whatever the form
    if _fixed_name(modifier):
        return True
    return (
        modifier.pos_ in {"ADJ", "NOUN", "PROPN", "VERB"}
        and word not in NOT_PART_OF_ASPECT
        and word not in lexicon.INTENSIFIERS
        and not lexicon.valence(word, modifier.lemma_)
        and not any(c.dep_ in {"advmod", "neg"} for c in modifier.children)
    )


def _fixed_name(modifier: Token) -> bool:
    """The adjective of a fixed name: "dim sum", also in "the dim sum orders"."""
    word = modifier.lower_
    return (word, modifier.head.lemma_.lower()) in FIXED_NAMES or (
        modifier.i + 1 < len(modifier.doc) and (word, modifier.nbor(1).lower_) in FIXED_NAMES
    )


def _is_word(token: Token) -> bool:
    return any(ch.isalpha() for ch in token.text)


def is_aspect(token: Token) -> bool:
    if _of_object(token) is not None:
        return True  # "a lot of the levels", "one of the speakers": find_matches passes it on
    if token.pos_ not in {"NOUN", "PROPN"} and not _misread_noun(token):
        return False
    if not _is_word(token):
        return False
    if (
        token.dep_ not in _ARGUMENT_DEPS
        and token.lower_ in lexicon.adjectives_only()
        and lexicon.valence(token.lower_)
    ):
        return False  # an opinion word the parser took for a noun: "the service classy"
    if token.lemma_.lower() not in NOT_ASPECTS and token.lower_ not in NOT_ASPECTS:
        return True
    # "the dining experience", "the loading time": a compound names a thing of the product
    return token.lemma_.lower() in _NAMED_BY_COMPOUND and any(
        c.dep_ == "compound" and c.pos_ in {"NOUN", "VERB"} for c in token.lefts
    )


#: Words that are no aspect alone ("a great experience", "a long time") but are one named by
#: a compound: "the dining experience", "the user experience", "the loading time".
_NAMED_BY_COMPOUND = frozenset({"experience", "time", "date"})  # "the release date"


def _misread_noun(token: Token) -> bool:
    """An unknown word the tagger took for an adjective or adverb where a noun stands, after
    its determiner: "I love the atmorphere" (misspelt); not "the young" or "the best"."""
    return (
        token.pos_ in {"ADJ", "ADV"}
        and token.lower_ not in lexicon.known_words()
        and any(c.dep_ in {"det", "poss"} for c in token.lefts)
        and not lexicon.valence(token.lower_, token.lemma_)
        and token.lemma_.lower() not in NOT_PART_OF_ASPECT
    )


def _of_object(token: Token, heads: frozenset[str] = PASS_THROUGH) -> Token | None:
    """The thing a quantity or kind noun is of ("a lot of games", "the ease of use"); None for
    other nouns. With ``heads=OF_PHRASES``, the same for "a bottle of wine"."""
    if token.lemma_.lower() not in heads:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if (
                    obj.dep_ in {"pobj", "pcomp"}  # "ease of use": "use" read as a clause
                    and obj.pos_ in {"NOUN", "PROPN"}
                    and _is_word(obj)
                    and obj.lemma_.lower() not in NOT_ASPECTS | PRODUCT_NOUNS
                ):
                    return obj
    return None


def aspect_phrase(head: Token, exclude: int = -1) -> tuple[list[Token], list[Token]]:
    """The aspect's tokens as written, and the tokens its key is made of.

    They differ for "a bottle of wine": written in full, counted under ``wine``.
    """
    tokens = aspect_tokens(head, exclude)
    inner = _of_object(head, OF_PHRASES)
    if inner is None or inner.i == exclude:
        return tokens, tokens
    key_tokens = aspect_tokens(inner, exclude)
    return list(head.doc[tokens[0].i : inner.i + 1]), key_tokens


def _hyphen_part(token: Token) -> bool:
    """A piece of a hyphened word the parser made a word of its own: "co" and "-" in "co-op"."""
    if not _is_word(token):
        return True
    if token.whitespace_ or token.i + 1 >= len(token.doc):
        return False
    return token.doc[token.i + 1].text == "-"


_CONTRASTS = frozenset({"but", "though", "although", "however", "yet", "while", "whereas"})


def _subjects(verb: Token) -> list[Token]:
    """The verb's subject; of two, the nearer, since the parser then has misread a clause.

    In "Good game, but the AI is dumb" the small model makes both "game" and "AI" subjects of
    "is"; only "AI" is dumb. Two subjects with only a comma between them are a list
    ("the editor, the search and the sync are excellent"), and both are kept.
    """
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and not _hyphen_part(c)]
    before = sorted(s for s in subjects if s.i < verb.i)
    if len(before) > 1 and any(
        t.lower_ in _CONTRASTS or t.pos_ in {"VERB", "AUX"}
        for t in verb.doc[before[-2].i + 1 : before[-1].i]
    ):
        subjects = [before[-1]]
    if verb.dep_ == "relcl":
        # "a pre-theater menu that is outstanding": the relative pronoun stands for the noun.
        subjects = [verb.head if s.tag_ in {"WDT", "WP"} else s for s in subjects]
    return subjects


def _conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("screen and speakers")."""
    listed = [
        token,
        *(t for t in token.conjuncts if t.pos_ == token.pos_ or t.pos_ in {"NOUN", "PROPN"}),
    ]
    for item in list(listed):  # "the editor, the search and the sync" read as apposition
        for child in item.children:
            if child.dep_ == "appos" and child.pos_ in {"NOUN", "PROPN"}:
                listed += [child, *(t for t in child.conjuncts if t.pos_ in {"NOUN", "PROPN"})]
    return listed


def _prepositional_objects(token: Token, preposition: str) -> list[Token]:
    """The objects of ``token``'s prepositional phrases with ``preposition``: "of use" in "the
    ease of use", "with the burger" in "go wrong with the burger"."""
    return [
        obj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == preposition
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _clause_subjects(verb: Token) -> list[Token]:
    """The verb's subjects, or its auxiliary's where the parser hung them there ("the sauce
    was overpowering": "sauce" on "was"), or, for "to be" under "seems", "tends", the governing
    verb's ("the battery life seems to be very good")."""
    subjects = _subjects(verb) or [
        s for aux in verb.children if aux.dep_ == "aux" for s in _subjects(aux)
    ]
    if not subjects and verb.dep_ == "xcomp" and verb.lemma_ == "be":
        subjects = _subjects(verb.head)
    return subjects


def _aspects_among(tokens: Iterable[Token]) -> list[Token]:
    """The aspects among the tokens and the tokens coordinated with them."""
    return [aspect for token in tokens for aspect in _conjuncts(token) if is_aspect(aspect)]


def _word_valence(token: Token, aspect: Token | None = None) -> float:
    """The opinion word's valence, about ``aspect`` when the word's sense depends on it."""
    word = token.lemma_.lower()
    if _too(token):
        return -1.5
    if token.dep_ == "attr" and word in lexicon.PREDICATE_NOUNS:
        return _predicate_noun(token)
    if _enough(token):  # "big enough" is a pro, "not big enough" a con
        return max(lexicon.valence(token.lower_, token.lemma_), 1.2)
    if aspect is not None and word in _ASPECT_DEPENDENT:
        head = aspect.lemma_.lower()
        for noun in (head, aspect_key([t.lemma_ for t in aspect_tokens(aspect, token.i)])):
            if (noun, word) in ASPECT_ADJECTIVES:
                return ASPECT_ADJECTIVES[(noun, word)]
    if word in NOT_OPINIONS or token.lower_ in NOT_OPINIONS:
        return 0.0  # "own", "huge", "special": which one or how much, not how good
    if token.dep_ in {"amod", "compound"} and _fixed_name(token):
        return 0.0
    if _hyphen_suffix(token):
        prefix = token.doc[token.i - 2].lower_
        if word == "like" or prefix in {"anti", "semi", "multi", "pro"}:
            return 0.0  # "block-like keys", "anti-cheat improvements"
        if joined := lexicon.valence(prefix + token.lower_):
            return joined  # "under-cooked", "over-priced"
    if token.tag_ in {"VBN", "VBD"}:  # "smoothed" is not "smooth", "crowded" not "crowd"
        return lexicon.valence(token.lower_)
    return lexicon.valence(token.lower_, token.lemma_)


def _hyphen_suffix(token: Token) -> bool:
    """The word after a hyphen written against both words: "like" in "block-like"."""
    doc = token.doc
    return (
        token.i >= 2
        and doc[token.i - 1].text == "-"
        and not doc[token.i - 1].whitespace_
        and not doc[token.i - 2].whitespace_
    )


def _negated(*tokens: Token) -> bool:
    for token in tokens:
        if _yet_to(token):
            return True  # "I have yet to have a problem with it"
        if token.i >= 2 and token.nbor(-1).lower_ == "than" and token.nbor(-2).lower_ == "less":
            return True  # "less than impressive"
        if token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ in {"non", "un"}:
            return True  # "non-intrusive", "un-tasty"
        for child in token.children:
            if child.dep_ == "neg" or child.lower_ in _NEGATING_ADVERBS:
                return True
            if child.dep_ == "advmod" and child.lower_ in {"not", "never"}:
                return True
            if child.dep_ == "advmod" and child.lower_ in {"less", "least"} and child.i < token.i:
                return True  # "less expensive than the average laptop", "the least reliable"
            if child.dep_ == "det" and child.lower_ == "no" and token.pos_ == "NOUN":
                return True  # "the staff is no nonsense", "it is no bargain"
    return False


#: Adverbs that negate what they modify: "I've rarely had a problem with the staff".
_NEGATING_ADVERBS = frozenset({"never", "hardly", "barely", "scarcely", "rarely", "seldom"})


def _yet_to(verb: Token) -> bool:
    """The infinitive of "have yet to", "is yet to": not done so far."""
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_ in {"have", "be"}
        and any(c.lower_ == "yet" and c.i < verb.i for c in head.children)
    )


def _intensity(*tokens: Token) -> float:
    """Above 1 for intensifiers, caps and elongation; below 1 for hedges."""
    factor = 1.0
    for token in tokens:
        for child in token.children:
            if child.dep_ in {"advmod", "npadvmod", "amod"} and child.i < token.i:
                word = child.lower_
                if word in lexicon.INTENSIFIERS:
                    factor *= 1.25
                elif word in lexicon.HEDGES or (word == "of" and child.nbor(-1).lower_ == "kind"):
                    factor *= 0.7
        if token.is_upper and len(token) > 2:
            factor *= 1.15
        if lexicon.is_elongated(token.lower_):
            factor *= 1.15
    return factor


def _adjectival(token: Token) -> Iterator[RuleMatch]:
    """Great battery, awful speakers; "Amazing Quality" in a title-cased headline."""
    headline = token.dep_ == "compound" and (
        (token.is_title and token.head.is_title)
        or (token.is_upper and len(token) > 2)
        or token.pos_ == "ADJ"
    )  # "Amazing Quality", "the BEST oatmeal": the parser takes the word for a name
    mistagged = (
        token.pos_ != "ADJ"
        and token.lower_ in lexicon.adjectives_only()
        and (token.is_lower or token.i == 0 or token.nbor(-1).is_punct)  # not a name: "Glad"
    )
    if not headline and (token.dep_ != "amod" or (token.pos_ != "ADJ" and not mistagged)):
        return  # ("Excellent LED monitor": the tagger made "Excellent" a noun)
    head = token.head
    if _in_name(token, head):
        return  # "Grand Central", "Lucky Strike": a name, not a judgement
    if head.dep_ == "attr" and head.lemma_.lower() not in PRODUCT_NOUNS:
        # "the pickles were a great addition": the praise is for the subject.
        targets = _described_by(head) or ([head] if is_aspect(head) else [])
    elif head.dep_ == "attr":
        # "the iPod is a very nice product": the product, by its name.
        named = _aspects_among(_subjects(head.head))
        targets = named or [head]
    elif is_aspect(head):
        # "great food and service": the adjective goes over nouns coordinated without their own
        targets = [head] + [
            c
            for c in head.conjuncts
            if c.i > head.i
            and is_aspect(c)
            and not any(m.dep_ in {"amod", "det", "poss", "nummod"} for m in c.children)
        ]
    else:
        return
    for target in targets:
        for adjective in [token, *(c for c in token.conjuncts if c.pos_ == "ADJ")]:
            value = _word_valence(adjective, target if target is head else None)
            if value:
                # "it hasn't been a bad product": a predicate noun's verb carries the negation.
                negated = _negated(adjective, *_governor(head, adjective))
                yield RuleMatch("amod", target, adjective, value, negated, _intensity(adjective))


def _governor(noun: Token, adjective: Token) -> list[Token]:
    """The verb whose negation reaches an adjective on its noun: the copula of a predicate
    noun ("it hasn't been a bad product"), and a verb of having ("I've never had bad service",
    not "I haven't found a better phone", which praises this one)."""
    verb = noun.head
    if noun.dep_ == "attr":
        return [verb]
    if (
        noun.dep_ in {"dobj", "obj"}
        and verb.lemma_.lower() in _HAVING_VERBS
        and adjective.tag_ in {"JJ", "JJS"}
        # "I've never had such good sushi" is praise
        and not any(c.lower_ == "such" for c in (*adjective.lefts, *noun.lefts))
    ):
        return [verb]
    return []


#: Verbs of having, getting and giving, whose negation reaches the adjective on their object:
#: "I've never had bad service", "Linksys does not write the best documentation".
_HAVING_VERBS = frozenset(
    "have get experience receive encounter write offer provide give produce deliver serve "
    "include".split()
)


def _in_name(adjective: Token, head: Token) -> bool:
    """A capitalised adjective before a capitalised name, inside a lower-case sentence: "the
    main hall of Grand Central", "Lucky Strike has been the best" (not a headline's "Great
    Laptop", whose words are all capitalised)."""
    return (
        adjective.is_title
        and head.is_title
        and head.pos_ == "PROPN"
        and adjective.i > 0
        and adjective.nbor(-1).is_lower
    )


def _described_by(attribute: Token) -> list[Token]:
    """The common-noun subjects a predicate noun describes: "the pickles were a great addition".

    A name ("Toons is the best Thai food"), a pronoun ("it is the best meal") or the product
    itself ("this laptop is a great price") leaves the predicate noun as the aspect.
    """
    return [
        aspect
        for subject in _subjects(attribute.head)
        for aspect in _conjuncts(subject)
        if is_aspect(aspect)
        and aspect.pos_ == "NOUN"
        and aspect.lemma_.lower() not in PRODUCT_NOUNS
    ]


def _copular(token: Token) -> Iterator[RuleMatch]:
    """The screen is / looks / feels dull; screen and speakers are great, fast and quiet.

    Also the participles the parser reads as passives: "the app is bloated".
    """
    if token.dep_ not in _NOT_PREDICATES and _own_predicate(token):
        verb = token
    elif token.dep_ in _COPULA_DEPS and token.pos_ in {"ADJ", "NOUN", "VERB"}:
        verb = token.head
    elif (
        token.dep_ == "conj"
        and token.pos_ == "ADJ"
        and token.head.lemma_ in _LINKING
        and not any(
            t.pos_ in {"NOUN", "PROPN", "PRON"} for t in token.doc[token.head.i + 1 : token.i]
        )
    ):  # "the food looked appetizing and delicious": hung on "looked", with no other subject
        verb = token.head
    else:
        return
    opinions = [
        o
        for o in (token, *(c for c in token.conjuncts if _same_subject(token, c)))
        if o.lower_ not in lexicon.EXPERIENCER_ADJECTIVES  # "my boyfriend was satisfied"
        # "quick to break" is the complaint event's; "easy to ignore" is no praise
        and not any(_quick_to(c) or _no_activity(c) for c in o.children)
    ]
    if token.lower_ == "less":  # "less than impressive", parsed as "less" + "than impressive"
        opinions = [c for p in token.children if p.lower_ == "than" for c in p.children]
    if not any(_may_judge(o) or _ease(o) for o in opinions):
        return
    own = [
        c
        for c in token.children
        if c.dep_ in _SUBJECT_DEPS and c.pos_ in {"NOUN", "PROPN", "PRON"} and verb is not token
    ]
    # "ambience is delightful, service impeccable": "service" hung on "impeccable"
    subjects = own or _clause_subjects(verb)
    aspects = [a for subject in subjects for a in _judged_conjuncts(subject)]
    if not subjects:
        aspects = _stranded_subject(verb)
    if not aspects and verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        # "the main course had a small portion and was decent": the first verb's subject
        aspects = [a for s in _subjects(verb.head) for a in _judged_conjuncts(s)]
    targets = list(filter(is_aspect, aspects)) + _judged_in(token) + _gone_wrong(token, verb)
    if verb.lemma_.lower() in _NAMING_VERBS and _sensed_product(verb, subjects):
        targets.append(verb)  # "it looks sleek", "it runs great": its look, its running
    for target in targets:
        for opinion in opinions:
            value = _word_valence(opinion, target) or _ease(opinion)
            if value:
                negated = _negated(opinion, *_reached_by(verb, opinion)) != _could_be(opinion, verb)
                yield RuleMatch("copula", target, opinion, value, negated, _intensity(opinion))


_DASHES = frozenset({"-", "--", "—", "–", ";"})


def _reached_by(verb: Token, opinion: Token) -> list[Token]:
    """The verb, when its negation reaches the opinion: not past a dash, after which the
    writer says what it is instead ("not great -- bland", "not excellent -- just decent")."""
    negations = [c.i for c in verb.children if c.dep_ == "neg" and c.i < opinion.i]
    if negations and any(t.text in _DASHES for t in verb.doc[negations[0] : opinion.i]):
        return []
    return [verb]


#: Verbs an adjective can complete: "is", "looks", "seems" ... delicious.
_LINKING = frozenset("be look feel seem sound taste smell become remain get stay".split())
#: Linking verbs of a sense, which name the aspect when the subject is the product itself.
_SENSE_VERBS = frozenset({"look", "feel", "sound", "smell", "taste"})


#: Verbs that name the aspect when said of the product: its look and feel, how it works
#: ("it comes in handy" names nothing).
_NAMING_VERBS = (_SENSE_VERBS | lexicon.FUNCTION_VERBS) - {"come"}


def _gone_wrong(adjective: Token, verb: Token) -> list[Token]:
    """ "You can't go wrong with the burger" (a pro), "it went wrong with the update": what
    going wrong is with."""
    if adjective.lower_ != "wrong" or verb.lemma_.lower() != "go":
        return []
    objects = _prepositional_objects(verb, "with")
    return _aspects_among(objects)


def _judged_in(adjective: Token) -> list[Token]:
    """What an adjective is judged in, a bare noun: "rich in flavor", "astonishing in
    performance and picture quality"; not "hot in the sun", "better in summer"."""
    holders = [adjective]
    if adjective.dep_ in _COPULA_DEPS:  # "it is fantastic in terms of ...": hung on "is"
        holders.append(adjective.head)
    return [
        aspect
        for holder in holders
        for prep in holder.rights
        if prep.dep_ == "prep"
        and prep.lower_ == "in"
        and prep.i > adjective.i
        # "incredible, especially in daylight": when, not what
        and not any(c.lower_ in _CIRCUMSTANTIAL for c in prep.children)
        for obj in prep.children
        if obj.dep_ == "pobj"
        and obj.pos_ == "NOUN"
        and not any(c.dep_ in {"det", "poss"} for c in obj.lefts)  # not "hot in the sun"
        and obj.lemma_.lower() not in _NOT_JUDGED_IN
        for aspect in (*_conjuncts(obj), *(c for c in obj.lefts if c.dep_ == "nmod"))
        if is_aspect(aspect)
    ]


#: Bare nouns after "in" that say when or how, not what: "better in summer", "cut in half".
_NOT_JUDGED_IN = frozenset(
    "summer winter spring fall autumn morning afternoon evening night weekend weekday "
    "general person public practice theory reality comparison particular half part "
    "fact short total all".split()
)


_CIRCUMSTANTIAL = frozenset({"especially", "particularly", "even", "except", "mostly"})


def _sensed_product(verb: Token, subjects: list[Token]) -> bool:
    """Whether a sense verb is said of the product: "it looks sleek", "(it) feels great in the
    hand", "this phone feels cheap"; not "I felt unwelcome", "leave feeling satisfied"."""
    if not subjects:
        return verb.tag_ in {"VBZ", "VBD"}
    return all(s.lower_ in {"it", "this"} or s.lemma_.lower() in PRODUCT_NOUNS for s in subjects)


#: Relations of a word that modifies or completes another, so heads no clause of its own.
_NOT_PREDICATES = _COPULA_DEPS | {"amod", "compound", "advmod", "npadvmod", "det", "poss"}


def _same_subject(opinion: Token, conjunct: Token) -> bool:
    """Whether a coordinated opinion word is said of the same subject: "fast and quiet", not
    "superb" in "the ambience lovely, and the food superb", which has a noun of its own."""
    if conjunct.pos_ not in {"ADJ", "NOUN"}:
        return False
    low, high = sorted((opinion.i, conjunct.i))
    return not any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in opinion.doc[low + 1 : high])


def _own_predicate(token: Token) -> bool:
    """An adjective or participle the parser made the head of its clause: "the portions were
    skimpy" read as a passive, "the menus are confusing" and "the sauce was overpowering" as
    progressives."""
    if (token.tag_ == "VBN" or token.pos_ == "ADJ") and any(
        c.dep_ == "auxpass" for c in token.children
    ):
        return True
    if (token.pos_ == "ADJ" or _adjectival_participle(token)) and any(
        c.dep_ == "aux" and c.lemma_ == "be" for c in token.children
    ):
        return True
    return _small_clause(token)


#: Verbs whose object is judged by the adjective after it: "I found the food exceptional".
_JUDGING_VERBS = frozenset({"find", "consider", "think", "rate", "deem", "call"})


def _small_clause(adjective: Token) -> bool:
    """ "I found the service slow", "I consider the battery excellent": the parser makes the
    adjective a clause of its own, with the object as its subject (also when it tags the
    adjective an adverb: "found the food, service and value exceptional")."""
    return (
        adjective.dep_ in {"ccomp", "xcomp"}
        and adjective.head.lemma_.lower() in _JUDGING_VERBS
        and (adjective.pos_ == "ADJ" or adjective.lower_ in lexicon.adjectives_only())
        and any(c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"} for c in adjective.children)
    )


def _adjectival_participle(token: Token) -> bool:
    """An -ing word that judges and takes no object: "overpowering" in "the sauce was
    overpowering", not "blocking" in "the program was not blocking any cookies"."""
    return (
        token.tag_ == "VBG"
        and bool(lexicon.valence(token.lower_))
        and not any(c.dep_ in _VERB_COMPLEMENTS for c in token.children)
    )


#: What the writer would change in a product is what is wrong with it.
_CHANGING = frozenset({"change", "improve", "fix"})
_VERB_COMPLEMENTS = frozenset({"dobj", "obj", "prep", "xcomp", "ccomp", "prt", "dative"})


def _verdict(token: Token) -> Iterator[RuleMatch]:
    """The only problem is the battery; my one complaint is the price; the best part is the
    screen: the predicate noun takes the verdict of its subject."""
    if token.dep_ != "attr" or not is_aspect(token):
        return
    for subject in _subjects(token.head):
        lemma = subject.lemma_.lower()
        if lemma in lexicon.VERDICT_NOUNS:
            value = lexicon.VERDICT_NOUNS[lemma]
        elif lemma in {"part", "thing", "feature"}:
            judged = [m for m in subject.children if m.dep_ == "amod"]
            value = next((v for m in judged if (v := _word_valence(m))), 0.0)
            if any(c.dep_ == "relcl" and c.lemma_ in _CHANGING for c in subject.children):
                value = -1.5  # "the only thing I would change is the mouse keys"
        else:
            continue
        if value:
            for aspect in _conjuncts(token):
                if is_aspect(aspect):
                    yield RuleMatch("copula", aspect, subject, value, _negated(token.head), 1.0)


def _for_you(attribute: Token) -> Iterator[RuleMatch]:
    """This is definitely the phone for you; the X2 is the laptop for you: a recommendation
    of the subject, or of the predicate noun when the subject is "this" or "it"."""
    verb = attribute.head
    if not any(
        prep.dep_ == "prep"
        and prep.lower_ == "for"
        and any(o.lower_ == "you" for o in prep.children)
        for prep in (*attribute.rights, *(c for c in verb.rights if c.i > attribute.i))
    ):
        return
    named = _aspects_among(_subjects(verb))
    for aspect in named or ([attribute] if is_aspect(attribute) else []):
        yield RuleMatch("copula", aspect, attribute, 2.0, _negated(verb), 1.0)


def _one_of_the(one: Token) -> Iterator[RuleMatch]:
    """The pizza is one of the best in the city; this phone is one of the worst I've owned;
    the food and service are among the best in town."""
    preps = [one] if one.lower_ == "among" else [c for c in one.children if c.lower_ == "of"]
    superlatives = [
        obj
        for prep in preps
        if prep.dep_ == "prep"
        for obj in prep.children
        if obj.dep_ == "pobj" and obj.tag_ == "JJS"
    ]
    verb = one.head
    for superlative in superlatives:
        value = _word_valence(superlative)
        if not value:
            continue
        for aspect in _aspects_among(_subjects(verb)):
            yield RuleMatch(
                "copula", aspect, superlative, value, _negated(verb), _intensity(superlative)
            )


#: Set phrases of praise or blame built on a noun: "top notch", "first class", "five star",
#: "world class", "second rate".
IDIOMS = {
    ("top", "notch"): 2.5,
    ("first", "class"): 2.0,
    ("1st", "class"): 2.0,
    ("world", "class"): 2.5,
    ("five", "star"): 2.0,
    ("5", "star"): 2.0,
    ("second", "rate"): -2.0,
    ("third", "rate"): -2.0,
}
_IDIOM_HEADS = frozenset(noun for _, noun in IDIOMS)


def _idiom(noun: Token) -> Iterator[RuleMatch]:
    """The service was top-notch; world class sushi; a second rate restaurant."""
    before = noun.i - 1
    if before >= 0 and noun.doc[before].text == "-":
        before -= 1
    if before < 0:
        return
    value = IDIOMS.get((noun.doc[before].lower_, noun.lemma_.lower()))
    if value is None:
        return
    if noun.dep_ in _COPULA_DEPS:
        verb = noun.head
        aspects = [a for s in _subjects(verb) for a in _conjuncts(s)]
        negated = _negated(verb)
    elif noun.dep_ in {"compound", "amod", "nmod"}:
        aspects, negated = _conjuncts(noun.head), False
    else:
        return
    for aspect in aspects:
        if is_aspect(aspect):
            yield RuleMatch("amod", aspect, noun, value, negated, 1.0)


def _out_of_this_world(world: Token) -> Iterator[RuleMatch]:
    """The mojito was out of this world: the highest praise, as a place."""
    of = world.head
    out = of.head
    if not (
        world.dep_ == "pobj"
        and of.lower_ == "of"
        and out.lower_ == "out"
        and any(c.lower_ == "this" for c in world.children)
    ):
        return
    verb = out.head
    for aspect in _aspects_among(_subjects(verb)):
        yield RuleMatch("copula", aspect, world, 3.0, _negated(verb), 1.0)


#: Waits that are a con by being there: "there was a 30 minute wait", "always a line".
_QUEUES = frozenset({"wait", "line", "queue", "delay"})


def _queue(noun: Token) -> Iterator[RuleMatch]:
    """There was a 30 minute wait; there might be a wait: having to wait is a con."""
    verb = noun.head
    if verb.lemma_ == "be" and any(c.dep_ == "expl" for c in verb.children):
        negated = _negated(verb) or any(c.lower_ == "no" for c in noun.children)
        yield RuleMatch("copula", noun, noun, -1.5, negated, 1.0)  # "there was no wait": a pro


#: Where a thing stands against the ordinary: "below average", "above average", "up to par".
_AGAINST_AVERAGE = {"below": -1.5, "under": -1.5, "beneath": -1.5, "above": 1.2, "to": 1.2}


def _against_average(average: Token) -> Iterator[RuleMatch]:
    """The food was below average; the service is above average; not up to par (a con)."""
    prep = average.head
    value = _AGAINST_AVERAGE.get(prep.lower_)
    if value is None or prep.dep_ != "prep":
        return
    verb = prep.head.head if prep.head.dep_ == "prep" else prep.head  # "up to par"
    for aspect in _aspects_among(_subjects(verb)):
        yield RuleMatch("copula", aspect, average, value, _negated(verb), 1.0)


def _could_be(opinion: Token, verb: Token) -> bool:
    """ "The service could be better", "the screen should be brighter", "the buttons could
    be more durable": room for improvement, a con however good the comparative."""
    comparative = (
        opinion.tag_ in {"JJR", "RBR"}
        or opinion.lemma_.lower() == "improve"  # "the service could be improved"
        or any(c.dep_ == "advmod" and c.lower_ == "more" for c in opinion.children)
    )
    return comparative and any(
        c.dep_ == "aux" and c.lower_ in {"could", "should", "might"} for c in verb.children
    )


def _judged_conjuncts(subject: Token) -> list[Token]:
    """The subject and its conjuncts, less those judged already by their own adjective when a
    later one follows: in "great food and the service is slow" only the service is slow."""
    conjuncts = _conjuncts(subject)
    last = max(c.i for c in conjuncts)
    return [
        c
        for c in conjuncts
        if c.i == last
        or not any(
            (m.dep_ == "amod" and lexicon.valence(m.lower_, m.lemma_))
            # "no charger in the box and the included cable is too short": no charger at all
            or (m.dep_ == "det" and m.lower_ == "no")
            for m in c.children
        )
    ]


def _stranded_subject(verb: Token) -> list[Token]:
    """The subject the parser left behind: in "... meets every expectation and Windows 7 is
    great" it hangs "Windows 7" on "expectation" and gives "is" none. The noun right before
    the verb (past a version number) is taken."""
    if verb.dep_ != "conj" or verb.i == 0:
        return []
    before = verb.nbor(-1)
    if before.dep_ == "nummod" and before.head.i == before.i - 1:
        before = before.head
    if before.pos_ in {"NOUN", "PROPN"} and before.dep_ in {"conj", "dobj", "pobj", "appos"}:
        return [before]
    return []


#: Activities whose difficulty says nothing about the product, or praises it ("hard to beat"),
#: or whose ease is no praise ("easy to ignore").
_NOT_ACTIVITIES = frozenset(
    "beat resist believe imagine say tell see explain describe ignore miss overlook forget "
    "skip avoid lose".split()
)


def _no_activity(clause: Token) -> bool:
    """ "to ignore" in "easy to ignore", "to beat" in "hard to beat"."""
    return (
        clause.dep_ in {"xcomp", "acl", "advcl"}
        and clause.pos_ == "VERB"
        and clause.lemma_.lower() in _NOT_ACTIVITIES
    )


def _activities(adjective: Token) -> list[Token]:
    """The verbs of "easy to use", "quick to set up", "slow to boot up", "easier to use and
    navigate", "an easy to use computer"; none for "able to do", "thrilled to learn"."""
    if adjective.lemma_.lower() not in lexicon.EASE_ADJECTIVES:
        return []
    clauses = [c for c in adjective.children if c.dep_ in {"xcomp", "acl", "advcl"}]
    if adjective.dep_ in _COPULA_DEPS:  # "it is easy to use": the parser may hang it on "is"
        clauses += [c for c in adjective.head.children if c.dep_ == "xcomp" and c.i > adjective.i]
    for clause in clauses:
        if clause.pos_ == "VERB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
        ):
            return [
                verb
                for verb in (clause, *(c for c in clause.conjuncts if c.pos_ == "VERB"))
                if not any(_complement(c) for c in verb.children)
                and verb.lemma_.lower() not in _NOT_ACTIVITIES | lexicon.COMPLAINT_VERBS
            ]
    return []


def _complement(token: Token) -> bool:
    """An object, subject or prepositional object of an activity: "easy to go from one keyboard
    to another" says how it is to go somewhere, not how it is to use the thing ("easy to use",
    "easy to type on")."""
    if token.dep_ in {"dobj", "obj", "nsubj"}:
        return True
    return token.dep_ == "prep" and any(c.dep_ == "pobj" for c in token.children)


def _quick_to(verb: Token) -> bool:
    """A complaint verb under "quick to", "fast to", "easy to": how soon it fails."""
    adjective = verb.head
    return (
        verb.dep_ == "xcomp"
        and adjective.lemma_.lower() in {"quick", "fast", "easy", "prone", "apt"}
        and adjective.dep_ in _COPULA_DEPS
        and verb.lemma_.lower() in lexicon.COMPLAINT_VERBS
    )


def _ease(adjective: Token) -> float:
    """How good an ease adjective says its activity is; 0 without one ("a simple design")."""
    return lexicon.EASE_ADJECTIVES[adjective.lemma_.lower()] if _activities(adjective) else 0.0


def _activity(adjective: Token) -> Iterator[RuleMatch]:
    """It is easy to use; the laptop is slow to boot up: the activity is the aspect when the
    subject is the product or nothing. Use is always one (usability: "the OS is easy to use"
    judges the OS and its use); "the keys are easy to type on" judges the keys only."""
    first = adjective  # "the AI features are useless but easy to ignore": the features'
    while first.dep_ == "conj" and first.head.pos_ == "ADJ":
        first = first.head
    verb = first.head if first.dep_ in _COPULA_DEPS else adjective
    subjects = [a for s in _subjects(verb) for a in _conjuncts(s)]
    named = any(is_aspect(a) and a.lemma_.lower() not in PRODUCT_NOUNS for a in subjects)
    for activity in _activities(adjective):
        if named and activity.lemma_.lower() != "use":
            continue
        value = lexicon.EASE_ADJECTIVES[adjective.lemma_.lower()]
        negated = _negated(adjective, verb) != _could_be(adjective, verb)
        yield RuleMatch("copula", activity, adjective, value, negated, _intensity(adjective))


def _opinion_verb(token: Token) -> Iterator[RuleMatch]:
    """I love the camera; hate the fan noise; would not recommend the charger."""
    value = lexicon.OPINION_VERBS.get(token.lemma_.lower())
    if value is None:
        return
    object_deps = {"dobj", "obj"}
    if token.pos_ == "ADP":
        if token.lower_ not in {"like", "likes"} or token.dep_ != "ROOT" or not _liked(token):
            return
        object_deps = {"pobj"}  # the small parser reads "I really like the X" as a preposition
    if token.lemma_.lower() in {"recommend", "suggest"} and _someone_else(token):
        return  # "the chef recommended an assortment of fish": advice the writer reports
    objects = [c for c in token.children if c.dep_ in object_deps] + _purchased(token)
    negated, intensity = _negated(token), _intensity(token)
    if negated and _beyond_words(token):
        negated, intensity = False, intensity * 1.25  # "I can't recommend it enough"
    for aspect in _aspects_among(objects):
        yield RuleMatch("verb", aspect, token, value, negated, intensity)


def _someone_else(verb: Token) -> bool:
    """A subject other than the writer or the reader: "the waiter recommended the fish"."""
    return any(
        c.dep_ in _SUBJECT_DEPS and c.lower_ not in {"i", "we", "you"} for c in verb.children
    )


def _beyond_words(verb: Token) -> bool:
    """ "Can't recommend this place enough", "couldn't recommend it any higher": a negation
    that praises."""
    return any(
        t.dep_ == "advmod" and t.lower_ in {"enough", "higher", "more"}
        for t in verb.subtree
        if t.i > verb.i
    )


_LIKERS = frozenset({"i", "we", "you", "they", "he", "she"})


def _liked(like: Token) -> bool:
    """Whether a "like" the parser made a preposition is the verb: "I really like the X",
    "(I) didn't much like the frites", "Like the price"; not "features like the font"."""
    before = like.doc[like.sent.start : like.i]
    return any(t.lower_ in _LIKERS for t in before[-3:]) or all(
        t.pos_ in {"ADV", "PART", "AUX", "PRON", "PUNCT"} for t in before
    )


def _advice(verb: Token) -> Iterator[RuleMatch]:
    """Try the pad thai; order the lamb; skip dessert; avoid the fish; don't order the
    calamari: advice to the reader, in the imperative, is the writer's verdict."""
    if any(
        c.dep_ in _SUBJECT_DEPS or (c.dep_ == "aux" and c.lower_ != "do") for c in verb.children
    ):
        return  # "I try the fish", "you should try": not an imperative
    if verb.dep_ not in {"ROOT", "conj"} or (verb.i > 0 and not _clause_start(verb)):
        return
    value = lexicon.ADVICE_VERBS[verb.lemma_.lower()]
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else verb
    if after.tag_ == "VBG" or (after.lower_.endswith("ing") and after.dep_ != "det"):
        return  # "try resetting network settings": a fix to try, not a thing to have
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    for aspect in _aspects_among(objects):
        yield RuleMatch("verb", aspect, verb, value, _negated(verb), _intensity(verb))


def _lasting(verb: Token) -> Iterator[RuleMatch]:
    """The battery lasts all day, lasts forever (pros); doesn't last long, would only last an
    hour (cons); "lasts five hours" alone says nothing."""
    children = list(verb.children)
    limited = any(c.lower_ in {"only", "barely", "hardly"} for c in children)
    lasting = any(
        c.lower_ in {"long", "forever", "ages"}
        or (c.dep_ == "npadvmod" and any(d.lower_ in {"all", "whole"} for d in c.children))
        for c in children
    )
    if not (limited or lasting):
        return
    value, negated = (-1.5, False) if limited else (1.5, _negated(verb))
    for aspect in _aspects_among(_subjects(verb)):
        yield RuleMatch("event", aspect, verb, value, negated, _intensity(verb))


def _clause_start(verb: Token) -> bool:
    """Whether only "do not", "please", "definitely" and punctuation stand before the verb in
    its clause."""
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.is_punct or token.lower_ in {"and", "but", "so", "then"}:
            return True
        if token.lower_ not in {"do", "n't", "not", "please", "definitely", "just", "also"}:
            return False
    return True


def _purchased(feeling: Token) -> list[Token]:
    """What the writer bought, when the feeling is about buying it: "I regret buying this
    laptop", "so glad I bought this camera", "happy that I chose this router"."""
    return [
        obj
        for clause in feeling.children
        if clause.dep_ in {"xcomp", "ccomp"} and clause.lemma_.lower() in lexicon.PURCHASE_VERBS
        for obj in clause.children
        if obj.dep_ in {"dobj", "obj"}
    ]


def _complaint_event(token: Token) -> Iterator[RuleMatch]:
    """The app crashes; keeps disconnecting; stopped charging after a week."""
    lemma = token.lemma_.lower()
    if token.dep_ == "ROOT" and token.tag_ == "NNS" and lemma in lexicon.COMPLAINT_VERBS:
        # The small parser reads "the app crashes" as one noun phrase; the compound is the subject.
        for aspect in _misread_subject(token):
            yield RuleMatch("event", aspect, token, -2.0, _negated(token), 1.0)
        return
    governor = token
    if (
        (token.dep_ == "xcomp" or (token.dep_ in {"dobj", "ccomp"} and token.tag_ == "VBG"))
        and token.head.lemma_.lower() in lexicon.REPEAT_VERBS | lexicon.STOP_VERBS
    ):  # "stopped charging"; "quit working", which the parser reads as an object
        governor = token.head
    elif _quick_to(token):  # "the hinge was quick to break"
        governor = token.head.head
    elif _yet_to(token):  # "the battery has yet to fail"
        governor = token.head
    stopping = governor.lemma_.lower() in lexicon.STOP_VERBS and governor is not token
    particles = [c.lemma_.lower() for c in token.rights if c.dep_ in {"prt", "advmod", "acomp"}]
    if lemma == "stick" and any(c.dep_ in {"prep", "prt", "dobj"} for c in token.children):
        return  # "the keys stick" is a fault; "stick with it", "sticks out" are not
    switching = lemma in {"shut", "switch"}
    if switching and any(c.dep_ == "auxpass" for c in token.children):
        return  # "it must be shut down": someone does it
    if (
        (lemma in lexicon.COMPLAINT_VERBS and not stopping)
        or (stopping and lemma in lexicon.WORKING_VERBS)
        or any((lemma, particle) in lexicon.COMPLAINT_PHRASES for particle in particles)
    ):
        value = -2.0
    elif lemma in lexicon.WORKING_VERBS and token.pos_ == "VERB" and _negated(token, governor):
        value = 1.5  # "never works", "does not charge": a good event, negated
    else:
        return
    # "would not shut off" is as much a fault as shutting off by itself
    negated = _negated(token, governor) and not switching
    for aspect in _aspects_among(_subjects(governor)):
        yield RuleMatch("event", aspect, token, value, negated, _intensity(token))


#: What is done to a part that failed.
_REPAIRS = frozenset({"replace", "repair", "fix"})
_POSSIBILITY = frozenset({"can", "could", "may", "might", "will", "would", "should"})


def _repaired(verb: Token) -> Iterator[RuleMatch]:
    """ "The motherboard was replaced twice", "I had the keyboard replaced", "the screen had to
    be replaced": the part failed (a con). Not what can be done ("the battery can be replaced
    easily", a pro if anything) nor an upgrade ("replaced with an SSD")."""
    if any(c.lower_ in _POSSIBILITY or c.dep_ == "neg" for c in verb.children):
        return
    if any(
        c.dep_ in {"prep", "agent"} and c.lower_ in {"with", "by", "for"} for c in verb.children
    ):
        return  # "replaced with an SSD", "replaced by a glass front"
    if any(c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in verb.children):
        return  # "that system is fixed": as it stands
    if verb.dep_ == "ccomp" and verb.head.lemma_ in {"have", "get"}:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]  # "had the keyboard replaced"
    elif any(c.dep_ == "auxpass" for c in verb.children):
        subjects = _subjects(verb)
        if not subjects and verb.dep_ == "xcomp" and verb.head.lemma_ in {"have", "need"}:
            if any(c.lower_ in _POSSIBILITY for c in verb.head.children):
                return
            subjects = _subjects(verb.head)  # "the screen had to be replaced"
    else:
        return
    for aspect in _aspects_among(subjects):
        yield RuleMatch("event", aspect, verb, -1.8, False, 1.0)


def _unbeatable(verb: Token) -> Iterator[RuleMatch]:
    """ "The price can't be beat", "you can't beat the prices": none better (a pro)."""
    if not (
        any(c.dep_ == "neg" for c in verb.children)
        and any(c.dep_ == "aux" and c.lemma_ == "can" for c in verb.children)
    ):
        return
    if any(c.dep_ == "auxpass" for c in verb.children):
        judged = _subjects(verb)
    else:
        judged = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    for aspect in _aspects_among(judged):
        yield RuleMatch("verb", aspect, verb, 2.0, False, 1.0)


def _misread_subject(verb: Token) -> list[Token]:
    """The subject of a verb the parser read as a plural noun: "the app crashes" -> app."""
    compounds = [c for c in verb.lefts if c.dep_ == "compound"]
    return [compounds[-1]] if compounds and is_aspect(compounds[-1]) else []


def _adverbial(token: Token) -> Iterator[RuleMatch]:
    """It runs smoothly; the camera works perfectly; the app loads slowly."""
    verb = token.head
    if token.dep_ == "advmod" and token.i < verb.i and _participle(verb):
        yield from _made(token, verb)
        return
    if token.dep_ != "advmod" or verb.pos_ != "VERB" or token.i < verb.i:
        return
    if verb.lemma_.lower() not in lexicon.FUNCTION_VERBS or (
        token.lower_ == "well" and any(c.lower_ == "as" for c in token.children)
    ):  # "decreased very quickly", "crashed as well": how fast it got worse, or "too"
        return
    word = token.lower_
    value = lexicon.valence(word, token.lemma_, word[:-2] if word.endswith("ly") else word)
    if not value:
        return
    if _purpose(verb):
        return  # "I need graphic power to run my apps efficiently": what it is for
    aspects = _aspects_among(_subjects(verb))
    if verb.lemma_.lower() in _HOW_IT_RUNS and all(
        a.lemma_.lower() in PRODUCT_NOUNS for a in aspects
    ):
        aspects.append(verb)  # "it runs a lot faster": how it runs is the aspect too
    for aspect in aspects:
        yield RuleMatch("adverb", aspect, token, value, _negated(verb), _intensity(token))


#: Verbs whose manner is the product's own working or its service, an aspect by itself ("it
#: runs smoothly", "shipped very quickly"); how it came or was cooked is said of its subject.
_HOW_IT_RUNS = lexicon.FUNCTION_VERBS - {"come", "arrive", "deliver", "prepare", "cook", "type"}


def _purpose(verb: Token) -> bool:
    """An infinitive of what is needed or wanted: "need graphic power to run my apps"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and any(
        t.lemma_ in {"need", "want", "like", "hope", "expect"} for t in verb.ancestors
    )


def _participle(token: Token) -> bool:
    """A past participle, also one the tagger took for an adjective ("well prepared")."""
    return token.tag_ == "VBN" or (token.pos_ == "ADJ" and token.lower_.endswith("ed"))


def _made(adverb: Token, participle: Token) -> Iterator[RuleMatch]:
    """Well prepared; very cheaply made; a poorly designed interface; beautifully presented:
    how well something was made or done. Reasonably priced: the price, named by "priced"."""
    value = lexicon.MANNER_ADVERBS.get(adverb.lower_)
    if value is None or participle.lemma_.lower() in {"know", "spend"}:
        return  # "well known", "money well spent": nothing made
    verb = participle.head if participle.dep_ in _COPULA_DEPS else participle
    if participle.lemma_.lower() == "price":
        aspects = [participle]  # "reasonably priced", "well priced": a pro of the price
    elif participle.dep_ == "amod":
        aspects = [participle.head] if is_aspect(participle.head) else []
    else:
        aspects = _aspects_among(_clause_subjects(verb))
    for aspect in aspects:
        negated = _negated(participle, verb)
        yield RuleMatch("adverb", aspect, adverb, value, negated, _intensity(adverb))


def _emoji(token: Token) -> Iterator[RuleMatch]:
    """Camera is 🔥; the screen 😍: an emoji standing as the predicate of an aspect."""
    value = lexicon.EMOJI[token.text]
    holders = [token, *(c for c in token.children if c.pos_ == "AUX")]
    if token.dep_ in _COPULA_DEPS:
        holders.append(token.head)
    for holder in holders:
        for child in holder.children:
            if child.dep_ in _SUBJECT_DEPS | {"compound"} and child.i < token.i:
                for aspect in _conjuncts(child):
                    if is_aspect(aspect):
                        yield RuleMatch("emoji", aspect, token, value, _negated(holder), 1.0)


def _trouble_noun(token: Token) -> Iterator[RuleMatch]:
    """No issues with the battery (a pro); problems with the hinge (a con)."""
    if token.lemma_.lower() not in lexicon.TROUBLE_NOUNS:
        return
    negated = (
        any(c.lower_ in {"no", "zero", "without"} for c in token.children)
        or token.head.lower_ == "without"
        or (token.dep_ in {"dobj", "obj"} and _negated(token.head))  # "have not had a problem"
    )
    for child in token.children:
        if child.dep_ == "compound" and is_aspect(child):  # "battery issues", "a design flaw"
            yield RuleMatch("trouble", child, token, -1.8, negated, 1.0)
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"with", "on", "in"}:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj":
                for aspect in _conjuncts(obj):
                    if is_aspect(aspect):
                        yield RuleMatch("trouble", aspect, token, -1.8, negated, 1.0)


def _judging_noun(token: Token) -> Iterator[RuleMatch]:
    """The ease of use, the beauty of the design, the hassle of the setup, not a fan of the
    sauce: a noun that judges what it is of."""
    value = lexicon.JUDGING_NOUNS[token.lemma_.lower()]
    negated = _negated(token, *([token.head] if token.dep_ == "attr" else []))
    for aspect in _aspects_among(_prepositional_objects(token, "of")):
        yield RuleMatch("amod", aspect, token, value, negated, _intensity(token))


def _stimulus_verb(token: Token) -> Iterator[RuleMatch]:
    """The screen impressed me; the battery disappoints; the support stinks."""
    value = lexicon.STIMULUS_VERBS.get(token.lemma_.lower())
    if value is None or token.tag_ == "VBN":  # "impressed by" is the experiencer's
        return
    if token.dep_ == "ROOT" and token.tag_ == "NNS":
        for aspect in _misread_subject(token):  # "the repair depot stinks"
            yield RuleMatch("verb", aspect, token, value, False, 1.0)
        return
    for subject in _subjects(token):
        if subject.dep_ != "nsubj":
            continue
        for aspect in _conjuncts(subject):
            if is_aspect(aspect):
                yield RuleMatch("verb", aspect, token, value, _negated(token), _intensity(token))


def _experiencer(token: Token) -> Iterator[RuleMatch]:
    """Happy with the screen; disappointed by the battery; addicted to the game."""
    value = lexicon.EXPERIENCER_ADJECTIVES.get(token.lower_)
    if value is None or any(c.dep_ == "prt" for c in token.children):
        return  # "hooked up to the projector" is a connection, not a feeling
    holders = [token]
    if token.dep_ in _COPULA_DEPS:
        holders.append(token.head)  # "I am happy with it": the parser may hang "with" on "am"
    for holder in holders:
        for prep in holder.children:
            if (
                prep.dep_ not in {"prep", "agent"}
                or prep.lower_ not in lexicon.EXPERIENCER_PREPOSITIONS
            ):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for aspect in _conjuncts(obj):
                    if is_aspect(aspect):
                        negated = _negated(token, *holders[1:])
                        yield RuleMatch("feeling", aspect, token, value, negated, _intensity(token))
    for aspect in _aspects_among(_purchased(token)):
        negated = _negated(token, *holders[1:])
        yield RuleMatch("feeling", aspect, token, value, negated, _intensity(token))


def _lack(token: Token) -> Iterator[RuleMatch]:
    """Lacks a backlit keyboard; a lack of ports: what is missing is a con."""
    if token.lemma_.lower() not in lexicon.LACK_WORDS:
        return
    if token.pos_ == "VERB":
        objects = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
    else:
        objects = _prepositional_objects(token, "of")
    for aspect in _aspects_among(objects):
        yield RuleMatch("lack", aspect, token, -1.5, _negated(token), 1.0)


#: Words that may stand between the noun and the adjective of shorthand: "portions very small".
_SHORTHAND_CUES = lexicon.INTENSIFIERS | lexicon.HEDGES | {"not", "never", "a", "too", "quite"}
_CLAUSE_JOINS = frozenset({"and", "but", "though", "although", "while"})


def _shorthand(sentence: Span, adjectives: list[Token]) -> Iterator[RuleMatch]:
    """Screen great, battery awful; the food was good and the portions very small.

    Verbless clauses, common in reviews and posts, which the parser gets wrong: read off the
    words in order. A noun phrase that starts a clause, then (after degree words) an opinion word
    that ends it. Only for opinion words no dependency rule has used (``adjectives``).
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
