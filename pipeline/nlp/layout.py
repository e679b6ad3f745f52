"""How a post is laid out, read off its lines: statements and lines, the headings and ticked
boxes of review templates, and lists of pros and cons. The parser joins a post's lines into
sentences it cannot parse; these read what the writer set out line by line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from pipeline.nlp import lexicon
from pipeline.nlp.aspects import NOT_PART_OF_ASPECT, PASS_THROUGH, aspect_key
from pipeline.nlp.rules import is_aspect
from pipeline.nlp.rules.grammar import _line_break


def statements(doc: Doc, text: str) -> Iterator[Span]:
    """The doc's sentences, a label the parser split from its grade joined back to it:
    "CUSTOMER SERVICE: Awful." is one statement, where the small model ends a sentence at the
    colon."""
    sentences = list(doc.sents)
    n = 0
    while n < len(sentences):
        sentence = sentences[n]
        after = sentences[n + 1] if n + 1 < len(sentences) else None
        if (
            after is not None
            and sentence[-1].text == ":"
            and len(sentence) <= 5
            and "\n" not in text[sentence.end_char : after.start_char]
        ):
            yield doc[sentence.start : after.end]
            n += 2
            continue
        yield sentence
        n += 1


def lines(sentence: Span, text: str) -> list[Span]:
    """The sentence cut at line breaks: a post's title and body, list items and quoted lines
    are separate statements, though the small parser often joins them ("Coffee or tea?\nJust
    curious" is one sentence to it, and the question would lend "curious" to the title's nouns).
    """
    if "\n" not in text[sentence.start_char : sentence.end_char]:
        return [sentence]
    doc, cut, start = sentence.doc, [], sentence.start
    for token in sentence:
        if _line_break(token):
            if token.i > start:
                cut.append(doc[start : token.i])
            start = token.i + 1
    if start < sentence.end:
        cut.append(doc[start : sentence.end])
    return cut


#: Unticked boxes of the check-list templates of game reviews and Markdown task lists.
UNTICKED = ("☐", "⬜", "□", "[ ]", "- [ ]", "* [ ]")
#: Ticked ones.
TICKED = ("☑", "✅", "✔", "☒", "[x]", "[X]", "- [x]", "- [X]", "* [x]")


#: Labels of a list of pros or of cons, and the valence they give what they list.
LIST_LABELS = {
    **dict.fromkeys(["pros", "pro", "likes", "positives", "the good", "what i like"], 1.5),
    **dict.fromkeys(["what i liked", "upsides", "strengths", "plus", "pluses"], 1.5),
    **dict.fromkeys(["cons", "con", "dislikes", "negatives", "the bad", "downsides"], -1.5),
    **dict.fromkeys(["what i don't like", "what i didn't like", "weaknesses", "minuses"], -1.5),
}


def list_item(line_text: str) -> bool:
    """A line of a list: after a bullet or a number, or a few words ("- Battery life",
    "2. Price", "Screen")."""
    stripped = line_text.strip()
    return bool(_BULLET.match(stripped)) or len(stripped.split()) <= 4


_BULLET = re.compile(r"([-*•+·]|\d{1,2}[.)])\s")


def listed_phrases(items: Span) -> list[list[Token]]:
    """The things a list item names, read off the words (the parser joins list lines into
    nonsense): each noun phrase between commas or "and", without its bullet, article or
    what follows a preposition ("The price of the case": the price). A part with a verb is a
    clause, which the rules read, and is left alone."""
    phrases: list[list[Token]] = [[]]
    for token in items:
        if token.lower_ in _LIST_SEPARATORS:
            phrases.append([])
        else:
            phrases[-1].append(token)
    found = []
    for part in phrases:
        if any(t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBN" for t in part):
            continue
        words = [t for t in part if t.is_alpha or any(ch.isalpha() for ch in t.text)]
        while words and (
            words[0].pos_ in {"DET", "PRON"}
            or words[0].is_punct
            or words[0].lemma_.lower() in _QUANTITIES
            or (words[0].lower_ == "of" and len(words) < len(part))
            or (len(words) > 1 and words[0].pos_ == "ADJ" and lexicon.valence(words[0].lower_))
        ):
            words = words[1:]  # "Many maps", "tons of weaponry", "a great community"
        cut = next((n for n, t in enumerate(words) if t.pos_ == "ADP"), len(words))
        words = words[:cut]
        if words and len(words) <= 4 and is_aspect(words[-1]):
            found.append(words)
    return found


_LIST_SEPARATORS = frozenset({",", ";", "and", "&", "+", "\n"})
#: Words of how many, before what a list item names.
_QUANTITIES = (PASS_THROUGH | NOT_PART_OF_ASPECT) - {"kind", "type", "sort", "ease", "piece"}


class Heading(NamedTuple):
    """A section heading of a review template: its aspect key, its words and where they are."""

    key: str
    text: str
    start: int


#: What sets a heading off: "---{Graphics}---", "== Sound ==", "**Performance:**".
_HEADING_MARKS = "-{}[]=#*~:_|<> \t"
_HEADING = re.compile(r"[A-Za-z][A-Za-z0-9 &/'’.]{0,38}[A-Za-z0-9]|[A-Za-z]")


def heading(line_text: str, offset: int) -> Heading | None:
    """The line as a heading: one to four words set off by marks or followed by a colon
    ("---{Graphics}---", "Sound:", "== PC Requirements =="); None for any other line."""
    if len(line_text) > 60:
        return None  # the common case, decided at once
    stripped = line_text.strip()
    bare = stripped.strip(_HEADING_MARKS)
    set_off = stripped[-1:] in _HEADING_MARKS or stripped.startswith("#")  # not "- Battery"
    if not bare or not set_off or len(bare.split()) > 4 or stripped.startswith(TICKED):
        return None
    if not _HEADING.fullmatch(bare):
        return None
    words = bare.lower().replace("’", "'").split()
    return Heading(aspect_key(words), bare, offset + line_text.index(bare))


def written_line(text: str, line: Span) -> str:
    """The line of ``text`` that ``line`` is on, as written: the parser may end a sentence
    after a line's box or number ("☑" | "It's free!", "1." | "The price of the case")."""
    start = text.rfind("\n", 0, line.start_char) + 1
    end = text.find("\n", line.start_char)
    return text[start : end if end >= 0 else len(text)]
