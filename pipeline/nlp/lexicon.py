"""Polarity lexicon: VADER's social-media lexicon, the project's domain entries, and cue words."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

#: Verbs whose subject is criticised by the event itself ("the app crashes").
COMPLAINT_VERBS = frozenset(
    "crash freeze lag stutter overheat break die drain disconnect fail glitch hang "
    "leak rattle brick reboot restart flicker squeak desync malfunction crack jam snap fry "
    "stick hurt "
    # noises a part should not make: "the speaker crackles", "the fan hisses"
    "crackle hiss "
    # "it wobbles on a table", "the stand wobbles"
    "wobble "
    # "the servers are struggling", "the phone struggles with games"
    "struggle "
    # what staff do wrong: "the staff ignored us", "the waiter forgot our drinks"
    "ignore neglect forget overcharge".split()
)
#: Verb and particle (or state) that together complain: "the fan blade fell apart", "the
#: battery gave out", "the screen went black", "the keyboard locked up".
COMPLAINT_PHRASES = frozenset(
    {
        ("go", "out"),
        ("go", "black"),
        ("go", "blank"),
        ("go", "dead"),
        ("go", "dark"),
        ("go", "bad"),
        ("go", "haywire"),
        ("turn", "black"),
        ("lock", "up"),
        ("act", "up"),
        ("switch", "off"),  # "the screen switched off" by itself (people switch it off)
        ("shut", "down"),
        ("shut", "off"),
        ("short", "out"),
        ("fall", "apart"),
        ("come", "apart"),
        ("fall", "off"),
        ("peel", "off"),
        ("give", "out"),
        ("wear", "out"),
        ("wear", "off"),  # "the paint wears off", "the letters on the keys wore off"
        ("rub", "off"),
        ("burn", "out"),
        ("conk", "out"),
        ("crap", "out"),
        ("break", "down"),
        ("heat", "up"),  # "the phone heats up during calls" (not "they heated up the soup")
    }
)
#: What a device or game should keep, whose loss is a fault of the subject: "the GPS kept
#: losing signal", "the phone loses charge overnight", "the game lost my save" (looked up by
#: word and by lemma: the tagger makes "data" a plural of "datum").
LOST_THINGS = frozenset(
    "signal connection charge reception wifi data progress save settings".split()
)
#: A complaint verb with a particle, or the words right after it, that make it something
#: else: "cracks me up" (laughter), "hanging in there", "we hang out there".
NOT_COMPLAINT_PHRASES = frozenset(
    {("crack", "up"), ("hang", "in there"), ("hang", "out"), ("break", "even")}
)
#: What can be down or offline, which is an outage: "the servers are down", "site offline".
SERVICE_NOUNS = frozenset(
    "server site website service network wifi internet login store api backend cloud sync "
    "matchmaking multiplayer".split()
)
#: What no one wants to happen, easy as it may be: "easy to scratch", "easy to misdial" ("easy
#: to lose" and "easy to overlook" may praise: "easy to lose yourself in", "flaws easy to
#: overlook"; the adjective rules leave them alone).
MISHAPS = frozenset("scratch scuff smudge dent misdial mistype misplace knock drop confuse".split())
#: Adjectives of how easy, quick or pleasant something is to do, and how good that is: their
#: activity is an aspect ("easy to use", "quick to set up", "slow to boot up", "hard to read",
#: "fun to play"). Their own sense elsewhere may be neutral ("a simple design", "a hard case").
EASE_ADJECTIVES = {
    **dict.fromkeys(
        "easy simple straightforward effortless painless intuitive quick fast fun enjoyable "
        "comfortable convenient pleasant".split(),
        1.5,
    ),
    **dict.fromkeys(
        "hard difficult tricky painful cumbersome confusing slow awkward annoying frustrating "
        "challenging "
        "uncomfortable".split(),
        -1.5,
    ),
}
#: Nouns that judge what they are of: "the ease of use", "the beauty of the design", "the
#: hassle of the setup", "a big fan of the burgers" ("not a fan of the sauce" is a con).
JUDGING_NOUNS = {
    **dict.fromkeys("ease convenience simplicity beauty elegance comfort joy fan".split(), 1.5),
    **dict.fromkeys("hassle pain nuisance".split(), -1.5),
}
#: Nouns whose predicate is judged by them: "the only problem is the battery" (a con),
#: "the one upside is the price" (a pro).
VERDICT_NOUNS = {
    "problem": -1.8,
    "issue": -1.8,
    "complaint": -1.8,
    "gripe": -1.8,
    "downside": -1.8,
    "drawback": -1.8,
    "negative": -1.5,
    "con": -1.5,
    "flaw": -1.8,
    "downfall": -1.8,
    "fallback": -1.8,  # misused for "drawback": "the only fallback is the prices"
    "shortcoming": -1.8,
    "weakness": -1.8,
    "letdown": -1.8,
    "disappointment": -1.8,  # "my one disappointment so far is the battery"
    "upside": 1.8,
    "plus": 1.8,
    "advantage": 1.8,
    "highlight": 2.0,
}
#: Nouns that judge the subject they are said of, where the lexicons have no entry or the
#: everyday sense differs: "Vista is a nightmare", "the keyboard is a joke" (VADER: a joke is
#: fun), "it was a steal" (VADER: stealing is bad), "setup was a breeze", "this place is a gem".
PREDICATE_NOUNS = {
    **dict.fromkeys("nightmare joke lemon ripoff junk headache letdown".split(), -2.0),
    **dict.fromkeys("gem breeze keeper bargain steal winner dream workhorse".split(), 2.0),
    # "setup was a cinch", "pairing is a snap", "the update was a pain", "a hassle to set up"
    **dict.fromkeys("cinch snap".split(), 2.0),
    **dict.fromkeys("pain hassle chore".split(), -1.8),
    "hog": -1.8,  # "the app is a battery hog", "a resource hog"
    # "the new UI is a downgrade", "the new version is a huge upgrade"
    "downgrade": -2.0,
    "upgrade": 1.8,
    "fire": 2.5,  # slang: "this game is fire" (VADER: a blaze); "the bomb": grammar.py
    # a plus or a minus: "the screen is a huge plus", "the zoom is a big minus"
    **dict.fromkeys("plus bonus upside advantage highlight".split(), 1.8),
    **dict.fromkeys("minus downside drawback disadvantage disappointment".split(), -1.8),
}
#: Nouns that are a verdict on their own, as a line or after "but": "Fun.", "So much fun",
#: "Garbage.", "laggy but fun", "Masterpiece" (the predicate nouns above too: "Total ripoff").
VERDICT_LINE_NOUNS = frozenset("fun garbage trash crap masterpiece disappointment".split())
#: What a customer who leaves does to the product: "Cancelled my subscription.", "I returned
#: it for a refund", "Uninstalled the app." (cons of the product as a whole).
CHURN_VERBS = frozenset({"cancel", "uninstall", "return", "refund", "delete"})
#: What they do it to: the product, its subscription or order.
CHURNED = frozenset({"subscription", "order", "preorder", "membership", "account", "it", "this"})
#: Verbs that harm their object: "the update ruined the battery" (not "kill" or "destroy",
#: which games use for play: "kill the medic", "destroyed your killstreak").
DAMAGE_VERBS = frozenset({"ruin", "wreck"})
#: Verbs that stop a good event: "stopped charging", "quit working".
STOP_VERBS = frozenset({"stop", "quit", "cease"})
#: Verbs that repeat an event: "keeps crashing" is a complaint, as "crashes" is.
REPEAT_VERBS = frozenset({"keep", "continue", "start", "begin"})
#: Events that are good when they happen and bad when they stop.
WORKING_VERBS = frozenset(
    {"work", "charge", "connect", "load", "sync", "run", "launch", "open", "hold", "boot"}
    # what support should do: "support never replied", "did not respond to my emails"
    | {"reply", "respond", "answer"}
)
#: Verb and particle that together are such an event: "would not turn on", "the keyboard
#: doesn't light up", "stopped powering on".
WORKING_PHRASES = frozenset(
    {("turn", "on"), ("power", "on"), ("power", "up"), ("light", "up"), ("boot", "up")}
)
#: Verbs of how a thing does its job, whose manner adverb judges it: "runs smoothly", "has
#: aged well".
FUNCTION_VERBS = WORKING_VERBS | frozenset(
    "perform operate handle respond boot start play stream print scroll render type cook "
    "serve prepare deliver ship arrive come age "
    # "we were seated promptly": how the restaurant seats its guests
    "seat".split()
)
#: Adverbs of how well a thing was made or done, before its participle: "well prepared",
#: "cheaply made", "a poorly designed menu", "reasonably priced".
MANNER_ADVERBS = {
    **dict.fromkeys(
        "well nicely beautifully perfectly expertly wonderfully brilliantly superbly lovingly "
        "carefully thoughtfully elegantly excellently flawlessly reasonably fairly".split(),
        1.5,
    ),
    **dict.fromkeys(
        "poorly badly terribly horribly cheaply shoddily sloppily awfully".split(), -1.5
    ),
}
#: Adjectives that name the aspect they judge, with its key and the word's valence: said of
#: the product as a whole, "it is way too expensive" is about the price, "Great laptop, but
#: heavy" about the weight. Only words whose aspect does not depend on the product: "cheap"
#: (a price or the build), "small", "light", "loud" and "quiet" (a fan or the speakers) are
#: left out.
IMPLIED_ASPECTS: dict[str, tuple[str, float]] = {
    "expensive": ("price", -1.2),
    "pricey": ("price", -1.2),
    "overpriced": ("price", -2.2),
    "costly": ("price", -1.2),
    "inexpensive": ("price", 1.5),
    "affordable": ("price", 1.8),
    "laggy": ("performance", -2.2),
    "sluggish": ("performance", -2.0),
    "slow": ("performance", -1.8),
    "snappy": ("performance", 2.0),
    "speedy": ("performance", 1.8),
    "fast": ("performance", 1.8),
    "responsive": ("performance", 1.8),
    "heavy": ("weight", -1.2),
    "lightweight": ("weight", 1.2),
    "noisy": ("noise", -1.5),
    "bulky": ("size", -1.2),
    "compact": ("size", 1.2),
}
#: A verb and the word after it that judge the verb's subject: "the matchmaking takes
#: forever", "the soups hit the spot".
VERB_IDIOMS = {
    ("take", "forever"): -1.8,
    ("take", "ages"): -1.8,
    ("take", "eternity"): -1.8,
    ("take", "while"): -1.2,  # "the app takes a while to load"
    ("take", "getting"): -1.0,  # "the keyboard takes some getting used to"
    ("hit", "spot"): 2.0,
    ("save", "time"): 1.8,  # "templates save me so much time"
    ("waste", "time"): -1.8,  # "the new onboarding wastes my time"
    ("kick", "ass"): 2.5,  # slang: "this camera kicks ass" (VADER: "ass" is a con)
    ("kick", "butt"): 2.5,
    ("catch", "fire"): -2.8,  # "the charger caught fire"
    ("live", "up"): 1.8,  # "lives up to the hype"; "does not live up to its reviews"
    ("need", "work"): -1.5,  # "the UI needs work"
    ("need", "buff"): -1.5,  # game balance: "the tank class needs a buff" (too weak)
    ("need", "nerf"): -1.5,  # (too strong)
    ("hit", "miss"): -1.5,  # "the AI summaries are hit or miss"
    ("do", "right"): 2.0,  # "microtransactions done right", "the multiplayer is done right"
    ("go", "above"): 2.5,  # "the staff went above and beyond"
}
#: Verbs that carry the speaker's attitude to their object ("I love the camera").
OPINION_VERBS = {
    "love": 3.0,
    "adore": 3.0,
    "like": 1.8,
    "enjoy": 2.2,
    "appreciate": 2.0,
    "recommend": 2.0,
    "suggest": 1.8,  # "I would suggest the lamb"
    # as often misspelt in posts: "10/10 would reccomend", "wouldn't recomend it"
    **dict.fromkeys("reccomend recomend reccommend recommand recommed".split(), 2.0),
    "hate": -3.0,
    "dislike": -2.0,
    "despise": -3.0,
    "regret": -2.0,
    "miss": -1.2,
}
#: Verbs of advice to the reader, in the imperative: "try the pad thai", "skip dessert".
ADVICE_VERBS = {"try": 1.5, "order": 1.5, "avoid": -1.8, "skip": -1.5}
#: Verbs whose subject causes the feeling: "the screen impressed me", "the support stinks".
STIMULUS_VERBS = {
    "impress": 2.0,
    "amaze": 2.5,
    "delight": 2.5,
    "rock": 2.5,
    "excel": 2.0,
    "disappoint": -2.0,
    "frustrate": -2.0,
    "annoy": -1.8,
    "irritate": -1.8,
    "suck": -2.5,
    "stink": -2.5,
    "slap": 2.0,  # slang, without an object: "the soundtrack slaps"
    "rule": 2.0,  # "the food options rule"
}
#: Stimulus verbs that judge only without an object: "the soundtrack slaps", not "the game
#: slaps you with ads"; "the food options rule", not "who rules the server".
OBJECTLESS_STIMULUS_VERBS = frozenset({"slap", "rule"})
#: Adjectives of the writer's feeling, whose prepositional object is what caused it:
#: "happy with the screen", "disappointed in the battery", "addicted to the game".
#: Their own valence, since the lexicons score some as a trait of a person ("addicted").
EXPERIENCER_ADJECTIVES = {
    "happy": 2.5,
    "pleased": 2.0,
    "satisfied": 1.8,
    "impressed": 2.0,
    "thrilled": 2.5,
    "delighted": 2.5,
    "amazed": 2.2,
    "addicted": 1.5,
    "hooked": 1.5,
    "fond": 1.8,
    "crazy": 2.0,  # "crazy about the sushi"; without its object, no feeling is read
    "partial": 1.5,  # "partial to the gnocchi"
    "glad": 2.0,
    "disappointed": -2.0,
    "dissatisfied": -2.0,
    "unhappy": -2.0,
    "unimpressed": -1.8,
    "frustrated": -2.0,
    "annoyed": -1.8,
    "upset": -2.0,
    "angry": -2.2,
    "disgusted": -2.5,
    "tired": -1.2,
    "sick": -1.5,
}
#: Verbs of getting the product: a feeling about buying it is about what was bought.
PURCHASE_VERBS = frozenset({"buy", "purchase", "get", "choose", "pick", "order", "upgrade"})
#: Verbs of using a thing, whose object a feeling about using it judges: "I love playing it",
#: "we enjoy using the app", "I regret watching this series" (as a gerund only: "I'd love to
#: play it" is a wish).
USE_VERBS = frozenset({"play", "use", "watch", "read", "eat", "drive", "wear", "own", "replay"})
#: Prepositions that introduce the cause of a feeling.
EXPERIENCER_PREPOSITIONS = frozenset({"with", "by", "in", "about", "of", "to", "at"})
#: "lacks a backlit keyboard", "a lack of ports": what is missing is a con.
LACK_WORDS = frozenset({"lack"})
#: Nouns of trouble: "no issues with the battery" is a pro, "issues with the battery" a con.
TROUBLE_NOUNS = frozenset(
    "issue problem bug complaint glitch crash lag trouble flaw defect drain".split()
)
#: What a product or a game should not be full of: "the lobby is full of bots", "full of ads".
PEST_NOUNS = frozenset("bot ad hacker cheater scammer spammer troll smurf".split())
INTENSIFIERS = frozenset(
    "very really extremely super so too incredibly insanely absolutely totally "
    "ridiculously seriously crazy hella mega damn".split()
)
HEDGES = frozenset("bit little slightly somewhat kinda kind sort fairly rather pretty".split())
NEGATIONS = frozenset(
    "not n't never no neither nor hardly barely scarcely without nothing none "
    "aint cant dont doesnt didnt isnt wasnt wont wouldnt".split()
)
#: Emoji that state an opinion when they stand for the predicate ("camera is 🔥").
#: Left out on purpose: 💀 and 😭 (as often laughter as grief), 😂 (laughter).
EMOJI = {
    "🔥": 2.0,
    "😍": 2.5,
    "🥰": 2.5,
    "❤️": 2.5,
    "❤": 2.5,
    "💯": 2.0,
    "👍": 1.8,
    "👌": 1.8,
    "🙌": 1.8,
    "👎": -1.8,
    "🤮": -2.5,
    "💩": -2.5,
    "😡": -2.5,
    "🤬": -2.5,
    "🙄": -1.5,
    "😒": -1.5,
    "🗑️": -2.0,
    "🗑": -2.0,
}
#: Verbs of hearsay in their inflected forms, matched on the word so no lemma is read.
HEARSAY_FORMS = frozenset(
    "say says said saying hear hears heard hearing claim claims claimed claiming "
    "rumor rumors rumored rumour rumours rumoured report reports reported reporting "
    "complain complains complained complaining".split()
)
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


#: An adjective from the TextBlob (pattern) lexicon counts when its senses agree this much:
#: mean polarity at least this far from zero, and mean subjectivity at least this high.
ADJECTIVE_POLARITY = 0.5
ADJECTIVE_SUBJECTIVITY = 0.6


@lru_cache(maxsize=1)
def _textblob_words() -> tuple[tuple[str, str, float, float], ...]:
    """(form, part of speech, polarity, subjectivity) of each sense in TextBlob's lexicon."""
    import xml.etree.ElementTree as ET

    path = resources.files("textblob").joinpath("en", "en-sentiment.xml")
    return tuple(
        (
            (word.get("form") or "").lower(),
            word.get("pos") or "",
            float(word.get("polarity", 0)),
            float(word.get("subjectivity", 0)),
        )
        for word in ET.fromstring(path.read_text(encoding="utf-8")).iter("word")
    )


@lru_cache(maxsize=1)
def adjectives_only() -> frozenset[str]:
    """Words TextBlob's lexicon knows only as adjectives ("classy", not "sound" or "fun")."""
    tags: dict[str, set[str]] = {}
    for form, pos, _, _ in _textblob_words():
        tags.setdefault(form, set()).add(pos)
    return frozenset(form for form, pos in tags.items() if pos == {"JJ"})


def _read_adjectives() -> dict[str, float]:
    """Subjective adjectives from TextBlob's lexicon (De Smedt & Daelemans), scaled to -4..4."""
    senses: dict[str, list[tuple[float, float]]] = {}
    for form, _, polarity, subjectivity in _textblob_words():
        senses.setdefault(form, []).append((polarity, subjectivity))
    table = {}
    for form, values in senses.items():
        polarity = sum(p for p, _ in values) / len(values)
        subjectivity = sum(s for _, s in values) / len(values)
        if abs(polarity) >= ADJECTIVE_POLARITY and subjectivity >= ADJECTIVE_SUBJECTIVITY:
            table[form] = round(4 * polarity, 2)
    return table


@lru_cache(maxsize=1)
def domain_words() -> frozenset[str]:
    """The words of the project's own review lexicon ("rushed", "undercooked", "cramped")."""
    return frozenset(_read_table("pipeline.nlp", "domain_lexicon.txt"))


@lru_cache(maxsize=1)
def valences() -> dict[str, float]:
    """Word -> valence in [-4, 4].

    VADER's social-media lexicon first, subjective adjectives it lacks from TextBlob's lexicon,
    and the project's domain entries over both.
    """
    table = _read_adjectives()
    table.update(_read_table("vaderSentiment", "vader_lexicon.txt"))
    table.update(_read_table("pipeline.nlp", "domain_lexicon.txt"))
    return table


#: Weaker words ("hard" -0.4, "fan" 1.3 in VADER) describe more often than they judge.
MIN_VALENCE = 1.0


def valence(*forms: str) -> float:
    """Valence of the first form found, trying each also with elongation undone ("sooo"),
    then the first as a misspelling ("delcious").

    Words weaker than MIN_VALENCE count as neutral.
    """
    for form in forms:
        value = _form_valence(form.lower())
        if value is not None:
            return value
    return _misspelled_valence(forms[0].lower()) if forms else 0.0


@lru_cache(maxsize=1 << 16)
def _form_valence(word: str) -> float | None:
    """One lower-cased form's valence, None when no lexicon has it (cached: rules ask often)."""
    table = valences()
    candidates = [word]
    if _ELONGATION.search(word):
        candidates += [_ELONGATION.sub(r"\1\1", word), _ELONGATION.sub(r"\1", word)]
    if "our" in word:
        candidates.append(word.replace("our", "or"))  # British spelling: "favourite", "humour"
    for candidate in candidates:
        if candidate in table:
            value = table[candidate]
            return value if abs(value) >= MIN_VALENCE else 0.0
    if word.startswith("un") and len(word) >= 7 and word not in _UN_WORDS:
        stem = _form_valence(word[2:])  # "unaccommodating", "unsatisfactory", "unpretentious"
        return -stem if stem else None
    if (base := _COMPARED.sub("y", word)) != word and base in valences():
        # "crispier", "buggiest": a comparative the tagger took for a noun, so not lemmatized
        return _form_valence(base)
    if len(word) >= 7 and word.endswith("est"):
        # "freshest", "cleanest", "nicest", "hottest": a superlative the tagger left unlemmatized
        plain = word[:-3]
        for base in (plain, plain + "e", plain[:-1] if plain[-1:] == plain[-2:-1] else plain):
            if base in table:
                return _form_valence(base)
    return None


#: The ending of a comparative or superlative of an adjective in "-y" ("crispier", "laggiest").
_COMPARED = re.compile(r"(?<=[a-z]{3})ie(?:r|st)$")


#: Words in "un" that do not say the opposite of the rest: "unable to", "unlike the old one".
_UN_WORDS = frozenset({"unable", "unlike", "unlikely", "unacquainted", "undetermined"})


@lru_cache(maxsize=1 << 14)
def misspelt_opinion(word: str) -> bool:
    """Whether the word is no lexicon's but an opinion word misspelt ("disapointing"), which the
    tagger, not knowing it, may take for a noun or a verb."""
    return _form_valence(word) is None and bool(_misspelled_valence(word))


#: Misspellings are only read in words this long: shorter ones are a letter from too many.
MIN_MISSPELLED = 6
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1 << 14)
def _misspelled_valence(word: str) -> float:
    """The valence of the opinion word one typo away ("delcious", "awsome", "horible").

    Only for words that are no English word themselves (so "nasty" is never read as "tasty"),
    when no commoner word is as close ("becase" is "because", not "debase"), no degree word is
    ("preety" is "pretty"), and every opinion word that close agrees on the sign.
    """
    words = known_words()
    if len(word) < MIN_MISSPELLED or not word.isalpha() or _is_known(word, words):
        return 0.0
    table = valences()
    edits = _one_edit(word)
    if not edits.isdisjoint(_DEGREE_WORDS):
        return 0.0  # "preety bad" is "pretty bad", a degree, whatever else it is close to
    opinions = {e: table[e] for e in edits if e in table and abs(table[e]) >= MIN_VALENCE}
    if not opinions:
        # Doubled letters written single or single ones doubled, however many: "dissapointing",
        # "excelent", "accomodating".
        return _undoubled().get(_DOUBLED.sub(r"\1", word), 0.0)
    if min(opinions.values()) < 0 < max(opinions.values()):
        return 0.0
    commonest = max(words.get(e, 0) for e in opinions)
    if any(count > commonest for e in edits - opinions.keys() if (count := words.get(e, 0))):
        return 0.0
    return min(opinions.values(), key=abs)


_DOUBLED = re.compile(r"(\w)\1+")
_DEGREE_WORDS = INTENSIFIERS | HEDGES


@lru_cache(maxsize=1)
def _undoubled() -> dict[str, float]:
    """Opinion words keyed by their spelling with every doubled letter written once; a key two
    opinion words of opposite sign share is left out."""
    found: dict[str, list[float]] = {}
    for word, value in valences().items():
        if abs(value) >= MIN_VALENCE and word.isalpha() and len(word) >= MIN_MISSPELLED:
            found.setdefault(_DOUBLED.sub(r"\1", word), []).append(value)
    return {
        key: min(values, key=abs)
        for key, values in found.items()
        if not min(values) < 0 < max(values)
    }


#: Endings of inflected forms the word list may lack, and what the stem ends with instead.
_INFLECTIONS = (
    ("iest", "y"),
    ("ier", "y"),
    ("ies", "y"),
    ("ied", "y"),
    ("est", ""),
    ("est", "e"),
    ("er", ""),
    ("er", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
)


def _is_known(word: str, words: dict[str, int]) -> bool:
    """An English word, or an inflection of one or of an opinion word ("tastier")."""
    table = valences()
    return word in words or any(
        word.endswith(ending) and (base in words or base in table)
        for ending, stem in _INFLECTIONS
        for base in _bases(word[: -len(ending)] + stem)
    )


def _bases(stem: str) -> tuple[str, ...]:
    """A stem, and without its doubled last letter: "tagg" of "tagging" is "tag"."""
    if len(stem) > 2 and stem[-1] == stem[-2]:
        return stem, stem[:-1]
    return (stem,)


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, swap, replacement or insertion away (Norvig's edits1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(a + b[1:] for a, b in splits if b),
        *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
        *(a + c + b[1:] for a, b in splits if b for c in _LETTERS),
        *(a + c + b for a, b in splits for c in _LETTERS),
    }


@lru_cache(maxsize=1)
def known_words() -> dict[str, int]:
    """English words and their counts, from the list TextBlob's spelling corrector ships."""
    path = resources.files("textblob").joinpath("en", "en-spelling.txt")
    counts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith(";"):
            word, count = line.split()
            counts[word.lower()] = int(count)
    return counts


@lru_cache(maxsize=1 << 14)
def is_junk_word(word: str) -> bool:
    """Chat slang, an interjection, a function word without its apostrophe, or a misspelling
    of one ("sry", "xd", "af", "dosent", "becuase"): never an aspect. A misspelling is a word
    of five letters or more that no English list knows and one edit turns into a function
    word of five letters or more (shorter ones are one edit from too many real words:
    "bots", "both")."""
    from pipeline.nlp.aspects import FUNCTION_WORDS, MISSPELT_FUNCTION_WORDS, SLANG

    word = word.lower()
    if word in SLANG or word in FUNCTION_WORDS:
        return True
    if len(word) < 5 or word in known_words() or word in domain_words() or word in valences():
        return False
    return not MISSPELT_FUNCTION_WORDS.isdisjoint(_one_edit(word))


@lru_cache(maxsize=1 << 14)
def is_elongated(word: str) -> bool:
    return bool(_ELONGATION.search(word))


@lru_cache(maxsize=1 << 14)
def is_intensifier(word: str) -> bool:
    """An intensifier, also drawn out: "sooo", "Soo", "reallyyy", "veryyyy"."""
    return (
        word in INTENSIFIERS
        or _ELONGATION.sub(r"\1", word) in INTENSIFIERS
        or _ELONGATION.sub(r"\1\1", word) in INTENSIFIERS
        or bool(_DRAWN_OUT_SO.fullmatch(word))
    )


_DRAWN_OUT_SO = re.compile(r"s+o+", re.IGNORECASE)


def warm() -> None:
    """Read every table now rather than on the first word that needs it."""
    valences()
    domain_words()
    adjectives_only()
    known_words()
    _undoubled()
