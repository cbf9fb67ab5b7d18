"""Wrong edits seen on real machine translation (issue 15): each class is left alone now, through
the real pipeline (LanguageTool server and model), while the real error of the same kind next to
it is still fixed."""

from __future__ import annotations

import pytest

#: (text, what must still be in the repaired text, what must not be there)
LEFT_ALONE = [
    # a reduplication is English: only a part repeated inside a longer compound is an artifact
    ("The two sides agreed on win-win cooperation in trade.\n", "win-win cooperation", "on win cooperation"),
    ("Nothing but blah-blah-blah from the ministry.\n", "blah-blah-blah", None),
    # a line break is layout, never a repeated word: headline ending "Xinhua", dateline starting "Xinhua"
    ("China and Laos pledge closer ties: Xinhua\nXinhua reported on Monday that the leaders met.\n",
     "Xinhua\nXinhua reported", None),
    # a hyphen with a space after a function word is a dash or a lost word, not a compound
    ("He promised to- extend the deadline.\n", "to- extend", "to-extend"),
    ("Then he- stood up and left the room.\n", "he- stood", "he-stood"),
]


@pytest.mark.parametrize("text, kept, absent", LEFT_ALONE, ids=[t[1] for t in LEFT_ALONE])
def test_wrong_edit_classes_are_left_alone(repairer, text, kept, absent):
    result = repairer.fix(text)
    assert kept in result.text
    if absent is not None:
        assert absent not in result.text
    # and the output is the input with exactly the applied edits (nothing else moved)
    assert result.text.count("\n") == text.count("\n")


#: The real errors of the same kinds, still fixed.
STILL_FIXED = [
    ("This is a two-metre-metre carpet.\n", "a two-metre carpet"),
    ("The talks in the the capital ended.\n", "in the capital"),
    ("It was a full- scale invasion.\n", "full-scale invasion"),
]


@pytest.mark.parametrize("text, fixed", STILL_FIXED, ids=[t[1] for t in STILL_FIXED])
def test_the_real_errors_of_those_kinds_are_still_fixed(repairer, text, fixed):
    assert fixed in repairer.fix(text).text
