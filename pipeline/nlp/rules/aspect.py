"""Which tokens are an aspect, and the phrase that names it."""

from __future__ import annotations

import re

from spacy.tokens import Token

from pipeline.nlp import lexicon
from pipeline.nlp.aspects import (
    COMMON_MAKERS,
    MAKERS,
    NOT_ASPECTS,
    NOT_PART_OF_ASPECT,
    OF_PHRASES,
    PASS_THROUGH,
    PRODUCT_NOUNS,
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
        ("free", "will"),
        ("mid", "range"),  # "a mid range PC" (the slang "mid" judges)
        ("limited", "edition"),
        ("safe", "mode"),
        # which plan: "ads in the free version are unacceptable" says nothing of its price
        ("free", "version"),
        ("free", "tier"),
        ("free", "trial"),
        ("free", "plan"),
        ("free", "edition"),
        ("free", "account"),
        ("premium", "version"),
        ("premium", "tier"),
        ("premium", "plan"),
    }
)


_COPULA_DEPS = {"acomp", "attr", "oprd"}


_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


_ARGUMENT_DEPS = _SUBJECT_DEPS | {"dobj", "obj", "pobj"}


def aspect_tokens(head: Token, exclude: int = -1) -> list[Token]:
    """The aspect phrase: the head and the compounds and kind-naming adjectives before it.

    ``exclude`` is the index of the opinion word, which is never part of the aspect.
    """
    if head.dep_ == "compound" and head.head.tag_ == "NNS" and head.head.dep_ == "ROOT":
        # "the repair depot stinks" misread as a noun phrase: the compounds before the verb.
        return [t for t in head.head.lefts if t.dep_ == "compound" and t.i <= head.i]
    if head.dep_ == "compound" and not head.head.is_alpha:
        return [head]  # "the screen 😍": the emoji is not part of the aspect
    if _run_on(head) and head.head.i != exclude:
        return aspect_tokens(head.head, exclude)  # "lasagna" of "the crabmeat lasagna"
    tokens = _with_hyphenated_prefix([*_modifiers(head, exclude), head], exclude)
    for child in head.rights:  # "boot up"; "Windows 7"; "the ease of set up" (a noun)
        if child.i == tokens[-1].i + 1 and (
            (child.dep_ == "prt" and head.pos_ in {"VERB", "NOUN"})
            or (child.dep_ == "nummod" and head.pos_ in {"PROPN", "NOUN"})
            or _run_on(child)
        ):
            tokens.append(child)
    if tokens[-1].i == head.i and head.pos_ in {"VERB", "NOUN"} and head.i + 1 < len(head.doc):
        after = head.doc[head.i + 1]
        own = after.head.i == head.i or head.head.i == after.i  # not "tastier food hands down"
        if after.tag_ == "RP" and after.lower_ in _UP_DOWN and after.i != exclude and own:
            tokens.append(after)  # "Very fast boot up", with "up" misread as the verb
    return tokens


#: Particles a noun or verb of starting and stopping is named with: "boot up", "shut down".
_UP_DOWN = frozenset({"up", "down"})


def _run_on(noun: Token) -> bool:
    """A noun the parser set in apposition to the noun right before it, with no comma, or as
    its measure: one name ("the crabmeat lasagna", "chicken tikka marsala")."""
    return (
        noun.dep_ in {"appos", "npadvmod"}
        and noun.i == noun.head.i + 1
        and noun.pos_ in {"NOUN", "PROPN"}
        and noun.head.pos_ in {"NOUN", "PROPN"}
        and noun.lower_ not in NOT_ASPECTS  # "my favorite place lol"
    )


def _modifiers(head: Token, exclude: int) -> list[Token]:
    """The compounds and kind-naming adjectives right before ``head``, nearest first, stopping
    at a gap; with a compound's own ("lava" of "lava cake dessert", "Tom" of "Tom Kha soup")."""
    parts: list[Token] = []
    for child in reversed(list(head.lefts)):
        if parts and child.i >= parts[0].i:
            continue  # a name taken with its number: "Windows" of "the Windows 7 update"
        before = (parts[0].i if parts else head.i) - 1
        if child.i != before and _hyphened(child, before) and child.i != exclude:
            parts = [*child.doc[child.i : before + 1], *parts]  # "the built-in webcam"
            continue
        if (numbered := _numbered_name(child, head, before, exclude)) is not None:
            parts = [*numbered, *parts]  # "the Windows 7 update", "a 15 inch screen"
            continue
        if child.i != before or not _is_word(child):
            break
        if child.i == exclude or child.lower_ in _MISSPELT_ARTICLES:
            break
        if child.dep_ == "compound" and child.lemma_.lower() in _MEASURES:
            break  # "a 30 minute wait" is a wait
        if child.dep_ == "compound" and child.lower_ in _JUDGING_COMPOUNDS:
            break  # "the freaking motherboard", "fun decor", read as compounds
        if child.dep_ == "compound" and _judging_adjective(child):
            break  # "the lighted keyboard and easy mouse pad": an adjective read as a name
        if child.lemma_.lower() == "quality" and (
            child.i == exclude + 1 or any(c.i == exclude for c in child.children)
        ):
            break  # "a high quality screen": the screen, which the words grade
        if child.dep_ == "compound":
            parts = [*_modifiers(child, exclude), child, *parts]
        elif child.dep_ in {"amod", "nmod"} and _describes(child):
            if not parts and _valued(head, child):
                break  # "a dark atmosphere" (but "the blond wood decor": of the wood)
            if child.pos_ in {"NOUN", "PROPN"}:  # "online" of "the online tutorial videos"
                parts = [*_modifiers(child, exclude), child, *parts]
            else:
                parts.insert(0, child)
        else:
            break
    return parts


#: Units a size is given in before a noun: "a 15 inch screen", "4 GB RAM", "a 12 MP camera".
_UNITS = frozenset(
    "inch inches in cm mm gb tb mb ghz mhz mp megapixel megapixels mah hz w watt watts "
    "cell cells core cores oz ounce ounces lb lbs pound pounds piece pieces".split()
)


def _numbered_name(child: Token, head: Token, before: int, exclude: int) -> list[Token] | None:
    """A name with its number before ``head``: a version ("the Windows 7 update", the number
    the head's or the name's: "Windows 7 Starter") or a size ("a 15 inch screen")."""
    doc = child.doc
    if child.dep_ == "nummod" and child.like_num and child.i == before and child.i > 0:
        name = doc[child.i - 1]  # "Windows" of "Windows 7 update", where 7 counts the update
        if name.i == exclude or not _is_word(name):
            return None
        if name.head == child and name.dep_ == "amod" and not name.is_lower:
            return [name, child]  # "the iOS 17 update", iOS read as an adjective of 17
        if name.head != head:
            return None
        if name.dep_ in {"compound", "nmod"} and name.pos_ in {"NOUN", "PROPN"}:
            return [*_modifiers(name, exclude), name, child]
        return None
    if child.dep_ not in {"compound", "nmod"} or child.i == exclude or not _is_word(child):
        return None
    numbers = [c for c in child.children if c.dep_ == "nummod" and c.like_num]
    if child.i < before and [c.i for c in numbers] == list(range(child.i + 1, before + 1)):
        return [*_modifiers(child, exclude), child, *numbers]  # "Windows 7" of "Starter"
    if child.i == before and measured(child):
        return [doc[child.i - 1], child]  # "15 inch" of "a 15 inch screen"
    return None


def measured(token: Token) -> bool:
    """A word counted by the number right before it, as a size: "inch" of "a 15 inch screen"."""
    if token.dep_ not in {"compound", "nmod"} or token.i == 0 or token.lower_ not in _UNITS:
        return False
    number = token.doc[token.i - 1]
    return number.dep_ == "nummod" and number.like_num and number.head in {token, token.head}


_EXPLETIVES = frozenset({"freaking", "fucking", "damn", "damned", "bloody", "stupid"})


#: Nouns that judge as adjectives before a noun, where the tagger keeps them nouns: "Fun game",
#: "fun decor" (but "fun fact" says nothing: "fact" is no aspect; "the fun factor" is the
#: aspect's name).
NOUNS_AS_ADJECTIVES = frozenset({"fun", "badass", "kickass"})  # "Badass graphics"
_JUDGING_COMPOUNDS = _EXPLETIVES | NOUNS_AS_ADJECTIVES


#: Units that measure the thing rather than name it: "a 30 minute wait", "a 2 hour battery".
_MEASURES = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "dollar"})


#: Articles and "this" as social text misspells them, which the tagger takes for nouns: "teh
#: music", "i love ths notebook".
_MISSPELT_ARTICLES = frozenset({"teh", "tha", "da", "ths"})


def _hyphened(modifier: Token, end: int) -> bool:
    """A modifier written as one hyphened word that ends at ``end``: "built-in", "wi-fi"."""
    words = modifier.doc[modifier.i : end + 1]
    return (
        modifier.dep_ in {"amod", "compound"}
        and modifier.right_edge.i == end
        and len(words) == 3
        and words[1].text == "-"
        and not words[0].whitespace_
        and not words[1].whitespace_
    )


def _with_hyphenated_prefix(tokens: list[Token], exclude: int) -> list[Token]:
    """Add the words hyphened onto the first token: "multi-touch trackpad", "wait-staff"; but
    the opinion word's own piece is the opinion's: "a long-life battery" is a battery."""
    doc, first = tokens[0].doc, tokens[0].i
    while (
        first >= 2
        and doc[first - 1].text == "-"
        and not doc[first - 1].whitespace_
        and not doc[first - 2].whitespace_
        and _is_word(doc[first - 2])
    ):
        if first - 2 == exclude:
            if first == tokens[0].i and len(tokens) > 1:
                return tokens[1:]
            break
        first -= 2
    return tokens if first == tokens[0].i else [*doc[first : tokens[0].i], *tokens]


def _valued(head: Token, modifier: Token) -> bool:
    """An adjective that gives a value of a quality the noun names, not a kind of it: "a dark
    atmosphere", "a warm vibe", "a compact design" (but "the interior decor", "the outdoor
    atmosphere", "Chinese style" name which one)."""
    return (
        head.lemma_.lower() in _VALUED_NOUNS
        and not modifier.is_title
        and modifier.lower_ not in _WHERE
    )


#: Nouns naming a quality of the whole, which adjectives give values of.
_VALUED_NOUNS = frozenset("atmosphere ambiance ambience vibe vibes decor design feel".split())
#: Adjectives of where, which name a part: "the interior decor", "the outdoor atmosphere".
_WHERE = frozenset({"interior", "exterior", "indoor", "outdoor", "inside", "outside"})


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


def _judging_adjective(compound: Token) -> bool:
    """An opinion adjective the tagger took for a name ("easy mouse pad", "nicer screen"), in
    small letters, not a noun ("support technicians") and not of a fixed name ("happy hour")."""
    if compound.pos_ == "NOUN" or not compound.is_lower or not lexicon.valence(compound.lower_):
        return False
    word = compound.lower_
    adjectives = lexicon.adjectives_only()
    plain = word[:-1] if word.endswith("r") else word[:-2] if word.endswith("st") else word
    return (word in adjectives or plain in adjectives) and not _fixed_name(compound)


def _fixed_name(modifier: Token) -> bool:
    """The adjective of a fixed name: "dim sum", also in "the dim sum orders" and "mid-range"."""
    word, doc = modifier.lower_, modifier.doc
    following = doc[modifier.i + 1 : modifier.i + 3]
    if len(following) == 2 and following[0].text == "-" and not modifier.whitespace_:
        following = following[1:]  # "a mid-range phone"
    return (word, modifier.head.lemma_.lower()) in FIXED_NAMES or (
        len(following) > 0 and (word, following[0].lower_) in FIXED_NAMES
    )


#: Longer than any word an aspect is named with: a run of letters without a space (a pasted
#: blob, "aaaa…", what the tokenizer cut from a long run) is no aspect.
MAX_WORD_LENGTH = 30


def _is_word(token: Token) -> bool:
    """A word: letters, and not an address or code ("https://...", "print_log=True")."""
    if len(token.text) > MAX_WORD_LENGTH:
        return False
    if token.is_alpha:
        return True
    return (
        any(ch.isalpha() for ch in token.text)
        and not token.like_url
        and not token.like_email
        and not _CODE.search(token.text)
    )


#: Characters of code, markup and addresses, which no word for an aspect has.
_CODE = re.compile(r"[=_\\\[\](){}<>|@]")


#: The light a thing is used in, and the prepositions that put it there ("in low light").
_LIGHT = frozenset({"light", "daylight", "sunlight", "lighting", "dark", "darkness"})
_IN = frozenset({"in", "under", "but"})


def is_aspect(token: Token) -> bool:
    if _of_object(token) is not None:
        return True  # "a lot of the levels", "one of the speakers": find_matches passes it on
    if token.pos_ not in {"NOUN", "PROPN"} and not _misread_noun(token) and not _gerund(token):
        return False
    if not _is_word(token):
        return False
    if lexicon.is_junk_word(token.text):
        return False  # "sry", "xd", "dosent": chat, not a thing of the product
    if token.is_upper and token.lower_ in _PRONOUNS:
        return False  # "IT WAS HEAVEN!": a shouted pronoun, not a name
    if lexicon.is_intensifier(token.lower_):
        return False  # "Soo smooth...": the tagger takes a drawn-out "so" for a name
    if (
        token.dep_ not in _ARGUMENT_DEPS
        and token.lower_ in lexicon.adjectives_only()
        and lexicon.valence(token.lower_)
    ):
        return False  # an opinion word the parser took for a noun: "the service classy"
    if _own_life(token):
        return False  # "I hate my life": the writer's
    if (
        token.dep_ not in _ARGUMENT_DEPS | {"conj"}
        and token.is_lower
        and lexicon.misspelt_opinion(token.lower_)
    ):
        return False  # "I dislike the weight and size, cubersome": "cumbersome", misspelt
    if _said_again(token):
        return False  # "I HATE HATE HATE this place", "love love love": emphasis
    if token.dep_ == "pobj" and token.lemma_.lower() in _LIGHT and token.head.lower_ in _IN:
        return False  # "hunts in anything but perfect light": when, not what
    if token.lemma_.lower() not in NOT_ASPECTS and token.lower_ not in NOT_ASPECTS:
        return True
    if token.lower_ in _PLURAL_ASPECTS:
        return True  # "the sides were salty", "the sides get hot"; "on the plus side" frames
    if token.lemma_.lower() in _STAFF_WORDS:
        # "the people were friendly", "their delivery guys": the ones who serve, not
        # "people say" or "a great guy"
        return any(c.lower_ in {"the", "their"} for c in token.lefts)
    # "the dining experience", "the loading time": a compound names a thing of the product
    # (and "font options", where the tagger makes "font" an adjective)
    lemma = token.lemma_.lower()
    return lemma in _NAMED_BY_COMPOUND and any(
        (c.dep_ == "compound" and c.pos_ in {"NOUN", "VERB"})
        or (lemma in {"option", "reality"} and c.dep_ == "amod" and _describes(c))
        for c in token.lefts
    )


def _said_again(token: Token) -> bool:
    """An opinion word written twice or more in a row, for emphasis (not "mahi mahi")."""
    if not (token.lemma_.lower() in lexicon.OPINION_VERBS or lexicon.valence(token.lower_)):
        return False  # most nouns: at once
    doc, i = token.doc, token.i
    return (i > 0 and doc[i - 1].lower_ == token.lower_) or (
        i + 1 < len(doc) and doc[i + 1].lower_ == token.lower_
    )


#: What belongs to the writer when it is "my": their life, their English, their spelling.
_OWN = frozenset({"life", "english", "grammar", "spelling"})


def _own_life(token: Token) -> bool:
    """ "my life", "sorry for my bad english": the writer's, not the battery's ("my battery
    life") or the game's ("the English dub")."""
    if token.lower_ not in _OWN or any(c.dep_ == "compound" for c in token.children):
        return False
    owners = {c.lower_ for c in token.children if c.dep_ == "poss"}
    return bool(owners) if token.lower_ == "life" else bool(owners & {"my", "mine"})


#: Words for people that name the staff with "the" or "their": "the people were friendly".
_STAFF_WORDS = frozenset({"people", "person", "guy", "guys"})


#: Pronouns the tagger takes for names when shouted.
_PRONOUNS = frozenset({"it", "this", "that", "they", "i", "we", "you", "he", "she"})


#: Plurals that are aspects though their singular frames a judgement ("on the bright side").
_PLURAL_ASPECTS = frozenset({"sides"})


#: Words that are no aspect alone ("a great experience", "a long time", "a loud group") but
#: are one named by a compound: "the dining experience", "the user experience", "the loading
#: time", "the release date", "the wine choices", "the tech support group", "virtual reality".
_NAMED_BY_COMPOUND = frozenset(
    {"experience", "time", "date", "choice", "group", "option", "reality"}
)


def _gerund(token: Token) -> bool:
    """An activity named by a bare "-ing" subject: "Charging is slow", "Scrolling is smooth"
    (what it does to something is the clause's: "Charging the phone is slow")."""
    return token.tag_ == "VBG" and token.dep_ == "nsubj" and not token.n_rights


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
    lemma = token.lemma_.lower()
    whole = False  # whether the object may be the product itself
    if heads is PASS_THROUGH and lemma == "everything":
        linking, whole = {"about"}, True  # "everything about this phone is great": the phone
    elif heads is PASS_THROUGH and lemma == "experience":
        # "my experience with the support was terrible": the support's ("a dining experience
        # with quality food" is one of its own)
        own = any(c.dep_ == "compound" for c in token.lefts)
        linking = {"of"} if own else {"of", "with"}
    elif lemma in heads:
        linking = {"of"}
    else:
        return None
    preps = list(token.children)
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else token
    if after.lower_ == "of" and after.head.i != token.i:
        preps.append(after)  # "good speed and plenty of space": "of" hung on "speed"
    for prep in preps:
        if prep.dep_ == "prep" and prep.lower_ in linking:
            for obj in prep.children:
                if (
                    obj.dep_ in {"pobj", "pcomp"}  # "ease of use": "use" read as a clause
                    and obj.pos_ in {"NOUN", "PROPN"}
                    and _is_word(obj)
                    and obj.lemma_.lower() not in NOT_ASPECTS
                    # "the quality of a mac" is the quality
                    and (whole or not (obj.lemma_.lower() in PRODUCT_NOUNS or maker(obj)))
                ):
                    return obj
    return None


def maker(token: Token) -> bool:
    """A maker or product line by its name ("Toshiba", "Macs"); "apple", "mac" in small letters
    only someone's, pointed at or one of them, and alone ("my mac", "this mac", "a mac"; not
    "the mac and cheese")."""
    if not maker_name(token):
        return False
    if token.lower_.removesuffix("s") not in COMMON_MAKERS or not token.is_lower:
        return True
    if any(c.dep_ == "conj" for c in token.children):
        return False
    return any(c.lower_ in _POINTING for c in token.lefts)


def maker_name(token: Token) -> bool:
    """A maker's or product line's name, whatever it stands for alone: "Dell", "Macs", "mac"."""
    word = token.lower_
    return word in MAKERS or (word.endswith("s") and word[:-1] in MAKERS)


#: Words that make a common noun someone's, point at one or count it: "my mac", "this mac",
#: "a mac" (but not "the": "the mac was creamy" is food).
_POINTING = frozenset("my your his her our their this that these those a".split())


def aspect_phrase(head: Token, exclude: int = -1) -> tuple[list[Token], list[Token]]:
    """The aspect's tokens as written, and the tokens its key is made of.

    They differ for "a bottle of wine": written in full, counted under ``wine``.
    """
    tokens = aspect_tokens(head, exclude)
    inner = _of_object(head, OF_PHRASES)
    if inner is None or inner.i == exclude:
        return tokens, _unmeasured(tokens)
    key_tokens = aspect_tokens(inner, exclude)
    return list(head.doc[tokens[0].i : inner.i + 1]), key_tokens


def _unmeasured(tokens: list[Token]) -> list[Token]:
    """The tokens without a size ("15 inch" of "a 15 inch screen"): counted under ``screen``."""
    sizes = {i for t in tokens if measured(t) for i in (t.i - 1, t.i)}
    if not sizes:
        return tokens
    return [t for t in tokens if t.i not in sizes] or tokens


def _hyphen_part(token: Token) -> bool:
    """A piece of a hyphened word the parser made a word of its own: "co" and "-" in "co-op"."""
    if not _is_word(token):
        return True
    if token.whitespace_ or token.i + 1 >= len(token.doc):
        return False
    return token.doc[token.i + 1].text == "-"
