"""Rules for adjectives: modifiers, copulas and linking verbs, the ease of an activity."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from pipeline.nlp import lexicon
from pipeline.nlp.aspects import PRODUCT_NOUNS
from pipeline.nlp.rules.aspect import (
    _COPULA_DEPS,
    _SUBJECT_DEPS,
    NOUNS_AS_ADJECTIVES,
    _gerund,
    is_aspect,
)
from pipeline.nlp.rules.grammar import (
    _ASPECT_DEPENDENT,
    _SENSE_VERBS,
    _VERB_COMPLEMENTS,
    RuleMatch,
    _aspects_among,
    _category,
    _clause_subjects,
    _comma_between,
    _conjuncts,
    _could_be,
    _easy_mishap,
    _first_verbs_subjects,
    _intensity,
    _judgeable,
    _judged_conjuncts,
    _line_break,
    _may_judge,
    _negated,
    _prepositional_objects,
    _quality_of_kind,
    _quick_to,
    _stranded_subject,
    _subjects,
    _the_product,
    _too,
    _word_valence,
)


def _adjectival(token: Token) -> Iterator[RuleMatch]:
    """Great battery, awful speakers; "Amazing Quality" in a title-cased headline."""
    mistagged = (
        token.pos_ != "ADJ"
        and (token.lower_ in lexicon.adjectives_only() or token.lower_ in NOUNS_AS_ADJECTIVES)
        and (token.is_lower or token.i == 0 or token.nbor(-1).is_punct)  # not a name: "Glad"
    )
    headline = token.dep_ == "compound" and (
        (token.is_title and token.head.is_title)
        or (token.is_upper and len(token) > 2)
        or token.pos_ == "ADJ"
        or (token.lower_ in NOUNS_AS_ADJECTIVES and token.head.lower_ != "factor")  # "Fun game"
        or (mistagged and token.is_title and token.lower_ in lexicon.adjectives_only())
    )  # "Amazing Quality", "the BEST oatmeal", ", Excellent sushi": the parser takes the word
    # for a name
    # "the rushed service", "the crowded lobby", "blazing speed": participles the review
    # lexicon has ("desired", "supported", "glorified" describe)
    participle = token.tag_ in {"VBN", "VBD", "VBG"} and token.lower_ in lexicon.domain_words()
    # "a disapointing meal", "a amanzing indian food": a misspelt word the tagger did not know
    misspelt = (
        token.pos_ != "ADJ"
        and token.dep_ in {"amod", "compound"}
        and token.is_lower
        and lexicon.misspelt_opinion(token.lower_)
    )
    if (
        not headline
        and not misspelt
        and not _quality_of_kind(token)  # "a quality product"
        and (token.dep_ != "amod" or (token.pos_ != "ADJ" and not mistagged and not participle))
    ):
        return  # ("Excellent LED monitor": the tagger made "Excellent" a noun)
    if _predicate_hung_on(token):
        return  # "The screen is nice, side view angles are good": the screen's, read in order
    if token.head.lower_ == "nothing":
        return  # "the food is nothing great": the copula's, as "nothing special"
    head = token.head
    while head.dep_ == "compound" and head.head.i == head.i + 1 and is_aspect(head.head):
        head = head.head  # "short battery life": the adjective hung on "battery"
    if head.dep_ != "attr" and any(c.dep_ == "det" and token.i < c.i for c in head.lefts):
        # "Always popular, always full, always a wait": not the wait's adjective (after a
        # copula, "were excellent - the service too", it still judges the subject)
        return
    if _in_name(token, head):
        return  # "Grand Central", "Lucky Strike": a name, not a judgement
    if head.dep_ == "attr" and _said_of_writer(head):
        return  # "I am not the most experienced person": said of the writer
    bearers: list[Token] = []  # "the battery has a long life": the battery too
    if head.dep_ == "attr" and head.lemma_.lower() not in PRODUCT_NOUNS:
        # "the pickles were a great addition": the praise is for the subject.
        # "it was a very quick setup and installation": the predicate noun itself
        targets = _described_by(head) or ([head, *_bare_conjuncts(head)] if is_aspect(head) else [])
    elif head.dep_ == "attr":
        # "the iPod is a very nice product": the product, by its name ("it is a great
        # notebook" says what "it" is, whatever was named before).
        named = [a for a in _aspects_among(_subjects(head.head), named=True) if a.pos_ != "PRON"]
        targets = named or [head]
    elif is_aspect(head):
        bearers = _bearers(head)
        targets = [head, *_bare_conjuncts(head), *bearers]
    elif _job_done(head):
        # "it does an excellent job of keeping the odor in", "the filter did a poor job", "did
        # an awesome job with the design" (the design's)
        done = head.head
        targets = _aspects_among(
            [o for w in (head, done) for p in ("with", "on") for o in _prepositional_objects(w, p)]
        ) or _aspects_among(_subjects(done))
        negated = _negated(token, done)
        for target in targets:
            if value := _word_valence(token, None):
                yield RuleMatch("amod", target, token, value, negated, _intensity(token))
        return
    else:
        return
    elsewhere = _found_elsewhere(head)
    doc = token.doc
    conjoined = {c.i for c in head.conjuncts}
    listed = {  # items after a comma: "long battery life, voice recorder and themes"
        i for i in conjoined if _comma_between(doc, head.i, i)
    }
    borne = {t.i for t in bearers}
    for target in targets:
        for adjective in [token, *(c for c in token.conjuncts if c.pos_ == "ADJ")]:
            # a listed item's sense is its own ("long" says nothing of themes); "high quality
            # video and pictures" share theirs
            value = (
                _attributive_valence(adjective, token, head)
                if target.i not in listed
                and (
                    target.i == head.i
                    or target.i in conjoined
                    or _graded(head)
                    or target.i in borne  # "the battery has a long life"
                )
                else _word_valence(adjective)
            )
            if value and elsewhere is not None and adjective.tag_ == "JJR":
                # "you'll find better food elsewhere": this one's is worse (a con); "you won't
                # find better sushi", "there is no better pizza": a pro
                negated = _negated(elsewhere) or any(c.lower_ == "no" for c in head.lefts)
                yield RuleMatch("amod", target, adjective, -value, negated, 1.0)
            elif value:
                # "it hasn't been a bad product": a predicate noun's verb carries the negation.
                negated = _negated(adjective, *_governor(head, adjective))
                yield RuleMatch("amod", target, adjective, value, negated, _intensity(adjective))


def _said_of_writer(noun: Token) -> bool:
    """A predicate noun whose subject is the writer, on its line: "I am a slow typist" (not
    "... like the degenerate i am\n\nHonestly great game", parsed as one sentence)."""
    doc = noun.doc
    return any(
        s.lower_ in {"i", "we"}
        and not any(_line_break(t) for t in doc[min(s.i, noun.i) : max(s.i, noun.i)])
        for s in _subjects(noun.head)
    )


def _graded(noun: Token) -> bool:
    """A predicate noun that grades its subject ("the keyboard is high quality"), whose
    adjective's sense is the noun's, said of the subject."""
    return noun.lemma_.lower() in {"quality", "value"}


def _attributive_valence(adjective: Token, token: Token, head: Token) -> float:
    """The valence of an adjective (``token`` or one coordinated with it) before the noun
    phrase ``head``. The sense of "long" or "high" is the described word's: the compound right
    after the word, which the parser may hang elsewhere ("a high quality screen": "high" hung
    on "screen"), the word's head, or the phrase's ("a large LCD screen", "long-life battery").
    """
    doc = token.doc
    if _comma_between(doc, token.i, token.head.i):
        return _word_valence(adjective)  # "High per page cost, ..., bad hardware quality"
    after = doc[token.i + 1] if token.i + 1 < len(doc) else token
    described = after if after.dep_ == "compound" and after.head.i == token.head.i else token.head
    value = _word_valence(adjective, described)
    if value or adjective.lemma_.lower() not in _ASPECT_DEPENDENT:
        return value
    for noun in (token.head, head):
        if noun.i != described.i and (value := _word_valence(adjective, noun)):
            return value
    return 0.0


def _predicate_hung_on(adjective: Token) -> bool:
    """Whether an attributive adjective is a copula's complement the parser hung on a noun
    after a comma or a conjunction ("The screen is nice, side view angles ...", "the food is
    tasty and portion sizes ..."): "is", then the adjective (with its degree words), then the
    comma; no noun can follow its adjective so."""
    doc, j = adjective.doc, adjective.i - 1
    while j >= 0 and doc[j].dep_ == "advmod" and doc[j].head.i == adjective.i:
        j -= 1
    after = adjective.i + 1
    return (
        j >= 0
        and doc[j].lemma_ == "be"
        and doc[j].pos_ == "AUX"
        and after < len(doc)
        and doc[after].lower_ in {",", "and", "but"}
        and adjective.head.i > after
    )


def _job_done(noun: Token) -> bool:
    """The "job" of "does a great job", which judges the doer."""
    return (
        noun.lemma_.lower() == "job"
        and noun.dep_ in {"dobj", "obj"}
        and noun.head.lemma_.lower() == "do"
    )


def _bearers(quality: Token) -> list[Token]:
    """What has the quality an adjective judges: "the keyboard has a wonderful feel", "the
    bagels have an outstanding taste", "the space bar makes a noisy click" judge the keyboard,
    the bagels and the space bar too."""
    verb = quality.head
    noun, verb_lemma = quality.lemma_.lower(), verb.lemma_.lower()
    if quality.dep_ not in {"dobj", "obj"} or not (
        (noun in _QUALITY_NOUNS and verb_lemma == "have")
        or (noun in _SOUNDS and verb_lemma == "make")  # "the space bar makes a noisy click"
    ):
        return []
    return [a for a in _aspects_among(_subjects(verb)) if a.lemma_.lower() not in PRODUCT_NOUNS]


#: Sounds a thing makes, which say how good the thing is: "the fan makes a loud noise".
_SOUNDS = frozenset({"noise", "sound", "click", "hum", "whine", "buzz", "rattle", "squeak"})
#: Nouns for how a thing is to the senses, or how long it lasts ("the battery has a long
#: life"), which say how good the thing itself is.
_QUALITY_NOUNS = frozenset(
    {"feel", "look", "taste", "flavor", "flavour", "texture", "finish", "life"}
)


def _bare_conjuncts(noun: Token) -> list[Token]:
    """The nouns coordinated after ``noun`` without modifiers of their own, which its adjective
    goes over: "great food and service", "Great battery, speed, display" (not "great food and
    the service is slow", nor from the middle of a list without "and" or "or", as in "markdown
    support, fast search, tags")."""
    after = [c for c in noun.conjuncts if c.i > noun.i]
    listed = noun.dep_ in {"conj", "appos"}  # an item inside a list: "..., fast search, tags"
    if not after or (listed and not any(t.dep_ == "cc" for t in noun.doc[noun.i : after[-1].i])):
        return []
    return [
        c
        for c in after
        if is_aspect(c)
        and not any(
            m.dep_ in {"amod", "det", "poss", "nummod"} and not _how_made(m) for m in c.children
        )
    ]


def _how_made(modifier: Token) -> bool:
    """A participle that says how a listed thing is made, and judges nothing: "grilled" in
    "great burgers, grilled cheeses and fries", "baked" in "awful coffee, baked goods and
    tea", which the list's adjective still goes over (the tagger makes some adjectives)."""
    participle = modifier.tag_ == "VBN" or (
        modifier.tag_ == "JJ" and modifier.lower_.endswith(("ed", "en"))
    )
    return (
        modifier.dep_ == "amod"
        and participle
        and not lexicon.valence(modifier.lower_, modifier.lemma_)
    )


def _found_elsewhere(noun: Token) -> Token | None:
    """The verb that says a noun exists or was had somewhere: "there is better food in that
    range", "you'll find better food at small restaurants", "I've had better pizza"; None when
    it is compared with something named ("better pizza than at home"), is this one's ("their
    better dishes") or what the product has ("it has better speakers")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "with" and verb.head.pos_ == "NOUN":
        return _found_elsewhere(verb.head)  # "better places in NY with better prices"
    if any(c.lower_ in {"my", "this", "their", "its", "our"} for c in noun.lefts):
        return None  # "their better dishes"
    if any(c.dep_ == "prep" and c.lower_ == "than" for c in noun.children):
        return None
    if noun.dep_ == "attr" and verb.lemma_ == "be" and any(c.dep_ == "expl" for c in verb.children):
        return verb
    if (
        noun.dep_ in {"dobj", "obj"}
        and verb.lemma_.lower() in _ELSEWHERE_VERBS
        # what people find or had, not what the product has ("it has better speakers")
        and any(s.lower_ in {"i", "we", "you", "one"} for s in _subjects(verb))
    ):
        return verb
    return None


#: Verbs of finding or having had a thing: its being better elsewhere makes this one worse
#: (not "get": "I am getting better speeds" is this one's).
_ELSEWHERE_VERBS = frozenset({"find", "have", "eat", "taste", "see"})


def _governor(noun: Token, adjective: Token) -> list[Token]:
    """The verb whose negation reaches an adjective on its noun: the copula of a predicate
    noun ("it hasn't been a bad product"), a verb of having ("I've never had bad service",
    not "I haven't found a better phone", which praises this one), any verb of an object with
    "any" ("doesn't make any loud noises")."""
    verb = noun.head
    counted = [c for c in noun.lefts if c.lower_ in {"one", "single"}]
    if any(g.lower_ == "not" for c in counted for g in c.children):
        return counted  # "not one blurry picture"
    if (
        adjective.i < noun.i
        and any(
            (c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"))
            and c.i < adjective.i
            # not "No Zoom, Bad picture quality", a list the parser made one phrase
            and not any(t.is_punct for t in noun.doc[c.i : adjective.i])
            for c in noun.lefts
        )
    ):
        return [noun]  # "not a single bad meal", "not a bad phone", "no free drink"
    if noun.dep_ == "attr":
        return [verb]
    if (
        noun.dep_ in {"dobj", "obj"}
        and verb.lemma_.lower() in _HAVING_VERBS
        and adjective.tag_ != "JJR"  # (a misspelt one may be tagged anything: "disapointing")
        # "I've never had such good sushi" is praise
        and not any(c.lower_ == "such" for c in (*adjective.lefts, *noun.lefts))
    ):
        return [verb]
    if noun.dep_ in {"dobj", "obj"} and verb.dep_ == "xcomp" and verb.head.lemma_ in _NEEDING:
        # "you don't have to buy expensive refills": what is not needed is spared
        return [verb.head]
    if noun.dep_ in {"dobj", "obj"} and any(c.lower_ == "any" for c in noun.lefts):
        # "it doesn't overheat or make any loud noises", "you don't have to buy any expensive
        # refills": "any" stands under a negation
        return [verb, verb.head] if verb.dep_ in {"conj", "xcomp"} else [verb]
    return []


#: Verbs of necessity, whose negation spares what the verb under them needs: "you don't have
#: to buy expensive refills", "you don't need to buy special bags".
_NEEDING = frozenset({"have", "need"})


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
        and adjective.i > 0
        and adjective.nbor(-1).is_lower
        # "the main hall of Grand Central"; "visit the Creative website": a maker's name
        and ((head.is_title and head.pos_ == "PROPN") or head.is_lower)
    )


def _described_by(attribute: Token) -> list[Token]:
    """The common-noun subjects a predicate noun describes: "the pickles were a great addition".

    A name ("Toons is the best Thai food"), a pronoun ("it is the best meal") or the product
    itself ("this laptop is a great price") leaves the predicate noun as the aspect; but a
    name said to be a part of a kind is that part ("iPhoto is an excellent program").
    """
    part = attribute.lemma_.lower() in _PART_KINDS
    return [
        aspect
        for subject in _subjects(attribute.head)
        for aspect in _conjuncts(subject)
        if is_aspect(aspect)
        and (aspect.pos_ == "NOUN" or (part and aspect.pos_ == "PROPN"))
        and aspect.lemma_.lower() not in PRODUCT_NOUNS
    ]


#: Kinds of part a name can be said to be: "iPhoto is an excellent program".
_PART_KINDS = frozenset(
    "program application app software feature tool utility browser plugin".split()
)


def _copular(token: Token) -> Iterator[RuleMatch]:
    """The screen is / looks / feels dull; screen and speakers are great, fast and quiet.

    Also the participles the parser reads as passives: "the app is bloated".
    """
    caused = _caused(token)  # "the markdown support makes it perfect"
    if token.dep_ not in _NOT_PREDICATES and _own_predicate(token):
        verb = token
    elif token.dep_ in _COPULA_DEPS and (
        token.pos_ in {"ADJ", "NOUN", "VERB"}
        or token.lower_ == "nothing"  # "the food is nothing special"
        or (token.pos_ == "ADV" and token.dep_ == "acomp")  # "Delivery is fast too"
        or (token.pos_ == "PROPN" and _misread_name(token))
    ):  # a word the tagger takes for a name: "the jack was BROKEN", "it is - delicious!"
        verb = token.head
    elif _beyond(token):  # "the display is beyond horrible"
        verb = token.head.head
    elif _misread_predicate(token) or caused:
        # "the wait staff is very freindly"; "the markdown support makes it perfect"
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
        aspects = _stranded_subject(verb) or _done_to(verb)
    elif verb.i != token.i and caused and all(_made_better(s) for s in subjects):
        # "the support makes it perfect", "the tabs make life easier": the cause's
        aspects = [a for s in _subjects(verb) for a in _judged_conjuncts(s)]
    if not aspects:
        # "the main course had a small portion and was decent": the first verb's subject
        aspects = [a for s in _first_verbs_subjects(verb) for a in _judged_conjuncts(s)]
    targets = list(filter(_judgeable, aspects)) + _judged_in(token) + _gone_wrong(token, verb)
    if all(_the_product(s) for s in subjects):
        targets += _judged_for(token, verb)
    if (
        verb.lemma_.lower() in _NAMING_VERBS
        and _sensed_product(verb, subjects)
        and token.lower_ not in lexicon.IMPLIED_ASPECTS  # "it feels sluggish": _implied's
    ):
        targets.append(verb)  # "it looks sleek", "it runs great": its look, its running
    for target in targets:
        for opinion in opinions:
            value = _word_valence(opinion, target) or _ease(opinion)
            if value:
                negated = _negated(opinion, *_reached_by(verb, opinion)) != _could_be(opinion, verb)
                yield RuleMatch("copula", target, opinion, value, negated, _intensity(opinion))


_DASHES = frozenset({"-", "--", "—", "–", ";"})


def _misread_name(token: Token) -> bool:
    """An adjective the tagger read as a name: shouted ("the jack was BROKEN"; not "XP"), or
    written in small letters ("the food is authentic Italian - delicious!")."""
    if token.is_upper:
        return len(token) > 2
    return token.is_lower and token.lower_ in lexicon.adjectives_only()


def _done_to(verb: Token) -> list[Token]:
    """What the clause that is the subject does something to or with: "Enabling the battery
    timer is useless", "dealing with the support was torture" (the timer, the support)."""
    clauses = [
        c
        for c in verb.children
        if c.dep_ == "csubj" and c.tag_ == "VBG" and c.lemma_.lower() not in _THINKING
    ]
    # "having to deal with the company": through the infinitive the clause takes
    clauses += [c for clause in clauses for c in clause.children if c.dep_ == "xcomp"]
    objects = [
        o
        for clause in clauses
        for o in (
            *(c for c in clause.children if c.dep_ in {"dobj", "obj"}),
            *_prepositional_objects(clause, "with"),
        )
    ]
    return _aspects_among(objects, named=True)


#: Verbs of thinking, whose clause is what was thought ("Thinking the CD was faulty, ...").
_THINKING = frozenset({"think", "believe", "assume", "guess", "figure", "suppose", "expect"})


def _reached_by(verb: Token, opinion: Token) -> list[Token]:
    """The verb, when its negation reaches the opinion: not past a dash, after which the
    writer says what it is instead ("not great -- bland", "not excellent -- just decent"); not
    from a verbless first adjective to the next but through "or" ("Not very durable, slow");
    nor
    back to a word before the verb, which comments on the clause ("Too bad the dessert wasn't
    of the same standard" regrets it)."""
    if opinion.i < verb.i:
        return []
    if (
        verb.i != opinion.i
        and verb.pos_ == "ADJ"
        and not any(t.lower_ in {"or", "nor"} for t in verb.doc[verb.i : opinion.i])
    ):
        return []  # "Not very durable, slow": the first word's own "not" (but "not big or bright")
    negations = [c.i for c in verb.children if c.dep_ == "neg" and c.i < opinion.i]
    if negations and any(t.text in _DASHES for t in verb.doc[negations[0] : opinion.i]):
        return []
    return [verb]


def _misread_predicate(token: Token) -> bool:
    """A misspelt opinion word the tagger took for an adverb of the copula, where its
    predicate stands: "freindly" in "the wait staff is very freindly"."""
    verb = token.head
    return (
        token.pos_ == "ADV"
        and token.dep_ == "advmod"
        and verb.lemma_ == "be"
        and token.i > verb.i
        and not any(c.dep_ in _COPULA_DEPS for c in verb.children)
        and token.lower_ not in lexicon.known_words()
    )


def _beyond(adjective: Token) -> bool:
    """An adjective after "beyond" that completes a linking verb: "is beyond horrible"."""
    prep = adjective.head
    return (
        adjective.dep_ in {"amod", "pobj"}
        and adjective.pos_ == "ADJ"
        and prep.lower_ == "beyond"
        and prep.dep_ == "prep"
        and prep.head.lemma_ in _LINKING
    )


#: Verbs an adjective can complete: "is", "looks", "seems" ... delicious.
_LINKING = frozenset("be look feel seem sound taste smell become remain get stay".split())


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


def _judged_for(adjective: Token, verb: Token) -> list[Token]:
    """The activity the product is judged for: "it's wonderful for computer gaming", "perfect
    for playing games or watching movies", "it works great for internet use" (not "great for
    groups", "good for a year": whom and how long, no activity)."""
    holders = [adjective]
    if adjective.dep_ in {*_COPULA_DEPS, "advmod"} and verb.i != adjective.i:
        holders.append(verb)  # "it is great for gaming", "it works great for gaming"
    return [
        activity
        for holder in holders
        for prep in holder.rights
        if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i > adjective.i
        for obj in prep.children
        if obj.dep_ in {"pobj", "pcomp"}
        for activity in _conjuncts(obj)
        if _activity_word(activity) and is_aspect(activity)
    ]


def _activity_word(token: Token) -> bool:
    """A word naming a doing: "gaming", "browsing", "playing", "internet use" (not "evening",
    "pudding")."""
    if token.tag_ == "VBG" or token.lemma_.lower() == "use":
        return True
    word = token.lower_
    return (
        token.pos_ == "NOUN"
        and len(word) > 5
        and word.endswith("ing")
        and word not in _NOT_DOINGS
        and not word.endswith("thing")
    )


#: Nouns in -ing that name no doing.
_NOT_DOINGS = frozenset(
    "evening morning wedding building clothing ceiling pudding dumpling topping filling "
    "stuffing seasoning frosting icing dressing setting seating housing opening ending "
    "offering serving helping lighting painting".split()
)


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
    return all(_the_product(s) for s in subjects)


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


def _caused(adjective: Token) -> bool:
    """An adjective something makes true of the product: "the markdown support makes it
    perfect", "the update made this phone unusable" judge the support and the update."""
    return (
        adjective.pos_ == "ADJ"
        and adjective.dep_ in {"ccomp", "xcomp", "oprd"}
        and adjective.head.lemma_ == "make"
    )


def _made_better(subject: Token) -> bool:
    """What a cause makes better or worse, so the cause is judged: the product, or life and
    things in general ("makes life easier", "to make matters worse")."""
    return _the_product(subject) or subject.lemma_.lower() in {"life", "matter", "thing"}


def _adjectival_participle(token: Token) -> bool:
    """An -ing word that judges and takes no object: "overpowering" in "the sauce was
    overpowering", not "blocking" in "the program was not blocking any cookies"."""
    return (
        token.tag_ == "VBG"
        and bool(lexicon.valence(token.lower_))
        and not any(c.dep_ in _VERB_COMPLEMENTS for c in token.children)
    )


#: Activities whose difficulty says nothing about the product, or praises it ("hard to beat"),
#: or whose ease is no praise ("easy to ignore").
_NOT_ACTIVITIES = frozenset(
    "beat resist believe imagine say tell see explain describe ignore miss overlook forget "
    "skip avoid lose grow outgrow".split()
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
    return _infinitives(adjective)


def _uses(adjective: Token) -> list[Token]:
    """The ways of using a thing that another judging word is said of: "horrible to use", "so
    nice to look at", "challenging to carry and handle"; not "nice to relax", "good to know",
    which judge no use of it; nor "able to use", "ready to use", "free to use", which say it
    can be used."""
    word = adjective.lower_
    if word in _CAN_BE_USED or word in lexicon.EXPERIENCER_ADJECTIVES:
        return []
    return [v for v in _infinitives(adjective) if v.lemma_.lower() in _USE_VERBS]


#: Words of "(it is) ... to use" that say it can be used, not how using it is.
_CAN_BE_USED = frozenset({"able", "ready", "free", "available", "safe"})


#: Who uses a thing, rather than being used: "I was glad to use it" judges no use.
_USERS = frozenset({"i", "we", "you", "he", "she"})

#: Verbs of using a thing, which a judging adjective can be said of: "horrible to use".
_USE_VERBS = frozenset(
    "use carry handle hold operate navigate play read watch type look install configure "
    "customize learn maintain clean".split()
)


def _infinitives(adjective: Token) -> list[Token]:
    """The verbs of "(an adjective) to use", "to set up", "to use and navigate", each with
    nothing after it: what the adjective says of doing it."""
    clauses = [c for c in adjective.children if c.dep_ in {"xcomp", "acl", "advcl"}]
    if adjective.dep_ in _COPULA_DEPS:  # "it is easy to use": the parser may hang it on "is"
        clauses += [c for c in adjective.head.children if c.dep_ == "xcomp" and c.i > adjective.i]
    if adjective.dep_ == "nsubj" and adjective.head.i == adjective.i + 2:
        clauses.append(adjective.head)  # "Simple to use, and great graphics": read as a subject
    for clause in clauses:
        if clause.pos_ in {"VERB", "NOUN"} and any(  # "to use" may be read as a noun
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
        ):
            return [
                verb
                # "to use and navigate"; not "hard to fix and makes it a hassle", a verb of its own
                for verb in (clause, *(c for c in clause.conjuncts if _bare_verb(c)))
                if not any(_complement(c) for c in verb.children if c.i != adjective.i)
                and verb.lemma_.lower() not in _NOT_ACTIVITIES | lexicon.COMPLAINT_VERBS
            ]
    return []


def _bare_verb(token: Token) -> bool:
    """A verb in a form an infinitive may take: not "makes", "made", "making"."""
    return token.pos_ == "VERB" and token.tag_ not in {"VBZ", "VBD", "VBG", "VBN"}


def _complement(token: Token) -> bool:
    """An object, subject or prepositional object of an activity: "easy to go from one keyboard
    to another" says how it is to go somewhere, not how it is to use the thing ("easy to use",
    "easy to type on"); not a circumstance set off by a comma ("hard to manipulate, especially
    in the dark")."""
    if token.dep_ in {"dobj", "obj", "nsubj"}:
        return True
    return (
        token.dep_ == "prep"
        and token.lower_ != "for"  # "easy to use for beginners": for whom, not where to
        and any(c.dep_ == "pobj" for c in token.children)
        and not _comma_between(token.doc, token.head.i, token.i)
    )


def _ease(adjective: Token) -> float:
    """How good an ease adjective says its activity is; 0 without one ("a simple design")."""
    return _ease_value(adjective) if _activities(adjective) else 0.0


def _ease_value(adjective: Token) -> float:
    """An ease adjective's valence: "easy to use" is a pro, "too easy to press by accident" a
    con."""
    value = lexicon.EASE_ADJECTIVES[adjective.lemma_.lower()]
    return -1.5 if value > 0 and (_too(adjective) or _easy_mishap(adjective)) else value


def _first_conjunct(adjective: Token, heads: set[str]) -> Token:
    """The first of the words an adjective is coordinated with, through heads of these parts of
    speech: the adjective stands in the sentence where its first conjunct does."""
    first = adjective
    while first.dep_ == "conj" and first.head.pos_ in heads:
        first = first.head
    return first


def _activity(adjective: Token) -> Iterator[RuleMatch]:
    """It is easy to use; the laptop is slow to boot up; it is horrible to use: the activity is
    the aspect when the subject is the product or nothing. Use is always one (usability: "the
    OS is easy to use" judges the OS and its use); "the keys are easy to type on" judges the
    keys only."""
    ease = adjective.lemma_.lower() in lexicon.EASE_ADJECTIVES
    activities = _activities(adjective) if ease else _uses(adjective)
    if not activities:
        if ease:
            yield from _made_easy(adjective)
        return  # most adjectives: at once
    # "the AI features are useless but easy to ignore": the features'
    first = _first_conjunct(adjective, {"ADJ"})
    verb = first.head if first.dep_ in _COPULA_DEPS else adjective
    subjects = [a for s in _subjects(verb) for a in _conjuncts(s)]
    named = any(is_aspect(a) and a.lemma_.lower() not in PRODUCT_NOUNS for a in subjects)
    if not named and any(_category(s) for s in subjects):
        return  # "most laptops are awful to type on": the kind's, not this one's
    if not ease and any(s.lower_ in _USERS for s in subjects):
        return  # "I was able to install it": the user's doing, not a use judged
    for activity in activities:
        if named and activity.lemma_.lower() != "use":
            continue
        value = _ease_value(adjective) if ease else _word_valence(adjective, activity)
        if not value:
            continue
        negated = _negated(adjective, verb) != _could_be(adjective, verb)
        yield RuleMatch("copula", activity, adjective, value, negated, _intensity(adjective))


def _made_easy(adjective: Token) -> Iterator[RuleMatch]:
    """ "It's easy to use the operating system", "it was hard to find the settings": what an
    ease adjective says is easy or hard to do something to, after a dummy "it"."""
    verb = adjective.head if adjective.dep_ in _COPULA_DEPS else adjective
    if [s.lower_ for s in _subjects(verb)] != ["it"]:
        return
    clauses = [
        c
        for holder in (adjective, verb)
        for c in holder.children
        if c.dep_ == "xcomp" and c.i > adjective.i and c.lemma_.lower() in _HANDLING
    ]
    objects = [
        o
        for clause in clauses
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        for o in clause.children
        if o.dep_ in {"dobj", "obj"}
    ]
    negated = _negated(adjective, verb) != _could_be(adjective, verb)
    for aspect in _aspects_among(objects, named=True):
        value = _ease_value(adjective)
        yield RuleMatch("copula", aspect, adjective, value, negated, _intensity(adjective))


#: Verbs of using or getting a thing, whose object an ease adjective judges: "easy to use the
#: OS", "easy to get a table" (not "easy to create playlists", "fun to learn the tricks":
#: what is made or learnt).
_HANDLING = (_USE_VERBS - {"play", "read", "watch", "type", "look", "learn"}) | {
    "get",
    "replace",
    "set",
    "adjust",
    "manage",
    "find",
}


def _good_for(adjective: Token) -> Iterator[RuleMatch]:
    """ "Great for gaming!", "Perfect for travel.", "Not worth it for the price" is another's: a
    verbless line that says what the product, left unsaid, is good for; the activity, where
    it names one, is the aspect ("gaming"), else the product."""
    if adjective.dep_ != "ROOT" or any(c.dep_ in _SUBJECT_DEPS for c in adjective.children):
        return
    if not any(p.dep_ == "prep" and p.lower_ == "for" for p in adjective.rights):
        return
    if any(t.pos_ not in {"ADV", "PART", "PUNCT", "SPACE"} for t in adjective.lefts):
        return  # only degree words and negation before it: "Really great for kids"
    value = _word_valence(adjective)
    if not value:
        return
    negated, intensity = _negated(adjective), _intensity(adjective)
    activities = _judged_for(adjective, adjective)
    for activity in activities:
        yield RuleMatch("copula", activity, adjective, value, negated, intensity)
    if not activities:
        yield RuleMatch("unsaid", adjective, adjective, value, negated, intensity)


def _contracted_is(clitic: Token) -> Iterator[RuleMatch]:
    """ "The camera's awesome but the battery's terrible", "Picture quality's great": "'s" is
    "is", which the parser reads as a possessive (no adjective has an owner)."""
    noun = clitic.head
    first: Token | None
    if noun.dep_ == "poss" and (
        noun.head.pos_ == "ADJ" or noun.head.lower_ in NOUNS_AS_ADJECTIVES  # "Game's fun"
    ):
        first = noun.head  # "camera's awesome": "camera" the owner of "awesome"
    else:  # "quality's great": "great" hung on the "'s"
        first = next((c for c in clitic.children if c.dep_ == "acomp"), None)
    if first is None or not noun.is_alpha or not _judgeable(noun):
        return  # (not "place,,,it's", a token of run-together words)
    opinions = [
        first,
        *(c for c in first.conjuncts if not any(g.dep_ == "poss" for g in c.children)),
    ]
    for opinion in opinions:
        if (opinion.pos_ == "ADJ" or opinion.i == first.i) and (
            value := _word_valence(opinion, noun)
        ):
            yield RuleMatch("copula", noun, opinion, value, _negated(opinion), _intensity(opinion))


def _implied(adjective: Token) -> Iterator[RuleMatch]:
    """An adjective that names the aspect it judges: "it is way too expensive", "Great
    laptop, but heavy", "Good but overpriced" judge the price, the weight. The match's aspect
    is what the adjective is said of, or the adjective itself where that is a pronoun or
    nothing; the component keeps it only for the product as a whole ("the fan is loud" is
    the fan's, which _copular finds)."""
    key_value = lexicon.IMPLIED_ASPECTS.get(adjective.lower_)
    if key_value is None or any(c.dep_ == "xcomp" for c in adjective.children):
        return  # "slow to boot up": the activity is the aspect (_activity)
    first = _first_conjunct(adjective, {"ADJ", "NOUN", "PROPN"})  # "Good but overpriced"
    verbs: list[Token] = []
    own = [c for c in adjective.children if c.dep_ in _SUBJECT_DEPS]
    if own:  # "..., but the phone is overpriced": a clause of its own
        holders = own
    elif first.dep_ in _COPULA_DEPS or (first.dep_ == "ROOT" and first.pos_ != "NOUN"):
        verb = first.head if first.dep_ in _COPULA_DEPS else first
        holders = _subjects(verb)
        verbs = _reached_by(verb, adjective) if verb.i != adjective.i else []
    elif first.dep_ == "amod" or (first.dep_ == "ROOT" and first.i != adjective.i):
        holders = [first.head if first.dep_ == "amod" else first]  # "an expensive phone"
    else:
        return
    value = -max(abs(key_value[1]), 1.5) if _too(adjective) else key_value[1]
    negated = _negated(adjective, *verbs)
    for holder in holders or [adjective]:
        if holder.pos_ == "PRON" and holder.lower_ not in {"it", "this", "that"}:
            continue  # "I was slow to notice"
        named = holder.pos_ in {"NOUN", "PROPN"} or _gerund(holder)  # "Charging is slow"
        aspect = holder if named else adjective
        yield RuleMatch("implied", aspect, adjective, value, negated, _intensity(adjective))


def _short_on(adjective: Token) -> Iterator[RuleMatch]:
    """ "It is short on space", "a bit short on ports": too little of a thing is a con of it
    (never short on it, a pro); not "short on time", the writer's."""
    holders = [adjective, adjective.head] if adjective.dep_ in _COPULA_DEPS else [adjective]
    for aspect in _aspects_among(
        [o for holder in holders for o in _prepositional_objects(holder, "on")], named=True
    ):
        negated = _negated(*holders)
        yield RuleMatch("amod", aspect, adjective, -1.5, negated, _intensity(adjective))


def _too_many(quantity: Token) -> Iterator[RuleMatch]:
    """Too many ads, way too much grinding: more of a thing than wanted is a con of it (of a
    trouble, "too many bugs", the trouble rule reads it as the product's)."""
    noun, doc = quantity.head, quantity.doc
    before = [t.lower_ for t in doc[max(quantity.i - 3, 0) : quantity.i]]
    if before[-1:] != ["too"] or any(w in {"not", "n't", "never", "without"} for w in before):
        return  # "not too many ads" says less
    if noun.lemma_.lower() in lexicon.TROUBLE_NOUNS or not is_aspect(noun):
        return
    yield RuleMatch("amod", noun, quantity, -1.5, False, _intensity(quantity))
