"""Rules for verbs: opinion verbs, advice, complaint events, how a thing works, feelings."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from pipeline.nlp import lexicon
from pipeline.nlp.aspects import PRODUCT_NOUNS
from pipeline.nlp.rules.adjectives import _judged_for
from pipeline.nlp.rules.aspect import _COPULA_DEPS, _SUBJECT_DEPS, is_aspect
from pipeline.nlp.rules.grammar import (
    ASPECT_ADJECTIVES,
    RuleMatch,
    _aspects_among,
    _clause_subjects,
    _conjuncts,
    _could_be,
    _first_verbs_subjects,
    _intensity,
    _judgeable,
    _line_break,
    _mended,
    _negated,
    _none_word,
    _prepositional_objects,
    _quick_to,
    _raised_subjects,
    _subjects,
    _the_product,
    _yet_to,
)


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
    if token.lemma_.lower() in _ADVISING and _someone_else(token):
        return  # "the chef recommended an assortment of fish": advice the writer reports
    if token.dep_ == "relcl" and token.head.lower_ in _WHOEVER_LIKES:
        return  # "I'd recommend it to anyone that likes a fast paced FPS": whoever does
    objects = [c for c in token.children if c.dep_ in object_deps] + _purchased(token)
    negated, intensity = _negated(token), _intensity(token)
    if negated and _beyond_words(token):
        negated, intensity = False, intensity * 1.25  # "I can't recommend it enough"
    for aspect in _aspects_among(objects):
        if aspect.lemma_.lower() in _ADVISED and not _liking(token):
            continue  # "I recommend getting a reservation": what to do, not what is good
        yield RuleMatch("verb", aspect, token, value, negated, intensity)
    if objects and objects[0].tag_ not in {"WDT", "WP"}:
        # "I recommend the cafe for its food and ambience": the reasons, too (not "things
        # that I suggest for improvements")
        reasons = [
            r
            for r in _prepositional_objects(token, "for")
            if r.i > objects[0].i and not any(m.lower_ in _WHOEVER for m in r.lefts)
        ]
        for aspect in _aspects_among(reasons, named=True):
            yield RuleMatch("verb", aspect, token, value, negated, intensity)


def _recommended(word: Token) -> Iterator[RuleMatch]:
    """ "The rolls are highly recommended", "Highly recommended is the lamb", "the fish is not
    recommended": the writer's advice, said in the passive; not "the fish was recommended by
    the waiter", someone else's."""
    if any(c.dep_ == "agent" for c in word.children):
        return
    verb = word.head if word.dep_ in _COPULA_DEPS else word
    if verb is not word and verb.lemma_ != "be":
        return
    if verb is word and not any(c.dep_ in {"auxpass", "nsubjpass"} for c in word.children):
        return  # "the chef recommended the fish": active, someone's advice (_opinion_verb)
    holders = _subjects(verb)
    if verb is not word and word.i < verb.i:  # inverted: the thing recommended comes after
        holders += [c for c in verb.children if c.dep_ == "attr" and c.i > verb.i]
    negated = _negated(word, verb)
    for aspect in _aspects_among(holders):
        if aspect.lemma_.lower() in _ADVISED:
            continue  # "reservations are recommended": what to do, not what is good
        yield RuleMatch(
            "verb", aspect, word, lexicon.OPINION_VERBS["recommend"], negated, _intensity(word)
        )


#: Anyone at all, whose liking a relative clause tells: "anyone who loves shooters".
_WHOEVER_LIKES = frozenset(
    "anyone anybody everyone everybody someone somebody people those whoever fans".split()
)


#: Who a thing is recommended to, not what for: "for any new players", "for all beginners".
_WHOEVER = frozenset({"any", "all", "new", "every", "most"})


#: Opinion verbs of advice, which report someone's advice or advise what to do.
_ADVISING = frozenset({"recommend", "suggest"})


def _liking(verb: Token) -> bool:
    """A verb of liking or hating, not of advising ("recommend", "suggest")."""
    return verb.lemma_.lower() not in _ADVISING


#: What "recommended" advises doing rather than praises.
_ADVISED = frozenset({"reservation", "booking", "appointment", "caution", "patience"})


def _someone_else(verb: Token) -> bool:
    """A subject other than the writer or the reader: "the waiter recommended the fish", also
    one the verb shares with the verb it is joined to or completes ("the waitstaff were nice
    and suggested the swordfish", "XP was kind enough to suggest other programs")."""
    for _ in range(6):  # up through "helpful in suggesting", "kind enough to suggest"
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        if subjects or verb.dep_ not in _SHARING_SUBJECT:
            break
        verb = verb.head
    # (not "it": "can recommend the Hitachi -- at that price it is a bargain", misread)
    return any(s.lower_ not in {"i", "we", "you", "it", "this"} for s in subjects)


#: Relations through which a verb has the subject of the word it hangs on.
_SHARING_SUBJECT = frozenset({"conj", "xcomp", "pcomp", "advcl", "acomp", "prep"})


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
    imperative_clause = verb.dep_ in {"ROOT", "conj"} or (
        verb.dep_ == "advcl" and not any(c.dep_ == "mark" for c in verb.children)
    )  # "Try the hot dogs too, they're delicious": hung on the clause after it
    if not imperative_clause or (verb.i > 0 and not _clause_start(verb)):
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
    limited = any(c.lower_ in {"only", "barely", "hardly"} for c in children) or (
        _negated(verb) and _more_than(verb)  # "won't last more than an hour"
    )
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


def _declined(verb: Token) -> Iterator[RuleMatch]:
    """ "The food quality has decreased", "my battery life began to diminish", "it seems to
    deteriorate" (cons); "the battery life has not decreased" (a pro); less of what is better
    low is a pro ("the prices have decreased"), as is less of a trouble ("the lag decreased")."""
    if any(c.dep_ in {"dobj", "obj"} for c in verb.children):
        return  # "it decreases the noise": what it does to something else
    clause = verb.head if verb.dep_ == "xcomp" else verb  # "began to diminish"
    dropping = verb.lemma_.lower() == "drop"
    if dropping and any(c.lower_ == "only" for c in verb.children):
        return  # "the value will only drop 10%": less than feared, no con
    for aspect in _aspects_among(_subjects(clause)):
        noun = aspect.lemma_.lower()
        if dropping and not _falls(noun):
            continue  # "the game dropped last week" (came out), "my phone dropped" (fell)
        if verb.lemma_.lower() in _WORSENING:
            value = -2.0
        elif noun in lexicon.TROUBLE_NOUNS:
            value = 1.5
        else:
            value = ASPECT_ADJECTIVES.get((noun, "low"), -1.5)
        negated = _negated(verb, clause)
        yield RuleMatch("event", aspect, verb, value, negated, _intensity(verb))


#: Verbs of getting less or worse, said of their subject (_declined).
_WORSENING = frozenset({"deteriorate", "degrade", "worsen"})
DECLINING = _WORSENING | {"decrease", "diminish", "decline", "dwindle", "drop"}


def _falls(noun: str) -> bool:
    """Whether "drop" says the thing got less: a level or a link ("the frame rate drops", "the
    signal keeps dropping", "prices dropped", "the lag dropped"), not a release or a fall."""
    return noun in _LEVELS or noun in lexicon.TROUBLE_NOUNS or (noun, "low") in ASPECT_ADJECTIVES


#: What drops as a level falls or a link is lost (besides what is better high: price, quality).
_LEVELS = frozenset(
    "rate fps framerate signal connection wifi call performance speed battery "
    "bluetooth network internet reception volume".split()
)


def _more_than(verb: Token) -> bool:
    """ "more than" among the words after the verb: "last more than 1/2 an hour"."""
    doc = verb.doc
    return any(
        doc[i].lower_ == "more" and doc[i + 1].lower_ == "than"
        for i in range(verb.i + 1, min(verb.i + 4, len(doc) - 1))
    )


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
    """What the writer bought or uses, when the feeling is about buying or using it: "I regret
    buying this laptop", "so glad I bought this camera", "happy that I chose this router", "I
    really enjoy playing it", "we love using the app"."""
    return [
        obj
        for clause in feeling.children
        if clause.dep_ in {"xcomp", "ccomp"}
        and (
            clause.lemma_.lower() in lexicon.PURCHASE_VERBS
            or (clause.tag_ == "VBG" and clause.lemma_.lower() in lexicon.USE_VERBS)
        )
        for obj in clause.children
        if obj.dep_ in {"dobj", "obj"}
    ]


def _complaint_event(token: Token) -> Iterator[RuleMatch]:
    """The app crashes; keeps disconnecting; stopped charging after a week."""
    lemma = token.lemma_.lower()
    if _mended(token) or any(_gone_trouble(c) for c in token.children):
        return  # "Image paste crash fixed", "Standby drain is gone": no fault now
    if lemma in lexicon.COMPLAINT_VERBS and _misread_root(token):
        # The small parser reads "the app crashes" as one noun phrase; the compound is the subject.
        for aspect in _misread_subject(token):
            yield RuleMatch("event", aspect, token, -2.0, _negated(token), 1.0)
        return
    governor = token
    if (
        (token.dep_ == "xcomp" or (token.dep_ in {"dobj", "ccomp"} and token.tag_ == "VBG"))
        and token.head.lemma_.lower() in _ASPECTUAL
    ):  # "stopped charging"; "quit working", which the parser reads as an object
        governor = token.head
    elif _quick_to(token):  # "the hinge was quick to break"
        governor = token.head.head
    elif _yet_to(token):  # "the battery has yet to fail"
        governor = token.head
    stopping = governor.lemma_.lower() in lexicon.STOP_VERBS and governor is not token
    # "goes haywire": the state read as an object
    particles = [
        c.lemma_.lower() for c in token.rights if c.dep_ in {"prt", "advmod", "acomp", "dobj"}
    ]
    if lemma == "stick" and any(
        c.dep_ in {"prt", "dobj"} or (c.dep_ == "prep" and c.lower_ not in _STUCK_AT)
        for c in token.children
    ):
        return  # "the keys stick", "stuck on loading" are faults; "stick with it", "sticks out" not
    after = " ".join(t.lower_ for t in token.doc[token.i + 1 : token.i + 3])
    if any((lemma, word) in lexicon.NOT_COMPLAINT_PHRASES for word in (*particles, after)):
        return  # "cracks me up", "still hanging in there"
    switching = lemma in {"shut", "switch"}
    if switching and any(c.dep_ == "auxpass" for c in token.children):
        return  # "it must be shut down": someone does it
    working = lemma in lexicon.WORKING_VERBS or any(
        (lemma, particle) in lexicon.WORKING_PHRASES for particle in particles
    )
    phrased = any((lemma, particle) in lexicon.COMPLAINT_PHRASES for particle in particles)
    if lemma == "heat" and any(c.dep_ in {"dobj", "obj"} for c in token.children):
        return  # "they heated up the soup": cooking, not a fault
    faulty = (lemma in lexicon.COMPLAINT_VERBS and not stopping) or (stopping and working)
    if faulty or phrased or _lost(token):
        value = -2.0
    elif working and token.pos_ == "VERB" and _negated(token, governor):
        value = 1.5  # "never works", "does not charge", "won't turn on": a good event, negated
    elif working and token.pos_ == "VERB" and _none_of_it(token):
        # "it holds no charge", "later it held zero charge": no object, as no event
        yield from (
            RuleMatch("event", a, token, -2.0, False, 1.0) for a in _aspects_among(_subjects(token))
        )
        return
    else:
        return
    # "would not shut off" is as much a fault as shutting off by itself; "I have never had it
    # crash": what the writer has or sees happen carries the negation
    witness = (
        token.head
        if token.dep_ in _WITNESSED and token.head.lemma_ in {"have", "see"}
        else governor
    )
    negated = _negated(token, governor, witness) and not switching
    subjects = [  # not "Keeps" in "Keeps crashing.", read as a noun; not a title's word
        s for s in _subjects(governor) if s.lemma_.lower() not in _ASPECTUAL and not _titled(s)
    ]
    if not subjects and governor.dep_ == "acl" and governor.head.dep_ == "ROOT":
        subjects = [governor.head]  # "The motherboard fried after a week.", read as a phrase
    for aspect in _aspects_among(subjects):
        yield RuleMatch("event", aspect, token, value, negated, _intensity(token))
    if not subjects and _unsaid_subject(governor):
        # "Crashed twice on map load.", "Stopped working after a week.": the product did
        yield RuleMatch("unsaid", token, token, value, negated, _intensity(token))


def _lost(verb: Token) -> bool:
    """Losing what it should keep: "kept losing signal", "lost my save"."""
    return verb.lemma_.lower() == "lose" and any(
        c.dep_ in {"dobj", "obj"}
        and (c.lower_ in lexicon.LOST_THINGS or c.lemma_.lower() in lexicon.LOST_THINGS)
        for c in verb.children
    )


def _none_of_it(verb: Token) -> bool:
    """An object of none: "holds no charge", "held zero charge"."""
    return any(c.dep_ == "dobj" and any(_none_word(d) for d in c.children) for c in verb.children)


def _went(token: Token) -> Iterator[RuleMatch]:
    """ "The battery went.", "the fan went and the motherboard went", "the processor went on
    me": a part that went, with nowhere to go, failed (not "went out to eat", "time went on",
    "went with Vista", "went bad": the last is _copular's; nor "as far as the service goes",
    "food to go", "what wires go")."""
    if token.tag_ != "VBD" or any(c.dep_ == "mark" for c in token.children):
        return
    for child in token.children:
        if child.i < token.i or child.dep_ in _BARE_GOING:
            continue  # "after a month, the charger went": what comes before goes nowhere
        if (
            child.dep_ == "prep"
            and child.lower_ == "on"
            and any(o.lower_ == "me" for o in child.children)
        ):
            continue  # "went on me"
        return
    for aspect in _aspects_among(_subjects(token), named=True):
        yield RuleMatch("event", aspect, token, -2.0, _negated(token), 1.0)


def _gone_away(gone: Token) -> Iterator[RuleMatch]:
    """ "The lag is finally gone", "battery drain is gone": a trouble gone is a pro (not "the
    diaper is gone", "my interest was gone": what is gone is not said to be missed)."""
    holder = gone.head if gone.dep_ in _COPULA_DEPS else gone
    # "drain is gone": the parser may hang the subject on "is", read as the passive's auxiliary
    auxiliaries = [c for c in holder.children if c.dep_ == "auxpass" and c.i < holder.i]
    subjects = [s for h in (holder, *auxiliaries) for s in _subjects(h)]
    if _gone_trouble(gone):  # "Standby drain is gone", "drain" read as the verb over "gone"
        for aspect in _aspects_among(_subjects(gone.head)):
            yield RuleMatch("event", aspect, gone, 1.5, _negated(holder), 1.0)
        return
    for subject in (a for s in subjects for a in _conjuncts(s)):
        lemma = subject.lemma_.lower()
        if lemma in lexicon.TROUBLE_NOUNS or (
            subject.lower_ in lexicon.domain_words() and lexicon.valence(subject.lower_) < 0
        ):
            for aspect in _troubled_part(subject):
                yield RuleMatch("event", aspect, gone, 1.5, _negated(holder), 1.0)


def _gone_trouble(gone: Token) -> bool:
    """ "gone" as the clause of a complaint verb with no subject of its own: the parser's
    reading of "Standby drain is gone" (the verb is the trouble, its subject the part)."""
    return (
        gone.lower_ == "gone"
        and gone.dep_ == "ccomp"
        and gone.head.i < gone.i
        and gone.head.lemma_.lower() in lexicon.COMPLAINT_VERBS
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in gone.children)
    )


def _troubled_part(trouble: Token) -> list[Token]:
    """The part a trouble is of ("battery" of "battery drain"), else the trouble itself."""
    parts = [c for c in trouble.children if c.dep_ == "compound" and is_aspect(c)]
    return parts or [trouble]


#: What a bare "went" may have after it: the clause's punctuation, time and joins.
_BARE_GOING = frozenset({"punct", "cc", "conj", "npadvmod"})


#: Where a thing is stuck: "Sync stuck on uploading", "stuck at 99%", "stuck in a loop".
_STUCK_AT = frozenset({"on", "at", "in"})


def _titled(subject: Token) -> bool:
    """A subject on a line before its verb's, which the parser joined: "Title here\nCrashed
    twice" (the title's word is no subject of the body's verb)."""
    low, high = sorted((subject.i, subject.head.i))
    return any(_line_break(t) for t in subject.doc[low:high])


def _unsaid_subject(verb: Token) -> bool:
    """A line that starts with its verb, the subject left out as in a review's shorthand:
    "Crashed twice", "Still crashes when pasting images", "Keeps crashing" (read as a noun
    subject), "Won't turn on", "Doesn't work"; not an order ("Crash it", "Don't charge it
    overnight"), a question, or a verb after other words."""
    doc, finite, start = verb.doc, False, 0
    for i in range(verb.i - 1, -1, -1):  # back to the start of the sentence or the line
        word = doc[i]
        if doc[i + 1].is_sent_start or _line_break(word):
            start = i + 1
            break
        if word.pos_ == "AUX" and word.tag_ in {"MD", "VBZ", "VBD"}:
            finite = True  # "Won't", "Doesn't", "Has"; not "Don't" (an order)
        elif not (
            word.is_punct
            or word.is_space
            or word.pos_ in {"ADV", "PART"}
            or word.lemma_.lower() in _ASPECTUAL
        ):
            return False
    # the line's own verb: the sentence's root, or hung across a line break on the title's
    heads_the_line = verb.dep_ == "ROOT" or verb.head.i < start
    return heads_the_line and (finite or verb.tag_ in {"VBZ", "VBD", "VBN", "VBG"})


#: How an event hangs on the verb of having or seeing it: "never had it crash", "never seen it
#: freeze" (the small parser reads the first as a noun object).
_WITNESSED = frozenset({"dobj", "ccomp", "xcomp"})


#: Verbs of an event's going on or stopping: "keeps crashing", "stopped charging".
_ASPECTUAL = lexicon.REPEAT_VERBS | lexicon.STOP_VERBS


#: What is done to a part that failed.
_REPAIRS = frozenset({"replace", "repair", "fix"})


_POSSIBILITY = frozenset({"can", "could", "may", "might", "will", "would", "should"})


def _repaired(verb: Token) -> Iterator[RuleMatch]:
    """ "The motherboard was replaced twice", "I had the keyboard replaced", "the screen had to
    be replaced", "they had to replace the motherboard": the part failed (a con). Not what can
    be done ("the battery can be replaced easily", a pro if anything) nor an upgrade ("replaced
    with an SSD")."""
    if any(c.lower_ in _POSSIBILITY or c.dep_ == "neg" for c in verb.children):
        return
    if any(
        c.dep_ in {"prep", "agent"} and c.lower_ in {"with", "by", "for"} for c in verb.children
    ):
        return  # "replaced with an SSD", "replaced by a glass front"
    if any(c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in verb.children):
        return  # "that system is fixed": as it stands
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.lemma_ in {"have", "need"}:
        # "they had to replace the motherboard": active, under what had to be done
        if any(c.lower_ in _POSSIBILITY or c.dep_ == "neg" for c in verb.head.children):
            return
        subjects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    elif verb.dep_ == "ccomp" and verb.head.lemma_ in {"have", "get"}:
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
        if aspect.lemma_.lower() not in lexicon.TROUBLE_NOUNS:  # "the bugs were fixed": mended
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


def _could_use(use: Token) -> Iterator[RuleMatch]:
    """ "The screen could use some work", "the soup could use more salt", "the app could use a
    dark mode": what the subject needs, it lacks (cons of the subject and of a missing part);
    not "you could use it offline"."""
    if any(c.dep_ == "aux" and c.lower_ == "could" for c in use.children):
        objects = [o for o in use.children if o.dep_ in {"dobj", "obj"}]
        yield from _lacking(use, objects, _negated(use))


def _needs_more(need: Token) -> Iterator[RuleMatch]:
    """ "Battery life needs more life", "the game needs more maps" (cons of the subject and of
    what it needs more of); not "I need more storage" (the writer's), nor "it doesn't need more
    RAM"."""
    more = [
        o
        for o in need.children
        if o.dep_ in {"dobj", "obj"} and any(m.lower_ == "more" for m in o.lefts)
    ]
    if more and not _negated(need):
        yield from _lacking(need, more, False)


def _lacking(verb: Token, wanted: list[Token], negated: bool) -> Iterator[RuleMatch]:
    """What the verb's subject is said to need: a con of the subject, and of each thing it
    needs that is a part rather than work to be done ("some work", "a polish"); nothing where
    the subject is no aspect ("I need more storage": the writer's)."""
    subjects = _aspects_among(_subjects(verb))
    if not subjects:
        return
    missing = [o for o in wanted if o.lemma_.lower() not in _BETTERING and is_aspect(o)]
    for aspect in [*subjects, *missing]:
        yield RuleMatch("lack", aspect, verb, -1.5, negated, 1.0)


#: What a thing "could use" that says only it needs to get better: "some work", "a polish".
_BETTERING = frozenset(
    "work improvement improving help polish polishing tweak tweaking trimming love attention "
    "update refinement fix fixing tlc".split()
)


def _to_be_desired(leave: Token) -> Iterator[RuleMatch]:
    """ "The decor leaves something to be desired", "leaves a lot to be desired" (cons)."""
    if not any(
        clause.lemma_ == "desire" and clause.dep_ in {"relcl", "xcomp", "acl"}
        for obj in leave.children
        if obj.dep_ in {"dobj", "obj"}
        for clause in obj.children
    ):
        return
    for aspect in _aspects_among(_subjects(leave)):
        yield RuleMatch("verb", aspect, leave, -1.8, _negated(leave), 1.0)


def _verb_idiom(verb: Token) -> Iterator[RuleMatch]:
    """The matchmaking takes forever, deliveries take ages (cons); the soups hit the spot (a
    pro): a verb and the word after it that say how good its subject is."""
    word = verb.lemma_.lower()
    value = next(
        (
            lexicon.VERB_IDIOMS[(word, c.lower_)]
            for c in verb.rights
            if c.dep_ in {"dobj", "obj", "advmod", "npadvmod", "prt", "conj"}
            and (word, c.lower_) in lexicon.VERB_IDIOMS
        ),
        None,
    )
    if (
        value is None
        and word == "take"
        and any(
            c.lower_ == "long" and any(g.lower_ == "too" for g in c.children) for c in verb.rights
        )
    ):
        value = -1.5  # "matchmaking takes too long"
    if value is None:
        return
    for aspect in _aspects_among(_subjects(verb)):
        yield RuleMatch("verb", aspect, verb, value, _negated(verb), 1.0)


def _misread_root(verb: Token) -> bool:
    """A verb the parser made the head of its subject's phrase: "the app crashes" read as a
    plural noun, "Battery drains overnight" and "The battery sucks" with the subject a compound
    of the verb."""
    if verb.dep_ != "ROOT" or verb.tag_ not in {"NNS", "VBZ"}:
        return False
    if verb.tag_ == "NNS":
        return True
    return not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children) and any(
        c.dep_ == "compound" and c.i < verb.i for c in verb.children
    )


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
    # "Works pretty well.": the verb a plural noun to the tagger; "Works great.": "great" hung
    # on the verb as if it were a noun's adjective
    misread = verb.tag_ == "NNS" and verb.dep_ == "ROOT"
    if token.dep_ not in {"advmod", "amod"} or not (verb.pos_ == "VERB" or misread):
        return
    if token.i < verb.i:
        return
    if token.pos_ == "ADJ" and any(t.pos_ != "ADV" for t in verb.doc[verb.i + 1 : token.i]):
        return  # an adjective right after its verb ("works really great"), not "Not working = bad"
    if verb.lemma_.lower() not in lexicon.FUNCTION_VERBS or (
        token.lower_ == "well"
        and any(c.lower_ == "as" for c in token.children)
        and token.doc[max(token.i - 2, 0)].lower_ != "just"  # "works just as well": as good
    ):  # "decreased very quickly", "crashed as well": how fast it got worse, or "too"
        return
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else verb
    if verb.lemma_.lower() == "run" and after.lower_ == "out":
        return  # "runs out of ink fairly quickly": how soon it is used up, not how it runs
    word = token.lower_
    value = lexicon.valence(word, token.lemma_, word[:-2] if word.endswith("ly") else word)
    if value:
        yield from _done_so(token, verb, value)


def _to_perfection(token: Token) -> Iterator[RuleMatch]:
    """ "The steak was cooked to perfection", "grilled to perfection": done perfectly."""
    prep = token.head
    if token.dep_ == "pobj" and prep.lower_ == "to" and prep.head.pos_ == "VERB":
        yield from _done_so(token, prep.head, lexicon.valence("perfect"))


def _done_so(token: Token, verb: Token, value: float) -> Iterator[RuleMatch]:
    """What the manner ``token`` of ``verb`` says, with ``value``, is said of."""
    if _purpose(verb):
        return  # "I need graphic power to run my apps efficiently": what it is for
    running = verb.lemma_.lower() in _HOW_IT_RUNS
    # "it came a lot faster than I thought": the delivery, not the product; "the chicken was
    # seasoned and cooked perfectly": the first verb's subject
    subjects = _subjects(verb) or _first_verbs_subjects(verb) or _raised_subjects(verb)
    aspects = _aspects_among(subjects, named=not running)
    if running and all(_the_product(a) for a in aspects):
        aspects.append(verb)  # "it runs a lot faster": how it runs is the aspect too
        aspects += _judged_for(token, verb)  # "it works great for internet use"
    # "it could have been handled better": room for improvement, as "could be better"
    negated = _negated(verb) != _could_be(token, verb)
    for aspect in aspects:
        yield RuleMatch("adverb", aspect, token, value, negated, _intensity(token))


#: Verbs whose manner is the product's own working or its service, an aspect by itself ("it
#: runs smoothly", "shipped very quickly"); how it came, was cooked or was
#: answered is said of its subject.
_HOW_IT_RUNS = lexicon.FUNCTION_VERBS - set(
    "come arrive deliver prepare cook type reply answer age".split()
)


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
    elif (
        participle.lemma_.lower() in _BUILDING
        and participle.dep_ != "amod"
        and all(_the_product(s) or s.pos_ == "PROPN" for s in _clause_subjects(verb))
    ):
        aspects = [participle]  # "it is very well built": how the product was built
    elif participle.dep_ == "amod":
        aspects = [participle.head] if is_aspect(participle.head) else []
    else:
        aspects = _aspects_among(_clause_subjects(verb))
    for aspect in aspects:
        negated = _negated(participle, verb)
        yield RuleMatch("adverb", aspect, adverb, value, negated, _intensity(adverb))


#: Participles of how a product was made, an aspect of it ("well built": the build quality).
_BUILDING = frozenset({"build", "make", "construct", "design", "engineer"})


def _churned(verb: Token) -> Iterator[RuleMatch]:
    """Cancelled my subscription; I returned it for a refund; uninstalled the app: the writer
    leaves the product, a con of it as a whole. Not someone else's doing ("you can cancel
    anytime"), a negated one, or "return" without an object ("we will return for sure")."""
    if verb.pos_ != "VERB" or _negated(verb):
        return
    subjects = _subjects(verb)
    if subjects and not all(s.lower_ in {"i", "we"} for s in subjects):
        return
    if not subjects and not _unsaid_subject(verb):
        return
    if any(c.tag_ == "MD" for c in verb.children):
        return  # "I will return it if ...", "I might cancel": not done
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    if any(o.lower_ in lexicon.CHURNED or _the_product(o) for o in objects):
        yield RuleMatch("unsaid", verb, verb, -1.8, False, 1.0)


def _damaged(verb: Token) -> Iterator[RuleMatch]:
    """2.1 ruined the battery; the update wrecked sync: a con of the part it harmed (a named
    part: "it ruined my weekend" harms no part of the product)."""
    if verb.pos_ != "VERB" or verb.tag_ == "VBN" or _negated(verb):
        return
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    for aspect in _aspects_among(objects, named=True):
        if aspect.lemma_.lower() not in PRODUCT_NOUNS:  # "it ruined my weekend" has no aspect
            yield RuleMatch("event", aspect, verb, -2.0, False, _intensity(verb))


def _cleft(verb: Token) -> Iterator[RuleMatch]:
    """What I love most is the camera; what impressed me was the sound; the only thing I don't
    like is the memory card: the thing named after "is" is what the verb judges."""
    lemma = verb.lemma_.lower()
    value = lexicon.OPINION_VERBS.get(lemma) or lexicon.STIMULUS_VERBS.get(lemma)
    if value is None or verb.tag_ == "VBN":
        return
    if verb.dep_ == "csubj" and any(c.lower_ == "what" for c in verb.children):
        copula = verb.head  # "What I love most is ..."
    elif (
        verb.dep_ == "relcl"
        and verb.head.dep_ == "nsubj"
        and verb.head.lemma_.lower() in _CLEFT_NOUNS
    ):
        copula = verb.head.head  # "The only thing I don't like is ..."
    else:
        return
    if copula.lemma_ != "be":
        return
    said = [  # ("What I don't like is the price": the parser may make it the subject)
        c for c in copula.children if c.dep_ in {"attr", "acomp", "nsubj"} and c.i > verb.i
    ]
    for aspect in _aspects_among([a for c in said for a in _conjuncts(c)]):
        yield RuleMatch("verb", aspect, verb, value, _negated(verb), _intensity(verb))


#: Nouns a clause of liking says "the thing" with: "the only thing I don't like is ...".
_CLEFT_NOUNS = frozenset({"thing", "part", "feature"})


def _stimulus_verb(token: Token) -> Iterator[RuleMatch]:
    """The screen impressed me; the battery disappoints; the support stinks."""
    value = lexicon.STIMULUS_VERBS.get(token.lemma_.lower())
    if value is None or token.tag_ == "VBN":  # "impressed by" is the experiencer's
        return
    if token.lemma_.lower() in lexicon.OBJECTLESS_STIMULUS_VERBS and any(
        c.dep_ in {"dobj", "obj", "dative"} for c in token.children
    ):
        return  # "the game slaps you with ads"
    if token.dep_ == "ROOT" and token.pos_ == "NOUN":
        # "the repair depot stinks", "the pictures rock" (a verb after a plural subject); not
        # "House rules", a heading
        for aspect in _misread_subject(token):
            if (token.tag_ == "NNS" and token.lemma_ != "rule") or aspect.tag_ == "NNS":
                yield RuleMatch("verb", aspect, token, value, False, 1.0)
        return
    if token.tag_ == "VBZ" and _misread_root(token):  # "The battery sucks", "battery" its compound
        for aspect in _misread_subject(token):
            yield RuleMatch("verb", aspect, token, value, _negated(token), _intensity(token))
        return
    for subject in _subjects(token):
        if subject.dep_ != "nsubj":
            continue
        for aspect in _conjuncts(subject):
            if _judgeable(aspect):
                yield RuleMatch("verb", aspect, token, value, _negated(token), _intensity(token))


def _experiencer(token: Token) -> Iterator[RuleMatch]:
    """Happy with the screen; disappointed by the battery; addicted to the game; "I couldn't be
    happier with the battery" (a pro), "I could be happier with it" (a con)."""
    value = lexicon.EXPERIENCER_ADJECTIVES.get(token.lower_)
    if value is None and token.tag_ in {"JJR", "RBR"}:
        value = lexicon.EXPERIENCER_ADJECTIVES.get(token.lemma_.lower())  # "happier"
    if value is None or any(c.dep_ == "prt" for c in token.children):
        return  # "hooked up to the projector" is a connection, not a feeling
    holders = [token]
    if token.dep_ in _COPULA_DEPS:
        holders.append(token.head)  # "I am happy with it": the parser may hang "with" on "am"
    # "couldn't be happier" praises as "couldn't be better" does
    could_be = _could_be(token, holders[-1])
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
                for aspect in _aspects_among([obj]):  # "happy with the screen", "with it"
                    negated = _negated(token, *holders[1:]) != could_be
                    yield RuleMatch("feeling", aspect, token, value, negated, _intensity(token))
    for aspect in _aspects_among(_purchased(token)):
        negated = _negated(token, *holders[1:]) != could_be
        yield RuleMatch("feeling", aspect, token, value, negated, _intensity(token))
    if _feeling_alone(token, holders):  # no object, so nothing bought either
        # "I'm addicted.", "Honestly I am so disappointed": the writer's feeling with nothing
        # it is about, in a review: about the product, left unsaid
        negated = _negated(token, *holders[1:]) != could_be
        yield RuleMatch("unsaid", token, token, value, negated, _intensity(token))


def _feeling_alone(feeling: Token, holders: list[Token]) -> bool:
    """A feeling of the writer's ("I", "we") predicated by "be", with no object, clause or
    circumstance of its own: "I'm addicted", not "I'm happy with the screen", "I was
    disappointed when it broke", "we are excited to try it"."""
    if feeling.dep_ not in _COPULA_DEPS or len(holders) < 2:
        return False
    verb = holders[-1]
    if verb.lemma_ != "be" or not any(s.lower_ in {"i", "we"} for s in _subjects(verb)):
        return False
    around = [*feeling.children, *verb.children]
    return not any(
        c.dep_ in {"prep", "agent", "xcomp", "ccomp", "advcl", "conj", "dobj"} for c in around
    )


def _outage(word: Token) -> Iterator[RuleMatch]:
    """The servers are down again, the site went offline (cons): a service that is not there;
    not "the price is down"."""
    verb = word.head
    if verb.lemma_.lower() in {"be", "go"}:
        subjects = _subjects(verb)
    elif word.i > 0 and word.nbor(-1).pos_ in {"NOUN", "PROPN"}:
        subjects = [word.nbor(-1)]  # "Servers down again.", however the parser hangs it
    else:
        return
    for aspect in _aspects_among(subjects, named=True):
        if aspect.lemma_.lower() in lexicon.SERVICE_NOUNS:
            yield RuleMatch("event", aspect, word, -2.0, _negated(word, verb), 1.0)
