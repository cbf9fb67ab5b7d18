r"""Markup that edits must not touch: HTML tags and entities, Markdown syntax, code, URLs, e-mail,
YAML front matter and TeX math.

The text inside markup is still repaired; the markup itself never changes.

>>> t = 'See <a href="x.html">the the report</a> at https://example.org/a -b'
>>> [t[s:e] for s, e in protected_spans(t)]
['<a href="x.html">', '</a>', 'https://example.org/a']
>>> protected_spans("The <unk> river")   # an MT system's unknown-word marker is text, not markup
[]
>>> t = "---\ntitle: a open day\n---\nArea $a -b$ grew from $5 to $10."
>>> [t[s:e] for s, e in protected_spans(t)]   # front matter and math, not the prices
['---\ntitle: a open day\n---\n', '$a -b$']
"""

from __future__ import annotations

import bisect
import re

_HTML_ELEMENTS = sorted("""
a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code
col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer
form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map
mark menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt
ruby s samp script section select slot small source span strong style sub summary sup table tbody td
template textarea tfoot th thead time title tr track u ul var video wbr center font big tt strike
""".split(), key=len, reverse=True)

_PATTERNS = [
    re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S),  # YAML front matter
    re.compile(r"\$\$.+?\$\$", re.S),  # display math
    # inline math as Pandoc reads it: no space inside the dollars, no digit after the closing one
    # (so "$5 to $10" stays text)
    re.compile(r"(?<![\\$\w])\$(?=[^\s$])[^$\n]*?(?<=[^\s$\\])\$(?!\d)"),
    re.compile(r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)", re.S),  # fenced code blocks
    re.compile(r"<!--.*?(?:-->|\Z)", re.S),  # HTML comments
    re.compile(r"<(script|style)\b.*?(?:</\1\s*>|\Z)", re.S | re.I),  # script/style bodies
    # HTML tags: real element names, or custom elements (with a hyphen); not MT markers like <unk>
    re.compile(r"</?(?:(?:" + "|".join(_HTML_ELEMENTS) + r")\b|[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9-]*)"
               r"(?:\s[^<>]*)?/?>", re.I),
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
