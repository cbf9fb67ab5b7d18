"""Segment: split text into sentences with exact code-point offsets.

Lines are segmented one at a time (a line break always ends a sentence: news copy, titles
and bylines sit on lines of their own), then pysbd splits each line into sentences. The
offsets are re-anchored in the original text, so they are exact whatever pysbd does.

>>> [s.text for s in segment("Mr. Smith left. He said “Not at all.”\\nA title")]
['Mr. Smith left.', 'He said “Not at all.”', 'A title']
>>> segment("  Hi there.  ")[0].start
2
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]+")
#: Fallback splitter: end punctuation (with closing quotes/brackets) then space and a capital.
_FALLBACK = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def _strip(s: str) -> str:
    """White space and byte-order marks off both ends."""
    return s.strip().strip("\ufeff").strip()


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str


_local = threading.local()


def _pysbd():
    """This thread's pysbd segmenter: a Segmenter keeps the text it works on in itself, so one
    shared by threads (a server's connections, a batch's workers) splits sentences wrongly."""
    seg = getattr(_local, "segmenter", None)
    if seg is None:
        import pysbd

        seg = _local.segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    return seg


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: A year-first date written with full stops (Hungarian "2025. április 11.", translated "2025.
#: April 11."): no sentence ends inside it, nor right after it before a word in lower case.
_YEAR_DOT = re.compile(r"\b(?:1[89]|20)\d\d\.$")
_MONTH_DAY_DOT = re.compile(rf"^(?:{_MONTHS}) [0-3]?\d\.")
_YEAR_FIRST_DATE = re.compile(rf"\b(?:1[89]|20)\d\d\. (?:{_MONTHS}) [0-3]?\d\.$")
#: A day written with a full stop before its month (Serbian, Czech, German "14. marta 2024",
#: translated "14. march 2024"): no sentence ends after the day when the month is in lower case,
#: a year follows it, or a word in lower case or a stop ("from 1. September the route", "from 1.
#: September."; not "May", a verb), nor before a word in lower case and a year, a month in the
#: source language ("13. mars 2024").
_DAY_DOT = re.compile(r"(?<![\d.,])[0-3]?\d\.$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d\b")
_MONTH_AFTER_DAY = re.compile(rf"^(?:(?:{_MONTHS.lower()})\b|(?:{_MONTHS}),? (?:1[89]|20)\d\d\b"
                              rf"|(?:{_MONTHS.replace('May|', '')})(?: [a-z]|[.,;:])|[^\W\d_A-Z]{{3,}},? (?:1[89]|20)\d\d\b)")
#: A date all in numbers with a full stop and a space after the day and the month (Czech, Slovak
#: "od 1. 7. do 31. 8.", "12. 6. 2024"): no sentence ends after the day when its month follows,
#: nor after the month before a word in lower case or a year.
_MONTH_NUMBER_DOT = re.compile(r"^(?:[1-9]|0[1-9]|1[0-2])\.(?:\s|$)")
_DAY_MONTH_DOTS = re.compile(r"(?<![\d.,])(?:[1-9]|[012]\d|3[01])\. (?:[1-9]|0[1-9]|1[0-2])\.$")
#: A Slavic street abbreviation left in ("when ul. Kapitan Raycho was repaired": ulitsa, ulica,
#: bulevard): no sentence ends after it before a capitalised name.
_STREET_DOT = re.compile(r"(?:^|\s)(?:ul|bul)\.$")
#: A title abbreviated before a name, as the source language writes it (Croatian "prof. dr. sc.
#: Josip Matić", Slovak "Ing. Pavol Lichner", Tamil "Thiru. A. Selvaraj", Hebrew "Adv. Eitan
#: Golan", Albanian "z. Agim Muça", Afrikaans "Mnr. Hennie Swart", Dutch "Dhr. Jansen"): no sentence
#: ends after it.
_TITLE_DOT = re.compile(r"(?:^|[\s(])(?:prof|doc|dr|sc|Thiru|Tmt|Ing|Adv|Mgr|z|znj|Mnr|Mev|Mej|Dhr|Mevr)\.$")
#: A figure's unit abbreviated as the source language writes it ("15 proc. of the", "12 mln. euros",
#: "at 21.45 hod., when": Lithuanian, Polish, Slovak, Czech): no sentence ends after it before a
#: word in lower case or a comma.
_UNIT_DOT = re.compile(r"\d\s?(?:proc|mln|mlrd|mld|tūkst|tys|hod|val)\.$")


def _foreign_month(part: str) -> bool:
    """``part`` opens with a month's name in a source language, in lower case ("septembra going"):
    the day before it keeps its full stop in the same sentence ("on 23. septembra going")."""
    from .rulehooks import foreign_month

    word = re.match(r"[^\W\d_]+", part)
    return bool(word) and word.group(0).islower() and foreign_month(word.group(0))


def _split_line(line: str) -> list[str]:
    """The sentences of one line (pysbd; dates written with full stops kept whole).

    >>> _split_line("The bank was closed on 2025. April 11. and the ferry stopped. It rained.")
    ['The bank was closed on 2025. April 11. and the ferry stopped. ', 'It rained.']
    >>> _split_line("ČAČAK, 14. march 2024 - The hospital got a scanner. The final was 14. May we go?")
    ['ČAČAK, 14. march 2024 - The hospital got a scanner. ', 'The final was 14. ', 'May we go?']
    >>> _split_line("TÁBOR, 12. 6. 2024 The line closes from 1. 7. to 31. 8. for repairs. It rained.")
    ['TÁBOR, 12. 6. 2024 The line closes from 1. 7. to 31. 8. for repairs. ', 'It rained.']
    >>> _split_line("The route closes from 1. September the county said. It rained.")
    ['The route closes from 1. September the county said. ', 'It rained.']
    >>> _split_line("HESTERØY, 13. mars 2024 The route closes from 1. September. It rained.")
    ['HESTERØY, 13. mars 2024 The route closes from 1. September. ', 'It rained.']
    >>> _split_line("When ul. Kapitan Raycho was repaired, trade fell. It rained.")
    ['When ul. Kapitan Raycho was repaired, trade fell. ', 'It rained.']
    >>> _split_line("The bear was filmed on 23. septembra going through the yard. It rained.")
    ['The bear was filmed on 23. septembra going through the yard. ', 'It rained.']
    >>> _split_line("It came at 21.45 hod., when it was dark. It rained.")
    ['It came at 21.45 hod., when it was dark. ', 'It rained.']
    >>> _split_line("said sociologist prof. dr. sc. Josip Matić. It rained.")
    ['said sociologist prof. dr. sc. Josip Matić. ', 'It rained.']
    >>> _split_line("Trade fell by 15 proc. of the total. It rained.")
    ['Trade fell by 15 proc. of the total. ', 'It rained.']
    """
    try:
        parts = _pysbd().segment(line)
    except Exception:  # noqa: BLE001 - pysbd has edge-case crashes; the regex fallback is safe
        parts = _FALLBACK.split(line)
    out: list[str] = []
    for p in parts:
        if not p or not _strip(p):
            continue
        prev = _strip(out[-1]) if out else ""
        if prev and ((_YEAR_DOT.search(prev) and _MONTH_DAY_DOT.match(_strip(p)))
                     or (_YEAR_FIRST_DATE.search(prev) and _strip(p)[:1].islower())
                     or (_DAY_DOT.search(prev) and (_MONTH_AFTER_DAY.match(_strip(p)) or _foreign_month(_strip(p))))
                     or (_DAY_DOT.search(prev) and _MONTH_NUMBER_DOT.match(_strip(p)))
                     or (_DAY_MONTH_DOTS.search(prev) and (_strip(p)[:1].islower() or _YEAR.match(_strip(p))))
                     or (_STREET_DOT.search(prev) and _strip(p)[:1].isupper())
                     or (_UNIT_DOT.search(prev) and (_strip(p)[:1].islower() or _strip(p)[:1] in ",;:"))
                     or (_TITLE_DOT.search(prev) and _strip(p)[:1].isalpha())):
            out[-1] = out[-1] + p  # pysbd keeps the white space between its parts
        else:
            out.append(p)
    return out


def segment(text: str, *, max_chars: int = 5000) -> list[Segment]:
    """Sentences of ``text``, in order, without surrounding white space.

    A sentence longer than ``max_chars`` is cut at white space so that no single piece
    overwhelms the checkers (it is still processed, never dropped).
    """
    out: list[Segment] = []
    for m in _LINE.finditer(text):
        line, base = m.group(), m.start()
        if not _strip(line):
            continue
        cursor = 0
        for part in _split_line(line):
            stripped = _strip(part)
            pos = line.find(stripped, cursor)
            if pos < 0:  # pysbd altered the text: fall back to the regex for this line
                out.extend(_regex_segments(line[cursor:], base + cursor))
                cursor = len(line)
                break
            end = pos + len(stripped)
            out.extend(_cut(stripped, base + pos, max_chars))
            cursor = end
        rest = line[cursor:]
        if _strip(rest):
            out.extend(_regex_segments(rest, base + cursor))
    return out


def _regex_segments(chunk: str, base: int) -> list[Segment]:
    out = []
    pos = 0
    for piece in _FALLBACK.split(chunk) + [""]:
        piece = _strip(piece)
        if not piece:
            continue
        i = chunk.find(piece, pos)
        out.append(Segment(base + i, base + i + len(piece), piece))
        pos = i + len(piece)
    return out


def _cut(sentence: str, base: int, max_chars: int) -> list[Segment]:
    if len(sentence) <= max_chars:
        return [Segment(base, base + len(sentence), sentence)]
    out = []
    start = 0
    while start < len(sentence):
        end = min(len(sentence), start + max_chars)
        if end < len(sentence):
            space = sentence.rfind(" ", start + 1, end)
            if space > start:
                end = space
        piece = sentence[start:end]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            out.append(Segment(base + start + lead, base + start + lead + len(piece), piece))
        start = end
    return out
