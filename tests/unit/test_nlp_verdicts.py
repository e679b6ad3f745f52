"""Sentence verdicts: the learned classifier beside the rules, and the aspect keys that are never
junk. Every sentence here is written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.nlp import verdicts
from pipeline.nlp.aspects import OVERALL


def found(nlp, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(o.aspect, o.polarity) for o in nlp(text)._.opinions]


@pytest.fixture
def shipped() -> None:
    if verdicts.load() is None:
        pytest.skip("the verdict model is not built (make verdicts)")


@pytest.mark.usefixtures("shipped")
@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Uninstalled it after the last patch and asked for a refund.", "con"),
        ("Got banned for nothing.", "con"),
        ("Still waiting for the update they promised two years ago.", "con"),
        ("Hackers everywhere, plz fix this already.", "con"),
        ("Pay to win garbage, do not bother.", "con"),
        ("Best game I have played in years, hundreds of hours in and still hooked.", "pro"),
        ("My friends and I play it every weekend, it never gets old.", "pro"),
    ],
)
def test_verdicts__a_line_with_no_opinion_word_is_a_verdict_on_the_whole(  # type: ignore[no-untyped-def]
    nlp, text: str, polarity: str
) -> None:
    opinions = nlp(text)._.opinions
    assert (OVERALL, polarity) in [(o.aspect, o.polarity) for o in opinions]
    verdict = next(o for o in opinions if o.aspect == OVERALL)
    assert text[verdict.opinion_start : verdict.opinion_end] == verdict.opinion_text
    assert verdict.confidence < 0.75  # below what the rules give


@pytest.mark.usefixtures("shipped")
def test_verdicts__lines_the_rules_read_are_left_to_the_rules(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "The battery is great.") == [("battery", "pro")]


@pytest.mark.usefixtures("shipped")
@pytest.mark.parametrize(
    "text", ["Is it worth buying after the last patch?", "Ok.", "Bought it yesterday."]
)
def test_verdicts__questions_and_short_or_plain_lines_give_nothing(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == []


@pytest.mark.usefixtures("shipped")
def test_verdicts__a_threshold_of_one_turns_them_off(nlp) -> None:  # type: ignore[no-untyped-def]
    component = nlp.get_pipe("pros_cons")
    text = "Got banned for nothing."
    before = component.verdict_threshold
    try:
        component.verdict_threshold = 1.0
        assert found(nlp, text) == []
    finally:
        component.verdict_threshold = before


def test_train__learns_from_examples_and_loads_from_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = [
        ("the servers crash every evening", verdicts.CON),
        ("refund requested after one hour", verdicts.CON),
        ("crash after crash after crash", verdicts.CON),
        ("lovely music and a calm mood", verdicts.PRO),
        ("my favourite purchase this year", verdicts.PRO),
        ("lovely lovely game to relax with", verdicts.PRO),
    ] * 20
    verdicts.train(examples, tmp_path / "model")
    assert not (tmp_path / "model" / "vocab").exists()  # weights only, no word list
    monkeypatch.setenv("REVIEWS_VERDICT_MODEL", str(tmp_path / "model"))
    model = verdicts.load()
    assert model is not None
    crash, lovely = verdicts.con_probabilities(model, ["Crash after crash", "LOVELY music"])
    assert crash > 0.5 > lovely


def test_load__a_folder_without_a_model_leaves_the_rules_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("REVIEWS_VERDICT_MODEL", str(tmp_path / "nothing"))
    assert verdicts.load() is None
    assert "make verdicts" in caplog.text


def test_sentences__split_at_lines_and_sentence_ends_and_short_ones_left_out() -> None:
    text = "Great fun with friends. Meh!\nServers are down again tonight? yes"
    assert list(verdicts.sentences(text)) == [
        "Great fun with friends.",
        "Servers are down again tonight?",
    ]


#: Keys seen on real reviews that no product manager counts by: slang, interjections, function
#: words without their apostrophe and misspellings of them, words of another language.
JUNK = [
    ("This game is good af.", "af"),
    ("The xd is great lol.", "xd"),
    ("the dosent is bad and broken", "dosent"),
    ("sry the graphics are bad", "sry"),
    ("De app is slecht omdat de scanner niet werkt.", "omdat"),
    ("becuase the matchmaking is awful", "becuase"),
    ("Sorry for my bad english, the combat is fun.", "english"),
]


@pytest.mark.parametrize(("text", "junk"), JUNK)
def test_aspect_keys__never_slang_misspellings_or_foreign_words(nlp, text: str, junk: str) -> None:  # type: ignore[no-untyped-def]
    keys = {o.aspect for o in nlp(text)._.opinions}
    assert not any(junk in key.split() for key in keys), keys


def test_aspect_keys__the_things_named_beside_junk_are_kept(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("combat", "pro") in found(nlp, "Sorry for my bad english, the combat is fun.")
    assert ("english dub", "con") in found(nlp, "The English dub is awful.")


@pytest.mark.usefixtures("shipped")
def test_verdicts__a_post_surely_one_way_whose_opinions_lean_the_other_gets_its_verdict(
    nlp,
) -> None:  # type: ignore[no-untyped-def]
    text = "The maps look nice, shame I got banned for nothing and they kept my money."
    pairs = found(nlp, text)
    assert ("map", "pro") in pairs  # the rules' reading stays
    assert (OVERALL, "con") in pairs  # and the post's verdict is heard


@pytest.mark.usefixtures("shipped")
def test_verdicts__a_post_whose_opinions_lean_its_way_gets_no_more(nlp) -> None:  # type: ignore[no-untyped-def]
    component = nlp.get_pipe("pros_cons")
    before = component.post_verdict_threshold
    try:
        component.post_verdict_threshold = 1.01
        text = "The maps look nice, shame I got banned for nothing and they kept my money."
        assert found(nlp, text) == [("map", "pro")]  # the post-level verdict, turned off
    finally:
        component.post_verdict_threshold = before
    assert found(nlp, "The combat is great and the maps are lovely.") == [
        ("combat", "pro"),
        ("map", "pro"),
    ]


@pytest.mark.usefixtures("shipped")
def test_verdicts__a_heading_is_no_verdict(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "Gameplay and mechanics:\nThe maps look nice.") == [("map", "pro")]
