"""A seeded generator of realistic posts: the same text on every run, of varied length and style.

Posts mix opinion sentences (adjectives, copulas, opinion verbs, complaint events, negation,
contrast), neutral sentences, questions, social-media touches (emoji, elongation, caps,
Markdown quotes) and the odd long post, about a handful of invented products. With
``shared=True`` and ``../shared/eval`` present, real review sentences from the annotated corpora
are mixed in (read there, never copied into the project).
"""

from __future__ import annotations

import html
import json
import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"

PRODUCTS = ["Aurora X2", "Nova 9", "Tidy Notes", "Starfall Tactics"]
ASPECTS = [
    "battery", "screen", "camera", "price", "speakers", "keyboard", "sync", "app", "update",
    "customer support", "build quality", "fan noise", "charger", "performance", "multiplayer",
    "graphics", "hinge", "trackpad", "notifications", "search", "storage", "design", "menu",
]  # fmt: skip
GOOD = ["great", "amazing", "solid", "fast", "gorgeous", "reliable", "excellent", "smooth", "nice"]
BAD = ["awful", "terrible", "slow", "dull", "flimsy", "buggy", "overpriced", "weak", "useless"]
TEMPLATES = [
    "The {a} is {g}.",
    "The {a} is {b}.",
    "I love the {a}.",
    "I hate the {a}, honestly.",
    "Great {a} but {b} {a2}.",
    "Although the {a} is {b}, the {a2} is {g}.",
    "The {a} and the {a2} are {g}.",
    "The {a} is not {g} at all.",
    "No issues with the {a} so far.",
    "The {a} keeps crashing after the update.",
    "The {a} stopped working after a week.",
    "Would not recommend the {a}.",
    "The {a} feels kind of {b} to me.",
    "The {a} is extremely {g}!",
    "Is the {a} any good?",
    "I wish the {a} were {g}.",
    "People say the {a} overheats.",
    "{P}'s {a} is better than {Q}'s.",
    "Sooo {g} {a} 😍",
    "THE {A} IS {B}!!!",
    "> the {a} is {b}\n\nNot in my experience, it's {g}.",
    "I bought it last month for my daughter.",
    "Shipping took about four days.",
    "Has anyone tried it with the new firmware?",
    "Here is my full review after {n} weeks of daily use.",
    "Honestly I expected more from {P}.",
]


def _sentence(rng: random.Random) -> str:
    template = rng.choice(TEMPLATES)
    a, a2 = rng.sample(ASPECTS, 2)
    p, q = rng.sample(PRODUCTS, 2)
    g, b = rng.choice(GOOD), rng.choice(BAD)
    return template.format(
        a=a, a2=a2, g=g, b=b, P=p, Q=q, A=a.upper(), B=b.upper(), n=rng.randint(2, 12)
    )


def _shared_sentences() -> list[str]:
    """Review sentences from the SemEval files in ../shared/eval, where present."""
    sentences: list[str] = []
    for path in sorted(SHARED_EVAL.rglob("*.xml")):
        text = path.read_text(encoding="utf-8", errors="replace")
        sentences += [re.sub(r"\s+", " ", s) for s in re.findall(r"<text>(.*?)</text>", text)]
    return [html.unescape(s) for s in sentences]


#: Real game reviews with their writers' thumbs (third-party, read in place, never copied).
STEAM_DEV = ROOT.parent / "shared" / "fixtures" / "steam_dev"


def steam_reviews(n: int, seed: int = 7) -> list[str]:
    """``n`` English reviews of ../shared/fixtures/steam_dev drawn with a fixed seed, as the
    Steam source cleans them; empty where the folder is absent."""
    from pipeline.evaluate import read_steam_reviews

    reviews = [
        text
        for path in sorted(STEAM_DEV.glob("*.json"))
        for text, _ in read_steam_reviews(path)
        if text.strip()
    ]
    return random.Random(seed).sample(reviews, min(n, len(reviews))) if reviews else []


#: Mix in sentences from ../shared/eval where present (``python -m bench --shared``).
USE_SHARED = False


def texts(
    n: int, seed: int = 7, shared: bool | None = None, long_every: int = 200, short: bool = False
) -> Iterator[str]:
    """``n`` post texts: 1 to 12 sentences (about 45 words on average), now and then a long
    review of 60 sentences; ``short`` gives one sentence each (for the memory benchmark)."""
    rng = random.Random(seed)
    real = _shared_sentences() if (USE_SHARED if shared is None else shared) else []
    for i in range(n):
        count = 1 if short else rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12])
        if long_every and not short and i % long_every == long_every - 1:
            count = 60  # a long review
        parts = [
            rng.choice(real) if real and rng.random() < 0.5 else _sentence(rng)
            for _ in range(count)
        ]
        yield " ".join(parts)


def write_jsonl(
    path: Path, n: int, seed: int = 7, shared: bool | None = None, short: bool = False
) -> Path:
    """Write ``n`` posts as the ``file`` source's JSON lines; return the path."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rng = random.Random(seed + 1)
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(texts(n, seed, shared, short=short)):
            created = start + timedelta(minutes=i * 7 + rng.randint(0, 6))
            post: dict[str, object] = {"id": f"b{i}", "text": text}
            post["created_at"] = created.isoformat()
            if i % 3 == 0:
                post["rating"] = rng.randint(1, 5)
            out.write(json.dumps(post, ensure_ascii=False) + "\n")
    return path


def prose(characters: int, seed: int = 9) -> str:
    """One post of ``characters`` characters of review prose: sentences, now and then a
    paragraph break."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < characters:
        sentence = _sentence(rng) + ("\n\n" if rng.random() < 0.1 else " ")
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts)[:characters]
