"""Deciding: confidence, overlaps, and the recheck that rolls back edits which add problems."""

from __future__ import annotations

import pytest

from repair.decide import decide
from repair.recheck import Problem, rollback_new_problems
from repair.pipeline import Repairer
from repair.records import Edit


def _edit(start, end, text, repl, conf=0.9, rule="artifact.t.x"):
    return Edit(start, end, text[start:end], repl, "artifact", rule, conf, "test")


def test_most_confident_of_overlapping_edits_wins_and_the_other_says_why():
    text = "a assurance power"
    article = _edit(0, 1, text, "an", 0.95, "grammar.lt.EN_A_VS_AN")
    phrase = _edit(0, 17, text, "a reassurance force", 0.97, "phrasebook.collocation")
    out = {e.rule: e for e in decide([article, phrase], min_confidence=0.8)}
    assert out["phrasebook.collocation"].applied
    assert not out["grammar.lt.EN_A_VS_AN"].applied
    assert "overlaps" in out["grammar.lt.EN_A_VS_AN"].decision


def test_the_same_change_in_another_shape_is_not_also_a_suggestion():
    """' ' -> '' (an artifact rule) and ' ,' -> ',' (LanguageTool) remove the same space: the
    second is not listed as a suggestion of what is already done; a different change still is."""
    text = "the farmers union , Arnaud"
    space = _edit(17, 18, text, "", 0.95, "artifact.spacing.before_punctuation")
    comma = _edit(17, 19, text, ",", 0.45, "grammar.lt.COMMA_PARENTHESIS_WHITESPACE")
    other = _edit(17, 19, text, ";", 0.45, "grammar.lt.OTHER")
    out = decide([space, comma, other], min_confidence=0.8)
    assert [(e.rule, e.applied) for e in out] == [("artifact.spacing.before_punctuation", True),
                                                  ("grammar.lt.OTHER", False)]


def test_an_edit_that_undoes_a_neighbouring_fix_is_rolled_back():
    """Each right alone, wrong together: 'a' -> 'an' fixes 'a error', 'error' -> 'mistake' makes
    it 'an mistake'. The fix's own problem is still there beside it, so the other edit goes."""
    text = "He made a error today."
    article = _edit(8, 9, text, "an", 0.9, "grammar.lt.EN_A_VS_AN")
    word = _edit(10, 15, text, "mistake", 0.9, "phrasebook.idiom")
    late = _edit(16, 21, text, "Today", 0.9, "artifact.t.far")

    def problems(texts):  # 'a' before a vowel, 'an' before a consonant
        import re
        return [[Problem("grammar.lt.EN_A_VS_AN", m.start(), m.end())
                 for m in re.finditer(r"\ba(?= [aeiou])|\ban(?= [^aeiou ])", t)] for t in texts]

    out = rollback_new_problems(text, decide([article, word, late], min_confidence=0.5), [(0, 22)], problems)
    assert [(e.replacement, e.applied) for e in out] == [("an", True), ("mistake", False), ("Today", True)]
    assert "EN_A_VS_AN still leaves its problem" in out[1].decision


def test_rollback_attributes_new_problems_to_the_nearest_edit():
    text = "One two. Three four."
    good = _edit(0, 3, text, "Uno")
    bad = _edit(9, 14, text, "THREE")
    edits = decide([good, bad], min_confidence=0.5)

    def problems(texts):  # a problem wherever an all-caps word stands
        import re
        return [[Problem("caps", m.start(), m.end()) for m in re.finditer(r"\b[A-Z]{2,}\b", t)] for t in texts]

    out = rollback_new_problems(text, edits, [(0, 8), (9, 20)], problems)
    assert [e.applied for e in out] == [True, False]
    assert out[1].decision.startswith("rolled back")


def test_a_split_unknown_word_is_not_two_new_problems():
    """The speller flags the glued "MarkovićČačak" once; split, it flags both names. Both lie inside
    the old problem's span, so neither is new and the split stays; a problem outside it still is."""
    text = "Jelena MarkovićČačak correspondent"
    split = _edit(7, 20, text, "Marković Čačak")
    assert split.original == "MarkovićČačak"

    def problems(texts):  # an unknown word: one with a letter outside ASCII, or "correspondant"
        import re
        return [[Problem("speller", m.start(), m.end()) for m in re.finditer(r"\w*[^\x00-\x7f\s]\w*|correspondant", t)]
                for t in texts]

    out = rollback_new_problems(text, decide([split], min_confidence=0.5), [(0, len(text))], problems)
    assert out[0].applied
    typo = _edit(21, 34, text, "correspondant")
    out = rollback_new_problems(text, decide([split, typo], min_confidence=0.5), [(0, len(text))], problems)
    assert [e.applied for e in out] == [True, False] and out[1].decision.startswith("rolled back")


def test_a_problem_the_sentence_already_had_at_that_place_is_not_new():
    text = "It fell 0,2 % in May. Sales rose."
    squeeze = _edit(11, 12, text, "")  # "0,2 %" -> "0,2%"
    assert squeeze.original == " "
    edits = decide([squeeze], min_confidence=0.5)

    def problems(texts):  # a decimal comma, with its per cent sign when it has one
        import re
        return [[Problem("comma", m.start(), m.end()) for m in re.finditer(r"\d+,\d+ ?%?", t)] for t in texts]

    out = rollback_new_problems(text, edits, [(0, 21), (22, 33)], problems)
    assert [e.applied for e in out] == [True]
    # the same kind of problem somewhere the sentence did not have it is still new
    text2 = "It fell 0,2 % in May. Sales rose."
    adds = _edit(22, 27, text2, "1,5 %")
    out = rollback_new_problems(text2, decide([adds], min_confidence=0.5), [(0, 21), (22, 33)], problems)
    assert [e.applied for e in out] == [False]


def test_words_already_flagged_by_any_rule_are_not_a_new_problem():
    text = "It went outside discul.Ofirst difference."
    split = _edit(23, 23, text, " ")  # "discul.Ofirst" -> "discul. Ofirst"
    assert text[23:29] == "Ofirst"

    def problems(texts):  # before the split only an ignored rule notes "Ofirst"; after it the speller
        import re
        out = []
        for t in texts:
            found = [Problem("speller", m.start(), m.end()) for m in re.finditer(r"\bdiscul\b|(?<= )Ofirst\b", t)]
            found += [Problem("whitespace", m.start(), m.end(), evidence_only=True) for m in re.finditer(r"(?<=\.)Ofirst", t)]
            out.append(found)
        return out

    out = rollback_new_problems(text, decide([split], min_confidence=0.5), [(0, len(text))], problems)
    assert [e.applied for e in out] == [True]


def _harmful_pack(tmp_path, pattern: str):
    """A rule pack whose one rule doubles "budget" where ``pattern`` matches, at confidence 0.99."""
    pack = tmp_path / "bad.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: artifact.test.double\n"
        "    message: a deliberately harmful rule\n"
        f"    pattern: '{pattern}'\n"
        "    replacement: 'budget budget'\n"
        "    confidence: 0.99\n",
        encoding="utf-8",
    )
    return pack


def test_pipeline_rolls_back_a_rule_that_makes_the_sentence_worse(tmp_path):
    pack = _harmful_pack(tmp_path, "\\bbudget\\b")
    text = "The committee approved the budget on Tuesday."
    with Repairer(rule_files=(str(pack),)) as r:
        result = r.fix(text)
        unchecked = r.fix(text, recheck=False)
    assert unchecked.text != text  # without the recheck the harmful edit goes in
    assert result.text == text
    (e,) = [e for e in result.edits if e.rule == "artifact.test.double"]
    assert not e.applied and "rolled back" in e.decision


def test_style_advice_and_name_spellings_of_languagetool_do_not_roll_an_edit_back(repairer):
    text = ("Ankara wants a 30 -kilometre security zone, Mr Erdoğan said.\n"
            "Mr Erdogan said it again on Friday.\n")
    checked = [m.rule_id for m in repairer.checker.check("a 30-kilometre zone, Mr Erdogan said")]
    # the fixed text gets matches it did not have: en-US calls "30-kilometre" British, and
    # LanguageTool spells the name with ğ where the phrasebook's house spelling has g
    assert "SI_UNITS_OF_MEASUREMENT_ADJECTIVES_BRE" in checked and "ERDOGAN" in checked
    result = repairer.fix(text)
    assert "a 30-kilometre security zone" in result.text
    assert result.text.count("Erdogan") == 2
    assert not [e for e in result.edits if "rolled back" in e.decision]


@pytest.mark.parametrize("text, word, suggested", [
    ("Prices of BREAD and milk rose again in the spring.\n", "BREAD", "bread"),
    ("The shortage is worse in the VILLAGES, where few doctors live.\n", "VILLAGES", "villages"),
    ("The striker was sold to JUVENTUS for a record fee.\n", "JUVENTUS", "Juventus"),
])
def test_a_word_in_capitals_is_suggested_in_the_case_the_model_reads(repairer, text, word, suggested):
    result = repairer.fix(text)
    (e,) = [e for e in result.edits if e.original == word]
    assert (e.rule, e.applied, e.replacement) == ("artifact.case.shouting", False, suggested)
    assert e.alternatives == (suggested.capitalize() if suggested.islower() else suggested.lower(),)
    assert result.text == text  # a suggestion only


def test_a_house_style_applies_its_rules_whatever_their_confidence():
    low = Edit(9, 14, "3 000", "3,000", "artifact", "artifact.numbers.thousands_space", 0.4, "")
    other = Edit(0, 3, "The", "A", "artifact", "artifact.case.x", 0.4, "")
    edits = decide([low, other], min_confidence=0.8, always=("artifact.numbers",))
    assert [(e.rule, e.applied) for e in edits] == [("artifact.case.x", False), ("artifact.numbers.thousands_space", True)]
    assert "house style" in edits[1].decision


def test_english_numbers_are_suggested_in_a_continental_text_and_applied_by_a_house_style(repairer):
    text = "The club, which has 3 000 members, said its fees rose by 1,2 percent this year.\n"
    plain = repairer.fix(text)
    assert plain.text == text  # the text's own convention: suggestions only
    assert {e.replacement for e in plain.edits if e.rule.startswith("artifact.numbers")} == {"3,000", "1.2"}
    house = repairer.fix(text, apply=("artifact.numbers",))
    assert house.text == "The club, which has 3,000 members, said its fees rose by 1.2 percent this year.\n"


def test_an_edit_kept_out_only_by_a_rolled_back_one_gets_its_turn(tmp_path):
    """A harmful edit over "„budget“" outranks the quotation-mark rule's edits there; once the
    recheck rolls it back, the quotation marks are mended in their turn (and checked again)."""
    pack = _harmful_pack(tmp_path, "„budget“")
    text = "The committee approved the „budget“ on Tuesday.\n"
    with Repairer(rule_files=(str(pack),)) as r:
        result = r.fix(text)
    (bad,) = [e for e in result.edits if e.rule == "artifact.test.double"]
    assert not bad.applied and "rolled back" in bad.decision
    marks = [e for e in result.edits if e.rule == "artifact.quotes.guillemets"]
    assert marks and all(e.applied and "its turn again" in e.decision for e in marks)
    assert result.text == "The committee approved the “budget” on Tuesday.\n"
