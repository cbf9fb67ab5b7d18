"""The shipped MT-artifact rule packs: every rule carries examples that must fire and must not,
and the loader reports invalid packs by file, entry and problem."""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

from repair.errors import RuleError
from repair.propose.artifacts import propose
from repair.ruledata import wordlist
from repair.rulehooks import HOOKS, Context
from repair.rulepacks import apply_rule, run_rule
from repair.records import Edit
from repair.rulepacks import builtin_files, load_rules, parse_artifact_pack, parse_yaml
from repair.segment import segment

RULES = load_rules().artifacts
IDS = [r.id for r in RULES]


def test_shipped_packs_load_with_unique_ids():
    assert len(RULES) >= 20
    assert len(IDS) == len(set(IDS))
    names = {name for name, _ in builtin_files("artifacts")}
    assert {"rules/artifacts/spacing.yaml", "rules/artifacts/case.yaml", "rules/artifacts/glue.yaml",
            "rules/artifacts/numbers.yaml", "rules/artifacts/quotes.yaml", "rules/artifacts/repetition.yaml",
            "rules/artifacts/punctuation.yaml"} <= names
    for r in RULES:
        assert r.id.startswith("artifact."), r.id
        assert 0 < r.confidence <= 1


def test_the_rules_readme_counts_every_shipped_family():
    """rules/README.md's table of shipped families names each pack with its number of rules."""
    readme = (Path(__file__).resolve().parents[1] / "rules" / "README.md").read_text(encoding="utf-8")
    table = {name: int(n) for name, n in re.findall(r"^\| `(\w+\.yaml)` \| (\d+) \|", readme, re.M)}
    shipped = collections.Counter(Path(rule.path).name for rule in RULES)
    assert table == shipped


def test_every_family_named_in_the_issue_has_a_rule():
    for prefix in ("artifact.spacing.hyphen", "artifact.spacing.before_punctuation", "artifact.quotes.inner_space",
                   "artifact.numbers.decimal_comma", "artifact.glue.camel", "artifact.case.shouting",
                   "artifact.case.stray_", "artifact.repetition.word", "artifact.quotes.mixed_"):
        assert any(i.startswith(prefix) for i in IDS), prefix


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_has_fire_and_pass_examples(rule):
    assert rule.fire, f"{rule.id} ({rule.path}) has no example that must fire"
    assert rule.passes, f"{rule.id} ({rule.path}) has no example that must not fire"
    assert all(ex.fixed is not None for ex in rule.fire), f"{rule.id}: a fire example lacks 'fixed'"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_fire_examples_give_exactly_the_fixed_text(rule):
    for ex in rule.fire:
        assert apply_rule(rule, ex.text) == ex.fixed, f"{rule.id}: {ex.text!r}"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_pass_examples_are_unchanged(rule):
    for ex in rule.passes:
        assert list(run_rule(rule, ex.text)) == [], f"{rule.id} fires on {ex.text!r}"
        assert apply_rule(rule, ex.text) == ex.text


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_fixes_are_stable(rule):
    """A fixed text makes no rule fire that did not fire before: the recheck after applying
    (repair.recheck.rollback_new_problems) would otherwise roll the fix back."""
    for ex in rule.fire:
        for other in RULES:
            before = {ex.text[s:e] for s, e, _ in run_rule(other, ex.text)}
            after = {ex.fixed[s:e] for s, e, _ in run_rule(other, ex.fixed)}
            assert after <= before, f"{rule.id}'s fix of {ex.text!r} makes {other.id} fire on {after - before}"


def test_hooks_named_by_rules_exist_and_word_lists_load():
    for r in RULES:
        assert r.hook is None or r.hook in HOOKS
    assert "NATO" in wordlist("acronyms") and "BBC" in wordlist("acronyms")
    assert "YouTube" in wordlist("inner_capitals")
    assert "had had" in wordlist("reduplications")


def test_edits_are_offsets_into_the_callers_text():
    text = "Intro line.\n\nPaul KirbyEuropean Digital Editor\nRussia’s 40 -month war , he said."
    edits = propose(text, segment(text), RULES)
    assert edits
    for e in edits:
        assert isinstance(e, Edit) and e.source == "artifact"
        assert text[e.start:e.end] == e.original
    assert {(e.original, e.replacement) for e in edits} >= {("KirbyEuropean", "Kirby, European"), (" -", "-"),
                                                          (" ", "")}


def test_mixed_quote_styles_follow_the_majority_of_the_whole_text():
    rule = next(r for r in RULES if r.id == "artifact.quotes.mixed_double")
    text = 'He said “no”. She said “never”.\nThey said "perhaps".'
    edits = propose(text, segment(text), [rule])
    assert [(text[e.start - 1:e.end], e.replacement) for e in edits] == [(' "', "“"), ('s"', "”")]
    # alone, the last sentence has one style only and nothing fires
    assert apply_rule(rule, 'They said "perhaps".') == 'They said "perhaps".'
    assert apply_rule(rule, 'They said "perhaps".', Context(text)) == "They said “perhaps”."


def test_thousands_separators_are_not_decimal_commas():
    rule = next(r for r in RULES if r.id == "artifact.numbers.decimal_comma")
    assert apply_rule(rule, "3,5 million and 3,500 troops and 1,250,000 people") == \
        "3.5 million and 3,500 troops and 1,250,000 people"


def test_shouting_keeps_acronyms_and_headlines():
    rule = next(r for r in RULES if r.id == "artifact.case.shouting")
    s = "The talks between NATO, the EU and the UN in GENEVA ended on Friday."
    assert apply_rule(rule, s) == "The talks between NATO, the EU and the UN in Geneva ended on Friday."
    assert apply_rule(rule, "PUTIN REJECTS WESTERN SECURITY IN UKRAINE") == "PUTIN REJECTS WESTERN SECURITY IN UKRAINE"


# --------------------------------------------------------------------------- invalid packs


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


GOOD = """rules:
  - id: artifact.test.ok
    message: "ok"
    pattern: 'x'
    replacement: 'y'
    examples: {fire: [{text: "x", fixed: "y"}], pass: ["z"]}
"""


def test_a_valid_user_pack_loads(tmp_path):
    p = _write(tmp_path, "mine.yaml", GOOD)
    rules = load_rules([p], builtin=False).artifacts
    assert [r.id for r in rules] == ["artifact.test.ok"]
    assert apply_rule(rules[0], "axa") == "aya"


@pytest.mark.parametrize("text, entry, problem", [
    ("rules:\n  - id: artifact.test.a\n    message: [unclosed\n", None, "invalid YAML (line"),
    ("rules:\n  - id: artifact.test.a\n    message: m\n    pattern: '(unclosed'\n", "artifact.test.a", "bad regex"),
    ("rules:\n  - id: artifact.test.a\n    message: m\n    pattern: 'x'\n    colour: red\n", "artifact.test.a",
     "unknown keys ['colour']"),
    ("rules:\n  - id: artifact.test.a\n    message: m\n    pattern: 'x'\n    hook: nosuchhook\n", "artifact.test.a",
     "unknown hook 'nosuchhook'"),
    ("rules:\n  - id: artifact.test.a\n    message: m\n    pattern: 'x'\n    replacement: '\\2'\n", "artifact.test.a",
     "bad replacement"),
    ("rules:\n  - id: artifact.test.a\n    message: m\n    pattern: 'x'\n    confidence: 2\n", "artifact.test.a",
     "'confidence' must be a number from 0 to 1"),
    ("rules:\n  - id: artifact.test.a\n    pattern: 'x'\n", "artifact.test.a", "'message' is required"),
    ("rules:\n  - id: Bad Id\n    message: m\n    pattern: 'x'\n", None, "'id' must be a dotted lower-case id"),
    ("rules:\n  - id: artifact.test.a\n    message: m\n    pattern: 'x'\n    examples: {fire: 3}\n",
     "artifact.test.a", "examples.fire must be a list"),
    ("- just a list\n", None, "a rule pack is a mapping with a 'rules' list"),
])
def test_invalid_packs_name_file_entry_and_problem(tmp_path, text, entry, problem):
    p = _write(tmp_path, "broken.yaml", text)
    with pytest.raises(RuleError) as info:
        load_rules([p], builtin=False)
    err = info.value
    assert err.path == str(p) and str(p) in str(err)
    assert problem in str(err), str(err)
    if entry:
        assert err.entry == entry and f"entry {entry}" in str(err)


def test_duplicate_ids_name_both_files(tmp_path):
    a = _write(tmp_path, "a.yaml", GOOD)
    b = _write(tmp_path, "b.yaml", GOOD)
    with pytest.raises(RuleError) as info:
        load_rules([a, b], builtin=False)
    msg = str(info.value)
    assert str(b) in msg and str(a) in msg and "entry artifact.test.ok" in msg and "duplicate rule id" in msg


def test_a_user_rule_may_not_reuse_a_shipped_id(tmp_path):
    text = GOOD.replace("artifact.test.ok", "artifact.spacing.hyphen")
    with pytest.raises(RuleError, match=re.escape("duplicate rule id (also defined in rules/artifacts/spacing.yaml)")):
        load_rules([_write(tmp_path, "mine.yaml", text)])


def test_parse_yaml_reports_the_position():
    with pytest.raises(RuleError, match=r"x\.yaml: invalid YAML \(line 2, column 13\): "):
        parse_artifact_pack(parse_yaml("rules:\n  - {id: a, : b: c}\n", "x.yaml"), "x.yaml")
