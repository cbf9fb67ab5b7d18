"""The shipped rule data (``rules/``, installed as the ``repair.rules`` package): reading its
YAML files with errors that name the file, and the word lists of ``rules/words/``.

>>> "NATO" in wordlist("acronyms")
True
"""

from __future__ import annotations

import functools
import importlib.resources
from typing import Any

import yaml

from .errors import RuleError


def builtin_files(kind: str) -> list[tuple[str, str]]:
    """(name, text) of the shipped YAML files under ``rules/<kind>/``."""
    root = importlib.resources.files("repair.rules").joinpath(kind)
    out = []
    if root.is_dir():
        for entry in sorted(root.iterdir(), key=lambda p: p.name):
            if entry.name.endswith((".yaml", ".yml")):
                out.append((f"rules/{kind}/{entry.name}", entry.read_text(encoding="utf-8")))
    return out


def parse_yaml(text: str, path: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" (line {mark.line + 1}, column {mark.column + 1})"
        raise RuleError(f"invalid YAML{where}: {getattr(exc, 'problem', exc)}", path=path) from exc


@functools.lru_cache(maxsize=None)
def words_file(name: str) -> Any:
    """The parsed YAML of ``rules/words/<name>.yaml``."""
    path = f"rules/words/{name}.yaml"
    try:
        text = importlib.resources.files("repair.rules").joinpath("words", f"{name}.yaml").read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"cannot read the word list: {exc}", path=path) from exc
    return parse_yaml(text, path)


@functools.lru_cache(maxsize=None)
def wordlist(name: str) -> frozenset[str]:
    """The words of ``rules/words/<name>.yaml`` (a mapping with a ``words`` list), as written."""
    path = f"rules/words/{name}.yaml"
    data = words_file(name)
    words = data.get("words") if isinstance(data, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise RuleError("a word list is a mapping with a 'words' list of non-empty strings", path=path)
    return frozenset(w.strip() for w in words)


@functools.lru_cache(maxsize=None)
def lower_wordlist(name: str) -> frozenset[str]:
    """The words of ``rules/words/<name>.yaml`` in lower case."""
    return frozenset(w.lower() for w in wordlist(name))
