"""Propose: candidate edits from every source.

Every source is a :class:`Proposer`, listed by name in :data:`PROPOSERS` (imported on first
use) and built once per text by the pipeline as ``cls(repairer, options)``:

* ``grammar`` (:mod:`.grammar`): LanguageTool matches, filtered and scored by the grammar policy;
* ``artifacts`` (:mod:`.artifacts`): the regular-expression MT-artifact rules of ``rules/artifacts``;
* ``encoding`` (:mod:`.encoding`): mojibake (ftfy);
* ``phrasebook`` (:mod:`.phrasebook`): near-misses of canonical phrasings (rapidfuzz and embeddings);
* ``idioms`` (:mod:`.idioms`): idioms with one word changed or turned round, verified by the language model;
* ``prepositions`` (:mod:`.prepositions`): a preposition a word governs, written with another ("proud on"), a look-alike word ("weather" for "whether", "was" for "were"), and (asked for) any preposition the language model finds out of place, confirmed by the model;
* ``consistency`` (:mod:`.consistency`): one name spelled several ways in one text, and a person's pronoun against what the text says of that person (:mod:`.pronouns`);
* ``reference`` (:mod:`.reference`): sentences of trusted reference texts that a garbled sentence is close to.

Text helpers that several proposers need live in :mod:`repair.text`; proposers never import
one another.

>>> [cls.name for cls in proposer_classes()]
['grammar', 'artifacts', 'encoding', 'phrasebook', 'idioms', 'prepositions', 'consistency', 'reference']
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..document import Document
    from ..records import Edit
    from ..recheck import Problem

#: name -> "module:Class" under repair.propose, in the order their candidates are listed.
PROPOSERS: dict[str, str] = {
    "grammar": "grammar:GrammarProposer",
    "artifacts": "artifacts:ArtifactProposer",
    "encoding": "encoding:EncodingProposer",
    "phrasebook": "phrasebook:PhrasebookProposer",
    "idioms": "idioms:IdiomProposer",
    "prepositions": "prepositions:PrepositionProposer",
    "consistency": "consistency:ConsistencyProposer",
    "reference": "reference:ReferenceProposer",
}


@runtime_checkable
class Proposer(Protocol):
    """A source of candidate edits.

    Built as ``cls(repairer, options)`` for one text (a :class:`repair.pipeline.Repairer`, whose
    heavy parts it may use, and the :class:`repair.pipeline.Options` of the call). ``propose``
    returns candidate edits with offsets into ``doc.text``. A proposer with ``needs_matches``
    runs once LanguageTool's matches are in ``doc.matches``; the others run while LanguageTool
    checks the text.

    A proposer that can tell whether a sentence has a problem also has
    ``problems(texts) -> list[list[Problem]]`` (see :class:`Checker`): the recheck
    (:mod:`repair.recheck`) asks it about each changed sentence before and after the edits.
    """

    name: str
    needs_matches: bool

    def propose(self, doc: Document) -> list[Edit]: ...


@runtime_checkable
class Checker(Protocol):
    """A proposer that also finds problems in sentences, for the recheck."""

    def problems(self, texts: list[str]) -> list[list[Problem]]: ...


class BaseProposer:
    """What most proposers share: the repairer and options they were built with; no LanguageTool matches needed."""

    name = ""
    needs_matches = False

    def __init__(self, repairer, options) -> None:
        self.repairer, self.options = repairer, options


def proposer_class(name: str) -> type:
    """The class registered in :data:`PROPOSERS` under ``name``."""
    try:
        module, attr = PROPOSERS[name].split(":")
    except KeyError:
        raise ValueError(f"unknown proposer {name!r} (known: {', '.join(PROPOSERS)})") from None
    return getattr(importlib.import_module(f"{__name__}.{module}"), attr)


def known_rule_ids(artifact_ids: Iterable[str]) -> set[str]:
    """Every rule id the proposers can give, besides LanguageTool's (``grammar.lt.*``): the
    artifact rules' ``artifact_ids`` (shipped and user packs) and the fixed ids of the others.

    >>> "phrasebook.idiom.order" in known_rule_ids([]), "consistency.name.house" in known_rule_ids([])
    (True, True)
    """
    from .consistency import CONFIDENCE
    from .encoding import RULE
    from .phrasebook import KINDS
    from .prepositions import BARE_NOUN_RULE, CONFUSABLE_RULE, FALSE_FRIEND_RULE, GOVERNED_RULE, MISSING_ARTICLE_RULE
    from .prepositions import RULE as PREPOSITION_RULE

    ids = set(artifact_ids) | {RULE, PREPOSITION_RULE, GOVERNED_RULE, CONFUSABLE_RULE, FALSE_FRIEND_RULE, BARE_NOUN_RULE,
                               MISSING_ARTICLE_RULE, "reference.sentence"}
    ids |= {f"consistency.name.{reason}" for reason in CONFIDENCE}
    ids.add("consistency.pronoun")
    ids |= {f"phrasebook.{kind}.{method}" for kind in KINDS for method in PHRASEBOOK_METHODS}
    return ids


#: How the phrasebook matched (the last part of its rule ids; repair.propose.phrasebook.matching.Match.method).
PHRASEBOOK_METHODS = ("variant", "house", "case", "spelling", "order", "function", "semantic")


def proposer_classes() -> list[type]:
    """Every registered proposer class, in :data:`PROPOSERS` order."""
    return [proposer_class(name) for name in PROPOSERS]
