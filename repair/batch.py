"""Many documents: inputs given as files, directories and globs; JSON Lines in and out.

These helpers find, read and shape documents, decide where each output goes, and stream
(document, result) pairs through :meth:`repair.pipeline.Repairer.fix_many`, which repairs
them in input order.

>>> rec = {"id": 7, "text": "A long -term plan."}
>>> from repair.records import Result
>>> out = jsonl_record(rec, Result(rec["text"], "A long-term plan.", (), ()), "text", "repair")
>>> out["id"], out["text"], sorted(out["repair"])
(7, 'A long-term plan.', ['edits', 'language', 'notices', 'original', 'schema', 'sentences'])
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ExitStatus, InputError, LanguageToolError, UsageError
from .io import backup, decoded_lines, encodable, open_atomic, read_input, write_atomic, write_stdout
from .records import GRAMMAR_UNAVAILABLE, Result

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


@dataclass(frozen=True)
class Document:
    """One document of a run: the source it came from, its name in messages (FILE or FILE:LINE)
    and, for JSON Lines, its record and line number."""

    source: Source
    name: str
    record: dict[str, Any] | None = None
    line: int | None = None


def documents(sources: Iterable[Source], *, jsonl: bool, text_field: str,
              encoding: str) -> Iterator[tuple[Document, str]]:
    """(document, text) for each source, or for each record of each JSON Lines source."""
    for src in sources:
        if not jsonl:
            yield Document(src, src.name), read_input("-" if src.path is None else str(src.path), encoding)
            continue
        if src.path is None:
            lines = decoded_lines(sys.stdin.buffer, src.name, encoding)
        else:
            lines = read_input(str(src.path), encoding).split("\n")  # not splitlines: U+2028 may be in a string
        for n, record in read_jsonl(lines, src.name, text_field):
            yield Document(src, f"{src.name}:{n}", record, n), record[text_field]


def count_documents(sources: list[Source], jsonl: bool) -> int | None:
    """How many documents :func:`documents` will yield (None when one source is stdin JSON Lines)."""
    if not jsonl:
        return len(sources)
    if any(s.path is None for s in sources):
        return None
    n = 0
    for s in sources:
        with open(s.path, "rb") as f:
            n += sum(1 for line in f if line.strip())
    return n


def stream(repairer, docs: Iterable[tuple[Document, str]], *, workers: int = 1, options: dict | None = None,
           done: Callable[[], None] | None = None) -> Iterator[tuple[Document, Result]]:
    """(document, result) in input order through ``repairer.fix_many``; ``done()`` after each.

    Close the generator to stop early (Ctrl-C, an error): the documents still queued are dropped.
    """
    held: deque[Document] = deque()

    def texts():
        for doc, text in docs:
            held.append(doc)
            yield text

    with contextlib.closing(repairer.fix_many(texts(), workers=workers, **(options or {}))) as results:
        for result in results:
            if done is not None:
                done()
            yield held.popleft(), result


def in_order(fn: Callable[[Any], Any], items: Iterable[Any], workers: int = 1) -> Iterator[Any]:
    """``fn(item)`` for each item, in order, streamed; ``workers`` threads call ``fn`` at once.

    At most ``workers * 4`` items are read ahead. Close the generator to stop early: the queued
    items are dropped (Ctrl-C, an error, a consumer that stopped).

    >>> list(in_order(len, ["a", "bb", "ccc"], workers=2))
    [1, 2, 3]
    """
    if workers <= 1:
        for item in items:
            yield fn(item)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        try:
            for item in items:
                pending.append(pool.submit(fn, item))
                if len(pending) >= workers * 4:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()


def require_grammar(result: Result, name: str, *, allow_partial: bool = False) -> None:
    """Raise :class:`LanguageToolError` (exit 4) when LanguageTool could not check ``result``'s
    text, unless ``allow_partial``: a run without the grammar check is never a green run by accident.

    >>> require_grammar(Result("Hi.", "Hi.", (), (), ("grammar check unavailable: refused",)), "a.txt")
    Traceback (most recent call last):
    ...
    repair.errors.LanguageToolError: a.txt: grammar check unavailable: refused. Nothing more was written. ...

    A notice that ends its sentence is not given a second full stop:

    >>> require_grammar(Result("Hi.", "Hi.", (), (), ("grammar check unavailable: not installed.",)), "a.txt")
    Traceback (most recent call last):
    ...
    repair.errors.LanguageToolError: a.txt: grammar check unavailable: not installed. Nothing more was written. ...
    """
    if allow_partial:
        return
    for notice in result.notices:
        if notice.startswith(GRAMMAR_UNAVAILABLE):
            raise LanguageToolError(
                f"{name}: {notice.rstrip('.')}. Nothing more was written. `repair doctor` shows what is missing and "
                "`repair setup` installs LanguageTool (or point --lt-url / REPAIR_LT_URL at a running server); "
                "--allow-partial goes on without the grammar check, --no-grammar skips it")


def strict_status(notices: Iterable[str]) -> ExitStatus | None:
    """The exit status of a ``--strict`` run that gave ``notices``: SETUP (4) when LanguageTool
    was unavailable, FINDINGS (1) for any other notice (a rule timed out, sentences not English
    left alone), None when there were none.

    >>> strict_status([]), strict_status(["1 sentence(s) are not English (1 fr) and were left alone"])
    (None, <ExitStatus.FINDINGS: 1>)
    """
    notices = list(notices)
    if not notices:
        return None
    if any(n.startswith(GRAMMAR_UNAVAILABLE) for n in notices):
        return ExitStatus.SETUP
    return ExitStatus.FINDINGS


def destinations(sources: list[Source], *, output: str | None, output_dir: str | None, in_place: bool,
                 jsonl: bool) -> list[Path | str | None]:
    """Where each source's output goes: a Path, '-' (stdout) or None (nowhere)."""
    if sum(bool(x) for x in (output, output_dir, in_place)) > 1:
        raise UsageError("give only one of -o/--output, --output-dir and --in-place")
    if in_place:
        if any(s.path is None for s in sources):
            raise UsageError("--in-place needs files, not stdin")
        return [s.path for s in sources]
    if output_dir:
        out = Path(output_dir)
        dests: list[Path | str | None] = []
        seen: dict[Path, str] = {}
        inputs = {s.path.resolve(): s.name for s in sources if s.path is not None}
        for s in sources:
            d = out / s.relative
            if d.resolve() in inputs:
                raise UsageError(f"--output-dir would overwrite the input {inputs[d.resolve()]}; "
                                 "use --in-place for that")
            if d in seen:
                raise UsageError(f"{seen[d]} and {s.name} would both be written to {d}")
            seen[d] = s.name
            dests.append(d)
        return dests
    if output:
        if len(sources) > 1 and not jsonl:
            raise UsageError("-o/--output takes one input; for many use --output-dir DIR or --in-place")
        if output != "-" and any(s.path is not None and Path(output).resolve() == s.path.resolve()
                                 for s in sources):
            raise UsageError(f"-o {output} would overwrite the input; use --in-place for that")
        return [Path(output) if output != "-" else "-"] * len(sources)
    return ["-" if jsonl else None] * len(sources)


def not_an_input(path: str | None, inputs: Iterable[str | Path | None], option: str) -> None:
    """Refuse to write ``path`` when it is one of the inputs (only --in-place rewrites an input)."""
    if not path or path == "-":
        return
    target = Path(path).resolve()
    for i in inputs:
        if i is not None and i != "-" and Path(i).resolve() == target:
            raise UsageError(f"{option} {path} would overwrite the input; write somewhere else"
                             + (" (or use --in-place)" if option == "-o" else ""))


class Outputs:
    """Writes each document's output to its destination (see :func:`destinations`).

    Documents arrive in input order, so a file of JSON Lines is complete (and put in place)
    once a document for another destination arrives: an interrupted run keeps every finished
    output. Plain texts are written whole, atomically; with ``in_place`` the input is first
    copied to ``INPUT.bak``. Use as a context manager: the open files are closed at the end.
    """

    def __init__(self, *, encoding: str, in_place: bool, jsonl: bool, text_field: str,
                 report_key: str | None) -> None:
        self.encoding, self.in_place, self.jsonl = encoding, in_place, jsonl
        self.text_field, self.report_key = text_field, report_key
        self._stack = contextlib.ExitStack()
        self._open: dict[Path, tuple[contextlib.ExitStack, Any]] = {}

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, *exc) -> None:
        # on an error the file being written is dropped, not put in place half-written
        self._stack.__exit__(*exc)

    def _sink(self, dest: Path | str):
        if dest == "-":
            return sys.stdout
        if dest not in self._open:
            for done, _ in self._open.values():  # the previous file is complete: put it in place
                done.close()
            self._open.clear()
            if self.in_place:
                backup(dest)
            files = self._stack.enter_context(contextlib.ExitStack())
            self._open[dest] = (files, files.enter_context(open_atomic(dest, self.encoding)))
        return self._open[dest][1]

    def write(self, dest: Path | str | None, doc: Document, result: Result) -> None:
        """Write ``result`` (the repaired text, or ``doc``'s record) to ``dest``; None writes nothing."""
        if dest is None:
            return
        if self.jsonl:
            record = jsonl_record(doc.record, result, self.text_field, self.report_key or None)
            line = json.dumps(record, ensure_ascii=False) + "\n"
            self._sink(dest).write(line if dest == "-" else encodable(line, self.encoding, doc.name))
        elif dest == "-":
            write_stdout(encodable(result.text, self.encoding, doc.name), self.encoding)
        else:
            encodable(result.text, self.encoding, doc.name)
            if self.in_place:
                backup(dest)
            write_atomic(dest, result.text, self.encoding)
