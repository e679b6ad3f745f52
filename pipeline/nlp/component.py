"""The ``pros_cons`` spaCy component: sets ``doc._.opinions`` from the dependency rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from pipeline.nlp import lexicon, verdicts
from pipeline.nlp.aspects import OVERALL, PRODUCT_NOUNS, aspect_key, split_product_word
from pipeline.nlp.layout import (
    LIST_LABELS,
    TICKED,
    UNTICKED,
    Heading,
    heading,
    lines,
    list_item,
    listed_phrases,
    statements,
    written_line,
)
from pipeline.nlp.rules import _IDIOM_VERBS, RuleMatch, aspect_phrase, find_matches
from pipeline.nlp.rules.aspect import MAX_WORD_LENGTH, maker, maker_name
from pipeline.nlp.rules.grammar import (
    _antecedent,
    _category,
    _just,
    _none_word,
    _prefix_apart,
    asked_about,
    former,
    topic_of,
)
from pipeline.nlp.rules.shorthand import rating_at, verdict_phrase_at
from pipeline.records import Opinion, Polarity
from pipeline.text import detect_language

_RULE_CONFIDENCE = {
    "amod": 0.8,
    "copula": 0.8,
    "verb": 0.75,
    "event": 0.7,
    "trouble": 0.7,
    "feeling": 0.75,
    "lack": 0.65,
    "shorthand": 0.6,
    "adverb": 0.65,
    "emoji": 0.6,
    "value": 0.7,
    "implied": 0.75,
    "unsaid": 0.6,
    "listed": 0.7,
}

#: How sure the sentence verdicts must be before a line the rules found nothing in becomes a
#: pro or con of the product as a whole (docs/extraction.md, "Sentence verdicts").
VERDICT_THRESHOLD = 0.7
#: How sure the verdict on a whole post must be before its surest line of that way is filed,
#: where the post's opinions do not already lean that way.
POST_VERDICT_THRESHOLD = 0.8
#: A verdict's confidence is this times its probability, at most 0.5: below most of what the
#: rules give, so a report's quotes (most confident first) are the rules' readings before it.
_VERDICT_CONFIDENCE = 0.5

#: Confidence factor for the product named by a pronoun ("I love it"), which may stand for
#: something the post named before.
_BY_PRONOUN = 0.85

#: Opinions found in a doc, by aspect span, opinion start and product.
_Found = dict[tuple[int, int, int, str | None], Opinion]

# The component stores plain tuples, which Doc.to_bytes can serialise (nlp.pipe with several
# processes sends docs between them); doc._.opinions gives them back as Opinion records.
if not Doc.has_extension("opinion_rows"):
    Doc.set_extension("opinion_rows", default=None)
if not Doc.has_extension("opinions"):
    Doc.set_extension(
        "opinions",
        getter=lambda doc: (
            None if doc._.opinion_rows is None else [Opinion(*r) for r in doc._.opinion_rows]
        ),
    )


#: Words that never follow the possessive "its", so that "its" before them is "it's", as social
#: text writes it: "its not working", "its a great phone", "its been great".
AFTER_ITS_IS = frozenset(
    "a an the not very really so just been also pretty still all rather quite too definitely "
    "probably actually always never".split()
)
_ITS = get_string_id("its")


@Language.component("its_contraction")
def its_contraction(doc: Doc) -> Doc:
    """Split "its" written for "it's" into "it" and "s" (normalised "'s") before the tagger
    reads it, so "its not working" is parsed as "it is not working"; the text is unchanged."""
    lower = doc.to_array("LOWER")  # in C: most docs have no "its"
    places = [int(i) for i in (lower[:-1] == _ITS).nonzero()[0]]
    splits = [doc[i] for i in places if doc[i + 1].lower_ in AFTER_ITS_IS]
    if splits:
        with doc.retokenize() as retokenizer:
            for token in splits:
                retokenizer.split(
                    token,
                    [token.text[:2], token.text[2:]],
                    heads=[(token, 1), (token, 1)],
                    attrs={"NORM": [token.text[:2].lower(), "'s"], "LEMMA": ["it", "be"]},
                )
    return doc


@Language.factory(
    "pros_cons",
    default_config={
        "min_confidence": 0.3,
        "products": {},
        "verdict_threshold": VERDICT_THRESHOLD,
        "post_verdict_threshold": POST_VERDICT_THRESHOLD,
    },
)
def make_pros_cons(
    nlp: Language,
    name: str,
    *,
    min_confidence: float,
    products: dict[str, list[str]],
    verdict_threshold: float,
    post_verdict_threshold: float,
) -> ProsCons:
    """Build the component; ``products`` maps product slugs to the names that refer to them;
    ``verdict_threshold`` is how sure the sentence verdicts must be (1.0: never asked)."""
    return ProsCons(
        nlp,
        name,
        min_confidence=min_confidence,
        products=products,
        verdict_threshold=verdict_threshold,
        post_verdict_threshold=post_verdict_threshold,
    )


class ProsCons:
    """Finds pros and cons per aspect and stores them as ``doc._.opinions``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "pros_cons",
        *,
        min_confidence: float = 0.3,
        products: dict[str, list[str]] | None = None,
        verdict_threshold: float = VERDICT_THRESHOLD,
        post_verdict_threshold: float = POST_VERDICT_THRESHOLD,
    ) -> None:
        self.name = name
        self.nlp = nlp
        self.min_confidence = min_confidence
        self.verdict_threshold = verdict_threshold
        self.post_verdict_threshold = post_verdict_threshold
        self.products = {slug: list(names) for slug, names in (products or {}).items()}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for slug, names in self.products.items():
            patterns = [nlp.make_doc(n) for n in names if n.strip()]
            if patterns:
                self.matcher.add(slug, patterns)

    def __call__(self, doc: Doc) -> Doc:
        (doc,) = self.pipe([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Set ``doc._.opinions`` on each doc; the shouted lines of a batch are parsed again
        together, which costs a fraction of parsing them one by one."""
        for batch in minibatch(docs, batch_size):
            # a doc's text is built from its tokens on every access: read once per doc
            texts = [doc.text for doc in batch]
            found = [self._first_reading(doc, text) for doc, text in zip(batch, texts, strict=True)]
            shouted = [(n, line) for n, (_, lines, _) in enumerate(found) for line in lines]
            lowered = self.parse([line.text.lower() for _, line in shouted])
            for (n, line), doc_lowered in zip(shouted, lowered, strict=True):
                self._second_reading(doc_lowered, line, found[n][0])
            for text, (opinions, _, _) in zip(texts, found, strict=True):
                _drop_foreign(text, opinions)
            self._verdicts(batch, found)
            for doc, (opinions, _, _) in zip(batch, found, strict=True):
                ordered = sorted(
                    opinions.values(),
                    key=lambda o: (o.aspect_start, o.opinion_start, o.product or ""),
                )
                doc._.opinion_rows = [o.as_row() for o in ordered]
                yield doc

    def opinions(self, doc: Doc) -> list[Opinion]:
        """Match (pure) and build the records; the caller decides where they go."""
        return list(self(doc)._.opinions)

    def _verdicts(
        self, batch: list[Doc], found: list[tuple[_Found, list[Span], list[Span]]]
    ) -> None:
        """Ask the sentence verdicts about the stated lines of the batch where the rules found
        nothing, and file each confident answer as a pro or con of the product as a whole;
        then, where the whole post is judged surely one way and its opinions do not lean that
        way, its surest such line of that way (docs/extraction.md, "Sentence verdicts")."""
        if self.verdict_threshold >= 1.0:
            return
        model = verdicts.load()
        if model is None:
            return
        silent: list[tuple[int, Span]] = []
        for n, (opinions, _, read) in enumerate(found):
            sentences = [(o.sentence_start, o.sentence_end) for o in opinions.values()]
            for line in read:
                # a line the rules read is left to them: the cheapest test first (a span's
                # character offsets are worked out from its tokens each time they are asked)
                start, end = line.start_char, line.end_char
                if any(first < end and start < last for first, last in sentences):
                    continue
                if _verdict_candidate(line) and not _foreign(line.text):
                    silent.append((n, line))
        if not silent:
            return
        posts = sorted({n for n, _ in silent})
        spans = [line for _, line in silent] + [batch[n][:] for n in posts]
        probabilities = verdicts.span_con_probabilities(model, spans)
        per_post = dict(zip(posts, probabilities[len(silent) :], strict=True))
        silent_lines: dict[int, list[tuple[Span, float]]] = {}
        for (n, line), con in zip(silent, probabilities[: len(silent)], strict=True):
            silent_lines.setdefault(n, []).append((line, con))
            if max(con, 1.0 - con) >= self.verdict_threshold:
                _add_verdict(found[n][0], line, con)
        for n, con in per_post.items():
            if max(con, 1.0 - con) < self.post_verdict_threshold:
                continue
            polarity = "con" if con > 0.5 else "pro"
            opinions = found[n][0]
            pros = sum(1 for o in opinions.values() if o.polarity == "pro")
            cons = len(opinions) - pros
            if (cons > pros) if polarity == "con" else (pros > cons):
                continue  # its opinions already lean the way the whole post does
            line, line_con = max(
                silent_lines[n], key=lambda pair: pair[1] if polarity == "con" else -pair[1]
            )
            if ("con" if line_con > 0.5 else "pro") == polarity:
                _add_verdict(opinions, line, line_con)

    def _first_reading(self, doc: Doc, text: str) -> tuple[_Found, list[Span], list[Span]]:
        """The doc's opinions, its shouted lines with an opinion word none stands on, and every
        line it read; ``text`` is the doc's."""
        mentions = self._product_mentions(doc)
        found: _Found = {}
        shouted = []
        under: Heading | None = None
        boxes = any(box in text for box in TICKED)  # most posts have none: skip the lookups
        read = [line for s in statements(doc, text) for line in lines(s, text)]
        for line in read:
            line_text = text[line.start_char : line.end_char]
            new_heading = heading(line_text, line.start_char)
            under = new_heading or under
            ticked = boxes and written_line(text, line).lstrip().startswith(TICKED)
            before = len(found)
            self._read(line, text, mentions, found, under=under if ticked else None)
            labelled = _opening_label(line) if ":" in line_text else None
            if (
                under is not None
                and under.key in LIST_LABELS
                and new_heading is None
                and labelled is None  # "Cons: no charger" under "Pros:" is no pro
                and len(found) == before
                and list_item(written_line(text, line))
            ):
                self._listed(line, text, mentions, found, under)  # "Cons:" / "- Price"
            if labelled is not None:  # "Cons: no charger" heads the items after it too
                under = Heading(labelled.lower_, labelled.text, labelled.idx)
            if ":" in line_text:
                self._listed_inline(line, text, mentions, found)  # "Pros: battery, screen."
            if (
                _shouted(line_text)
                and len(line_text.lower()) == len(line_text)
                and _unread_opinion_word(line, found)
            ):
                shouted.append(line)
        return found, shouted, read

    def parse(self, texts: list[str]) -> list[Doc]:
        """The texts through the components before this one, in one batch: parsed, without
        extraction (the shouted lines' second reading; the evaluation's gold feature names)."""
        docs = [self.nlp.make_doc(t) for t in texts]
        if not docs:
            return docs
        for name, component in self.nlp.pipeline:
            if name == self.name:
                break
            docs = (
                list(component.pipe(docs))
                if hasattr(component, "pipe")
                else list(map(component, docs))
            )
        return docs

    def _read(
        self,
        sentence: Span,
        text: str,
        mentions: dict[int, str],
        found: _Found,
        shouted_at: int | None = None,
        under: Heading | None = None,
    ) -> None:
        """Add the opinions of one line to ``found``. ``shouted_at`` is where a shouted line,
        read again in lower case, starts in the post; ``under`` the heading a ticked line of a
        review template grades ("---{Graphics}---" over "☑ Good")."""
        sentence_text = text[sentence.start_char : sentence.end_char]
        hypothetical = _unasserted(sentence, sentence_text)
        if hypothetical is None:
            return
        product_here = _product_in(sentence, mentions)
        lowered = sentence_text.lower()
        # the hope and wish readings, asked once per sentence: most have no word of either
        moods = _Moods(hoping="hop" in lowered, wishing=_MAY_WISH.search(lowered) is not None)
        matches = list(find_matches(sentence, sentence_text))
        implied = {m.opinion.i for m in matches if m.rule == "implied"}
        pronouns = {m.aspect.i for m in matches if _by_pronoun(m.aspect)}
        named = {m.opinion.i for m in matches if m.aspect.i not in pronouns}
        for match in matches:
            if match.opinion.i in hypothetical or match.aspect.i in hypothetical:
                continue
            if match.opinion.i in mentions:
                continue  # "Tidy" in "Tidy Notes": a name, not a judgement
            if match.aspect.i in pronouns and match.opinion.i in named:
                continue  # "It looks sleek": its look, which the word judges
            if _sought(match.opinion):
                continue  # "for people who want great food": what they want, not what it is
            if not (
                sentence.start <= match.aspect.i < sentence.end
                and sentence.start <= match.opinion.i < sentence.end
            ):
                continue  # a parse across a line break: "Recommended\nThe story ..."
            opinion = self._opinion(text, moods, sentence, match, mentions, product_here)
            if opinion is None:
                continue
            if opinion.aspect == OVERALL and match.opinion.i in implied:
                continue  # "this phone is overpriced" is about its price
            if opinion.aspect == OVERALL and under is not None:
                opinion = replace(  # "☑ Good" under "---{Graphics}---": the graphics
                    opinion,
                    aspect=under.key,
                    aspect_text=under.text,
                    aspect_start=under.start,
                    aspect_end=under.start + len(under.text),
                )
            if shouted_at is not None:  # its capitals count as emphasis
                confidence = round(min(0.99, opinion.confidence * _SHOUTING), 3)
                opinion = replace(opinion, confidence=confidence).shifted(shouted_at)
            if opinion.confidence < self.min_confidence:
                continue
            spans = (opinion.aspect_start, opinion.aspect_end, opinion.opinion_start)
            found.setdefault((*spans, opinion.product), opinion)
            rival = _compared_with(match.opinion, mentions)
            if rival and rival != opinion.product:
                # "X's camera is better than Y's": the same claim is the opposite for Y.
                flipped: Polarity = "con" if opinion.polarity == "pro" else "pro"
                found.setdefault((*spans, rival), replace(opinion, product=rival, polarity=flipped))

    def _listed(
        self,
        items: Span,
        text: str,
        mentions: dict[int, str],
        found: _Found,
        label: Heading,
    ) -> None:
        """The things named in ``items`` (a line, or the words after "Pros:"), listed under a
        label of pros or of cons: each a pro or con, with the label as its opinion words. Not
        those an opinion of the line already names."""
        if _unasserted(items, text[items.start_char : items.end_char]) is None:
            return
        value = LIST_LABELS[label.key]
        taken = {(o.aspect_start, o.aspect_end) for o in found.values()}
        product_here = _product_in(items, mentions)
        for tokens in listed_phrases(items):
            if any(t.i in mentions for t in tokens):
                continue  # the product itself, by name
            key = _key_of(tokens)
            product = _owner(tokens[-1], mentions) or product_here
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            if not key or any(s <= start < e or start <= s < end for s, e in taken):
                continue  # named by an opinion of the line already
            opinion = Opinion(
                aspect=key,
                aspect_text=text[start:end],
                aspect_start=start,
                aspect_end=end,
                polarity="pro" if value > 0 else "con",
                opinion_text=label.text,
                opinion_start=label.start,
                opinion_end=label.start + len(label.text),
                negated=False,
                confidence=_RULE_CONFIDENCE["listed"],
                sentence_start=items.start_char,
                sentence_end=items.end_char,
                product=product,
            )
            if opinion.confidence >= self.min_confidence:
                found.setdefault((start, end, label.start, product), opinion)

    def _listed_inline(
        self, line: Span, text: str, mentions: dict[int, str], found: _Found
    ) -> None:
        """ "Pros: battery life, screen. Cons: price": what follows each label, to the next."""
        doc = line.doc
        labels = [t for t in line if _label(t, line)]
        for n, label in enumerate(labels):
            end = labels[n + 1].i if n + 1 < len(labels) else line.end
            items = doc[label.i + 2 : end]
            if len(items):
                self._listed(
                    items, text, mentions, found, Heading(label.lower_, label.text, label.idx)
                )

    def _second_reading(self, lowered: Doc, line: Span, found: _Found) -> None:
        """An all-capitals line, parsed again in lower case: the small model tags most words
        of "THE CAMERA IS FANTASTIC" as names. What this reading adds to the first is kept;
        spans and words stay as written."""
        mentions = self._product_mentions(lowered)
        again: _Found = {}
        for sentence in lowered.sents:
            self._read(sentence, line.text, mentions, again, shouted_at=line.start_char)
        for key, opinion in again.items():  # what the line's first reading did not find
            if not any(
                o.opinion_start == opinion.opinion_start
                and o.aspect_start < opinion.aspect_end
                and opinion.aspect_start < o.aspect_end
                for o in found.values()
            ):
                found.setdefault(key, opinion)

    def _product_mentions(self, doc: Doc) -> dict[int, str]:
        """Token index -> product slug for every token inside a product name."""
        mentions: dict[int, str] = {}
        for match_id, start, end in self.matcher(doc):
            slug = doc.vocab.strings[match_id]
            for i in range(start, end):
                mentions.setdefault(i, slug)
        return mentions

    def _opinion(
        self,
        text: str,
        moods: _Moods,
        sentence: Span,
        match: RuleMatch,
        mentions: dict[int, str],
        product_here: str | None,
    ) -> Opinion | None:
        aspect = _aspect(sentence, match, mentions, product_here)
        if aspect is None:
            return None
        key, tokens, product = aspect
        if not key or (
            key == OVERALL
            and product is None
            and match.rule != "unsaid"
            and _category(match.aspect)
        ):
            return None
        polarity_value = -match.valence if match.negated else match.valence
        if moods.hoping and _hoped(match.opinion) and rating_at(match.opinion) is None:
            return None  # "I hope it stays this good": hoped for, neither had nor lacked
        if moods.wishing and _wished(match.opinion) and rating_at(match.opinion) is None:
            # "I wish the screen were brighter", "I would like a longer battery life": cons
            # (a score is given whatever is hoped: "i hope they update it 10/10")
            polarity_value = -abs(polarity_value)
        if polarity_value == 0:
            return None
        strength = min(abs(match.valence), 4.0) / 4.0
        confidence = _RULE_CONFIDENCE[match.rule] * (0.6 + 0.4 * strength) * match.intensity
        if match.negated:
            confidence *= 0.9
        if _by_pronoun(match.aspect):
            confidence *= _BY_PRONOUN
        confidence = max(0.05, min(0.99, confidence))
        opinion_tokens = _opinion_tokens(match.opinion, sentence)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        op_start = opinion_tokens[0].idx
        op_end = opinion_tokens[-1].idx + len(opinion_tokens[-1])
        return Opinion(
            aspect=key,
            aspect_text=text[start:end],
            aspect_start=start,
            aspect_end=end,
            polarity="pro" if polarity_value > 0 else "con",
            opinion_text=text[op_start:op_end],
            opinion_start=op_start,
            opinion_end=op_end,
            negated=match.negated,
            confidence=round(confidence, 3),
            sentence_start=(
                # "The battery? It is great.": quoted from the sentence that names it
                tokens[0].sent.start_char if tokens[0].i < sentence.start else sentence.start_char
            ),
            sentence_end=sentence.end_char,
            product=product,
        )


def _add_verdict(found: _Found, line: Span, con: float) -> None:
    """File a verdict on ``line`` (the probability ``con`` that it is a complaint) as an opinion
    on the product as a whole, the line its aspect and opinion span."""
    sure = max(con, 1.0 - con)
    start, end = line.start_char, line.end_char
    found.setdefault(
        (start, end, start, None),
        Opinion(
            aspect=OVERALL,
            aspect_text=line.text,
            aspect_start=start,
            aspect_end=end,
            polarity="con" if con > 0.5 else "pro",
            opinion_text=line.text,
            opinion_start=start,
            opinion_end=end,
            negated=False,
            confidence=round(_VERDICT_CONFIDENCE * sure, 3),
            sentence_start=start,
            sentence_end=end,
        ),
    )


def _drop_foreign(text: str, found: _Found) -> None:
    """Leave out the opinions of lines in another language: "omdat" in a Dutch line of an
    English post is no aspect."""
    lines = {(o.sentence_start, o.sentence_end) for o in found.values()}
    foreign = {span for span in lines if _foreign(text[span[0] : span[1]])}
    if foreign:
        for key in [k for k, o in found.items() if (o.sentence_start, o.sentence_end) in foreign]:
            del found[key]


_WORD = re.compile(r"[^\W\d_]{2,}")


def _foreign(line: str) -> bool:
    """A line in another language: most of its words unknown to the English word lists, and
    the language identifier sure it is not English. Slang and misspelt English keep enough
    known words ("dis game is gud af")."""
    words = [w.lower() for w in _WORD.findall(line)]
    if len(words) < 3:
        return False
    known = lexicon.known_words()
    english = sum(1 for w in words if w in known or w in lexicon.valences())
    if english * 2 >= len(words):
        return False
    language = detect_language(line)
    return language is not None and language != "en"


def _verdict_candidate(line: Span) -> bool:
    """A line the verdicts may judge: a few words, no heading, and stated: no question, quote,
    hearsay or condition (the rules' reading of those stands)."""
    words = sum(1 for t in line if t.is_alpha and len(t) <= MAX_WORD_LENGTH)
    if words < verdicts.MIN_WORDS or line.text.rstrip().endswith(("?", ":")):
        return False  # a question, or a heading ("Gameplay and mechanics:")
    return _unasserted(line, line.text) == set()


def _aspect(
    sentence: Span, match: RuleMatch, mentions: dict[int, str], product_here: str | None
) -> tuple[str, list[Token], str | None] | None:
    """The match's aspect key, the tokens that name it, and the product it belongs to; None
    for an implied aspect said of something other than the product."""
    if match.rule == "unsaid" and (asked := asked_about(sentence)) is not None:
        # "Battery life? Amazing.": the answer judges what the question named
        key, tokens, product = _named_aspect(
            sentence, replace(match, aspect=asked), mentions, product_here
        )
    elif match.rule == "unsaid":  # "Crashed twice on map load.": the product, left unsaid
        key, tokens, product = OVERALL, [match.opinion], product_here
    elif (antecedent := _antecedent(match.aspect)) is not None:
        # "We ordered the pasta and it was delicious": the pasta
        key, tokens, product = _named_aspect(
            sentence, replace(match, aspect=antecedent), mentions, product_here
        )
    elif _by_pronoun(match.aspect):  # "It crashes", "I love it": the product, by a pronoun
        key, tokens, product = OVERALL, [match.aspect], product_here
    elif match.rule == "implied":  # "it is way too expensive": the word names the price
        key, _ = lexicon.IMPLIED_ASPECTS[match.opinion.lower_]
        if match.aspect.i == match.opinion.i:
            return key, [match.opinion], product_here
        whole, _, product = _named_aspect(sentence, match, mentions, product_here)
        if whole != OVERALL or (product is None and _category(match.aspect)):
            return None  # "the fan is loud": the fan's; "most laptops are heavy": no one's
        return key, [match.opinion], product
    else:
        key, tokens, product = _named_aspect(sentence, match, mentions, product_here)
    if key == OVERALL and (topic := topic_of(match.aspect)) is not None:
        # "Performance-wise it is excellent", "Price wise the X2 is great": the product's
        key, tokens, _ = _named_aspect(sentence, replace(match, aspect=topic), mentions, product)
    if key != OVERALL and _of_former_product(match.aspect):
        return None  # "my previous phone had a terrible camera": not this one's
    return key, tokens, product


def _of_former_product(aspect: Token) -> bool:
    """A product the writer had before, or a part of one: "my tired old PC laptop", "my old
    phone's camera", "the camera on my previous phone", "my last laptop had a bad keyboard"."""
    owners = [aspect, *(c for c in aspect.children if c.dep_ == "poss")]
    owners += [
        o
        for c in aspect.children
        if c.dep_ == "prep" and c.lower_ in {"of", "on", "in", "from"}
        for o in c.children
        if o.dep_ == "pobj"
    ]
    if aspect.dep_ == "dobj" and aspect.head.lemma_ == "have":
        owners += [c for c in aspect.head.children if c.dep_ == "nsubj"]
    return any((o.lemma_.lower() in PRODUCT_NOUNS or maker(o)) and former(o) for o in owners)


def _by_pronoun(aspect: Token) -> bool:
    """The product named by a pronoun: "it", "this", "Mine" (a name to the tagger, capitalised)."""
    return aspect.pos_ == "PRON" or aspect.lower_ == "mine"


def _named_aspect(
    sentence: Span, match: RuleMatch, mentions: dict[int, str], product_here: str | None
) -> tuple[str, list[Token], str | None]:
    """The key, tokens and product of the aspect the match's aspect token names."""
    tokens, key_tokens = aspect_phrase(match.aspect, exclude=match.opinion.i)
    product = _owner(match.aspect, mentions) or product_here
    if match.aspect.i not in mentions and tokens[0].i in mentions:
        # "Tidy Notes backlinks are great": the product's name before its part
        product = mentions[tokens[0].i]
        tokens = [t for t in tokens if t.i not in mentions]
        key_tokens = [t for t in key_tokens if t.i not in mentions]
    if match.aspect.i in mentions:
        product = mentions[match.aspect.i]
        tokens = [t for t in sentence if t.i in mentions and mentions[t.i] == product]
        return OVERALL, _contiguous(tokens, match.aspect), product
    if _named_product(key_tokens) or _called_product(match.aspect):
        return OVERALL, tokens, product  # "my Toshiba laptop", "the HP notebook": the product
    return _key_of(key_tokens), tokens, product


def _key_of(tokens: list[Token]) -> str:
    """The aspect key of the tokens that name it, head last; a participle keeps its form ("the
    included cable", not "include cable"; "Charging is slow": charging)."""
    *modifiers, head = tokens
    # "Charging is slow": the activity by its name, as "the charging is slow" has it
    word = head.lower_ if head.tag_ == "VBG" and head.dep_ == "nsubj" else head.lemma_
    return aspect_key([*(t.lower_ if t.tag_ == "VBN" else t.lemma_ for t in modifiers), word])


def _label(token: Token, line: Span) -> bool:
    """The label of a list of pros or cons, before its colon: "Cons" in "Cons: no charger"."""
    return (
        token.lower_ in LIST_LABELS
        and token.i + 1 < line.end
        and token.doc[token.i + 1].text == ":"
    )


def _opening_label(line: Span) -> Token | None:
    """The label that opens the line: "Cons" in "Cons: no charger"."""
    first = next((t for t in line if not (t.is_punct or t.is_space)), None)
    return first if first is not None and _label(first, line) else None


#: Confidence factor for opinions in an all-capitals line, as for a capitalised word.
_SHOUTING = 1.15


def _shouted(line_text: str) -> bool:
    """Whether the line is written in capitals: ten or more capitals, few small letters."""
    upper = len(_CAPITALS.findall(line_text))
    return upper >= 10 and len(_SMALL.findall(line_text)) <= 0.2 * upper


_CAPITALS = re.compile(r"[A-Z]")
_SMALL = re.compile(r"[a-z]")


def _unread_opinion_word(line: Span, found: _Found) -> bool:
    """Whether the line has an opinion word no opinion found so far stands on (a second reading
    of "THE SCREEN IS AWFUL" could only find what the first did)."""
    used = [
        (o.opinion_start, o.opinion_end)
        for o in found.values()
        if line.start_char <= o.opinion_start < line.end_char
    ]
    return any(
        t.is_alpha
        and lexicon.valence(t.lower_)
        and not any(start <= t.idx < end for start, end in used)
        for t in line
    )


def _named_product(tokens: list[Token]) -> bool:
    """A word for the product after names only ("Toshiba laptop", not "camera app"), names of
    its kind ("the best Indian restaurant in town"), or adjectives when it is the writer's ("my
    personal laptop"; not "the mobile app", a part of an app; "most laptops", "other
    restaurants" name the kind, and _category drops them)."""
    *names, head = tokens
    writers = any(c.lower_ in {"my", "this", "our"} for c in head.lefts)
    if writers and all(t.pos_ == "PROPN" or not t.is_alpha for t in tokens):
        return True  # "I love my Mac", "I would recommend this MacBook": by its name
    # before a maker or a product word, "apple" and "mac" are makers in any case
    if maker(head) and all(t.pos_ == "PROPN" or maker_name(t) for t in names):
        return True  # "Dell sucks", "these MACS are reliable", "the apple MacBook"
    model = bool(names) and maker_name(names[0]) and _model_number(head)
    if model and all(t.pos_ == "PROPN" or maker_name(t) or _model_number(t) for t in names):
        return True  # "the Toshiba R700", "Dell Vostro 1000": a maker's model
    if head.lemma_.lower() in _MAKER_NOUNS:
        if names:  # "the Acer brand", "one of the best computer companies"
            return any(map(maker_name, names)) or all(
                t.lemma_.lower() in PRODUCT_NOUNS for t in names
            )
        if head.dep_ == "attr":  # "Toshiba is a great brand"
            return any(c.dep_ == "nsubj" and maker(c) for c in head.head.children)
    word = head.lemma_.lower()
    if names and split_product_word(names[-1].lower_, word):
        *names, word = *names[:-1], names[-1].lower_ + word  # "the Toshiba net book"
    if not names or word not in PRODUCT_NOUNS:
        return False
    if all(
        t.pos_ == "PROPN" or maker_name(t) or (t.pos_ == "ADJ" and t.is_title) or not t.is_alpha
        for t in names
    ):
        return True  # "my mac laptop"
    return writers and all(t.pos_ in {"PROPN", "ADJ"} or not t.is_alpha for t in names)


def _model_number(token: Token) -> bool:
    """A model's number: "R700", "NB205s", "1000"."""
    return token.like_num or any(ch.isdigit() for ch in token.text)


#: Nouns for a maker: "the Dell brand" is Dell.
_MAKER_NOUNS = frozenset("brand company manufacturer maker".split())


def _called_product(subject: Token) -> bool:
    """A name its sentence calls a product: "the Macbook is a fantastic laptop", "the
    Lenovo T14 is not a dependable machine" name the product as a whole, not a part of it
    (but "the garden is a great place" is a part, and "the only thing" any)."""
    return (
        subject.dep_ in {"nsubj", "nsubjpass"}
        and subject.pos_ == "PROPN"
        and any(
            c.dep_ == "attr" and c.lemma_.lower() in PRODUCT_NOUNS - {"thing"}
            for c in subject.head.children
        )
    )


def _owner(aspect: Token, mentions: dict[int, str]) -> str | None:
    """The product owning an aspect by its modifiers: "X2's camera", "the camera on the X2"."""
    for child in aspect.children:
        if child.dep_ == "poss" and child.i in mentions:
            return mentions[child.i]
        if child.dep_ == "prep" and child.lower_ in {"of", "on", "in", "from"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i in mentions:
                    return mentions[obj.i]
    return None


def _compared_with(opinion: Token, mentions: dict[int, str]) -> str | None:
    """The product after "than" when the opinion is a comparative ("better than the Nova")."""
    if opinion.tag_ not in {"JJR", "RBR"}:
        return None
    for holder in (opinion, opinion.head):
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "than":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in mentions:
                        return mentions[obj.i]
    return None


def _contiguous(tokens: list[Token], anchor: Token) -> list[Token]:
    """The run of adjacent tokens around ``anchor`` (a multi-word product name)."""
    run = [anchor]
    by_index = {t.i: t for t in tokens}
    i = anchor.i - 1
    while i in by_index:
        run.insert(0, by_index[i])
        i -= 1
    i = anchor.i + 1
    while i in by_index:
        run.append(by_index[i])
        i += 1
    return run


_CUES = lexicon.NEGATIONS | lexicon.INTENSIFIERS | lexicon.HEDGES
#: Words the opinion word means nothing without, by the word: "exactly what I wanted",
#: "could use some work".
_BOUND_BEFORE = {"what": frozenset({"exactly", "just", "precisely"}), "use": frozenset({"could"})}


def _opinion_tokens(token: Token, sentence: Span) -> list[Token]:
    """The opinion word with the negation and degree words standing right before it, and the
    particles that make one verb with it ("broke down", "to die for", "takes forever")."""
    # The sentence is passed in: Token.sent walks the whole doc on every call.
    doc, start, end = token.doc, token.i, token.i + 1
    if start > sentence.start:
        before = doc[start - 1]
        if before.lower_ == "to" and before.head.i == token.i:
            start -= 1
        while start > sentence.start and doc[start - 1].lower_ in _CUES:
            start -= 1
        if (
            sentence.start < start < token.i
            and doc[start].lower_ in {"bit", "little"}
            and doc[start - 1].lower_ == "a"
        ):
            start -= 1  # "a bit slow", "a little much"
        if start == token.i and (
            _just(token)
            or doc[start - 1].lower_ in _BOUND_BEFORE.get(token.lower_, ())
            or _prefix_apart(token)
        ):
            start -= 1  # "just OK": the word is lukewarm without it; "exactly what"; "over priced"
    if _none_word(token):  # "has no dark mode", "there is absolutely no mute"
        verb = token.head.head
        if verb.pos_ in {"VERB", "AUX"} and sentence.start <= verb.i < token.i:
            start = min(start, verb.i)
    lemma = token.lemma_.lower()
    if lemma == "nothing":  # "nothing special", "nothing to write home about"
        end = max(end, token.right_edge.i + 1)
    if lemma in {"what", "everything"}:  # "exactly what I was looking for": the whole clause
        clause = next((a for a in token.ancestors if a.dep_ in {"ccomp", "acomp"}), token)
        end = max(end, clause.right_edge.i + 1, token.right_edge.i + 1)
    whole = rating_at(token) or verdict_phrase_at(token)
    if whole is not None:  # "10/10", "4 out of 5", "Five stars", "Waste of money"
        return list(doc[start : whole[1]])
    idiom = (
        next((w for w in token.rights if (lemma, w.lower_) in lexicon.VERB_IDIOMS), None)
        if lemma in _IDIOM_VERBS
        else None
    )
    if idiom is not None:  # "takes forever", "save me so much time"
        end = idiom.i + 1
        if idiom.lower_ == "getting" and doc[end : end + 2].text.lower() == "used to":
            end += 2  # "takes some getting used to"
        if idiom.lower_ == "above" and doc[end : end + 2].text.lower() == "and beyond":
            end += 2  # "went above and beyond"
        return list(doc[start:end])
    for particle in token.rights:  # right after the word, in order
        if particle.i != end or not (
            particle.dep_ == "prt" or (particle.dep_ == "prep" and particle.n_rights == 0)
        ):
            break
        end += 1
    return [token] if start == token.i and end == start + 1 else list(doc[start:end])


class _Moods(NamedTuple):
    """Whether a sentence has a word of hoping ("hop") or of wishing (``_MAY_WISH``)."""

    hoping: bool
    wishing: bool


#: What a sentence needs for _wished to hold: a wish, a hope, "would", "could", "'d", a need.
_MAY_WISH = re.compile(r"wish|hop|would|could|['’]d|\bd\b|need|want")


def _wished(token: Token) -> bool:
    """Under "wish", "hope", the writer's "would like"/"would love", or "would have been":
    "I'd love a bigger screen" wants what is missing."""
    return (
        _counterfactual(token)
        or _under_wish(token)
        # "it needs better speakers": what it needs, it lacks
        or (token.tag_ == "JJR" and _needed(token))
    )


def _hoped(token: Token) -> bool:
    """In a clause under "hope": "I hope it stays this good", "I hope the update is as good as
    this one" say what may come, not what the writer has (where "wish" says what is lacking,
    as "hoping for a better screen" does)."""
    below = token
    for clause in token.ancestors:
        if clause.lemma_.lower() == "hope" and clause.pos_ == "VERB":
            return clause.i < token.i and below.dep_ in {"ccomp", "xcomp"}
        if clause.dep_ == "relcl":
            return False
        below = clause
    return False


def _under_wish(token: Token) -> bool:
    """Whether a wish governs the word: what comes after the wish (in "I love this laptop, I
    just wish it were silver" the parser hangs the first clause under "wish" too), and not
    inside a relative clause, which tells what is ("wished we had ordered pizza, which looked
    perfect")."""
    for clause in (token, *token.ancestors):
        if clause.i <= token.i and _wishes(clause):
            return True
        if clause.dep_ == "relcl":
            return False
    return False


_NEEDING = frozenset({"need", "want", "wish"})
_SEEKING = frozenset({"want", "expect", "seek", "crave", "anticipate"})


def _sought(opinion: Token) -> bool:
    """An adjective on what someone wants or looks for, or what is lacking: "people who want
    great food", "anticipating great food", "looking for a good laptop", "want great food plus
    great service", "it lacks good speakers", "lack of interesting updates" (not "we got great
    food")."""
    noun = opinion.head
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head  # "great service" after "great food"
    if opinion.dep_ not in {"amod", "compound"} or noun.dep_ not in {"dobj", "obj", "pobj"}:
        return False
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "of" and verb.head.lemma_ in lexicon.LACK_WORDS:
        return True  # "lack of interesting updates"
    if noun.dep_ == "pobj":
        if verb.lower_ != "for":
            return False
        verb = verb.head
        seeking = verb.lemma_ in {"look", "search", "crave"}
    else:  # or lacks: "it lacks good speakers"
        seeking = verb.lemma_ in _SEEKING or verb.lemma_ in lexicon.LACK_WORDS
    # "never expected such incredible entertainment", "look no further": found, not sought
    inside = {t.i for t in noun.subtree}
    return seeking and not any(
        c.dep_ == "neg" or c.lower_ in {"never", "further"}
        for c in verb.subtree
        if c.i not in inside
    )


def _needed(comparative: Token) -> bool:
    """ "It needs better speakers"; "the only thing it needs is better speakers", "what it needs
    is better documentation", "the only thing I wish is it had better speakers": what it needs,
    it lacks. Not "the documentation is better than ... I needed help"."""
    noun = comparative.head
    if comparative.dep_ != "amod" or noun.dep_ not in {"dobj", "obj", "attr"}:
        return False
    verb = noun.head
    if verb.lemma_ in _NEEDING:
        return True
    if noun.dep_ == "attr":
        copula = verb
    elif verb.dep_ == "ccomp" and verb.head.lemma_ == "be":
        copula = verb.head
    else:
        return False
    for subject in copula.children:
        if subject.dep_ == "csubj" and subject.lemma_ in _NEEDING:
            return True
        if subject.dep_ == "nsubj" and any(
            clause.dep_ == "relcl" and clause.lemma_ in _NEEDING for clause in subject.children
        ):
            return True
    return False


def _counterfactual(opinion: Token) -> bool:
    """ "A longer battery life would have been great", "it could have been a great product",
    "the touch-pad would be a great thing if it worked well", "a dark mode would be nice":
    what is not there. Not "could not have been better", which is praise."""
    verb = opinion.head
    if opinion.dep_ == "amod" and verb.dep_ in {"nsubj", "nsubjpass", "attr"}:
        verb = verb.head
    elif opinion.dep_ not in {"acomp", "attr", "oprd"}:
        return False
    if verb.lemma_ != "be":
        return False
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if not auxiliaries & {"would", "'d", "could"}:
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    # "the touch-pad would be a great thing if it worked well": it does not
    if "have" in auxiliaries or any(
        clause.dep_ == "advcl" and any(m.lower_ == "if" for m in clause.children)
        for clause in verb.children
    ):
        return True
    # "A bigger screen would be nice", "More maps would be great": what is not there; not
    # "the camera would be great for kids", said of the one there is, nor advice ("a casual
    # lunch here would be best") or a thought reported ("the idea that cloth would be better")
    return (
        bool(auxiliaries & {"would", "'d"})
        and opinion.tag_ != "JJS"
        and verb.dep_ in {"ROOT", "conj"}
        and any(
            s.dep_ == "nsubj"
            and s.pos_ in {"NOUN", "PROPN"}
            and not any(d.lower_ in _DEFINITE for d in s.lefts)
            for s in verb.children
        )
    )


_DEFINITE = frozenset(
    {"the", "this", "that", "these", "those", "my", "our", "its", "their", "your"}
)


def _wishes(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in lexicon.WISH_VERBS:
        return True
    return (
        lemma in {"like", "love"}
        and any(c.dep_ == "aux" and c.lower_ in {"would", "'d", "d"} for c in verb.children)
        # the writer's wish, not "what kind of water would you like"
        and all(c.lower_ in {"i", "we"} for c in verb.children if c.dep_ == "nsubj")
    )


def _product_in(sentence: Span, mentions: dict[int, str]) -> str | None:
    for i in range(sentence.start, sentence.end) if mentions else ():
        if i in mentions:
            return mentions[i]
    return None


_CONDITIONS = frozenset({"if", "unless", "whether"})
#: The words that can make a sentence conditional, conceded or hearsay; a sentence without one
#: is asserted throughout (looked up among its letter runs: a set lookup costs a third of a
#: search for any of them).
_UNASSERTING = _CONDITIONS | lexicon.HEARSAY_FORMS | {"matter"}
_LETTERS = re.compile(r"[a-z]+")
_HEARSAY_SUBJECTS = frozenset(
    {"people", "they", "someone", "everyone", "reviews", "some", "many", "others", "users"}
)
_HEARD = frozenset(w for w in lexicon.HEARSAY_FORMS if w.startswith("hear"))
_TOLD_THINGS = frozenset({"thing", "stuff", "review", "rumor", "rumour", "story", "lot"})


def _hearsay(verb: Token) -> bool:
    """A verb of hearsay with someone other than the writer as its source: "people say",
    "reviews claimed", "I heard", "we keep hearing" (not "I can hear the fan", a sound; not
    "As everyone says, ...", which the writer says too; not "the music is hear well", a typo)."""
    word = verb.lower_
    if word not in lexicon.HEARSAY_FORMS or any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    ):
        return False
    holder = verb.head if verb.dep_ == "xcomp" or verb.tag_ == "VBG" else verb
    subjects = [c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if word in _HEARD:  # whoever heard it, the writer too, heard it from someone
        return verb.pos_ == "VERB" and any(
            c.pos_ == "PRON" or c.lower_ in _HEARSAY_SUBJECTS for c in subjects
        )
    return any(c.lower_ in _HEARSAY_SUBJECTS for c in subjects)


def _told(verb: Token) -> Iterator[Token]:
    """What a verb of hearsay reports: its clause ("people say it overheats"), or its object,
    as a verb of saying has it ("people say the battery overheats", misread as a noun) and a
    verb of hearing of things told ("I heard good things")."""
    saying = verb.lower_ not in _HEARD
    for told in verb.children:
        if told.dep_ == "ccomp" or (
            told.dep_ in {"dobj", "obj"} and (saying or told.lemma_.lower() in _TOLD_THINGS)
        ):
            yield told


def _asked_after(sentence: Span) -> set[int] | None:
    """The question a statement ends with, after "but" or "though" ("Of course the atmosphere is
    lacking, but what do you expect from a bagel place?"): its token indices; None where the
    whole sentence asks ("Is the battery good, or is it bad?", "Does the screen crack but the
    case hold?")."""
    first = next((t for t in sentence if t.is_alpha), None)
    if first is None or first.lower_ in _QUESTION_OPENERS:
        return None
    turn = next(
        (
            t
            for t in reversed(sentence)
            if t.lower_ in {"but", "though", "although"} and t.i > first.i + 2
        ),
        None,
    )
    return None if turn is None else set(range(turn.i, sentence.end))


#: First words of a sentence that asks from its start.
_QUESTION_OPENERS = frozenset(
    "is are was were am do does did can could will would should shall has have had may might "
    "how what why who whom whose where when which anyone anybody any isnt arent doesnt dont "
    "didnt cant wont".split()
)


def _unasserted(sentence: Span, text: str) -> set[int] | None:
    """What in the sentence is not the writer's own opinion: None for all of it (a question, a
    quoted line, an unticked box), else the token indices of its conditional clauses ("if it
    had more storage") and of what it reports others said ("people say it overheats"); the
    main clause may still hold an opinion.
    """
    text = text.strip()
    if not text or text.startswith(">"):
        return None
    inside: set[int] = set()
    if text.rstrip("!.) ").endswith("?"):
        asked = _asked_after(sentence)
        if asked is None:
            return None
        inside = asked  # "We've never had problems with the staff but maybe we've been lucky?"
    if text.startswith(UNTICKED):
        return None  # "☐ Bad" in a review template: an option the writer did not tick
    if _UNASSERTING.isdisjoint(_LETTERS.findall(text.lower())):
        return inside  # no word that could make it conditional or hearsay: skip the tokens
    for token in sentence:
        word = token.lower_
        if word in _CONDITIONS and token.dep_ == "mark":
            inside.update(t.i for t in token.head.subtree)
            if token.head.dep_ == "ROOT":  # the parser hung the main clause on the condition
                inside.update(range(sentence.start, sentence.end))
        elif word == "matter" and any(c.lower_ == "no" for c in token.lefts):
            # "no matter how much you may hate this game at first, ...": any degree, no opinion
            for conceded in token.children:
                if conceded.dep_ in {"ccomp", "advcl"}:
                    inside.update(t.i for t in conceded.subtree)
        elif word in lexicon.HEARSAY_FORMS and _hearsay(token):
            # "People say it overheats", "I heard TF2 is dead": what was said or heard is
            # not the writer's; what else the sentence says is ("..., but I love the screen")
            for told in _told(token):
                inside.update(t.i for t in told.subtree)
    return inside
