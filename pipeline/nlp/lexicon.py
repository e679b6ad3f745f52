"""Polarity lexicon: VADER's social-media lexicon, the project's domain entries, and cue words."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

#: Verbs whose subject is criticised by the event itself ("the app crashes").
COMPLAINT_VERBS = frozenset(
    "crash freeze lag stutter overheat break die drain disconnect fail glitch hang "
    "leak rattle brick reboot restart flicker squeak desync".split()
)
#: Verbs that stop a good event: "stopped charging", "quit working".
STOP_VERBS = frozenset({"stop", "quit", "cease"})
#: Verbs that repeat an event: "keeps crashing" is a complaint, as "crashes" is.
REPEAT_VERBS = frozenset({"keep", "continue", "start", "begin"})
#: Events that are good when they happen and bad when they stop.
WORKING_VERBS = frozenset({"work", "charge", "connect", "load", "sync", "run", "launch", "open"})
#: Verbs that carry the speaker's attitude to their object ("I love the camera").
OPINION_VERBS = {
    "love": 3.0,
    "adore": 3.0,
    "like": 1.8,
    "enjoy": 2.2,
    "appreciate": 2.0,
    "recommend": 2.0,
    "hate": -3.0,
    "dislike": -2.0,
    "despise": -3.0,
    "regret": -2.0,
    "miss": -1.2,
}
#: Nouns of trouble: "no issues with the battery" is a pro, "issues with the battery" a con.
TROUBLE_NOUNS = frozenset("issue problem bug complaint glitch crash lag trouble".split())
INTENSIFIERS = frozenset(
    "very really extremely super so too incredibly insanely absolutely totally "
    "ridiculously seriously crazy hella mega damn".split()
)
HEDGES = frozenset("bit little slightly somewhat kinda kind sort fairly rather pretty".split())
NEGATIONS = frozenset(
    "not n't never no neither nor hardly barely scarcely without nothing none "
    "aint cant dont doesnt didnt isnt wasnt wont wouldnt".split()
)
HEARSAY_VERBS = frozenset({"say", "hear", "claim", "rumor", "rumour", "report"})
WISH_VERBS = frozenset({"wish", "hope"})

_ELONGATION = re.compile(r"(\w)\1{2,}")


def _read_table(package: str, name: str) -> dict[str, float]:
    table: dict[str, float] = {}
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, valence, *_ = line.split("\t")
        table[word.lower()] = float(valence)
    return table


@lru_cache(maxsize=1)
def valences() -> dict[str, float]:
    """Word -> valence in [-4, 4]: VADER's lexicon, overridden by the domain entries."""
    table = _read_table("vaderSentiment", "vader_lexicon.txt")
    table.update(_read_table("pipeline.nlp", "domain_lexicon.txt"))
    return table


def valence(*forms: str) -> float:
    """Valence of the first form found, trying each also with elongation undone ("sooo")."""
    table = valences()
    for form in forms:
        word = form.lower()
        if word in table:
            return table[word]
        if _ELONGATION.search(word):
            for collapsed in (_ELONGATION.sub(r"\1\1", word), _ELONGATION.sub(r"\1", word)):
                if collapsed in table:
                    return table[collapsed]
    return 0.0


def is_elongated(word: str) -> bool:
    return bool(_ELONGATION.search(word))
