"""repair: detect, correct and review machine-translated English.

>>> import repair
>>> repair.__version__
'0.1.0'

The one obvious call is :func:`fix`; :func:`check` reports without changing anything.
Both use a default :class:`Repairer` built on first use; build your own to choose options
or to control when the LanguageTool server stops.

>>> result = repair.fix("We signed a long -term deal.", grammar=False)   # rule packs only: fast
>>> result.text
'We signed a long-term deal.'
>>> [(e.rule, e.original, e.replacement, e.applied) for e in result.edits]
[('artifact.spacing.hyphen', ' -', '-', True)]
>>> print(result.diff("deal.txt"), end="")
--- deal.txt
+++ deal.txt (repaired)
@@ -1 +1 @@
-We signed a long -term deal.
\\ No newline at end of file
+We signed a long-term deal.
\\ No newline at end of file
>>> repair.Result.from_dict(json.loads(result.to_json())) == result   # the CLI's --report JSON
True

For many documents, one :class:`Repairer` streams results in input order, sharing one
LanguageTool server between its worker threads:

>>> with repair.Repairer() as r:                                   # doctest: +SKIP
...     for res in r.fix_many(texts, workers=2):
...         save(res.text, res.to_dict())
"""

from __future__ import annotations

import json  # noqa: F401  (used by the doctests above)
import threading
from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["Decisions", "Edit", "Options", "Repairer", "RepairError", "Result", "Sentence", "check", "fix",
           "fix_many", "__version__"]

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from .errors import RepairError
    from .pipeline import Options, Repairer
    from .records import Decisions, Edit, Result, Sentence

_LAZY = {
    "Repairer": ("pipeline", "Repairer"),
    "Options": ("pipeline", "Options"),
    "Edit": ("records", "Edit"),
    "Result": ("records", "Result"),
    "Sentence": ("records", "Sentence"),
    "Decisions": ("records", "Decisions"),
    "RepairError": ("errors", "RepairError"),
}

_default = None
_default_lock = threading.Lock()


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'repair' has no attribute {name!r}")


def default_repairer():
    """The process-wide :class:`Repairer` behind :func:`fix` and :func:`check`."""
    global _default
    with _default_lock:
        if _default is None:
            from .pipeline import Repairer

            _default = Repairer()
        return _default


def fix(text: str, **options) -> Result:
    """Repair ``text`` with the default :class:`Repairer`; see :class:`repair.pipeline.Options`."""
    return default_repairer().fix(text, **options)


def check(text: str, **options) -> Result:
    """Findings for ``text`` (nothing applied) with the default :class:`Repairer`."""
    return default_repairer().check(text, **options)


def fix_many(texts: Iterable[str], *, workers: int = 2, **options) -> Iterator[Result]:
    """Results for ``texts`` in order, streamed, with the default :class:`Repairer`."""
    return default_repairer().fix_many(texts, workers=workers, **options)
