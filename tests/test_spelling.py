"""Spelling is visible: the speller's matches that the grammar policy would drop are reported as
suggestions (never applied by default); what is applied does not change."""

# ruff: noqa: F811  (pytest fixtures imported from test_cli are parameters here)
from __future__ import annotations

from test_cli import factory, made, run  # noqa: F401  (shared fixtures: one LanguageTool, one model)

from repair.propose.grammar import SHOWN_SPELLING_CONFIDENCE

TYPOS = "The goverment anounced a new programe.\n"


def test_misspellings_are_suggested_not_applied(repairer):
    result = repairer.fix(TYPOS)
    found = {(e.original, e.replacement) for e in result.edits if e.rule == "grammar.lt.MORFOLOGIK_RULE_EN_US"}
    assert {("goverment", "government"), ("anounced", "announced")} <= found
    assert "programe" in {o for o, _ in found}
    assert result.text == TYPOS and not result.applied
    assert all(e.confidence == SHOWN_SPELLING_CONFIDENCE and "suggestion only" in e.message
               for e in result.edits if e.rule == "grammar.lt.MORFOLOGIK_RULE_EN_US")


def test_british_spellings_are_shown_under_en_us_only(repairer):
    text = "The programme's colour and organisation were criticised.\n"
    us = repairer.fix(text, language="en-US")
    assert us.text == text and any(e.original == "colour" for e in us.suggestions)
    assert repairer.fix(text, language="auto").edits == ()


def test_suggestions_are_ranked_by_the_language_model(repairer):
    """LanguageTool's first guess for "cra" is "CRA"; in "She drove her cra" the model reads "car"."""
    text = "She drove her cra to the office.\n"
    (e,) = [e for e in repairer.fix(text).edits if e.original == "cra"]
    assert not e.applied and e.replacement == "car"
    assert "CRA" in e.alternatives and "car" not in e.alternatives
    assert "language model prefers 'car'" in e.message
    assert e.to_dict()["alternatives"] == list(e.alternatives)



def test_a_spelling_that_drops_the_accents_is_not_ranked_first(repairer):
    """The model reads plain letters more easily; that says nothing about a name's spelling."""
    text = "The talks took place in the Palace of élysée on Monday.\n"
    (e,) = [e for e in repairer.fix(text).edits if e.original == "élysée" and e.source == "grammar"]
    assert e.replacement in ("Élysée", "élysée".capitalize()) and not e.applied
    assert "Elysee" in (e.replacement, *e.alternatives) and e.replacement != "Elysee"

def test_what_is_applied_is_unchanged(repairer):
    result = repairer.fix("The nepali goverment met.\n")
    assert [(e.original, e.replacement) for e in result.applied] == [("nepali", "Nepali")]
    assert [e.original for e in result.suggestions] == ["goverment"]


def test_check_reports_spelling_as_findings(run, tmp_path):
    doc = tmp_path / "typos.txt"
    doc.write_text(TYPOS, encoding="utf-8")
    result = run("check", doc, "--fail-on", "suggestion")
    assert result.exit_code == 1, result.output
    assert f"{doc}:1:5: suggestion grammar.lt.MORFOLOGIK_RULE_EN_US" in result.stdout
    assert "'goverment' -> 'government'" in result.stdout


def test_names_the_speller_does_not_know_get_no_guess(repairer):
    """MT copies names from the source: "Papadaki" -> "Papaya", "Karras" -> "Karmas" are noise."""
    text = ("Of Eleni Papadaki, ATHENS\nGiorgos Karras, a fisherman, said the goverment had not come. "
            "Karras added that the taps ran dry.\n")
    result = repairer.fix(text)
    spelled = {e.original for e in result.edits if e.rule.startswith("grammar.lt.MORFOLOGIK")}
    assert "goverment" in spelled
    assert not spelled & {"Papadaki", "Karras"}


def test_a_word_left_untranslated_is_flagged_not_guessed(repairer):
    """"nádraží" (Czech: station) has letters English does not use: the speller's guess ("Nazi")
    is not shown; the word is flagged, its sentence flagged, and the text stays as it was."""
    text = "Buses will depart from the square in front of the nádraží in Tábor.\nThey met in a café.\n"
    result = repairer.fix(text)
    assert result.text == text
    assert [(e.original, e.rule, e.applied) for e in result.edits] == [("nádraží", "artifact.leak.untranslated", False)]
    assert [s.flagged for s in result.sentences] == [True, False]
