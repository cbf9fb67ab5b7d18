"""Article-wide consistency: one name spelled several ways in one text is made consistent."""

from __future__ import annotations


def propose(doc, book) -> list:
    """Edits that make every spelling of a name the house (or majority) spelling."""
    return []
