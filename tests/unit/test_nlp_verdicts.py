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


def test_verdicts__a_post_surely_one_way_whose_opinions_lean_the_other_gets_its_verdict(  # type: ignore[no-untyped-def]
    nlp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three lines, the first read by the rules; the classifier (stubbed) is unsure of each of
    # the other two, and 0.9 sure the whole post is a complaint.
    text = "The maps look nice.\nI played it for a week.\nThen I got a refund."
    line_and_post = {
        "I played it for a week.": 0.55,
        "Then I got a refund.": 0.65,
        text: 0.9,
    }
    monkeypatch.setattr(
        verdicts,
        "span_con_probabilities",
        lambda model, spans: [line_and_post.get(s.text, 0.5) for s in spans],
    )
    monkeypatch.setattr(verdicts, "load", lambda: object())
    opinions = nlp(text)._.opinions
    assert [(o.aspect, o.polarity, o.opinion_text) for o in opinions] == [
        ("map", "pro", "nice"),
        (OVERALL, "con", "Then I got a refund."),  # the surest unread line of the post's way
    ]
    # A post whose opinions already lean its way gets nothing more.
    line_and_post[text] = 0.1
    assert [(o.aspect, o.polarity) for o in nlp(text)._.opinions] == [("map", "pro")]


@pytest.mark.usefixtures("shipped")
def test_verdicts__a_heading_is_no_verdict(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "Gameplay and mechanics:\nThe maps look nice.") == [("map", "pro")]
