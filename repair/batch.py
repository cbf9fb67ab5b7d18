"""Many documents: inputs given as files, directories and globs; JSON Lines in and out.

These helpers only find, read and shape documents; the repairing is
:meth:`repair.pipeline.Repairer.fix_many`, which streams results in input order.

>>> rec = {"id": 7, "text": "A long -term plan."}
>>> from repair.records import Result
>>> out = jsonl_record(rec, Result(rec["text"], "A long-term plan.", (), ()), "text", "repair")
>>> out["id"], out["text"], sorted(out["repair"])
(7, 'A long-term plan.', ['edits', 'notices', 'original', 'schema', 'sentences'])
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .records import Result

_MAGIC = set("*?[")


@dataclass(frozen=True)
class Source:
    """One input: a file (``path``) or standard input (``path`` is None).

    ``relative`` is where its output goes under ``--output-dir``: the path below the
    directory or glob base it was found through, or its file name.
    """

    path: Path | None
    relative: Path

    @property
    def name(self) -> str:
        return "<stdin>" if self.path is None else str(self.path)


def _glob_base(pattern: str) -> Path:
    parts = []
    for part in Path(pattern).parts:
        if _MAGIC & set(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def expand_inputs(specs: Iterable[str], pattern: str = "*.txt") -> list[Source]:
    """Files for ``specs``: '-' (stdin), files, directories (files matching ``pattern``, recursively)
    and globs (``**`` included), in the order given, each file once.

    >>> expand_inputs(["-"])
    [Source(path=None, relative=PosixPath('stdin'))]
    """
    out: list[Source] = []
    seen: set[Path] = set()

    def add(path: Path, rel: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            out.append(Source(path, rel))

    for spec in specs:
        if spec == "-":
            out.append(Source(None, Path("stdin")))
            continue
        p = Path(spec)
        if p.is_dir():
            found = sorted(f for f in p.rglob(pattern) if f.is_file())
            if not found:
                raise InputError(f"directory {spec} holds no files matching {pattern!r}; choose others with --glob")
            for f in found:
                add(f, f.relative_to(p))
        elif p.exists():
            add(p, Path(p.name))
        elif _MAGIC & set(spec):
            found = sorted(Path(f) for f in glob.glob(spec, recursive=True) if os.path.isfile(f))
            if not found:
                raise InputError(f"{spec!r} matches no files")
            base = _glob_base(spec)
            for f in found:
                add(f, f.relative_to(base))
        else:
            raise InputError(f"{spec}: no such file or directory")
    return out


def read_jsonl(lines: Iterable[str], source: str, field: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for each non-blank line; every record must hold text under ``field``.

    >>> list(read_jsonl(['{"text": "Hi."}', '', '{"text": "Yo."}'], "in.jsonl", "text"))
    [(1, {'text': 'Hi.'}), (3, {'text': 'Yo.'})]
    >>> list(read_jsonl(['{"body": "Hi."}'], "in.jsonl", "text"))
    Traceback (most recent call last):
    ...
    repair.errors.InputError: in.jsonl:1: no "text" field (fields: body); name the text field with --text-field
    """
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}:{n}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
        if not isinstance(record, dict):
            raise InputError(f"{source}:{n}: a JSON Lines record must be an object, got {type(record).__name__}")
        if field not in record:
            raise InputError(f'{source}:{n}: no "{field}" field (fields: {", ".join(record) or "none"}); '
                             "name the text field with --text-field")
        if not isinstance(record[field], str):
            raise InputError(f'{source}:{n}: field "{field}" is {type(record[field]).__name__}, not a string')
        yield n, record


def jsonl_record(record: dict[str, Any], result: Result, field: str, key: str | None) -> dict[str, Any]:
    """``record`` with the repaired text under ``field`` and, under ``key``, the report less its
    ``text`` (which is ``record[field]``): ``Result.from_dict({**out[key], "text": out[field]})``
    gives the result back."""
    out = dict(record)
    out[field] = result.text
    if key:
        report = result.to_dict()
        del report["text"]
        out[key] = report
    return out


def as_check(result: Result) -> Result:
    """A fix result shown as :meth:`repair.pipeline.Repairer.check` shows it: nothing applied."""
    edits = tuple(e.with_decision(False, "check only") if e.applied else e for e in result.edits)
    return Result(result.original, result.original, result.sentences, edits, result.notices)
