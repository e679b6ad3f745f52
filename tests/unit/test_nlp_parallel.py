"""Extraction in several processes gives exactly what one process gives, in order."""

from __future__ import annotations

from concurrent.futures import Future

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


def test_extract_opinions__started_workers_parse_every_chunk(nlp) -> None:  # type: ignore[no-untyped-def]
    from pipeline import nlp as extraction

    workers = extraction._pool(nlp, 2)
    assert workers is not None
    workers.result(timeout=120)  # started: this process parses no chunk itself
    assert extract_opinions(nlp, TEXTS, batch_size=8, n_process=2) == extract_opinions(
        nlp, TEXTS, batch_size=8
    )


def test_extract_opinions__workers_that_fail_to_start_leave_the_work_here(  # type: ignore[no-untyped-def]
    nlp, monkeypatch, caplog
) -> None:
    from pipeline import nlp as extraction

    def failed(nlp, n_process):  # type: ignore[no-untyped-def]
        future: Future[object] = Future()
        future.set_exception(OSError("no more processes"))
        return future

    monkeypatch.setattr(extraction, "_pool", failed)
    assert extract_opinions(nlp, TEXTS, batch_size=8, n_process=2) == extract_opinions(
        nlp, TEXTS, batch_size=8
    )
    assert "extraction workers did not start (no more processes)" in caplog.text
