"""The ``repair`` command through click's CliRunner, and once end to end as a subprocess.

Every CliRunner run shares the session's LanguageTool server and model through the
``repairer_factory`` hook of :mod:`repair.cli`; the subprocess run builds its own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from repair.apply import apply_edits
from repair.cli import main
from repair.errors import ExitStatus
from repair.records import Decisions, Result, text_sha256

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_b84adcd93273e994.txt"

TEXT = "He was a open man.\nWe signed a long -term deal.\n"
FIXED = "He was an open man.\nWe signed a long-term deal.\n"
CLEAN = "The meeting ended on Friday.\n"


@pytest.fixture(scope="session")
def made() -> list[dict]:
    """The keyword arguments of every Repairer the commands built."""
    return []


@pytest.fixture(scope="session")
def factory(repairer, made):
    from repair.pipeline import Repairer

    url = repairer.checker.base_url()

    def make(**kwargs):
        made.append(dict(kwargs))
        kwargs["lt_url"] = url
        return Repairer(**kwargs, _embedder=repairer.embedder, _detector=repairer.detector)

    return make


@pytest.fixture
def run(factory):
    """run(*args, input=None) -> click Result, with the shared Repairer."""

    def invoke(*args, input=None, **kw):
        return CliRunner().invoke(main, [str(a) for a in args], input=input,
                                  obj={"repairer_factory": factory}, **kw)

    return invoke


@pytest.fixture
def text_file(tmp_path) -> Path:
    p = tmp_path / "in.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


# --------------------------------------------------------------------------- help


def _commands():
    return sorted(main.commands.items())


def test_every_command_and_option_has_help():
    assert main.help and main.help.strip()
    for name, cmd in _commands():
        assert cmd.help and cmd.help.strip(), f"repair {name} has no help text"
        for param in cmd.params:
            if isinstance(param, click.Option):
                assert param.help and param.help.strip(), f"repair {name} {param.opts[0]} has no help text"
            else:  # arguments have no help of their own: the command's text must name them
                shown = (param.metavar or param.name).upper().rstrip(".")
                assert shown.split("...")[0].strip("[]") in cmd.help.upper(), f"repair {name}: {shown} undocumented"


@pytest.mark.parametrize("name", [n for n, _ in _commands()])
def test_help_runs(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: main" in result.output or f"{name}" in result.output


# --------------------------------------------------------------------------- fix


def test_fix_writes_text_report_and_unified_diff(run, text_file, tmp_path):
    out, report = tmp_path / "out.txt", tmp_path / "report.json"
    result = run("fix", text_file, "-o", out, "--report", report)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == FIXED
    data = json.loads(report.read_text(encoding="utf-8"))
    res = Result.from_dict(data)
    assert res.original == TEXT and res.text == FIXED
    assert report.read_text(encoding="utf-8") == res.to_json() + "\n"
    assert "He was [-a-]{+an+} open man.\nWe signed a long[-␣-]-term deal.\n" in result.stdout
    assert "2 edits applied" in result.stderr and f"repaired text in {out}" in result.stderr


def test_unified_diff_marks_words_and_lists_flags_and_suggestions(run, text_file):
    result = run("fix", text_file, "--min-confidence", "0.9")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:4] == [f"--- {text_file}", f"+++ {text_file} (repaired)", "@@ -1,2 +1,2 @@", "He was a open man."]
    assert lines[4] == "We signed a long[-␣-]-term deal."
    notes = lines[5:]
    # in line order: line 1's flag and suggestion, then line 2, flagged for the stray space it had,
    # which was fixed: a reviewer can pass it by
    assert "line 1: suggestion grammar.lt.EN_A_VS_AN (0.80): 'a' -> 'an': Use “an” instead of ‘a’" in notes[-2]
    assert notes[0].startswith("line 1: flagged (")
    assert notes[-1].startswith("line 2: fixed (flagged ") and "MT artifact: stray space before the hyphen" in notes[-1]
    assert "2 sentences flagged (1 to review)" in result.stderr
    coloured = run("fix", text_file, "--color", "always")
    assert "\x1b[" in coloured.stdout and "[-a-]" not in coloured.stdout and "{+an+}" not in coloured.stdout
    clean = run("fix", "-", input="The meeting ended on Friday.\n")
    assert clean.exit_code == 0 and clean.stdout == ""


def test_fix_stdin_to_stdout_sends_diff_to_stderr(run):
    result = run("fix", "-", "-o", "-", input=TEXT)
    assert result.exit_code == 0, result.output
    assert result.stdout == FIXED
    assert "+++ <stdin> (repaired)" in result.stderr


def test_fix_side_by_side_is_plain_when_piped(run, text_file):
    result = run("fix", text_file, "--diff", "side-by-side", "--width", "80")
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout
    assert "[-a-]" in result.stdout and "{+an+}" in result.stdout and "│" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_fix_side_by_side_colour_when_asked(run, text_file):
    result = run("fix", text_file, "--diff", "side-by-side", "--color", "always", "--width", "100")
    assert result.exit_code == 0, result.output
    assert "\x1b[" in result.stdout and "[-a-]" not in result.stdout


def test_fix_diff_none_and_html(run, text_file, tmp_path):
    page = tmp_path / "review.html"
    result = run("fix", text_file, "--diff", "none", "--html", page)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "http://" not in html and "https://" not in html
    assert text_sha256(TEXT) in html and "review page in" in result.stderr


def test_fix_many_files_to_output_dir(run, tmp_path):
    src = tmp_path / "docs"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(TEXT, encoding="utf-8")
    (src / "sub" / "b.txt").write_text(CLEAN, encoding="utf-8")
    (src / "skip.md").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    result = run("fix", src, "--output-dir", out, "--diff", "none", "--workers", "2")
    assert result.exit_code == 0, result.output
    assert (out / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == CLEAN
    assert not (out / "skip.md").exists()
    assert (src / "a.txt").read_text(encoding="utf-8") == TEXT  # inputs untouched
    assert "2 documents, 1 changed" in result.stderr


def test_fix_glob_and_in_place_keeps_backup(run, tmp_path):
    for n in ("x1.txt", "x2.txt"):
        (tmp_path / n).write_text(TEXT, encoding="utf-8")
    result = run("fix", str(tmp_path / "x*.txt"), "--in-place", "--diff", "none")
    assert result.exit_code == 0, result.output
    for n in ("x1.txt", "x2.txt"):
        assert (tmp_path / n).read_text(encoding="utf-8") == FIXED
        assert (tmp_path / (n + ".bak")).read_text(encoding="utf-8") == TEXT


def test_fix_refuses_ambiguous_or_overwriting_outputs(run, tmp_path, text_file):
    other = tmp_path / "other.txt"
    other.write_text(TEXT, encoding="utf-8")
    many = run("fix", text_file, other, "-o", tmp_path / "x.txt")
    assert many.exit_code == ExitStatus.USAGE and "--output-dir" in many.output
    same = run("fix", text_file, "-o", text_file)
    assert same.exit_code == ExitStatus.USAGE and "--in-place" in same.output
    into_self = run("fix", text_file, "--output-dir", tmp_path)
    assert into_self.exit_code == ExitStatus.USAGE
    assert text_file.read_text(encoding="utf-8") == TEXT
    missing = run("fix", tmp_path / "nope*.txt")
    assert missing.exit_code == ExitStatus.INPUT and "matches no files" in missing.output


def test_fix_jsonl_passes_fields_through(run, tmp_path):
    src = tmp_path / "in.jsonl"
    records = [{"id": i, "body": t, "meta": {"lang": "en"}} for i, t in enumerate([TEXT, CLEAN, "Line\u2028sep a long -term."])]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("fix", "--jsonl", src, "--text-field", "body", "--report-key", "rep", "-o", out, "--workers", "2")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
    assert [r["id"] for r in rows] == [0, 1, 2]
    assert rows[0]["body"] == FIXED and rows[1]["body"] == CLEAN
    assert rows[2]["body"] == "Line\u2028sep a long-term."
    assert all(r["meta"] == {"lang": "en"} for r in rows)
    back = Result.from_dict({**rows[0]["rep"], "text": rows[0]["body"]})
    assert back.original == TEXT and apply_edits(back.original, back.edits) == FIXED


def test_fix_jsonl_stdin_to_stdout_without_report(run):
    lines = json.dumps({"text": TEXT, "n": 1}) + "\n"
    result = run("fix", "--jsonl", "--report-key", "", input=lines)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"text": FIXED, "n": 1}


def test_fix_jsonl_errors_name_the_line(run, tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"text": "ok."}\n{"txt": "no"}\n', encoding="utf-8")
    result = run("fix", "--jsonl", src, "-o", tmp_path / "o.jsonl")
    assert result.exit_code == ExitStatus.INPUT
    assert f"{src}:2: no \"text\" field" in result.output
    assert not (tmp_path / "o.jsonl").exists()  # nothing half-written


def test_phrasebook_and_reference_reach_the_repairer(run, made, text_file, tmp_path):
    book = tmp_path / "book.yaml"
    book.write_text("domain: test\nentries:\n  - {canonical: open dialogue, kind: collocation}\n", encoding="utf-8")
    ref = tmp_path / "ref.txt"
    ref.write_text("He was an open man.\n", encoding="utf-8")
    made.clear()
    result = run("fix", text_file, "--phrasebook", book, "--reference", ref, "--diff", "none")
    assert result.exit_code == 0, result.output
    assert made[-1]["phrasebook_files"] == (str(book),) and made[-1]["reference_files"] == (str(ref),)
    missing = run("fix", text_file, "--phrasebook", tmp_path / "missing.yaml")
    assert missing.exit_code == ExitStatus.USAGE


def test_unreadable_input_exit_code(run, tmp_path):
    bad = tmp_path / "bin.txt"
    bad.write_bytes(b"\x00\x01binary")
    result = run("fix", bad)
    assert result.exit_code == ExitStatus.INPUT and "binary" in result.output


# --------------------------------------------------------------------------- check


def test_check_text_and_fail_on(run, text_file):
    result = run("check", text_file)
    assert result.exit_code == ExitStatus.FINDINGS, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{text_file}:1:8: fix grammar.lt.EN_A_VS_AN") for line in lines), lines
    assert any(":2:17: fix artifact.spacing.hyphen" in line for line in lines), lines
    assert text_file.read_text(encoding="utf-8") == TEXT
    assert run("check", text_file, "--fail-on", "never").exit_code == 0
    assert run("check", text_file, "--fail-on", "suggestion").exit_code == ExitStatus.FINDINGS


def test_check_clean_text_passes(run):
    result = run("check", "-", "--fail-on", "any", input=CLEAN)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_check_json_is_the_report(run, text_file):
    result = run("check", text_file, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["path"] == str(text_file)
    res = Result.from_dict(data)
    assert res.text == res.original == TEXT and res.edits and not res.applied


def test_check_jsonl(run, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": CLEAN}) + "\n" + json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    result = run("check", "--jsonl", src)
    assert result.exit_code == ExitStatus.FINDINGS
    assert all(line.startswith(f"{src}:2:") for line in result.stdout.splitlines())


# --------------------------------------------------------------------------- review and apply


def test_review_writes_text_and_decisions(run, text_file, tmp_path):
    out, dec = tmp_path / "out.txt", tmp_path / "dec.json"
    # edit 1 (a -> an): reject; edit 2 (' -' -> '-'): accept with our own replacement
    result = run("review", text_file, "-o", out, "--decisions", dec, input="n\ne\n–\n")
    assert result.exit_code == 0, result.output
    assert "Edit 1/2" in result.output and "Apply this edit [y,n,e,s,a,d,q,?]?" in result.output
    assert "- He was [-a-] open man." in result.output
    assert out.read_text(encoding="utf-8") == "He was a open man.\nWe signed a long–term deal.\n"
    d = Decisions.from_json(dec.read_text(encoding="utf-8"))
    assert d.review == ("rejected", "edited") and d.input_sha256 == text_sha256(TEXT)
    assert d.apply(TEXT) == out.read_text(encoding="utf-8")


def test_review_quit_keeps_pipeline_choices(run, text_file):
    result = run("review", text_file, "-o", "-", input="q\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == FIXED
    assert "Edit 1/2" in result.stderr


def test_review_needs_somewhere_to_write(run, text_file):
    result = run("review", text_file)
    assert result.exit_code == ExitStatus.USAGE and "--decisions" in result.output


def test_apply_replays_decisions_and_refuses_other_input(run, text_file, tmp_path):
    dec = tmp_path / "dec.json"
    assert run("review", text_file, "--decisions", dec, input="y\nn\n").exit_code == 0
    result = run("apply", text_file, dec)
    assert result.exit_code == 0, result.output
    assert result.stdout == "He was an open man.\nWe signed a long -term deal.\n"
    out = tmp_path / "applied.txt"
    assert run("apply", text_file, dec, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout
    other = tmp_path / "other.txt"
    other.write_text(TEXT.replace("man", "woman"), encoding="utf-8")
    refused = run("apply", other, dec)
    assert refused.exit_code == ExitStatus.INPUT and "different input" in refused.output
    junk = tmp_path / "junk.json"
    junk.write_text('{"schema": "something else"}', encoding="utf-8")
    bad = run("apply", text_file, junk)
    assert bad.exit_code == ExitStatus.INPUT and "not a repair decisions file" in bad.output


# --------------------------------------------------------------------------- end to end


def test_fix_seed_end_to_end_subprocess(tmp_path, repairer):
    """`repair fix` as a user runs it: a real process, a real LanguageTool server and model."""
    out, report = tmp_path / "seed.fixed.txt", tmp_path / "seed.json"
    env = {**os.environ, "REPAIR_LT_URL": repairer.checker.base_url(), "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "repair.cli", "fix", str(SEED), "-o", str(out), "--report", str(report),
         "--diff", "side-by-side", "--width", "120"],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    original = SEED.read_text(encoding="utf-8")
    result = Result.from_dict(json.loads(report.read_text(encoding="utf-8")))
    assert result.original == original
    assert out.read_text(encoding="utf-8") == result.text == apply_edits(original, result.edits)
    assert result.applied and "│" in proc.stdout
    assert "edits applied" in proc.stderr


# --------------------------------------------------------------------------- output files


def test_outputs_get_the_umask_mode_and_keep_an_existing_mode(run, text_file, tmp_path):
    old = os.umask(0o027)
    try:
        new, report = tmp_path / "new.txt", tmp_path / "report.json"
        assert run("fix", text_file, "-o", new, "--report", report, "--diff", "none").exit_code == 0
        assert new.stat().st_mode & 0o777 == 0o640 and report.stat().st_mode & 0o777 == 0o640
        os.umask(0o022)
        assert run("fix", text_file, "-o", new, "--diff", "none").exit_code == 0
        assert new.stat().st_mode & 0o777 == 0o640  # an existing file keeps its mode
        fresh = tmp_path / "fresh.txt"
        assert run("fix", text_file, "-o", fresh, "--diff", "none").exit_code == 0
        assert fresh.stat().st_mode & 0o777 == 0o644
        os.chmod(text_file, 0o604)
        assert run("fix", text_file, "--in-place", "--diff", "none").exit_code == 0
        assert text_file.stat().st_mode & 0o777 == 0o604
        assert (tmp_path / "in.txt.bak").stat().st_mode & 0o777 == 0o604
    finally:
        os.umask(old)


# --------------------------------------------------------------------------- counts in messages


def test_counts_are_singular_for_one(run, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("He was a open man.\n", encoding="utf-8")
    fixed = run("fix", one, "--diff", "none")
    assert fixed.exit_code == 0, fixed.output
    assert re.search(r": 1 edit applied, 0 suggestions, [01] of 1 sentence flagged( \([01] to review\))?$",
                     fixed.stderr, re.M)
    checked = run("check", one)
    assert re.search(r"^1 document: 1 edit proposed, (0 sentences|1 sentence) flagged(; checked as en-US)?$", checked.stderr, re.M)
    jsonl = tmp_path / "one.jsonl"
    jsonl.write_text(json.dumps({"text": "He was a open man."}) + "\n", encoding="utf-8")
    rows = run("fix", "--jsonl", jsonl, "-o", tmp_path / "out.jsonl")
    assert re.search(r"^1 document, 1 changed: 1 edit applied, 0 suggestions, (0 sentences|1 sentence) flagged"
                     r"( \([01] to review\))?;",
                     rows.stderr, re.M), rows.stderr


# --------------------------------------------------------------------------- progress


def test_progress_names_the_stages_when_asked_and_is_quiet_otherwise(run, text_file, tmp_path):
    other = tmp_path / "clean.txt"
    other.write_text(CLEAN, encoding="utf-8")
    shown = run("check", text_file, other, "--progress", "--fail-on", "never")
    assert shown.exit_code == 0, shown.output
    lines = [line for line in shown.stderr.splitlines() if line.startswith("repair: ")]
    assert lines[0] == "repair: starting LanguageTool, loading the model"
    assert "repair: loading the rule packs and phrasebooks" in lines
    assert lines[-1] == "repair: checking 2/2 documents"
    quiet = run("check", text_file, other, "--fail-on", "never")
    assert "repair: " not in quiet.stderr


def test_progress_on_a_terminal_is_a_bar_with_the_stage():
    import io

    from repair.render.progress import progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    with progress(True, 3, "checking", stream=screen) as p:
        p.stage("loading the model")
        p()
        p.stage(p.counted())
    assert "loading the model" in screen.getvalue() and "checking 1/3 documents" in screen.getvalue()
