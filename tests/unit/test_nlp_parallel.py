"""Extraction in several processes gives exactly what one process gives, in order."""

from __future__ import annotations

from pipeline.nlp import extract_opinions

TEXTS = [
    "The battery is great but the screen is dull.",
    "I love the camera on the Aurora X2.",
    "",
    "The app keeps crashing after the update.",
    "Is the battery good?",
    "No issues with the hinge. The Nova 9 speakers are awful 😡",
] * 20


def test_extract_opinions__two_processes_match_one(nlp) -> None:  # type: ignore[no-untyped-def]
    one = extract_opinions(nlp, TEXTS, batch_size=8)
    two = extract_opinions(nlp, TEXTS, batch_size=8, n_process=2)
    assert two == one
    assert sum(len(found) for found in one) >= 100
    assert one[1][0].product == "aurora-x2"


def test_extract_opinions__the_component_stores_plain_tuples(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The battery is great.")
    assert doc._.opinion_rows and all(isinstance(row, tuple) for row in doc._.opinion_rows)
    assert doc.to_bytes()  # serialisable, as spaCy's own multiprocessing needs
    assert doc._.opinions[0].aspect == "battery"
