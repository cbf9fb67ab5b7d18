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
from dataclasses import asdict, dataclass

from ..records import CHECK_ONLY, Result

#: The rule id of a sentence the detector flags as garbled.
FLAGGED_RULE = "detect.garbled"


def line_col(text: str, pos: int) -> tuple[int, int]:
    """1-based (line, column) of code point ``pos`` of ``text``."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


@dataclass(frozen=True)
class Finding:
    """One finding of a check, as every machine format shows it. Lines and columns count from 1
    in code points; ``end_column`` is the column just after the last character (as in SARIF).
    ``kind`` is ``fix`` (repair fix would apply it), ``suggestion`` or ``flagged`` (a garbled
    sentence: ``sentence`` and ``score`` are set, ``replacement`` is None; so it is for a rule
    that only flags)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    kind: str
    message: str
    original: str
    replacement: str | None
    source: str
    confidence: float | None = None
    sentence: str | None = None
    score: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def findings(result: Result, name: str) -> list[Finding]:
    """The findings of a check result, in text order (a flagged sentence before the edits in it).

    >>> from repair.records import Edit, Result
    >>> e = Edit(7, 8, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.8, "Use 'an'.", True, "ok")
    >>> f = findings(Result("He was a open man.", "He was an open man.", (), (e,)).as_check(), "in.txt")[0]
    >>> (f.line, f.column, f.end_line, f.end_column, f.kind, f.replacement)
    (1, 8, 1, 9, 'fix', 'an')
    """
    rows = []
    for s in result.flagged:
        (line, col), (end_line, end_col) = line_col(result.original, s.start), line_col(result.original, s.end)
        message = f"garbled sentence (score {s.score:.2f}): {'; '.join(s.reasons) or 'garbled'}"
        rows.append((s.start, 0, Finding(name, line, col, end_line, end_col, FLAGGED_RULE, "flagged", message,
                                         s.text, None, "detect", None, s.text, round(s.score, 4))))
    for e in result.edits:
        (line, col), (end_line, end_col) = line_col(result.original, e.start), line_col(result.original, e.end)
        kind = "fix" if e.decision.startswith(CHECK_ONLY) else "suggestion"
        replacement = None if e.replacement == e.original else e.replacement  # a rule that only flags
        rows.append((e.start, 1, Finding(name, line, col, end_line, end_col, e.rule, kind, e.message, e.original,
                                         replacement, e.source, e.confidence)))
    return [r[2] for r in sorted(rows, key=lambda r: (r[0], r[1]))]


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
        flag = e.replacement == e.original  # a rule that only flags
        change = f"{e.original!r} (flag only)" if flag else f"{e.original!r} -> {e.replacement!r}"
        rows.append((e.start, 1, f"{name}:{line}:{col}: {kind} {e.rule} ({e.source}, {e.confidence:.2f}): "
                                 f"{change}: {e.message}"))
    return "".join(r[2] + "\n" for r in sorted(rows, key=lambda r: (r[0], r[1])))


def json_line(result: Result, name: str) -> str:
    """The JSON report on one line, with the document's ``path`` and its ``findings`` (see :class:`Finding`)."""
    found = [f.to_dict() for f in findings(result, name)]
    return json.dumps({"path": name, **result.to_dict(), "findings": found}, ensure_ascii=False) + "\n"
