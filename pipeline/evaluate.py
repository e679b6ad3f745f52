"""Scoring the extractor against annotated corpora (SemEval 2014/2015/2016 ABSA, Liu's reviews).

Definitions, as in ``../shared/eval/README.md``:

- a gold pro is an aspect term with polarity positive, a gold con one with negative; neutral
  and conflict terms are neither;
- a predicted pro or con is correct when its aspect text equals a gold term of the same sentence
  (case-insensitive, exact string) and the polarity agrees; for Liu's files, whose features are
  names rather than spans, when the head-noun lemmas are equal; ``[u]`` and ``[p]`` features are
  left out;
- pros/cons precision, recall and F1 are micro-averaged over all sentences; aspect F1 is the same
  ignoring polarity; polarity accuracy is over predicted aspects that match a gold pro or con;
- in the SemEval corpora the product as a whole ("this laptop is great", aspect key ``overall``)
  is not an aspect term, so such opinions are not counted as predictions; Liu's annotators did
  mark the product itself ("phone[+3]"), so there they count, except where no word names it:
  "I love it", "Crashed twice" (the product by a pronoun, or left unsaid) are left out as the
  ``[p]`` and ``[u]`` features are;
- an aspect the opinion word implies ("it is too expensive": ``price``) has no term in the text,
  so it is not counted in the SemEval corpora either; in Liu's it counts like any other, by the
  lemma of its text (the word).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from pipeline.errors import ConfigError
from pipeline.nlp import lexicon
from pipeline.nlp.aspects import OVERALL, PRODUCT_NOUNS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from pipeline.nlp.component import ProsCons
    from pipeline.records import Opinion

Format = Literal["semeval2014", "semeval2015", "liu"]
FORMATS: tuple[str, ...] = ("semeval2014", "semeval2015", "liu")
#: Steam reviews shorter than this many words are left out of the Steam measure.
STEAM_MIN_WORDS = 5
_POLARITY = {"positive": "pro", "negative": "con"}


@dataclass(frozen=True)
class GoldTerm:
    text: str
    polarity: str  # pro or con


@dataclass(frozen=True)
class Sentence:
    text: str
    gold: tuple[GoldTerm, ...]


@dataclass
class Score:
    """Counts behind the figures, so files can be added up."""

    sentences: int = 0
    gold: int = 0
    predicted: int = 0
    correct: int = 0
    aspect_correct: int = 0
    #: The same counts per polarity ("pro", "con").
    gold_by: Counter[str] = field(default_factory=Counter)
    predicted_by: Counter[str] = field(default_factory=Counter)
    correct_by: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @staticmethod
    def _f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def figures(self) -> dict[str, float | int]:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.correct / self.gold if self.gold else 0.0
        aspect_p = self.aspect_correct / self.predicted if self.predicted else 0.0
        aspect_r = self.aspect_correct / self.gold if self.gold else 0.0
        return {
            "sentences": self.sentences,
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(self._f1(precision, recall), 4),
            "aspect_precision": round(aspect_p, 4),
            "aspect_recall": round(aspect_r, 4),
            "aspect_f1": round(self._f1(aspect_p, aspect_r), 4),
            "polarity_accuracy": round(self.correct / self.aspect_correct, 4)
            if self.aspect_correct
            else 0.0,
            **self._per_polarity(),
        }

    def _per_polarity(self) -> dict[str, float | int]:
        """Precision, recall and F1 of pros and of cons apart: ``pros_f1``, ``cons_recall``..."""
        figures: dict[str, float | int] = {}
        for polarity, name in (("pro", "pros"), ("con", "cons")):
            gold, predicted = self.gold_by[polarity], self.predicted_by[polarity]
            correct = self.correct_by[polarity]
            precision = correct / predicted if predicted else 0.0
            recall = correct / gold if gold else 0.0
            figures |= {
                f"{name}_gold": gold,
                f"{name}_predicted": predicted,
                f"{name}_precision": round(precision, 4),
                f"{name}_recall": round(recall, 4),
                f"{name}_f1": round(self._f1(precision, recall), 4),
            }
        return figures


def read_sentences(path: Path, file_format: Format) -> list[Sentence]:
    """The sentences of an annotated file, with their gold pros and cons."""
    if not path.exists():
        raise ConfigError(f"{path}: file not found")
    try:
        if file_format == "liu":
            return list(_read_liu(path))
        return list(_read_semeval(path, file_format))
    except ET.ParseError as error:
        raise ConfigError(f"{path}: not valid {file_format} XML ({error})") from None


def _read_semeval(path: Path, file_format: Format) -> Iterator[Sentence]:
    term_tag, term_attribute = (
        ("aspectTerm", "term") if file_format == "semeval2014" else ("Opinion", "target")
    )
    root = ET.parse(path).getroot()
    found = False
    for sentence in root.iter("sentence"):
        text = sentence.findtext("text") or ""
        gold = []
        for term in sentence.iter(term_tag):
            found = True
            polarity = _POLARITY.get(term.get("polarity", ""))
            target = term.get(term_attribute, "")
            if polarity and target and target != "NULL":
                gold.append(GoldTerm(target, polarity))
        yield Sentence(text, tuple(gold))
    if not found and file_format == "semeval2015" and root.find(".//aspectTerm") is not None:
        raise ConfigError(f"{path}: this is SemEval-2014 data; use --format semeval2014")


_LIU_FEATURE = re.compile(r"\s*([^\[\],#]+?)\s*((?:\[[^\]]*\])+)")


def _read_liu(path: Path) -> Iterator[Sentence]:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if "##" not in line or line.startswith("[t]") or line.startswith("*"):
            continue
        annotation, text = line.split("##", 1)
        gold = []
        for name, tags in _LIU_FEATURE.findall(annotation):
            marks = re.findall(r"\[([^\]]*)\]", tags)
            if "u" in marks or "p" in marks:
                continue
            score = next((m for m in marks if re.fullmatch(r"[+-]\d", m)), None)
            if score:
                gold.append(GoldTerm(name.strip(), "pro" if score[0] == "+" else "con"))
        yield Sentence(text.strip(), tuple(gold))


def score_sentences(
    nlp: Language, sentences: Iterable[Sentence], file_format: Format, keep_examples: int = 0
) -> Score:
    """Run the extractor over each sentence and count matches with the gold terms."""
    sentences = list(sentences)
    score = Score()
    heads: dict[str, str] = {}
    for sentence, doc in zip(sentences, nlp.pipe(s.text for s in sentences), strict=True):
        score.sentences += 1
        terms = _predicted_terms(doc)
        if file_format == "liu":
            predicted = _liu_predictions(doc, terms)
            gold = Counter((_head_lemma(nlp, g.text, heads), g.polarity) for g in sentence.gold)
        else:
            predicted = Counter(
                (o.aspect_text.lower(), o.polarity)
                for o in terms
                if o.aspect != OVERALL and not _implied(o)
            )
            gold = Counter((g.text.lower(), g.polarity) for g in sentence.gold)
        correct = sum((predicted & gold).values())
        aspects = Counter(a for a, _ in predicted.elements()) & Counter(
            a for a, _ in gold.elements()
        )
        score.gold += sum(gold.values())
        score.predicted += sum(predicted.values())
        score.correct += correct
        for (_, polarity), n in gold.items():
            score.gold_by[polarity] += n
        for (_, polarity), n in predicted.items():
            score.predicted_by[polarity] += n
        for (_, polarity), n in (predicted & gold).items():
            score.correct_by[polarity] += n
        score.aspect_correct += sum(aspects.values())
        if keep_examples:
            for kind, items in (("false", predicted - gold), ("missed", gold - predicted)):
                bucket = score.examples.setdefault(kind, [])
                for aspect, polarity in items:
                    if len(bucket) < keep_examples:
                        bucket.append((f"{aspect} ({polarity})", sentence.text))
    return score


def _predicted_terms(doc: Doc) -> list[Opinion]:
    """One predicted term per aspect span and polarity: "service was prompt, friendly and great"
    is three opinions on one term, as the gold has it once."""
    terms = {(o.aspect_start, o.aspect_end, o.polarity): o for o in reversed(doc._.opinions)}
    return list(terms.values())


def _implied(opinion: Opinion) -> bool:
    """Whether the opinion word names its aspect itself ("too expensive": the price)."""
    implied = lexicon.IMPLIED_ASPECTS.get(opinion.aspect_text.lower())
    return implied is not None and implied[0] == opinion.aspect


def _liu_predictions(doc: Doc, terms: list[Opinion]) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for opinion in terms:
        span = doc.char_span(opinion.aspect_start, opinion.aspect_end, alignment_mode="expand")
        if _unnamed(opinion, span):
            continue  # "I love it", "Crashed twice": as [p] and [u] features are
        # the last noun, as of the gold names ("version 3", "battery life")
        nouns = [t for t in span or () if t.pos_ in {"NOUN", "PROPN"}] or list(span or ())
        head = nouns[-1].lemma_.lower() if nouns else opinion.aspect
        found[(head, opinion.polarity)] += 1
    return found


def _unnamed(opinion: Opinion, span: Span | None) -> bool:
    """The product as a whole named by no word of the sentence: by a pronoun ("I love it"),
    or left unsaid, where the opinion word stands in for it ("Crashed twice")."""
    if opinion.aspect != OVERALL:
        return False
    if span is None or not len(span):
        return False
    in_opinion = opinion.opinion_start <= opinion.aspect_start < opinion.opinion_end
    if in_opinion and span[-1].lemma_.lower() in PRODUCT_NOUNS:
        return False  # "this is the phone for you": the phone is the opinion and the product
    return in_opinion or all(t.pos_ == "PRON" for t in span)


def _head_lemma(nlp: Language, name: str, cache: dict[str, str]) -> str:
    """Lemma of the last noun of a feature name ("battery life" -> "life")."""
    if name not in cache:
        (doc,) = cast("ProsCons", nlp.get_pipe("pros_cons")).parse([name])
        nouns = [t for t in doc if t.pos_ in {"NOUN", "PROPN"}] or list(doc)
        cache[name] = nouns[-1].lemma_.lower() if nouns else name.lower()
    return cache[name]


def evaluate(
    nlp: Language, paths: Iterable[Path], file_format: Format, keep_examples: int = 0
) -> Score:
    """Score the extractor on the files, all counts added up."""
    sentences: list[Sentence] = []
    for path in paths:
        sentences += read_sentences(path, file_format)
    return score_sentences(nlp, sentences, file_format, keep_examples)


@dataclass
class SteamScore:
    """What the extractor hears in reviews whose writers said whether they recommend the game.

    Over English reviews of STEAM_MIN_WORDS or more words: **con recall** is the share of
    not-recommended reviews with at least one con, **pro recall** the share of recommended ones
    with at least one pro, **agreement** the share of reviews whose numbers of pros and cons
    differ that lean the writer's way, **silent** the share with no opinion at all,
    **overall share** the share of opinions on the game as a whole and **themed share** the
    share filed under a theme of the game kind (not ``overall`` or ``other``).
    """

    reviews: int = 0
    recommended: int = 0
    not_recommended: int = 0
    with_pro: int = 0  # recommended reviews with a pro
    with_con: int = 0  # not-recommended reviews with a con
    leaning: int = 0
    agreeing: int = 0
    silent: int = 0
    opinions: int = 0
    overall: int = 0
    #: Opinions filed under a theme of the game kind other than ``overall`` and ``other``.
    themed: int = 0
    examples: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def add(self, recommended: bool, opinions: list[Opinion]) -> None:
        pros = sum(1 for o in opinions if o.polarity == "pro")
        cons = len(opinions) - pros
        self.reviews += 1
        self.recommended += recommended
        self.not_recommended += not recommended
        self.with_pro += recommended and pros > 0
        self.with_con += not recommended and cons > 0
        if pros != cons:
            self.leaning += 1
            self.agreeing += (pros > cons) == recommended
        self.silent += not opinions
        self.opinions += len(opinions)
        self.overall += sum(1 for o in opinions if (o.theme or o.aspect) == OVERALL)
        self.themed += sum(1 for o in opinions if o.theme not in (None, OVERALL, "other"))

    def figures(self) -> dict[str, float | int]:
        def share(part: int, whole: int) -> float:
            return round(part / whole, 4) if whole else 0.0

        return {
            "reviews": self.reviews,
            "recommended": self.recommended,
            "not_recommended": self.not_recommended,
            "con_recall": share(self.with_con, self.not_recommended),
            "pro_recall": share(self.with_pro, self.recommended),
            "agreement": share(self.agreeing, self.leaning),
            "silent": share(self.silent, self.reviews),
            "opinions": self.opinions,
            "overall_share": share(self.overall, self.opinions),
            "themed_share": share(self.themed, self.opinions),
        }


def read_steam_reviews(path: Path) -> list[tuple[str, bool]]:
    """(text, recommended) of each English review of a saved Steam reviews response."""
    from pipeline.sources.steam import review_text

    if not path.exists():
        raise ConfigError(f"{path}: file not found")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not a saved Steam reviews response ({error})") from None
    reviews = document.get("reviews") if isinstance(document, dict) else document
    if isinstance(reviews, dict):
        reviews = list(reviews.values())
    if not isinstance(reviews, list):
        raise ConfigError(f"{path}: expected a 'reviews' list or object, as Steam answers")
    found = []
    for review in reviews:
        if not isinstance(review, dict) or "voted_up" not in review:
            raise ConfigError(f"{path}: a review without 'voted_up' (is this Steam's format?)")
        if review.get("language", "english") == "english":
            found.append((review_text(review), bool(review["voted_up"])))
    return found


def evaluate_steam(
    nlp: Language,
    paths: Iterable[Path],
    keep_examples: int = 0,
    progress: Callable[[int], object] | None = None,
    kind: str = "game",
) -> SteamScore:
    """The Steam measure over the reviews of the files, all counts added up; opinions are
    filed by the ``kind`` taxonomy, as the pipeline files a game's."""
    from pipeline.nlp import extract_opinions
    from pipeline.nlp.themes import taxonomy

    reviews = [
        (text, recommended)
        for path in paths
        for text, recommended in read_steam_reviews(path)
        if len(text.split()) >= STEAM_MIN_WORDS
    ]
    themes = taxonomy(kind)
    score = SteamScore()
    step = 500
    for start in range(0, len(reviews), step):
        batch = reviews[start : start + step]
        found = extract_opinions(nlp, [text for text, _ in batch])
        for (text, recommended), opinions in zip(batch, found, strict=True):
            opinions = themes.file_all(opinions, text)
            score.add(recommended, opinions)
            wanted = "pro" if recommended else "con"
            if keep_examples and all(o.polarity != wanted for o in opinions):
                bucket = score.examples.setdefault(f"no {wanted}", [])
                if len(bucket) < keep_examples:
                    bucket.append((f"no {wanted}", text[:300]))
        if progress:
            progress(len(batch))
    return score


#: The SemEval-2014 restaurant category that stands for the restaurant as a whole.
MISC_CATEGORY = "anecdotes/miscellaneous"


@dataclass
class CategoryScore:
    """Themes against the aspect categories of SemEval-2014 restaurants.

    For each sentence, the set of (theme, polarity) pairs of its opinions, filed by the
    restaurant taxonomy, against the set of (category, polarity) pairs of the gold, positive
    and negative only; ``overall`` stands for ``anecdotes/miscellaneous`` and ``other`` (no
    theme) is not a prediction. Micro precision, recall and F1, and per category.
    """

    sentences: int = 0
    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def add(
        self,
        text: str,
        gold: set[tuple[str, str]],
        predicted: set[tuple[str, str]],
        keep_examples: int = 0,
    ) -> None:
        self.sentences += 1
        for counter, pairs in (
            (self.gold, gold),
            (self.predicted, predicted),
            (self.correct, gold & predicted),
        ):
            counter.update(category for category, _ in pairs)
        if keep_examples:
            for kind, pairs in (("false", predicted - gold), ("missed", gold - predicted)):
                bucket = self.examples.setdefault(kind, [])
                for category, polarity in sorted(pairs):
                    if len(bucket) < keep_examples:
                        bucket.append((f"{category} ({polarity})", text))

    def figures(self) -> dict[str, Any]:
        def prf(correct: int, predicted: int, gold: int) -> dict[str, float | int]:
            precision = correct / predicted if predicted else 0.0
            recall = correct / gold if gold else 0.0
            return {
                "gold": gold,
                "predicted": predicted,
                "correct": correct,
                "precision": round(precision, 4),
                "recall": round(recall, 4),
                "f1": round(Score._f1(precision, recall), 4),
            }

        categories = sorted(set(self.gold) | set(self.predicted))
        return {
            "sentences": self.sentences,
            **prf(
                sum(self.correct.values()), sum(self.predicted.values()), sum(self.gold.values())
            ),
            "categories": {
                c: prf(self.correct[c], self.predicted[c], self.gold[c]) for c in categories
            },
        }


def read_categories(path: Path) -> list[tuple[str, set[tuple[str, str]]]]:
    """(text, {(category, pro or con)}) of each sentence of a SemEval-2014 file with aspect
    categories (the restaurant files have them)."""
    if not path.exists():
        raise ConfigError(f"{path}: file not found")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise ConfigError(f"{path}: not valid semeval2014 XML ({error})") from None
    found = []
    for sentence in root.iter("sentence"):
        gold = {
            (category.get("category", ""), _POLARITY[polarity])
            for category in sentence.iter("aspectCategory")
            if (polarity := category.get("polarity", "")) in _POLARITY
        }
        found.append((sentence.findtext("text") or "", gold))
    if found and root.find(".//aspectCategory") is None:
        raise ConfigError(
            f"{path}: no <aspectCategory> in this file; --categories needs a SemEval-2014 "
            "restaurants file"
        )
    return found


def evaluate_categories(
    nlp: Language, paths: Iterable[Path], kind: str = "restaurant", keep_examples: int = 0
) -> CategoryScore:
    """Score themes (filed by the ``kind`` taxonomy) against SemEval-2014 aspect categories."""
    from pipeline.nlp import extract_opinions
    from pipeline.nlp.themes import OTHER, taxonomy

    themes = taxonomy(kind)
    sentences = [item for path in paths for item in read_categories(path)]
    found = extract_opinions(nlp, [text for text, _ in sentences])
    score = CategoryScore()
    for (text, gold), opinions in zip(sentences, found, strict=True):
        predicted: set[tuple[str, str]] = set()
        for opinion in themes.file_all(opinions, text):
            theme = opinion.theme
            if theme and theme != OTHER:
                predicted.add((MISC_CATEGORY if theme == OVERALL else theme, opinion.polarity))
        score.add(text, gold, predicted, keep_examples)
    return score
