"""Mojibake: text decoded with the wrong encoding somewhere upstream ("Ã©lysÃ©e" for "élysée").

ftfy finds and reverses it; each changed word becomes one edit (``artifact.unicode.mojibake``).
Only encoding repairs are made: quotes, widths, ligatures and line breaks are left as they are.

>>> [(e.original, e.replacement) for e in propose("The Ã©lysÃ©e Palace said.", [(0, 25)])]
[('Ã©lysÃ©e', 'élysée')]
"""

from __future__ import annotations

import difflib
import functools
import re

from . import BaseProposer
from ..records import Edit

RULE = "artifact.unicode.mojibake"
CONFIDENCE = 0.95
_SUSPECT = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


@functools.lru_cache(maxsize=1)
def _config():
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        remove_control_chars=False, normalization=None, explain=False,
    )


def propose(text: str, spans) -> list[Edit]:
    """Edits for mojibake inside the given (start, end) spans (or segments with .start/.end)."""
    import ftfy

    out: list[Edit] = []
    for span in spans:
        start, end = (span.start, span.end) if hasattr(span, "start") else span
        chunk = text[start:end]
        if not _SUSPECT.search(chunk):
            continue
        fixed = ftfy.fix_text(chunk, config=_config())
        if fixed == chunk:
            continue
        for s, e, repl in _word_changes(chunk, fixed):
            out.append(Edit(start + s, start + e, chunk[s:e], repl, source="artifact", rule=RULE,
                            confidence=CONFIDENCE, message="Mojibake: text decoded with the wrong encoding"))
    return out


def _word_changes(a: str, b: str) -> list[tuple[int, int, str]]:
    """Character differences between ``a`` and ``b``, widened to whole words, as (start, end, new)."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    changes = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        while i1 > 0 and j1 > 0 and not a[i1 - 1].isspace() and a[i1 - 1] == b[j1 - 1]:
            i1, j1 = i1 - 1, j1 - 1
        while i2 < len(a) and j2 < len(b) and not a[i2].isspace() and a[i2] == b[j2]:
            i2, j2 = i2 + 1, j2 + 1
        if changes and i1 <= changes[-1][1]:
            ps, pe, pj1, _ = changes[-1]
            changes[-1] = (ps, max(pe, i2), pj1, j2)
        else:
            changes.append((i1, i2, j1, j2))
    return [(i1, i2, b[j1:j2]) for i1, i2, j1, j2 in changes]


class EncodingProposer(BaseProposer):
    """The ``encoding`` proposer: mojibake in each sentence."""

    name = "encoding"

    def propose(self, doc) -> list[Edit]:
        return propose(doc.text, doc.segments)
