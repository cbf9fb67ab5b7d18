"""The ``prepositions`` proposer: a preposition the language model finds out of place, and the one
it reads clearly better there. The real model and the real pipeline run (LanguageTool included)."""

from __future__ import annotations

import pytest

from repair.propose import prepositions as P

RULE = P.RULE


def preposition_edits(result):
    return [e for e in result.edits if e.rule == RULE]


@pytest.mark.parametrize("text, wrong, right", [
    ("We are on a unique situation and we need help now.\n", "on", "in"),
    ("The talks will focus to the economy.\n", "to", "on"),
])
def test_a_wrong_preposition_is_suggested(repairer, text, wrong, right):
    result = repairer.fix(text, prepositions=True)
    (e,) = preposition_edits(result)
    assert (e.original, e.replacement) == (wrong, right)
    assert P.SUGGEST_MARGIN <= float(e.message.split(" nats")[0].split()[-1]) < P.APPLY_MARGIN
    assert not e.applied and result.text == text  # below the apply margin: a suggestion


def test_off_unless_asked_for(repairer):
    text = "We are on a unique situation and we need help now.\n"
    assert preposition_edits(repairer.fix(text)) == []


def test_right_prepositions_are_left_alone(repairer):
    text = ("They waited at the station for an hour.\n"
            "The minister arrived in Paris on Monday morning.\n"
            "She is interested in the job and will apply for it.\n"
            "The report focuses on the economy of the region.\n")
    result = repairer.fix(text, prepositions=True)
    assert preposition_edits(result) == []
    assert result.text == text


def test_only_surprising_prepositions_are_tried(repairer):
    lm = repairer.language_model
    sentences = ["We are on a unique situation and we need help now.", "They waited at the station for an hour."]
    looked = [[m.group(0) for m in P.looked_at(s, t)] for s, t in zip(sentences, lm.logprobs(sentences))]
    assert looked == [["on"], []]


def test_the_rule_can_be_disabled(repairer):
    text = "We are on a unique situation and we need help now.\n"
    assert preposition_edits(repairer.fix(text, prepositions=True, disable=["grammar.lm"])) == []


def test_the_command_line_switch(tmp_path):
    from click.testing import CliRunner

    from repair.cli import main

    path = tmp_path / "a.txt"
    path.write_text("We are on a unique situation and we need help now.\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(path), "--prepositions", "--format", "json"])
    assert RULE in out.output
    (tmp_path / ".repair.toml").write_text("prepositions = true\n")
    assert RULE in CliRunner().invoke(main, ["check", str(path), "--format", "json"]).output
