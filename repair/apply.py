"""Apply: put decided edits into the text.

The one place where text changes. The output is the input with exactly the given edits
applied; everything outside them is copied byte for byte.

>>> from repair.records import Edit
>>> e = Edit(7, 8, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.9, "", applied=True)
>>> apply_edits("He was a open man.", [e])
'He was an open man.'
"""

from __future__ import annotations

from collections.abc import Iterable

from .records import Edit


def check_edits(text: str, edits: Iterable[Edit]) -> list[Edit]:
    """The edits sorted by position, after checking that they fit ``text`` and do not overlap."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    prev: Edit | None = None
    for e in ordered:
        if e.end > len(text):
            raise ValueError(f"edit {e.rule} at {e.start}..{e.end} lies beyond the text ({len(text)} characters)")
        if text[e.start:e.end] != e.original:
            raise ValueError(
                f"edit {e.rule} expects {e.original!r} at {e.start}..{e.end} but the text has {text[e.start:e.end]!r}"
            )
        if prev is not None and prev.overlaps(e):
            raise ValueError(f"edits {prev.rule} ({prev.start}..{prev.end}) and {e.rule} ({e.start}..{e.end}) overlap")
        prev = e
    return ordered


def apply_edits(text: str, edits: Iterable[Edit], *, only_applied: bool = True) -> str:
    """``text`` with ``edits`` applied (by default only those marked ``applied``)."""
    chosen = [e for e in edits if e.applied or not only_applied]
    parts: list[str] = []
    pos = 0
    for e in check_edits(text, chosen):
        parts.append(text[pos:e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)
