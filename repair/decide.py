"""Decide: choose which candidate edits are safe to apply.

Candidates are taken most confident first; one that overlaps an already chosen edit, or
falls below ``min_confidence``, stays a suggestion, and its ``decision`` says why. A flag (a
rule without replacement: the edit's replacement is its original, its decision :data:`FLAG_ONLY`)
is never applied.

>>> from repair.records import Edit
>>> a = Edit(0, 3, "foo", "Foo", "artifact", "artifact.x", 0.9, "")
>>> b = Edit(0, 3, "foo", "bar", "phrasebook", "phrasebook.y", 0.95, "")
>>> [(e.replacement, e.applied) for e in decide([a, b], min_confidence=0.8)]
[('bar', True), ('Foo', False)]
"""

from __future__ import annotations

from collections.abc import Iterable

from .records import FLAG_ONLY, Edit


def decide(candidates: Iterable[Edit], *, min_confidence: float = 0.8) -> list[Edit]:
    """Every candidate once, with ``applied`` and ``decision`` set; in text order."""
    ranked = sorted(candidates, key=lambda e: (-e.confidence, e.start, e.end, e.rule))
    chosen: list[Edit] = []
    out: list[Edit] = []
    seen: set[tuple[int, int, str]] = set()
    for e in ranked:
        key = (e.start, e.end, e.replacement)
        if key in seen:  # the same change proposed twice: keep the most confident copy
            continue
        seen.add(key)
        if e.replacement == e.original:  # no change: dropped, unless it is a rule's flag (reported)
            if e.decision == FLAG_ONLY:
                out.append(e.with_decision(False))
            continue
        clash = next((c for c in chosen if c.overlaps(e)), None)
        if clash is not None:
            out.append(e.with_decision(False, f"overlaps the more confident edit {clash.rule}"))
        elif e.confidence < min_confidence:
            out.append(e.with_decision(False, f"confidence {e.confidence:.2f} is below {min_confidence:.2f}"))
        else:
            e = e.with_decision(True, f"confidence {e.confidence:.2f} >= {min_confidence:.2f}")
            chosen.append(e)
            out.append(e)
    out.sort(key=lambda e: (e.start, e.end, not e.applied, -e.confidence))
    return out
