"""Config files (.repair.toml, [tool.repair] in pyproject.toml): found upward, nearest wins,
paths relative to the file, the command line overrides, unknown keys refused; `repair config`."""

# ruff: noqa: F811  (pytest fixtures imported from test_cli are parameters here)
from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import TEXT, factory, made, run  # noqa: F401  (shared fixtures: one LanguageTool, one model)

from repair import config
from repair.detect import DEFAULT_THRESHOLD
from repair.errors import ConfigError, ExitStatus


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_file_wins_and_repair_toml_before_pyproject(tmp_path):
    top = _write(tmp_path / ".repair.toml", "min_confidence = 0.9\n")
    _write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.repair]: passed over
    assert config.find_config(tmp_path / "a" / "doc.txt") == top
    near = _write(tmp_path / "a" / "b" / "pyproject.toml", "[tool.repair]\nthreshold = 0.5\n")
    assert config.find_config(tmp_path / "a" / "b" / "doc.txt") == near
    s = config.settings(tmp_path / "a" / "b" / "doc.txt", {})
    assert s.values["threshold"] == 0.5 and s.values["min_confidence"] == 0.8  # nearest only, not merged
    first = _write(tmp_path / "a" / "b" / ".repair.toml", "language = 'en-GB'\n")
    assert config.find_config(tmp_path / "a" / "b") == first


def test_paths_are_relative_to_the_file_and_values_are_checked(tmp_path):
    _write(tmp_path / "cfg" / "house.yaml", "rules: []\n")
    cfg = _write(tmp_path / "cfg" / ".repair.toml", 'rules = ["house.yaml"]\nfail-on = "flagged"\n')
    values = config.read_config(cfg)
    assert values["rules"] == (str(tmp_path / "cfg" / "house.yaml"),) and values["fail_on"] == "flagged"
    for bad, named in [("colour = 1\n", "unknown key 'colour'"), ("min_confidence = 2\n", "min_confidence"),
                       ("language = 'fr'\n", "language"), ("rules = ['missing.yaml']\n", "missing.yaml"),
                       ("strict = 'yes'\n", "strict"), ("min_confidence = \n", "not valid TOML")]:
        _write(cfg, bad)
        with pytest.raises(ConfigError) as exc:
            config.read_config(cfg)
        assert str(cfg) in str(exc.value) and named in str(exc.value)
    assert ConfigError.exit_status == ExitStatus.USAGE


def test_check_uses_the_config_and_the_command_line_overrides_it(run, made, tmp_path):
    doc = _write(tmp_path / "proj" / "docs" / "in.txt", TEXT)
    _write(tmp_path / "proj" / "pyproject.toml",
           "[tool.repair]\nmin_confidence = 0.95\ndisable = ['artifact.spacing']\nfail_on = 'never'\n")
    result = run("check", doc)
    assert result.exit_code == 0, result.output  # fail_on = never from the file
    assert ":1:8: suggestion grammar.lt.EN_A_VS_AN" in result.stdout  # 0.80 < 0.95: not applied
    assert "artifact.spacing" not in result.stdout
    given = run("check", doc, "--min-confidence", "0.8", "--fail-on", "any")
    assert given.exit_code == ExitStatus.FINDINGS
    assert ":1:8: fix grammar.lt.EN_A_VS_AN" in given.stdout


def test_config_rules_reach_the_repairer(run, made, tmp_path):
    pack = _write(tmp_path / "packs" / "house.yaml", "rules: []\n")
    _write(tmp_path / ".repair.toml", "rules = 'packs/house.yaml'\n")
    doc = _write(tmp_path / "in.txt", TEXT)
    made.clear()
    assert run("fix", doc, "--diff", "none").exit_code == 0
    assert made[-1]["rule_files"] == (str(pack),)


def test_unknown_key_is_exit_2_naming_file_and_key(run, tmp_path):
    cfg = _write(tmp_path / ".repair.toml", "min_confidance = 0.9\n")
    doc = _write(tmp_path / "in.txt", TEXT)
    result = run("fix", doc)
    assert result.exit_code == ExitStatus.USAGE
    assert f"{cfg}: unknown key 'min_confidance'" in result.output


def test_repair_config_shows_values_and_sources(run, tmp_path):
    cfg = _write(tmp_path / ".repair.toml", "language = 'en-GB'\nstrict = true\n")
    result = run("config", tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"# config file: {cfg}"
    assert any(line.startswith('language = "en-GB"') and line.endswith(f"# {cfg}") for line in lines)
    assert any(line.startswith("min_confidence = 0.8") and line.endswith("# default") for line in lines)
    assert any(line.startswith(f"threshold = {DEFAULT_THRESHOLD}") for line in lines)


def test_a_house_style_from_the_config_applies_its_rules_and_a_typo_is_warned_of(run, tmp_path):
    doc = _write(tmp_path / "in.txt", "The club, which has 3 000 members, met on Monday.\n")
    out = tmp_path / "out.txt"
    assert run("fix", doc, "-o", out, "--diff", "none").exit_code == 0
    assert "3 000" in out.read_text(encoding="utf-8")
    _write(tmp_path / ".repair.toml", "apply = ['artifact.numbers']\n")
    assert run("fix", doc, "-o", out, "--diff", "none").exit_code == 0
    assert "3,000 members" in out.read_text(encoding="utf-8")
    typo = run("fix", doc, "-o", out, "--diff", "none", "--apply", "artifact.number")
    assert "warning: --apply artifact.number matches no rule" in typo.stderr
