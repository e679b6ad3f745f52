"""Themes: each kind's taxonomy files opinions of sentences written for it under its themes."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

from pipeline.config import ProductKind, load_config
from pipeline.errors import ConfigError
from pipeline.nlp import extract_opinions
from pipeline.nlp.aspects import OVERALL
from pipeline.nlp.themes import KINDS, OTHER, product_taxonomy, read_taxonomy, taxonomy
from pipeline.records import Opinion

#: One sentence per theme of each kind at least, written for these tests: (kind, text, theme).
SENTENCES = {
    "app": [
        ("It keeps crashing every time I open a note.", "stability"),
        ("The app is painfully slow to load.", "performance"),
        ("The menu is confusing.", "ui"),
        ("The export feature is useless.", "features"),
        ("Sync between my phone and laptop is unreliable.", "sync"),
        ("I can't log in since the last update, the password reset is broken.", "account"),
        ("The subscription is way overpriced.", "price"),
        ("Way too many ads.", "ads"),
        ("Customer support never answered my emails, terrible.", "support"),
        ("The latest update is awful.", "updates"),
        ("The privacy policy is shady.", "privacy"),
    ],
    "game": [
        ("The combat is satisfying and deep.", "gameplay"),
        ("There are only three maps, which is pathetic.", "content"),
        ("The story is beautifully written.", "story"),
        ("The graphics are stunning.", "graphics"),
        ("The soundtrack is amazing.", "audio"),
        ("Terrible optimization, my fps drops constantly.", "performance"),
        ("The game crashes constantly.", "stability"),
        ("The servers are always down.", "servers"),
        ("Matchmaking is a joke.", "matchmaking"),
        ("Hackers everywhere, awful.", "cheating"),
        ("The community is toxic.", "community"),
        ("Not worth the full price.", "price"),
        ("Pay to win garbage with loot boxes everywhere.", "monetization"),
        ("The devs abandoned it, awful.", "developer"),
    ],
    "device": [
        ("The battery drains in a few hours.", "battery"),
        ("The processor is fast.", "performance"),
        ("The display is bright and sharp.", "display"),
        ("The photos are blurry.", "camera"),
        ("The speakers sound tinny.", "audio"),
        ("The hinge feels flimsy.", "build_quality"),
        ("The bluetooth keeps disconnecting.", "connectivity"),
        ("The firmware is buggy.", "software"),
        ("It stopped working after two weeks.", "reliability"),
        ("It is overpriced.", "price"),
        ("The warranty service was terrible.", "support"),
    ],
    "restaurant": [
        ("The steak melted in my mouth.", "food"),
        ("We waited forty minutes for a table.", "service"),
        ("Way too pricey for what you get.", "price"),
        ("The place was noisy and cramped.", "ambience"),
    ],
    "hotel": [
        ("The room was tiny.", "room"),
        ("The bathroom was filthy.", "cleanliness"),
        ("The receptionist was rude.", "service"),
        ("The location is perfect, close to everything.", "location"),
        ("Breakfast was delicious.", "food"),
        ("The pool was lovely.", "facilities"),
        ("Overpriced for what you get.", "price"),
    ],
    "other": [
        ("The quality is poor.", "quality"),
        ("The instructions were confusing.", "usability"),
        ("It works great.", "performance"),
        ("The features are useful.", "features"),
        ("It is too expensive.", "price"),
        ("Customer service was rude.", "support"),
    ],
}
CASES = [(kind, text, theme) for kind, cases in SENTENCES.items() for text, theme in cases]


def filed(nlp, kind: str, text: str) -> list[Opinion]:  # type: ignore[no-untyped-def]
    (opinions,) = extract_opinions(nlp, [text])
    return taxonomy(kind).file_all(opinions, text)


def test_kinds__the_configuration_and_the_taxonomies_know_the_same_kinds() -> None:
    assert set(typing.get_args(ProductKind)) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_taxonomy__every_theme_has_a_sentence_of_its_own_here(kind: str) -> None:
    themes = {t.key for t in taxonomy(kind).themes}
    assert themes == {theme for theme_kind, _, theme in CASES if theme_kind == kind}
    assert all(t.label and t.description and t.terms for t in taxonomy(kind).themes)


def test_taxonomy__restaurants_have_exactly_the_four_public_categories() -> None:
    assert [t.key for t in taxonomy("restaurant").themes] == [
        "food",
        "service",
        "price",
        "ambience",
    ]


@pytest.mark.parametrize(("kind", "text", "theme"), CASES, ids=[f"{k}:{t}" for k, _, t in CASES])
def test_taxonomy__files_each_theme_of_its_kind(nlp, kind: str, text: str, theme: str) -> None:  # type: ignore[no-untyped-def]
    assert theme in {o.theme for o in filed(nlp, kind, text)}


def test_file__synonyms_hold_within_their_kind_only(nlp) -> None:  # type: ignore[no-untyped-def]
    assert [(o.aspect, o.theme) for o in filed(nlp, "app", "The menu is confusing.")] == [
        ("ui", "ui")
    ]
    assert [(o.aspect, o.theme) for o in filed(nlp, "restaurant", "The menu is confusing.")] == [
        ("menu", "food")
    ]
    assert [o.aspect for o in filed(nlp, "device", "The picture is sharp.")] == ["picture"]
    assert [o.aspect for o in filed(nlp, "device", "The photos are sharp.")] == ["camera"]


def test_file__a_complaint_about_the_product_takes_the_theme_of_its_cue_words(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "It keeps crashing after the update."
    (opinion,) = filed(nlp, "app", text)
    assert (opinion.aspect, opinion.theme, opinion.polarity) == ("stability", "stability", "con")
    assert text[opinion.aspect_start : opinion.aspect_end] == opinion.aspect_text == "crashing"


def test_file__a_verdict_without_cue_words_stays_on_the_product_as_a_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    assert {(o.theme, o.polarity) for o in filed(nlp, "game", "Great game.")} == {(OVERALL, "pro")}


def test_file__an_aspect_no_theme_knows_is_other(nlp) -> None:  # type: ignore[no-untyped-def]
    assert {o.theme for o in filed(nlp, "restaurant", "The parking lot attendant was lovely.")} <= {
        "ambience",
        OTHER,
    }
    assert [o.theme for o in filed(nlp, "app", "The mascot is adorable.")] == [OTHER]


def test_implied__an_event_gives_an_opinion_on_its_theme_with_the_event_as_its_words(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Lovely evening. We waited over forty minutes for a table."
    (opinion,) = [o for o in filed(nlp, "restaurant", text) if o.theme == "service"]
    assert (opinion.aspect, opinion.polarity) == ("service", "con")
    assert opinion.aspect_text == "waited over forty minutes"
    assert text[opinion.sentence_start : opinion.sentence_end] == (
        "We waited over forty minutes for a table."
    )


def test_implied__an_event_negated_or_heard_already_gives_no_second_opinion(nlp) -> None:  # type: ignore[no-untyped-def]
    assert filed(nlp, "restaurant", "We never waited more than five minutes.") == []
    # the rules' opinion on "crashing" is the event "keeps crashing": one opinion
    assert [o.theme for o in filed(nlp, "app", "It keeps crashing after the update.")] == [
        "stability"
    ]
    # an event on another theme beside an opinion of the rules is heard too
    text = "The devs ruined the game, the maps are ugly."
    assert sorted((o.theme, o.polarity) for o in filed(nlp, "game", text)) == [
        ("content", "con"),
        ("developer", "con"),
    ]


def test_product_taxonomy__a_product_adds_themes_and_terms_that_win(nlp) -> None:  # type: ignore[no-untyped-def]
    themes = product_taxonomy(
        "game",
        [
            {"key": "trading", "label": "Trading", "terms": ["market", "skin"], "cues": ["scam"]},
            {"key": "cheating", "terms": ["spinbot"]},
        ],
    )
    assert themes.keys[-3:] == ("trading", OVERALL, OTHER)
    assert themes.theme_of_aspect("skin") == "trading"  # a content term in the kind's taxonomy
    assert themes.theme_of_aspect("spinbot") == "cheating"
    text = "The market is a scam."
    (opinions,) = extract_opinions(nlp, [text])
    assert {o.theme for o in themes.file_all(opinions, text)} == {"trading"}


def test_config__kind_and_themes_are_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "products.yaml"
    path.write_text(
        "products:\n  - slug: a\n    name: A\n    kind: game\n    themes:\n"
        "      - key: trading\n        terms: [market]\n",
        encoding="utf-8",
    )
    (product,) = load_config(path).products
    assert product.kind == "game"
    assert product.theme_entries() == [{"key": "trading", "terms": ["market"], "cues": []}]
    for body, expected in [
        ("kind: shop", "kind: Input should be 'app', 'game', 'device', 'restaurant', 'hotel'"),
        ("themes:\n      - key: overall", r"themes\[0\].key: 'overall' is a theme"),
        ("themes:\n      - key: Checkout", "'Checkout' is not a theme key"),
        ("themes:\n      - key: x\n      - key: x", "theme 'x' is given more than once"),
    ]:
        path.write_text(f"products:\n  - slug: a\n    name: A\n    {body}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=expected):
            load_config(path)


def test_config__a_product_without_a_kind_is_other(tmp_path: Path) -> None:
    path = tmp_path / "products.yaml"
    path.write_text("products:\n  - slug: a\n    name: A\n", encoding="utf-8")
    assert load_config(path).products[0].kind == "other"


def test_read_taxonomy__a_malformed_file_is_named_with_the_theme() -> None:
    with pytest.raises(ConfigError, match=r"mine.yaml: themes\[0\]: theme 'x' has no 'label'"):
        read_taxonomy("other", {"themes": [{"key": "x"}]}, "mine.yaml")
    with pytest.raises(ConfigError, match="'cues' must be a list of words"):
        read_taxonomy("other", {"themes": [{"key": "x", "label": "X", "cues": "slow"}]}, "m")


def test_file__a_theme_as_aspect_key_is_written_in_words(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = filed(nlp, "device", "Mine feels flimsy.")
    assert (opinion.aspect, opinion.theme) == ("build quality", "build_quality")
