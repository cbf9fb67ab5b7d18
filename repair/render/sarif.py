"""``repair check --format sarif``: one SARIF 2.1.0 log for the whole run (GitHub code scanning,
Azure DevOps, VS Code's SARIF viewer).

Each rule that found something is in ``runs[0].tool.driver.rules`` (id, description, help);
each finding is a result with its level (a fix ``warning``, a suggestion ``note``, a flagged
sentence ``warning``), message, and a region of 1-based lines and code-point columns
(``columnKind: unicodeCodePoints``); the replacement, confidence and score are in ``properties``.
"""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import PurePath
from urllib.parse import quote

from ..records import Result
from .findings import FLAGGED_RULE, Finding, findings

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"fix": "warning", "suggestion": "note", "flagged": "warning"}


def _uri(path: str) -> str:
    """A relative path as a relative URI reference; an absolute one as a file: URI."""
    if path == "<stdin>":
        return "stdin"
    p = PurePath(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix())


def _help(f: Finding) -> str:
    if f.rule == FLAGGED_RULE:
        return ("The garble detector scores this sentence above the threshold: it may have been translated "
                "wrongly, and cannot be fixed without the source. Change the threshold with --threshold.")
    if f.rule.startswith("grammar.lt."):
        what = f"LanguageTool rule {f.rule.removeprefix('grammar.lt.')}, used as rules/grammar.yaml says"
    else:
        what = f"repair rule {f.rule} ({f.source})"
    return f"{f.message} [{what}; switch it off with --disable {f.rule}]"


class SarifLog:
    """Collects the findings of every document; :meth:`finish` writes the log."""

    def __init__(self) -> None:
        self.rules: dict[str, dict] = {}
        self.results: list[dict] = []

    def __call__(self, result: Result, name: str) -> str:
        for f in findings(result, name):
            if f.rule not in self.rules:
                self.rules[f.rule] = {
                    "id": f.rule,
                    "shortDescription": {"text": f.message.split(" (")[0][:200] if f.rule != FLAGGED_RULE
                                         else "Sentence flagged as garbled machine translation"},
                    "help": {"text": _help(f)},
                    "properties": {"source": f.source},
                }
            props = {"kind": f.kind, "source": f.source, "original": f.original}
            if f.replacement is not None:
                props["replacement"] = f.replacement
            if f.confidence is not None:
                props["confidence"] = f.confidence
            if f.score is not None:
                props["score"], props["sentence"] = f.score, f.sentence
            message = f.message if f.replacement is None else f"{f.original!r} -> {f.replacement!r}: {f.message}"
            self.results.append({
                "ruleId": f.rule,
                "ruleIndex": list(self.rules).index(f.rule),
                "level": LEVELS[f.kind],
                "message": {"text": message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                }}],
                "properties": props,
            })
        return ""

    def finish(self) -> str:
        try:
            tool_version = version("repair")
        except PackageNotFoundError:  # run from a source tree
            tool_version = "0"
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "repair", "version": tool_version, "rules": list(self.rules.values())}},
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        }
        return json.dumps(log, ensure_ascii=False, indent=1) + "\n"
