"""Phrasebook policy: the confidence of a match (measured bands, and the exceptions set by
policy: quoted terms, genitive idioms) and the edit it becomes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...records import Edit
from ...text import indefinite_article
from .matching import Match

#: Confidence per method, by similarity band: ((lowest similarity, confidence), ...), highest band
#: first; a method or score with no band is not proposed. From ``benchmarks/tune/phrasebook.py`` on
#: all 35,000 MLQE-PE train pairs (positive = the post-editor wrote exactly our phrasing):
#:
#: * variant  2 of 16 positive, 7 more changed otherwise by the post-editor -> 0.3 (suggestion);
#: * house    3 of 91: post-editors keep their source's transliteration (Kiev, Lugansk) -> 0.5,
#:   a suggestion; a text that mixes spellings is made consistent by :mod:`.consistency` instead;
#: * order    2 of 12 (the genitive calques "mass destruction weapons", "power transfer") -> 0.35;
#: * semantic 0 of 6 -> 0.25, the floor of a suggestion;
#: * case 0 of 23, spelling 0 of 2, function 0 of 9: not proposed.
CALIBRATION: dict[str, tuple[tuple[float, float], ...]] = {
    "variant": ((0.0, 0.3),),
    "house": ((0.0, 0.5),),
    "order": ((0.6, 0.35),),
    "semantic": ((0.5, 0.25),),
}


def confidence(method: str, score: float, calibration=None) -> float | None:
    """The calibrated confidence of a match, or None when its score is below every band."""
    for lowest, conf in (calibration or CALIBRATION).get(method, ()):
        if score >= lowest:
            return conf
    return None


_ARTICLE = re.compile(r"\b(an?|An?|AN?)(\s+[“\"‘'(]?)$")


def with_article(text: str, m: Match) -> tuple[int, str, str, str]:
    """(start, original, replacement, note): the match widened to a preceding a/an, which is made
    to agree with the replacement's first sound ("a assurance power" -> "a reassurance force")."""
    before = text[max(0, m.start - 12):m.start]
    am = _ARTICLE.search(before)
    if not am:
        return m.start, m.original, m.replacement, ""
    art, gap = am.group(1), am.group(2)
    start = m.start - len(am.group(0))
    want = indefinite_article(m.replacement)
    if art.isupper() and len(art) == 2:
        want = want.upper()
    elif art[:1].isupper():
        want = want.capitalize()
    note = f"; article '{art}' -> '{want}' to agree" if want != art else ""
    return start, text[start:m.end], want + gap + m.replacement, note


def _message(m: Match, note: str) -> str:
    e = m.entry
    if m.method in ("variant", "house"):
        head = "house spelling" if m.method == "house" else "canonical phrasing"
        msg = f"{head} '{e.canonical}' ({e.label}): '{m.original}' is a listed variant"
    elif m.method == "case":
        msg = f"canonical spelling '{e.canonical}' ({e.label}): a proper name written in lower case"
    elif m.method == "spelling":
        msg = f"canonical spelling '{e.canonical}' ({e.label}): same letters, other spacing or hyphens"
    else:
        msg = f"closest canonical phrasing '{e.canonical}' ({e.label}), similarity {m.score:.2f} ({m.detail})"
    if e.note:
        msg += f"; {e.note}"
    return msg + note


def to_edit(text: str, m: Match, conf: float) -> Edit:
    start, original, replacement, note = with_article(text, m)
    rule = f"phrasebook.{m.entry.kind}.{m.method}"
    return Edit(start, m.end, original, replacement, source="phrasebook", rule=rule,
                confidence=round(conf, 3), message=_message(m, note))


def select(matches: Iterable[Match], calibration=None) -> list[tuple[Match, float]]:
    """The best non-overlapping matches (most confident, then most similar, then longest)."""
    scored = []
    for m in matches:
        c = confidence(m.method, m.score, calibration)
        if c is not None:
            scored.append((m, c))
    scored.sort(key=lambda mc: (-mc[1], -mc[0].score, -(mc[0].end - mc[0].start), mc[0].start))
    chosen: list[tuple[Match, float]] = []
    for m, c in scored:
        if any(m.start < o.end and o.start < m.end for o, _ in chosen):
            continue
        chosen.append((m, c))
    chosen.sort(key=lambda mc: mc[0].start)
    return chosen


#: Policy (not measured: MLQE-PE has almost no quoted terms): a near-miss that fills a whole
#: quotation ("the “willing coalition”") is a term the translator marked as a set phrase, and
#: its closest canonical phrasing is applied with this confidence.
QUOTED_TERM_CONFIDENCE = 0.85
QUOTED_TERM_METHODS = frozenset({"order", "semantic", "variant"})
_OPEN_QUOTES = "“‘\"'«„"
_CLOSE_QUOTES = "”’\"'»“"


#: Policy (not measured: MLQE-PE has no such match, on its MT or its post-edits): an idiom of the
#: form "X of (the) Y" whose words stand run together and turned round ("the willing coalition",
#: "the iceberg tip") is that idiom calqued word for word; English has no such compound for a fixed
#: phrase, so the idiom is applied. Collocations are not ("parliament members", "power transfer"
#: are English too: precision 0.4 on MLQE-PE train), nor fixed pairs turned round ("alive or dead"
#: stands in the post-edits). Not before "of", where the idiom's own "of" would stand twice.
GENITIVE_IDIOM_CONFIDENCE = 0.8
_GENITIVE = re.compile(r"(?:the )?[^\W\d_]+ of (?:the )?[^\W\d_]+$", re.IGNORECASE)


def fills_quotation(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is exactly the content of a quotation.

    >>> t = "the “willing coalition”, led by"
    >>> fills_quotation(t, 5, 22), fills_quotation(t, 5, 12)
    (True, False)
    """
    return (start > 0 and end < len(text) and text[start - 1] in _OPEN_QUOTES
            and text[end] in _CLOSE_QUOTES)


#: Methods of an exact listed variant: an entry's own ``confidence`` (a user's house term) is theirs.
ENTRY_CONFIDENCE_METHODS = frozenset({"variant", "house"})


def in_context(text: str, m: Match, c: float) -> float:
    """The confidence ``c`` of match ``m`` as policy sets it: the entry's own ``confidence`` for
    an exact listed variant (a house term a user phrasebook enforces); raised for a near-miss
    that fills a whole quotation (:data:`QUOTED_TERM_CONFIDENCE`), or an idiom "X of (the) Y" run
    together and turned round, not right before "of" (:data:`GENITIVE_IDIOM_CONFIDENCE`)."""
    if m.entry.confidence is not None and m.method in ENTRY_CONFIDENCE_METHODS:
        return m.entry.confidence
    if m.method in QUOTED_TERM_METHODS and fills_quotation(text, m.start, m.end):
        return max(c, QUOTED_TERM_CONFIDENCE)
    if (m.method == "order" and m.entry.kind == "idiom" and _GENITIVE.match(m.entry.canonical)
            and not re.match(r"\s+of\b", text[m.end:])):  # not "a coalition of the willing of states"
        return max(c, GENITIVE_IDIOM_CONFIDENCE)
    return c
