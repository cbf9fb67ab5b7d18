"""Findings of ``repair check``: one renderer per ``--format``, each ``(result, name) -> str``.

``result`` is a check result (:meth:`repair.records.Result.as_check`): nothing applied, the
edits that fix would apply marked :data:`repair.records.CHECK_ONLY`.

>>> from repair.records import Edit, Result
>>> e = Edit(7, 8, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.8, "Use 'an'.", True, "ok")
>>> print(text(Result("He was a open man.", "He was an open man.", (), (e,)).as_check(), "in.txt"), end="")
in.txt:1:8: fix grammar.lt.EN_A_VS_AN (grammar, 0.80): 'a' -> 'an': Use 'an'.
"""

from __future__ import annotations

import json

from ..records import CHECK_ONLY, Result


def line_col(text: str, pos: int) -> tuple[int, int]:
    """1-based (line, column) of code point ``pos`` of ``text``."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def text(result: Result, name: str) -> str:
    """One finding a line, ``FILE:LINE:COL: fix|suggestion|flagged ...``, in text order."""
    rows = []
    for s in result.flagged:
        line, col = line_col(result.original, s.start)
        rows.append((s.start, 0, f"{name}:{line}:{col}: flagged ({s.score:.2f}): "
                                 f"{'; '.join(s.reasons) or 'garbled'}"))
    for e in result.edits:
        line, col = line_col(result.original, e.start)
        kind = "fix" if e.decision.startswith(CHECK_ONLY) else "suggestion"
        rows.append((e.start, 1, f"{name}:{line}:{col}: {kind} {e.rule} ({e.source}, {e.confidence:.2f}): "
                                 f"{e.original!r} -> {e.replacement!r}: {e.message}"))
    return "".join(r[2] + "\n" for r in sorted(rows, key=lambda r: (r[0], r[1])))


def json_line(result: Result, name: str) -> str:
    """The JSON report on one line, with the document's ``path``."""
    return json.dumps({"path": name, **result.to_dict()}, ensure_ascii=False) + "\n"
