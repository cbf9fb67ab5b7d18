"""MT-artifact candidates from the regular-expression rules of ``rules/artifacts/*.yaml``.

Each rule runs on each sentence; its replacement is a ``re`` template, or a named Python
*hook* (below) where the fix needs logic a template cannot express.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..records import Edit

#: Hooks: name -> function(match, sentence_text) returning the replacement or None (no fix).
HOOKS: dict[str, Callable[[re.Match[str], str], str | None]] = {}


def hook(name: str):
    def register(fn):
        HOOKS[name] = fn
        return fn

    return register


@hook("lower")
def _lower(m: re.Match[str], sentence: str) -> str | None:
    return m.group(0).lower()


@hook("title")
def _title(m: re.Match[str], sentence: str) -> str | None:
    w = m.group(0)
    return w[:1].upper() + w[1:].lower()


def run_rule(rule, sentence: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, replacement) for each place ``rule`` fires in ``sentence``."""
    for m in rule.pattern.finditer(sentence):
        if rule.exceptions and m.group(0).lower() in rule.exceptions:
            continue
        if rule.hook:
            repl = HOOKS[rule.hook](m, sentence)
        else:
            repl = rule.expand(m)
        if repl is None or repl == m.group(0):
            continue
        yield m.start(), m.end(), repl


def apply_rule(rule, sentence: str) -> str:
    """``sentence`` with every firing of ``rule`` applied (used by rule examples and tests)."""
    out, pos = [], 0
    for s, e, r in run_rule(rule, sentence):
        if s < pos:
            continue
        out.append(sentence[pos:s])
        out.append(r)
        pos = e
    out.append(sentence[pos:])
    return "".join(out)


def propose(text: str, segments, rules) -> list[Edit]:
    out: list[Edit] = []
    for seg in segments:
        for rule in rules:
            for s, e, repl in run_rule(rule, seg.text):
                start, end = seg.start + s, seg.start + e
                out.append(Edit(start, end, text[start:end], repl, source="artifact", rule=rule.id,
                                confidence=rule.confidence, message=rule.message))
    return out
