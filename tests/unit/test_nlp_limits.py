"""What bounds extraction's time and memory whatever one post holds: the long-run tokenizer,
pieces, chunks and the characters analysed per text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.nlp import (
    BATCH_CHARACTERS,
    LONG_RUN,
    MAX_ANALYSED_CHARACTERS,
    RUN_EDGE,
    analysed_length,
    chunks,
    extract_opinions,
    pieces,
)


@pytest.fixture(scope="session")
def nlp(rules_nlp):  # type: ignore[no-untyped-def]
    """The rules alone: what is bounded here is parsing, not what the verdicts add."""
    return rules_nlp


@pytest.mark.parametrize("run", ["!" * 50_000, "\U0001f600" * 50_000, "ab" * 30_000])
def test_long_run_tokenizer__a_long_run_becomes_few_tokens_and_the_text_is_kept(nlp, run) -> None:  # type: ignore[no-untyped-def]
    text = f"The screen is great{run} and the fan is loud."
    doc = nlp.make_doc(text)
    assert doc.text == text
    # One token per RUN_EDGE characters (and the two ends as usual), not one per character.
    assert len(doc) < len(run) // RUN_EDGE + 2 * RUN_EDGE + 20


def test_long_run_tokenizer__the_ends_of_a_run_are_tokenized_as_usual(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc("Honestly great" + "!" * 300 + " The battery is awful.")
    words = [t.text for t in doc]
    assert words[:3] == ["Honestly", "great", "!"]
    assert words[-5:] == ["The", "battery", "is", "awful", "."]


def test_long_run_tokenizer__short_runs_are_left_to_spacy(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Great!!! " + "x" * (LONG_RUN - 1)
    assert [t.text for t in nlp.make_doc(text)] == [t.text for t in nlp.tokenizer.tokenizer(text)]


def test_extract_opinions__opinions_around_a_long_run_are_found_and_the_run_is_no_aspect(
    nlp,
) -> None:  # type: ignore[no-untyped-def]
    text = "The keyboard is awful. " + "a" * 60_000 + " The screen is great."
    (found,) = extract_opinions(nlp, [text])
    assert sorted((o.aspect, o.polarity) for o in found) == [("keyboard", "con"), ("screen", "pro")]


def test_analysed_length__a_long_text_is_read_up_to_a_sentence_end() -> None:
    sentence = "The battery lasts a day and the screen is fine. "
    text = sentence * (MAX_ANALYSED_CHARACTERS // len(sentence) + 50)
    read = analysed_length(text)
    assert MAX_ANALYSED_CHARACTERS // 2 < read <= MAX_ANALYSED_CHARACTERS
    assert text[:read].endswith(". ")
    assert analysed_length("short") == 5 and analysed_length(text, None) == len(text)


def test_extract_opinions__nothing_past_the_characters_analysed_is_read(nlp) -> None:  # type: ignore[no-untyped-def]
    filler = "Nothing to see here at all today.\n" * 3200  # ~109,000 characters
    (found,) = extract_opinions(nlp, ["The battery is great.\n" + filler + "The fan is loud."])
    assert [o.aspect for o in found] == ["battery"]
    (found,) = extract_opinions(nlp, [filler + "The fan is loud."], max_characters=None)
    assert [o.aspect for o in found] == ["fan"]


def test_chunks__bounded_in_texts_and_in_characters() -> None:
    texts = ["x" * 30_000] * 7 + ["short"] * 200 + ["y" * (BATCH_CHARACTERS + 5)]
    grouped = chunks(texts, batch_size=64)
    assert [t for chunk in grouped for t in chunk] == texts
    for chunk in grouped:
        assert len(chunk) <= 64
        assert len(chunk) == 1 or sum(map(len, chunk)) <= BATCH_CHARACTERS


def test_pieces__a_paragraph_without_line_breaks_is_cut_after_a_sentence() -> None:
    text = "The screen is bright and the keys are soft. " * 1000
    parts = list(pieces(text, limit=2_000))
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 2_000 and p.endswith(". ") for _, p in parts[:-1])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["The battery is great.", "the fan is loud", " ", "\n", "!!"]),
            st.builds(lambda c, n: c * n, st.sampled_from("!a😀.-"), st.integers(150, 700)),
        ),
        max_size=8,
    ).map("".join)
)
def test_extract_opinions__spans_match_the_text_around_long_runs(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert nlp.make_doc(text).text == text
    (found,) = extract_opinions(nlp, [text])
    for o in found:
        assert text[o.aspect_start : o.aspect_end] == o.aspect_text
        assert text[o.opinion_start : o.opinion_end] == o.opinion_text
        assert len(o.aspect_text) < 100
