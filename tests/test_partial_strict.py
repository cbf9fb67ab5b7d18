"""LanguageTool missing or unreachable: exit 4 naming repair setup / repair doctor, unless
--allow-partial; --strict: any notice makes the exit status non-zero. The unreachable server is
a real closed port on localhost, not a mock."""

from __future__ import annotations

import re

import socket

import pytest
from click.testing import CliRunner

from repair.cli import main
from repair.errors import ExitStatus

TEXT = "We signed a long -term deal.\n"
FOREIGN = "We signed a long -term deal.\nLe comité a approuvé le budget mardi dernier.\n"


@pytest.fixture(scope="module")
def closed_url() -> str:
    with socket.socket() as s:  # a port nothing listens on once this socket is closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def cli(repairer):
    """cli(*args, env=None) with the session's model; the LanguageTool URL is the command's own."""
    from repair.pipeline import Repairer

    def make(**kwargs):
        return Repairer(**kwargs, _embedder=repairer.embedder, _detector=repairer.detector)

    def invoke(*args, env=None):
        return CliRunner().invoke(main, [str(a) for a in args], env=env, obj={"repairer_factory": make})

    return invoke


@pytest.mark.parametrize("command", ["fix", "check"])
def test_unreachable_languagetool_is_exit_4(cli, tmp_path, closed_url, command):
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text(TEXT, encoding="utf-8")
    extra = ["-o", out] if command == "fix" else []
    result = cli(command, src, *extra, env={"REPAIR_LT_URL": closed_url})
    assert result.exit_code == ExitStatus.SETUP, result.output
    assert "grammar check unavailable" in result.stderr
    assert "repair doctor" in result.stderr and "repair setup" in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_allow_partial_goes_on_with_a_notice(cli, tmp_path, closed_url):
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = cli("fix", src, "-o", out, "--allow-partial", "--diff", "none", env={"REPAIR_LT_URL": closed_url})
    assert result.exit_code == 0, result.output
    assert f"notice: {src}: grammar check unavailable" in result.stderr
    assert out.read_text(encoding="utf-8") == "We signed a long-term deal.\n"  # the rules still ran
    strict = cli("fix", src, "-o", out, "--allow-partial", "--strict", "--diff", "none",
                 env={"REPAIR_LT_URL": closed_url})
    assert strict.exit_code == ExitStatus.SETUP, strict.output


def test_allow_partial_from_the_config_file(cli, tmp_path, closed_url):
    (tmp_path / ".repair.toml").write_text("allow_partial = true\n", encoding="utf-8")
    src = tmp_path / "in.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = cli("check", src, "--fail-on", "never", env={"REPAIR_LT_URL": closed_url})
    assert result.exit_code == 0, result.output
    assert cli("check", src, "--no-allow-partial", env={"REPAIR_LT_URL": closed_url}).exit_code == ExitStatus.SETUP


def test_strict_makes_any_notice_fail(cli, repairer, tmp_path):
    src = tmp_path / "mixed.txt"
    src.write_text(FOREIGN, encoding="utf-8")
    url = repairer.checker.base_url()
    plain = cli("check", src, "--lt-url", url, "--fail-on", "never")
    assert plain.exit_code == 0, plain.output
    assert re.search(r"(is|are) not English", plain.stderr)
    strict = cli("check", src, "--lt-url", url, "--fail-on", "never", "--strict")
    assert strict.exit_code == ExitStatus.FINDINGS, strict.output
    assert "strict: 1 notice; exit status 1" in strict.stderr
    clean = tmp_path / "clean.txt"
    clean.write_text("The meeting ended on Friday.\n", encoding="utf-8")
    assert cli("fix", clean, "--lt-url", url, "--strict", "--diff", "none").exit_code == 0
