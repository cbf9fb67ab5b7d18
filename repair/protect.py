"""Markup that edits must not touch: HTML tags and entities, Markdown syntax, code, URLs, e-mail.

The text inside markup is still repaired; the markup itself never changes.

>>> t = 'See <a href="x.html">the the report</a> at https://example.org/a -b'
>>> [t[s:e] for s, e in protected_spans(t)]
['<a href="x.html">', '</a>', 'https://example.org/a']
"""

from __future__ import annotations

import bisect
import re

_PATTERNS = [
    re.compile(r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)", re.S),  # fenced code blocks
    re.compile(r"<!--.*?(?:-->|\Z)", re.S),  # HTML comments
    re.compile(r"<(script|style)\b.*?(?:</\1\s*>|\Z)", re.S | re.I),  # script/style bodies
    re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>"),  # HTML tags
    re.compile(r"&(?:[A-Za-z]{2,10}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});"),  # entities
    re.compile(r"`[^`\n]+`"),  # inline code
    re.compile(r"\]\([^)\n]*\)"),  # Markdown link targets
    re.compile(r"^[ \t]{0,3}(?:#{1,6}|[-*+]|\d{1,9}[.)]|>+)[ \t]", re.M),  # headings, list items, quotes
    re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M),  # horizontal rules
    re.compile(r"\b(?:https?|ftp)://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+"),  # URLs
    re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),  # e-mail addresses
]


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans of markup in ``text``."""
    spans = sorted((m.start(), m.end()) for p in _PATTERNS for m in p.finditer(text) if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


class Protected:
    """Answers "does this span touch markup?" quickly."""

    def __init__(self, text: str) -> None:
        self.spans = protected_spans(text)
        self._starts = [s for s, _ in self.spans]

    def __bool__(self) -> bool:
        return bool(self.spans)

    def touches(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, max(start, end - 1 if end > start else start)) - 1
        while i >= 0:
            s, e = self.spans[i]
            if e <= start and not (start == end == e):
                return False
            if s < end and start < e or (start == end and s < start < e):
                return True
            i -= 1
        return False
