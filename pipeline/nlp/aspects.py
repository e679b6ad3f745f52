"""Aspect normalisation: the key an aspect is counted under."""

from __future__ import annotations

#: Words for the product itself: an opinion on "the game" or "this phone" is about it overall.
PRODUCT_NOUNS = frozenset(
    "game app application phone product device software tool service program thing "
    "purchase buy".split()
)
#: Nouns that are not aspects of a product, whatever is said about them.
NOT_ASPECTS = frozenset(
    "lot time day week month year way people guy guys someone everyone anyone one ones "
    "bit kind sort stuff part end point reason today yesterday tomorrow moment minute "
    "hour hours lol lmao tbh imo idk thanks question review experience".split()
)
#: Synonyms grouped under one key. Keys are lemmas joined by spaces (so plurals are singular).
SYNONYMS = {
    "battery life": "battery",
    "cost": "price",
    "pricing": "price",
    "value": "price",
    "interface": "ui",
    "user interface": "ui",
    "menu": "ui",
    "customer service": "support",
    "customer support": "support",
    "visual": "graphics",
    "graphic": "graphics",
    "advert": "ad",
    "advertisement": "ad",
    "dev": "developer",
    "photo": "camera",
    "picture": "camera",
    "pic": "camera",
    "selfie": "camera",
    "display": "screen",
    "sound": "audio",
}

OVERALL = "overall"


def aspect_key(lemmas: list[str]) -> str:
    """Normalise an aspect's lemmas (compounds first, head last) to its key."""
    words = [w.lower().strip(".,!?;:'\"") for w in lemmas if w.strip()]
    phrase = " ".join(w for w in words if w)
    if not phrase:
        return ""
    if phrase in SYNONYMS:
        return SYNONYMS[phrase]
    head = words[-1]
    if head in PRODUCT_NOUNS and len(words) == 1:
        return OVERALL
    return SYNONYMS.get(phrase, phrase)
