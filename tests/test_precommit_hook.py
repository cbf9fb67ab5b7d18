"""The pre-commit hook this repository offers (.pre-commit-hooks.yaml): a valid manifest whose
entry is a real command, whose arguments that command accepts, and that runs as pre-commit runs it."""

from __future__ import annotations

import re
import shlex
import tomllib
from importlib import import_module
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent

# The keys pre-commit's manifest schema knows for a hook, and the ones it requires.
REQUIRED = {"id", "name", "entry", "language"}
KNOWN = REQUIRED | {
    "alias", "files", "exclude", "types", "types_or", "exclude_types", "additional_dependencies", "args",
    "always_run", "fail_fast", "pass_filenames", "description", "language_version", "log_file",
    "require_serial", "stages", "verbose", "minimum_pre_commit_version",
}


@pytest.fixture(scope="module")
def hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and [h["id"] for h in hooks] == ["repair-check"]
    return hooks[0]


@pytest.fixture(scope="module")
def command(hook):
    """The click command the hook's entry runs, found through the package's console scripts."""
    program, *sub = shlex.split(hook["entry"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert program in scripts, f"{program!r} is not a console script of this package ({sorted(scripts)})"
    module, _, attr = scripts[program].partition(":")
    group = getattr(import_module(module), attr)
    assert sub == ["check"] and sub[0] in group.commands
    return group, group.commands[sub[0]]


def test_the_manifest_is_valid(hook):
    assert REQUIRED <= hook.keys() and hook.keys() <= KNOWN, sorted(hook.keys() - KNOWN)
    assert all(isinstance(hook[k], str) and hook[k] for k in REQUIRED | {"description", "files"})
    assert hook["language"] == "python"
    assert hook["types"] == ["text"] and isinstance(hook["args"], list)
    assert all(isinstance(a, str) for a in hook["args"])
    assert hook["require_serial"] is True  # one LanguageTool server for every file of a commit
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("notes.txt", "docs/article.md", "README.markdown"))
    assert not any(files.search(p) for p in ("repair/cli.py", "notes.txt.bak", "data.json"))


def test_the_args_are_options_of_repair_check(hook, command):
    group, check = command
    help_text = CliRunner().invoke(group, ["check", "--help"]).output
    for arg in hook["args"]:
        if arg.startswith("-"):
            assert arg in help_text, f"{arg} is not in `repair check --help`"
    # click parses them as pre-commit passes them (the args, then the staged files), without running
    ctx = check.make_context("check", list(hook["args"]) + ["a.txt", "docs/b.md"])
    assert ctx.params["fail_on"] == "any" and ctx.params["inputs"] == ("a.txt", "docs/b.md")


def test_the_hook_runs_as_pre_commit_runs_it(hook, command, repairer, tmp_path):
    """entry + args + file names: a clean file passes, one with an MT artifact fails the commit."""
    from repair.pipeline import Repairer

    group, _ = command
    url = repairer.checker.base_url()

    def factory(**kw):
        return Repairer(**{**kw, "lt_url": url}, _embedder=repairer.embedder, _detector=repairer.detector)

    clean, broken = tmp_path / "clean.md", tmp_path / "broken.txt"
    clean.write_text("The meeting ended on Friday.\n", encoding="utf-8")
    broken.write_text("Russia will comply with long -term peace, he added.\n", encoding="utf-8")
    argv = shlex.split(hook["entry"])[1:] + hook["args"]
    ok = CliRunner().invoke(group, argv + [str(clean)], obj={"repairer_factory": factory})
    assert ok.exit_code == 0, ok.output
    failed = CliRunner().invoke(group, argv + [str(clean), str(broken)], obj={"repairer_factory": factory})
    assert failed.exit_code == 1, failed.output
    assert f"{broken}:1:29: fix artifact.spacing.hyphen" in failed.output
