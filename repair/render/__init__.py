"""Render: show a result to people (diffs, side-by-side, HTML) and to programs (JSON).

Output formats are looked up by name in :data:`FORMATS` and imported on first use. Each kind
has one contract:

* ``diff`` (``repair fix --diff NAME``): ``render(result, name, *, color, width) -> str``;
* ``findings`` (``repair check --format NAME``): ``render(check_result, name) -> str`` for each
  document; a format that is one document for the whole run (SARIF) is a class instead, built
  once per run, whose instance is called the same way (returning '') and whose ``finish() -> str``
  gives the output.

A new format is a function with its kind's contract and one line in :data:`FORMATS`.

>>> names("findings")
['text', 'json', 'sarif', 'github']
>>> renderer("diff", "unified").__module__
'repair.render.diff'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

#: kind -> format name -> "module:function" (modules under repair.render).
FORMATS: dict[str, dict[str, str]] = {
    "diff": {"unified": "diff:render", "side-by-side": "sidebyside:render"},
    "findings": {"text": "findings:text", "json": "findings:json_line", "sarif": "sarif:SarifLog",
                 "github": "github:render"},
}


def names(kind: str) -> list[str]:
    """The format names of ``kind``, in the order the CLI offers them."""
    return list(FORMATS[kind])


def renderer(kind: str, name: str) -> Callable[..., str]:
    """The function that renders format ``name`` of ``kind``."""
    try:
        module, attr = FORMATS[kind][name].split(":")
    except KeyError:
        raise ValueError(f"unknown {kind} format {name!r} (known: {', '.join(FORMATS.get(kind, ()))})") from None
    return getattr(importlib.import_module(f"{__name__}.{module}"), attr)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the plural unless ``count`` is 1 (``many``, else ``word + "s"``).

    >>> plural(1, "edit"), plural(0, "edit"), plural(2, "sentence"), plural(3, "match", "matches")
    ('1 edit', '0 edits', '2 sentences', '3 matches')
    """
    return f"{count} {word if count == 1 else many or word + 's'}"
