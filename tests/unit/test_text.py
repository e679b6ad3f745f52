"""Text cleaning and language detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.text import clean_text, detect_language


def test_clean_text__markdown_keeps_words_and_drops_markup() -> None:
    text = clean_text("**Great** game, see [the wiki](https://example.org) & _enjoy_", "markdown")
    assert text == "Great game, see the wiki & enjoy"


def test_clean_text__markdown_quote_keeps_its_marker() -> None:
    text = clean_text("> the servers are trash\n\nThey are fine now.", "markdown")
    assert text == "> the servers are trash\n\nThey are fine now."


def test_clean_text__html_drops_scripts_and_decodes_entities() -> None:
    text = clean_text("<p>Fast &amp; quiet<br>really</p><script>alert('x')</script>", "html")
    assert text == "Fast & quiet\nreally"


def test_clean_text__removes_nul_control_and_zero_width_characters() -> None:
    assert clean_text("bat\x00tery\u200b is\x07 good", "plain") == "battery is good"


def test_clean_text__drops_lone_surrogates() -> None:
    assert clean_text("ok \ud83d fine", "plain") == "ok fine"


def test_clean_text__collapses_spaces_but_keeps_paragraphs() -> None:
    assert clean_text("a   b\n\n\n\n c\t d", "plain") == "a b\n\nc d"


def test_clean_text__plain_decodes_entities() -> None:
    assert clean_text("5 &gt; 4 &amp; fine", "plain") == "5 > 4 & fine"


def test_clean_text__empty_and_none_give_empty() -> None:
    assert clean_text(None) == ""
    assert clean_text("   \n ") == ""


@given(st.text(), st.sampled_from(["plain", "markdown", "html"]))
def test_clean_text__never_raises_and_output_is_storable(raw: str, markup: str) -> None:
    text = clean_text(raw, markup)  # type: ignore[arg-type]
    assert "\x00" not in text
    text.encode("utf-8")  # no lone surrogates left: PostgreSQL would refuse them


def test_detect_language__german_and_spanish_are_recognised() -> None:
    assert detect_language("Das Spiel ist wirklich gut, aber der Akku hält nicht lange.") == "de"
    assert detect_language("La cámara es excelente y la batería dura todo el día.") == "es"


def test_detect_language__english_with_slang_is_english_or_unknown() -> None:
    assert detect_language("Great game but the matchmaking is sooo bad lmao") == "en"
    assert detect_language("tbh mid") is None  # too short to tell


@pytest.mark.parametrize("label", ["en", "EN", "en-US", "en_GB", " En "])
def test_language_code__labels_exports_write_are_read_as_the_code(label: str) -> None:
    from pipeline.text import language_code

    assert language_code(label) == "en"


def test_clean_text__terminal_escapes_and_bidi_overrides_are_removed() -> None:
    text = clean_text("Great\u009b[2J app \u202eylno\u202c and \u2066fine\u2069")
    assert text == "Great[2J app ylno and fine"
