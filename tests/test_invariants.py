"""The contract: the output is the input with exactly the reported applied edits; nothing else moves."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from repair.apply import apply_edits, check_edits
from repair.decide import decide
from repair.records import Edit, Result

WORDS = ["the", "a", "an", "apple", "KYIV", "Kiev", "40", "-month", "agreement", ",", ".", "“", "”", "willing",
         "coalition", "He", "was", "open", "dialogue", "😀", "é", "\n", "\r\n", "  ", "full", "-scale", "the"]
texts = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)


@st.composite
def text_and_edits(draw):
    text = draw(st.text(max_size=60))
    n = draw(st.integers(0, 6))
    edits = []
    for i in range(n):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 5)))
        edits.append(Edit(a, b, text[a:b], draw(st.text(max_size=4)), "artifact", f"artifact.t.r{i}",
                          draw(st.floats(0, 1)), "test"))
    return text, edits


@settings(max_examples=300, deadline=None)
@given(text_and_edits(), st.floats(0, 1))
def test_decided_edits_never_overlap_and_apply_exactly(data, min_conf):
    text, candidates = data
    decided = decide(candidates, min_confidence=min_conf)
    applied = [e for e in decided if e.applied]
    check_edits(text, applied)  # raises on overlap or a bad offset
    out = apply_edits(text, decided)
    # rebuilding by hand from the applied edits gives the same text
    pos, parts = 0, []
    for e in sorted(applied, key=lambda e: e.start):
        parts += [text[pos:e.start], e.replacement]
        pos = e.end
    assert out == "".join(parts) + text[pos:]
    # rejecting every edit gives the input back
    assert apply_edits(text, [e.with_decision(False) for e in decided]) == text


def test_apply_refuses_edits_that_do_not_fit():
    with pytest.raises(ValueError, match="expects"):
        apply_edits("abc", [Edit(0, 1, "x", "y", "artifact", "artifact.t.x", 1, "", applied=True)])
    with pytest.raises(ValueError, match="overlap"):
        apply_edits("abcd", [Edit(0, 2, "ab", "", "artifact", "artifact.t.x", 1, "", applied=True),
                             Edit(1, 3, "bc", "", "artifact", "artifact.t.y", 1, "", applied=True)])


def _check_result(text: str, result: Result) -> None:
    assert result.original == text
    assert result.text == apply_edits(text, result.edits)
    check_edits(text, result.applied)
    for e in result.edits:
        assert text[e.start:e.end] == e.original
    assert apply_edits(text, [e.with_decision(False) for e in result.edits]) == text
    # outside the applied edits, every character is where it was
    pos = shift = 0
    for e in sorted(result.applied, key=lambda e: e.start):
        assert result.text[pos + shift:e.start + shift] == text[pos:e.start]
        shift += len(e.replacement) - (e.end - e.start)
        pos = e.end
    assert result.text[pos + shift:] == text[pos:]
    again = Result.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again == result


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts)
def test_pipeline_output_is_input_with_reported_edits(repairer, text):
    _check_result(text, repairer.fix(text))


def test_seed_article_contract(repairer, seed_text):
    result = repairer.fix(seed_text)
    _check_result(seed_text, result)
    assert result.changed
    # every line the pipeline did not touch is byte-identical
    touched = {seed_text.count("\n", 0, e.start) for e in result.applied}
    for i, (a, b) in enumerate(zip(seed_text.split("\n"), result.text.split("\n"))):
        if i not in touched:
            assert a == b


def test_check_changes_nothing(repairer, seed_text):
    result = repairer.check(seed_text)
    assert result.text == seed_text and not result.applied and result.suggestions


def test_no_edits_same_text(repairer):
    text = "The committee approved the budget on Tuesday.\r\nIt will take effect in January.\r\n"
    result = repairer.fix(text)
    assert result.text == text
