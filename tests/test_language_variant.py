"""--language en-GB|en-US|auto: LanguageTool checks with the chosen variant, the report says which."""

# ruff: noqa: F811  (pytest fixtures imported from test_cli are parameters here)
from __future__ import annotations

import json

from test_cli import factory, made, run  # noqa: F401  (shared fixtures: one LanguageTool, one model)

from repair.language import english_variant, spelling_votes

BRITISH = "The programme's colour and organisation were criticised.\n"


def test_auto_counts_the_texts_own_spellings():
    assert english_variant(BRITISH) == "en-GB"
    assert english_variant("The program's color and organization were criticized.") == "en-US"
    assert english_variant("The meeting ended on Friday.") == "en-US"  # nothing tells: en-US
    assert spelling_votes("He will realise it at the theatre, or realize it at the theater.") == {
        "en-US": 2, "en-GB": 2}
    assert english_variant("centre and center") == "en-US"  # a tie: en-US


def test_british_text_gets_no_edit_under_auto_and_en_gb(repairer):
    for choice in ("auto", "en-GB"):
        result = repairer.fix(BRITISH, language=choice, min_confidence=0.0)
        assert result.language == "en-GB"
        assert result.edits == () and result.text == BRITISH, result.edits


def test_british_speller_keeps_the_measured_decisions(repairer):
    # the en-GB speller's capitalisation of a known name is applied, as the en-US one's is
    result = repairer.fix("The nepali programme's colour was criticised.\n", language="auto")
    assert result.language == "en-GB"
    assert [(e.rule, e.replacement) for e in result.applied] == [("grammar.lt.MORFOLOGIK_RULE_EN_GB", "Nepali")]


def test_variant_in_check_output_and_json_report(run, tmp_path):
    doc = tmp_path / "gb.txt"
    doc.write_text(BRITISH, encoding="utf-8")
    result = run("check", doc, "--language", "auto", "--format", "json", "--fail-on", "suggestion")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["language"] == "en-GB" and data["edits"] == [] and data["schema"] == "1.0"
    assert "checked as en-GB" in result.stderr
    (tmp_path / ".repair.toml").write_text('language = "en-GB"\n', encoding="utf-8")
    other = tmp_path / "us.txt"
    other.write_text("The meeting ended on Friday.\n", encoding="utf-8")
    both = run("check", doc, other, "--fail-on", "never")
    assert both.stderr.startswith("2 documents") and both.stderr.endswith("checked as en-GB\n")  # the config's, for both
