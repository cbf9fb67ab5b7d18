"""Detect: a garble score in [0, 1] for every sentence, with the reasons behind it.

This first version counts signals (LanguageTool matches, artifact-rule hits); the learned
detector replaces it (issue: detection).
"""

from __future__ import annotations

import math
from collections import Counter

from ..document import Document
from ..records import Edit, Sentence, Span

#: Sentences scoring above this are flagged (``--threshold`` / ``threshold=``).
DEFAULT_THRESHOLD = 0.5


class Detector:
    @classmethod
    def load(cls) -> Detector:
        return cls()

    def score(self, doc: Document, candidates: list[Edit], *, threshold: float = DEFAULT_THRESHOLD) -> list[Sentence]:
        per_sentence = doc.matches_by_sentence()
        hits: list[list[Edit]] = [[] for _ in doc.segments]
        for e in candidates:
            i = doc.sentence_index(e.start)
            if i is not None:
                hits[i].append(e)
        out = []
        for seg, matches, edits in zip(doc.segments, per_sentence, hits):
            reasons = []
            cats = Counter(m.category.lower() for m in matches)
            if matches:
                reasons.append(f"{len(matches)} grammar issue{'s' if len(matches) > 1 else ''}: "
                               + ", ".join(sorted(cats)))
            arts = [e for e in edits if e.source != "grammar"]
            if arts:
                reasons.append("; ".join(sorted({e.message for e in arts})))
            n = len(matches) + len(arts)
            score = 1.0 - math.exp(-0.6 * n)
            spans = tuple(Span(m.offset, m.offset + m.length, doc.text[m.offset:m.offset + m.length],
                               m.message) for m in matches)
            if not doc.grammar_checked:
                reasons.append("grammar check unavailable")
            out.append(Sentence(seg.start, seg.end, seg.text, round(score, 4), score > threshold,
                                tuple(reasons), spans))
        return out
