"""The evaluate command's readers and scoring, on small files written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.evaluate import GoldTerm, Sentence, evaluate, read_sentences, score_sentences

SEMEVAL_2014 = """<?xml version="1.0" encoding="UTF-8"?>
<sentences>
  <sentence id="1">
    <text>Great screen but awful speakers.</text>
    <aspectTerms>
      <aspectTerm term="screen" polarity="positive" from="6" to="12"/>
      <aspectTerm term="speakers" polarity="negative" from="23" to="31"/>
    </aspectTerms>
  </sentence>
  <sentence id="2">
    <text>The keyboard is fine and the battery life is terrible.</text>
    <aspectTerms>
      <aspectTerm term="keyboard" polarity="neutral" from="4" to="12"/>
      <aspectTerm term="battery life" polarity="negative" from="29" to="41"/>
    </aspectTerms>
  </sentence>
  <sentence id="3"><text>I bought it in May.</text></sentence>
</sentences>
"""

SEMEVAL_2015 = """<?xml version="1.0" encoding="UTF-8"?>
<Reviews><Review rid="1"><sentences>
  <sentence id="1:0">
    <text>The staff was rude.</text>
    <Opinions>
      <Opinion target="staff" category="SERVICE#GENERAL" polarity="negative" from="4" to="9"/>
      <Opinion target="NULL" category="RESTAURANT#GENERAL" polarity="negative" from="0" to="0"/>
    </Opinions>
  </sentence>
</sentences></Review></Reviews>
"""

LIU = """[t]great phone
screen[+2]##The screen is great.
battery life[-2],phone[+1][u]##The battery life is poor.
##I got it yesterday.
size[+1][p]##It is small enough.
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in (("s14.xml", SEMEVAL_2014), ("s15.xml", SEMEVAL_2015), ("liu.txt", LIU)):
        paths[name] = tmp_path / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_read_sentences__semeval2014_keeps_only_pros_and_cons(files: dict[str, Path]) -> None:
    sentences = read_sentences(files["s14.xml"], "semeval2014")
    assert [s.gold for s in sentences] == [
        (GoldTerm("screen", "pro"), GoldTerm("speakers", "con")),
        (GoldTerm("battery life", "con"),),
        (),
    ]


def test_read_sentences__semeval2015_skips_implicit_targets(files: dict[str, Path]) -> None:
    (sentence,) = read_sentences(files["s15.xml"], "semeval2015")
    assert sentence.gold == (GoldTerm("staff", "con"),)


def test_read_sentences__liu_skips_titles_and_u_p_features(files: dict[str, Path]) -> None:
    sentences = read_sentences(files["liu.txt"], "liu")
    assert [s.gold for s in sentences] == [
        (GoldTerm("screen", "pro"),),
        (GoldTerm("battery life", "con"),),
        (),
        (),
    ]


def test_read_sentences__wrong_format_or_missing_file_is_a_clear_error(
    files: dict[str, Path], tmp_path: Path
) -> None:
    with pytest.raises(ConfigError, match="use --format semeval2014"):
        read_sentences(files["s14.xml"], "semeval2015")
    with pytest.raises(ConfigError, match="file not found"):
        read_sentences(tmp_path / "none.xml", "semeval2014")
    with pytest.raises(ConfigError, match="not valid semeval2014 XML"):
        read_sentences(files["liu.txt"], "semeval2014")


def test_evaluate__semeval_counts_exact_matches(nlp, files: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    figures = evaluate(nlp, [files["s14.xml"]], "semeval2014").figures()
    # screen (pro), speakers: predicted "speakers" (con), battery life (con): all three right.
    assert (figures["gold"], figures["predicted"], figures["correct"]) == (3, 3, 3)
    assert figures["f1"] == 1.0 and figures["polarity_accuracy"] == 1.0


def test_evaluate__liu_matches_head_lemmas(nlp, files: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    figures = evaluate(nlp, [files["liu.txt"]], "liu").figures()
    assert figures["gold"] == 2 and figures["correct"] == 2


def test_evaluate__several_opinions_on_one_term_are_one_prediction(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = Sentence("Service was prompt, friendly and great.", (GoldTerm("Service", "pro"),))
    assert len(nlp(sentence.text)._.opinions) == 3
    figures = score_sentences(nlp, [sentence], "semeval2014").figures()
    assert (figures["predicted"], figures["correct"], figures["precision"]) == (1, 1, 1.0)


def test_evaluate__an_implied_aspect_is_no_semeval_term_but_counts_for_liu(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = Sentence("It is way too expensive.", ())
    assert [o.aspect for o in nlp(sentence.text)._.opinions] == ["price"]
    assert score_sentences(nlp, [sentence], "semeval2014").figures()["predicted"] == 0
    liu = Sentence("It is way too expensive.", (GoldTerm("expensive", "con"),))
    assert score_sentences(nlp, [liu], "liu").figures()["correct"] == 1


def test_evaluate__the_product_named_by_no_word_is_no_liu_prediction(nlp) -> None:  # type: ignore[no-untyped-def]
    # "it" (gold [p]) and a product left unsaid (gold [u]) are left out on both sides; the
    # product named by a word counts, as Liu's annotators mark it ("phone[+2]").
    sentences = [Sentence("I love it.", ()), Sentence("Crashed twice.", ())]
    found = [o for s in sentences for o in nlp(s.text)._.opinions]
    assert [o.aspect for o in found] == ["overall", "overall"]
    assert score_sentences(nlp, sentences, "liu").figures()["predicted"] == 0
    named = Sentence("I love this phone.", (GoldTerm("phone", "pro"),))
    assert score_sentences(nlp, [named], "liu").figures()["correct"] == 1


def test_evaluate__pros_and_cons_are_also_scored_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    sentences = [
        Sentence("The screen is great but the fan is loud.", (GoldTerm("screen", "pro"),)),
        Sentence("The keyboard is awful.", (GoldTerm("keyboard", "con"),)),
        Sentence("The hinge is weak.", (GoldTerm("speaker", "con"),)),
    ]
    f = score_sentences(nlp, sentences, "semeval2014").figures()
    assert (f["pros_gold"], f["pros_predicted"], f["pros_precision"], f["pros_recall"]) == (
        1,
        1,
        1.0,
        1.0,
    )
    # cons: keyboard right; fan and hinge predicted but not gold; speaker missed
    assert (f["cons_gold"], f["cons_predicted"]) == (2, 3)
    assert f["cons_precision"] == round(1 / 3, 4) and f["cons_recall"] == 0.5
    assert f["cons_f1"] == 0.4


def steam_file(tmp_path: Path, reviews: list[tuple[str, bool, str]]) -> Path:
    import json

    path = tmp_path / "review_1.json"
    body = {
        str(n): {"review": text, "voted_up": up, "language": language}
        for n, (text, up, language) in enumerate(reviews)
    }
    path.write_text(json.dumps({"reviews": body}), encoding="utf-8")
    return path


def test_evaluate_steam__each_figure_against_the_writers_thumbs(rules_nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pipeline.evaluate import evaluate_steam

    path = steam_file(
        tmp_path,
        [
            ("The combat is great and the music is lovely.", True, "english"),  # pro, agrees
            ("The servers are awful and the matchmaking is slow.", False, "english"),  # con
            ("The story is great but the ending is weak.", False, "english"),  # one each
            ("I bought this on a Tuesday afternoon.", True, "english"),  # silent
            ("Too short.", False, "english"),  # under five words: left out
            ("Het spel is geweldig en heel mooi.", True, "dutch"),  # not English: left out
        ],
    )
    f = evaluate_steam(rules_nlp, [path]).figures()
    assert (f["reviews"], f["recommended"], f["not_recommended"]) == (4, 2, 2)
    assert f["pro_recall"] == 0.5  # of two recommended reviews, one has a pro
    assert f["con_recall"] == 1.0
    assert f["agreement"] == 1.0  # two reviews lean one way, both the writer's
    assert f["silent"] == 0.25


def test_read_steam_reviews__a_file_of_another_shape_is_a_clear_error(tmp_path: Path) -> None:
    from pipeline.evaluate import read_steam_reviews

    path = tmp_path / "other.json"
    path.write_text('{"reviews": [{"review": "no thumbs here"}]}', encoding="utf-8")
    with pytest.raises(ConfigError, match="without 'voted_up'"):
        read_steam_reviews(path)


CATEGORIES = """<?xml version="1.0" encoding="UTF-8"?>
<sentences>
  <sentence id="1">
    <text>The soup was bland but the waiter was lovely.</text>
    <aspectCategories>
      <aspectCategory category="food" polarity="negative"/>
      <aspectCategory category="service" polarity="positive"/>
    </aspectCategories>
  </sentence>
  <sentence id="2">
    <text>We will surely come back to this place.</text>
    <aspectCategories>
      <aspectCategory category="anecdotes/miscellaneous" polarity="positive"/>
    </aspectCategories>
  </sentence>
  <sentence id="3">
    <text>Prices are fair, the decor is dated.</text>
    <aspectCategories>
      <aspectCategory category="price" polarity="positive"/>
      <aspectCategory category="ambience" polarity="neutral"/>
    </aspectCategories>
  </sentence>
</sentences>
"""


def test_evaluate_categories__theme_and_polarity_pairs_against_the_gold(
    rules_nlp, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from pipeline.evaluate import evaluate_categories, read_categories

    path = tmp_path / "categories.xml"
    path.write_text(CATEGORIES, encoding="utf-8")
    assert read_categories(path)[2][1] == {("price", "pro")}  # neutral is neither
    f = evaluate_categories(rules_nlp, [path], "restaurant", keep_examples=5).figures()
    assert f["sentences"] == 3 and f["gold"] == 4
    assert f["categories"]["food"]["correct"] == 1
    assert f["categories"]["service"]["correct"] == 1
    assert f["categories"]["price"]["correct"] == 1
    # "the decor is dated" is a con on ambience the gold calls neutral: a false prediction
    assert f["categories"]["ambience"] == {
        "gold": 0,
        "predicted": 1,
        "correct": 0,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }


def test_read_categories__a_file_without_categories_is_a_clear_error(
    files: dict[str, Path],
) -> None:
    from pipeline.evaluate import read_categories

    with pytest.raises(ConfigError, match="no <aspectCategory>"):
        read_categories(files["s14.xml"])
