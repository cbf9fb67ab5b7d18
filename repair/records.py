"""The immutable records that flow through the pipeline.

Offsets are always Python code-point offsets into the caller's original text
(never into an internal buffer), ``start`` inclusive, ``end`` exclusive.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError

#: Version of the JSON report schema (see README, "Report format").
REPORT_SCHEMA_VERSION = "1.0"
#: Version of the review decisions format (see :class:`Decisions`).
DECISIONS_SCHEMA = "repair.decisions/1"
#: What a reviewer did with one edit.
REVIEW_STATES = ("accepted", "rejected", "edited", "pending")
#: How a check result (:meth:`Result.as_check`) marks an edit that ``fix`` would apply.
CHECK_ONLY = "check only; fix would apply it"
#: The decision of a finding from a rule that only flags: an edit whose replacement is its original,
#: reported and never applied.
FLAG_ONLY = "flag only: the rule has no replacement"
#: How a notice starts when LanguageTool could not check a text (the rules still ran).
GRAMMAR_UNAVAILABLE = "grammar check unavailable"
#: Rule ids ending in these name a preference of the house (a house spelling, a British or
#: American variant), not a fault of the text (see :func:`is_evidence`).
STYLE_ONLY = ("house", "variant")


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
    #: Other words the original may be a typo of ("an" for "and"; "thad" for "that"), which the
    #: decide stage weighs against the replacement with the language model.
    readings: tuple[str, ...] = ()
    #: Other replacements the proposer offers (LanguageTool's further suggestions); for a
    #: suggestion, the decide stage ranks them and ``replacement`` with the language model.
    alternatives: tuple[str, ...] = ()

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
        out = dataclasses.asdict(self)
        out["readings"] = list(self.readings)  # as JSON has it
        out["alternatives"] = list(self.alternatives)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Edit:
        names = {f.name for f in dataclasses.fields(cls)}
        fields = {k: v for k, v in data.items() if k in names}
        for name in ("readings", "alternatives"):
            if name in fields:
                fields[name] = tuple(fields[name])
        return cls(**fields)


def is_evidence(edit: Edit) -> bool:
    """Whether ``edit`` says its sentence has a fault: not a house spelling or a spelling variant
    (rule ids ending ``.house``, ``.variant``), and with some confidence.

    >>> is_evidence(Edit(0, 4, "Kiev", "Kyiv", "consistency", "consistency.house", 0.9, ""))
    False
    """
    return edit.rule.rsplit(".", 1)[-1] not in STYLE_ONLY and edit.confidence > 0


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
    #: Flagged only for the findings in it: the language model alone would not flag it, so once
    #: every finding is applied nothing is left to review (see :attr:`Result.needs_review`).
    findings_only: bool = False
    #: The model's estimate alone, in [0, 1]: how likely a careful reader rates the sentence a poor
    #: translation, before the findings in it are counted. Rank translations by it (a quality
    #: estimate, as direct-assessment scores measure); flag and review by ``score`` (how likely the
    #: sentence holds an error an editor would change, combined with the findings in it: see
    #: :mod:`repair.detect`). None when not known.
    estimate: float | None = None

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
    #: The English variant the text was checked as (en-US, en-GB); '' when not known.
    language: str = ""

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
    def needs_review(self) -> tuple[Sentence, ...]:
        """The flagged sentences a person still has to read: all of them, less those flagged only
        for findings (:attr:`Sentence.findings_only`) that were all applied.

        >>> e = Edit(7, 8, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.95, "", applied=True)
        >>> s = Sentence(0, 18, "He was a open man.", 0.96, True, findings_only=True)
        >>> r = Result("He was a open man.", "He was an open man.", (s,), (e,))
        >>> len(r.flagged), len(r.needs_review), len(r.as_check().needs_review)
        (1, 0, 1)
        """
        flagged = sorted((s for s in self.sentences if s.flagged), key=lambda s: s.start)
        starts = [s.start for s in flagged]
        found: dict[int, list[bool]] = {}
        for e in self.edits:
            i = bisect.bisect_right(starts, e.start) - 1
            if i >= 0 and e.end <= flagged[i].end and is_evidence(e):
                found.setdefault(i, []).append(e.applied)
        return tuple(s for i, s in enumerate(flagged)
                     if not (s.findings_only and found.get(i) and all(found[i])))

    def resolved(self, sentence: Sentence) -> bool:
        """Whether ``sentence`` was flagged only for its findings and every one of them was applied."""
        if not sentence.findings_only:
            return False
        found = [e for e in self.edits if sentence.start <= e.start and e.end <= sentence.end and is_evidence(e)]
        return bool(found) and all(e.applied for e in found)

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def as_check(self) -> Result:
        """This result as a check shows it: the text unchanged, every edit a suggestion, and an
        edit that fix applied marked :data:`CHECK_ONLY` (its decision says why it would be).

        >>> e = Edit(0, 1, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.9, "", True, "confidence 0.90 >= 0.80")
        >>> r = Result("a", "an", (), (e,)).as_check()
        >>> r.text, r.edits[0].applied, r.edits[0].decision
        ('a', False, 'check only; fix would apply it (confidence 0.90 >= 0.80)')
        """
        edits = tuple(e.with_decision(False, f"{CHECK_ONLY} ({e.decision})") if e.applied else e
                      for e in self.edits)
        return Result(self.original, self.original, self.sentences, edits, self.notices, self.language)

    def diff(self, name: str = "input", context: int = 3) -> str:
        """The unified diff from ``original`` to ``text`` ('' when nothing changed).

        >>> e = Edit(7, 8, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.95, "", applied=True)
        >>> print(Result("He was a open man.\\n", "He was an open man.\\n", (), (e,)).diff(), end="")
        --- input
        +++ input (repaired)
        @@ -1 +1 @@
        -He was a open man.
        +He was an open man.
        """
        from .render.diff import unified_diff

        return unified_diff(self, name, context)

    def to_json(self, indent: int | None = 1) -> str:
        """The JSON report, exactly as ``repair fix --report`` writes it (less the final newline).

        >>> r = Result("Hi.", "Hi.", (), ())
        >>> Result.from_dict(json.loads(r.to_json())) == r
        True
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (schema version :data:`REPORT_SCHEMA_VERSION`)."""
        review = {(s.start, s.end) for s in self.needs_review}
        return {
            "schema": REPORT_SCHEMA_VERSION,
            "text": self.text,
            "original": self.original,
            "sentences": [{**s.to_dict(), "needs_review": (s.start, s.end) in review}
                          for s in self.sentences],
            "edits": [e.to_dict() for e in self.edits],
            "notices": list(self.notices),
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        sentences = tuple(
            Sentence(
                start=s["start"], end=s["end"], text=s["text"], score=s.get("score", 0.0),
                flagged=s.get("flagged", False), reasons=tuple(s.get("reasons", ())),
                spans=tuple(Span(**sp) for sp in s.get("spans", ())),
                findings_only=bool(s.get("findings_only", False)), estimate=s.get("estimate"),
            )
            for s in data.get("sentences", ())
        )
        return cls(
            original=data["original"], text=data["text"], sentences=sentences,
            edits=tuple(Edit.from_dict(e) for e in data.get("edits", ())),
            notices=tuple(data.get("notices", ())), language=str(data.get("language", "")),
        )


def text_sha256(text: str) -> str:
    """The hex sha256 of ``text`` encoded as UTF-8: what :class:`Decisions` are tied to.

    >>> text_sha256("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Decisions:
    """A reviewer's verdict on every edit of one result, replayable with :meth:`apply`.

    The same JSON is written by ``repair review --decisions`` and by the HTML review page
    (``repair fix --html``), and read by ``repair apply``::

        {"schema": "repair.decisions/1",
         "input_sha256": "<sha256 of the input text as UTF-8>",
         "input_name": "article.txt", "tool": "repair review",
         "edits": [{<every Edit field>, "review": "accepted|rejected|edited|pending"}, ...]}

    In each edit ``applied`` says whether it is accepted and ``replacement`` is what goes in
    (a reviewer may have edited it); ``review`` is what the reviewer did, ``pending`` meaning
    nothing (the pipeline's choice stands). Accepted edits never overlap.

    >>> e = Edit(7, 8, "a", "an", "grammar", "grammar.lt.EN_A_VS_AN", 0.95, "", applied=True)
    >>> d = Decisions.from_result(Result("He was a open man.", "He was an open man.", (), (e,)))
    >>> d.review, d.apply("He was a open man.")
    (('pending',), 'He was an open man.')
    >>> d.apply("Some other text.")
    Traceback (most recent call last):
    ...
    repair.errors.InputError: these decisions were made for a different input (sha256 ...); review this input again
    """

    input_sha256: str
    edits: tuple[Edit, ...]
    review: tuple[str, ...]
    input_name: str = ""
    tool: str = ""

    def __post_init__(self) -> None:
        if len(self.review) != len(self.edits):
            raise ValueError(f"{len(self.edits)} edits but {len(self.review)} review states")
        bad = sorted(set(self.review) - set(REVIEW_STATES))
        if bad:
            raise ValueError(f"unknown review state(s) {bad}; known: {list(REVIEW_STATES)}")

    @classmethod
    def from_result(cls, result: Result, *, input_name: str = "", tool: str = "") -> Decisions:
        """The pipeline's own choices, nothing reviewed yet (every edit ``pending``)."""
        return cls(text_sha256(result.original), tuple(result.edits), ("pending",) * len(result.edits),
                   input_name, tool)

    @property
    def accepted(self) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if e.applied)

    def check_input(self, text: str, name: str = "the input") -> None:
        """Raise :class:`~repair.errors.InputError` unless these decisions were made for ``text``."""
        digest = text_sha256(text)
        if digest != self.input_sha256:
            raise InputError(
                f"these decisions were made for a different input (sha256 {self.input_sha256[:12]}..., "
                f"{'this input' if name == 'the input' else name} has {digest[:12]}...); review this input again"
            )

    def apply(self, text: str, name: str = "the input") -> str:
        """``text`` with exactly the accepted edits applied (see :func:`repair.apply.apply_edits`)."""
        from .apply import apply_edits

        self.check_input(text, name)
        try:
            return apply_edits(text, self.edits)
        except ValueError as exc:
            raise InputError(f"the decisions do not fit {name}: {exc}") from exc

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": DECISIONS_SCHEMA,
            "input_sha256": self.input_sha256,
            "input_name": self.input_name,
            "tool": self.tool,
            "edits": [{**e.to_dict(), "review": r} for e, r in zip(self.edits, self.review)],
        }

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Any, source: str = "decisions") -> Decisions:
        """Read decisions, with an :class:`~repair.errors.InputError` naming ``source`` and the entry."""
        if not isinstance(data, dict) or data.get("schema") != DECISIONS_SCHEMA:
            found = data.get("schema") if isinstance(data, dict) else type(data).__name__
            raise InputError(f"{source}: not a repair decisions file (schema {found!r}, expected "
                             f"{DECISIONS_SCHEMA!r}); write one with `repair review --decisions` or the HTML page")
        digest = data.get("input_sha256")
        if not isinstance(digest, str) or len(digest) != 64:
            raise InputError(f"{source}: input_sha256 is missing or not a sha256 hex digest")
        edits, review = [], []
        for i, raw in enumerate(data.get("edits") or ()):
            try:
                if not isinstance(raw, dict):
                    raise TypeError("not an object")
                state = raw.get("review", "pending")
                if state not in REVIEW_STATES:
                    raise ValueError(f"review {state!r} is not one of {list(REVIEW_STATES)}")
                edits.append(Edit.from_dict(raw))
                review.append(state)
            except (TypeError, ValueError) as exc:
                raise InputError(f"{source}: edit {i}: {exc}") from exc
        return cls(digest, tuple(edits), tuple(review), str(data.get("input_name") or ""),
                   str(data.get("tool") or ""))

    @classmethod
    def from_json(cls, text: str, source: str = "decisions") -> Decisions:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source} is not valid JSON: {exc}") from exc
        return cls.from_dict(data, source)
