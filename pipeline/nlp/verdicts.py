"""Sentence verdicts: a small learned classifier beside the rules, for praise and complaint that
name no aspect and carry no opinion word the lexicon knows ("uninstalled after the last patch",
"got banned for nothing", "still waiting for the update they promised").

It is a spaCy text classifier (a bag of words and word pairs, ``spacy.TextCatBOW.v3``) that says
whether a sentence comes from a review that recommends or one that does not. The ``pros_cons``
component asks it only about sentences where the rules found nothing, and files a confident
answer as an opinion on the product as a whole (aspect ``overall``), so a verdict is never
silence.

Trained only on data the project may train on (``../shared/eval/README.md``): the Steam reviews
of ``../shared/fixtures/steam_dev`` (MIT; each sentence labelled with its writer's thumbs) and
Bing Liu's pros and cons phrases (CC BY 4.0; Ganapathibhotla & Liu 2008). Never on SemEval.
``make verdicts`` builds the shipped model again from that data, with a fixed seed.
"""

from __future__ import annotations

import json
import logging
import random
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

log = logging.getLogger(__name__)

#: The shipped model (``make verdicts`` writes it).
MODEL_DIR = Path(__file__).with_name("verdict_model")
PRO, CON = "PRO", "CON"
#: Hash buckets of the bag of words: 2**17 weights per class keep the model about 1 MB.
BUCKETS = 2**17
EPOCHS = 4
SEED = 0
#: Sentences of fewer words are not learned from: too little to say which way they lean.
MIN_WORDS = 3
#: Measuring leaves every HELD_OUT_EVERY-th steam_dev game (by name) out of training (see
#: ``split``); the shipped model learns from every game.
HELD_OUT_EVERY = 5

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> Iterator[str]:
    """The sentences of a review as the trainer sees them (lines, then ., ! and ?)."""
    for part in _SENTENCE_END.split(text):
        part = part.strip()
        if len(part.split()) >= MIN_WORDS:
            yield part


def steam_examples(folder: Path, games: set[str] | None = None) -> Iterator[tuple[str, str]]:
    """(sentence, label) of every English review of the saved Steam responses in ``folder``,
    each sentence labelled by its writer's thumbs; only ``games`` (file stems) when given."""
    from pipeline.evaluate import read_steam_reviews

    for path in sorted(folder.glob("*.json")):
        if games is not None and path.stem not in games:
            continue
        for text, recommended in read_steam_reviews(path):
            for sentence in sentences(text):
                yield sentence, PRO if recommended else CON


def liu_examples(folder: Path) -> Iterator[tuple[str, str]]:
    """(phrase, label) of Liu's pros and cons phrases."""
    for name, label in (("IntegratedPros.txt", PRO), ("IntegratedCons.txt", CON)):
        text = (folder / name).read_text(encoding="utf-8", errors="replace")
        for phrase in re.findall(r"<(?:Pros|Cons)>(.*?)</(?:Pros|Cons)>", text):
            phrase = phrase.strip()
            if phrase:
                yield phrase, label


def split(folder: Path) -> tuple[set[str], set[str]]:
    """steam_dev's games split for measuring: every HELD_OUT_EVERY-th game (by name) held out."""
    games = sorted(path.stem for path in folder.glob("*.json"))
    held_out = set(games[HELD_OUT_EVERY - 1 :: HELD_OUT_EVERY])
    return set(games) - held_out, held_out


def train(examples: Iterable[tuple[str, str]], output: Path) -> Language:
    """Train the classifier on (text, label) examples and write it to ``output``."""
    import spacy
    from spacy.pipeline import TextCategorizer
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    textcat: TextCategorizer = nlp.add_pipe(  # type: ignore[assignment]
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": BUCKETS,
            }
        },
    )
    textcat.add_label(PRO)
    textcat.add_label(CON)
    data = [
        Example.from_dict(
            nlp.make_doc(text.lower()), {"cats": {PRO: label == PRO, CON: label == CON}}
        )
        for text, label in examples
    ]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(SEED)
    for epoch in range(EPOCHS):
        rng.shuffle(data)
        losses: dict[str, float] = {}
        for batch in minibatch(data, size=64):
            nlp.update(batch, sgd=optimizer, losses=losses)
        log.info("epoch %d: loss %.1f", epoch + 1, losses.get("textcat", 0.0))
    output.mkdir(parents=True, exist_ok=True)
    # The weights only: the vocabulary would list the training data's words, and the bag of
    # words reads hashes, not strings.
    nlp.to_disk(output, exclude=["tokenizer", "vocab"])
    (output / "training.json").write_text(
        json.dumps({"examples": len(data), "epochs": EPOCHS, "buckets": BUCKETS, "seed": SEED})
        + "\n",
        encoding="utf-8",
    )
    return nlp


def load() -> Language | None:
    """The classifier in ``REVIEWS_VERDICT_MODEL`` (a folder ``train`` wrote), else the shipped
    one; None where there is none (the rules then work alone)."""
    import os

    return _load(Path(os.environ.get("REVIEWS_VERDICT_MODEL") or MODEL_DIR))


@lru_cache(maxsize=4)
def _load(path: Path) -> Language | None:
    if not (path / "config.cfg").exists():
        log.warning("no verdict model at %s: run `make verdicts`; the rules work alone", path)
        return None
    import spacy

    return spacy.load(path, exclude=["tokenizer"])


def con_probabilities(model: Language, texts: list[str]) -> list[float]:
    """For each text, the probability that it comes from a review that does not recommend."""
    return [doc.cats[CON] for doc in model.pipe((t.lower() for t in texts), batch_size=256)]


def span_con_probabilities(model: Language, spans: list[Span]) -> list[float]:
    """:func:`con_probabilities` of parsed lines, read from their tokens (lower-cased, as the
    model learned them) instead of tokenizing their text again."""
    from spacy.tokens import Doc

    if not spans:
        return []
    from spacy.attrs import LOWER, SPACY

    # Each parsed doc's lower-cased words and spaces as one array, read once: asking a span
    # for its tokens makes every token object anew.
    arrays: dict[int, Any] = {}
    docs = []
    for span in spans:
        key = id(span.doc)
        if key not in arrays:
            arrays[key] = span.doc.to_array([LOWER, SPACY])
        rows = arrays[key][span.start : span.end]
        strings = span.doc.vocab.strings
        docs.append(
            Doc(
                model.vocab,
                words=[strings[int(lower)] for lower, _ in rows],
                spaces=[bool(space) for _, space in rows],
            )
        )
    textcat = model.get_pipe("textcat")
    scores = textcat.predict(docs)  # type: ignore[attr-defined]
    column = list(textcat.labels).index(CON)  # type: ignore[attr-defined]
    return [float(row[column]) for row in scores]


def main(argv: list[str] | None = None) -> int:
    """``python -m pipeline.nlp.verdicts [--held-out | --held-out-files] SHARED``: build the
    shipped model from ``SHARED/fixtures/steam_dev`` and ``SHARED/eval/liu_pros_cons`` (with
    ``--held-out``, into ``verdict_model_held_out/`` from the training games only, for
    measuring; ``--held-out-files`` prints the games it leaves out)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m pipeline.nlp.verdicts")
    parser.add_argument("shared", type=Path, help="the shared/ folder with fixtures/ and eval/")
    parser.add_argument("--held-out", action="store_true", help="leave every fifth game out")
    parser.add_argument(
        "--held-out-files",
        action="store_true",
        help="only print the held-out games' files (for evaluate --format steam)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    steam = args.shared / "fixtures" / "steam_dev"
    liu = args.shared / "eval" / "liu_pros_cons"
    for folder in (steam, liu):
        if not folder.is_dir():
            parser.error(f"{folder} not found: the verdict model is built from it")
    if args.held_out_files:
        print("\n".join(str(steam / f"{game}.json") for game in sorted(split(steam)[1])))
        return 0
    games = split(steam)[0] if args.held_out else None
    output = MODEL_DIR.with_name("verdict_model_held_out") if args.held_out else MODEL_DIR
    examples = [*steam_examples(steam, games), *liu_examples(liu)]
    log.info("training on %d sentences and phrases", len(examples))
    train(examples, output)
    log.info("wrote %s", output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
