"""Loading phrasebooks: the shipped YAML files, user YAML files and glossaries (CSV, TSV, TBX)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from ...errors import RuleError
from ...ruledata import builtin_files, parse_yaml
from . import glossary
from .schema import Entry, Phrasebook, merge, override, parse_phrasebook


def read_file(path: str | Path) -> list[Entry]:
    """The entries of one user file: ``.yaml``/``.yml`` phrasebook, ``.csv``/``.tsv`` or ``.tbx`` glossary."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return glossary.read_csv(p)
    if suffix in (".tbx", ".xml"):
        return glossary.read_tbx(p)
    if suffix not in (".yaml", ".yml"):
        raise RuleError("unknown phrasebook format: use .yaml/.yml (phrasebook), .csv/.tsv or .tbx (glossary)",
                        path=str(p))
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"cannot read the phrasebook: {exc.strerror}", path=str(p)) from exc
    except UnicodeDecodeError as exc:
        raise RuleError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=str(p)) from exc
    return parse_phrasebook(parse_yaml(text, str(p)), str(p))


def load_phrasebook(paths: Iterable[str | Path] = (), *, builtin: bool = True) -> Phrasebook:
    """The shipped phrasebook (unless ``builtin=False``) plus user files (.yaml, .csv, .tsv, .tbx).

    A user entry wins over the shipped ones (:func:`~.schema.override`): its variants are no
    longer shipped canonicals, its canonical no longer a shipped variant.

    >>> book = load_phrasebook()
    >>> len(book) > 600
    True
    """
    entries: list[Entry] = []
    sources: list[str] = []
    if builtin:
        for path, text in builtin_files("phrasebook"):
            entries.extend(parse_phrasebook(parse_yaml(text, path), path))
            sources.append(path)
    user: list[Entry] = []
    for p in paths:
        user.extend(read_file(p))
        sources.append(str(p))
    return Phrasebook(merge(override(entries, user) + user), tuple(sources))


@functools.lru_cache(maxsize=1)
def default_phrasebook() -> Phrasebook:
    return load_phrasebook()
