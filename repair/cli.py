"""The ``repair`` command: a thin skin over the library.

Every command calls :mod:`repair`'s library functions and turns :class:`RepairError` into a
message and a documented exit code (:class:`repair.errors.ExitStatus`).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import click

from .errors import ExitStatus, InputError, RepairError


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
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} looks like a binary file (it contains NUL bytes); repair reads text files")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not valid {encoding} (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "give the right one with --encoding, e.g. --encoding latin-1"
        ) from exc
    return text


def write_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="repair")
def main() -> None:
    """Repair machine-translated English.

    Finds garbled sentences and MT artifacts, proposes corrections from LanguageTool, artifact
    rules and a phrasebook of canonical phrasings, applies only the safe ones, and shows a diff.

    \b
    First time:   repair setup && repair doctor
    Then:         repair fix article.txt -o article.fixed.txt --report report.json
    """


@main.command()
@click.option("--force", is_flag=True, help="Install again even if LanguageTool is already there.")
def setup(force: bool) -> None:
    """Install LanguageTool into the user cache and check the embedding model.

    LanguageTool comes from Maven Central (languagetool-server and language-en) when `mvn` is
    available, otherwise through language-tool-python's own download. Runs quickly when
    everything is already installed. Java 17+ is required.
    """
    from .backends import embeddings, languagetool

    _run(languagetool.install, force=force, echo=click.echo)
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


@main.command()
@click.argument("input", type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the repaired text here ('-' for stdout).")
@click.option("--report", type=click.Path(dir_okay=False), help="Write the JSON report (text, sentences, edits) here.")
@click.option("--diff", "diff_format", type=click.Choice(["unified", "none"]), default="unified",
              show_default=True, help="How to show the changes on the terminal.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.8, show_default=True,
              help="Apply edits at least this confident; report the rest as suggestions.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Flag sentences whose garble score is above this.")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="An extra rule pack (YAML). Repeatable.")
@click.option("--disable", multiple=True, help="Switch off rules by id prefix, e.g. artifact.case. Repeatable.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of INPUT.")
@click.option("--lt-url", envvar="REPAIR_LT_URL", help="Use this running LanguageTool server.")
def fix(input, output, report, diff_format, min_confidence, threshold, rule_files, disable, encoding, lt_url):
    """Repair INPUT (a file, or - for stdin) and show what changed.

    Without -o the repaired text is not written anywhere but the diff is shown; with -o - it
    goes to stdout (and the diff to stderr).
    """
    from .pipeline import Repairer
    from .render.diff import unified_diff

    text = _run(read_input, input, encoding)
    opts = {"min_confidence": min_confidence, "disable": disable}
    if threshold is not None:
        opts["threshold"] = threshold
    with Repairer(lt_url=lt_url, rule_files=tuple(rule_files)) as r:
        result = _run(r.fix, text, **opts)
    name = "<stdin>" if input == "-" else input
    to_stdout = output == "-"
    if diff_format == "unified":
        click.echo(unified_diff(result, name), nl=False, err=to_stdout)
    for n in result.notices:
        click.echo(f"notice: {n}", err=True)
    if output and not to_stdout:
        write_atomic(output, result.text, encoding)
    elif to_stdout:
        click.echo(result.text, nl=False)
    if report:
        write_atomic(report, json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
    applied, suggested, flagged = len(result.applied), len(result.suggestions), len(result.flagged)
    click.echo(f"{name}: {applied} edits applied, {suggested} suggestions, "
               f"{flagged} of {len(result.sentences)} sentences flagged"
               + (f"; repaired text in {output}" if output and not to_stdout else ""), err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
