"""repair: detect, correct and review machine-translated English.

>>> import repair
>>> repair.__version__
'0.1.0'

The one obvious call is :func:`fix`; :func:`check` reports without changing anything.
Both use a default :class:`Repairer` built on first use; build your own to choose options
or to control when the LanguageTool server stops.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["Edit", "Repairer", "RepairError", "Result", "Sentence", "check", "fix", "__version__"]

if TYPE_CHECKING:
    from .errors import RepairError
    from .pipeline import Repairer
    from .records import Edit, Result, Sentence

_LAZY = {
    "Repairer": ("pipeline", "Repairer"),
    "Options": ("pipeline", "Options"),
    "Edit": ("records", "Edit"),
    "Result": ("records", "Result"),
    "Sentence": ("records", "Sentence"),
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
