"""Grammar candidates from LanguageTool matches, scored by the grammar policy (``rules/grammar.yaml``).

The policy names LanguageTool rules (and categories). A rule may also be named together with
the *shape* of its first suggestion, ``RULE_ID/shape``, where the data showed that one kind of
suggestion of a rule is safe and the others are not: ``MORFOLOGIK_RULE_EN_US/capitalise`` (a
lower-case word the speller knows only as a name: ``nepali`` -> ``Nepali``) is applied while
the speller's other suggestions are not. See :func:`suggestion_shape`.

>>> suggestion_shape("nepali", "Nepali"), suggestion_shape("popmusic", "pop music")
('capitalise', 'split')
"""

from __future__ import annotations

from ..backends.languagetool import LTMatch
from ..records import Edit
from ..rulepacks import GrammarPolicy
from .artifacts import _IDIOM_GLUE

#: Confidence ceiling of matches the policy marks "suggest": they are reported, and applied
#: only when the caller lowers ``min_confidence`` below this.
SUGGEST_CEILING = 0.49

#: The shapes :func:`suggestion_shape` tells apart.
SHAPES = ("capitalise", "case", "split", "join", "hyphen", "delete", "insert", "other")


def suggestion_shape(original: str, replacement: str) -> str:
    """What kind of change a suggestion is: ``capitalise`` (a lower-case word gets its capital),
    ``case`` (another change of letter case only), ``split`` (spaces inserted), ``join`` (spaces
    removed), ``hyphen`` (hyphens added or removed), ``delete``, ``insert`` or ``other``."""
    if not replacement:
        return "delete"
    if not original:
        return "insert"
    if original.lower() == replacement.lower():
        if original.islower() and replacement == original[:1].upper() + original[1:]:
            return "capitalise"
        return "case"
    if replacement.replace(" ", "") == original.replace(" ", ""):
        return "split" if replacement.count(" ") > original.count(" ") else "join"
    if replacement.replace("-", "").replace(" ", "") == original.replace("-", "").replace(" ", ""):
        return "hyphen"
    return "other"


def lookup(policy: GrammarPolicy, match: LTMatch, original: str, replacement: str) -> GrammarPolicy.Entry:
    """The policy entry for a match: ``RULE/shape`` first, then the rule, its category, the default."""
    shaped = policy.rules.get(f"{match.rule_id}/{suggestion_shape(original, replacement)}")
    return shaped if shaped is not None else policy.lookup(match.rule_id, match.category)


def idiom_repeat(rule_id: str, original: str) -> bool:
    """A repeated phrase that overlaps an idiom or a tautology (``from house to house to buy``,
    ``what will be will be``): LanguageTool's PHRASE_REPETITION fires on it, but removing the copy
    breaks the idiom. The artifact rule ``artifact.repetition.phrase`` leaves the same pairs alone
    (``_IDIOM_GLUE``); on MLQE-PE train these were the rule's only 2 raises, against 1 lower.

    >>> idiom_repeat("PHRASE_REPETITION", "house to house to"), idiom_repeat("PHRASE_REPETITION", "in Rome in Rome")
    (True, False)
    """
    return rule_id == "PHRASE_REPETITION" and bool(_IDIOM_GLUE & set(original.lower().split()))


def propose(text: str, matches: list[LTMatch], policy: GrammarPolicy) -> list[Edit]:
    """One candidate per LanguageTool match that has a replacement and is not ignored."""
    out = []
    for m in matches:
        if not m.replacements:
            continue
        start, end = m.offset, m.offset + m.length
        replacement = m.replacements[0]
        original = text[start:end]
        if replacement == original:
            continue
        entry = lookup(policy, m, original, replacement)
        if entry.action == "ignore":
            continue
        conf = entry.confidence if entry.action == "apply" else min(entry.confidence, SUGGEST_CEILING)
        message = m.message
        if idiom_repeat(m.rule_id, original):
            conf = min(conf, SUGGEST_CEILING)
            message += " (suggestion only: the repeat may be part of an idiom such as 'from house to house')"
        out.append(Edit(start, end, original, replacement, source="grammar", rule=f"grammar.lt.{m.rule_id}",
                        confidence=round(conf, 3), message=message))
    return out
