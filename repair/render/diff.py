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
