"""Decide: choose which candidate edits are safe to apply.

Candidates are taken most confident first; one that overlaps an already chosen edit, or
falls below ``min_confidence``, stays a suggestion, and its ``decision`` says why. The rules a
house style names (``always``: rule-id prefixes such as ``artifact.numbers``) are applied
whatever their confidence, unless a more confident edit overlaps them. A flag (a
rule without replacement: the edit's replacement is its original, its decision :data:`FLAG_ONLY`)
is never applied.

>>> from repair.records import Edit
>>> a = Edit(0, 3, "foo", "Foo", "artifact", "artifact.x", 0.9, "")
>>> b = Edit(0, 3, "foo", "bar", "phrasebook", "phrasebook.y", 0.95, "")
>>> [(e.replacement, e.applied) for e in decide([a, b], min_confidence=0.8)]
[('bar', True), ('Foo', False)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from .records import FLAG_ONLY, Edit
from .rulepacks import has_prefix
from .text import marks


def decide(candidates: Iterable[Edit], *, min_confidence: float = 0.8, always: tuple[str, ...] = ()) -> list[Edit]:
    """Every candidate once, with ``applied`` and ``decision`` set; in text order."""
    ranked = sorted(candidates, key=lambda e: (-e.confidence, e.start, e.end, e.rule))
    chosen: list[Edit] = []
    out: list[Edit] = []
    seen: set[tuple[int, int, str]] = set()
    for e in ranked:
        key = (e.start, e.end, e.replacement)
        if key in seen:  # the same change proposed twice: keep the most confident copy
            continue
        seen.add(key)
        if e.replacement == e.original:  # no change: dropped, unless it is a rule's flag (reported)
            if e.decision == FLAG_ONLY:
                out.append(e.with_decision(False))
            continue
        clash = next((c for c in chosen if c.overlaps(e)), None)
        if clash is not None and same_change(clash, e):  # the same change in another shape
            continue
        if clash is not None:
            out.append(e.with_decision(False, f"overlaps the more confident edit {clash.rule}"))
        elif e.confidence < min_confidence and not has_prefix(e.rule, always):
            out.append(e.with_decision(False, f"confidence {e.confidence:.2f} is below {min_confidence:.2f}"))
        else:
            e = e.with_decision(True, f"confidence {e.confidence:.2f} >= {min_confidence:.2f}"
                                if e.confidence >= min_confidence else "applied by the house style (apply)")
            chosen.append(e)
            out.append(e)
    out.sort(key=lambda e: (e.start, e.end, not e.applied, -e.confidence))
    return out


ROLLED_BACK = "rolled back"
_OVERLAPPED = "overlaps the more confident edit"


def second_turn(edits: list[Edit], *, min_confidence: float = 0.8, always: tuple[str, ...] = ()) -> list[Edit]:
    """``edits`` after the recheck (:func:`repair.recheck.rollback_new_problems`), with the turn
    given back to the edits that only a rolled-back edit kept out: each is decided again, as
    :func:`decide` would have without the rolled-back one, beside the edits still applied. "voted
    „for“" -> "voted in favour", rolled back under en-US, leaves the quotation marks to be mended.
    The caller checks the newly applied ones again.

    >>> from repair.records import Edit
    >>> big = Edit(0, 9, "voted „a“", "voted in favour", "artifact", "artifact.x", 0.95, "").with_decision(
    ...     False, "rolled back: the changed sentence gains a problem (speller)")
    >>> mark = Edit(6, 7, "„", "“", "artifact", "artifact.y", 0.9, "").with_decision(
    ...     False, "overlaps the more confident edit artifact.x")
    >>> [(e.replacement, e.applied) for e in second_turn([big, mark])]
    [('voted in favour', False), ('“', True)]
    """
    rolled = [e for e in edits if not e.applied and e.decision.startswith(ROLLED_BACK)]
    applied = [e for e in edits if e.applied]
    waiting = [i for i, e in enumerate(edits) if not e.applied and e.decision.startswith(_OVERLAPPED)
               and any(r.overlaps(e) for r in rolled) and not any(a.overlaps(e) for a in applied)]
    if not waiting:
        return edits
    again = {(e.start, e.end, e.replacement, e.rule): e
             for e in decide([edits[i] for i in waiting] + applied, min_confidence=min_confidence, always=always)}
    out = list(edits)
    for i in waiting:
        e = again.get((edits[i].start, edits[i].end, edits[i].replacement, edits[i].rule))
        if e is not None and e.applied:
            out[i] = e.with_decision(True, e.decision + " (its turn again: the edit that overlapped it was rolled back)")
    return out


def same_change(a: Edit, b: Edit) -> bool:
    """Whether two overlapping edits make the same text of the words they cover between them
    (" " -> "" and " ," -> "," both remove the space before a comma).

    >>> same_change(Edit(5, 6, " ", "", "artifact", "x", 0.9, ""), Edit(5, 7, " ,", ",", "grammar", "y", 0.4, ""))
    True
    >>> same_change(Edit(5, 6, " ", "", "artifact", "x", 0.9, ""), Edit(5, 7, " ,", ";", "grammar", "y", 0.4, ""))
    False
    """
    lo, hi = min(a.start, b.start), max(a.end, b.end)
    chars = [""] * (hi - lo)
    for e in (a, b):
        chars[e.start - lo:e.end - lo] = e.original
    covered = "".join(chars)
    if len(covered) != hi - lo:  # the edits do not meet: no common text to compare
        return False

    def made(e: Edit) -> str:
        return covered[:e.start - lo] + e.replacement + covered[e.end - lo:]

    return made(a) == made(b)


#: The other reading wins when the language model gives its sentence at least this much more
#: log-probability (natural log, whole sentence) than the sentence with the edit.
READING_MARGIN = 2.0


def other_readings(text: str, edits: list[Edit], segments: list[tuple[int, int]],
                   score: Callable[[list[str]], list[float]]) -> list[Edit]:
    """Applied edits whose original may be a typo of another word (``Edit.readings``, set by the
    proposer) become suggestions where the language model reads the sentence better with that
    other word than with the edit: an a/an fix of ``an`` that stands for ``and`` ("Russia an
    Ukraine signed" is "Russia and Ukraine", not "Russia a Ukraine"), the speller's capital for
    ``thad`` that stands for ``that``. ``score`` gives each text's total log-probability; only the
    sentences of such edits are scored.

    >>> from repair.records import Edit
    >>> e = Edit(7, 9, "an", "a", "grammar", "grammar.lt.EN_A_VS_AN", 0.8, "", True, "", ("and",))
    >>> fake = lambda texts: [-9.0 if " and " in t else -20.0 for t in texts]   # 'and' reads better
    >>> [d.applied for d in other_readings("Russia an Ukraine signed.", [e], [(0, 25)], fake)]
    [False]
    """
    doubtful = [e for e in edits if e.applied and e.readings]
    demoted = {}
    for e, scores in zip(doubtful, _score_words(text, doubtful, segments, score, lambda e: e.readings)):
        edited, others = scores[0], scores[1:]
        best = max(range(len(others)), key=others.__getitem__)
        if others[best] - edited >= READING_MARGIN:
            demoted[id(e)] = e.with_decision(
                False, f"'{e.original}' reads as a typo for '{e.readings[best]}' (language model: "
                       f"{others[best] - edited:+.1f} log-prob over '{e.replacement}'); left as a suggestion")
    return [demoted.get(id(e), e) for e in edits]


def _score_words(text: str, edits: list[Edit], segments: list[tuple[int, int]],
                 score: Callable[[list[str]], list[float]], others: Callable[[Edit], tuple[str, ...]]):
    """Per edit, the log-probabilities of its sentence with ``replacement`` and with each of
    ``others(edit)`` in its place, all scored in one call."""
    if not edits:
        return []
    texts: list[str] = []
    for e in edits:
        sentence, at, end = _sentence_of(text, e, segments)
        texts += [sentence[:at] + w + sentence[end:] for w in (e.replacement, *others(e))]
    scores = score(texts)
    out, k = [], 0
    for e in edits:
        n = 1 + len(others(e))
        out.append(scores[k:k + n])
        k += n
    return out


def _sentence_of(text: str, e: Edit, segments: list[tuple[int, int]]) -> tuple[str, int, int]:
    """The sentence holding edit ``e``, and the edit's span within it."""
    s, t = next(((a, b) for a, b in segments if a <= e.start and e.end <= b), (0, len(text)))
    return text[s:t], e.start - s, e.end - s


def rank_alternatives(text: str, edits: list[Edit], segments: list[tuple[int, int]],
                      score: Callable[[list[str]], list[float]]) -> list[Edit]:
    """Suggestions that offer more than one replacement (``Edit.alternatives``: LanguageTool's
    further suggestions) get them ranked by the language model: ``replacement`` becomes the one
    whose sentence it finds most probable ("recieve" -> "receive" before "relieve"), the others
    follow in its order. Applied edits and flags are left as decided. ``score`` gives each text's
    total log-probability; only the sentences of such suggestions are scored.

    >>> from repair.records import Edit
    >>> e = Edit(4, 10, "teh ca", "the ca", "grammar", "grammar.lt.X", 0.5, "", alternatives=("the car",))
    >>> fake = lambda texts: [-5.0 if "car" in t else -9.0 for t in texts]
    >>> r = rank_alternatives("See teh ca.", [e], [(0, 11)], fake)[0]
    >>> r.replacement, r.alternatives
    ('the car', ('the ca',))
    """
    open_ = [e for e in edits if not e.applied and e.alternatives and e.replacement != e.original]
    ranked = {}
    for e, mine in zip(open_, _score_words(text, open_, segments, score, lambda e: e.alternatives)):
        words = (e.replacement, *e.alternatives)
        # a spelling that drops the original's accents never goes first: the model reads plain
        # letters more easily ("Elysee"), which says nothing about the name ("élysée" -> "Élysée")
        order = sorted(range(len(words)), key=lambda i: (marks(words[i]) < marks(e.original), -mine[i], i))
        rest = tuple(words[i] for i in order[1:])
        if order[0] == 0:
            ranked[id(e)] = replace(e, alternatives=rest)
            continue
        best = words[order[0]]
        ranked[id(e)] = replace(e, replacement=best, alternatives=rest,
                                message=f"{e.message} (the language model prefers '{best}' to '{e.replacement}' "
                                        f"by {mine[order[0]] - mine[0]:.1f} log-prob)")
    return [ranked.get(id(e), e) for e in edits]
