"""What the parse says around an opinion word: subjects, negation, degree, valence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from pipeline.nlp import lexicon
from pipeline.nlp.aspects import NOT_ASPECTS, PRODUCT_NOUNS, aspect_key, split_product_word
from pipeline.nlp.rules.aspect import (
    _COPULA_DEPS,
    _SUBJECT_DEPS,
    _fixed_name,
    _hyphen_part,
    aspect_tokens,
    is_aspect,
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
    ("price", "right"): 1.5,  # "the price is right"
    ("bill", "steep"): -1.8,  # "the $300 bill was a bit steep"
    ("bill", "high"): -1.5,
    ("bill", "reasonable"): 1.5,
    ("size", "right"): 1.5,  # "the right size and weight for portability"
    ("size", "reasonable"): 1.2,  # "the keyboard is reasonable size"
    ("portion", "reasonable"): 1.2,
    ("weight", "right"): 1.5,
    # "value" is grouped with the price, but low value for money is a con
    ("value", "low"): -1.5,
    ("value", "high"): 1.5,
    # "high quality", "the wireless card is low quality"
    ("quality", "high"): 1.5,
    ("quality", "low"): -1.5,
    ("quality", "top"): 1.8,  # "the product is top quality"
    # "the resolution is higher than any other laptop", "a low frame rate"
    ("resolution", "high"): 1.5,
    ("resolution", "low"): -1.5,
    ("frame rate", "high"): 1.5,
    ("frame rate", "low"): -1.5,
    ("battery", "long"): 1.5,
    ("battery", "short"): -1.5,
    ("life", "long"): 1.5,  # "the battery has a long life"
    ("life", "short"): -1.5,
    ("battery", "hot"): -1.5,  # "the battery gets so hot"
    ("battery", "warm"): -1.2,
    **dict.fromkeys(  # "the phone gets hot in my pocket", "the phone gets warm when gaming"
        (
            (device, heat)
            for device in "phone laptop computer device charger console tablet machine".split()
            for heat in ("hot", "warm")
        ),
        -1.5,
    ),
    ("loading", "long"): -1.5,
    ("load time", "long"): -1.5,  # "the load times are long"
    ("loading time", "long"): -1.5,
    ("load", "long"): -1.5,
    ("queue", "long"): -1.5,
    ("wait", "long"): -1.5,
    ("storage", "small"): -1.2,
    **dict.fromkeys((("screen", "small"), ("display", "small")), -0.8),
    ("portion", "huge"): 1.5,
    ("portion", "large"): 1.5,
    ("portion", "big"): 1.5,
    ("portion", "small"): -1.5,
    ("portion", "tiny"): -1.8,
    ("food", "cold"): -1.5,
    # served cold: a drink should be, a hot dish should not ("the pizza was delivered cold";
    # "fries" by its lemma)
    **dict.fromkeys(((drink, "cold") for drink in "beer drink soda water".split()), 1.2),
    **dict.fromkeys(((dish, "cold") for dish in "pizza soup fry coffee meal".split()), -1.5),
    # dry meat, fish or cake is overcooked or stale ("the chicken was extremely dry"); a dry
    # wine is a kind, not a fault (no entry)
    **dict.fromkeys(
        (
            (dish, "dry")
            for dish in "chicken meat steak pork turkey beef fish salmon lamb duck burger "
            "cake bread rice food".split()
        ),
        -1.5,
    ),
    ("food", "cheap"): 1.2,  # cheap food is a bargain; a cheap hinge is not (no entry)
    # a big screen is a pro ("display" is the same thing: a synonym of devices only)
    **dict.fromkeys(
        ((screen, size) for screen in ("screen", "display") for size in ("big", "large", "huge")),
        1.2,
    ),
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
    ("money", "good"): 0.0,  # "customers who pay good money": a sum, not a verdict
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
    # Which one, or a wish: "the latest firmware", "advanced controls",
    # "interested in selling warranties".
    "latest advanced interested "
    # Nouns VADER scores in another sense: "the real kicker is the chicken".
    "chicken goodness "
    # Lukewarm: "the food was just OK" is not a pro anyone acts on.
    "ok okay fine "
    # Slang that praises or blames by context: "the camera is insane", "the lag is insane".
    "insane sick "
    # Certainty, not quality: "be sure not to make special requests".
    "sure "
    # An activity VADER scores as fun: "zombies that are played by other players".
    "play played playing".split()
)


_ASPECT_DEPENDENT = frozenset(word for _, word in ASPECT_ADJECTIVES)


#: Lukewarm words that judge after "just" or "only": "the food was just OK" (a con), "the sound
#: is just fine", "it works just fine", "the size is just right" (pros); alone, they judge
#: nothing.
_LIMITED_LUKEWARM = {"ok": -1.2, "okay": -1.2, "fine": 1.2, "right": 1.5}


def _just(token: Token) -> bool:
    """Whether "just" or "only" stands right before the word, on it or on its linking verb
    ("was just OK" hangs "just" on "was")."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (
        before is not None
        and before.lower_ in {"just", "only", "merely"}
        and before.head.i in {token.i, token.head.i}
        and (token.lower_ not in {"fine", "right"} or before.lower_ == "just")
    )


def _may_judge(token: Token) -> bool:
    """Whether the word can carry an opinion at all: cheap, before any aspect is looked for."""
    return (
        token.lemma_.lower() in _ASPECT_DEPENDENT
        or bool(lexicon.valence(token.lower_, token.lemma_))
        or bool(_predicate_noun(token))
        or (_hyphen_suffix(token) and bool(lexicon.valence(token.nbor(-2).lower_ + token.lower_)))
        or bool(_prefix_apart(token))
        or bool(_quality_of_kind(token))
        or _too(token)
        or _enough(token)
        or (token.lower_ in _LIMITED_LUKEWARM and _just(token))
    )


def _predicate_noun(token: Token) -> float | None:
    """The verdict of a noun said of its subject: "Vista is a nightmare", "it was a steal";
    0 for "is no joke", which may praise ("no bargain" is negated praise); None for a word that
    is no such noun here."""
    lemma = token.lemma_.lower()
    if lemma == "bomb" and token.dep_ == "attr":
        # slang: "this phone is the bomb"; "the game was a bomb" at launch: a flop
        return 2.5 if any(c.lower_ == "the" for c in token.lefts) else -1.8
    if token.dep_ == "attr" and (
        (lemma == "rip" and any(c.lower_ == "off" for c in token.rights))
        or (lemma == "off" and any(c.lower_ == "rip" for c in token.lefts))
    ):
        return -2.0  # "it's a rip off", "a rip-off" (the tokenizer splits it at the hyphen)
    if lemma == "nothing" and token.dep_ == "attr" and _nothing_much(token):
        return -1.5  # "the food is nothing special", "nothing to write home about"
    if token.dep_ != "attr" or lemma not in lexicon.PREDICATE_NOUNS:
        return None
    if lemma == "joke" and any(c.lower_ == "no" for c in token.lefts):
        return 0.0
    return lexicon.PREDICATE_NOUNS[lemma]


def _nothing_much(nothing: Token) -> bool:
    """ "Nothing special", "nothing great", "nothing to write home about": no more than
    ordinary (not "nothing wrong", "nothing bad", which are praise the rules leave alone)."""
    for child in nothing.rights:
        if child.dep_ == "amod" and (
            child.lower_ == "special" or lexicon.valence(child.lower_, child.lemma_) > 0
        ):
            return True
        if (
            child.dep_ == "relcl"
            and child.lemma_ == "write"
            and "home" in {c.lower_ for c in child.children}
        ):
            return True
    return False


def _enough(token: Token) -> bool:
    """Big enough, fast enough: as much as wanted."""
    return any(c.dep_ == "advmod" and c.lower_ == "enough" for c in token.rights)


#: Praise that "too" only strengthens in casual writing: "it's too good", "too cute".
_TOO_PRAISE = frozenset("good great cute funny nice perfect awesome amazing".split())


def _too(token: Token) -> bool:
    """Too slick, too salty, too small, too easy to press by accident: more than wanted is a
    con, whatever the word; but not "too good to be true" or "too much". And "a bit much"."""
    return _a_bit_much(token) or (
        token.pos_ == "ADJ"
        and token.lower_ not in _TOO_PRAISE
        and token.lemma_.lower() not in {"much", "many", "few", "late", "early"}
        and any(c.lower_ == "too" and c.dep_ == "advmod" for c in token.children)
        and (
            token.lemma_.lower() in lexicon.EASE_ADJECTIVES
            or not any(c.dep_ in {"xcomp", "ccomp", "advcl"} for c in token.children)
        )
    )


def _a_bit_much(token: Token) -> bool:
    """ "The ads are a bit much", "the price premium is a little much": more than wanted."""
    doc, i = token.doc, token.i
    return (
        token.lower_ == "much"
        and token.dep_ in {"acomp", "attr"}
        and i >= 2
        and doc[i - 2].lower_ == "a"
        and doc[i - 1].lower_ in {"bit", "little"}
    )


def _easy_mishap(token: Token) -> bool:
    """Easy to do what no one wants: "easy to scratch", "the keys are easy to misdial"."""
    return lexicon.EASE_ADJECTIVES.get(token.lemma_.lower(), 0) > 0 and any(
        c.dep_ in {"xcomp", "acl", "advcl"} and c.lemma_.lower() in lexicon.MISHAPS
        for c in token.children
    )


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """An aspect head and the opinion word about it, with how the rule judged them."""

    rule: str
    aspect: Token
    opinion: Token
    valence: float
    negated: bool
    intensity: float


_CONTRASTS = frozenset({"but", "though", "although", "however", "yet", "while", "whereas"})


def _subjects(verb: Token) -> list[Token]:
    """The verb's subject; of two, the nearer, since the parser then has misread a clause.

    In "Good game, but the AI is dumb" the small model makes both "game" and "AI" subjects of
    "is"; only "AI" is dumb. Two subjects with only a comma between them are a list
    ("the editor, the search and the sync are excellent"), and both are kept.
    """
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and not _hyphen_part(c)]
    before = sorted(s for s in subjects if s.i < verb.i)
    doc = verb.doc
    if len(before) > 1 and (
        any(
            t.lower_ in _CONTRASTS or t.pos_ in {"VERB", "AUX"}
            for t in doc[before[-2].i + 1 : before[-1].i]
        )
        # "Even though its fine sushi, the bill is far too high": the first subject is
        # the subordinate clause's
        or any(c.dep_ == "mark" and c.i < before[0].i for c in verb.children)
    ):
        subjects = [before[-1]]
    if verb.dep_ in {"relcl", "advcl"} and verb.head.pos_ == "VERB" and verb.head.i < verb.i:
        # "the drive pops open, which is annoying": "which" stands for what the clause says,
        # of its subject
        subjects = [t for s in subjects for t in (_subjects(verb.head) if _which(s) else [s])]
    elif verb.dep_ == "relcl":
        # "a pre-theater menu that is outstanding": the relative pronoun stands for the noun.
        subjects = [verb.head if s.tag_ in {"WDT", "WP"} else s for s in subjects]
    return subjects


def _which(word: Token) -> bool:
    return word.lower_ == "which" and word.tag_ == "WDT"


def _raised_subjects(verb: Token) -> list[Token]:
    """The subjects of the verb an infinitive completes, which they are the subjects of too:
    "the processor seems to perform better", "the app tends to run smoothly"."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _RAISING:
        return _subjects(verb.head)
    return []


#: Verbs whose subject is their infinitive's: "seems to run", "keeps running".
_RAISING = frozenset({"seem", "appear", "tend", "continue", "start", "begin", "happen"})


def _first_verbs_subjects(verb: Token) -> list[Token]:
    """The subjects of the verb a verb right after "and" follows, which it shares where it has
    none of its own: "the main course had a small portion and was decent". Not after a noun
    the parser left without a verb ("the search is instant and sync works": the sync's)."""
    if verb.dep_ != "conj" or verb.head.pos_ not in {"VERB", "AUX"}:
        return []
    before = verb.i - 1
    while before > verb.head.i and verb.doc[before].pos_ in {"ADV", "AUX", "PART"}:
        before -= 1  # "and really works", "and was never"
    if verb.doc[before].pos_ not in {"CCONJ", "PUNCT"}:
        return []
    return _subjects(verb.head)


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
    was overpowering": "sauce" on "was"; "interface" on "looks" in "the interface looks
    dated"), or, for "to be" under "seems", "tends", the governing verb's ("the battery life
    seems to be very good")."""
    subjects = _subjects(verb) or [
        s for aux in verb.children if aux.dep_ in {"aux", "auxpass"} for s in _subjects(aux)
    ]
    if not subjects and verb.dep_ == "xcomp" and verb.lemma_ == "be":
        subjects = _subjects(verb.head)
    return subjects


def _comma_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a comma stands among the tokens from ``start`` to before ``end``: a list's
    items, or a circumstance set off from its clause."""
    return any(t.text == "," for t in doc[start:end])


def _line_break(token: Token) -> bool:
    """Whether the token is whitespace that ends a line: a title from its body, list items,
    quoted lines (the small parser often joins them into one sentence)."""
    return token.is_space and "\n" in token.text


def _mended(trouble: Token) -> bool:
    """A fault said to be fixed, as change logs write: "Image paste crash fixed", "sync
    issue resolved"."""
    if trouble.pos_ != "NOUN":
        return False
    if trouble.dep_ in _SUBJECT_DEPS and trouble.head.lemma_.lower() in _MENDING:
        return True  # "Sync issue resolved in 3.2"
    if trouble.dep_ in _SUBJECT_DEPS and _said_gone(trouble.head):
        return True  # "the lag is finally gone": _gone_away's
    return any(c.dep_ in {"acl", "amod"} and c.lemma_.lower() in _MENDING for c in trouble.children)


_MENDING = frozenset({"fix", "repair", "resolve", "solve"})


def _said_gone(verb: Token) -> bool:
    """ "gone", or "is" with "gone" after it: "the lag is gone", "drain is gone"."""
    return verb.lower_ == "gone" or any(
        c.lower_ == "gone" and c.dep_ in {"acomp", "ROOT"} for c in (*verb.children, verb.head)
    )


#: Words that say there is none of a noun: "no bugs", "holds zero charge".
_NONE_WORDS = frozenset({"no", "zero"})
#: Adverbs that make "any" almost none: "hardly any memory".
_SCARCELY = frozenset({"hardly", "barely", "scarcely"})


def _none_word(token: Token) -> bool:
    """ "no" or "zero" before its noun: "has no dark mode", "held zero charge"; "hardly any":
    "there is hardly any memory"."""
    if token.lower_ == "any":
        return token.i > 0 and token.nbor(-1).lower_ in _SCARCELY
    return token.lower_ in _NONE_WORDS and token.dep_ in {"det", "nummod"}


def _the_product(token: Token) -> bool:
    """A word for the product as a whole: "it", "this", a product noun ("this phone")."""
    if token.lower_ in {"it", "this"} or token.lemma_.lower() in PRODUCT_NOUNS:
        return True
    before = token.nbor(-1) if token.i > 0 else None  # "the net book", "this lap top"
    return before is not None and split_product_word(before.lower_, token.lemma_.lower())


def _aspects_among(tokens: Iterable[Token], *, named: bool = False) -> list[Token]:
    """The aspects among the tokens and the tokens coordinated with them, and "it" or "this"
    where it stands for the product (``_pronoun_product``), unless only ``named`` ones are
    wanted ("this is a great phone" names the phone; "we had the tuna and it was cooked
    perfectly" names the tuna, which "it" stands for)."""
    wanted = _named if named else _judgeable
    return [aspect for token in tokens for aspect in _conjuncts(token) if wanted(aspect)]


def _named(token: Token) -> bool:
    """An aspect, or a pronoun standing for one named before it."""
    return is_aspect(token) or _antecedent(token) is not None


def _judgeable(token: Token) -> bool:
    """An aspect, or "it" or "this" standing for the product."""
    return is_aspect(token) or _pronoun_product(token) or _antecedent(token) is not None


def _category(head: Token) -> bool:
    """A word for the product that names its kind rather than it: "most laptops are awful to
    type on", "every phone cracks" (but "our phones", "these laptops" are the writer's)."""
    if head.dep_ == "pobj" and head.head.head.lower_ == "one":
        return False  # "one of the best purchases we made": this one
    phrase = head.head if head.dep_ == "compound" else head  # "every phone cracks", misread
    if any(c.lower_ in {"every", "any", "each", "no"} for c in (*head.lefts, *phrase.lefts)):
        return True  # "every phone cracks from a drop"
    if former(phrase):
        return True  # "my old laptop was terrible": the one before this
    return head.tag_ in {"NNS", "NNPS"} and not any(
        c.lower_ in {"my", "our", "these", "both"} for c in head.lefts
    )


#: Words for a product the writer had before the one reviewed: "my old laptop".
_FORMER = frozenset({"old", "older", "previous", "former", "last", "prior", "past", "earlier"})


def former(token: Token) -> bool:
    """A word for a product the writer had before: "my old laptop", "my previous phone" (not
    "my 3 year old laptop", which is this one grown old)."""
    return any(
        c.lower_ in _FORMER and c.dep_ == "amod" and not any(c.children) for c in token.lefts
    )


def _pronoun_product(token: Token) -> bool:
    """ "It crashes", "I love it", "I highly recommend this": "it" or "this" with nothing named
    before it in its line that it could stand for, as reviews write for the product. Not "I
    bought a case and it broke"; not the "it" of "it is great to see updates" or "it would be
    nice if ..."; not "this" said to be something ("this is a common problem", "this is
    really stupid": the matter just told), nor a shouted "THIS" (the tagger's, for "THIS
    PRODUCT"; the line's lower-case reading has it). "Mine" as a subject is the writer's
    own one ("Mine stopped charging after three weeks")."""
    if token.lower_ == "mine" and token.dep_ in _SUBJECT_DEPS:
        return not _named_before(token)
    if token.pos_ != "PRON" or token.lower_ not in {"it", "this"} or token.is_upper:
        return False
    head = token.head
    if (
        token.lower_ == "this"
        and token.dep_ in _SUBJECT_DEPS
        and head.lemma_ == "be"
        # "this is a steal", "this is a winner": said of the product
        and not any(
            c.dep_ == "attr" and c.lemma_.lower() in lexicon.PREDICATE_NOUNS for c in head.children
        )
    ):
        return False
    return not _named_before(token) and not _dummy(token)


def _antecedent(pronoun: Token) -> Token | None:
    """What "it" or "they" stands for where its sentence named it before: the nearest aspect
    before the pronoun, of its number ("We ordered the pasta and it was delicious", "the
    waiters ignored us and they were rude"; not the product, which a pronoun stands for
    anyway, nor a thing of the other number: "I bought cables and it ..." names nothing).
    A subject that opens its sentence carries on the subject of the sentence before ("The
    battery? It is great.", "The case looked nice. It broke in a week.")."""
    lower = pronoun.lower_
    if pronoun.pos_ != "PRON" or lower not in _REFERRING or pronoun.is_upper:
        return None
    doc, sentence = pronoun.doc, pronoun.sent
    if pronoun.dep_ in _SUBJECT_DEPS and not any(
        t.pos_ in {"NOUN", "PROPN", "PRON"} for t in doc[sentence.start : pronoun.i]
    ):
        return _carried_on(pronoun, sentence.start)
    for i in range(pronoun.i - 1, sentence.start - 1, -1):
        word = doc[i]
        if _line_break(word):
            return None
        if word.dep_ == "compound" or word.lemma_.lower() in PRODUCT_NOUNS or not is_aspect(word):
            continue
        named = word.dep_ in _ANTECEDENT_DEPS or (
            word.dep_ == "conj" and word.head.dep_ in _ANTECEDENT_DEPS
        )
        if not named or not _referent(word, pronoun) or _dummy(pronoun):
            return None  # "in April", "a Dell", "cables", "this beauty": not what it stands for
        clause = _clause_of(pronoun)
        spliced = word.head.dep_ == "ccomp" and word.head.head.i == clause.i
        if not spliced and (
            clause.head.i != word.head.i or clause.dep_ not in {"conj", "advcl", "ccomp"}
        ):
            # the next clause on from the noun's, not one further on; the parser hangs a
            # clause before a comma on the next ("she had chicken, it was good")
            return None
        if word.dep_ in _SUBJECT_DEPS and pronoun.dep_ not in _SUBJECT_DEPS:
            return None  # "the price is steep but I don't regret it": the buying
        return word
    return None


def _clause_of(word: Token) -> Token:
    """The verb of the clause a word is in, through the words it hangs on ("happy with it":
    "am")."""
    clause = word.head
    while clause.pos_ not in {"VERB", "AUX"} and clause.dep_ in {"prep", "pobj", "acomp", "dobj"}:
        clause = clause.head
    return clause


def _carried_on(pronoun: Token, start: int) -> Token | None:
    """The subject of the sentence before, on the same line, that a subject pronoun opening
    its sentence (at ``start``) stands for; or that sentence itself, a noun ("The battery?")."""
    if _dummy(pronoun) or (before := _sentence_before(pronoun.doc, start)) is None:
        return None
    root = before.root
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for word in subjects or ([root] if root.pos_ == "NOUN" else []):
        if _referent(word, pronoun):
            return word
    return None


def _sentence_before(doc: Doc, start: int) -> Span | None:
    """The sentence that ends right before ``start``, where it is on the same line."""
    if start == 0:
        return None
    before = doc[start - 1].sent
    return None if any(_line_break(t) for t in doc[before.start : start]) else before


def asked_about(answer: Span) -> Token | None:
    """The aspect a question of a bare noun, right before ``answer`` on its line, asks about;
    a verdict with no subject answering it judges that ("Battery life? Amazing.", "Price? Too
    high."). None after any other sentence ("Is it worth it? Absolutely.")."""
    asked = _sentence_before(answer.doc, answer.start)
    if asked is None or asked[-1].text != "?":
        return None
    if any(t.pos_ in {"VERB", "AUX", "PRON"} for t in asked):
        return None
    root = asked.root
    return root if root.pos_ in {"NOUN", "PROPN"} and is_aspect(root) else None


def _referent(word: Token, pronoun: Token) -> bool:
    """A noun "it" or "they" can stand for: a common noun naming an aspect, not the product,
    of the pronoun's number, that does not judge by itself ("this beauty")."""
    return (
        word.pos_ == "NOUN"
        and is_aspect(word)
        and word.lemma_.lower() not in PRODUCT_NOUNS
        and (word.tag_ in {"NNS", "NNPS"}) == (pronoun.lower_ != "it")
        and (word.lower_ in NOT_OPINIONS or not lexicon.valence(word.lower_))  # "chicken"
    )


#: Where a noun stands to be what a later "it" or "they" stands for: subject or object.
_ANTECEDENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


#: Pronouns that stand for a thing named before them: "it" one, "they" and "them" several.
_REFERRING = frozenset({"it", "they", "them"})


def _dummy(pronoun: Token) -> bool:
    """The "it" of "it is great to see updates", "I hate it when ...": standing for a clause."""
    head = pronoun.head
    holders = [head, *(c for c in head.children if c.dep_ in {"acomp", "attr"})]
    if pronoun.dep_ == "dobj" and any(c.i > pronoun.i and _when_clause(c) for c in head.children):
        return True  # "I really like it when the title matches", "I hate it when ..."
    return any(c.i > pronoun.i and _extraposed(c) for h in holders for c in h.children)


def _when_clause(clause: Token) -> bool:
    """A clause of when or whether: "(I love it) when the app syncs", "if ..."."""
    return clause.dep_ == "advcl" and any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in {"when", "whenever", "if"} and c.i < clause.i
        for c in clause.children
    )


def topic_of(token: Token) -> Token | None:
    """The aspect a sentence is said to be about with "-wise": "Performance-wise it is
    excellent", "Price wise, it's a steal", "very fortunate, location wise" (the performance,
    the price, the location); or with a phrase that opens it: "As for the service, it was
    great", "When it comes to battery life, it is the best"."""
    wise_words = _wise_words(token.doc)
    if wise_words:
        sentence = token.sent
        for i in wise_words:
            wise = token.doc[i]
            if sentence.start <= i < sentence.end and i != token.i and _wise_suffix(wise):
                noun = wise.nbor(-2) if wise.nbor(-1).text == "-" else wise.nbor(-1)
                return noun if is_aspect(noun) else None
    return _opening_topic(token)


#: Phrases that open a sentence with what it is about: "As for the service, ...".
_TOPIC_OPENERS = (
    ("as", "for"),
    ("as", "far", "as"),
    ("when", "it", "comes", "to"),
    ("in", "terms", "of"),
    ("regarding",),
    ("concerning",),
    ("speaking", "of"),
)
_OPENING_WORDS = frozenset(opener[0] for opener in _TOPIC_OPENERS)
#: Where a topic phrase ends: "As for the food, ...", "As far as the service goes ...".
_TOPIC_ENDS = frozenset({",", ":", ";", "-", "--", "—", "–", "goes", "go", "concerned"})


def _opening_topic(token: Token) -> Token | None:
    """The aspect a phrase opening the sentence names, for a word after the phrase: "As for
    the service, it was great", "As far as the battery goes, no problems" (the service, the
    battery); not "the screen is great as far as I can tell"."""
    for start, end, phrase_end, topic in _opening_topics(token.doc):
        if start <= token.i < end:
            return token.doc[topic] if token.i > phrase_end and topic >= 0 else None
    return None


def _opening_topics(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(sentence start, sentence end, where its topic phrase ends, the topic's index or -1)
    for each sentence of the doc a topic phrase opens; worked out once per doc."""
    found = doc.user_data.get(_OPENING_KEY)
    if found is None:
        found = doc.user_data[_OPENING_KEY] = [
            phrase for sentence in doc.sents if (phrase := _topic_phrase(sentence)) is not None
        ]
    return found


_OPENING_KEY = "pros_cons.opening_topics"


def _topic_phrase(sentence: Span) -> tuple[int, int, int, int] | None:
    doc = sentence.doc
    start = sentence.start
    while start < sentence.end and doc[start].pos_ in {"CCONJ", "PUNCT", "SPACE"}:
        start += 1  # "And as for the price, ..."
    if start == sentence.end or doc[start].lower_ not in _OPENING_WORDS:
        return None  # most sentences: at once
    words = [t.lower_ for t in doc[start : min(start + 4, sentence.end)]]
    opener = next((o for o in _TOPIC_OPENERS if tuple(words[: len(o)]) == o), None)
    if opener is None:
        return None
    phrase_start = start + len(opener)
    for i in range(phrase_start, min(phrase_start + 8, sentence.end)):
        if doc[i].lower_ in _TOPIC_ENDS or doc[i].is_punct:
            if doc[i].lower_ not in _TOPIC_ENDS:
                return None
            nouns = [
                t
                for t in doc[phrase_start:i]
                if t.pos_ in {"NOUN", "PROPN"} and t.dep_ != "compound"
            ]
            topic = nouns[0].i if nouns and is_aspect(nouns[0]) else -1
            return sentence.start, sentence.end, i, topic
    return None


def _wise_words(doc: Doc) -> list[int]:
    """Where "wise" is in the doc, looked up once per doc (most have none)."""
    found = doc.user_data.get(_WISE_KEY)
    if found is None:
        lower = doc.to_array("LOWER")  # in C: a loop over the tokens would build each one
        found = doc.user_data[_WISE_KEY] = [int(i) for i in (lower == _WISE).nonzero()[0]]
    return found


_WISE_KEY = "pros_cons.wise"
_WISE = get_string_id("wise")


def _wise_suffix(token: Token) -> bool:
    """The "wise" of "price wise", "performance-wise": about, not clever."""
    if token.lower_ != "wise" or token.i < 1:
        return False
    before = token.nbor(-1)
    if before.text == "-" and token.i >= 2:
        before = token.nbor(-2)
    return before.pos_ in {"NOUN", "PROPN"}


def _named_before(pronoun: Token) -> bool:
    """Whether something other than the product is named before the pronoun in its line: in
    its sentence ("I bought a case and it broke"), or, for a subject, which carries on what
    was spoken of, as the subject, object or whole of the sentence before ("The battery? It
    is great.", "The camera is amazing. It takes great photos."; but "The combat is deep.
    Love it." loves the game)."""
    doc, sentence = pronoun.doc, pronoun.sent
    subject = pronoun.dep_ in _SUBJECT_DEPS
    before = doc[sentence.start - 1].sent if subject and sentence.start > 0 else None
    topic = topic_of(pronoun)
    topic_i = topic.i if topic is not None else -1
    for i in range(pronoun.i - 1, before.start - 1 if before else sentence.start - 1, -1):
        word = doc[i]
        if _line_break(word):
            return False
        if word.lemma_.lower() in PRODUCT_NOUNS or not is_aspect(word) or word.i == topic_i:
            continue
        if i >= sentence.start or word.dep_ in _NAMING_DEPS:
            return True
    return False


#: The places of a noun in a sentence that name what the next sentence's "it" is.
_NAMING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "ROOT", "conj"})


#: Nouns whose "that" clause is what a dummy "it" stands for: "it's a shame that ...".
_CLAUSE_NOUNS = frozenset({"shame", "pity", "wonder", "surprise", "miracle", "relief"})


def _extraposed(clause: Token) -> bool:
    """A clause the dummy "it" stands for: "(it is great) to see updates", "(it's a shame)
    that it broke", "(it would be nice) if it had more storage", "doing this"."""
    if clause.dep_ in {"xcomp", "ccomp"}:
        # "it used to be great": the product, once great; "it stopped charging": a gerund
        # completes the verb, it stands for no clause
        return not _used_to(clause) and not (clause.dep_ == "xcomp" and clause.tag_ == "VBG")
    marks = {m.lower_ for m in clause.children if m.dep_ == "mark"}
    if clause.dep_ == "relcl":  # "it's a shame that ...", read as a relative clause
        return (
            clause.head.lemma_.lower() in _CLAUSE_NOUNS
            and clause.doc[clause.left_edge.i].lower_ == "that"
        )
    return clause.dep_ == "advcl" and (clause.tag_ == "VBG" or "if" in marks)


#: Linking verbs of a sense, which name the aspect when the subject is the product itself.
_SENSE_VERBS = frozenset({"look", "feel", "sound", "smell", "taste"})
#: Verbs of how a thing comes across: "feels cheap", "looks cheap", "seems cheap".
_SEEMING = _SENSE_VERBS | {"seem"}


def _word_valence(token: Token, aspect: Token | None = None) -> float:
    """The opinion word's valence, about ``aspect`` when the word's sense depends on it."""
    word = token.lemma_.lower()
    if _too(token) or _easy_mishap(token):
        return -1.5
    if (predicate := _predicate_noun(token)) is not None:
        return predicate
    if _enough(token):  # "big enough" is a pro, "not big enough" a con
        return max(lexicon.valence(token.lower_, token.lemma_), 1.2)
    if aspect is not None and word in _ASPECT_DEPENDENT:
        head = aspect.lemma_.lower()
        for noun in (head, aspect_key([t.lemma_ for t in aspect_tokens(aspect, token.i)])):
            if (noun, word) in ASPECT_ADJECTIVES:
                return ASPECT_ADJECTIVES[(noun, word)]
    if token.lower_ in _LIMITED_LUKEWARM and _just(token):
        return _LIMITED_LUKEWARM[token.lower_]  # "just OK" is a con, "works just fine" a pro
    if word in NOT_OPINIONS or token.lower_ in NOT_OPINIONS:
        return 0.0  # "own", "huge", "special": which one or how much, not how good
    if _wise_suffix(token):
        return 0.0  # "price wise", "performance-wise": what the clause is about
    if word == "cheap" and token.dep_ == "acomp" and token.head.lemma_ in _SEEMING:
        return -1.5  # "the vibration motor feels cheap", "the case looks cheap"
    if token.lower_ == "thanks" and any(c.lower_ == "to" for c in token.children):
        return 0.0  # "easier thanks to the bundle": because of, not gratitude
    if word == "wear" and any(c.dep_ == "agent" for c in token.children):
        return 0.0  # "hats can be worn by a class": put on, not worn out
    if token.dep_ in {"amod", "compound"} and _fixed_name(token):
        return 0.0
    if word == "ass" and token.i > 0 and token.nbor(-1).lower_ in {"kick", "kicks", "bad"}:
        return lexicon.valence("kickass")  # "a KICK ASS firewall" (VADER: "ass" is a con)
    if word == "killer" and token.dep_ in {"amod", "compound"}:
        return 2.0  # slang praise before a noun: "killer sushi" (VADER: a murderer)
    if word == "mid" and (
        (token.dep_ in {"amod", "compound", "nmod"} and token.head.lower_ not in NOT_ASPECTS)
        or (token.i + 1 < len(token.doc) and token.nbor(1).text[:1].isdigit())
    ):
        # "the mid 90s", "the mid town location"; "the game is mid", "pretty mid ngl" is slang
        return 0.0
    if _hyphen_suffix(token):
        prefix = token.doc[token.i - 2].lower_
        if word == "like" or prefix in {"anti", "semi", "multi", "pro"}:
            return 0.0  # "block-like keys", "anti-cheat improvements"
        if prefix not in {"un", "non"} and (joined := lexicon.valence(prefix + token.lower_)):
            return joined  # "under-cooked", "over-priced" ("un-tasty" is negated: _negated)
    if token.tag_ in {"VBN", "VBD"}:  # "smoothed" is not "smooth", "crowded" not "crowd"
        value = lexicon.valence(token.lower_)
    else:
        value = lexicon.valence(token.lower_, token.lemma_)
    # "way over priced"; "a quality product"
    return value or _prefix_apart(token) or _quality_of_kind(token)


def _quality_of_kind(token: Token) -> float:
    """ "Quality" alone before a noun, which says it is of high quality: "a quality product",
    "quality ingredients"; not "quality control", "quality issues", nor a grade of it ("photo
    quality paper", "lower quality construction"; 0 elsewhere)."""
    if token.lower_ != "quality" or token.dep_ not in {"amod", "compound"} or token.n_lefts:
        return 0.0
    head, before = token.head, token.doc[token.i - 1] if token.i else token
    if (
        head.i != token.i + 1
        or (before is not token and before.pos_ in _GRADING)  # "the same quality construction"
        or head.dep_ == "compound"  # "the quality value decrease"
        or head.lemma_.lower() in _QUALITY_TERMS
    ):
        return 0.0
    return 1.5


#: Words before "quality" that grade it ("lower quality", "same quality", "photo quality").
_GRADING = frozenset({"ADJ", "ADV", "NOUN", "PROPN", "NUM"})
#: Nouns "quality" makes a term with rather than praises: "quality control", "quality issues".
_QUALITY_TERMS = (
    frozenset({"control", "assurance", "check", "standard", "setting", "level"})
    | lexicon.TROUBLE_NOUNS
)


def _prefix_apart(token: Token) -> float:
    """The valence of "over" or "under" and the word, written apart: "way over priced", "the
    steak was over cooked" (0 where the two make no opinion word)."""
    if token.i == 0 or token.doc[token.i - 1].lower_ not in {"over", "under"}:
        return 0.0
    return lexicon.valence(token.doc[token.i - 1].lower_ + token.lower_)


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
        if _negated_from_above(token):
            return True
        before = token.nbor(-1).lower_ if token.i >= 2 else ""
        if before == "than" and token.nbor(-2).lower_ == "less":
            return True  # "less than impressive"
        if before == "-" and token.nbor(-2).lower_ in {"non", "un"}:
            return True  # "non-intrusive", "un-tasty"
        if before == "not" and token.nbor(-1).head.i != token.i and token.dep_ == "conj":
            return True  # "satisfactory, not outstanding": "not" hung on the first word
        for child in token.children:
            dep, word = child.dep_, child.lower_
            if (dep == "neg" or word in _NEGATING_ADVERBS) and not _not_just(child):
                if child.i > token.i and any(t.is_punct for t in token.doc[token.i : child.i]):
                    continue  # "satisfactory, not outstanding": the next word's
                return True
            if dep == "advmod" and word in {"not", "never"}:
                return True
            if (
                dep == "advmod"
                and word in {"less", "least"}
                and child.i < token.i
                and not (child.i > 0 and child.nbor(-1).lower_ == "at")
            ):
                # "less expensive than the average laptop", "the least reliable"; not "at
                # least it's hard to read", a limit
                return True
            if dep == "det" and word == "no" and token.pos_ == "NOUN":
                return True  # "the staff is no nonsense", "it is no bargain"
    return False


def _not_just(negation: Token) -> bool:
    """ "Not just a fun game", "not merely good": more than said, not its opposite."""
    doc = negation.doc
    after = doc[negation.i + 1] if negation.i + 1 < len(doc) else negation
    return negation.lower_ in {"not", "n't"} and after.lower_ in {"just", "merely", "simply"}


#: Verbs whose negation is said of the clause under them: "I don't think it works well",
#: "cheap does not mean the food is bad", "it does not seem to me that it is offensive".
_NEG_RAISING = frozenset({"think", "believe", "suppose", "feel", "mean", "seem", "appear"})
#: Adverbs that negate what they modify: "I've rarely had a problem with the staff".
_NEGATING_ADVERBS = frozenset({"never", "rarely", "seldom"}) | _SCARCELY


def _negated_from_above(clause: Token) -> bool:
    """A clause the verb it completes negates: "I have yet to have a problem", "it fails to
    hold the player", "I didn't think the adjustment worked well", "I used to love TF2" (no
    longer), "it used to be great"."""
    dep = clause.dep_
    if dep == "xcomp":
        return _yet_to(clause) or clause.head.lemma_ in {"fail", "refuse"} or _used_to(clause)
    if dep == "conj" and clause.head.dep_ == "ccomp" and clause.pos_ in {"AUX", "VERB"}:
        clause = clause.head  # "does not mean the portions are small or the food is nasty"
    return clause.dep_ == "ccomp" and _denied(clause)


def _denied(clause: Token) -> bool:
    """A ccomp clause under a negated "think", "believe": "I don't think it works well" says it does
    not. Not surprise: "I couldn't believe how long the battery lasted", "never did I think"."""
    verb = clause.head
    return (
        verb.lemma_ in _NEG_RAISING
        and any(c.dep_ == "neg" and c.lower_ != "never" for c in verb.children)
        and not any(c.lower_ in {"can", "could", "ca"} for c in verb.children)
        and not any(t.tag_ in {"WRB", "WP", "WDT"} for t in clause.lefts)
    )


def _used_to(verb: Token) -> bool:
    """The infinitive of "used to": so once, not now."""
    head = verb.head
    return (
        head.lower_ == "used"
        and head.tag_ == "VBD"
        and any(c.lower_ == "to" for c in verb.children if c.dep_ == "aux")
    )


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
                if lexicon.is_intensifier(word):
                    factor *= 1.25
                elif word in lexicon.HEDGES or (word == "of" and child.nbor(-1).lower_ == "kind"):
                    factor *= 0.7
        if token.is_upper and len(token) > 2:
            factor *= 1.15
        if lexicon.is_elongated(token.lower_):
            factor *= 1.15
    return factor


_VERB_COMPLEMENTS = frozenset({"dobj", "obj", "prep", "xcomp", "ccomp", "prt", "dative"})


def _could_be(opinion: Token, verb: Token) -> bool:
    """ "The service could be better", "the screen should be brighter", "the buttons could
    be more durable": room for improvement, a con however good the comparative."""
    comparative = (
        opinion.tag_ in {"JJR", "RBR"}
        or opinion.lemma_.lower() == "improve"  # "the service could be improved"
        or any(c.dep_ == "advmod" and c.lower_ == "more" for c in opinion.children)
    )
    return comparative and any(
        c.dep_ == "aux" and c.lower_ in {"could", "can", "ca", "should", "might"}
        for c in verb.children
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


def _quick_to(verb: Token) -> bool:
    """A complaint verb under "quick to", "fast to", "easy to": how soon it fails."""
    adjective = verb.head
    return (
        verb.dep_ == "xcomp"
        and adjective.lemma_.lower() in {"quick", "fast", "easy", "prone", "apt"}
        and adjective.dep_ in _COPULA_DEPS
        and verb.lemma_.lower() in lexicon.COMPLAINT_VERBS
    )
