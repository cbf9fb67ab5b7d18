"""repair check --format text|json|sarif|github: the same findings, with 1-based code-point
positions, the rule, the kind (fix, suggestion, flagged), the message and the replacement."""

# ruff: noqa: F811  (pytest fixtures imported from test_cli are parameters here)
from __future__ import annotations

import json
import re

from test_cli import factory, made, run  # noqa: F401  (shared fixtures: one LanguageTool, one model)

from repair.errors import ExitStatus

# an astral character and an accent before the edits: columns count code points
TEXT = "Zoë 😀 said he was a open man.\nWe signed a long -term deal.\n"


def _check(run, tmp_path, fmt, *extra):
    doc = tmp_path / "in.txt"
    doc.write_text(TEXT, encoding="utf-8")
    result = run("check", doc, "--format", fmt, "--threshold", "0", *extra)  # threshold 0: every sentence flagged
    assert result.exit_code == ExitStatus.FINDINGS, result.output
    return doc, result.stdout


def test_json_lists_findings_with_positions_kinds_and_sentences(run, tmp_path):
    doc, out = _check(run, tmp_path, "json")
    data = json.loads(out)
    assert data["path"] == str(doc) and data["language"] == "en-US"
    by_rule = {f["rule"]: f for f in data["findings"] if f["kind"] != "flagged"}
    article = by_rule["grammar.lt.EN_A_VS_AN"]
    assert (article["line"], article["column"], article["end_line"], article["end_column"]) == (1, 19, 1, 20)
    assert article["kind"] == "fix" and article["replacement"] == "an" and article["message"]
    hyphen = by_rule["artifact.spacing.hyphen"]
    assert (hyphen["line"], hyphen["column"], hyphen["end_column"], hyphen["kind"]) == (2, 17, 19, "fix")
    flagged = [f for f in data["findings"] if f["kind"] == "flagged"]
    assert [(f["line"], f["sentence"]) for f in flagged] == [(1, "Zoë 😀 said he was a open man."),
                                                           (2, "We signed a long -term deal.")]
    assert all(0 <= f["score"] <= 1 and f["replacement"] is None for f in flagged)


def test_sarif_is_a_valid_2_1_0_log(run, tmp_path):
    doc, out = _check(run, tmp_path, "sarif", "--min-confidence", "0.9")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "repair" and driver["version"]
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert all(r["shortDescription"]["text"] and r["help"]["text"] for r in driver["rules"])
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    levels = {}
    for res in sarif_run["results"]:
        assert set(res) >= {"ruleId", "ruleIndex", "level", "message", "locations"}
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == doc.as_uri()  # absolute: a file: URI
        region = loc["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        levels[(res["ruleId"], region["startLine"], region["startColumn"])] = res["level"]
    # 0.80 < 0.9: a suggestion (note); 0.95: a fix (warning); sentences: flagged (warning)
    assert levels[("grammar.lt.EN_A_VS_AN", 1, 19)] == "note"
    assert levels[("artifact.spacing.hyphen", 2, 17)] == "warning"
    assert levels[("detect.garbled", 1, 1)] == levels[("detect.garbled", 2, 1)] == "warning"


def test_github_annotations(run, tmp_path):
    doc, out = _check(run, tmp_path, "github")
    lines = out.splitlines()
    command = re.compile(r"^::(warning|notice|error) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),"
                         r"endColumn=(\d+),title=([^:]+)::(.+)$")
    assert lines and all(command.match(line) for line in lines), lines
    assert (f"::warning file={doc},line=1,col=19,endLine=1,endColumn=20,"
            "title=grammar.lt.EN_A_VS_AN (fix)::'a' -> 'an': ") in out
    assert f"::warning file={doc},line=2,col=1,endLine=2,endColumn=29,title=detect.garbled (flagged)::" in out


def test_text_format_unchanged(run, tmp_path):
    doc, out = _check(run, tmp_path, "text")
    assert f"{doc}:1:19: fix grammar.lt.EN_A_VS_AN (grammar, 0.80): 'a' -> 'an'" in out
    assert f"{doc}:2:1: flagged (" in out
