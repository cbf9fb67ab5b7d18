"""Recheck: the sentences that applied edits changed are checked again, and an edit that adds
a problem is rolled back.

The problems come from the proposers that can find them (``problems(texts)`` of a
:class:`repair.propose.Proposer`: LanguageTool's matches, the artifact rules' hits), as
:class:`Problem` records. :func:`rollback_new_problems` compares each changed sentence's
problems before and after.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .records import Edit
from .text import zipf


#: How far (characters) from a problem an edit can be and still be the one that undid its fix.
NEAR = 30


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem a checker finds in a sentence: its kind (a rule id), where (offsets into
    the sentence), and whether it is evidence only.

    An ``evidence_only`` problem (a LanguageTool rule the policy ignores, style advice, a
    name's spelling) is never new itself, but shows that the words it covers were already
    flagged before an edit.
    """

    kind: str
    start: int
    end: int
    evidence_only: bool = False


Checker = Callable[[list[str]], list[list[Problem]]]


def problems_of(checkers: Sequence[Checker]) -> Checker:
    """One ``problems(texts)`` that lists, for each text, the problems of every checker in turn."""

    def problems(texts: list[str]) -> list[list[Problem]]:
        out: list[list[Problem]] = [[] for _ in texts]
        for check in checkers:
            for i, found in enumerate(check(texts)):
                out[i] += found
        return out

    return problems


def rollback_new_problems(
    text: str,
    edits: list[Edit],
    sentences: list[tuple[int, int]],
    problems: Callable[[list[str]], list[list[Problem]]],
    *,
    rounds: int = 2,
) -> list[Edit]:
    """Check every changed sentence again and roll back the edits that add problems.

    ``sentences`` are (start, end) spans of ``text``; ``problems(texts)`` returns, for each
    sentence text, its :class:`Problem` records — LanguageTool matches and rule hits.
    A problem is new when the changed sentence has more of its kind (and matched text) than
    the original, unless the original had a problem of that kind at the same place (its span,
    carried through the edits, overlaps): "0,2 %" flagged as a decimal comma is still that one
    problem as "0,2%"; or any problem on the same words there, including a finding whose kind
    starts with :data:`NOTED` (a rule the policy ignores, which counts only as such evidence):
    splitting "discul.Ofirst" does not make "Ofirst" a new problem, and splitting the unknown
    "MarkovićČačak" into two names the speller does not know makes neither new (each lies inside
    the old problem's span). The applied edit nearest to each new problem is rolled back.
    """
    edits = list(edits)
    for _ in range(rounds):
        by_sentence: dict[int, list[int]] = {}
        for k, e in enumerate(edits):
            if e.applied:
                for i, (s, t) in enumerate(sentences):
                    if s <= e.start and e.end <= t:
                        by_sentence.setdefault(i, []).append(k)
                        break
        if not by_sentence:
            return edits
        order = sorted(by_sentence)
        before_texts = [text[sentences[i][0]:sentences[i][1]] for i in order]
        after_texts, placed = [], []
        for i in order:
            s, t = sentences[i]
            parts, pos, spans, shift = [], s, {}, 0
            for k in sorted(by_sentence[i], key=lambda k: edits[k].start):
                e = edits[k]
                parts += [text[pos:e.start], e.replacement]
                new_start = e.start - s + shift
                spans[k] = (new_start, new_start + len(e.replacement))
                shift += len(e.replacement) - (e.end - e.start)
                pos = e.end
            parts.append(text[pos:t])
            after_texts.append("".join(parts))
            placed.append(spans)
        found = problems(before_texts + after_texts)
        before, after = found[:len(order)], found[len(order):]
        rolled = False
        for i, b, a, a_text, b_text, spans in zip(order, before, after, after_texts, before_texts, placed):
            seen = Counter((p.kind, b_text[p.start:p.end]) for p in b)
            changes = [(edits[k].start - sentences[i][0], edits[k].end - sentences[i][0], spans[k])
                       for k in sorted(spans, key=lambda k: edits[k].start)]
            moved = [(p.kind, *_carry(p.start, p.end, changes), b_text[p.start:p.end]) for p in b]
            for p in a:
                if p.evidence_only:
                    continue
                kind, x, y = p.kind, p.start, p.end
                fixers = [k for k in spans if edits[k].applied and edits[k].rule == kind
                          and _distance(spans[k], (x, y)) == 0]
                if fixers:
                    # the edit meant to fix this very problem is applied and the problem is still
                    # there: an edit beside it undid the fix ("a error" -> "an" + "error" ->
                    # "mistake" = "an mistake"), else the fix does not fix
                    near = [k for k in spans if edits[k].applied and k not in fixers
                            and _distance(spans[k], (x, y)) <= NEAR]
                    culprit = min(near or fixers, key=lambda k: _distance(spans[k], (x, y)))
                    edits[culprit] = edits[culprit].with_decision(
                        False, f"rolled back: with it the fix {kind} still leaves its problem")
                    rolled = True
                    continue
                key = (kind, a_text[x:y])
                if seen[key] > 0:
                    seen[key] -= 1
                    continue
                here = next((j for j, (k2, x2, y2, words) in enumerate(moved) if x2 < y and x < y2
                             and (k2 == kind or words == a_text[x:y])), None)
                if here is not None:
                    k2, x2, y2, _ = moved[here]
                    if not (k2 == kind and x2 <= x and y <= y2):
                        moved.pop(here)  # a problem inside one of its kind stays for the next piece:
                    continue  # "MarkovićČačak" split is two unknown words where one was
                if _speller_gap(kind, a_text[x:y], [edits[k] for k in spans if _distance(spans[k], (x, y)) == 0]):
                    continue
                live = [k for k in spans if edits[k].applied]
                if not live:
                    break
                nearest = min(live, key=lambda k: _distance(spans[k], (x, y)))
                edits[nearest] = edits[nearest].with_decision(
                    False, f"rolled back: the changed sentence gains a problem ({kind})")
                rolled = True
        if not rolled:
            break
    return edits


#: The speller's rules: their word lists lack some inflections of the words they know.
SPELLER = "MORFOLOGIK"
#: An inflection the speller does not know is taken for a word when it is at least this common
#: (wordfreq Zipf: "kilometres" 3.8, "metres" 4.2; "childs" 3.2, "informations" 2.7, "womans" 2.7
#: and "mouses" 1.8 stay problems).
COMMON_INFLECTION = 3.5


def _speller_gap(kind: str, word: str, edits: list[Edit]) -> bool:
    """A speller problem on a common word that an edit made by adding an ending to a word of its
    original, which the speller let pass: en-US LanguageTool knows "kilometre" and not
    "kilometres", so "24 kilometre long" -> "24 kilometres" gains no problem.

    >>> e = Edit(0, 12, "24 kilometre", "24 kilometres", source="artifact", rule="r", confidence=0.85, message="")
    >>> _speller_gap("grammar.lt.MORFOLOGIK_RULE_EN_US", "kilometres", [e]), _speller_gap("grammar.lt.X", "kilometres", [e])
    (True, False)
    """
    if SPELLER not in kind or zipf(word) < COMMON_INFLECTION:
        return False
    stems = {word[:-n].lower() for n in (1, 2) if len(word) - n >= 3}
    return any(word in e.replacement and stems & {w.lower() for w in e.original.split()} for e in edits)


def _carry(x: int, y: int, changes: list[tuple[int, int, tuple[int, int]]]) -> tuple[int, int]:
    """The span (x, y) of a sentence moved to where it stands after the sentence's ``changes``
    ((start, end) in the sentence before, (start, end) of the replacement after), in order and
    not overlapping."""
    def place(pos: int, right: bool) -> int:
        shift = 0
        for start, end, (new_start, new_end) in changes:
            if pos < start or (right and pos == start):
                break
            if pos < end or (right and pos == end):  # inside a change: to the edge of its replacement
                return new_end if right else new_start
            shift = new_end - end
        return pos + shift

    return place(x, False), place(y, True)


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[0] <= b[1] and b[0] <= a[1]:
        return 0
    return min(abs(a[0] - b[1]), abs(b[0] - a[1]))
