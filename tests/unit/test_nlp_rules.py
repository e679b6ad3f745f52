"""The pros_cons component on real-looking sentences, one construction at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.nlp import extract_opinions, lexicon, load_extractor, pieces
from pipeline.records import Opinion


@pytest.fixture(scope="session")
def nlp(rules_nlp):  # type: ignore[no-untyped-def]
    """The rules alone: each test here pins down what the rules read."""
    return rules_nlp


def found(nlp, text: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(aspect, polarity) pairs the extractor finds in ``text``."""
    return {(o.aspect, o.polarity) for o in nlp(text)._.opinions}


def opinions(nlp, text: str) -> list[Opinion]:  # type: ignore[no-untyped-def]
    return list(nlp(text)._.opinions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Great battery, honestly.", {("battery", "pro")}),
        ("Awful speakers on this thing.", {("speaker", "con")}),
        ("The screen is dull.", {("screen", "con")}),
        ("The screen looks gorgeous.", {("screen", "pro")}),
        ("The keyboard feels flimsy.", {("keyboard", "con")}),
        ("I love the camera.", {("camera", "pro")}),
        ("I hate the fan noise.", {("fan noise", "con")}),
        ("I hated the clicking buttons.", {("click button", "con")}),  # lemma "hat" mended
        ("The controller desynced constantly.", {("controller", "con")}),  # not "desynce"
        ("I would not recommend the charger.", {("charger", "con")}),
        ("I would suggest the lamb.", {("lamb", "pro")}),
        ("The waitstaff were nice and suggested the swordfish.", {("waitstaff", "pro")}),  # theirs
    ],
)
def test_pros_cons__modifiers_copulas_and_opinion_verbs(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        ("The app crashes.", "overall"),
        ("The hinge broke after two days.", "hinge"),
        ("My charger stopped charging after a week.", "charger"),
        ("The headphones keep disconnecting.", "headphone"),
        ("The camera app keeps crashing.", "camera app"),
        ("It stopped charging after a week.", "overall"),  # "it" stands for no clause here
        ("Then it ceased charging at all.", "overall"),
        # "fried" read as a participle on the noun: the line's noun is what fried
        ("The motherboard fried after a week.", "motherboard"),
        # heat, a wobble, a level that falls
        ("The phone also heats up during video calls.", "overall"),
        ("The phone gets warm when gaming.", "overall"),
        ("The stand wobbles.", "stand"),
        ("It wobbles on a table.", "overall"),
        ("The frame rate drops in big fights.", "frame rate"),
        ("The wifi signal keeps dropping.", "wifi signal"),
        # what it should keep, lost
        ("The GPS kept losing signal while driving.", "gps"),
        ("The game lost my save.", "overall"),
        # the verb made the head of its subject's phrase
        ("Battery drains overnight even in airplane mode.", "battery"),
    ],
)
def test_pros_cons__complaint_events_are_cons(nlp, text, aspect) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == {(aspect, "con")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 months later, the battery went.", {("battery", "con")}),
        ("The processor went on me and the fan went.", {("processor", "con"), ("fan", "con")}),
        ("It holds no charge.", {("overall", "con")}),
        ("Later it held zero charge.", {("overall", "con")}),
        # "went" somewhere, or said of how things go: no failure
        ("So, I went back.", set()),
        ("As time went on, the keyboard went with me everywhere.", set()),
        ("As far as the service goes, I have no idea.", set()),
        ("Get your food to go.", set()),
        # a trouble gone is a pro; drain is a trouble of the part it drains
        ("The lag is finally gone.", {("lag", "pro")}),
        ("battery drain is gone", {("battery", "pro")}),
        ("The bugs are not gone.", {("bug", "con")}),
        ("Massive battery drain since the update.", {("battery", "con")}),
        ("Just flip the lid and the diaper is gone!", set()),  # not missed
    ],
)
def test_pros_cons__a_part_that_went_failed_a_trouble_gone_is_mended(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # less of a thing: a con, but for what is better low and for troubles
        ("Over time, the food quality has decreased.", {("food quality", "con")}),
        ("My battery life began to diminish.", {("battery", "con")}),
        ("The battery life has not decreased.", {("battery", "pro")}),
        ("The picture quality has deteriorated.", {("picture quality", "con")}),
        ("The prices have decreased.", {("price", "pro")}),
        ("The lag decreased after the patch.", {("lag", "pro")}),
        ("Prices dropped after the holidays.", {("price", "pro")}),
        ("The game dropped on Steam last week.", set()),  # came out
        ("My phone dropped out of my pocket.", set()),  # fell
        ("I lost my progress.", set()),  # the writer's doing
        ("My router never loses connection.", {("router", "pro")}),
        ("Standby drain is gone for me.", {("standby", "pro")}),  # "drain" read as the verb
        # everything about a thing is the thing
        ("Everything about this phone is great.", {("overall", "pro")}),
        ("Everything about the food was wonderful.", {("food", "pro")}),
        ("They heated up the soup for us.", set()),  # cooking
        # a frame of what follows is no aspect; "virtual reality" is one
        ("The reality was, it heated up very quickly.", {("overall", "con")}),
        ("Virtual reality is amazing on it.", {("virtual reality", "pro")}),
        ("Windows shuts the computer down for no reason.", {("windows", "con")}),
        ("The battery is terrible no matter how good the camera is.", {("battery", "con")}),
        ("It decreases the noise.", set()),  # what it does to something else
        # what it has plenty of, though "of" is hung on the word before
        ("It has good speed and plenty of storage.", {("speed", "pro"), ("storage", "pro")}),
        # a sound it makes
        ("The space bar makes a noisy click.", {("space bar", "con"), ("click", "con")}),
        # how long it lasts
        ("The battery has a long life.", {("battery", "pro"), ("life", "pro")}),
        ("It has a short life span.", {("life span", "con")}),
        # none, or hardly any, of it; needing more of it; lasting no more than
        ("There is hardly any memory on the hard drive.", {("memory", "con")}),
        ("It has hardly any bugs.", {("overall", "pro")}),
        ("Has no numeric pad.", {("numeric pad", "con")}),  # the product, left unsaid
        ("The game needs more maps.", {("overall", "con"), ("map", "con")}),
        ("I need more storage.", set()),  # the writer's
        ("It doesn't need more RAM.", set()),
        ("The battery won't last more than an hour.", {("battery", "con")}),
        # too little of a thing
        ("It is short on space.", {("space", "con")}),
        ("It is never short on features.", {("feature", "pro")}),
        ("We were short on time.", set()),  # the writer's
    ],
)
def test_pros_cons__less_of_a_thing_its_life_and_too_little_of_it(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The soup has no flavor.", {("flavor", "con")}),
        ("The app has no dark mode.", {("dark mode", "con")}),
        ("There is no mute.", {("mute", "con")}),
        ("The game has no bugs.", {("overall", "pro")}),  # better missing
        ("There was no wait.", {("wait", "pro")}),
        ("I had no reservation.", set()),  # the writer's
        ("There is no need to buy antivirus.", set()),
        ("There are no special bags to buy.", set()),  # spared an extra
        ("It has no subscription.", set()),  # what buyers would rather do without
        ("The phone has no notch.", set()),
        ("There is absolutely no other simulator like this one.", set()),
    ],
)
def test_pros_cons__what_it_has_none_of_it_lacks(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__a_lack_is_quoted_with_its_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "The app has no dark mode.")
    assert (opinion.opinion_text, opinion.aspect_text) == ("has no", "dark mode")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "'s" for "is", which the parser reads as a possessive
        (
            "The camera's awesome but the battery's terrible.",
            {("camera", "pro"), ("battery", "con")},
        ),
        ("Picture quality's great.", {("picture quality", "pro")}),
        ("Game's fun.", {("overall", "pro")}),
        ("The battery's not great.", {("battery", "con")}),
        ("The game's graphics are great.", {("graphics", "pro")}),  # a possessive
    ],
)
def test_pros_cons__is_written_as_s(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verbless line of what the product, left unsaid, is good for
        ("Great for gaming!", {("gaming", "pro")}),
        ("Not great for gaming.", {("gaming", "con")}),
        ("Great for lesson plans.", {("overall", "pro")}),
        ("Really fun for the whole family.", {("overall", "pro")}),
        # how it has aged, and a thing done right
        ("The game has aged poorly.", {("overall", "con")}),
        ("The multiplayer is done right.", {("multiplayer", "pro")}),
        ("Microtransactions done right.", {("microtransaction", "pro")}),
        # British spelling, and nouns that praise their subject
        ("It's my favourite shooter of all time.", {("shooter", "pro")}),
        ("It's a timeless masterpiece.", {("overall", "pro")}),
        ("This place is a hidden gem.", {("overall", "pro")}),
        ("The screen is a huge plus.", {("screen", "pro")}),
        ("The zoom is a big minus.", {("zoom", "con")}),
        ("The price is the only downside.", {("price", "con")}),
        ("The size is just right.", {("size", "pro")}),  # as "just fine"
        ("The diaper champ is the one for you!", {("diaper champ", "pro")}),
        ("You are right.", set()),
    ],
)
def test_pros_cons__good_for_favourites_and_masterpieces(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__negation_flips_and_is_flagged(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "The battery is not great.")
    assert (opinion.aspect, opinion.polarity, opinion.negated) == ("battery", "con", True)
    assert opinion.opinion_text == "not great"


def test_pros_cons__a_question_after_but_leaves_the_statement_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "We have never had trouble with the waiters but perhaps we got lucky?"
    assert found(nlp, text) == {("waiter", "pro")}
    text = "The battery is great but does anyone know how to fix the screen?"
    assert found(nlp, text) == {("battery", "pro")}
    # a sentence that asks from its start asks all of it
    assert found(nlp, "Is the battery good but the screen bad?") == set()
    assert found(nlp, "The battery is great?") == set()


def test_pros_cons__no_issues_is_a_pro(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "No issues with the battery.")
    assert (opinion.aspect, opinion.polarity, opinion.negated) == ("battery", "pro", True)
    assert opinion.opinion_text == "No issues"
    # "no" or "zero" before the first of two troubles is said of both
    text = "It has almost zero viruses and spyware problems."
    assert found(nlp, text) == {("spyware", "pro")}
    assert found(nlp, "No lag but some battery problems.") == {
        ("overall", "pro"),
        ("battery", "con"),
    }


def test_pros_cons__problems_with_an_aspect_is_a_con(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "Lots of problems with the hinge.") == {("hinge", "con")}


def test_pros_cons__contrast_gives_both_polarities(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "Great screen but awful speakers.") == {("screen", "pro"), ("speaker", "con")}


def test_pros_cons__concession_gives_both_clauses(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Although the price is high, the build is solid."
    assert found(nlp, text) == {("price", "con"), ("build quality", "pro")}


def test_pros_cons__coordinated_aspects_and_opinions(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "The screen and speakers are great.") == {
        ("screen", "pro"),
        ("speaker", "pro"),
    }
    pairs = {(o.aspect, o.opinion_text) for o in opinions(nlp, "The fan is fast and quiet.")}
    assert pairs == {("fan", "fast"), ("fan", "quiet")}


def test_pros_cons__intensifier_raises_and_hedge_lowers_confidence(nlp) -> None:  # type: ignore[no-untyped-def]
    (plain,) = opinions(nlp, "The camera is good.")
    (strong,) = opinions(nlp, "The camera is extremely good.")
    assert strong.confidence > plain.confidence
    (hedged,) = opinions(nlp, "The menu is a bit clunky.")
    (flat,) = opinions(nlp, "The menu is clunky.")
    assert hedged.confidence < flat.confidence
    assert hedged.opinion_text == "a bit clunky"  # the hedge quoted whole


def test_pros_cons__a_bit_much_is_more_than_wanted(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "The price premium is a little much.")
    assert (opinion.aspect, opinion.polarity) == ("price premium", "con")
    assert opinion.opinion_text == "a little much"
    assert found(nlp, "The ads are a bit much.") == {("ad", "con")}


@pytest.mark.parametrize(
    "text",
    [
        "Is the battery good?",
        "If it had more storage it would be perfect.",
        "People say the battery overheats.",
        "> the servers are trash",
        # what the writer heard, whoever heard it
        "I heard TF2 is dead.",
        "I keep hearing that the battery is awful.",
        "I heard great things about the camera.",
        # what some or many complain of, or others say
        "Some complain it being a tad too chunky looking.",
        "Sure some may say the old version was better.",
        "People started complaining the game was dying.",
        # a degree conceded, whatever it is
        "No matter how much you may hate this game at first, you will come back to it.",
    ],
)
def test_pros_cons__questions_conditionals_hearsay_and_quotes_state_nothing(nlp, text) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle the review lexicon has, before its noun
        (
            "Aside from the rushed service, the food was great.",
            {("service", "con"), ("food", "pro")},
        ),
        ("We stood in the crowded lobby area.", {("lobby area", "con")}),
        ("Set your desired volume level.", set()),  # a participle that describes
        # a word for the product written in two
        ("I just love this lap top.", {("overall", "pro")}),
        ("The Toshiba net book operates very well.", {("overall", "pro"), ("performance", "pro")}),
        ("The book is awful.", {("book", "con")}),
    ],
)
def test_pros_cons__participles_and_product_words_written_in_two(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # how it works, an adjective to the tagger: "works great", "Works pretty well."
        ("It works great.", {("work", "pro")}),
        ("Works great!!!!", {("work", "pro")}),
        ("Works pretty well.", {("work", "pro")}),
        ("The radio works excellent in my area.", {("radio", "pro")}),
        ("Not working = bad", {("overall", "con")}),  # "bad" is not the verb's adjective
        # used or run with no trouble
        ("I use the router with no problems.", {("router", "pro")}),
        ("I have used it for 2 years without any issues.", {("overall", "pro")}),
        ("I ran into problems with the installer.", {("installer", "con")}),
        ("Ready to give it 5 stars with no complaints.", {("overall", "pro")}),  # the score
        # "recommend" as posts misspell it; living up to something
        ("So I reccomend this game.", {("overall", "pro")}),
        ("Wouldn't recomend it for dinner!", {("dinner", "con")}),  # not for dinner
        ("The camera lives up to the hype.", {("camera", "pro")}),
        ("It does not live up to the hype.", {("overall", "con")}),
    ],
)
def test_pros_cons__works_great_and_no_problems_in_use(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what is liked, named after "is"
        ("What impressed me most was the sound.", {("audio", "pro")}),
        ("What I love most is the camera.", {("camera", "pro")}),
        ("What I don't like is the price.", {("price", "con")}),
        ("The only thing I don't like is the memory card.", {("memory card", "con")}),
        ("The thing I love most is the screen.", {("screen", "pro")}),
        # nouns said of their subject, and the job done
        ("Setup is a cinch.", {("setup", "pro")}),
        ("Setup was a hassle.", {("setup", "con")}),
        ("The update was a pain.", {("update", "con")}),
        ("It's a rip off.", {("overall", "con")}),
        ("The new keyboard is a rip-off.", {("keyboard", "con")}),  # split at the hyphen
        ("It does an excellent job of keeping the odor contained.", {("overall", "pro")}),
        ("The filter did a poor job.", {("filter", "con")}),
        # the feeling about "it", the product
        ("Really happy with it.", {("overall", "pro")}),
        ("I bought a case and I am happy with it.", {("case", "pro")}),  # "it": the case
        ("The app doesn't do a good job of syncing.", {("overall", "con")}),
        ("They did an awesome job with the design.", {("design", "pro")}),
        ("I did a bad job of cleaning it.", set()),  # the writer's
    ],
)
def test_pros_cons__clefts_predicate_nouns_jobs_and_feelings_about_it(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Mine" is the writer's own one
        ("Mine stopped charging after three weeks.", {("overall", "con")}),
        # how a thing comes across; what it needs
        ("The vibration motor feels cheap though.", {("vibration motor", "con")}),
        ("It is cheap.", set()),  # the price? the build? left to the price rules
        ("The UI needs work.", {("ui", "con")}),
        ("Tank class needs a buff", {("tank class", "con")}),
        # noises, heat and harm
        ("Also the speaker crackles at high volume.", {("speaker", "con")}),
        ("The phone also gets hot in my pocket.", {("overall", "con")}),
        ("2.1 ruined the battery", {("battery", "con")}),
        ("The update wrecked the battery life.", {("battery", "con")}),
        ("They killed it with this update.", set()),  # slang praise, of no named part
        ("It ruined my weekend.", set()),
        ("I wish it had more font options.", {("font option", "con")}),  # named by their use
    ],
)
def test_pros_cons__the_writers_own_unit_and_how_it_comes_across(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # stuck, hit or miss, struggling, long load times
        ("Sync stuck on uploading", {("sync", "con")}),
        ("I will stick with it.", set()),
        ("the AI summaries are hit or miss", {("ai summary", "con")}),
        ("Servers are already struggling lol", {("server", "con")}),
        ("I struggled to set it up.", set()),
        ("The load times are long.", {("load time", "con")}),
        # a high resolution or frame rate is good, a high price not
        ("The resolution is higher than any other laptop.", {("resolution", "pro")}),
        ("The frame rate is low even on high settings.", {("frame rate", "con")}),
        ("The product is top quality.", {("quality", "pro")}),
        # no more than ordinary
        ("The food is nothing special.", {("food", "con")}),
        ("The camera is nothing to write home about.", {("camera", "con")}),
        ("The food is nothing great.", {("food", "con")}),
        ("There is nothing wrong with it.", set()),
        ("The app is a battery hog.", {("overall", "con")}),
        # an activity named by a bare "-ing" subject
        ("Charging is painfully slow.", {("charging", "con")}),
        ("Scrolling is smooth.", {("scrolling", "pro")}),
        ("A very addicting game.", {("overall", "pro")}),  # a participle the lexicon has
        # full of pests
        ("Ranked is full of cheaters.", {("ranked", "con")}),
        ("The app is full of ads.", {("overall", "con")}),
        ("Too many bots.", {("bot", "con")}),
        ("I love the bots in this game.", {("bot", "pro")}),
        # what used to be so is not now
        ("I used to love TF2", {("tf2", "con")}),
        ("It used to be great.", {("overall", "con")}),
        ("I used the app to sync my notes.", set()),
    ],
)
def test_pros_cons__stuck_struggling_pests_and_what_used_to_be(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verdict line of a few adjectives
        ("Still the best", {("overall", "pro")}),
        ("Deep, clever, beautiful.", {("overall", "pro")}),
        ("Fine but bloated", {("overall", "con")}),
        ("Big update today", set()),
        ("refreshable=True", set()),  # code, not a verdict
        # the writer leaves the product
        ("Cancelled my subscription.", {("overall", "con")}),
        ("I returned it for a refund.", {("overall", "con")}),
        ("Uninstalled.", {("overall", "con")}),
        ("We will return for sure.", set()),
        ("You can cancel anytime.", set()),
        ("I will return it if it breaks.", set()),
        ("I deleted my notes by accident.", set()),
    ],
)
def test_pros_cons__verdict_lines_and_leaving_the_product(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__what_was_heard_or_said_is_hearsay_but_not_what_else_is_said(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "I heard the battery is bad, but the screen is great."
    assert found(nlp, text) == {("screen", "pro")}
    text = "People say the battery overheats, but I love the screen."
    assert found(nlp, text) == {("screen", "pro")}
    assert found(nlp, "I can hear the annoying fan.") == {("fan", "con")}  # a sound
    # the writer's own complaint is the writer's
    assert found(nlp, "I complained that the screen was cracked.") == {("screen", "con")}


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [
        ("Their tuna tartare is to die for.", {("tuna tartare", "pro")}, "to die for"),
        ("The place has a view to die for.", {("view", "pro")}, "to die for"),
        ("The desserts are not to die for.", {("dessert", "con")}, "not to die for"),
        ("The hinge broke down after a month.", {("hinge", "con")}, "broke down"),
        ("The matchmaking takes forever at night.", {("matchmaking", "con")}, "takes forever"),
        ("The soups hit the spot.", {("soup", "pro")}, "hit the spot"),
        ("The download doesn't take forever.", {("download", "pro")}, "n't take forever"),
        ("Shipping took a while.", {("shipping", "con")}, "took a while"),
        ("Matchmaking takes too long.", {("matchmaking", "con")}, "takes"),
    ],
)
def test_pros_cons__set_phrases_are_quoted_whole(nlp, text, expected, words) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected
    assert [o.opinion_text for o in opinions(nlp, text)] == [words]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # better elsewhere is worse here ...
        ("You'll find better food at small restaurants nearby.", {("food", "con")}),
        ("There is definitely better pizza in that range.", {("pizza", "con")}),
        ("I have had better sushi.", {("sushi", "con")}),
        # ... and none better elsewhere is praise
        ("You won't find better sushi in the city.", {("sushi", "pro")}),
        ("There is no better pizza in town.", {("pizza", "pro")}),
        ("There are much better places in town with better prices.", {("price", "con")}),
        # what the product has, or better than something named, is this one's
        ("It has better speakers.", {("speaker", "pro")}),
        ("I am getting better speeds on all my programs.", {("speed", "pro")}),
    ],
)
def test_pros_cons__better_found_elsewhere(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # how the product was made is its build quality or design ...
        ("It is very well built.", {("build quality", "pro")}),
        ("This phone is well made.", {("build quality", "pro")}),
        ("It is poorly designed.", {("design", "con")}),
        ("The build is solid.", {("build quality", "pro")}),
        # ... a part's is the part's
        ("The case is cheaply made.", {("case", "con")}),
        ("It has a poorly designed interface.", {("ui", "con")}),
    ],
)
def test_pros_cons__how_the_product_was_made(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It has plenty of power.", {("power", "pro")}),
        ("Plenty of storage and a great screen.", {("storage", "pro"), ("screen", "pro")}),
        ("It doesn't have plenty of storage.", {("storage", "con")}),
        ("There is plenty of room for improvement.", set()),
        ("There are plenty of bugs.", set()),
        ("Bring plenty of cash.", set()),  # not what the product has
    ],
)
def test_pros_cons__plenty_of_a_thing(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__everytime_is_no_aspect(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "I found the pasta, staff and value excellent everytime I went there."
    assert "everytime" not in {o.aspect for o in opinions(nlp, text)}


def test_pros_cons__hearsay_the_writer_agrees_with_is_an_opinion(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "As everyone says, the sushi is great.") == {("sushi", "pro")}


def test_pros_cons__wish_is_a_con(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "I wish the screen were brighter.") == {("screen", "con")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A longer battery life would have been great.", {("battery", "con")}),
        ("Some more manual control would have been good to have.", {("manual control", "con")}),
        ("The crab cake could not have been better.", {("crab cake", "pro")}),
        (
            "While the ambiance was great, the food could have been a lot better.",
            {("ambiance", "pro"), ("food", "con")},  # the main clause's wish is its own
        ),
    ],
)
def test_pros_cons__what_would_have_been_good_was_missing(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__list_marks_against_the_word(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Pros:\n-Great battery life\n•Loud, tinny speakers\nSaved -5 dollars"
    assert found(nlp, text) == {("battery", "pro"), ("speaker", "con")}
    for o in opinions(nlp, text):
        assert text[o.aspect_start : o.aspect_end] == o.aspect_text
    # dashes written against the end of a word are not part of it
    text = "Ambiance- relaxed and stylish. Decent Battery-- lasts a day."
    assert {o.aspect_text for o in opinions(nlp, text)} == {"Ambiance", "Battery"}


def test_pros_cons__social_text_elongation_caps_and_names(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "the camera is sooo good") == {("camera", "pro")}
    (caps,) = opinions(nlp, "THE SCREEN IS GREAT")
    assert caps.polarity == "pro"
    # one shouted word, which the tagger takes for a name
    assert found(nlp, "My headphone jack was BROKEN after a month.") == {("headphone jack", "con")}
    assert found(nlp, "The operating system is Windows XP.") == set()
    # an adjective in small letters the tagger takes for a name after a dash
    assert found(nlp, "The food is authentic Italian - delicious!") == {("food", "pro")}
    assert found(nlp, "He served me a hand roll and IT WAS HEAVEN!") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The food was delcious.", {("food", "pro")}),
        ("Staff is very accomodating.", {("staff", "pro")}),
        ("The battery life is horible.", {("battery", "con")}),
        ("The soup was nasty.", {("soup", "con")}),  # a real word is never "corrected"
        ("The fries were tastier than last time.", {("fry", "pro")}),  # nor an inflection
        ("The tagging system is brilliant.", {("tagging system", "pro")}),  # "tag" + "ging"
        # a misspelt word the tagger took for a noun or a verb before its noun
        ("I have never had a disapointing meal here.", {("meal", "pro")}),
        ("Still an awesom game.", {("overall", "pro")}),
        ("The community is preety bad.", {("community", "con")}),  # "pretty", a degree
        # "its" written for "it's", where no possessive could stand
        ("Its not fun, its not good.", {("overall", "con")}),
        ("Its pretty good.", {("overall", "pro")}),
        ("Its battery is great.", {("battery", "pro")}),  # the possessive stays one
        # words run together, parsed apart
        ("The OS is abit confusing.", {("os", "con")}),
        # a misspelt opinion word set off by a comma is no aspect
        ("I dislike the weight and size, cubersome.", {("weight", "con"), ("size", "con")}),
        ("It has alot of bugs.", {("overall", "con")}),
    ],
)
def test_pros_cons__misspelled_opinion_words(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_lexicon__a_misspelling_reads_as_the_commonest_word_that_close() -> None:
    assert lexicon.valence("awsome") > 0
    assert lexicon.valence("becase") == 0  # "because", not "debase"
    assert lexicon.valence("tastier") > 0  # "tasty" compared, not a typo of "nastier"
    assert lexicon.valence("gret") == 0  # too short to guess ("great"? "grey"? "fret"?)


def test_lexicon__a_comparative_left_unlemmatized_reads_as_its_adjective() -> None:
    # the tagger may take "juicier" for a noun, whose lemma is itself
    assert lexicon.valence("juicier") == lexicon.valence("juicy") > 0
    assert lexicon.valence("buggiest") == lexicon.valence("buggy") < 0
    assert lexicon.valence("carrier") == lexicon.valence("supplier") == 0  # nouns in "-ier"
    # and a superlative in "-est" the tagger left as it is ("Freshest sushi in town.")
    assert lexicon.valence("freshest") == lexicon.valence("fresh") > 0
    assert lexicon.valence("cleanest") == lexicon.valence("clean") > 0
    assert lexicon.valence("request") == lexicon.valence("harvest") == 0  # nouns in "-est"


def test_lexicon__un_says_the_opposite_of_the_rest_where_no_lexicon_has_the_word() -> None:
    assert lexicon.valence("unaccommodating") < 0  # VADER has "accommodating", not this
    assert lexicon.valence("unsatisfactory") < 0
    assert lexicon.valence("unpretentious") > 0  # "pretentious" is a con
    assert lexicon.valence("unhelpful") == -1.8  # VADER's own entry first
    assert lexicon.valence("unable") == 0  # "unable to connect": no opposite of "able"
    assert lexicon.valence("unlike") == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wait staff is blatantly unappreciative of your business.", {("wait staff", "con")}),
        ("The managers were unaccommodating.", {("manager", "con")}),
        ("The decor is unpretentious.", {("decor", "pro")}),
        ("My biggest complaint was the un-tasty food.", {("food", "con")}),  # negated once
        ("I was unable to find the settings.", set()),
    ],
)
def test_pros_cons__words_in_un(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We ordered the crab roll and it was FANTASTIC.", {("crab roll", "pro")}),
        ("I bought a case and it broke.", {("case", "con")}),
        ("The waiters ignored us and they were rude.", {("waiter", "con")}),
        ("I only use the trackpad because it is so smooth.", {("trackpad", "pro")}),
        ("I bought this laptop and it is great.", {("overall", "pro")}),  # the product
        # rules that want a thing named take it through "it" too; not where a noun says what
        # "it" is
        ("My sister ordered salmon and it was cooked perfectly!", {("salmon", "pro")}),
        # a comma for "and" (the parser hangs the first clause on the second); a noun VADER
        # scores in another sense ("chicken") still names the dish
        ("My girlfriend had chicken, it was good.", {("chicken", "pro")}),
        ("The keyboard is new but it is still a great notebook.", {("overall", "pro")}),
        # Not what "it" stands for: a time, another number, a word that judges
        ("I bought my Macbook Pro in April, and I loved it.", set()),
        ("I bought cables and it broke.", set()),
        ("I've had this beauty for two months and I love it.", set()),
        ("The price is steep but I don't regret it.", {("price", "con")}),  # the buying
        # a subject opening its sentence carries on the subject of the sentence before
        ("The case looked nice. It broke in a week.", {("case", "pro"), ("case", "con")}),
        ("The servers are laggy. They crash every night.", {("server", "con")}),
        ("My phone is great. It never crashes.", {("overall", "pro")}),  # the product
    ],
)
def test_pros_cons__it_and_they_stand_for_what_was_named_before_them(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__a_pronouns_opinion_quotes_the_sentence_that_named_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "I got a new case. The case looked nice. It broke in a week."
    con = next(o for o in opinions(nlp, text) if o.polarity == "con")
    assert (con.aspect_text, con.aspect_start) == ("case", text.index("The case") + 4)
    quoted = text[con.sentence_start : con.sentence_end]
    assert quoted == "The case looked nice. It broke in a week."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It's a KICK ASS firewall program.", {("firewall program", "pro")}),
        ("The camera is kick-ass.", {("camera", "pro")}),
        ("This camera kicks ass.", {("camera", "pro")}),
        ("Badass graphics.", {("graphics", "pro")}),
        ("The soundtrack is fire.", {("soundtrack", "pro")}),
        ("The soundtrack slaps.", {("soundtrack", "pro")}),
        ("The game slaps you with ads.", set()),  # with an object: no slang praise
        ("This phone is the bomb.", {("overall", "pro")}),
        ("The sequel was a bomb.", {("sequel", "con")}),  # a flop
        ("My charger caught fire last night.", {("charger", "con")}),
        ("The food options rule.", {("food option", "pro")}),
        ("The pictures rock.", {("picture", "pro")}),  # "rock" a noun to the tagger
        ("House rules.", set()),  # a heading
    ],
)
def test_pros_cons__slang_praise_and_scorn(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "at least" is a limit, not "least" negating: the code is hard to read (a con)
        ("The code overview, at least, is incredibly hard to read.", {("code overview", "con")}),
        ("It is the least reliable laptop I have owned.", {("overall", "con")}),
        # a drawn-out "so" is no name
        ("Soo smooth...", {("overall", "pro")}),
        ("The camera is sooo good.", {("camera", "pro")}),
        # the "it" of "I like it when ..." stands for the clause
        ("I really like it when the title matches the picture.", set()),
        ("I love it.", {("overall", "pro")}),
        # "value" is counted with the price, but low value is a con
        ("The value is low.", {("price", "con")}),
        ("The price is low.", {("price", "pro")}),
        # "-wise" names what the clause is about; "wise" there judges nothing
        ("Performance-wise it is excellent.", {("performance", "pro")}),
        ("Price wise it is great.", {("price", "pro")}),
        ("It is great price wise.", {("price", "pro")}),
        ("Not great, performance wise.", {("performance", "con")}),
        ("Performance-wise the phone is excellent.", {("performance", "pro")}),
        ("That was a wise choice.", set()),
        # so does a phrase that opens the sentence, for what follows it
        ("As for the service, it was great.", {("service", "pro")}),
        ("As for bluetooth, no problems at all.", {("bluetooth", "pro")}),
        ("As far as the battery goes, it lasts all day.", {("battery", "pro")}),
        ("When it comes to battery life, it is the best.", {("battery", "pro")}),
        ("As far as I can tell, it is great.", {("overall", "pro")}),
        ("Speaking of the camera, it too has problems.", {("camera", "con")}),
        ("The screen is great as far as I can tell.", {("screen", "pro")}),
        # a score stands, whatever is hoped; "worn by" is put on
        ("I hope they update it, 10/10", {("overall", "pro")}),
        # what is hoped for is neither had nor lacked (what is wished for is lacked)
        ("I hope it stays this good.", set()),
        ("I hope the next update is as good as this one.", set()),
        ("I love it and hope it lasts.", {("overall", "pro")}),
        ("Hats can be worn by any class.", set()),
        ("The buttons are worn after a month.", {("button", "con")}),
    ],
)
def test_pros_cons__limits_drawn_out_words_dummy_it_and_topics(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__a_shouted_line_is_read_again_in_lower_case(nlp) -> None:  # type: ignore[no-untyped-def]
    # In capitals the small model tags "FANTASTIC" as a name and misses the praise.
    text = "Played it all week.\nTHE CAMERA IS FANTASTIC BUT THE BATTERY SUCKS\nMeh."
    found_ = {(o.aspect, o.polarity): o for o in opinions(nlp, text)}
    # the battery once, not twice; "Meh." is a verdict of its own
    assert set(found_) == {("camera", "pro"), ("battery", "con"), ("overall", "con")}
    camera = found_[("camera", "pro")]
    assert (camera.aspect_text, camera.opinion_text) == ("CAMERA", "FANTASTIC")
    assert text[camera.aspect_start : camera.aspect_end] == "CAMERA"
    assert text[camera.sentence_start : camera.sentence_end].startswith("THE CAMERA IS")
    (calm,) = opinions(nlp, "the camera is fantastic")
    assert camera.confidence == round(calm.confidence * 1.15, 3)  # capitals are emphasis


def test_pros_cons__product_named_in_sentence_owns_the_opinion(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "The Nova 9 is great.")
    assert (opinion.product, opinion.aspect, opinion.aspect_text) == ("nova-9", "overall", "Nova 9")
    (topic,) = opinions(nlp, "Battery-wise the Nova 9 is great.")
    assert (topic.product, topic.aspect, topic.aspect_text) == ("nova-9", "battery", "Battery")
    (other,) = opinions(nlp, "The battery is great.")
    assert other.product is None  # the caller falls back to the post's product
    # the name before a part owns the part; a word of a name judges nothing
    (part,) = opinions(nlp, "Aurora X2 speakers are great.")
    assert (part.product, part.aspect, part.aspect_text) == ("aurora-x2", "speaker", "speakers")

    tidy = load_extractor(products={"tidy-notes": ["Tidy Notes"]})
    tidy.get_pipe("pros_cons").verdict_threshold = 1.0  # the rules alone
    assert opinions(tidy, "Tidy Notes vs Obsidian") == []


def test_pros_cons__getting_used_to_is_quoted_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "The keyboard takes some getting used to.")
    assert opinion.opinion_text == "takes some getting used to"
    (opinion,) = opinions(nlp, "The app takes forever to load.")
    assert opinion.opinion_text == "takes forever"


def test_its_contraction__splits_its_for_its_and_keeps_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Its not working, its battery died.")
    assert [t.text for t in doc][:3] == ["It", "s", "not"]
    assert doc[1].lemma_ == "be"
    assert doc.text == "Its not working, its battery died."
    assert "its" in [t.text for t in doc]  # the possessive


def test_pros_cons__spans_index_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Honestly? The battery life is amazing, but the speakers are weak."
    for o in opinions(nlp, text):
        assert text[o.aspect_start : o.aspect_end] == o.aspect_text
        assert text[o.opinion_start : o.opinion_end] == o.opinion_text
        assert o.sentence_start <= o.aspect_start < o.aspect_end <= o.sentence_end


def _domain_entries() -> list[tuple[str, float, str]]:
    """(word, valence, example) for each domain entry; the example column is optional."""
    text = (Path(lexicon.__file__).parent / "domain_lexicon.txt").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return [(r[0], float(r[1]), r[2] if len(r) > 2 else "") for r in rows]


@pytest.mark.parametrize(("word", "valence", "example"), _domain_entries())
def test_domain_lexicon__each_entry_decides_an_opinion(
    nlp, word: str, valence: float, example: str
) -> None:  # type: ignore[no-untyped-def]
    """Each domain entry turns its example (or stock sentences) into its pro or con."""
    polarity = "pro" if valence > 0 else "con"
    sentences = (
        [example]
        if example
        else [
            f"The update is {word}.",
            f"The matchmaking is {word}.",
            f"So much {word} in the app.",
            f"The update runs {word}.",
        ]
    )
    results = [
        o.polarity for text in sentences for o in opinions(nlp, text) if word in o.opinion_text
    ]
    assert results and set(results) == {polarity}, (word, results)


def test_pieces__split_long_text_at_line_breaks_and_keep_offsets() -> None:
    text = ("line of words\n" * 20).strip()
    parts = list(pieces(text, limit=50))
    assert all(len(p) <= 50 for _, p in parts)
    assert "".join(p for _, p in parts) == text
    assert all(text[o : o + len(p)] == p for o, p in parts)


def test_extract_opinions__long_text_is_parsed_in_pieces_with_true_offsets(nlp) -> None:  # type: ignore[no-untyped-def]
    filler = "Nothing to see here at all today.\n" * 2500  # ~85,000 characters: five pieces
    text = filler + "The battery is great."
    (result,) = extract_opinions(nlp, [text])
    (opinion,) = result
    assert text[opinion.aspect_start : opinion.aspect_end] == "battery"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_pros_cons__never_raises_and_spans_match_text(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    for o in opinions(nlp, text):
        assert text[o.aspect_start : o.aspect_end] == o.aspect_text
        assert text[o.opinion_start : o.opinion_end] == o.opinion_text
        assert 0 <= o.sentence_start < o.sentence_end <= len(text)
        assert 0.0 <= o.confidence <= 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The wifi never works.", {("wifi", "con")}),
        ("The charger does not work.", {("charger", "con")}),
        ("The camera works perfectly.", {("camera", "pro")}),
        ("The map loads slowly.", {("map", "con")}),
    ],
)
def test_pros_cons__how_things_work_is_an_opinion(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__hardly_negates(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "The keyboard is hardly usable.")
    assert (opinion.aspect, opinion.polarity, opinion.negated) == ("keyboard", "con", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Camera is 🔥", {("camera", "pro")}),
        ("The screen 😍", {("screen", "pro")}),
        ("Servers 👎", {("server", "con")}),
        ("The servers lol 😂", set()),
    ],
)
def test_pros_cons__emoji_as_the_predicate(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__the_predicate_before_an_emoji_is_read(nlp) -> None:  # type: ignore[no-untyped-def]
    # "good" is hung on the emoji, as if it named it
    said = [
        (o.aspect, o.opinion_text, o.polarity) for o in opinions(nlp, "The camera is sooo good 😍")
    ]
    assert said == [("camera", "good", "pro"), ("camera", "😍", "pro")]
    assert found(nlp, "new maps are fire 🔥") == {("map", "pro")}  # a noun of slang praise


def test_pros_cons__comparative_is_a_pro_for_one_product_and_a_con_for_the_other(nlp) -> None:  # type: ignore[no-untyped-def]
    result = {
        (o.product, o.aspect, o.polarity)
        for o in opinions(nlp, "The X2's camera is better than the Nova's.")
    }
    assert result == {("aurora-x2", "camera", "pro"), ("nova-9", "camera", "con")}
    result = {
        (o.product, o.aspect, o.polarity) for o in opinions(nlp, "The Nova 9 is worse than the X2.")
    }
    assert result == {("nova-9", "overall", "con"), ("aurora-x2", "overall", "pro")}


def test_pros_cons__comparative_without_a_second_product_is_one_opinion(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "The battery is better than before.") == {("battery", "pro")}


def test_pros_cons__kind_naming_adjectives_belong_to_the_aspect(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "The hard drive died.")
    assert opinion.aspect_text == "hard drive"
    (opinion,) = opinions(nlp, "The new update is great.")
    assert opinion.aspect_text == "update"  # "new" says which one, not what kind
    # an opinion adjective the tagger took for a name is no part of the aspect
    text = "It has fantastic features like the lighted keyboard and easy mouse pad."
    assert {o.aspect_text for o in opinions(nlp, text)} == {
        "features",
        "lighted keyboard",
        "mouse pad",
    }
    # a noun's own modifiers come with it, and "up" or "down" misread after a noun of booting
    (opinion, _) = opinions(nlp, "The online tutorial videos make it super easy to learn.")
    assert opinion.aspect_text == "online tutorial videos"
    assert {o.aspect_text for o in opinions(nlp, "Very fast boot up and shut down.")} == {"boot up"}
    assert "Boots up" in {o.aspect_text for o in opinions(nlp, "Boots up fast and runs great!")}
    text = "Kati Rolls just produce tastier food hands down."
    assert "down" not in {o.aspect_text.split()[-1] for o in opinions(nlp, text)}
    # but a noun of its own stays ("support", 1.7 in VADER)
    text = "I talked to 14 of the worse IT support technicians in the world."
    (opinion,) = opinions(nlp, text)
    assert opinion.aspect_text == "IT support technicians"


def test_pros_cons__an_adjective_hung_on_a_compound_judges_the_whole_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "It has great screen quality and a short battery life."
    assert {(o.aspect_text, o.polarity) for o in opinions(nlp, text)} == {
        ("screen quality", "pro"),
        ("battery life", "con"),
    }


#: One review sentence for each adjective that implies its aspect (lexicon.IMPLIED_ASPECTS).
IMPLIED_EXAMPLES = {
    "expensive": ("It is way too expensive.", "con"),
    "pricey": ("Great but pricey", "con"),
    "overpriced": ("Good but overpriced", "con"),
    "costly": ("This laptop is costly.", "con"),
    "inexpensive": ("It's fairly inexpensive as tablets go.", "pro"),
    "affordable": ("It is powerful and affordable.", "pro"),
    "laggy": ("The game is laggy.", "con"),
    "sluggish": ("My phone feels sluggish after the update.", "con"),
    "slow": ("The app is slow on my old iPhone.", "con"),
    "snappy": ("This phone is really snappy.", "pro"),
    "speedy": ("Speedy and reliable.", "pro"),
    "fast": ("The app is fast and polished.", "pro"),
    "responsive": ("The tablet is very responsive.", "pro"),
    "heavy": ("Great laptop, but heavy.", "con"),
    "lightweight": ("It's small and lightweight.", "pro"),
    "noisy": ("The machine is noisy.", "con"),
    "bulky": ("Sure, it is a relatively bulky device.", "con"),
    "compact": ("This laptop is compact.", "pro"),
}


def test_implied_aspects__every_entry_has_an_example() -> None:
    assert set(IMPLIED_EXAMPLES) == set(lexicon.IMPLIED_ASPECTS)


@pytest.mark.parametrize(("word", "example"), sorted(IMPLIED_EXAMPLES.items()))
def test_pros_cons__an_adjective_of_the_product_implies_its_aspect(nlp, word, example) -> None:  # type: ignore[no-untyped-def]
    text, polarity = example
    key, _ = lexicon.IMPLIED_ASPECTS[word]
    assert (key, polarity) in found(nlp, text)
    # the word names the aspect, instead of the product as a whole
    said = [o for o in opinions(nlp, text) if word in o.opinion_text.lower()]
    assert [o.aspect for o in said] == [key]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It isn't expensive at all.", {("price", "pro")}),
        ("The phone is overpriced compared to last year's model.", {("price", "con")}),
        ("The X2 is fast.", {("performance", "pro")}),  # a configured product by name
        ("The fan is noisy.", {("fan", "con")}),  # said of a part: the part's
        ("Most laptops are heavy.", set()),  # of the kind, no one's
        ("It is slow to boot up.", {("boot up", "con")}),  # the activity names it
    ],
)
def test_pros_cons__implied_aspects_only_for_the_product(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the people" and "their guys" are the ones who serve ...
        (
            "Service was slow, but the people were really friendly.",
            {("service", "con"), ("people", "pro")},
        ),
        ("The people who work there are rude.", {("people", "con")}),
        # ... people in general are not
        ("People say the battery is great.", set()),
        ("He is a great guy.", set()),
        ("My aunt is wonderful.", set()),  # nor the writer's family
        ("It might not make the avid gamer happy.", set()),  # nor its users
    ],
)
def test_pros_cons__the_people_who_serve(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Good luck with that.",
        "It was a great deal.",
        "A great pick for students.",
        "Well-shaped weaknesses.",  # a verdict noun, not a part
        "We paid good money for this laptop.",  # a sum, not a verdict on money
        "I am not the most experienced person.",  # said of the writer
        "I'm an excellent touch typist.",
        "I am using it with great satisfaction.",  # the writer's feeling
        "We sat outside in nice weather.",  # a circumstance
        "Looking at the good side it isint all that bad.",  # "isn't" without its apostrophe
    ],
)
def test_pros_cons__evaluative_nouns_are_not_aspects(nlp, text) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == set()


def test_pros_cons__the_writer_on_another_line_is_not_the_predicates_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The only game where I can say what I am\n\n\nHonestly great game"
    assert found(nlp, text) == {("overall", "pro")}


def test_pros_cons__like_read_as_a_preposition_is_still_an_opinion_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "I especially like the keyboard.") == {("keyboard", "pro")}


def test_pros_cons__title_cased_headline(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "Great Battery Life")
    assert (opinion.aspect_text, opinion.polarity) == ("Battery Life", "pro")


def test_pros_cons__misparsed_second_subject_keeps_its_own_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Good game, but the AI is dumb on normal difficulty."
    assert found(nlp, text) == {("overall", "pro"), ("ai", "con")}
    # the first subject is a subordinate clause's ("though"), the second the verb's
    text = "Even though its good sushi, the prices are too high."
    assert found(nlp, text) == {("sushi", "pro"), ("price", "con")}
    text = "The music, the art, the story... everything is beautiful."  # a list
    assert found(nlp, text) == {("music", "pro"), ("art", "pro"), ("story", "pro")}


def test_pros_cons__a_predicate_hung_on_the_next_subject_is_its_own_subjects(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser hangs "tasty" on "sizes", as if "tasty ... portion sizes"
    text = "The curry is tasty and portion sizes are appropriate."
    assert found(nlp, text) == {("curry", "pro")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A predicate noun's praise is for the subject it describes ...
        ("The pickles were a great addition.", {("pickle", "pro")}),
        ("The steak tartare is a great bet.", {("steak tartare", "pro")}),
        # ... unless the subject is a pronoun, a name or the product itself.
        ("It is the best meal in town.", {("meal", "pro")}),
        ("This laptop is a great price.", {("price", "pro")}),
        ("It has been a great change.", set()),
    ],
)
def test_pros_cons__predicate_noun_praises_its_subject(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I am very happy with the screen.", {("screen", "pro")}),
        ("We were disappointed by the battery.", {("battery", "con")}),
        ("I am addicted to the photo booth.", {("photo booth", "pro")}),
        ("I was not impressed with the speakers.", {("speaker", "con")}),
        ("The screen impressed me.", {("screen", "pro")}),
        ("The repair depot stinks.", {("repair depot", "con")}),
        ("The battery doesn't disappoint.", {("battery", "pro")}),
        # no happier could be: the happiest (as "couldn't be better")
        ("I couldn't be happier with the battery.", {("battery", "pro")}),
        ("I cannot be more pleased with the service.", {("service", "pro")}),
        ("I could be happier with the battery.", {("battery", "con")}),
        ("The service can be better.", {("service", "con")}),
    ],
)
def test_pros_cons__feelings_and_what_caused_them(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The notebook lacks a backlit keyboard.", {("backlit keyboard", "con")}),
        ("The lack of ports is annoying.", {("port", "con")}),
        ("It has a major design flaw.", {("design", "con")}),
        ("No battery issues so far.", {("battery", "pro")}),
        ("I have not had a problem with the wifi.", {("wifi", "pro")}),
        ("I have had a lot of trouble with the shift key.", {("shift key", "con")}),
        ("There is no number pad to the right of the keyboard.", {("number pad", "con")}),
        ("I have never had this problem with any other software.", set()),  # others'
        # what has the trouble
        ("The firmware has bugs too.", {("firmware", "con")}),
        ("The app has a lot of bugs.", {("overall", "con")}),
        ("The router has a lot of problems.", {("router", "con")}),
        ("The update has no bugs.", {("update", "pro")}),
        ("Some users were having sound problems.", {("audio", "con")}),  # not the users
        ("I had problems at first.", set()),
        # a trouble said with "be": of its subject, or of what it is with
        ("Wireless has not been an issue for me.", {("wireless", "pro")}),
        ("My problem was with DELL Customer Service.", {("dell customer service", "con")}),
        ("I believe the issue is with the Nvidia card.", {("nvidia card", "con")}),
        ("The problem is not with the battery.", set()),
        ("Vista isn't the entire issue.", set()),  # a part of it, still
        ("The weight would only be an issue if it were bulky.", set()),
    ],
)
def test_pros_cons__missing_things_and_troubles(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The battery life is amazingly long.", {("battery", "pro")}),
        ("The portions are huge.", {("portion", "pro")}),
        ("The portions were tiny.", {("portion", "con")}),
        # High and low grade quality, whichever noun the parser hangs them on.
        ("The keyboard is high quality.", {("keyboard", "pro")}),
        ("The wireless card is low quality.", {("wireless card", "con")}),
        ("It has a high quality screen.", {("screen", "pro")}),  # "high" hung on "screen"
        ("Large LCD screen, good resolution.", {("lcd screen", "pro"), ("resolution", "pro")}),
        ("Very long-life battery.", {("battery", "pro")}),
        ("High quality video and pictures.", {("video", "pro"), ("picture", "pro")}),  # shared
        # but not with the rest of a list, nor across a misread one
        (
            "Big display, long battery life, FM radio and ringtones",
            {("display", "pro"), ("battery", "pro")},
        ),
        ("Cheap, the quality isn't that great, short battery life", {("quality", "con")}),
        ("High per page cost, bad hardware quality", {("hardware quality", "con")}),
        ("The $300 bill was a bit steep.", {("bill", "con")}),  # a bill is a price
        # Cold and dry by the dish: a cold beer is a pro, a cold pizza or dry chicken a con,
        # a dry wine neither.
        ("Ummm...the beer was cold.", {("beer", "pro")}),
        ("The pizza was delivered cold.", {("pizza", "con")}),
        ("I found that the chicken was extremely dry.", {("chicken", "con")}),
        ("The wine was dry.", set()),
        # Size and amount words judge nothing on their own.
        ("They sent it back with a huge crack in it.", set()),
        ("Hope you have your own copies.", set()),
        ("There are special effects for video.", set()),
    ],
)
def test_pros_cons__size_words_judge_only_where_the_aspect_says(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Quantity and kind nouns pass the opinion on to what they are of ...
        ("A lot of the levels are boring.", {("level", "con")}),
        ("One of the speakers is broken.", {("speaker", "con")}),
        ("I love the ease of use.", {("use", "pro")}),
        # ... containers, ranges and quality keep the whole phrase, counted under the thing.
        ("We had a great bottle of wine.", {("wine", "pro")}),
        ("The selection of wines is excellent.", {("wine", "pro")}),
    ],
)
def test_pros_cons__of_phrases(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__of_phrase_text_is_the_whole_phrase(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "The selection of wines is excellent.")
    assert opinion.aspect_text == "selection of wines"


def test_pros_cons__hyphenated_words_belong_to_the_aspect(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "I love the multi-touch trackpad.")
    assert (opinion.aspect_text, opinion.polarity) == ("multi-touch trackpad", "pro")
    assert opinion.aspect == "multi-touch trackpad"
    # but the opinion word's own piece is the opinion's
    (opinion,) = opinions(nlp, "Very long-life battery.")
    assert (opinion.aspect_text, opinion.polarity) == ("battery", "pro")
    # a hyphened word the parser split into a phrase of its own ("built" + "in")
    (opinion,) = opinions(nlp, "The built-in webcam is great.")
    assert (opinion.aspect, opinion.aspect_text) == ("built-in webcam", "built-in webcam")


@pytest.mark.parametrize(
    ("text", "aspect_text"),
    [
        # an adjective giving a value of a quality is no part of it
        ("Good, dark atmosphere.", "atmosphere"),
        ("We enjoyed the unobtrusive atmosphere.", "atmosphere"),
        # a kind, a place or a name is
        ("The outdoor atmosphere was wonderful.", "outdoor atmosphere"),
        ("The blond wood decor is very soothing.", "blond wood decor"),
        ("The hard drive is great.", "hard drive"),
    ],
)
def test_pros_cons__an_adjective_of_value_is_not_part_of_a_quality(nlp, text, aspect_text) -> None:  # type: ignore[no-untyped-def]
    assert [o.aspect_text for o in opinions(nlp, text)] == [aspect_text]


def test_pros_cons__an_adjective_inside_a_list_is_its_items_own(nlp) -> None:  # type: ignore[no-untyped-def]
    found_words = {
        (o.aspect_text, o.opinion_text)
        for o in opinions(nlp, "**What I like:** markdown support, fast search, tags.")
    }
    assert ("search", "fast") in found_words and ("tags", "fast") not in found_words
    assert ("tags", "like") in found_words


def test_pros_cons__a_version_number_belongs_to_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "I love windows 7.")
    assert (opinion.aspect_text, opinion.polarity) == ("windows 7", "pro")


@pytest.mark.parametrize(
    ("text", "aspect", "aspect_text"),
    [
        # a version inside a name, the number the name's or the head's
        ("The Windows 10 update broke my wifi.", "windows 10 update", "Windows 10 update"),
        ("The iOS 17 update is terrible.", "ios 17 update", "iOS 17 update"),
        ("Windows 7 Starter is terrific.", "windows 7 starter", "Windows 7 Starter"),
        (
            "The firewire 800 interface is useful.",
            "firewire 800 interface",
            "firewire 800 interface",
        ),
        # a size is quoted but not counted: the screen, whatever its inches
        ("The 15 inch screen is great.", "screen", "15 inch screen"),
        ("The 4 GB RAM is great.", "ram", "4 GB RAM"),
        # a count or a time is neither
        ("I love the 2 burgers.", "burger", "burgers"),
        ("We sat through a 30 minute wait, which was awful.", "wait", "wait"),
    ],
)
def test_pros_cons__numbers_in_names_and_sizes(nlp, text, aspect, aspect_text) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, text)
    assert (opinion.aspect, opinion.aspect_text) == (aspect, aspect_text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The food was OK.", set()),  # lukewarm is not a pro anyone acts on
        ("Service was prompt and non-intrusive.", {("service", "pro")}),
        # how fast it got worse: the decrease a con, "quickly" no pro
        ("The battery life decreased very quickly.", {("battery", "con")}),
        ("The hard drive crashed as well.", {("hard drive", "con")}),
        ("The camera performs well.", {("camera", "pro")}),
        ("The updates come quickly.", {("update", "pro")}),
    ],
)
def test_pros_cons__lukewarm_prefixed_and_adverbs_of_how_it_works(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is easy to use.", {("use", "pro")}),
        ("Simple to use, and great graphics.", {("use", "pro"), ("graphics", "pro")}),
        ("It is slow to boot up.", {("boot up", "con")}),
        ("I was able to install it.", set()),  # ability, not ease
        ("It is easy to use and lightweight.", {("use", "pro")}),
        ("It looks sleek and modern.", {("look", "pro")}),  # the product's look
        ("Runs smooth and quick.", {("performance", "pro")}),  # how it runs
        (
            "The laptop runs just as fast as the first day.",
            {("overall", "pro"), ("performance", "pro")},
        ),
        ("This comes in very handy.", set()),
        ("This phone feels flimsy.", {("overall", "con"), ("feel", "con")}),
        ("Looks nice, but the buttons feel flimsy.", {("look", "pro"), ("button", "con")}),
        ("I felt unwelcome there.", set()),  # the writer's feeling, not the product's feel
        ("It is so simple to set up.", {("set up", "pro")}),  # "simple" alone judges nothing
        ("The ease of set up was terrific.", {("set up", "pro")}),  # a phrasal verb as a noun
        # "working" says it works, not which microphone
        ("It has a good working microphone.", {("microphone", "pro")}),
        ("An easy to use, stylish computer.", {("use", "pro"), ("overall", "pro")}),
        (
            "It made the laptop much easier to use and navigate.",
            {("use", "pro"), ("navigate", "pro")},
        ),
        ("The Mac OS is extremely easy to use.", {("mac os", "pro"), ("use", "pro")}),
        ("The iLife software is so simple to use.", {("ilife software", "pro"), ("use", "pro")}),
        ("The keys are easy to type on.", {("key", "pro")}),  # the keys, not typing
        # a verb of its own after "and" is no second activity
        ("It is hard to fix and makes it a pain to keep one.", {("fix", "con")}),
        ("It is easy to switch from one profile to the next.", set()),  # "it" stands for nothing
        # a circumstance set off by a comma is no place gone to
        ("The buttons are hard to manipulate, especially with gloves.", {("button", "con")}),
        ("The game is hard to beat.", set()),  # praise, not a hard activity
        # any judging word said of a use of it: the use is judged
        ("It is absolutely horrible to use.", {("use", "con")}),
        ("It's so nice to look at.", {("look", "pro")}),
        (
            "This tablet was so challenging to carry and handle.",
            {("overall", "con"), ("carry", "con"), ("handle", "con")},
        ),
        ("It is nice to relax.", set()),  # no use of it
        # for whom it is easy is no place the activity goes
        ("Easy to use for beginners.", {("use", "pro")}),
        # "just as well" is as good; "as well" alone is "too"
        ("It works just as well.", {("work", "pro")}),
        ("It crashed as well.", {("overall", "con")}),
        # what takes getting used to
        ("The touch bar does take a little getting used to.", {("touch bar", "con")}),
        # what it works well for
        ("It works great for gaming.", {("work", "pro"), ("gaming", "pro")}),
        ("It works great for general internet use.", {("work", "pro"), ("internet use", "pro")}),
        # what is easy or hard to use or get, after a dummy "it"
        ("It's also pretty easy to use the photo editor.", {("photo editor", "pro")}),
        ("It's easy to get a table for a large group.", {("table", "pro")}),
        ("It was hard to find the settings.", {("setting", "con")}),
        ("It's easy to create playlists.", set()),  # what is made, not used
        ("It can be fun to learn the tricks.", set()),
        ("It is ready to use.", set()),  # it can be used: no verdict on using it
        ("I was happy to use it.", set()),
        ("The menus are confusing to navigate.", {("menu", "con")}),
        ("The hinge was quick to break.", {("hinge", "con")}),  # how soon it fails
        ("The battery does not last very long.", {("battery", "con")}),
        ("The battery would only last about an hour.", {("battery", "con")}),
        ("The battery lasts all day.", {("battery", "pro")}),
        ("The battery lasts five hours.", set()),  # a figure, no verdict
        ("The charger gets so hot it is scary.", {("charger", "con")}),
        ("The fan blade fell apart.", {("fan blade", "con")}),
        ("Sometimes the screen even goes black.", {("screen", "con")}),
        ("First the screen goes completely out.", {("screen", "con")}),
        ("Now the screen is going darker.", {("screen", "con")}),
        ("My monitor has been acting up.", {("monitor", "con")}),
        ("The keys stick periodically.", {("key", "con")}),
        ("The screen quit working after three weeks.", {("screen", "con")}),
        ("After 20 minutes the screen switched off.", {("screen", "con")}),
        ("The player would not shut off.", {("player", "con")}),  # a fault either way
        ("The phone must be shut down to change the card.", set()),
        ("I will stick with this keyboard.", set()),  # staying, not a fault
        ("The only downfall is the volume control.", {("volume control", "con")}),
        ("Excellent LED monitor.", {("led monitor", "pro")}),  # "Excellent" tagged a noun
        ("Great service, Excellent sushi.", {("service", "pro"), ("sushi", "pro")}),
        ("Finally the hard drive went out.", {("hard drive", "con")}),
        ("The touchpad locked up twice.", {("touchpad", "con")}),
        ("The webcam keeps shorting out.", {("webcam", "con")}),
        ("The LCD cracked in the cold.", {("lcd", "con")}),
        ("The battery gave out after a year.", {("battery", "con")}),
        ("The paint wears off easily.", {("paint", "con")}),
        ("The letters on the keys rubbed off.", {("letter", "con")}),
        ("Great food and service.", {("food", "pro"), ("service", "pro")}),
        ("Great food and the service is slow.", {("food", "pro"), ("service", "con")}),
        ("This tablet meets every need and Windows 10 is great!", {("windows 10", "pro")}),
    ],
)
def test_pros_cons__activities_phrasal_complaints_and_coordination(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The only problem is the battery.", {("battery", "con")}),
        ("The pizza here is one of the best in the city.", {("pizza", "pro")}),
        ("I can't recommend the Godmother pizza enough.", {("godmother pizza", "pro")}),
        ("I couldn't recommend their pizza any higher.", {("pizza", "pro")}),
        ("I would not recommend the pizza.", {("pizza", "con")}),
        ("I ordered the mojito, which was out of this world.", {("mojito", "pro")}),
        ("I'm partial to the gnocchi.", {("gnocchi", "pro")}),
        ("You can't go wrong with the burger.", {("burger", "pro")}),
        ("Try the tandoori salmon!", {("tandoori salmon", "pro")}),  # advice to the reader
        ("Order the panang duck, it's fantastic.", {("panang duck", "pro")}),  # before a clause
        ("When you try the fish, order wine.", set()),  # a time, not advice
        (
            "Great place, and definitely try the striped bass.",
            {("overall", "pro"), ("striped bass", "pro")},
        ),
        ("Don't order the calamari.", {("calamari", "con")}),
        ("Definitely avoid the fish.", {("fish", "con")}),
        ("I try the fish every time.", set()),  # the writer's habit, not advice
        ("We went there anticipating great food.", set()),  # sought, not found
        ("We were looking for a good laptop.", set()),
        ("It lacks good speakers.", {("speaker", "con")}),  # what it lacks is no pro
        ("Cons: lack of interesting updates", {("update", "con")}),
        ("The phone lacks quality construction.", {("build quality", "con")}),
        ("For people who want great food plus great service, Roxy is a place to AVOID!", set()),
        ("We got great food and great service.", {("food", "pro"), ("service", "pro")}),
        ("Our family never expected such incredible entertainment.", {("entertainment", "pro")}),
        ("For authentic Thai food, look no further.", {("thai food", "pro")}),
        ("Try resetting network settings, fixed it for me", set()),  # a fix, not a thing
        ("Try verifying game files, fixed my crash", set()),
        ("You won't go wrong with this laptop.", {("overall", "pro")}),
        ("The food and service are among the best in town.", {("food", "pro"), ("service", "pro")}),
        ("The keyboard is top-notch.", {("keyboard", "pro")}),
        ("The dinner menu is diverse and top-notch.", {("dinner menu", "pro")}),  # second
        ("Pizza is terrific, as is homemade pasta.", {("pizza", "pro"), ("homemade pasta", "pro")}),
        ("The food is so good and so are all the kababs.", {("food", "pro"), ("kabab", "pro")}),
        ("Their prices are so cheap!", {("price", "pro")}),  # a cheap price
        ("The food is so cheap and the waiters are so nice.", {("food", "pro"), ("waiter", "pro")}),
        ("The food looked appetizing and delicious.", {("food", "pro")}),
        ("The battery life seems to be very good.", {("battery", "pro")}),
        ("Each bite of food was delicious.", {("food", "pro")}),
        (
            "The staff was attentive, the ambience lovely, and the food superb.",
            {("staff", "pro"), ("ambience", "pro"), ("food", "pro")},
        ),
        ("The food was below average.", {("food", "con")}),
        ("The service was above average.", {("service", "pro")}),
        ("The service is not up to par.", {("service", "con")}),
        ("The soup is rich in flavor.", {("soup", "pro"), ("flavor", "pro")}),
        ("The earbuds are decent in sound.", {("earbud", "pro"), ("audio", "pro")}),
        ("It is fantastic in terms of audio quality.", {("audio quality", "pro")}),
        ("It was too hot in the sun.", {("overall", "con")}),  # where, not what: the product
        ("Great product with a great looking design.", {("overall", "pro"), ("design", "pro")}),
        ("World class sushi.", {("sushi", "pro")}),
        ("Service is not exactly five star.", {("service", "con")}),
        ("It is a second rate restaurant.", {("overall", "con")}),
        ("My steak was one of the worst I've had.", {("steak", "con")}),
        ("This is definitely the phone for you.", {("overall", "pro")}),
        ("The X2 is not the laptop for you.", {("overall", "con")}),  # a configured name
        ("Great laptop for the price.", {("overall", "pro"), ("price", "pro")}),
        ("Performance is good for the price.", {("performance", "pro"), ("price", "pro")}),
        ("Poor sound quality for the price.", {("sound quality", "con"), ("price", "con")}),
        ("It is well worth the price.", {("price", "pro")}),
        ("The case is not worth the price.", {("price", "con"), ("case", "con")}),
        ("Good laptop for the money.", {("overall", "pro")}),  # the buyer's money, not a price
        ("Its ease of use cannot be beat.", {("use", "pro")}),
        ("The beauty of the design is obvious.", {("design", "pro")}),
        ("I was not a fan of the malai kofta.", {("malai kofta", "con")}),
        ("Being a fan of spicy ethnic foods, I came back.", {("spicy ethnic food", "pro")}),
        ("The hassle of the setup put me off.", {("setup", "con")}),
        ("My one complaint is the price.", {("price", "con")}),
        ("The only disappointment has been the battery life.", {("battery", "con")}),
        ("The best part is the screen.", {("screen", "pro")}),
        ("Best of all is the battery.", {("battery", "pro")}),
        ("Worst of all is the customer service.", {("customer service", "con")}),
        ("The worst thing about it is the fan noise.", {("fan noise", "con")}),
        (
            "The only thing that isn't perfect about this netbook is the speakers.",
            {("speaker", "con")},
        ),
        # a favourite, or the best or worst of a kind, is what it is said to be
        ("My personal favorite is the seafood spaghetti.", {("seafood spaghetti", "pro")}),
        ("My favorite dish is the lamb.", {("dish", "pro"), ("lamb", "pro")}),
        ("The worst dish was the salmon.", {("dish", "con"), ("salmon", "con")}),
        ("The Peter's Favourite pizza is a margarita pizza.", set()),  # a name
        ("The laptop is easy to use.", {("overall", "pro"), ("use", "pro")}),
    ],
)
def test_pros_cons__verdict_nouns_judge_their_predicate(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The keyboard is too slick.", {("keyboard", "con")}),  # more than wanted
        ("The AI features are useless but easy to ignore.", {("ai feature", "con")}),
        ("Only gripe: the included cable is way too short.", {("included cable", "con")}),
        ("The camera is insane.", set()),  # slang: praise here, blame in "the lag is insane"
        ("Faces look smoothed.", set()),  # "smoothed" is not "smooth"
        (
            "the campain is realy fun and teh music is awsome",
            {("campain", "pro"), ("music", "pro")},  # not "teh music"
        ),
        ("i love ths notebook.", {("overall", "pro")}),  # "ths" for "this"
        ("Downfalls: sharp edges.", {("edge", "con")}),  # sharp edges cut, a sharp screen is praise
        ("Features like the font are old school.", set()),  # "like" as "such as"
        ("Like the price and operation.", {("price", "pro"), ("operation", "pro")}),
        ("I've never had bad service here.", {("service", "pro")}),  # the negation of having
        ("I haven't found a better phone.", {("overall", "pro")}),  # praise, not a con
        ("Ambience is delightful, service impeccable.", {("ambience", "pro"), ("service", "pro")}),
        ("The food was well prepared.", {("food", "pro")}),  # how well it was made
        ("The case is very cheaply made.", {("case", "con")}),
        ("A poorly designed menu.", {("menu", "con")}),
        ("The wine is reasonably priced.", {("price", "pro")}),  # its price, as "priced"
        ("The chef is well known.", set()),
        ("The steak was fine and the sauce was overpowering.", {("sauce", "con")}),  # -ing
        ("The program was not blocking any cookies.", set()),  # a verb with its object
        ("The dessert wine was far too sweet.", {("dessert wine", "con")}),
        ("The space is a bit too small for live music.", {("space", "con")}),
        ("The bill is never too large.", {("bill", "pro")}),
        ("This game is too good!", {("overall", "pro")}),  # casual praise
        ("The dim sum was excellent.", {("dim sum", "pro")}),
        ("I am not a happy camper.", set()),  # the writer's mood, no aspect
        ("Great for a romantic evening.", {("overall", "pro")}),  # not the occasion: the place
        ("Always popular, always full, always a wait.", set()),  # "popular" is not the wait's
        ("After extensive research, I bought the X2.", set()),  # the writer's own work
        ("I got the Limited Edition package.", set()),  # a name
        ("To my mind far more usable than the toy they call a Chromebook.", set()),  # my mind
        ("We sat next to a loud group of kids.", set()),  # other guests
        ("I am glad to have gotten mine.", set()),  # "mine" names no aspect
        ("The tech support group is very responsive.", {("tech support group", "pro")}),
        ("It made me lean closer to my beautiful wife.", set()),  # the writer's company
        ("The release date was disappointing.", {("release date", "con")}),
        ("The dim sum orders were bland.", {("dim sum order", "con")}),  # "dim" no judge
        ("A mid-range phone with a great screen.", {("screen", "pro")}),  # slang "mid" no judge
        ("Smooth on my mid range PC.", set()),
        ("I have been a Mac fan since the early 2000s.", set()),
        ("I am heading to the uptown branch next week.", set()),
        ("Honestly the game is mid.", {("overall", "con")}),  # slang said of a thing
        ("The rewards look pretty mid ngl.", {("reward", "con")}),
        ("Bagels are ok, but be sure not to ask for changes.", set()),  # certainty
        ("The sides were ok and incredibly salty.", {("side", "con")}),  # side dishes
        ("The portion sizes are huge.", {("portion", "pro")}),  # a portion's size
        ("On the bright side, the screen is great.", {("screen", "pro")}),  # a frame
        ("We ate near the main hall of Grand Central.", set()),  # a name
        ("I downloaded the update from the Creative website.", set()),  # a maker's name
        ("My personal laptop is awesome!", {("overall", "pro")}),  # the writer's own
        ("Most laptops are awful to type on.", set()),  # the kind, not this one
        ("This is one of the best purchases I have made.", {("overall", "pro")}),
        ("Every phone cracks from a drop.", set()),  # the kind, not this one
        ("The lava cake dessert was incredible.", {("lava cake dessert", "pro")}),
        ("The entire dining experience was wonderful!", {("dining experience", "pro")}),
        ("The loading time is terrible.", {("loading time", "con")}),
        ("It was a great experience.", set()),  # no thing of the product
        ("We loved the atmorphere at this bar.", {("atmorphere", "pro")}),  # misspelt: ADJ
        ("The atmorphere is great.", {("atmorphere", "pro")}),  # tagged ADV
        (
            "The main course had a small portion, and was decent.",
            {("main course", "pro"), ("portion", "con")},
        ),
        ("My boyfriend was satisfied.", set()),  # a feeling, not a verdict on him
        ("And the Tom Kha soup was pathetic.", {("tom kha soup", "con")}),
        ("The lighting is dim.", {("lighting", "con")}),
        ("The service could be better.", {("service", "con")}),
        ("The buttons could be more durable.", {("button", "con")}),
        ("The service could be improved.", {("service", "con")}),
        ("It needs better speakers.", {("speaker", "con")}),  # what it needs, it lacks
        ("The only thing it needs is better speakers.", {("speaker", "con")}),
        ("The speakers are not very loud.", {("speaker", "con")}),  # loud speakers are a pro
        ("The fan is loud.", {("fan", "con")}),  # a loud fan is not
        ("The sound is a bit quiet.", {("audio", "con")}),
        ("The screen is big enough for my work.", {("screen", "pro")}),  # enough is a pro
        ("It has a big enough screen.", {("screen", "pro")}),
        ("The large screen helps with design work.", {("screen", "pro")}),  # by the aspect
        ("The keyboard is ridiculously small.", {("keyboard", "con")}),
        ("We managed to have a short wait.", {("wait", "pro")}),
        ("There was a 30 minute wait.", {("wait", "con")}),  # having to wait
        ("There was no wait at all.", {("wait", "pro")}),
        ("This place is definitely worth the wait.", {("wait", "pro"), ("overall", "pro")}),
        ("The resolution isn't high enough.", {("resolution", "con")}),
        ("Right size and weight for portability.", {("size", "pro"), ("weight", "pro")}),
        ("The portions were reasonable.", {("portion", "pro")}),
        ("Any reasonable person can solder it.", set()),  # sensible, no praise
        ("The camera should be sharper.", {("camera", "con")}),
        ("My biggest complaint was the un-tasty food.", {("food", "con")}),
    ],
)
def test_pros_cons__fixed_names_room_for_improvement_and_prefixes(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Screen great, battery awful.", {("screen", "pro"), ("battery", "con")}),
        ("Service slow, food cold.", {("service", "con"), ("food", "con")}),
        (
            "The food was good and the portions very small.",
            {("food", "pro"), ("portion", "con")},
        ),
        ("The staff was attentive, the ambience lovely.", {("staff", "pro"), ("ambience", "pro")}),
        ("The price not great, honestly.", {("price", "con")}),
        ("My daughter loves.", set()),  # a verb has a subject: not shorthand
        # the copula the parser lost: "awesome" made an adverb of "try"
        (
            "The food is awesome - definitely try the grilled squid.",
            {("food", "pro"), ("grilled squid", "pro")},
        ),
        ("I am using the bluetooth speaker- sound is great.", {("audio", "pro")}),
        ("Their lasagna is horrific, bad, stomach-turning, YUCK.", {("lasagna", "con")}),
        # the parser hung "nice" on the noun after the comma
        (
            "The display is nice, side view angles are quite good.",
            {("display", "pro"), ("side view angle", "pro")},
        ),
        ("It is a nice, bright screen.", {("screen", "pro")}),  # an article: attributive
    ],
)
def test_pros_cons__verbless_shorthand(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__an_adjective_taken_for_a_noun_is_not_an_aspect(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The food was terrific and the service classy."
    assert found(nlp, text) == {("food", "pro"), ("service", "pro")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("If you are in town, the pizza here is amazing.", {("pizza", "pro")}),
        ("If it had a better screen, I would buy it.", set()),
        ("The camera is great, unless you need a good zoom.", {("camera", "pro")}),
    ],
)
def test_pros_cons__only_the_conditional_clause_is_hypothetical(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name called a product is the product as a whole, whichever it is
        ("The iPod is a very nice product.", {("overall", "pro")}),
        ("Dell Latitude d630 is not a reliable machine.", {("overall", "con")}),
        ("The garden is a great place to sit.", {("garden", "pro")}),
        ("The support has been less than impressive.", {("support", "con")}),
    ],
)
def test_pros_cons__named_product_and_less_than(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__a_named_product_word_is_the_product(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "My Toshiba laptop is great.") == {("overall", "pro")}
    assert found(nlp, "The camera app keeps crashing.") == {("camera app", "con")}
    # adjectives of its kind still name the product; plurals name the kind and give nothing
    assert found(nlp, "It is the best Indian restaurant in town.") == {("overall", "pro")}
    assert found(nlp, "I stumbled upon this great pizzeria.") == {("overall", "pro")}
    assert found(nlp, "There are better Taiwanese restaurants in Flushing.") == set()
    assert found(nlp, "The mobile app is much better.") == {("mobile app", "pro")}
    assert found(nlp, "Anti-cheat improvements are coming.") == set()
    # the writer's product by its name alone
    assert found(nlp, "I just love my Mac!") == {("overall", "pro")}
    assert found(nlp, "I would highly recommend this MacBook.") == {("overall", "pro")}
    # words for a product of any kind
    assert found(nlp, "It's just a great toy to keep around the house.") == {("overall", "pro")}
    assert found(nlp, "What a fantastic gadget.") == {("overall", "pro")}
    assert found(nlp, "I love Snow Leopard.") == {("snow leopard", "pro")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a maker or product line is the product as a whole (or its maker), never a part
        ("Dell sucks", {("overall", "con")}),
        ("Stay away from HP.", {("overall", "con")}),
        ("THESE MACS ARE TOTALLY RELIABLE.", {("overall", "pro")}),
        ("I honestly love my mac.", {("overall", "pro")}),
        ("A mac is very easy to use.", {("overall", "pro"), ("use", "pro")}),
        # before a maker or a product word, a maker's name in small letters is still one
        ("My mac laptop is fabulous.", {("overall", "pro")}),
        ("The apple MacBook is the best investment I have made.", {("overall", "pro")}),
        ("Apple is one of the best computer companies.", {("overall", "pro")}),
        ("The apple pie was bland.", {("apple pie", "con")}),
        # a maker's model by its number is a product too, but not a maker's program
        ("I would not recommend the Dell Vostro 1000.", {("overall", "con")}),
        ("The Samsung Galaxy S23 is great.", {("overall", "pro")}),
        ("Google Maps is great.", {("google maps", "pro")}),
        # the quality of one is the product's quality
        ("The quality of a mac is great.", {("quality", "pro")}),
        ("The song quality of the iPod is excellent.", {("song quality", "pro")}),
        ("The Macbook is the best!", {("overall", "pro")}),
        ("I did not like my acer.", {("overall", "con")}),
        ("I've never really liked the Acer brand.", {("overall", "con")}),
        ("Toshiba is a great brand.", {("overall", "pro")}),
        ("The brand is well known.", set()),
        # parts named with them stay parts
        ("Dell customer service was terrible.", {("dell customer service", "con")}),
        ("The Acer screen is dim.", {("acer screen", "con")}),
        # "apple" and "mac" in small letters are food unless someone's or pointed at
        ("The apple was bland.", {("apple", "con")}),
        ("Apple is always great.", {("overall", "pro")}),
        ("The mac and cheese was great.", {("mac", "pro"), ("cheese", "pro")}),
    ],
)
def test_pros_cons__makers_and_product_lines_are_the_product(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the product the writer had before is not the one reviewed, nor are its parts
        ("My old laptop was terrible.", set()),
        ("It is nothing like my tired old PC laptop.", set()),
        ("My old windows laptop died on me.", set()),
        ("My previous phone had a terrible camera.", set()),
        ("The camera on my old phone was awful.", set()),
        ("My old phone's camera was awful.", set()),
        ("Past models had a terrible keyboard.", set()),
        ("This laptop is great, my last one was terrible.", {("overall", "pro")}),
        # but this one grown old is this one, and an old part of it is its part
        ("My 3 year old laptop is still great.", {("overall", "pro")}),
        ("The old menu was better.", {("menu", "pro")}),
    ],
)
def test_pros_cons__a_product_had_before_is_not_this_one(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_line_breaks_end_statements(nlp) -> None:  # type: ignore[no-untyped-def]
    """A title, then a body: each line is read on its own, whatever the parser joined."""
    text = "Coffee or tea while note taking?\nJust curious what everyone drinks"
    assert found(nlp, text) == set()  # the question does not lend "curious" to the title
    text = "Recommended\nSoundtrack is incredible. Balance is a mess."
    # the title recommends the product, not the soundtrack
    assert found(nlp, text) == {("overall", "pro"), ("soundtrack", "pro"), ("balance", "con")}
    sentences = {o.aspect: text[o.sentence_start : o.sentence_end] for o in opinions(nlp, text)}
    assert sentences["soundtrack"] == "Soundtrack is incredible."
    assert sentences["overall"] == "Recommended"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They have a lunch menu that is outstanding.", {("lunch menu", "pro")}),
        ("They have the BEST oatmeal in town.", {("oatmeal", "pro")}),
        ("Not too crazy about their sake martini.", {("sake martini", "con")}),
    ],
)
def test_pros_cons__relative_clauses_capitals_and_crazy_about(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__how_it_runs_is_an_aspect_when_the_subject_is_the_product(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "It runs a lot faster.") == {("performance", "pro")}
    assert found(nlp, "The camera performs well.") == {("camera", "pro")}


def test_pros_cons__a_listed_subject_shares_the_predicate(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The editor, the search and the sync are all excellent."
    assert found(nlp, text) == {("editor", "pro"), ("search", "pro"), ("sync", "pro")}


def test_pros_cons__pieces_of_a_hyphened_subject_are_one_aspect(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "The new co-op is fun.") == {("co-op", "pro")}


def test_pros_cons__a_name_the_parser_cut_in_apposition_is_one_aspect(nlp) -> None:  # type: ignore[no-untyped-def]
    # "lasagna" set in apposition to "crabmeat", with no comma between: one dish
    text = "You must have the crabmeat lasagna which is out of this world."
    assert {o.aspect_text for o in opinions(nlp, text)} == {"crabmeat lasagna"}
    assert {o.aspect_text for o in opinions(nlp, "My favorite place lol")} == {"place"}
    assert {o.aspect_text for o in opinions(nlp, "The place its self was great.")} == {"place"}
    # "marsala" read as the measure of "chicken tikka"
    text = "Their chicken tikka marsala is quite good."
    assert {o.aspect_text for o in opinions(nlp, text)} == {"chicken tikka marsala"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("All in all, it hasn't been a bad device at all.", {("overall", "pro")}),
        ("It is not a good phone.", {("overall", "con")}),
        ("The screen is not a strong point.", {("screen", "con")}),
    ],
)
def test_pros_cons__a_negated_copula_negates_its_predicate_noun(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I am so glad I bought this camera.", {("camera", "pro")}),
        ("I regret buying this laptop.", {("overall", "con")}),
        ("I do not regret buying the charger.", {("charger", "pro")}),
        # or about using it, said with a gerund
        ("We really enjoy playing it on weekends.", {("overall", "pro")}),
        ("I love using the camera at night.", {("camera", "pro")}),
        ("Honestly I hate using the new menu.", {("menu", "con")}),
        ("I don't enjoy playing it anymore.", {("overall", "con")}),
        ("I'd love to play it again.", set()),  # a wish, not a verdict
    ],
)
def test_pros_cons__a_feeling_about_buying_it_is_about_what_was_bought(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I would like a longer battery life.", {("battery", "con")}),
        ("I'd love a bigger screen.", {("screen", "con")}),
        ("I would recommend this charger.", {("charger", "pro")}),
        ("What kind of case would you like? The service was good.", {("service", "pro")}),
    ],
)
def test_pros_cons__would_like_is_a_wish(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun said of its subject judges it, in the product sense of the word
        ("Vista is a nightmare.", {("vista", "con")}),
        ("The keyboard is a joke.", {("keyboard", "con")}),
        ("The lunch special is an absolute steal.", {("lunch special", "pro")}),
        ("The setup was a breeze.", {("setup", "pro")}),
        ("The lemon sauce was great.", {("lemon sauce", "pro")}),
        # "no" before a predicate noun negates it; "no joke" says too little
        ("The staff is no nonsense.", {("staff", "pro")}),
        ("The charger is no bargain.", {("charger", "con")}),
        ("The battery is no joke.", set()),
    ],
)
def test_pros_cons__predicate_nouns_judge_their_subject(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adjective the parser made a compound
        ("Awesome graphics!", {("graphics", "pro")}),
        ("Delicious crab cakes too.", {("crab cake", "pro")}),
        # "have yet to": not so far
        ("I have yet to have a single problem with this charger.", {("charger", "pro")}),
        ("The battery has yet to fail.", {("battery", "pro")}),
        # an object judged by the adjective after it
        ("I found the service slow.", {("service", "con")}),
        ("We found the staff very friendly.", {("staff", "pro")}),
        ("I consider the battery excellent.", {("battery", "pro")}),
        (
            "I found the food, service and value outstanding.",
            {("food", "pro"), ("service", "pro"), ("price", "pro")},
        ),
        # which one or whether it can be used: no judgement
        ("It was one of the original players in the market.", set()),
        ("After a quick update the charger was ready to go.", {("update", "pro")}),
        # a wish after a first clause leaves the first clause alone
        ("I just love this keyboard, I just wish it were all silver.", {("keyboard", "pro")}),
        # expletives and units are no part of an aspect, nor an aspect
        ("The freaking motherboard just died.", {("motherboard", "con")}),
        ("The only downfall is the battery only last 2 hrs.", {("battery", "con")}),
        ("I'm tired of the inept service.", {("service", "con")}),
    ],
)
def test_pros_cons__compounds_small_clauses_and_wishes_after_praise(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the product needs or the writer wishes for, named by a clause, is missing
        ("What this product really needs is better documentation.", {("documentation", "con")}),
        ("The only thing I wish is the charger had better cables.", {("cable", "con")}),
        # a relative clause under a wish tells what is
        ("We wished we had ordered pizza, which looked PERFECT.", {("pizza", "pro")}),
        # the negation of a verb of giving or having reaches the adjective on its object
        ("Linksys does not write the best documentation.", {("documentation", "con")}),
        ("I have never had such great service.", {("service", "pro")}),
        ("I've rarely had a problem with the staff.", {("staff", "pro")}),
        # "-like" makes a word of its own: no liking
        ("Features like the font are very block-like.", set()),
    ],
)
def test_pros_cons__needs_wishes_and_negated_giving(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a part that had to be repaired failed
        ("The motherboard was replaced twice.", {("motherboard", "con")}),
        ("The bugs were fixed within a day.", set()),  # a trouble mended, no part failed
        ("I've also had to get the charger replaced at my own cost.", {("charger", "con")}),
        ("The screen had to be replaced.", {("screen", "con")}),
        # what can be done, an upgrade, or how it stands now: no failure
        ("The battery can be replaced easily.", set()),
        ("The hard drive was replaced with an SSD.", set()),
        ("That bug is fixed.", set()),
        # what the writer would change is what is wrong
        ("The only thing I would change about it is the arrow keys.", {("arrow key", "con")}),
        # aspect-dependent adjectives
        ("The battery is irreplaceable.", {("battery", "con")}),
        ("The delivery was late.", {("delivery", "con")}),
        ("The servings were small.", {("portion", "con")}),
    ],
)
def test_pros_cons__repairs_changes_and_aspect_dependent_words(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after a dash the writer says what it is instead: the negation stops there
        ("But the thai is definitely not great -- bland and forgettable.", {("thai", "con")}),
        ("The screen is not bright or sharp.", {("screen", "con")}),
        # a sense of humour, a good laugh: nothing of the product
        ("Bring a good sense of humor.", set()),
    ],
)
def test_pros_cons__negation_stops_at_a_dash(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "not just" says more, not the opposite
        ("Team Fortress 2 is not just a really fun shooter.", {("shooter", "pro")}),
        ("The food was not just bad, it was awful.", {("food", "con")}),
        # the writer's life and someone else's wishes are nothing of the product
        ("I hate my life.", set()),
        ("My battery life is great.", {("battery", "pro")}),
        ("Every other shooter out there wishes it had a quarter of the charm.", set()),
        # idioms of complaint verbs, and a negated "seem" over its clause
        ("Yeah, this guy cracks me up.", set()),
        ("The Diaper Champ hung in there till the very end.", set()),
        ("The app hangs in the menu.", {("overall", "con")}),
        ("It does not seem to me that the ending is offensive.", {("ending", "pro")}),
        # which plan, "X free", a fault fixed, an adjective inside a list
        ("Full screen ads in the free version are unacceptable.", {("screen ad", "con")}),
        ("The editor is distraction free.", {("editor", "pro")}),
        ("The app is bug-free.", {("overall", "pro")}),
        ("Image paste crash fixed, battery improvements.", set()),
        ("Sync issue resolved in 3.2.", set()),
        (
            "**What I like:** markdown support, fast search, tags.",
            {("markdown support", "pro"), ("search", "pro"), ("tag", "pro")},
        ),
        (
            "Great battery, speed and display.",
            {("battery", "pro"), ("speed", "pro"), ("display", "pro")},
        ),
        # read on Liu's pros and cons phrases: a wish of what is not there, "too" before an
        # ease word or in shorthand, a verbless first adjective's own "not", running out
        ("A bigger screen would be nice.", {("screen", "con")}),
        ("A dark mode would be nice.", {("dark mode", "con")}),
        ("The camera would be great for kids.", {("camera", "pro")}),
        ("So a casual lunch here would probably be best.", {("casual lunch", "pro")}),
        ("The side buttons are too easy to accidentally press.", {("side button", "con")}),
        ("It is too good to be true.", set()),
        ("Price depreciation too fast", {("price depreciation", "con")}),
        ("Not very durable, slow in response time", {("performance", "con")}),
        ("The screen is not bright or sharp.", {("screen", "con")}),
        ("Runs out of ink fairly quickly", set()),
        ("No Zoom, Bad picture quality", {("picture quality", "con")}),
        (
            "Image quality is satisfactory, not outstanding.",
            {("image quality", "pro"), ("image quality", "con")},
        ),
        ("It is easy to scratch.", {("scratch", "con")}),
        ("The keys are easy to misdial.", {("key", "con")}),
        ("The food came out wrong, the waiter was nowhere.", {("food", "con")}),
        # addresses and code are no aspects
        ("[Poor Guy](https://www.youtube.com/watch?v=QBjf8T5k6Mk)", set()),
        ("print_log=True is great", set()),
    ],
)
def test_pros_cons__what_game_reviews_say_besides(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The price can't be beat!!!", {("price", "pro")}),
        ("You can't beat the prices.", {("price", "pro")}),
        ("The chef beat the eggs.", set()),
        ("This spot doesn't miss a beat.", set()),
        # "less" and "least" lower the word: "less expensive" praises the price
        ("The charger is less expensive than the original.", {("charger", "pro")}),
        ("It is the least reliable router I owned.", {("router", "con")}),
        # "the ease of use", read with "use" as a clause
        ("I am amazed at the ease of use the Mac offers.", {("use", "pro")}),
    ],
)
def test_pros_cons__unbeatable_less_and_ease_of_use(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # when it holds is no aspect
        ("The camera is incredible, especially in daylight.", {("camera", "pro")}),
        ("The autofocus keeps hunting in anything but perfect light.", set()),
        ("The light is bright and even.", {("light", "pro")}),  # a lamp's light
        ("Aurora X2 vs my DSLR: a quick comparison", set()),  # the writer's, no aspect
        # a name said to be a part of a kind is that part; a name of a place is the place
        ("iPhoto is an excellent program.", {("iphoto", "pro")}),
        # the examples given share the verdict
        (
            "It has many great programs, such as iLife, iPhoto and others.",
            {("program", "pro"), ("ilife", "pro"), ("iphoto", "pro")},
        ),
        (
            "It has fantastic features like the lighted keyboard.",
            {("feature", "pro"), ("lighted keyboard", "pro")},
        ),
        ("The screen is bright like the sun.", {("screen", "pro")}),  # a likeness, no example
        # what is singled out shares the verdict
        (
            "The desserts are great, especially the tiramisu.",
            {("dessert", "pro"), ("tiramisu", "pro")},
        ),
        ("The staff is rude, especially the manager.", {("staff", "con"), ("manager", "con")}),
        (
            "The food is yummy, especially the mussels and the fries.",
            {("food", "pro"), ("mussel", "pro"), ("fry", "pro")},
        ),
        ("The screen is bright, even in sunlight.", {("screen", "pro")}),
        ("The soup was rich in flavor.", {("soup", "pro"), ("flavor", "pro")}),
        # what is not there has no length
        (
            "No charger in the box and the included cable is way too short.",
            {("included cable", "con")},
        ),
    ],
)
def test_pros_cons__circumstances_and_absent_things_are_not_judged(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what is worth its price is praised with it
        ("The Prix Fixe menu is worth every penny.", {("prix fixe menu", "pro")}),
        ("The steak was not worth it.", {("steak", "con")}),
        ("The AI features are not worth the price increase.", {("ai feature", "con")}),
        ("The game is worth the hype.", {("overall", "pro")}),
        ("This phone is worth $500.", set()),  # a sum: what it costs
        ("The dessert is worth the price.", {("dessert", "pro"), ("price", "pro")}),
        # what staff do wrong
        ("The staff ignored us the entire time.", {("staff", "con")}),
        ("The waiter forgot our drinks.", {("waiter", "con")}),
        ("I forgot my charger.", set()),
        # a word split by a hyphen is read whole
        ("The lamb was under-cooked.", {("lamb", "con")}),
        # what hurts, what does not hurt the wallet; good for its value
        ("The edges hurt my wrists.", {("edge", "con")}),
        ("A menu that will not hurt your wallet.", {("menu", "pro")}),
        ("It is a good laptop for its value.", {("overall", "pro"), ("price", "pro")}),
        ("The case is over-priced.", {("case", "con")}),
        # "quality" alone before a noun praises it; not a term or a grade of quality
        ("They use quality ingredients.", {("ingredient", "pro")}),
        ("Quality control is poor.", {("quality control", "con")}),
        ("There are quality issues.", {("quality", "con")}),
        ("The phone has the same quality construction as mine.", set()),
        # the prefix written apart
        ("The drinks are way over priced.", {("drink", "con")}),
        ("The steak was over cooked.", {("steak", "con")}),
        ("I went over budget.", set()),
    ],
)
def test_pros_cons__worth_it_staff_failings_and_hyphened_opinions(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # how it runs or ships is an aspect; how it came or was cooked is said of its subject
        ("It was shipped very quickly.", {("ship", "pro")}),
        ("My tuna was cooked perfectly!", {("tuna", "pro")}),
        ("The steak was cooked to perfection.", {("steak", "pro")}),
        ("We were seated promptly.", {("seating", "pro")}),  # how the place seats guests
        ("The seats are comfortable.", {("seating", "pro")}),
        # whoever likes something, in a relative clause, is not the writer
        ("I would recommend it to anyone that likes a fast paced FPS.", {("overall", "pro")}),
        ("Zombies that are played by other players.", set()),  # playing is no verdict
        # the subject of "seems to" is the infinitive's
        ("The processor seems to perform much better.", {("processor", "pro")}),
        # "which" after a clause stands for what it says of its subject
        ("The DVD drive randomly pops open, which is annoying.", {("dvd drive", "con")}),
        ("The staff went above and beyond.", {("staff", "pro")}),
        # a second verb shares the first one's subject ...
        ("The chicken was seasoned and cooked perfectly.", {("chicken", "pro")}),
        ("The editor came with the tablet and works beautifully.", {("editor", "pro")}),
        # ... but not past a noun the parser left without its verb
        ("The search is instant and sync works flawlessly.", {("work", "pro")}),
        ("It came a lot faster than I thought.", set()),
        # what it is needed for is no claim
        ("I need graphic power to run my apps efficiently.", set()),
        # said of the writer or of a case
        ("I am now the proud owner of a lemon.", set()),
        ("It is not just an isolated incident.", set()),
    ],
)
def test_pros_cons__manner_of_working_and_words_said_of_the_writer(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a recommendation the writer reports is not the writer's
        ("The chef recommended an assortment of fish.", set()),
        ("Consumer Report recommended the charger.", set()),
        ("I highly recommend the Sophia pizza.", {("sophia pizza", "pro")}),
        ("We would definitely recommend the dumplings.", {("dumpling", "pro")}),
        # what a clause that is the subject does something to
        ("Enabling the battery timer is useless.", {("battery timer", "con")}),
        ("Having a headphone jack is a huge plus.", {("headphone jack", "pro")}),  # not "plus"
        ("Having to deal with the company was a nightmare.", {("company", "con")}),
        ("Dealing with the support team was sheer torture.", {("support team", "con")}),
        ("Thinking the CD was faulty, I went to the website.", set()),  # what was thought
        ("Thanks to the update, the battery is great.", {("battery", "pro")}),
        # what it is recommended for is recommended too, but not the people it suits
        (
            "I highly recommend Cafe Bart's for their food and the ambience.",
            {("cafe bart", "pro"), ("food", "pro"), ("ambience", "pro")},
        ),
        ("I would recommend this laptop for gaming.", {("overall", "pro"), ("gaming", "pro")}),
        ("I would recommend it for students.", {("overall", "pro")}),
        ("For appetizers, I recommend the fritters.", {("fritter", "pro")}),
        ("I do not recommend this for any new players.", {("overall", "con")}),  # who to
        # in the passive, the writer's own, unless someone else's by name
        ("The rolls are highly recommended.", {("roll", "pro")}),
        ("Highly recommended is the lamb.", {("lamb", "pro")}),
        ("The lamb is not recommended.", {("lamb", "con")}),
        ("The fish was recommended by the waiter.", set()),
        ("Reservations are recommended.", set()),  # advice on what to do
        ("I recommend getting a reservation.", set()),
        # a word said again for emphasis is no aspect; "mahi mahi" is one
        ("I HATE HATE HATE this place.", {("overall", "con")}),
        ("The mahi mahi was great.", {("mahi mahi", "pro")}),
        ("The person at the counter was rude.", {("person", "con")}),  # who serves
        # an excuse for something is no aspect
        ("The worst excuse for a burger I've ever had.", set()),
    ],
)
def test_pros_cons__reported_recommendations(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # doubled letters written once or single ones doubled, however many
        ("The dhosas were kinda dissapointing.", {("dhosa", "con")}),
        ("The staff was very accomodating.", {("staff", "pro")}),
        ("The keyboard is excelent.", {("keyboard", "pro")}),
        # a real word is never read as another
        ("The sauce was nasty.", {("sauce", "con")}),
    ],
)
def test_pros_cons__doubled_letters_misspelt(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a label and its grade
        (
            "Performance: Poor, Battery Life: Excellent",
            {("performance", "con"), ("battery", "pro")},
        ),
        ("Screen - gorgeous.", {("screen", "pro")}),
        (
            "CUSTOMER SERVICE: Awful. Listen to this.",
            {("customer service", "con")},
        ),  # split at the colon
        ("Verdict: excellent.", set()),
        ("Good app but the AI summaries are bad.", {("overall", "pro"), ("ai summary", "con")}),
        # a verdict on the clause before
        ("The trackpad is far too sensitive, which is the only drawback.", {("trackpad", "con")}),
        ("The display is beyond horrible.", {("display", "con")}),
        # what had to be replaced failed
        ("They had to replace the power supply in March.", {("power supply", "con")}),
        ("You don't have to replace the battery.", set()),
        # holding a charge, and failing to
        ("The battery never held a charge longer than one hour.", {("battery", "con")}),
        ("The battery stopped holding a charge.", {("battery", "con")}),
        ("The hinge doesn't hold.", {("hinge", "con")}),
        ("The clip fails to hold the player securely.", {("clip", "con"), ("hold", "con")}),
    ],
)
def test_pros_cons__labels_clause_verdicts_and_holding_a_charge(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Decor leaves something to be desired.", {("decor", "con")}),
        ("The battery life still leaves a lot to be desired.", {("battery", "con")}),
        ("The wait staff is very freindly.", {("wait staff", "pro")}),
        ("The only fallback of this little cafe is the prices.", {("price", "con")}),
        # "choice" is an aspect when a compound names it
        ("Very good wine choices.", {("wine choice", "pro")}),
        ("It was a great choice.", set()),
        ("The price is right.", {("price", "pro")}),
        # a dish is no opinion word, whatever VADER says of a chicken
        ("I've had the chicken with garlic sauce and hunan chicken.", set()),
        ("My goodness, the fish was absolutely amazing.", {("fish", "pro")}),
        # which one, not how good
        ("Install the latest firmware and the advanced controls.", set()),
        # "any" stands under a negation
        ("The fan doesn't make any loud noises.", {("noise", "pro"), ("fan", "pro")}),
        ("You don't have to buy any expensive refills.", {("refill", "pro")}),
        ("You don't have to purchase expensive refills.", {("refill", "pro")}),
        ("You have to purchase expensive refills.", {("refill", "con")}),
        ("I did not have any of the installation problems.", {("installation", "pro")}),
        ("The fan makes loud noises.", {("noise", "con"), ("fan", "con")}),
        # "killer" before a noun is slang praise; said of a thing, it kills
        ("Killer Sushi!", {("sushi", "pro")}),
        # "not" before the noun phrase negates its adjective
        ("And not one blurry picture!!!", {("picture", "pro")}),
        ("Not a single bad meal.", {("meal", "pro")}),
        ("Not a bad phone.", {("overall", "pro")}),
        ("Not the greatest sushi place, but cheap.", {("sushi place", "con")}),
        ("This app is a battery killer.", {("overall", "con")}),
        ("No one should get it of their own free will.", set()),
    ],
)
def test_pros_cons__to_be_desired_misread_predicates_and_named_choices(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a negated "think" denies the clause under it; surprise does not
        ("I didn't think the fine adjustment worked well.", {("fine adjustment", "con")}),
        ("I don't think the screen is bright enough.", {("screen", "con")}),
        ("I think the screen is great.", {("screen", "pro")}),
        ("I couldn't believe how long the battery lasted.", {("battery", "pro")}),
        # so does "not mean", and the denial reaches a clause coordinated with the first
        ("Cheap doesn't mean the food is bad.", {("food", "pro")}),
        # room for improvement after a passive, and "no" before an adjective
        ("The update could have been handled better.", {("update", "con")}),
        ("No free drinks with dinner.", {("drink", "con")}),
        ("No bad meal here.", {("meal", "pro")}),
        # an adjective on a predicate noun goes over the bare nouns after it
        (
            "It was a very quick setup and installation.",
            {("setup", "pro"), ("installation", "pro")},
        ),
        # what has the quality an adjective judges
        ("The keyboard has a wonderful feel.", {("keyboard", "pro"), ("feel", "pro")}),
        ("I had to boot into safe mode.", set()),  # a name, no judgement
        # the experience with a thing is the thing's; a named experience is its own
        ("My experience with the support was terrible.", {("support", "con")}),
        (
            "It was a pleasant dining experience with good wine.",
            {("dining experience", "pro"), ("wine", "pro")},
        ),
        (
            "I don't think the screen is bright or the speakers are loud.",
            {("screen", "con"), ("speaker", "con")},
        ),
        # what would be good if it were otherwise is not
        ("The touch-pad would be a great thing if it worked well.", {("touch-pad", "con")}),
        ("The pizza would be great if it weren't so salty.", {("pizza", "con")}),
    ],
)
def test_pros_cons__denied_clauses_and_unmet_conditions(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_rule_plans__bounded_and_the_same_when_cleared(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Which rules each kind of token starts is kept between docs, up to a bound, and the
    matches are the same whether a plan was kept or worked out again."""
    from pipeline.nlp import rules

    text = "Great battery, but the screen is dull and the app keeps crashing."
    expected = opinions(nlp, text)
    monkeypatch.setattr(rules, "_plans", {})
    monkeypatch.setattr(rules, "_PLANS_KEPT", 3)
    assert opinions(nlp, text) == expected
    assert 0 < len(rules._plans) <= 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An adverb the tagger gives for the predicate adjective.
        ("Delivery is fast too.", {("delivery", "pro")}),
        # The activity the product is judged for, when the subject is the product.
        ("It's wonderful for computer gaming.", {("computer gaming", "pro")}),
        ("This laptop is great for gaming.", {("overall", "pro"), ("gaming", "pro")}),
        ("It is great for a romantic evening.", {("overall", "pro")}),  # an occasion, not a doing
        ("The portions are perfect for lunch.", {("portion", "pro")}),  # the subject's
        # Lukewarm words judge after "just" or "only".
        ("The food was just OK.", {("food", "con")}),
        ("The food was only okay.", {("food", "con")}),
        ("The sound is just fine.", {("audio", "pro")}),
        ("The food was fine.", set()),
        # A word before the verb comments on the clause; the clause's negation is not its.
        ("Too bad the dessert wasn't of the same standard.", {("dessert", "con")}),
    ],
)
def test_pros_cons__predicates_read_in_more_shapes(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__just_is_part_of_the_lukewarm_opinion(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "The food was just OK.")
    assert opinion.opinion_text == "just OK"


@pytest.mark.parametrize(
    ("text", "expected", "evidence"),
    [
        (
            "The screen resolution was exactly what I had been looking for.",
            {("screen resolution", "pro")},
            "exactly what I had been looking for",
        ),
        ("This laptop is everything I wanted.", {("overall", "pro")}, "everything I wanted"),
        ("The pizza was just what we needed.", {("pizza", "pro")}, "just what we needed"),
        ("The screen was not what I expected.", {("screen", "con")}, "not what I expected"),
        # "hoped" was lemmatised "hop", so the wish went unread
        ("The food was not what I had hoped for.", {("food", "con")}, None),
        ("It was what I expected.", set(), None),  # as expected: no verdict
        ("I was hoping for a better screen.", {("screen", "con")}, None),  # a wish again
        ("The pasta was what I ordered.", set(), None),
        # all of what the writer wanted, had
        ("It has all the features I need.", {("feature", "pro")}, "need"),
        (
            "It did not have all the features I expected it to include.",
            {("feature", "con")},
            "expected",
        ),
        ("It had all of the power that I wanted.", {("power", "pro")}, None),
        ("I bought all the games I wanted.", set(), None),
        ("There was plenty of space.", {("space", "pro")}, None),
    ],
)
def test_pros_cons__what_the_writer_wanted(nlp, text, expected, evidence) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected
    if evidence:
        assert [o.opinion_text for o in opinions(nlp, text)] == [evidence]


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("hated", "hate"),
        ("hoped", "hope"),
        ("hoping", "hope"),
        ("rated", "rate"),
        ("coding", "code"),
        ("scared", "scare"),
        ("riding", "ride"),
        # the short verbs keep their own forms
        ("hopped", "hop"),
        ("planned", "plan"),
        ("plans", "plan"),
        ("slimmed", "slim"),
        ("singing", "sing"),  # no doubled consonant: "singe" is not the lemma
        ("bricked", "brick"),  # a verb the lemmatizer does not know
    ],
)
def test_lemmas__mended_for_verbs_the_lemmatizer_confuses(nlp, form, lemma) -> None:  # type: ignore[no-untyped-def]
    token = nlp(f"They {form} it.")[1]
    assert (token.pos_, token.lemma_) == ("VERB", lemma)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The citations feature and the markdown support make it perfect for research.",
            {("citation feature", "pro"), ("markdown support", "pro")},
        ),
        ("The update made this phone unusable.", {("update", "con")}),  # what to mend
        ("Norton just makes life way too hard.", {("norton", "con")}),  # not "life"
        ("Made my dining experience uncomfortable.", {("dining experience", "con")}),
        ("Make sure the battery is charged.", set()),
    ],
)
def test_pros_cons__what_makes_the_product_good_or_bad(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fun game, but the servers go down every weekend.",
            {("overall", "pro"), ("server", "con")},
        ),
        (
            "Interesting selection, good wines, fun decor.",
            {("selection", "pro"), ("wine", "pro"), ("decor", "pro")},
        ),
        ("Fun fact: the battery is removable.", set()),
        ("The fun factor is high.", set()),  # the aspect's name
    ],
)
def test_pros_cons__fun_before_a_noun_judges_it(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__a_repeating_verb_read_as_a_noun_is_no_aspect(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "Keeps crashing.") == {("overall", "con")}  # was the aspect "keep"
    assert found(nlp, "The app keeps crashing.") == {("overall", "con")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A review's shorthand leaves the product unsaid.
        ("Crashed twice on map load.", {("overall", "con")}),
        ("Still crashes when pasting images 🙄", {("overall", "con")}),
        ("Stopped working after a week.", {("overall", "con")}),
        ("Never fails to please.", {("overall", "pro")}),
        ("No crashes since the hotfix 👍", {("overall", "pro")}),
        ("No complaints.", {("overall", "pro")}),
        ("Won't turn on.", {("overall", "con")}),
        ("Doesn't work.", {("overall", "con")}),
        ("Don't charge it overnight.", set()),  # advice
        ("Servers down again?\nCrashed twice on map load.", {("overall", "con")}),  # after a title
        ("I love it. Crashed twice though.", {("overall", "pro"), ("overall", "con")}),
        # Not an order or a question; a line with a subject of its own is read for it.
        ("Crash the app by rotating.", set()),
        ("Does it crash?", set()),
        ("Issues everywhere.", set()),
        ("No issues with the battery.", {("battery", "pro")}),  # said
        ("No problems in the world.", {("overall", "pro")}),  # emphasis, not a place
        # an answer to a question of a bare noun judges what it asks about
        ("Battery life? Amazing.", {("battery", "pro")}),
        ("Customer support? Useless.", {("customer support", "con")}),
        ("Is it worth it? Absolutely.", set()),
    ],
)
def test_pros_cons__the_product_left_unsaid(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "it" and "this" stand for the product where nothing named before them could.
        ("I love it.", {("overall", "pro")}),
        ("Highly recommend it.", {("overall", "pro")}),
        ("I highly recommend this!", {("overall", "pro")}),
        ("It's awesome.", {("overall", "pro")}),
        ("It sucks.", {("overall", "con")}),
        ("It didn't work.", {("overall", "con")}),
        ("Now it barely lasts until the afternoon.", {("overall", "con")}),
        ("I think it crashes.", {("overall", "con")}),  # a thought the writer holds
        ("I have never had it crash.", {("overall", "pro")}),
        ("I have never seen it freeze.", {("overall", "pro")}),
        ("Mine arrived broken.\nLove it anyway.", {("overall", "con"), ("overall", "pro")}),
        # Something named before it may be what it stands for (more below).
        ("The battery? It is great.", {("battery", "pro")}),
        ("The camera is amazing. It takes great photos.", {("camera", "pro"), ("photo", "pro")}),
        ("I've had it for three weeks. It's great.", {("overall", "pro")}),
        ("The combat is deep and rewarding. Love it.", {("combat", "pro"), ("overall", "pro")}),
        # The "it" of a clause put after, and "this" said of the matter just told.
        ("It is great to see updates.", set()),
        ("It's too bad, though, that it broke.", {("overall", "con")}),
        ("It would be nice if the menus were bigger.", set()),
        ("It's become tedious doing this.", set()),
        ("It's a shame that the menu changed.", set()),
        ("This is really stupid.", set()),
        ("This is a common problem.", set()),
        ("This is a steal.", {("overall", "pro")}),  # a noun that judges: the product
        # A word that judges an aspect of its own judges that, not the product too.
        ("It looks sleek.", {("look", "pro")}),
        ("It is well worth the price.", {("price", "pro")}),
        ("It's really slow.", {("performance", "con")}),
        ("This is a great phone.", {("overall", "pro")}),
        ("It came a lot faster than I thought.", set()),  # the delivery, not the product
    ],
)
def test_pros_cons__it_stands_for_the_product(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__the_product_by_a_pronoun_is_less_sure(nlp) -> None:  # type: ignore[no-untyped-def]
    (by_pronoun,) = opinions(nlp, "I love it.")
    (named,) = opinions(nlp, "I love this phone.")
    assert by_pronoun.aspect_text == "it"
    assert by_pronoun.confidence < named.confidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a line that is a verdict and nothing else: the product, left unsaid
        ("Terrible", {("overall", "con")}),
        ("Very good", {("overall", "pro")}),
        ("Really frustrating.", {("overall", "con")}),
        ("Disappointed", {("overall", "con")}),
        ("So happy 😍", {("overall", "pro")}),
        ("Not great tbh", {("overall", "con")}),
        ("Nothing special.", {("overall", "con")}),
        ("Too easy.", {("overall", "con")}),
        ("Meh", {("overall", "con")}),
        ("Would recommend.", {("overall", "pro")}),
        ("Wouldn't recommend.", {("overall", "con")}),
        ("Not Recommended", {("overall", "con")}),
        ("Avoid.", {("overall", "con")}),
        ("is nice and very good", {("overall", "pro")}),  # the subject left unsaid
        ("was terrible", {("overall", "con")}),
        ("Crashes", {("overall", "con")}),
        ("Just OK.", {("overall", "con")}),
        ("Title\nGreat!", {("overall", "pro")}),  # a line, not the sentence the parser made
        # a noun that is a verdict on its own
        ("Fun.", {("overall", "pro")}),
        ("So much fun!", {("overall", "pro")}),
        ("Absolute garbage", {("overall", "con")}),
        ("Masterpiece", {("overall", "pro")}),
        # the writer's feeling with nothing it is about: the product, left unsaid
        ("I'm addicted.", {("overall", "pro")}),
        ("Honestly I am so disappointed.", {("overall", "con")}),
        ("I'm not impressed.", {("overall", "con")}),
        ("I am very happy with the screen.", {("screen", "pro")}),  # about the screen
        # a verdict closing a line the rules read, after "but"
        ("Tons of bugs but fun", {("overall", "con"), ("overall", "pro")}),
        ("The battery drains fast, but overall solid.", {("battery", "con"), ("overall", "pro")}),
        ("The fries were cold but the burger was good.", {("fry", "con"), ("burger", "pro")}),
        # lukewarm, other words, or more than one
        ("OK", set()),
        ("Fine.", set()),
        ("Wow", set()),
        ("Thanks!", set()),
        ("Yes.", set()),
        ("Support told me to factory reset lol", set()),
    ],
)
def test_pros_cons__a_verdict_line(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__a_review_template_grades_its_headings(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "---{Graphics}---\n☐ Beautiful\n☑ Good\n☐ Bad\n\n"
        "---{Price}---\n☑ It's free!\n☐ Not worth it\n\nSound:\n☑ Very good"
    )
    got = {(o.aspect, o.aspect_text, o.polarity, o.opinion_text) for o in opinions(nlp, text)}
    assert got == {
        ("graphics", "Graphics", "pro", "Good"),
        ("price", "Price", "pro", "free"),
        ("audio", "Sound", "pro", "Very good"),
    }
    # an unticked box is an option the writer did not choose
    assert found(nlp, "☐ Bad\n- [ ] Fast") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list under a label of pros or cons, or after one in the line
        (
            "Pros:\n- Battery life\n- Screen\nCons:\n- Price\n- Speakers are tinny",
            {("battery", "pro"), ("screen", "pro"), ("price", "con"), ("speaker", "con")},
        ),
        ("## Cons\n1. The price of the case\n2. Weight", {("price", "con"), ("weight", "con")}),
        (
            "Pros: battery life, screen and camera. Cons: price, weight.",
            {
                ("battery", "pro"),
                ("screen", "pro"),
                ("camera", "pro"),
                ("price", "con"),
                ("weight", "con"),
            },
        ),
        # what an opinion of the line names is its, once; a clause is the rules'
        ("Cons: the speakers are great but quiet", {("speaker", "pro"), ("speaker", "con")}),
        ("Pros:\n- I bought it on sale", set()),
        # how many, or how good, is not part of what is listed
        (
            "PROS:\n+ Many maps and tons of weaponry\n+ Lots of content\nCONS:\n- Few servers",
            {("map", "pro"), ("weaponry", "pro"), ("content", "pro"), ("server", "con")},
        ),
        ("Pros: a great community", {("community", "pro")}),
        # a label opening a line ends the list before it and heads the items after it
        ("Pros:\nGreat screen\nCons: no charger", {("screen", "pro"), ("charger", "con")}),
        ("Cons: no charger\n- Weight", {("charger", "con"), ("weight", "con")}),
        # no label, or a label that lists nothing
        ("- Battery life\n- Screen", set()),
        ("The pros and cons: you decide.", set()),
    ],
)
def test_pros_cons__lists_of_pros_and_cons(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__a_listed_pro_quotes_its_label(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Pros:\n- Battery life"
    (opinion,) = opinions(nlp, text)
    assert (opinion.aspect_text, opinion.opinion_text) == ("Battery life", "Pros")
    assert text[opinion.sentence_start : opinion.sentence_end] == "- Battery life"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a score the writer gives
        ("10/10 would buy again.", {("overall", "pro")}),
        ("Rating: 2/10", {("overall", "con")}),
        ("Five stars.", {("overall", "pro")}),
        ("1 star.", {("overall", "con")}),
        ("I give it 4 out of 5.", {("overall", "pro")}),
        ("I give it 3 stars", set()),  # in the middle
        ("4/5 days a week", set()),  # a count of days
        ("24/7 support", set()),
        ("The battery lasts 10 hours.", set()),
        # set phrases with the product left unsaid
        ("Waste of money.", {("overall", "con")}),
        ("Do not buy.", {("overall", "con")}),
        ("Stay away.", {("overall", "con")}),
        ("Stay away from the fish.", {("fish", "con")}),
        ("Hats off to the chef.", {("chef", "pro")}),
        ("Would buy again.", {("overall", "pro")}),
        ("Not worth the money.", {("overall", "con")}),
        ("Worth every penny.", {("overall", "pro")}),
        # a line that only compares the product, unsaid, with another
        ("Better than Fortnite.", {("overall", "pro")}),
        ("way better than overwatch", {("overall", "pro")}),
        ("Worse than the old one.", {("overall", "con")}),
        ("Better than I expected.", set()),  # a sentence of its own
        ("Better than nothing.", set()),  # faint
        ("Without a doubt it's pretty good.", {("overall", "pro")}),  # no aspect in "doubt"
        # a service that is down
        (
            "Fun game, but the servers go down every weekend.",
            {("overall", "pro"), ("server", "con")},
        ),
        ("Servers down again.", {("server", "con")}),
        ("The site is offline.", {("site", "con")}),
        ("The servers are never down.", {("server", "pro")}),
        ("The price is down.", set()),
        # what support does not do, and what a new version is
        (
            "The game crashes every 20 minutes and support never replied.",
            {("overall", "con"), ("support", "con")},
        ),
        ("Support did not respond to my emails.", {("support", "con")}),
        ("Support replied within an hour.", set()),
        ("They answered quickly.", set()),
        ("The new UI is a downgrade.", {("ui", "con")}),
        ("The new version is a huge upgrade.", {("version", "pro")}),
        # trouble in plenty, and too many of a thing
        ("The app is riddled with bugs.", {("overall", "con")}),
        ("Full of bugs.", {("overall", "con")}),
        ("So much lag.", {("overall", "con")}),
        ("I had a lot of problems at first.", set()),  # the writer's
        ("Way too many ads.", {("ad", "con")}),
        ("The app sends too many notifications.", {("notification", "con")}),
        ("Not too many ads.", set()),
        ("I can manage without too much support.", set()),
    ],
)
def test_pros_cons__ratings_and_set_verdicts(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


def test_pros_cons__a_rating_quotes_itself_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    (opinion,) = opinions(nlp, "Giving it a 4 out of 5 stars.")
    assert (opinion.opinion_text, opinion.polarity) == ("4 out of 5 stars", "pro")


def test_pros_cons__the_product_left_unsaid_is_less_sure(nlp) -> None:  # type: ignore[no-untyped-def]
    (unsaid,) = opinions(nlp, "Crashed twice on map load.")
    (said,) = opinions(nlp, "The app crashed twice on map load.")
    assert unsaid.confidence < said.confidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The computer would not turn on.", {("overall", "con")}),
        ("The keyboard doesn't light up on this model.", {("keyboard", "con")}),
        ("The laptop stopped turning on after a month.", {("overall", "con")}),
        ("The laptop turns on quickly.", set()),
    ],
)
def test_pros_cons__switching_on_is_working(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The screen could use some work.", {("screen", "con")}),
        ("The app could use a dark mode.", {("overall", "con"), ("dark mode", "con")}),
        ("The soup could use more salt.", {("soup", "con"), ("salt", "con")}),
        ("You could use the app offline.", set()),  # a possibility
        ("The app can use the camera.", set()),
    ],
)
def test_pros_cons__what_a_thing_could_use_it_lacks(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected
    if expected:
        assert {o.opinion_text for o in opinions(nlp, text)} == {"could use"}


@pytest.mark.parametrize(
    ("text", "expected", "evidence"),
    [
        ("Templates save me so much time.", {("template", "pro")}, "save me so much time"),
        ("The new onboarding wastes my time.", {("onboarding", "con")}, "wastes my time"),
        ("The matchmaking takes forever at night.", {("matchmaking", "con")}, "takes forever"),
    ],
)
def test_pros_cons__time_saved_or_wasted(nlp, text, expected, evidence) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected
    assert [o.opinion_text for o in opinions(nlp, text)] == [evidence]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I wish it had more storage.", {("storage", "con")}),
        ("Wish there were more maps.", {("map", "con")}),
        (
            "I wish it had a headphone jack though, then it would be ideal!",
            {("headphone jack", "con")},
        ),
        ("I wish it had a better camera.", {("camera", "con")}),  # the adjective's, once
        ("I wish I had more money.", set()),  # the writer's
        ("I wish I had bought it sooner.", set()),
    ],
)
def test_pros_cons__what_the_writer_wishes_it_had(nlp, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected
    assert len(opinions(nlp, text)) == len(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle that says how a listed thing is made judges nothing: the list's
        # adjective goes over it
        (
            "They have great burgers, grilled cheeses and fries.",
            {("burger", "pro"), ("grilled cheese", "pro"), ("fry", "pro")},
        ),
        (
            "Awful coffee, baked goods and tea.",
            {("coffee", "con"), ("baked good", "con"), ("tea", "con")},
        ),
        # one that judges is the item's own
        ("Great pizza and burnt wings.", {("pizza", "pro"), ("wing", "con")}),
    ],
)
def test_pros_cons__the_rest_of_a_list_past_a_participle_of_how_it_is_made(  # type: ignore[no-untyped-def]
    nlp, text, expected
) -> None:
    assert found(nlp, text) == expected
