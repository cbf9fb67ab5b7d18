"""Articles written for this test, not the seed: a machine-translated one with the seed's kinds of
surface error in other words (every one fixed, every other line byte for byte as it was), and a
clean one, which gets no edit at all. The real LanguageTool server and the real model run."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"

#: (what the MT wrote, what a careful editor writes), one per line that has an error.
FIXES = [
    ("Jenny HillBerlin correspondent", "Jenny Hill Berlin correspondent"),  # glued byline
    ("shrank by 0,3 % last year", "shrank by 0.3% last year"),  # decimal comma in an English text
    ('a "growth package" , which', 'a "growth package", which'),  # space before a comma
    ("the head of a industry association", "the head of an industry association"),  # article
    ("The car industry , which", "The car industry, which"),
    ("in its 87 -year history", "in its 87-year history"),  # hyphen spacing
    ("in BERLIN, called", "in Berlin, called"),  # shouting capitals of a known place
    ('called for " restraint " in', 'called for "restraint" in'),  # spaces inside quotes
    ("0.2 % next year, If exports", "0.2% next year, if exports"),  # stray capital mid-sentence
    ("expect the the European", "expect the European"),  # doubled word
    ("a spokesman told BBC.", "a spokesman told the BBC."),  # article of a name
]


@pytest.fixture(scope="module")
def mt_result(repairer):
    text = (DATA / "mt_news.txt").read_text(encoding="utf-8")
    return text, repairer.fix(text)


@pytest.mark.parametrize("before, after", FIXES)
def test_each_surface_error_is_fixed(mt_result, before, after):
    text, result = mt_result
    assert before in text
    assert after in result.text


def test_lines_without_an_error_stay_byte_for_byte(mt_result):
    text, result = mt_result
    lines, out = text.splitlines(keepends=True), result.text.splitlines(keepends=True)
    assert len(out) == len(lines)
    kept = [(a, b) for a, b in zip(lines, out) if not any(before in a for before, _ in FIXES)]
    assert len(kept) >= 5
    assert all(a == b for a, b in kept)


def test_a_clean_article_gets_no_edit(repairer):
    text = (DATA / "clean_news.txt").read_text(encoding="utf-8")
    result = repairer.fix(text)
    assert result.text == text
    assert [e for e in result.edits if e.applied] == []
