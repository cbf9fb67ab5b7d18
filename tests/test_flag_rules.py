"""A user rule with a pattern and a message but no replacement flags what it matches (a finding,
never an edit); a --disable prefix that switches off nothing is warned about."""

# ruff: noqa: F811  (pytest fixtures imported from test_cli are parameters here)
from __future__ import annotations

import json

from test_cli import factory, made, run  # noqa: F401  (shared fixtures: one LanguageTool, one model)

from repair.decide import decide
from repair.propose.artifacts import propose
from repair.records import FLAG_ONLY
from repair.rulepacks import apply_rule, load_rules
from repair.segment import segment

PACK = """rules:
  - id: house.style.utilise
    message: "House style: write use, not utilise"
    pattern: '\\butilis(e|ed|es|ing)\\b'
"""
TEXT = "We utilise the new road.\n"


def _pack(tmp_path):
    path = tmp_path / "house.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def test_flag_only_rule_is_a_finding_never_applied(tmp_path):
    (rule,) = load_rules([_pack(tmp_path)], builtin=False).artifacts
    assert rule.flag_only and apply_rule(rule, TEXT) == TEXT
    (edit,) = propose(TEXT, segment(TEXT), [rule])
    assert (edit.start, edit.end, edit.original, edit.replacement) == (3, 10, "utilise", "utilise")
    (decided,) = decide([edit], min_confidence=0.0)  # not applied even when everything else would be
    assert not decided.applied and decided.decision == FLAG_ONLY


def test_flag_only_rule_in_fix_and_check(run, tmp_path):
    doc = tmp_path / "in.txt"
    doc.write_text(TEXT, encoding="utf-8")
    pack = _pack(tmp_path)
    out = tmp_path / "out.txt"
    fixed = run("fix", doc, "--rules", pack, "-o", out, "--diff", "none")
    assert fixed.exit_code == 0, fixed.output
    assert out.read_text(encoding="utf-8") == TEXT
    checked = run("check", doc, "--rules", pack)
    assert checked.exit_code == 1, checked.output
    assert (f"{doc}:1:4: suggestion house.style.utilise (artifact, 0.90): 'utilise' (flag only): "
            "House style: write use, not utilise") in checked.stdout
    data = json.loads(run("check", doc, "--rules", pack, "--format", "json").stdout)
    (finding,) = [f for f in data["findings"] if f["rule"] == "house.style.utilise"]
    assert finding["replacement"] is None and finding["kind"] == "suggestion" and finding["column"] == 4


def test_unknown_disable_prefix_warns(run, tmp_path):
    doc = tmp_path / "in.txt"
    doc.write_text(TEXT, encoding="utf-8")
    result = run("check", doc, "--disable", "artefact.case", "--disable", "grammar.lt.NO_SUCH_RULE",
                 "--disable", "artifact.case", "--disable", "phrasebook.idiom", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    expected = ("warning: --disable artefact.case matches no rule (rule ids start with artifact, "
                "consistency, grammar, phrasebook, reference; LanguageTool's are grammar.lt.RULE_ID)")
    assert warnings == [expected]
    with_pack = run("check", doc, "--rules", _pack(tmp_path), "--disable", "house.style", "--fail-on", "never")
    assert "warning" not in with_pack.stderr and "house.style" not in with_pack.stdout
