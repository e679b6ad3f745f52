"""Rules for nouns and set phrases: verdicts, idioms, value for money, trouble, emoji."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from pipeline.nlp import lexicon
from pipeline.nlp.aspects import PASS_THROUGH
from pipeline.nlp.rules.aspect import _COPULA_DEPS, _SUBJECT_DEPS, is_aspect
from pipeline.nlp.rules.grammar import (
    _CONTRASTS,
    _NONE_WORDS,
    RuleMatch,
    _aspects_among,
    _clause_subjects,
    _conjuncts,
    _intensity,
    _judgeable,
    _judged_conjuncts,
    _mended,
    _negated,
    _none_word,
    _prepositional_objects,
    _subjects,
    _word_valence,
)


def _likewise(verbs: list[Token], matches: list[RuleMatch]) -> Iterator[RuleMatch]:
    """Pizza is terrific, as is the pasta; the food is good and so are the kababs: a verb
    without its own predicate passes the first clause's judgement to its subject. ``verbs``
    are the sentence's "be" in a clause of its own (advcl, conj)."""
    for verb in verbs:
        if not any(c.lower_ in {"as", "so"} and c.i < verb.i for c in verb.children):
            continue
        if any(c.dep_ in {"acomp", "oprd"} for c in verb.children):
            continue
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "attr"} and c.i > verb.i]
        for match in matches:
            if match.opinion.head.i == verb.head.i and match.opinion.i < verb.i:
                for aspect in _aspects_among(subjects):
                    yield replace(match, aspect=aspect)


#: What the product costs; not "money", which is the buyer's ("worth the money" praises the
#: product, whose price is named elsewhere).
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
        paid = paid or lemma in _VALUE_NOUNS | _SPENT or _spent_on(child)
    if paid and token.dep_ in _COPULA_DEPS:
        for subject in _clause_subjects(verb):
            for aspect in filter(_judgeable, _judged_conjuncts(subject)):
                yield RuleMatch("value", aspect, token, 1.5, negated, _intensity(token))


#: What a thing can be worth besides its price: "worth every penny", "worth the trip".
_SPENT = frozenset("money penny cent dime dollar buck it trip visit effort".split())


def _spent_on(cost: Token) -> bool:
    """What else a thing is worth, or not, as a noun: "worth the hype", "worth a try", "not
    worth the price increase"; not a sum ("worth $500", "worth 20 bucks" is a price)."""
    return (
        cost.pos_ == "NOUN"
        and not any(c.dep_ == "nummod" or c.pos_ in {"NUM", "SYM"} for c in cost.children)
        and not cost.like_num
    )


#: What the writer would change in a product is what is wrong with it.
_CHANGING = frozenset({"change", "improve", "fix"})


def _verdict(token: Token) -> Iterator[RuleMatch]:
    """The only problem is the battery; my one complaint is the price; the best part is the
    screen; best of all is the vibe: the predicate noun takes the verdict of its subject."""
    if token.dep_ != "attr" or not is_aspect(token):
        return
    for subject in _subjects(token.head):
        lemma = subject.lemma_.lower()
        if lemma in lexicon.VERDICT_NOUNS:
            value = lexicon.VERDICT_NOUNS[lemma]
        elif lemma in _FAVOURITES:
            value = _word_valence(subject)  # "my personal favorite is the everything bagel"
        elif lemma in {"part", "thing", "feature"} or any(_ranking(m) for m in subject.children):
            # "my favorite dish is the lamb", "the worst dish was the salmon"
            judged = [m for m in subject.children if m.dep_ == "amod"]
            value = next((v for m in judged if (v := _word_valence(m))), 0.0)
            if any(c.dep_ == "relcl" and c.lemma_ in _CHANGING for c in subject.children):
                value = -1.5  # "the only thing I would change is the mouse keys"
            elif not value:  # "the only thing that isn't perfect about it is the speakers"
                value = _said_in_relative(subject)
        elif subject.tag_ == "JJS" and any(
            obj.lower_ == "all" for obj in _prepositional_objects(subject, "of")
        ):
            value = _word_valence(subject)  # "best of all is the vibe", "worst of all is ..."
        else:
            continue
        if value:
            for aspect in _conjuncts(token):
                if is_aspect(aspect):
                    yield RuleMatch("copula", aspect, subject, value, _negated(token.head), 1.0)


def _said_in_relative(thing: Token) -> float:
    """The verdict a relative clause gives "the thing": "that isn't perfect" (-), "that is
    great" (+)."""
    for clause in thing.children:
        if clause.dep_ != "relcl" or clause.lemma_ != "be":
            continue
        for word in clause.children:
            if word.dep_ == "acomp" and (value := _word_valence(word)):
                return -value if _negated(clause) else value
    return 0.0


_FAVOURITES = frozenset({"favorite", "favourite"})


def _ranking(modifier: Token) -> bool:
    """A word that ranks what it is said of among its kind: "favorite", "best", "worst"; not
    one in a name ("the Peter's Favourite pizza")."""
    if modifier.dep_ != "amod" or (modifier.is_title and modifier.i != modifier.sent.start):
        return False
    return modifier.lower_ in _FAVOURITES or modifier.tag_ == "JJS"


def _which_is(verdict: Token) -> Iterator[RuleMatch]:
    """ "The trackpad is far too sensitive, which is my only complaint"; "..., which is a
    huge plus": a verdict on the clause before is one on that clause's subject."""
    value = lexicon.VERDICT_NOUNS.get(verdict.lemma_.lower())
    verb = verdict.head
    if not value or verdict.dep_ != "attr" or verb.dep_ not in {"advcl", "relcl", "ccomp"}:
        return
    if not any(c.dep_ == "nsubj" and c.lower_ == "which" for c in verb.children):
        return
    clause = verb.head
    for aspect in _aspects_among(_clause_subjects(clause)):
        yield RuleMatch("copula", aspect, verdict, value, _negated(verb), 1.0)


def _for_you(attribute: Token) -> Iterator[RuleMatch]:
    """This is definitely the phone for you; the X2 is the laptop for you, the one for you: a
    recommendation of the subject, or of the predicate noun when the subject is "this" or
    "it"."""
    verb = attribute.head
    if not any(
        prep.dep_ == "prep"
        and prep.lower_ == "for"
        and any(o.lower_ == "you" for o in prep.children)
        for prep in (*attribute.rights, *(c for c in verb.rights if c.i > attribute.i))
    ):
        return
    named = _aspects_among(_subjects(verb), named=True)
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
    predicate = noun.head if noun.dep_ == "conj" else noun  # "diverse and top-notch"
    if predicate.dep_ in _COPULA_DEPS:
        verb = predicate.head
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


def _to_die_for(die: Token) -> Iterator[RuleMatch]:
    """The tuna tartare is to die for; a view to die for: the highest praise."""
    if not (
        any(c.lower_ == "to" and c.dep_ == "aux" for c in die.children)
        and any(
            c.lower_ == "for" and c.dep_ == "prep" and not list(c.children) for c in die.children
        )
    ):
        return
    if die.dep_ == "xcomp" and die.head.lemma_ == "be":
        aspects, negated = _aspects_among(_subjects(die.head)), _negated(die.head)
    elif die.dep_ in {"relcl", "acl"}:
        aspects, negated = _aspects_among([die.head]), False
    else:
        return
    for aspect in aspects:
        yield RuleMatch("copula", aspect, die, 3.0, negated, 1.0)


def _plenty(noun: Token) -> Iterator[RuleMatch]:
    """It has plenty of memory; plenty of storage: enough and more of a thing is a pro of it
    (not "plenty of room for improvement", nor plenty of what is itself bad)."""
    if noun.dep_ != "ROOT" and not (
        noun.dep_ in {"dobj", "obj", "attr"} and noun.head.lemma_.lower() in _HAVING
    ):
        return  # "bring plenty of cash", "survived plenty of falls": not what it has
    negated = noun.dep_ != "ROOT" and _negated(noun.head)
    for aspect in _aspects_among(_prepositional_objects(noun, "of")):
        if any(c.lower_ == "for" for c in aspect.rights) or lexicon.valence(aspect.lower_) < 0:
            continue  # "room for improvement", "plenty of bloatware"
        if aspect.lemma_.lower() in lexicon.TROUBLE_NOUNS:
            continue  # "plenty of problems"
        yield RuleMatch("amod", aspect, noun, 1.5, negated, 1.0)


#: Verbs by which a thing has what it has: "it has plenty of power", "there is plenty of
#: space", "offers plenty of options".
_HAVING = frozenset({"have", "be", "offer", "provide", "give", "include", "come"})


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


def _emoji(token: Token) -> Iterator[RuleMatch]:
    """Camera is 🔥; the screen 😍: an emoji standing as the predicate of an aspect."""
    value = lexicon.EMOJI[token.text]
    holders = [token, *(c for c in token.children if c.pos_ == "AUX")]
    if token.dep_ in _COPULA_DEPS or _bare_predicate(token):
        holders.append(token.head)
    predicate = token.dep_ in _COPULA_DEPS  # "maps are fire 🔥": "fire" names no aspect
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "compound" and predicate and holder is token:
                continue
            if child.dep_ in _SUBJECT_DEPS | {"compound"} and child.i < token.i:
                for aspect in _conjuncts(child):
                    if is_aspect(aspect):
                        yield RuleMatch("emoji", aspect, token, value, _negated(holder), 1.0)
                        yield from _before_emoji(token, aspect, holder)


def _bare_predicate(emoji: Token) -> bool:
    """An emoji the parser hung on "is" as punctuation or an adverb, where nothing else is
    said: "Camera is 👍", "the camera is 💯" (not "the camera is great 👍": the word's)."""
    verb = emoji.head
    return (
        emoji.dep_ in {"punct", "advmod"}
        and verb.lemma_ == "be"
        and verb.i < emoji.i
        and not any(c.dep_ in _COPULA_DEPS for c in verb.children)
    )


def _before_emoji(emoji: Token, aspect: Token, verb: Token) -> Iterator[RuleMatch]:
    """The predicate word right before an emoji, which the parser hangs on the emoji as if it
    named it: "the camera is sooo good 😍" ("good" a compound of "😍")."""
    before = emoji.doc[emoji.i - 1]
    if emoji.dep_ not in _COPULA_DEPS or before.head != emoji or before.i <= aspect.i:
        return
    if before.pos_ != "ADJ" and before.lower_ not in lexicon.adjectives_only():
        return  # "new maps are fire 🔥": slang praise, a noun VADER scores as harm
    if before.dep_ in {"amod", "compound"} and (value := _word_valence(before, aspect)):
        intensity = _intensity(before, emoji)
        yield RuleMatch("copula", aspect, before, value, _negated(verb), intensity)


def _trouble_noun(token: Token) -> Iterator[RuleMatch]:
    """No issues with the battery (a pro); problems with the hinge (a con)."""
    if token.lemma_.lower() not in lexicon.TROUBLE_NOUNS or _mended(token):
        return  # "sync issue fixed": no trouble now
    held = _held(token)  # "I did not have any of the installation problems"
    determined = token
    while determined.dep_ == "conj" and not any(c.dep_ == "det" for c in determined.children):
        determined = determined.head  # "no viruses or spyware problems": "no" for both
    negated = (
        any(
            c.lower_ in _NONE_WORDS or _none_word(c) or c.lower_ == "without"
            for c in {*token.children, *determined.children}
        )
        or token.head.lower_ == "without"
        or (held.dep_ in {"dobj", "obj"} and _negated(held.head))  # "have not had a problem"
    )
    found = False
    for child in token.children:
        if child.dep_ == "compound" and is_aspect(child):  # "battery issues", "a design flaw"
            found = True
            yield RuleMatch("trouble", child, token, -1.8, negated, 1.0)
    # "I have had a lot of trouble with the shift key": "with" hung on "had"
    verb = held.head if held.dep_ in {"dobj", "obj"} else None
    had = [p for p in verb.children if p.lower_ == "with"] if verb and verb.lemma_ == "have" else []
    for prep in [*token.children, *had]:
        if prep.dep_ != "prep" or prep.lower_ not in {"with", "on", "in"}:
            continue
        for obj in prep.children:
            if (
                obj.dep_ == "pobj"
                and not any(m.lower_ == "other" for m in obj.lefts)
                and not _in_the_world(prep, obj)
            ):
                # (not "never had this problem with any other software": others')
                for aspect in _conjuncts(obj):
                    if is_aspect(aspect):
                        found = True
                        yield RuleMatch("trouble", aspect, token, -1.8, negated, 1.0)
    if not found and token.head.lemma_ == "be":
        for aspect in _said_of(token):
            found = True
            yield RuleMatch("trouble", aspect, token, -1.8, negated or _negated(token.head), 1.0)
    if not found:
        # "the firmware has bugs", "it has a lot of issues"; "I use the router with no
        # problems", "it ran for a year without any issues"
        troubled = _troubled(token) or (_done_with(token) if negated else [])
        for aspect in troubled:
            yield RuleMatch("trouble", aspect, token, -1.8, negated, 1.0)
        if not troubled and negated and token.dep_ == "ROOT":
            # "No crashes since the hotfix", "Zero issues so far.": said of the product
            yield RuleMatch("unsaid", token, token, -1.8, negated, 1.0)
        elif not troubled and not negated:
            yield from _teeming(token)


def _teeming(trouble: Token) -> Iterator[RuleMatch]:
    """Trouble in plenty: "The app is riddled with bugs" (the app's), "Too many bugs.", "So
    much lag.", "Full of bugs." (the product's, left unsaid); and pests: "Ranked is full of
    cheaters", "the lobby is full of bots" ("Too many bots." is _too_many's: bots are an aspect)."""
    holder = trouble.head
    if trouble.dep_ == "pobj" and holder.lower_ in {"with", "of"}:
        filled = holder.head
        if filled.lemma_.lower() not in _TEEMING:
            return
        verb = filled.head if filled.dep_ in _COPULA_DEPS else filled
        named = _aspects_among(_subjects(verb))
        for aspect in named:
            yield RuleMatch("trouble", aspect, trouble, -1.8, _negated(verb), 1.0)
        if not named and filled.dep_ == "ROOT":
            yield RuleMatch("unsaid", trouble, trouble, -1.8, False, 1.0)
    elif (
        trouble.dep_ == "ROOT"
        and trouble.lemma_.lower() in lexicon.TROUBLE_NOUNS
        and any(c.lower_ in {"many", "much"} for c in trouble.children)
    ):
        yield RuleMatch("unsaid", trouble, trouble, -1.8, False, 1.0)


#: What is full of trouble: "riddled with bugs", "full of glitches", "tons of issues".
_TEEMING = frozenset("riddle plague fill full load infest ton lot plenty bunch".split())


_MAYBE = frozenset({"would", "could", "might", "may", "'d"})
#: "not the entire issue", "not the only problem": a part of the trouble, still.
_PARTIAL = frozenset({"entire", "whole", "only", "main", "real", "biggest", "sole"})


def _said_of(trouble: Token) -> list[Token]:
    """What a trouble word said with "be" is about: its subject ("Wireless has not been an
    issue", "the fan is a problem"), or, said of the trouble itself, what it is with ("my
    problem was with Dell customer service", "the issue is with the graphics card")."""
    verb = trouble.head
    if any(c.dep_ == "aux" and c.lower_ in _MAYBE for c in verb.children):
        return []  # "the weight would only be an issue if it were bulky"
    if trouble.dep_ == "attr":
        if _negated(verb) and any(m.lower_ in _PARTIAL for m in trouble.children):
            return []  # "Vista isn't the entire issue": a part of it
        return _aspects_among(_subjects(verb), named=True)
    if trouble.dep_ != "nsubj" or _negated(verb):
        return []  # "the problem is not with the battery" says nothing of it
    return _aspects_among(_prepositional_objects(verb, "with"), named=True)


def _held(trouble: Token) -> Token:
    """The quantity a trouble word is counted by, which a verb has in its place: "any of the
    problems", "a lot of bugs"; the word itself otherwise, and for "this kind of issue", which
    names one."""
    quantity = trouble.head.head
    if (
        trouble.dep_ == "pobj"
        and trouble.head.lower_ == "of"
        and quantity.lemma_.lower() in PASS_THROUGH - {"kind", "type", "sort"}
    ):
        return quantity
    return trouble


def _in_the_world(prep: Token, obj: Token) -> bool:
    """ "Not one complaint in the world": emphasis, not where the trouble is."""
    return prep.lower_ == "in" and obj.lower_ == "world" and obj.n_lefts == 1


def _troubled(trouble: Token) -> list[Token]:
    """What has the trouble, as the subject of "have": "the firmware has bugs", "the app has a
    lot of issues"; not "I had problems" (the writer's), which names no aspect."""
    holder = _held(trouble)  # "a lot of bugs"
    verb = holder.head
    if holder.dep_ not in {"dobj", "obj"} or verb.lemma_.lower() not in {"have", "develop"}:
        return []
    return _aspects_among(_subjects(verb))


def _done_with(trouble: Token) -> list[Token]:
    """What was used or ran "with no problems", "without any issues": the verb's subject, or
    its object where the writer is the subject ("I use the router with no problems")."""
    holder = _held(trouble)
    prep = holder.head
    if holder.dep_ != "pobj" or prep.lower_ not in {"with", "without"} or prep.dep_ != "prep":
        return []
    verb = prep.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    objects = [  # not a count: "ready to give it 5 stars with no complaints"
        c
        for c in verb.children
        if c.dep_ in {"dobj", "obj"} and not any(n.dep_ == "nummod" for n in c.children)
    ]
    return _aspects_among(_subjects(verb)) or _aspects_among(objects)


def _judging_noun(token: Token) -> Iterator[RuleMatch]:
    """The ease of use, the beauty of the design, the hassle of the setup, not a fan of the
    sauce: a noun that judges what it is of."""
    value = lexicon.JUDGING_NOUNS[token.lemma_.lower()]
    negated = _negated(token, *([token.head] if token.dep_ == "attr" else []))
    for aspect in _aspects_among(_prepositional_objects(token, "of")):
        yield RuleMatch("amod", aspect, token, value, negated, _intensity(token))


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


def _none_had(none: Token) -> Iterator[RuleMatch]:
    """What the product has none of, or there is none of: "the soup has no flavor", "the app
    has no dark mode", "there is no mute" (cons: it lacks them). Not what is better missing
    ("no lag", "no wait": _trouble_noun's, or no opinion), nor what the writer has none of
    ("I had no reservation")."""
    noun = none.head
    if (
        not _none_word(none)
        or not is_aspect(noun)
        or noun.lemma_.lower() in _BETTER_MISSING
        or lexicon.valence(noun.lower_, noun.lemma_) < 0
        or any(c.dep_ == "amod" and _word_valence(c) for c in noun.children)
        or any(c.lower_ in _EXTRAS for c in noun.lefts)
    ):
        return
    verb = noun.head
    if noun.dep_ in {"dobj", "obj"} and verb.lemma_ == "have":
        holders = _subjects(verb)
        if not holders and verb.dep_ == "ROOT" and verb.tag_ == "VBZ":
            pass  # "Has no numeric pad.": the product, left unsaid
        elif not holders or not all(_judgeable(h) for h in holders):
            return  # "I had no reservation": the writer's
    elif not (
        noun.dep_ == "attr" and verb.lemma_ == "be" and any(c.dep_ == "expl" for c in verb.children)
    ):
        return
    # "there is hardly any memory": "hardly" is the lack, not a negation of it
    negated = _negated(verb) and none.lower_ != "any"
    yield RuleMatch("lack", noun, none, -1.5, negated, 1.0)


#: Things whose absence is no lack: troubles, pests, damage, what keeps one waiting or
#: annoyed, and what one need not do or worry about ("there is no need to", "no compromise").
_BETTER_MISSING = (
    lexicon.TROUBLE_NOUNS
    | lexicon.PEST_NOUNS
    | frozenset(
        "wait line queue noise delay fee charge crowd smell odor odour hassle "
        "virus spyware malware freeze freezing gap "
        "damage scratch dent crack stain "
        "need worry compromise trick mention guarantee lifting "
        # what buyers would rather do without: "no notch", "no subscription needed"
        "notch bezel subscription contract paywall microtransaction".split()
    )
)
#: Extras whose absence spares the buyer ("no special bags to buy", "no extra fees"), and
#: "no other simulator like this one", which praises this one.
_EXTRAS = frozenset({"special", "extra", "additional", "separate", "other"})


def _wished_for(wish: Token) -> Iterator[RuleMatch]:
    """What the writer wishes the product had: "I wish it had more storage", "Wish there were
    more maps" (cons: it lacks them); not what an adjective already judges ("I wish it had a
    better camera" is the adjective's), nor the writer's own doings ("I wish I had bought it
    sooner"), nor what someone else wishes ("every other shooter wishes it had its charm")."""
    if any(s.lower_ not in {"i", "we"} for s in _subjects(wish)):
        return
    for clause in wish.children:
        if clause.dep_ != "ccomp" or clause.pos_ != "VERB":
            continue
        lemma = clause.lemma_.lower()
        if any(s.lower_ in {"i", "we"} for s in _subjects(clause)):
            continue  # "I wish I had more money": the writer's
        if lemma == "have":
            objects = [c for c in clause.children if c.dep_ in {"dobj", "obj"}]
        elif lemma == "be" and any(c.dep_ == "expl" for c in clause.children):
            objects = [c for c in clause.children if c.dep_ == "attr"]  # "there were more maps"
        else:
            continue
        for aspect in _aspects_among(objects):
            if not any(c.dep_ == "amod" and _word_valence(c) for c in aspect.lefts):
                yield RuleMatch("lack", aspect, wish, -1.5, False, 1.0)


def _what_was_wanted(verb: Token) -> Iterator[RuleMatch]:
    """The subject was what the writer wanted: "the resolution was exactly what I was looking
    for", "this laptop is everything I wanted" (pros); "the screen was not what I expected"
    (a con). Plain "it was what I expected" says nothing."""
    found = _wanted_by(verb)
    if found is None:
        yield from _had_all_wanted(verb)
        return
    word, clause = found
    be = clause.head
    if be.lemma_ != "be" or clause.dep_ not in {"attr", "ccomp", "acomp"}:
        return
    negated = _negated(be)
    before = word.doc[word.i - 1] if word.i > 0 else None
    exact = before is not None and before.lower_ in {"exactly", "just", "precisely"}
    if not (negated or exact or word.lower_ == "everything"):
        return
    for subject in _clause_subjects(be):
        for aspect in filter(_judgeable, _judged_conjuncts(subject)):
            yield RuleMatch("copula", aspect, word, 2.0, negated, 1.0)


def _had_all_wanted(verb: Token) -> Iterator[RuleMatch]:
    """ "It has all the features I was looking for", "all of the power that I wanted" (pros);
    "it did not have all the features I expected" (a con): all of what the writer wanted."""
    thing = verb.head
    if verb.dep_ != "relcl" or not any(s.lower_ in {"i", "we"} for s in _subjects(verb)):
        return
    holder = thing
    if thing.dep_ == "pobj" and thing.head.lower_ == "of":
        holder = thing.head.head  # "all of the power that I wanted"
    every = holder.lower_ in {"all", "everything"} or any(
        c.lower_ in {"all", "every"} for c in thing.children if c.dep_ in {"predet", "det"}
    )
    while holder.dep_ == "conj":  # "most of the features and all of the power"
        holder = holder.head
    having = holder.head
    if not every or holder.dep_ != "dobj" or having.lemma_ not in _HAVING:
        return
    for aspect in _aspects_among([thing], named=True):
        yield RuleMatch("verb", aspect, verb, 1.8, _negated(having), 1.0)


def _wanted_by(verb: Token) -> tuple[Token, Token] | None:
    """The word for what ``verb`` wants ("what" or "everything") and the word its clause
    hangs on "be" by: "[what] I [needed]", "[what] I was [looking] for", "[everything] I
    wanted"."""
    if verb.dep_ == "relcl" and verb.head.lower_ == "everything":
        return verb.head, verb.head
    if verb.dep_ not in {"ccomp", "acomp"}:  # the parser reads it either way
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [
        o for p in verb.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children
    ]
    what = next((o for o in objects if o.lower_ == "what" and o.i < verb.i), None)
    return None if what is None else (what, verb)
