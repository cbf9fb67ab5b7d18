"""The ``repair`` command: a thin skin over the library.

Every command calls :mod:`repair`'s library functions and turns :class:`RepairError` into a
message and a documented exit code (:class:`repair.errors.ExitStatus`): 0 ok, 1 findings
(``repair check``), 2 usage, 3 input, 4 setup, 5 rules, 130 interrupted.

A program that embeds the commands may pass ``obj={"repairer_factory": f}`` to ``main``:
``f(**kwargs)`` then builds the :class:`~repair.pipeline.Repairer` instead of the class
itself (the tests use it to share one LanguageTool server and one model between runs).
"""

from __future__ import annotations

import codecs
import contextlib
import json
import signal
import threading
import os
import shutil
import sys
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from .errors import ExitStatus, InputError, OutputError, RepairError


class Failure(click.ClickException):
    """A RepairError shown as a one-line message, with the error's own exit code."""

    def __init__(self, exc: RepairError) -> None:
        super().__init__(str(exc))
        self.exit_code = int(exc.exit_status)


def _run(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except RepairError as exc:
        raise Failure(exc) from exc


def read_input(path: str, encoding: str = "utf-8") -> str:
    """The text of ``path`` ('-' for stdin), with a clear error for binary or undecodable input."""
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError(f"{path} is a directory; give a file (or use `repair fix DIR/*.txt`)")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}") from exc
        name = path
    if b"\x00" in data[:8192] and not _wide(encoding):
        raise InputError(f"{name} looks like a binary file (it contains NUL bytes); repair reads text files "
                         "(for UTF-16 or UTF-32 text give --encoding utf-16 or utf-32)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not valid {encoding} (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "give the right one with --encoding, e.g. --encoding latin-1"
        ) from exc
    return text


def _wide(encoding: str) -> bool:
    """Is this an encoding whose text is full of NUL bytes (UTF-16, UTF-32)?"""
    try:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def _encoding_option(ctx, param, value: str) -> str:
    try:
        codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r} (e.g. utf-8, latin-1, cp1252, utf-16)") from None
    return value


def _encodable(text: str, encoding: str, name: str) -> str:
    """``text``, or an InputError when ``encoding`` cannot hold a character of it (an edit may add one)."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise InputError(f"{name}: the repaired text holds {text[exc.start]!r} (character {exc.start}), which "
                         f"{encoding} cannot encode; write UTF-8 (--encoding utf-8) or --disable the rule "
                         "that adds it") from None
    return text


def _write_stdout(text: str, encoding: str) -> None:
    """``text`` on stdout in ``encoding``, byte for byte (no newline translation)."""
    sys.stdout.flush()  # what was echoed before comes first
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (an embedding program's): it has its own encoding
        sys.stdout.write(text)
        return
    stream.write(text.encode(encoding))
    stream.flush()


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str], encoding: str = "utf-8") -> Iterator:
    """A text file to write that appears at ``path`` only once complete (temporary file + rename).

    A write that fails (a full disk, no permission) raises :class:`OutputError` and leaves
    whatever was at ``path`` as it was.
    """
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            yield f
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        what = exc.strerror or str(exc)
        raise OutputError(f"cannot write {path}: {what}; nothing was written there (an existing file is "
                          "unchanged). Free some space or choose another place with -o / --output-dir") from exc
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written."""
    with open_atomic(path, encoding) as f:
        f.write(text)


class _Group(click.Group):
    """Ctrl-C ends any command with status 130 and a line on stderr (click alone says "Aborted!", status 1);
    a RepairError that no command caught (e.g. a failed write) is one line and its own exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except RepairError as exc:
            raise Failure(exc) from exc
        except KeyboardInterrupt:
            click.echo("\ninterrupted: the outputs already written are complete; none is half-written", err=True)
            raise click.exceptions.Exit(int(ExitStatus.INTERRUPTED)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="repair")
def main() -> None:
    """Repair machine-translated English.

    Finds garbled sentences and MT artifacts, proposes corrections from LanguageTool, artifact
    rules and a phrasebook of canonical phrasings, applies only the safe ones, and shows a diff.

    \b
    First time:   repair setup && repair doctor
    Then:         repair fix article.txt -o article.fixed.txt --diff side-by-side
    Review:       repair fix article.txt --html review.html   (or: repair review article.txt -o out.txt)
    Replay:       repair apply article.txt article.decisions.json -o out.txt
    CI:           repair check docs/ --fail-on flagged
    Pipelines:    repair fix --jsonl docs.jsonl --workers 2 -o fixed.jsonl
    """
    # SIGTERM ends the command like Ctrl-C does: through exit handlers, so the LanguageTool
    # server this process started is stopped and no temporary file is left behind.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)


def _terminate(signum, frame) -> None:
    raise SystemExit(128 + signum)


@main.command()
@click.option("--force", is_flag=True, help="Install again even if LanguageTool is already there.")
def setup(force: bool) -> None:
    """Install LanguageTool into the user cache, check the embedding model and convert the language model.

    LanguageTool comes from Maven Central (languagetool-server and language-en) when `mvn` is
    available, otherwise through language-tool-python's own download. Runs quickly when
    everything is already installed. Java 17+ is required.
    """
    from .backends import embeddings, languagetool

    _run(languagetool.install, force=force, echo=click.echo)
    path = _run(embeddings.model_path)
    click.echo(f"Embedding model all-MiniLM-L6-v2 found in {path}")
    from .backends import lm

    folder = _run(lm.model_folder, force=force, echo=click.echo)
    click.echo(f"Language model {lm.DEFAULT_MODEL} ready in {folder}")
    click.echo("Ready. `repair doctor` runs a live check of every part.")


@main.command()
@click.option("--lt-url", envvar="REPAIR_LT_URL", help="Use this running LanguageTool server.")
def doctor(lt_url: str | None) -> None:
    """Check Java, LanguageTool, the embedding model and the rule packs (live).

    Exits with status 4 when something is missing, and names the command that fixes it.
    """
    from rich.console import Console
    from rich.table import Table

    from .doctor import run_checks

    checks = run_checks(lt_url)
    table = Table(title="repair doctor", show_lines=False)
    table.add_column("check")
    table.add_column("status")
    table.add_column("detail", overflow="fold")
    table.add_column("fix with")
    for c in checks:
        table.add_row(c.name, "[green]ok[/]" if c.ok else "[red]FAIL[/]", c.detail, c.fix)
    Console(width=max(100, Console().width)).print(table)
    if not all(c.ok for c in checks):
        sys.exit(int(ExitStatus.SETUP))


# --------------------------------------------------------------------------- shared options


def repair_options(fn):
    """The options that choose how text is repaired (shared by fix, check and review)."""
    options = [
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.8, show_default=True,
                     help="Apply edits at least this confident; report the rest as suggestions."),
        click.option("--threshold", type=click.FloatRange(0, 1), default=None,
                     help="Flag sentences whose garble score is above this."),
        click.option("--rules", "rule_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="An extra rule pack (YAML). Repeatable."),
        click.option("--phrasebook", "phrasebook_files", multiple=True,
                     type=click.Path(exists=True, dir_okay=False),
                     help="An extra phrasebook of canonical phrasings (YAML). Repeatable."),
        click.option("--reference", "reference_files", multiple=True,
                     type=click.Path(exists=True, dir_okay=False),
                     help="A reference text whose canonical sentences may replace garbled ones. Repeatable."),
        click.option("--disable", multiple=True,
                     help="Switch off rules by id prefix, e.g. artifact.case. Repeatable."),
        click.option("--grammar/--no-grammar", default=True, show_default=True,
                     help="Run LanguageTool (--no-grammar keeps the rule packs and phrasebook only)."),
        click.option("--encoding", default="utf-8", show_default=True, callback=_encoding_option,
                     help="Encoding of the inputs and outputs."),
        click.option("--lt-url", envvar="REPAIR_LT_URL",
                     help="Use this running LanguageTool server (default: start one; env REPAIR_LT_URL)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def batch_options(fn):
    """The options for many documents (shared by fix and check)."""
    options = [
        click.option("--jsonl", is_flag=True,
                     help="Inputs are JSON Lines: repair the text field of each record, pass the rest through."),
        click.option("--text-field", default="text", show_default=True, metavar="NAME",
                     help="With --jsonl: the field that holds the text."),
        click.option("--glob", "pattern", default="*.txt", show_default=True, metavar="PATTERN",
                     help="Files to take from a directory given as INPUT (searched recursively)."),
        click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                     help="Documents repaired at once (threads sharing one LanguageTool server)."),
        click.option("--progress/--no-progress", default=None,
                     help="Show a progress bar on stderr [default: when stderr is a terminal and there "
                          "is more than one document]."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _repairer(*, lt_url, rule_files, phrasebook_files, reference_files, **_):
    from .pipeline import Repairer

    kwargs = {"lt_url": lt_url, "rule_files": tuple(rule_files), "phrasebook_files": tuple(phrasebook_files),
              "reference_files": tuple(reference_files)}
    ctx = click.get_current_context()
    factory = (ctx.obj or {}).get("repairer_factory") if isinstance(ctx.obj, dict) else None
    return (factory or Repairer)(**kwargs)


def _fix_options(*, min_confidence, threshold, disable, grammar, **_) -> dict:
    opts = {"min_confidence": min_confidence, "disable": tuple(disable), "grammar": grammar}
    if threshold is not None:
        opts["threshold"] = threshold
    return opts


def _need_input(inputs) -> None:
    if not inputs and sys.stdin.isatty():
        raise click.UsageError("give INPUT files, directories or globs, or pipe text in (INPUT -)")


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


class _Doc:
    """One document of a run: where it came from and how to name it."""

    __slots__ = ("source", "name", "record", "line")

    def __init__(self, source, name, record=None, line=None):
        self.source, self.name, self.record, self.line = source, name, record, line


def _documents(sources, *, jsonl: bool, text_field: str, encoding: str) -> Iterator[tuple[_Doc, str]]:
    from .batch import read_jsonl

    for src in sources:
        if not jsonl:
            yield _Doc(src, src.name), read_input("-" if src.path is None else str(src.path), encoding)
            continue
        if src.path is None:
            lines = _decoded_lines(sys.stdin.buffer, src.name, encoding)
        else:
            lines = read_input(str(src.path), encoding).split("\n")  # not splitlines: U+2028 may be in a string
        for n, record in read_jsonl(lines, src.name, text_field):
            yield _Doc(src, f"{src.name}:{n}", record, n), record[text_field]


def _decoded_lines(raw_lines: Iterable[bytes], name: str, encoding: str) -> Iterator[str]:
    for n, raw in enumerate(raw_lines, 1):
        try:
            yield raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}:{n} is not valid {encoding} (byte {exc.start} of the line: "
                             f"{raw[exc.start:exc.start + 1]!r}); give the right one with --encoding") from exc


def _stream(repairer, docs: Iterable[tuple[_Doc, str]], *, workers: int, progress: bool | None,
            total: int | None, options: dict) -> Iterator[tuple[_Doc, object]]:
    """(document, result) in input order through ``Repairer.fix_many``, with a progress bar."""
    held: deque[_Doc] = deque()

    def texts():
        for doc, text in docs:
            held.append(doc)
            yield text

    show = progress if progress is not None else (sys.stderr.isatty() and (total is None or total > 1))
    # closed when this generator is (Ctrl-C, an error): the documents still queued are dropped
    with contextlib.closing(repairer.fix_many(texts(), workers=workers, **options)) as results:
        if not show:
            for result in results:
                yield held.popleft(), result
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("repairing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("repair", total=total)
            for result in results:
                bar.advance(task)
                yield held.popleft(), result


def _count(sources, jsonl: bool) -> int | None:
    if not jsonl:
        return len(sources)
    if any(s.path is None for s in sources):
        return None
    n = 0
    for s in sources:
        with open(s.path, "rb") as f:
            n += sum(1 for line in f if line.strip())
    return n


def _color_unified(diff: str) -> str:
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


def _show_diff(result, name: str, fmt: str, *, err: bool, color: str, width: int | None) -> None:
    from .render.diff import unified_diff
    from .render.sidebyside import side_by_side

    stream = sys.stderr if err else sys.stdout
    use = _use_color(color, stream)
    if fmt == "unified":
        diff = unified_diff(result, name)
        if diff:
            click.echo(_color_unified(diff) if use else diff, nl=False, err=err, color=use)
    elif fmt == "side-by-side":
        w = width or shutil.get_terminal_size((100, 24)).columns
        text = side_by_side(result, name, width=w, color=use)
        if text:
            click.echo(text, err=err, color=use)


# --------------------------------------------------------------------------- fix


def _destinations(sources, *, output, output_dir, in_place, jsonl):
    """Where each source's output goes: a Path, '-' (stdout) or None (nowhere)."""
    if sum(bool(x) for x in (output, output_dir, in_place)) > 1:
        raise click.UsageError("give only one of -o/--output, --output-dir and --in-place")
    if in_place:
        if any(s.path is None for s in sources):
            raise click.UsageError("--in-place needs files, not stdin")
        return [s.path for s in sources]
    if output_dir:
        out = Path(output_dir)
        dests, seen = [], {}
        inputs = {s.path.resolve(): s.name for s in sources if s.path is not None}
        for s in sources:
            d = out / s.relative
            if d.resolve() in inputs:
                raise click.UsageError(f"--output-dir would overwrite the input {inputs[d.resolve()]}; "
                                       "use --in-place for that")
            if d in seen:
                raise click.UsageError(f"{seen[d]} and {s.name} would both be written to {d}")
            seen[d] = s.name
            dests.append(d)
        return dests
    if output:
        if len(sources) > 1 and not jsonl:
            raise click.UsageError("-o/--output takes one input; for many use --output-dir DIR or --in-place")
        if output != "-" and any(s.path is not None and Path(output).resolve() == s.path.resolve()
                                 for s in sources):
            raise click.UsageError(f"-o {output} would overwrite the input; use --in-place for that")
        return [Path(output) if output != "-" else "-"] * len(sources)
    return ["-" if jsonl else None] * len(sources)


def _not_an_input(path, inputs: Iterable[str | Path | None], option: str) -> None:
    """Refuse to write ``path`` when it is one of the inputs (only --in-place rewrites an input)."""
    if not path or path == "-":
        return
    target = Path(path).resolve()
    for i in inputs:
        if i is not None and i != "-" and Path(i).resolve() == target:
            raise click.UsageError(f"{option} {path} would overwrite the input; write somewhere else"
                                   + (" (or use --in-place)" if option == "-o" else ""))


def _backup(path: Path) -> None:
    """Copy ``path`` to ``path.bak`` (through a temporary file, so the backup is never half-written)."""
    backup = path.with_name(path.name + ".bak")
    fd, tmp = tempfile.mkstemp(prefix=f".{backup.name}.", dir=path.parent)
    os.close(fd)
    try:
        shutil.copy2(path, tmp)
        os.replace(tmp, backup)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@main.command()
@click.argument("inputs", metavar="[INPUT]...", nargs=-1, type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the repaired text (or JSON Lines) here; '-' for stdout. One input only, "
                   "unless --jsonl.")
@click.option("--output-dir", type=click.Path(file_okay=False),
              help="Write each repaired file here, under its path below the directory or glob it came from.")
@click.option("--in-place", is_flag=True, help="Overwrite each input, keeping the original as INPUT.bak.")
@click.option("--report", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the JSON report here (one input), or one report per line with its \"path\" (many).")
@click.option("--diff", "diff_format", type=click.Choice(["unified", "side-by-side", "none"]), default=None,
              help="How to show the changes [default: unified; none with --jsonl].")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the diff (auto: when it goes to a terminal and NO_COLOR is unset).")
@click.option("--width", type=click.IntRange(40, 1000), default=None,
              help="Width of the side-by-side diff [default: the terminal's, else 100].")
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="Write a self-contained HTML page to review each edit and export the result (one input).")
@click.option("--report-key", default="repair", show_default=True, metavar="NAME",
              help="With --jsonl: add the report (less the text) to each record under this key; '' for none.")
@batch_options
@repair_options
def fix(inputs, output, output_dir, in_place, report, diff_format, color, width, html_path, report_key,
        jsonl, text_field, pattern, workers, progress, **repair_kw):
    """Repair each INPUT and show what changed.

    INPUT is a file, a directory (its *.txt files, see --glob), a glob, or - for stdin (the
    default). With one input the repaired text goes to -o (nothing is written without it; the
    diff is shown either way; with -o - the text goes to stdout and the diff to stderr). With
    many, use --output-dir or --in-place.

    With --jsonl each input is JSON Lines: the text field of each record is repaired and the
    record is written to -o (default stdout) with every other field unchanged and the report
    under --report-key.
    """
    from .batch import expand_inputs, jsonl_record

    _need_input(inputs)
    sources = _run(expand_inputs, inputs or ["-"], pattern)
    dests = _destinations(sources, output=output, output_dir=output_dir, in_place=in_place, jsonl=jsonl)
    if html_path and (len(sources) > 1 or jsonl):
        raise click.UsageError("--html reviews one document; give one input (not --jsonl)")
    if report and jsonl:
        raise click.UsageError("with --jsonl the report goes into each record (see --report-key), not --report")
    for path, option in ((report, "--report"), (html_path, "--html")):
        _not_an_input(path, [s.path for s in sources], option)
    encoding = repair_kw["encoding"]
    fmt = diff_format or ("none" if jsonl else "unified")
    text_to_stdout = "-" in dests
    many = len(sources) > 1 or jsonl
    totals = {"docs": 0, "applied": 0, "suggestions": 0, "flagged": 0, "changed": 0}

    with contextlib.ExitStack() as stack:
        repairer = stack.enter_context(_run(_repairer, **repair_kw))
        report_file = None
        if report and many:
            report_file = stack.enter_context(
                open_atomic(report) if report != "-" else contextlib.nullcontext(sys.stdout))
        open_files: dict[object, tuple[contextlib.ExitStack, object]] = {}

        def sink(dest):
            if dest == "-":
                return sys.stdout
            if dest not in open_files:
                # inputs arrive in order: the previous file is complete, so put it in place now
                # (an interrupted batch then keeps every finished output)
                for done, _ in open_files.values():
                    done.close()
                open_files.clear()
                if in_place:
                    _backup(dest)
                files = stack.enter_context(contextlib.ExitStack())
                open_files[dest] = (files, files.enter_context(open_atomic(dest, encoding)))
            return open_files[dest][1]

        docs = _documents(sources, jsonl=jsonl, text_field=text_field, encoding=encoding)
        index = {id(s): i for i, s in enumerate(sources)}
        # closed on the way out (Ctrl-C, an error), so that documents still queued are not repaired
        stream = stack.enter_context(contextlib.closing(
            _stream(repairer, docs, workers=workers, progress=progress, total=_count(sources, jsonl),
                    options=_fix_options(**repair_kw))))
        try:
            for doc, result in stream:
                dest = dests[index[id(doc.source)]]
                totals["docs"] += 1
                totals["applied"] += len(result.applied)
                totals["suggestions"] += len(result.suggestions)
                totals["flagged"] += len(result.flagged)
                totals["changed"] += result.changed
                if fmt != "none":
                    _show_diff(result, doc.name, fmt, err=text_to_stdout, color=color, width=width)
                for n in result.notices:
                    click.echo(f"notice: {doc.name}: {n}", err=True)
                if jsonl:
                    if dest is not None:
                        record = jsonl_record(doc.record, result, text_field, report_key or None)
                        line = json.dumps(record, ensure_ascii=False) + "\n"
                        sink(dest).write(line if dest == "-" else _encodable(line, encoding, doc.name))
                elif dest == "-":
                    _write_stdout(_encodable(result.text, encoding, doc.name), encoding)
                elif dest is not None:
                    _encodable(result.text, encoding, doc.name)
                    if in_place:
                        _backup(dest)
                    write_atomic(dest, result.text, encoding)
                if report_file is not None:
                    report_file.write(json.dumps({"path": doc.name, **result.to_dict()}, ensure_ascii=False) + "\n")
                elif report:
                    if report == "-":
                        click.echo(result.to_json())
                    else:
                        write_atomic(report, result.to_json() + "\n")
                if html_path:
                    from .render.html import review_page

                    write_atomic(html_path, review_page(result, doc.name))
                if not many:
                    where = f"; repaired text in {dest}" if isinstance(dest, Path) else ""
                    html_note = f"; review page in {html_path}" if html_path else ""
                    click.echo(f"{doc.name}: {len(result.applied)} edits applied, {len(result.suggestions)} "
                               f"suggestions, {len(result.flagged)} of {len(result.sentences)} sentences flagged"
                               f"{where}{html_note}", err=True)
        except RepairError as exc:
            raise Failure(exc) from exc
    if many:
        where = (f"; written to {output_dir}" if output_dir else "; inputs rewritten (originals in *.bak)"
                 if in_place else f"; written to {output}" if output and output != "-" else "")
        flagged = f"{totals['flagged']} sentence{'' if totals['flagged'] == 1 else 's'} flagged"
        click.echo(f"{totals['docs']} documents, {totals['changed']} changed: {totals['applied']} edits applied, "
                   f"{totals['suggestions']} suggestions, {flagged}{where}", err=True)


# --------------------------------------------------------------------------- check


FAIL_ON_HELP = """When to exit with status 1: flagged = a sentence is flagged as garbled; suggestion = an
edit is proposed (at any confidence); any = either; never = always 0 unless an error."""


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _findings_text(name: str, result) -> list[str]:
    rows = []
    for s in result.flagged:
        line, col = _line_col(result.original, s.start)
        rows.append((s.start, 0, f"{name}:{line}:{col}: flagged ({s.score:.2f}): "
                                 f"{'; '.join(s.reasons) or 'garbled'}"))
    for e in result.edits:
        line, col = _line_col(result.original, e.start)
        kind = "fix" if e.decision == "check only" else "suggestion"
        rows.append((e.start, 1, f"{name}:{line}:{col}: {kind} {e.rule} ({e.source}, {e.confidence:.2f}): "
                                 f"{e.original!r} -> {e.replacement!r}: {e.message}"))
    return [r[2] for r in sorted(rows, key=lambda r: (r[0], r[1]))]


@main.command()
@click.argument("inputs", metavar="[INPUT]...", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one finding a line (FILE:LINE:COL: ...); json: one report a line, with its \"path\".")
@click.option("--fail-on", type=click.Choice(["flagged", "suggestion", "any", "never"]), default="any",
              show_default=True, help=FAIL_ON_HELP)
@batch_options
@repair_options
def check(inputs, fmt, fail_on, jsonl, text_field, pattern, workers, progress, **repair_kw):
    """Report findings for each INPUT without changing anything.

    INPUT is a file, a directory, a glob or - for stdin (the default); with --jsonl, JSON Lines
    whose records are checked one by one (named FILE:LINE). In text format each finding is
    `fix` (repair fix would apply it), `suggestion` (below --min-confidence or overlapping a
    better edit) or `flagged` (a garbled sentence).

    \b
    Exit status:
      0  nothing found at the --fail-on level
      1  findings at the --fail-on level
      2  usage error          3  unreadable input
      4  LanguageTool, Java or the model missing (see repair doctor)
      5  invalid rule pack or phrasebook
    """
    from .batch import as_check, expand_inputs

    _need_input(inputs)
    sources = _run(expand_inputs, inputs or ["-"], pattern)
    found = {"flagged": 0, "suggestion": 0, "docs": 0}
    with _run(_repairer, **repair_kw) as repairer:
        docs = _documents(sources, jsonl=jsonl, text_field=text_field, encoding=repair_kw["encoding"])
        stream = _stream(repairer, docs, workers=workers, progress=progress, total=_count(sources, jsonl),
                         options=_fix_options(**repair_kw))
        try:
            for doc, fixed in stream:
                result = as_check(fixed)
                found["docs"] += 1
                found["flagged"] += len(result.flagged)
                found["suggestion"] += len(result.edits)
                if fmt == "json":
                    click.echo(json.dumps({"path": doc.name, **result.to_dict()}, ensure_ascii=False))
                else:
                    for line in _findings_text(doc.name, result):
                        click.echo(line)
                for n in result.notices:
                    click.echo(f"notice: {doc.name}: {n}", err=True)
        except RepairError as exc:
            raise Failure(exc) from exc
        finally:
            stream.close()  # on the way out (Ctrl-C, an error): documents still queued are not repaired
    click.echo(f"{_n(found['docs'], 'document')}: {_n(found['suggestion'], 'edit')} proposed, "
               f"{_n(found['flagged'], 'sentence')} flagged", err=True)
    failing = {"flagged": found["flagged"], "suggestion": found["suggestion"],
               "any": found["flagged"] + found["suggestion"], "never": 0}[fail_on]
    if failing:
        sys.exit(int(ExitStatus.FINDINGS))


# --------------------------------------------------------------------------- review and apply


@main.command()
@click.argument("input", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the reviewed text here ('-' for stdout; the questions then go to stderr).")
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False),
              help="Write the decisions here (JSON; replay them with repair apply).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the changes (auto: on a terminal, unless NO_COLOR is set).")
@repair_options
def review(input, output, decisions_path, color, **repair_kw):
    """Review the edits for INPUT one by one, as `git add -p` does.

    For each edit: its rule, source, confidence and message, the sentence before and after,
    then a question. Answers: y accept, n reject, e accept with a replacement you type,
    s or Enter skip (the pipeline's choice stands), a accept this and the rest, d reject this
    and the rest, q quit (the rest stay as the pipeline chose), ? help. Answers are read from
    standard input, so INPUT must be a file.
    """
    from . import review as review_mod

    if not output and not decisions_path:
        raise click.UsageError("give -o FILE (the reviewed text) and/or --decisions FILE, or nothing is kept")
    _not_an_input(output, [input], "-o")
    _not_an_input(decisions_path, [input], "--decisions")
    encoding = repair_kw["encoding"]
    text = _run(read_input, input, encoding)
    with _run(_repairer, **repair_kw) as repairer:
        result = _run(repairer.fix, text, **_fix_options(**repair_kw))
    err = output == "-"
    use = _use_color(color, sys.stderr if err else sys.stdout)
    def ask(prompt: str) -> str | None:
        click.echo(prompt, nl=False, err=err)
        line = sys.stdin.readline()
        if line and not sys.stdin.isatty():  # piped answers: show them, as a terminal would
            click.echo(line.rstrip("\r\n"), err=err)
        return line if line else None

    def say(line: str) -> None:
        click.echo(line, err=err, color=use)

    if not result.edits:
        say(f"{input}: no edits to review.")
    outcome = review_mod.run(result, input, ask=ask, say=say, color=use)
    decisions = outcome.decisions()
    final = _run(decisions.apply, text, input)
    _run(_encodable, final, encoding, input)
    if decisions_path:
        write_atomic(decisions_path, decisions.to_json() + "\n")
    if output == "-":
        _write_stdout(final, encoding)
    elif output:
        write_atomic(output, final, encoding)
    kept = [f"text in {output}"] if output and output != "-" else []
    kept += [f"decisions in {decisions_path}"] if decisions_path else []
    if kept:
        click.echo(f"{input}: {_n(len(decisions.accepted), 'edit')} accepted; " + ", ".join(kept), err=True)


@main.command(name="apply")
@click.argument("input", type=click.Path(allow_dash=True))
@click.argument("decisions_path", metavar="DECISIONS.json", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True,
              help="Write the text with the accepted edits here ('-' for stdout).")
@click.option("--encoding", default="utf-8", show_default=True, callback=_encoding_option,
              help="Encoding of INPUT and the output.")
def apply_cmd(input, decisions_path, output, encoding):
    """Apply reviewed decisions to INPUT: exactly the accepted edits, nothing else.

    DECISIONS.json comes from the HTML review page (repair fix --html) or from repair review
    --decisions; both write the same format (schema repair.decisions/1). The decisions carry
    the sha256 of the text they were made for: they are refused for any other input (exit 3).
    """
    from .records import Decisions

    _not_an_input(output, [input, decisions_path], "-o")
    text = _run(read_input, input, encoding)
    raw = _run(read_input, decisions_path)
    decisions = _run(Decisions.from_json, raw, decisions_path)
    name = "<stdin>" if input == "-" else input
    final = _run(_encodable, _run(decisions.apply, text, name), encoding, name)
    if output == "-":
        _write_stdout(final, encoding)
    else:
        write_atomic(output, final, encoding)
    reviewed = sum(r != "pending" for r in decisions.review)
    click.echo(f"{name}: applied {_n(len(decisions.accepted), 'accepted edit')} of {len(decisions.edits)} "
               f"({reviewed} reviewed)" + (f"; text in {output}" if output != "-" else ""), err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
