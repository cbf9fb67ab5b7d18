"""House terms a user phrasebook enforces: an entry's own confidence makes its listed variants
applied, not only suggested; a user entry wins over a shipped canonical (an archive keeps "Kiev")."""

from __future__ import annotations

import pytest

from repair.errors import RuleError
from repair.propose.phrasebook import load_phrasebook


@pytest.fixture
def with_book(repairer, tmp_path):
    """with_book(yaml) -> a Repairer with that user phrasebook (the session's LanguageTool and model)."""
    from repair.pipeline import Repairer

    def make(text: str) -> Repairer:
        path = tmp_path / "house.yaml"
        path.write_text(text, encoding="utf-8")
        return Repairer(lt_url=repairer.checker.base_url(), phrasebook_files=(path,),
                        _embedder=repairer.embedder, _detector=repairer.detector)

    return make


def _changes(result):
    return [(e.original, e.replacement, e.rule, e.applied) for e in result.edits if e.source == "phrasebook"]


def test_shipped_house_spelling_is_only_suggested(repairer):
    result = repairer.fix("The mayor of Kiev spoke on Monday.\n")
    assert _changes(result) == [("Kiev", "Kyiv", "phrasebook.place.house", False)]


def test_entry_confidence_makes_a_house_term_applied(with_book):
    with with_book("domain: house\nentries:\n  - {canonical: Kyiv, kind: place, confidence: 0.9}\n") as r:
        result = r.fix("The mayor of Kiev spoke on Monday.\n")
    assert result.text == "The mayor of Kyiv spoke on Monday.\n"
    assert _changes(result) == [("Kiev", "Kyiv", "phrasebook.place.house", True)]
    assert result.edits[0].confidence == 0.9


def test_user_entry_overrides_the_shipped_canonical(with_book):
    book = "domain: archive\nentries:\n  - {canonical: Kiev, kind: place, variants: [Kyiv], confidence: 0.9}\n"
    with with_book(book) as r:
        kept = r.fix("The mayor of Kiev spoke on Monday.\n")
        result = r.fix("The mayor of Kyiv spoke on Monday.\n")
    assert _changes(kept) == []  # the shipped Kiev -> Kyiv is gone
    assert result.text == "The mayor of Kiev spoke on Monday.\n"
    assert _changes(result) == [("Kyiv", "Kiev", "phrasebook.place.house", True)]


def test_entry_confidence_is_validated(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("domain: house\nentries:\n  - {canonical: Kyiv, kind: place, confidence: 2}\n", encoding="utf-8")
    with pytest.raises(RuleError, match="entry Kyiv: 'confidence' must be a number from 0 to 1"):
        load_phrasebook([bad])
