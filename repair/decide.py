"""Decide: choose which candidate edits are safe to apply.

Candidates are taken most confident first; one that overlaps an already chosen edit, or
falls below ``min_confidence``, stays a suggestion, and its ``decision`` says why. A flag (a
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

from .records import FLAG_ONLY, Edit


def decide(candidates: Iterable[Edit], *, min_confidence: float = 0.8) -> list[Edit]:
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
        if clash is not None:
            out.append(e.with_decision(False, f"overlaps the more confident edit {clash.rule}"))
        elif e.confidence < min_confidence:
            out.append(e.with_decision(False, f"confidence {e.confidence:.2f} is below {min_confidence:.2f}"))
        else:
            e = e.with_decision(True, f"confidence {e.confidence:.2f} >= {min_confidence:.2f}")
            chosen.append(e)
            out.append(e)
    out.sort(key=lambda e: (e.start, e.end, not e.applied, -e.confidence))
    return out


#: Words a one-letter typo turns into another word that an edit then "fixes" as the wrong word:
#: ``an`` for ``and`` ("Russia an Ukraine" is not "Russia a Ukraine"). The key is the word as the
#: text has it, the value the word the typo may stand for.
TYPO_READINGS = {"an": "and", "An": "And"}

#: The other reading wins when the language model gives its sentence at least this much more
#: log-probability (natural log, whole sentence) than the sentence with the edit.
READING_MARGIN = 2.0


def other_readings(text: str, edits: list[Edit], segments: list[tuple[int, int]],
                   score: Callable[[list[str]], list[float]]) -> list[Edit]:
    """Applied edits on a word that may be a typo of another word (:data:`TYPO_READINGS`) become
    suggestions where the language model reads the sentence better with that other word: an a/an
    fix of ``an`` that stands for ``and`` ("Russia an Ukraine signed" -> "Russia and Ukraine", not
    "Russia a Ukraine"). ``score`` gives each text's total log-probability."""
    doubtful = [e for e in edits if e.applied and e.original in TYPO_READINGS and e.replacement != TYPO_READINGS[e.original]]
    if not doubtful:
        return edits
    texts: list[str] = []
    for e in doubtful:
        s, t = next(((a, b) for a, b in segments if a <= e.start and e.end <= b), (0, len(text)))
        sentence, at, end = text[s:t], e.start - s, e.end - s
        texts += [sentence[:at] + e.replacement + sentence[end:],
                  sentence[:at] + TYPO_READINGS[e.original] + sentence[end:]]
    scores = score(texts)
    demoted = {}
    for i, e in enumerate(doubtful):
        edited, other = scores[2 * i], scores[2 * i + 1]
        if other - edited >= READING_MARGIN:
            demoted[id(e)] = e.with_decision(
                False, f"'{e.original}' reads as a typo for '{TYPO_READINGS[e.original]}' (language model: "
                       f"{other - edited:+.1f} log-prob over '{e.replacement}'); left as a suggestion")
    return [demoted.get(id(e), e) for e in edits]
