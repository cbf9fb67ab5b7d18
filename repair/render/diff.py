"""Unified diffs of a result, line by line, as ``diff -u`` prints them.

>>> from repair.records import Result
>>> print(unified_diff(Result("a b\\n", "a c\\n", (), ()), "in.txt"), end="")
--- in.txt
+++ in.txt (repaired)
@@ -1 +1 @@
-a b
+a c
"""

from __future__ import annotations

import difflib

from ..records import Result


def unified_diff(result: Result, name: str = "input", context: int = 3) -> str:
    """The unified diff between ``result.original`` and ``result.text`` ('' when nothing changed)."""
    a = result.original.splitlines(keepends=True)
    b = result.text.splitlines(keepends=True)
    lines = difflib.unified_diff(a, b, fromfile=name, tofile=f"{name} (repaired)", n=context)
    out = []
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def render(result: Result, name: str, *, color: bool = False, width: int | None = None) -> str:
    """The ``unified`` diff format of ``repair fix --diff``: the unified diff, coloured on request."""
    diff = unified_diff(result, name)
    return colour_unified(diff) if color and diff else diff


def colour_unified(diff: str) -> str:
    """``diff`` with ANSI colours: file names bold, removed lines red, added green, hunks cyan."""
    import click

    out = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            out.append(click.style(line, bold=True))
        elif line.startswith("+"):
            out.append(click.style(line, fg="green"))
        elif line.startswith("-"):
            out.append(click.style(line, fg="red"))
        elif line.startswith("@@"):
            out.append(click.style(line, fg="cyan"))
        else:
            out.append(line)
    return "".join(out)
