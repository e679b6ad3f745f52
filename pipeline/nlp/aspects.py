"""Aspect normalisation: the key an aspect is counted under."""

from __future__ import annotations

#: Words for the product itself: an opinion on "the game" or "this phone" is about it overall.
PRODUCT_NOUNS = frozenset(
    "game app application phone smartphone product device thing "
    "purchase buy laptop computer notebook netbook pc tablet machine restaurant place spot "
    "joint eatery establishment pizzeria bistro "
    "item unit model gadget toy machinery".split()
)
#: Makers and product lines a product is called by ("I love my Toshiba", "Dell sucks", "these
#: Macs are reliable"): the product as a whole, or its maker, never a part of it. Parts named
#: with them stay parts ("Dell customer service", "the Acer screen"). Consumer electronics,
#: computers, phones, cameras, networking, software and games; chip makers are left out, as
#: "the Intel" is a processor.
MAKERS = frozenset(
    "acer alienware apple asus compaq dell fujitsu hp htc huawei ibm lenovo lg motorola msi nokia "
    "oneplus razer samsung sony toshiba xiaomi blackberry "
    "canon nikon olympus fujifilm kodak panasonic philips bose jbl sennheiser logitech garmin "
    "fitbit linksys netgear hitachi sandisk seagate "
    "microsoft google symantec mcafee nintendo ubisoft activision blizzard "
    "mac macbook imac iphone ipad ipod chromebook thinkpad ideapad playstation xbox kindle".split()
)
#: Makers whose name is also a common noun ("the apple was bland", "mac and cheese"): a maker
#: only capitalised, someone's, pointed at or one of them ("my mac", "this mac", "a mac"), or
#: before another maker or a word for the product ("the apple MacBook", "my mac laptop").
COMMON_MAKERS = frozenset("apple mac kindle".split())
#: Nouns that are not aspects of a product, whatever is said about them.
NOT_ASPECTS = frozenset(
    "lot time day week month year way people person guy guys someone everyone anyone one ones "
    "other others "
    # Contractions written without the apostrophe, which the tagger may take for nouns.
    "isnt isint dont doesnt didnt wont cant wasnt arent werent havent hasnt shouldnt "
    # Directions: "no number pad to the right of the keyboard".
    "right left "
    "mine yours ours theirs self "
    # Circumstances: "perfect in nice weather".
    "weather "
    "bit kind sort stuff part end point reason today yesterday tomorrow moment minute "
    "hour hours everytime lol lmao tbh imo idk ngl wtf omg smh lets gonna gunna wanna gotta "
    "thanks question review reviewer experience comparison "
    # Units: "the battery only lasts 2 hrs", "paid 50 bucks".
    "hr hrs min mins sec secs second seconds dollar dollars buck bucks "
    # The writer's company: "my beautiful wife", "a loyal customer".
    "friend wife husband boyfriend girlfriend kid son daughter family mom dad mother father "
    "parent sister brother aunt uncle cousin grandma grandpa grandmother grandfather baby "
    "customer client guest user gamer group mankind humanity student beginner novice newbie "
    # Headings of a verdict: "Verdict: excellent" (not "summary": "the AI summaries are bad").
    "verdict conclusion "
    # The writer's own research and mind: "after extensive research", "to my mind".
    "research researching mind "
    # The writer's occasions: "a romantic evening", "a great date", "a lovely trip".
    "evening night afternoon morning weekend date occasion celebration birthday trip visit "
    # Evaluative nouns: "a great deal", "good luck", "a huge plus" judge something else.
    "luck deal choice plus minus piece fact side word waste job idea shame pity joke mess "
    "nightmare disappointment pleasure satisfaction delight bonus advantage disadvantage "
    "benefit downside upside con pro cons pros "
    "fun thing things none sense laugh beat soul excuse goodness "
    # Frame nouns: "a great bet", "a nice touch", "the best investment" praise their subject.
    "bet touch addition investment change gift move decision option solution alternative "
    "surprise treat find buy pick lack masterpiece classic gem winner keeper "
    # Frames of what follows: "the reality was, it heated up very quickly", "truth is",
    # "without a doubt it's good".
    "reality truth doubt "
    # Verdicts: "the only problem is the battery" is about the battery.
    "problem issue complaint gripe nitpick drawback flaw highlight negative weakness "
    "shortcoming letdown downfall".split()
)
#: Chat slang, interjections and shorthand the tagger may take for nouns ("sry", "xd", "af",
#: "gg"): never what a product manager counts an opinion under.
SLANG = frozenset(
    "af xd xdd lol lul lel kek lmao lmfao rofl sry srry soz pls plz plox thx thnx ty tysm bruh "
    "bro fam fr frfr imo imho tbh tbf ngl idk idc iirc afaik btw fyi jk omg omfg wtf smh fml "
    "gg ggwp wp ez rip pog poggers yall ya yah yea yeah yep yup nope nah naw ok okay k kk hmm "
    "hm uh um umm ugh meh eh ah oh ooh aw aww haha hahaha hehe lolz dunno gonna wanna gotta "
    "kinda sorta cuz coz bc tho thru ur u r y m8 w8 gl hf glhf irl ikr ftw tldr".split()
)
#: Function words written without their apostrophe or misspelt ("dosent", "didnt", "youre"):
#: never aspects, and a misspelling of one is read as the word it stands for.
FUNCTION_WORDS = frozenset(
    "dont doesnt didnt isnt arent wasnt werent wont cant couldnt shouldnt wouldnt havent hasnt "
    "hadnt aint im ive id youre youve theyre theyve thats whats theres heres lets its".split()
)
#: Function words often misspelt in reviews, of five letters or more: a word one edit from one
#: of them that no English list knows is that word ("becuase", "dosent", "thier").
MISSPELT_FUNCTION_WORDS = frozenset(
    {w for w in FUNCTION_WORDS if len(w) >= 5}
    | set(
        "because though through which their there where would could should really about "
        "without anything something everything nothing before after again always never "
        "doesnt didnt".split()
    )
)
#: Nouns of quantity or kind: an opinion on "a lot of games" or "the ease of use" is about what
#: they are of, which becomes the aspect.
PASS_THROUGH = frozenset(
    "lot lots couple piece slice bite kind type sort amount plenty ton bunch ease rest majority "
    "most some all any many none few one both each half term terms".split()
)
#: Nouns of container, range or quality, named with what they hold: "a bottle of wine", "the
#: selection of wines", "the quality of the food" are the aspect as written, counted under
#: what they are of (``wine``, ``food``).
OF_PHRASES = frozenset(
    "glass bottle cup bowl pitcher selection variety choice assortment range quality mix".split()
)
#: Adjectives that describe which thing is meant ("hard drive", "fried rice") are part of the
#: aspect; these ones say how much or which one and are not.
NOT_PART_OF_ASPECT = frozenset(
    "new old other whole entire same only own current recent latest last first next "
    "previous big small large little long short high low tiny huge many much few several most "
    "more less least looking sounding working performing functioning enough "
    "overall general certain various real actual free extra additional total full half "
    "freaking fucking damn bloody".split()
)
#: Synonyms grouped under one key, in every kind of product. Keys are lemmas joined by spaces
#: (so plurals are singular). Synonyms that hold in one kind only ("menu" is an app's ``ui``
#: but a restaurant's menu) are in that kind's taxonomy (pipeline/nlp/taxonomies/).
SYNONYMS = {
    "battery life": "battery",
    "cost": "price",
    "pricing": "price",
    "pricetag": "price",
    "price tag": "price",
    "value": "price",
    "interface": "ui",
    "user interface": "ui",
    "visual": "graphics",
    "graphic": "graphics",
    "advert": "ad",
    "advertisement": "ad",
    "dev": "developer",
    "sound": "audio",
    # How much comes on the plate: "the portion sizes are huge", "small servings".
    "portion size": "portion",
    "serving size": "portion",
    "serving": "portion",
    # Where and how soon guests sit: "the seats are comfortable", "we were seated promptly".
    "seat": "seating",
    # How it was made: "it is very well built", "well made", "poorly engineered".
    "build": "build quality",
    "make": "build quality",
    "construct": "build quality",
    "construction": "build quality",
    "engineer": "build quality",
    # How it runs: "it runs smoothly", "performs well".
    "run": "performance",
    "perform": "performance",
    "operate": "performance",
}

OVERALL = "overall"


def split_product_word(first: str, second: str) -> bool:
    """A word for the product written in two: "lap top", "net book", "note book"."""
    return first + second in PRODUCT_NOUNS


def aspect_key(lemmas: list[str]) -> str:
    """Normalise an aspect's lemmas (compounds first, head last) to its key."""
    words = [w.lower().strip(".,!?;:'\"") for w in lemmas if w.strip()]
    phrase = " ".join(w for w in words if w).replace(" - ", "-")  # "co-op", not "co - op"
    if not phrase:
        return ""
    if phrase in SYNONYMS:
        return SYNONYMS[phrase]
    if len(words) >= 2 and split_product_word(words[-2], words[-1]):
        words = [*words[:-2], words[-2] + words[-1]]  # "lap top", "net book": one word
        phrase = " ".join(words)
    head = words[-1]
    if head in PRODUCT_NOUNS and len(words) == 1:
        return OVERALL
    return SYNONYMS.get(phrase, phrase)
