"""Terminal review (``repair review``): the decisions logic, without a terminal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.apply import apply_edits
from repair.records import Decisions, Edit, Result, Sentence
from repair.review import HELP, Review, run, show

TEXT = "He was a open man. We signed a long -term deal."


def _result() -> Result:
    a = TEXT.index("a open")
    hy = TEXT.index(" -term")
    edits = (
        Edit(a, a + 1, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.95, "Use 'an'.", True, "confident"),
        Edit(a, a + 6, "a open", "an honest", "phrasebook", "phrasebook.x", 0.5, "Closer phrasing.", False, "low"),
        Edit(hy, hy + 2, " -", "-", "artifact", "artifact.spacing.hyphen", 0.95, "Stray space.", True, "confident"),
    )
    sentences = (Sentence(0, 18, TEXT[:18], 0.8, True, ("1 grammar issue",)), Sentence(19, len(TEXT), TEXT[19:]))
    return Result(TEXT, apply_edits(TEXT, edits), sentences, edits)


def _run(answers, result=None):
    said: list[str] = []
    it = iter(answers)
    review = run(result or _result(), "t.txt", ask=lambda prompt: next(it, None), say=said.append)
    return review, "\n".join(said)


def test_accept_reject_and_edit():
    review, said = _run(["n", "y", "e", "—"])
    assert review.states == ["rejected", "accepted", "edited"]
    assert review.text() == "He was an honest man. We signed a long—term deal."
    assert "Reviewed 3 of 3 edits: 1 accepted, 1 rejected, 1 edited" in said


def test_accepting_an_overlapping_edit_rejects_the_accepted_one():
    review, said = _run(["s", "y", "q"])
    assert review.states == ["rejected", "accepted", "pending"]
    assert "accepting this rejects the overlapping accepted edit #1" in said
    assert "(rejected the overlapping edit #1)" in said
    assert review.text() == "He was an honest man. We signed a long-term deal."


def test_skip_quit_and_end_of_input_keep_the_pipeline_choice():
    for answers in ([""], ["s", "s", "s"], ["q"], []):
        review, _ = _run(answers)
        assert review.text() == _result().text
        assert set(review.states) == {"pending"}
        assert review.decisions().apply(TEXT) == _result().text


def test_bulk_accept_and_reject():
    review, _ = _run(["a"])
    assert review.states == ["rejected", "accepted", "accepted"]  # the later overlapping edit wins
    review, _ = _run(["y", "d"])
    assert review.states == ["accepted", "rejected", "rejected"]
    assert review.text() == "He was an open man. We signed a long -term deal."


def test_help_and_unknown_answers_ask_again():
    review, said = _run(["?", "what", "n", "n", "n"])
    assert said.count(HELP) == 2
    assert review.states == ["rejected"] * 3


def test_show_gives_context_rule_and_flag():
    r = _result()
    lines = show(r, Review(r), 0)
    assert lines[0].startswith("── Edit 1/3 · line 1 · grammar.lt.EN_A_VS_AN (grammar, confidence 0.95)")
    assert "- He was [-a-] open man." in lines and "+ He was {+an+} open man." in lines
    assert any("flagged sentence (0.80): 1 grammar issue" in line for line in lines)
    hyphen = show(r, Review(r), 2)
    # only what changes is marked: the space before the hyphen, not the hyphen it keeps
    assert "- We signed a long[-␣-]-term deal." in hyphen and "+ We signed a long-term deal." in hyphen


def test_decisions_round_trip_through_json():
    review, _ = _run(["n", "y", "e", "–"])
    d = review.decisions()
    again = Decisions.from_json(d.to_json())
    assert again == d
    assert again.apply(TEXT) == review.text()


@st.composite
def _ops(draw):
    return draw(st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["y", "n", "e"]),
                                   st.text(alphabet="ab -😀\n", max_size=3)), max_size=12))


@settings(max_examples=60, deadline=None)
@given(_ops())
def test_any_review_gives_apply_edits_of_its_decisions(ops):
    r = _result()
    review = Review(r)
    for i, op, text in ops:
        if op == "y":
            review.accept(i)
        elif op == "n":
            review.reject(i)
        else:
            review.replace(i, text)
    d = review.decisions()
    accepted = [e for e in d.edits if e.applied]
    assert not any(a.overlaps(b) for k, a in enumerate(accepted) for b in accepted[k + 1:])
    assert review.text() == apply_edits(TEXT, d.edits)
    assert Decisions.from_json(d.to_json()) == d


def test_decisions_refuse_a_different_input():
    d = Review(_result()).decisions()
    with pytest.raises(Exception, match="different input"):
        d.apply(TEXT + " ")
