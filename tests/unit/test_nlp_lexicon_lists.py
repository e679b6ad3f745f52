"""Each entry of the project's own polarity lists decides an opinion in an example.

The issue asks that every entry of the domain lists be justified by examples in tests:
``domain_lexicon.txt`` carries its examples itself (``test_domain_lexicon__...`` in
``test_nlp_rules.py``); the lists in ``pipeline/nlp/lexicon.py`` that make complaints, troubles
and verdicts have theirs here, and a list cannot gain an entry without one.
"""

from __future__ import annotations

import pytest

from pipeline.nlp import lexicon
from pipeline.nlp.rules.grammar import ASPECT_ADJECTIVES
from pipeline.nlp.rules.phrases import IDIOMS

CON, PRO = "con", "pro"


@pytest.fixture(scope="session")
def nlp(rules_nlp):  # type: ignore[no-untyped-def]
    """The rules alone: each example here pins down what the rules read."""
    return rules_nlp


#: list name -> entry -> (example, the (aspect, polarity) pairs it gives).
EXAMPLES: dict[str, dict[object, tuple[str, set[tuple[str, str]]]]] = {
    "COMPLAINT_VERBS": {
        "break": ("The hinge broke after two days.", {("hinge", CON)}),
        "brick": ("The router bricked after the update.", {("router", CON)}),
        "crack": ("The screen cracked from a short drop.", {("screen", CON)}),
        "crackle": ("The speaker crackles at high volume.", {("speaker", CON)}),
        "crash": ("The camera app crashes on launch.", {("camera app", CON)}),
        "desync": ("The audio keeps desyncing.", {("audio", CON)}),
        "die": ("The battery died after a year.", {("battery", CON)}),
        "disconnect": ("The headphones keep disconnecting.", {("headphone", CON)}),
        "drain": ("The battery drains fast.", {("battery", CON)}),
        "fail": ("The hard drive failed after a month.", {("hard drive", CON)}),
        "flicker": ("The screen flickers at low brightness.", {("screen", CON)}),
        "forget": ("The waiter forgot our drinks.", {("waiter", CON)}),
        "freeze": ("The tablet freezes constantly.", {("overall", CON)}),
        "fry": ("The motherboard fried after a week.", {("motherboard", CON)}),
        "glitch": ("The map glitches when I zoom.", {("map", CON)}),
        "hang": ("The browser hangs on startup.", {("browser", CON)}),
        "hiss": ("The fan hisses under load.", {("fan", CON)}),
        "hurt": ("The keyboard hurts my wrists.", {("keyboard", CON)}),
        "ignore": ("The staff ignored us.", {("staff", CON)}),
        "jam": ("The printer jams every few pages.", {("printer", CON)}),
        "lag": ("The game lags in big fights.", {("overall", CON)}),
        "leak": ("The lid leaks.", {("lid", CON)}),
        "malfunction": ("The sensor malfunctioned after a week.", {("sensor", CON)}),
        "neglect": ("The developers neglected the console version.", {("developer", CON)}),
        "overcharge": ("The waiter overcharged us.", {("waiter", CON)}),
        "overheat": ("The charger overheats.", {("charger", CON)}),
        "rattle": ("The fan rattles at full speed.", {("fan", CON)}),
        "reboot": ("The tablet reboots randomly.", {("overall", CON)}),
        "restart": ("The phone restarts by itself.", {("overall", CON)}),
        "snap": ("The strap snapped after a month.", {("strap", CON)}),
        "squeak": ("The hinge squeaks.", {("hinge", CON)}),
        "stick": ("The keys stick periodically.", {("key", CON)}),
        "struggle": ("The phone struggles with games.", {("overall", CON)}),
        "stutter": ("The game stutters on my PC.", {("overall", CON)}),
        "wobble": ("The stand wobbles.", {("stand", CON)}),
    },
    "COMPLAINT_PHRASES": {
        ("act", "up"): ("My monitor has been acting up.", {("monitor", CON)}),
        ("break", "down"): ("The printer broke down after a month.", {("printer", CON)}),
        ("burn", "out"): ("The backlight burned out.", {("backlight", CON)}),
        ("come", "apart"): ("The sole came apart after a week.", {("sole", CON)}),
        ("conk", "out"): ("The battery conked out after a year.", {("battery", CON)}),
        ("crap", "out"): ("The fan crapped out.", {("fan", CON)}),
        ("fall", "apart"): ("The fan blade fell apart.", {("fan blade", CON)}),
        ("fall", "off"): ("The keycaps fall off.", {("keycap", CON)}),
        ("give", "out"): ("The hinge gave out.", {("hinge", CON)}),
        ("go", "bad"): ("The battery went bad after a year.", {("battery", CON)}),
        ("go", "black"): ("The screen goes black.", {("screen", CON)}),
        ("go", "blank"): ("The display went blank.", {("display", CON)}),
        ("go", "dark"): ("The screen went dark.", {("screen", CON)}),
        ("go", "dead"): ("The mouse went dead.", {("mouse", CON)}),
        ("go", "haywire"): ("The touchscreen went haywire.", {("touchscreen", CON)}),
        ("go", "out"): ("The screen goes completely out.", {("screen", CON)}),
        ("heat", "up"): ("The phone heats up during calls.", {("overall", CON)}),
        ("lock", "up"): ("The keyboard locked up.", {("keyboard", CON)}),
        ("peel", "off"): ("The paint peels off.", {("paint", CON)}),
        ("rub", "off"): ("The letters rub off.", {("letter", CON)}),
        ("short", "out"): ("The charger shorted out.", {("charger", CON)}),
        ("shut", "down"): ("The laptop shuts down randomly.", {("overall", CON)}),
        ("shut", "off"): ("The player shuts off by itself.", {("player", CON)}),
        ("switch", "off"): ("After 20 minutes the screen switched off.", {("screen", CON)}),
        ("turn", "black"): ("The screen turned black.", {("screen", CON)}),
        ("wear", "off"): ("The paint wears off.", {("paint", CON)}),
        ("wear", "out"): ("The buttons wore out.", {("button", CON)}),
    },
    "LOST_THINGS": {
        "charge": ("The phone loses charge overnight.", {("overall", CON)}),
        "connection": ("The router keeps losing connection.", {("router", CON)}),
        "data": ("The app lost my data.", {("overall", CON)}),
        "progress": ("The game lost my progress.", {("overall", CON)}),
        "reception": ("The phone loses reception in the subway.", {("overall", CON)}),
        "save": ("The game lost my save.", {("overall", CON)}),
        "settings": ("The app loses its settings after every update.", {("overall", CON)}),
        "signal": ("The GPS kept losing signal.", {("gps", CON)}),
        "wifi": ("The laptop keeps losing wifi.", {("overall", CON)}),
    },
    "TROUBLE_NOUNS": {
        "bug": ("There are bugs in the editor.", {("editor", CON)}),
        "complaint": ("No complaints with the battery.", {("battery", PRO)}),
        "crash": ("I had crashes with the camera app.", {("camera app", CON)}),
        "defect": ("There was a defect in the screen.", {("screen", CON)}),
        "drain": ("There is a drain on the battery.", {("battery", CON)}),
        "flaw": ("There is a major flaw in the design.", {("design", CON)}),
        "glitch": ("There are glitches in the map editor.", {("map editor", CON)}),
        "issue": ("No issues with the battery.", {("battery", PRO)}),
        "lag": ("There is lag in multiplayer.", {("multiplayer", CON)}),
        "problem": ("I had problems with the hinge.", {("hinge", CON)}),
        "trouble": ("I had trouble with the wifi.", {("wifi", CON)}),
    },
    "PEST_NOUNS": {
        "ad": ("The game is full of ads.", {("overall", CON)}),
        "bot": ("The lobby is full of bots.", {("lobby", CON)}),
        "cheater": ("Ranked is full of cheaters.", {("ranked", CON)}),
        "hacker": ("Casual is full of hackers.", {("casual", CON)}),
        "scammer": ("The trading hub is full of scammers.", {("trading hub", CON)}),
        "smurf": ("Ranked is full of smurfs.", {("ranked", CON)}),
        "spammer": ("The chat is full of spammers.", {("chat", CON)}),
        "troll": ("The forum is full of trolls.", {("forum", CON)}),
    },
    "EMOJI": {
        emoji: (f"The camera is {emoji}", {("camera", PRO if value > 0 else CON)})
        for emoji, value in lexicon.EMOJI.items()
    },
    "JUDGING_NOUNS": {
        "beauty": ("I love the beauty of the design.", {("beauty", PRO), ("design", PRO)}),
        "comfort": ("The comfort of the seats is great.", {("comfort", PRO), ("seating", PRO)}),
        "convenience": (
            "I appreciate the convenience of the app.",
            {("convenience", PRO), ("overall", PRO)},
        ),
        "ease": ("The ease of use is amazing.", {("use", PRO)}),
        "elegance": ("The elegance of the interface stands out.", {("ui", PRO)}),
        "fan": ("I am not a fan of the sauce.", {("sauce", CON)}),
        "hassle": ("The hassle of the setup put me off.", {("setup", CON)}),
        "joy": ("The joy of the combat keeps me playing.", {("combat", PRO)}),
        "nuisance": ("The nuisance of the ads ruins it.", {("ad", CON)}),
        "pain": ("The pain of the setup is real.", {("setup", CON)}),
        "simplicity": ("The simplicity of the menu is nice.", {("simplicity", PRO), ("menu", PRO)}),
    },
    "VERB_IDIOMS": {
        ("catch", "fire"): ("The charger caught fire.", {("charger", CON)}),
        ("do", "right"): ("The multiplayer is done right.", {("multiplayer", PRO)}),
        ("go", "above"): ("The staff went above and beyond.", {("staff", PRO)}),
        ("hit", "miss"): ("The AI summaries are hit or miss.", {("ai summary", CON)}),
        ("hit", "spot"): ("The soups hit the spot.", {("soup", PRO)}),
        ("kick", "ass"): ("This camera kicks ass.", {("camera", PRO)}),
        ("kick", "butt"): ("This phone really kicks butt.", {("overall", PRO)}),
        ("live", "up"): ("The sequel lives up to the hype.", {("sequel", PRO)}),
        ("need", "buff"): ("The tank class needs a buff.", {("tank class", CON)}),
        ("need", "nerf"): ("The sniper needs a nerf.", {("sniper", CON)}),
        ("need", "work"): ("The UI needs work.", {("ui", CON)}),
        ("save", "time"): ("The templates save me so much time.", {("template", PRO)}),
        ("take", "ages"): ("The update takes ages.", {("update", CON)}),
        ("take", "eternity"): ("The install takes an eternity.", {("install", CON)}),
        ("take", "forever"): ("The matchmaking takes forever.", {("matchmaking", CON)}),
        ("take", "getting"): ("The keyboard takes some getting used to.", {("keyboard", CON)}),
        ("take", "while"): ("The app takes a while to load.", {("overall", CON)}),
        ("waste", "time"): ("The onboarding wastes my time.", {("onboarding", CON)}),
    },
    "IMPLIED_ASPECTS": {
        word: (f"It is {word}.", {(aspect, PRO if value > 0 else CON)})
        for word, (aspect, value) in lexicon.IMPLIED_ASPECTS.items()
    },
    "OPINION_VERBS": {
        "adore": ("I adore the camera.", {("camera", PRO)}),
        "appreciate": ("I appreciate the dark mode.", {("dark mode", PRO)}),
        "despise": ("I despise the new launcher.", {("launcher", CON)}),
        "dislike": ("I dislike the keyboard.", {("keyboard", CON)}),
        "enjoy": ("I enjoy the campaign.", {("campaign", PRO)}),
        "hate": ("I hate the fan noise.", {("fan noise", CON)}),
        "like": ("I like the screen.", {("screen", PRO)}),
        "love": ("I love the camera.", {("camera", PRO)}),
        "miss": ("I miss the headphone jack.", {("headphone jack", CON)}),
        "reccomend": ("I reccomend the burger.", {("burger", PRO)}),
        "reccommend": ("I reccommend the burger.", {("burger", PRO)}),
        "recomend": ("I recomend the burger.", {("burger", PRO)}),
        "recommand": ("I recommand the burger.", {("burger", PRO)}),
        "recommed": ("I recommed the burger.", {("burger", PRO)}),
        "recommend": ("I would not recommend the charger.", {("charger", CON)}),
        "regret": ("I regret the extended warranty.", {("extended warranty", CON)}),
        "suggest": ("I suggest the tasting menu.", {("tasting menu", PRO)}),
    },
    "STIMULUS_VERBS": {
        "amaze": ("The camera amazed me.", {("camera", PRO)}),
        "annoy": ("The ads annoy me.", {("ad", CON)}),
        "delight": ("The desserts delighted us.", {("dessert", PRO)}),
        "disappoint": ("The battery disappointed me.", {("battery", CON)}),
        "excel": ("The camera excels in low light.", {("camera", PRO)}),
        "frustrate": ("The menus frustrate me.", {("menu", CON)}),
        "impress": ("The screen impressed me.", {("screen", PRO)}),
        "irritate": ("The notifications irritate me.", {("notification", CON)}),
        "rock": ("The soundtrack rocks.", {("soundtrack", PRO)}),
        "rule": ("The food options rule.", {("food option", PRO)}),
        "slap": ("The soundtrack slaps.", {("soundtrack", PRO)}),
        "stink": ("The customer service stinks.", {("customer service", CON)}),
        "suck": ("The battery sucks.", {("battery", CON)}),
    },
    "EXPERIENCER_ADJECTIVES": {
        word: (f"I am {word} with the camera.", {("camera", PRO if value > 0 else CON)})
        for word, value in lexicon.EXPERIENCER_ADJECTIVES.items()
    },
    "EASE_ADJECTIVES": {
        **{
            word: (f"It is {word} to set up.", {("set up", PRO if value > 0 else CON)})
            for word, value in lexicon.EASE_ADJECTIVES.items()
        },
        # "It is fast": the performance too; "is challenging" alone the tagger makes a verb
        "fast": ("The camera is fast to focus.", {("camera", PRO)}),
        "challenging": ("It is very challenging to set up.", {("set up", CON)}),
    },
    "MANNER_ADVERBS": {
        word: (f"The dish was {word} prepared.", {("dish", PRO if value > 0 else CON)})
        for word, value in lexicon.MANNER_ADVERBS.items()
    },
    "PREDICATE_NOUNS": {
        word: (f"The new keyboard is a {word}.", {("keyboard", PRO if value > 0 else CON)})
        for word, value in lexicon.PREDICATE_NOUNS.items()
    },
    "VERDICT_NOUNS": {
        word: (f"The only {word} is the battery.", {("battery", PRO if value > 0 else CON)})
        for word, value in lexicon.VERDICT_NOUNS.items()
    },
    "MISHAPS": {
        word: (f"The case is easy to {word}.", {("case", CON)}) for word in lexicon.MISHAPS
    },
    "SERVICE_NOUNS": {
        noun: (f"The {noun} is down again.", {(key, CON)})
        for noun, key in {
            "api": "api",
            "backend": "backend",
            "cloud": "cloud",
            "internet": "internet",
            "login": "login",
            "matchmaking": "matchmaking",
            "multiplayer": "multiplayer",
            "network": "network",
            "server": "server",
            "service": "service",
            "site": "site",
            "store": "store",
            "sync": "sync",
            "website": "website",
            "wifi": "wifi",
        }.items()
    },
    "WORKING_VERBS": {
        "answer": ("Support never answered.", {("support", CON)}),
        "boot": ("The laptop won't boot.", {("overall", CON)}),
        "charge": ("The phone does not charge.", {("overall", CON)}),
        "connect": ("The headphones never connect.", {("headphone", CON)}),
        "hold": ("The battery does not hold a charge.", {("battery", CON)}),
        "launch": ("The game won't launch.", {("overall", CON)}),
        "load": ("The map never loads.", {("map", CON)}),
        "open": ("The app won't open.", {("overall", CON)}),
        "reply": ("Support never replied.", {("support", CON)}),
        "respond": ("The touchscreen does not respond.", {("touchscreen", CON)}),
        "run": ("The game won't run on my PC.", {("overall", CON)}),
        "sync": ("The calendar does not sync.", {("calendar", CON)}),
        "work": ("Bluetooth never works.", {("bluetooth", CON)}),
    },
    "WORKING_PHRASES": {
        ("boot", "up"): ("The laptop won't boot up.", {("overall", CON)}),
        ("light", "up"): ("The keyboard does not light up.", {("keyboard", CON)}),
        ("power", "on"): ("The tablet won't power on.", {("overall", CON)}),
        ("power", "up"): ("The tablet won't power up.", {("overall", CON)}),
        ("turn", "on"): ("The phone won't turn on.", {("overall", CON)}),
    },
    "STOP_VERBS": {
        "cease": ("Then it ceased charging at all.", {("overall", CON)}),
        "quit": ("The screen quit working after three weeks.", {("screen", CON)}),
        "stop": ("My charger stopped charging after a week.", {("charger", CON)}),
    },
    "DAMAGE_VERBS": {
        "ruin": ("2.1 ruined the battery", {("battery", CON)}),
        "wreck": ("The update wrecked the battery life.", {("battery", CON)}),
    },
    "CHURN_VERBS": {
        "cancel": ("I cancelled my subscription.", {("overall", CON)}),
        "delete": ("I deleted my account.", {("overall", CON)}),
        "refund": ("I refunded it.", {("overall", CON)}),
        "return": ("Returned it.", {("overall", CON)}),
        "uninstall": ("Uninstalled it after a day.", {("overall", CON)}),
    },
    "ADVICE_VERBS": {
        "avoid": ("Avoid the fish.", {("fish", CON)}),
        "order": ("Order the dumplings.", {("dumpling", PRO)}),
        "skip": ("Skip the dessert.", {("dessert", CON)}),
        "try": ("Try the dumplings.", {("dumpling", PRO)}),
    },
}

CASES = [
    pytest.param(text, expected, id=f"{name}:{entry}")
    for name, entries in EXAMPLES.items()
    for entry, (text, expected) in entries.items()
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_each_entry_decides_its_example(nlp, text: str, expected: set[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert {(o.aspect, o.polarity) for o in nlp(text)._.opinions} == expected


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_entry_has_an_example(name: str) -> None:
    assert set(EXAMPLES[name]) == set(getattr(lexicon, name))


@pytest.mark.parametrize(
    ("noun", "adjective", "value"),
    [pytest.param(n, a, v, id=f"{n}:{a}") for (n, a), v in ASPECT_ADJECTIVES.items()],
)
def test_each_aspect_adjective_judges_its_noun(  # type: ignore[no-untyped-def]
    nlp, noun: str, adjective: str, value: float
) -> None:
    """ "The bill is high" (a con), "the beer is cold" (a pro): the table's sign, of that noun
    ("the money is good", 0 in the table, says nothing: "pay good money" is a sum)."""
    verb = "are" if noun.endswith("s") else "is"
    said = {
        o.polarity
        for o in nlp(f"The {noun} {verb} {adjective}.")._.opinions
        if adjective in o.opinion_text.lower()
    }
    assert said == ({PRO if value > 0 else CON} if value else set())


@pytest.mark.parametrize(
    ("words", "value"), [pytest.param(w, v, id=" ".join(w)) for w, v in IDIOMS.items()]
)
def test_each_set_phrase_judges_its_subject(nlp, words: tuple[str, str], value: float) -> None:  # type: ignore[no-untyped-def]
    """ "The service is top notch" (a pro), "the food is second rate" (a con)."""
    said = {(o.aspect, o.polarity) for o in nlp(f"The service is {' '.join(words)}.")._.opinions}
    assert said == {("service", PRO if value > 0 else CON)}
