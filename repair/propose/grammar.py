"""Grammar candidates from LanguageTool matches, scored by the grammar policy (``rules/grammar.yaml``)."""

from __future__ import annotations

from ..backends.languagetool import LTMatch
from ..records import Edit
from ..rulepacks import GrammarPolicy

#: Confidence ceiling of matches the policy marks "suggest": they are reported, and applied
#: only when the caller lowers ``min_confidence`` below this.
SUGGEST_CEILING = 0.49


def propose(text: str, matches: list[LTMatch], policy: GrammarPolicy) -> list[Edit]:
    """One candidate per LanguageTool match that has a replacement and is not ignored."""
    out = []
    for m in matches:
        entry = policy.lookup(m.rule_id, m.category)
        if entry.action == "ignore" or not m.replacements:
            continue
        start, end = m.offset, m.offset + m.length
        replacement = m.replacements[0]
        original = text[start:end]
        if replacement == original:
            continue
        conf = entry.confidence if entry.action == "apply" else min(entry.confidence, SUGGEST_CEILING)
        out.append(Edit(start, end, original, replacement, source="grammar", rule=f"grammar.lt.{m.rule_id}",
                        confidence=round(conf, 3), message=m.message))
    return out
