"""What is read off the word order, where the parser makes little of short and verbless text:
shorthand ("Screen great, battery awful"), lines that are only a verdict ("Terrible", "Would
recommend."), scores ("10/10", "Five stars") and set verdicts ("Waste of money.")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from pipeline.nlp import lexicon
from pipeline.nlp.rules.aspect import is_aspect
from pipeline.nlp.rules.grammar import (
    _LIMITED_LUKEWARM,
    RuleMatch,
    _intensity,
    _negated,
    _word_valence,
    topic_of,
)

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
        if (topic := topic_of(token)) is not None:  # "Very fortunate, location wise."
            if value := _word_valence(token, topic):
                yield RuleMatch(
                    "shorthand", topic, token, value, _negated(token), _intensity(token)
                )
            continue
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
        cues = {t.lower_ for t in doc[j + 1 : k]}
        if value > 0 and "too" in cues:
            value = -1.5  # "Price depreciation too fast"
        if value:
            negated = bool(cues & {"not", "never"})
            yield RuleMatch("shorthand", noun, token, value, negated, _intensity(token))


#: Words a verdict line may have around its word: degree, negation, "would", and the asides of
#: social text ("Really frustrating.", "Not great tbh", "Would recommend.", "Highly recommend").
_VERDICT_CUES = (
    _SHORTHAND_CUES
    | lexicon.NEGATIONS
    | {"almost", "just", "highly", "definitely", "would", "wouldn't", "'d", "do"}
    | {"overall", "honestly", "tbh", "imo", "lol", "though", "totally", "100", "%"}
    | {"still", "the"}  # "Still the best"
    | {"much"}  # "So much fun", "Much better"
)
_NEGATING_CUES = lexicon.NEGATIONS - {"without", "none", "nor", "neither"}  # "Nothing special"
#: A copula a verdict line may open with, its subject left unsaid: "is fun", "Its dead".
_OPENING_COPULAS = frozenset({"is", "was", "its", "iz"})


def _verdict_line(line: Span) -> Iterator[RuleMatch]:
    """A line that is a verdict and nothing else: "Terrible", "Very good", "Really
    frustrating.", "Disappointed", "Not great tbh", "Would recommend.", "Avoid.", or a few
    such adjectives ("Deep, clever, beautiful.", "Fine but bloated", "Worse and worse"). A
    title or a reply says so of the product, left unsaid. Opinion words with only degree
    words, negation and asides around them (read where no other rule matched)."""
    words: list[Token] = []
    listed = True  # whether every word so far is one a verdict line of several may have
    for token in line:
        if token.is_punct or token.is_space or token.lower_ in _VERDICT_CUES:
            continue
        if not words and token.i == line.start and token.lower_ in _OPENING_COPULAS:
            continue  # "is fun", "Its dead": the subject left unsaid
        if lexicon.is_intensifier(token.lower_):
            continue  # "Soo smooth...", "Sooooo good"
        if token.text in lexicon.EMOJI or not any(ch.isalnum() for ch in token.text):
            continue  # "So happy 😍", "10/10 !!!"
        words.append(token)
        listed = listed and _listed_verdict_word(token)
        if len(words) > 1 and not listed:
            return  # a line with a noun or a verb (a sentence, the rules'): read no further
    if len(words) > 1 and not all(t.text in _LIST_MARKS for t in line if _mark(t)):
        return  # a line of words with code between them: "x=True"
    start = line.start
    for word in words:
        before = [t.lower_ for t in line.doc[start : word.i]]
        start = word.i + 1
        if word.pos_ == "CCONJ":
            continue
        lower = word.lower_
        if lower in _LIMITED_LUKEWARM:  # "OK" says nothing; "Just OK" is a con
            value = _LIMITED_LUKEWARM[lower] if before[-1:] in (["just"], ["only"]) else 0.0
        else:
            value = _verdict_value(word)
        if value > 0 and before[-1:] == ["too"]:
            value = -1.5  # "Too easy."
        if value:
            negated = bool(set(before) & _NEGATING_CUES)
            yield RuleMatch("unsaid", word, word, value, negated, _intensity(word))


def _verdict_tail(line: Span, used: set[int]) -> Iterator[RuleMatch]:
    """A verdict that closes a line after "but" or "yet", where the rules read what came
    before it: "Laggy but fun", "too many bugs but still fun", "Overpriced, yet addictive".
    The tail says so of the product, left unsaid, as a line that is only a verdict does; not
    "the fries were cold but the burger good" (a noun: the rules'), nor a word they read."""
    turns = [t for t in line if t.lower_ in _TURNS and t.pos_ == "CCONJ"]
    if not turns or not used:
        return  # most lines: at once (a line the rules read nothing in is _verdict_line's)
    turn = turns[-1]
    if turn.i == line.start or any(i > turn.i for i in used if i < line.end):
        return
    yield from _verdict_line(line.doc[turn.i + 1 : line.end])


#: Conjunctions that turn a line: what follows weighs against what came before.
_TURNS = frozenset({"but", "yet"})


def _compared_line(line: Span) -> Iterator[RuleMatch]:
    """A line that only compares the product, left unsaid, with another: "Better than
    Fortnite.", "way better than overwatch", "Worse than the old one" (the other product's
    con is the comparative rule's, where both are configured)."""
    if not _COMPARING.search(line.text):
        return  # most lines: at once
    words = [t for t in line if not (t.is_punct or t.is_space)]
    while words and (lexicon.is_intensifier(words[0].lower_) or words[0].lower_ in _FAR):
        words = words[1:]  # "way better", "so much better", "far worse"
    if len(words) < 3 or words[0].lower_ not in _COMPARED or words[1].lower_ not in _THAN:
        return
    if any(t.pos_ in {"AUX", "PRON"} or t.lower_ in {"nothing", "none"} for t in words[2:]):
        return  # "better than I expected", "better than it was"; "better than nothing" is faint
    word = words[0]
    yield RuleMatch("unsaid", word, word, _COMPARED[word.lower_], False, _intensity(word))


#: Comparatives a line may open with, and their value; what may stand before them and after.
_COMPARED = {"better": 1.5, "worse": -1.5}
_FAR = frozenset({"way", "much", "far", "even", "still", "miles", "waaay", "waay"})
_THAN = frozenset({"than", "then"})  # "better then apex legends"
_COMPARING = re.compile(r"(?i)(?:better|worse) th[ae]n")


#: The punctuation of a list of verdict words: "Deep, clever, beautiful."
_LIST_MARKS = frozenset({",", ".", "!", "?", "...", "…", ";"})


def _mark(token: Token) -> bool:
    """A token of no letter or digit, but not an emoji or a space: ",", "=", "!"."""
    return not (
        token.is_space or token.text in lexicon.EMOJI or any(ch.isalnum() for ch in token.text)
    )


def _listed_verdict_word(word: Token) -> bool:
    """A word a verdict line of several may have: an adjective or a participle ("Deep, clever,
    beautiful.", "Fine but bloated"), or the conjunction between them."""
    return (
        word.pos_ in {"ADJ", "CCONJ"}
        or word.tag_ in {"JJ", "JJR", "JJS", "VBN"}
        or _verdict_noun(word)  # "Absolute garbage", "Total ripoff", "Pure fun"
    )


def _verdict_noun(word: Token) -> bool:
    lemma = word.lemma_.lower()
    return word.pos_ in {"NOUN", "PROPN"} and (
        lemma in lexicon.PREDICATE_NOUNS or lemma in lexicon.VERDICT_LINE_NOUNS
    )


def _churn_done(lower: str, lemma: str) -> bool:
    """A past form of a verb of leaving the product, which the tagger may take for an
    adjective of its own ("Uninstalled": lemma "uninstalled")."""
    if not lower.endswith("ed"):
        return False
    stems = {lemma, lower[:-2], lower[:-1], lower[:-3]}  # refund-ed, return-ed, cancel-led
    # not "[deleted]", which forums write for a post taken down
    return bool(stems & (lexicon.CHURN_VERBS - {"delete"}))


#: Interjections that judge: "Meh", "Ugh" (not "Wow", as often amazed as sarcastic).
_INTERJECTIONS = frozenset({"meh", "ugh", "yikes", "yay"})


def _verdict_value(word: Token) -> float:
    """The valence of a verdict line's word: an adjective, a feeling, or a verb of advice or
    opinion ("recommend", "avoid"), but not a noun ("Support told me...") or an ordinary verb."""
    lower, lemma = word.lower_, word.lemma_.lower()
    if lemma in lexicon.OPINION_VERBS and word.pos_ in {"VERB", "PROPN", "NOUN", "ADJ"}:
        return lexicon.OPINION_VERBS[lemma]  # "Recommended", "Would recommend."
    if lemma in lexicon.ADVICE_VERBS and lexicon.ADVICE_VERBS[lemma] < 0:
        return lexicon.ADVICE_VERBS[lemma]  # "Avoid."
    if _churn_done(lower, lemma):
        return -1.8  # "Uninstalled.", "Refunded.", "Cancelled": the writer left
    if lower in lexicon.EXPERIENCER_ADJECTIVES:
        return lexicon.EXPERIENCER_ADJECTIVES[lower]  # "Disappointed", "So happy"
    if lemma in lexicon.COMPLAINT_VERBS and word.tag_ in {"VBZ", "VBD", "NNS"}:
        return -2.0  # "Crashes", "Crashed again"
    if _verdict_noun(word):  # "Fun.", "Garbage", "Total ripoff"
        if lemma in lexicon.PREDICATE_NOUNS:
            return lexicon.PREDICATE_NOUNS[lemma]
        return lexicon.valence(lower, word.lemma_)
    adjective = word.pos_ == "ADJ" or lower in lexicon.adjectives_only() or lower in _INTERJECTIONS
    return lexicon.valence(lower, word.lemma_) if adjective else 0.0


def _ratings(line: Span, used: set[int]) -> Iterator[RuleMatch]:
    """A score the writer gives: "10/10 would buy again", "Rating: 2/10", "Five stars.", "I
    give it 4 out of 5": a pro at seven tenths of the best or more, a con at four tenths or
    less, of the product left unsaid. Not "24/7", "4/5 days a week" or "a 5 star hotel", nor
    where another rule read the words ("the service is not exactly five star")."""
    end = line.start
    for token in line:
        if token.i < end:
            continue
        rating = rating_at(token)
        if rating is None:
            continue
        share, end = rating
        if any(i in used for i in range(token.i, end)):
            continue
        value = 2.0 if share >= 0.7 else -2.0 if share <= 0.4 else 0.0
        if value:
            yield RuleMatch("unsaid", token, token, value, False, 1.0)


_RATED = re.compile(r"(\d{1,3}(?:\.\d)?)/(\d{1,3})")
_NUMBER_WORDS = {
    w: n for n, w in enumerate("zero one two three four five six seven eight nine ten".split())
}


def rating_at(token: Token) -> tuple[float, int] | None:
    """The rating that starts at ``token``, as a share of the best score and the index of the
    token after it; None where there is none."""
    if not (token.like_num or token.lower_ in _NUMBER_WORDS):
        return None  # most words, at once
    doc, i = token.doc, token.i
    written = _RATED.fullmatch(token.text)
    if written:
        score, best, end = float(written[1]), float(written[2]), i + 1
    else:
        number = _number(token)
        after = [t.lower_ for t in doc[i + 1 : i + 4]]
        if number is None or not after:
            return None
        score = number
        if after[0] == "/" and len(after) > 1 and _number(doc[i + 2]) is not None:
            best, end = _number(doc[i + 2]) or 0.0, i + 3
        elif after[:2] == ["out", "of"] and len(after) > 2 and _number(doc[i + 3]) is not None:
            best, end = _number(doc[i + 3]) or 0.0, i + 4
        elif doc[i + 1].lemma_.lower() == "star" and doc[i + 1].dep_ not in {"compound", "amod"}:
            best, end = 5.0, i + 2  # "Five stars.", not "a 5 star hotel"
        else:
            return None
    if best not in (5.0, 10.0, 100.0) or not 0 <= score <= best:
        return None  # "24/7", "1/2 the price"
    if end < len(doc) and doc[end].lemma_.lower() == "star":
        end += 1  # "4 out of 5 stars"
    if end < len(doc) and doc[end].pos_ == "NOUN" and doc[end - 1].head.i == end:
        return None  # "4/5 days a week": a count of the next word
    return score / best, end


def _number(token: Token) -> float | None:
    if token.lower_ in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token.lower_])
    try:
        return float(token.text) if token.like_num else None
    except ValueError:
        return None


#: Set phrases that are a verdict on the product, left unsaid: "Waste of money.", "Don't buy.",
#: "Stay away.", "Would buy again.", "Not worth the money."
VERDICT_PHRASES = {
    **dict.fromkeys(
        [
            ("waste", "of", "money"),
            ("waste", "of", "time"),
            ("do", "n't", "buy"),
            ("do", "not", "buy"),
            ("dont", "buy"),
            ("stay", "away"),
            ("not", "worth", "it"),
            ("not", "worth", "the", "money"),
            ("not", "worth", "the", "price"),
        ],
        -2.0,
    ),
    **dict.fromkeys(
        [
            ("would", "buy", "again"),
            ("would", "buy", "it", "again"),
            ("would", "buy", "this", "again"),
            ("would", "play", "again"),
            ("will", "buy", "again"),
            ("worth", "every", "penny"),
            ("hats", "off"),  # "Hats off to the chef."
        ],
        2.0,
    ),
}
_PHRASE_STARTS = {phrase[0] for phrase in VERDICT_PHRASES}


def _verdict_phrases(line: Span) -> Iterator[RuleMatch]:
    """The set phrases of ``VERDICT_PHRASES`` in a line no other rule read."""
    for token in line:
        if token.lower_ in _PHRASE_STARTS and (found := verdict_phrase_at(token)) is not None:
            value, end = found
            after = token.doc[end] if end < line.end else None
            if after is not None and after.lower_ in {"from", "to"}:
                # "Stay away from the fish", "Hats off to the chef": the fish's, the chef's
                for aspect in (c for c in after.children if c.dep_ == "pobj" and is_aspect(c)):
                    yield RuleMatch("verb", aspect, token, value, False, 1.0)
                continue
            yield RuleMatch("unsaid", token, token, value, False, 1.0)


def verdict_phrase_at(token: Token) -> tuple[float, int] | None:
    """The valence of the verdict phrase that starts at ``token`` and the index after it."""
    if token.lower_ not in _PHRASE_STARTS:
        return None
    doc = token.doc
    for length in (4, 3, 2):
        words = tuple(t.lower_ for t in doc[token.i : token.i + length])
        if len(words) == length and words in VERDICT_PHRASES:
            return VERDICT_PHRASES[words], token.i + length
    return None
