"""``repair check --format github``: GitHub Actions workflow commands, one per finding, so that
each finding shows as an annotation on the pull request's diff::

    ::warning file=docs/a.txt,line=1,col=8,endLine=1,endColumn=9,title=grammar.lt.EN_A_VS_AN::'a' -> 'an': ...

A fix and a flagged sentence are ``warning``, a suggestion ``notice``. Columns are code points;
``endColumn`` is the column after the last character.

>>> from repair.records import Edit, Result
>>> e = Edit(7, 8, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.8, "Use 'an',\\nnot 'a'.", True, "ok")
>>> print(render(Result("He was a open man.", "He was an open man.", (), (e,)).as_check(), "in.txt"), end="")
::warning file=in.txt,line=1,col=8,endLine=1,endColumn=9,title=grammar.lt.EN_A_VS_AN (fix)::'a' -> 'an': Use 'an',%0Anot 'a'.
"""

from __future__ import annotations

from ..records import Result
from .findings import findings

COMMANDS = {"fix": "warning", "suggestion": "notice", "flagged": "warning"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: Result, name: str) -> str:
    """One workflow command line per finding of ``result``."""
    lines = []
    for f in findings(result, name):
        where = (f"file={_property(f.path)},line={f.line},col={f.column},endLine={f.end_line},"
                 f"endColumn={f.end_column},title={_property(f'{f.rule} ({f.kind})')}")
        message = f.message if f.replacement is None else f"{f.original!r} -> {f.replacement!r}: {f.message}"
        lines.append(f"::{COMMANDS[f.kind]} {where}::{_data(message)}\n")
    return "".join(lines)
