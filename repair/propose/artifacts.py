"""MT-artifact candidates from the regular-expression rules of ``rules/artifacts/*.yaml``.

Each rule runs on each sentence (:func:`repair.rulepacks.run_rule`); its replacement is a ``re``
template, or a named Python hook (:mod:`repair.rulehooks`) where the fix needs logic a template
cannot express.

>>> from repair.rulepacks import apply_rule, default_rules
>>> rule = next(r for r in default_rules().artifacts if r.id == "artifact.glue.camel")
>>> apply_rule(rule, "Paul KirbyEuropean Digital Editor, on YouTube and McDonald's")
"Paul Kirby European Digital Editor, on YouTube and McDonald's"
"""

from __future__ import annotations

import functools

from . import BaseProposer
from ..recheck import Problem
from ..records import FLAG_ONLY, Edit
from ..rulepacks import run_rule
from ..rulehooks import Context


def _units(text: str, segments) -> list[tuple[int, str]]:
    """(start, text) of the stretches the rules run on: the segments, except that a segment of
    punctuation alone is joined to the sentence it touches (pysbd cuts ``versa..`` into
    ``versa.`` and ``.``)."""
    out: list[tuple[int, int]] = []
    for seg in segments:
        if out and out[-1][1] == seg.start and not any(ch.isalnum() for ch in seg.text):
            out[-1] = (out[-1][0], seg.end)
        else:
            out.append((seg.start, seg.end))
    return [(a, text[a:b]) for a, b in out]


def case_alternatives(original: str, replacement: str) -> tuple[str, ...]:
    """The other casing of a word in capitals that a rule puts in lower or title case: either can
    be right ("MOUNTAINS" is "mountains", "ZELENSKY" is "Zelensky"), so a suggestion offers both and
    the language model ranks them (:func:`repair.decide.rank_alternatives`).

    >>> case_alternatives("MOUNTAINS", "Mountains"), case_alternatives("About", "about")
    (('mountains',), ())
    """
    if not (original.isupper() and replacement.lower() == original.lower()):
        return ()
    return tuple(f for f in (original.lower(), original[:1] + original[1:].lower()) if f != replacement)


def propose(text: str, segments, rules, language: str | None = None) -> list[Edit]:
    """Candidate edits of every rule on every sentence of ``text``; offsets into ``text``
    (``language``: the English variant the text is checked in, when known)."""
    ctx = Context(text, language)
    out: list[Edit] = []
    for base, unit in _units(text, segments):
        for rule in rules:
            for s, e, repl in run_rule(rule, unit, ctx):
                start, end = base + s, base + e
                if repl is None:  # a rule that only flags: reported, never applied
                    out.append(Edit(start, end, text[start:end], text[start:end], source="artifact", rule=rule.id,
                                    confidence=rule.confidence, message=rule.message, decision=FLAG_ONLY))
                    continue
                out.append(Edit(start, end, text[start:end], repl, source="artifact", rule=rule.id,
                                confidence=rule.confidence, message=rule.message,
                                alternatives=case_alternatives(text[start:end], repl)))
    return out


class ArtifactProposer(BaseProposer):
    """The ``artifacts`` proposer: every enabled rule pack rule on every sentence; for the
    recheck, where each rule fires in each sentence."""

    name = "artifacts"

    @functools.cached_property
    def rules(self):
        return self.repairer.rules.enabled(self.options.disable).artifacts

    def propose(self, doc) -> list[Edit]:
        return propose(doc.text, doc.segments, self.rules, doc.language)

    def problems(self, texts: list[str]) -> list[list[Problem]]:
        return [[Problem(rule.id, s, e) for rule in self.rules for s, e, _ in run_rule(rule, t)] for t in texts]
