"""The immutable records that flow through the pipeline.

Offsets are always Python code-point offsets into the caller's original text
(never into an internal buffer), ``start`` inclusive, ``end`` exclusive.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

#: Version of the JSON report schema (see README, "Report format").
REPORT_SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class Edit:
    """One proposed change to the text.

    >>> e = Edit(0, 1, "a", "an", source="grammar", rule="grammar.lt.EN_A_VS_AN",
    ...          confidence=0.9, message="Use 'an' before a vowel sound.")
    >>> e.applied, e.with_decision(True).applied
    (False, True)
    """

    start: int
    end: int
    original: str
    replacement: str
    source: str  # grammar | artifact | phrasebook | consistency | reference
    rule: str  # dotted rule id, e.g. artifact.spacing.hyphen
    confidence: float
    message: str
    applied: bool = False
    #: Why the decision step applied or held back this edit (empty before deciding).
    decision: str = ""

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"edit {self.rule}: invalid span {self.start}..{self.end}")
        if len(self.original) != self.end - self.start:
            raise ValueError(
                f"edit {self.rule}: original {self.original!r} does not fit span {self.start}..{self.end}"
            )

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def overlaps(self, other: Edit) -> bool:
        """True when the two edits touch the same characters (two insertions at one point also clash)."""
        if self.start < other.end and other.start < self.end:
            return True
        return self.start == self.end == other.start == other.end

    def with_decision(self, applied: bool, decision: str = "") -> Edit:
        return dataclasses.replace(self, applied=applied, decision=decision or self.decision)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Edit:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a sentence that a detection signal points at."""

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the input with its garble score."""

    start: int
    end: int
    text: str
    score: float = 0.0
    flagged: bool = False
    reasons: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["reasons"] = list(self.reasons)
        d["spans"] = [s.to_dict() for s in self.spans]
        return d


@dataclass(frozen=True, slots=True)
class Result:
    """What :func:`repair.fix` returns: the input, the output and every edit between them.

    ``text`` is ``original`` with exactly the applied edits in ``edits`` applied.
    """

    original: str
    text: str
    sentences: tuple[Sentence, ...]
    edits: tuple[Edit, ...]
    notices: tuple[str, ...] = field(default=())

    @property
    def applied(self) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if e.applied)

    @property
    def suggestions(self) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if not e.applied)

    @property
    def flagged(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.flagged)

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (schema version :data:`REPORT_SCHEMA_VERSION`)."""
        return {
            "schema": REPORT_SCHEMA_VERSION,
            "text": self.text,
            "original": self.original,
            "sentences": [s.to_dict() for s in self.sentences],
            "edits": [e.to_dict() for e in self.edits],
            "notices": list(self.notices),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        sentences = tuple(
            Sentence(
                start=s["start"], end=s["end"], text=s["text"], score=s.get("score", 0.0),
                flagged=s.get("flagged", False), reasons=tuple(s.get("reasons", ())),
                spans=tuple(Span(**sp) for sp in s.get("spans", ())),
            )
            for s in data.get("sentences", ())
        )
        return cls(
            original=data["original"], text=data["text"], sentences=sentences,
            edits=tuple(Edit.from_dict(e) for e in data.get("edits", ())),
            notices=tuple(data.get("notices", ())),
        )
