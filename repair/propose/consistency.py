"""Article-wide consistency: one name spelled several ways in one text is made consistent.

Only capitalised names are considered (a word written with a capital where a sentence does not
start, or a name the phrasebook knows), never a word the text also uses in lower case. Two
spellings are one name when

* they differ only in capitals ("KYIV" / "Kyiv"),
* the phrasebook lists them as the same name ("Kiev" is a listed variant of "Kyiv"), or
* they have the same transliteration skeleton (``y``/``i``, ``kh``/``h``, ``ts``/``c``, doubled
  letters ...: "Zelensky" / "Zelenskiy" / "Zelenskyy"), for names of five letters or more.

The chosen spelling is the phrasebook's house spelling where one exists, otherwise the most
frequent spelling in the text (shouting capitals never vote while another form exists). Capitals in
a line that is all capitals (a headline) and a sentence's first word in capitals (a dateline) are
left alone. A known place or person in capitals mid-sentence is given its house spelling even when
the text has no other spelling of it ("accused ISRAEL of" -> "Israel", "SAUDI ARABIA" -> "Saudi
Arabia"). Each change is one edit whose message
names the chosen spelling, why it was chosen and the other spellings seen.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import BaseProposer
from ..records import Edit
from ..ruledata import wordlist
from ..text import FUNCTION_WORDS, fold, tokenize, zipf

if TYPE_CHECKING:
    from .phrasebook import Phrasebook

#: Confidence by the reason a spelling was chosen (applied at the default 0.8 when at least 0.8).
CONFIDENCE = {"house": 0.9, "case": 0.85, "inflected": 0.8, "majority": 0.8, "plurality": 0.55}
#: Case endings a Slavic source leaves on a name ("According to Dr Nowaka" for "Nowak", Polish
#: genitive): a form that is another form of the text plus one of these is the same name. Not a
#: woman's surname ("Petrova" is another person than "Petrov": -a after -ov, -ev, -in).
CASE_ENDINGS = ("owi", "ovi", "iem", "ego", "emu", "em", "om", "ym", "a", "u")
#: Case forms that change the name's last letters, as (the name's ending, the form's ending):
#: Ukrainian and Russian surnames in -ko ("Kovalenko": "Kovalenka", "Kovalenku", "Kovalenkom")
#: and the Romanian genitive of a name in -a ("Maria": "Mariei").
CASE_CHANGES = (("ko", "kom"), ("ko", "ka"), ("ko", "ku"), ("a", "ei"))
#: The name itself has at least this many letters ("Jan" and "Jana" are two people).
CASE_BASE_LETTERS = 5
#: Names rarer than this (wordfreq Zipf) are transliterations English has no one spelling for:
#: two of them one letter apart in one text are suggested as one name (:func:`_one_letter_apart`).
TRANSLITERATED_ZIPF = 3.0
#: A word this common in English (wordfreq Zipf scale) is never treated as a name.
COMMON_ZIPF = 5.5
_SKELETON_RULES = (("kh", "h"), ("zh", "j"), ("tch", "ch"), ("tz", "c"), ("ts", "c"), ("ck", "k"),
                   ("ph", "f"), ("w", "v"), ("ou", "u"), ("x", "ks"), ("y", "i"), ("ie", "i"))


def skeleton(word: str) -> str:
    """The transliteration skeleton of a name.

    >>> {skeleton(w) for w in ("Zelensky", "Zelenskiy", "Zelenskyy", "ZELENSKII")}
    {'zelenski'}
    >>> skeleton("Iran") == skeleton("Iraq")
    False
    """
    s = re.sub(r"[^a-z]", "", fold(word))
    for a, b in _SKELETON_RULES:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


@dataclass
class _Occurrence:
    start: int
    end: int
    text: str
    shouting: bool  # all capitals in a mixed-case sentence
    first: bool  # the first word of its sentence, or in its opening run of capitals (a dateline: MOSCOW, Russia (AP) -)


def _headline(text: str) -> bool:
    """Mostly capital letters: a headline written in capitals."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _occurrences(doc) -> tuple[dict[str, list[_Occurrence]], set[str], set[str]]:
    """Capitalised words by surface form; the forms seen mid-sentence; the lower-case words."""
    forms: dict[str, list[_Occurrence]] = defaultdict(list)
    mid: set[str] = set()
    lower: set[str] = set()
    for seg in doc.segments:
        headline = _headline(seg.text)
        # the sentence's first word, and the words in capitals after it up to punctuation: a
        # dateline of several words ("BUON MA THUOT, Vietnam -") is one place name
        first, started = True, False
        for t in tokenize(seg.text, seg.start):
            if not t.word:
                first = first and not started
                continue
            if t.text[:1].islower():
                lower.add(t.norm)
            elif (len(t.text) >= 3 and t.text.replace("-", "").isalpha() and t.norm not in FUNCTION_WORDS
                    and not (headline and t.text.isupper())):
                forms[t.text].append(_Occurrence(t.start, t.end, t.text, t.text.isupper(), first))
                if not first:
                    mid.add(t.text)
            first = first and t.text.isupper()
            started = True
    return forms, mid, lower


def _shouted_names(doc, book: Phrasebook) -> list[Edit]:
    """Known places and people written in capitals mid-sentence (``accused ISRAEL of``, ``talks
    hosted by SAUDI ARABIA``): the name takes its house spelling, even where the text has no other
    spelling of it. Never a sentence's first word (a dateline: ``NEW YORK (AP) -``), a headline
    in capitals, or an acronym (``words/acronyms.yaml``)."""
    out: list[Edit] = []
    idx = book.index
    acronyms = wordlist("acronyms")
    for seg in doc.segments:
        if _headline(seg.text):
            continue
        toks = [t for t in tokenize(seg.text, seg.start) if t.word]
        i = 1
        while i < len(toks):
            run = i
            while run < len(toks) and toks[run].text.isupper() and len(toks[run].text) >= 2:
                run += 1
            step = 1
            for L in range(min(run - i, idx.max_len), 0, -1):
                span = toks[i:i + L]
                original = doc.text[span[0].start:span[-1].end]
                if L == 1 and (len(original) < 3 or original in acronyms):
                    continue
                forms = idx.exact.get(tuple(t.norm for t in span), [])
                house = next((f.entry for f in forms if f.entry.kind in ("place", "name") and not f.variant), None)
                if house is not None and house.canonical.upper() == original and house.canonical != original:
                    out.append(Edit(span[0].start, span[-1].end, original, house.canonical, source="consistency",
                                    rule="consistency.name.house", confidence=CONFIDENCE["house"],
                                    message=f"a name in capitals: '{house.canonical}' is house spelling from "
                                            f"the phrasebook ({house.kind}, {house.domain})"))
                    step = L
                    break
            i += step
    return out


def propose(doc, book: Phrasebook | None) -> list[Edit]:
    """Edits that make every spelling of a name the house (or majority) spelling."""
    forms, mid, lower = _occurrences(doc)
    names = {}
    for form in forms:
        house = book.house_spelling(form) if book is not None else None
        if fold(form) in lower:
            continue
        if house is None and zipf(form) >= COMMON_ZIPF:
            continue
        names[form] = house
    # union the forms that are one name
    parent = {f: f for f in names}

    def find(f: str) -> str:
        while parent[f] != f:
            parent[f] = parent[parent[f]]
            f = parent[f]
        return f

    keys: dict[str, str] = {}
    for form, house in names.items():
        for key in (f"fold:{fold(form)}", f"house:{house.canonical}" if house else None,
                    f"skel:{skeleton(form)}" if len(form) >= 5 else None):
            if key is None:
                continue
            if key in keys:
                parent[find(form)] = find(keys[key])
            else:
                keys[key] = form
    # a letter more, less or swapped in a transliterated name English does not know (Al-Harthi /
    # Al-Harithi, Lindkvist / Lindqvist): one name, but only suggested; known names that differ so
    # are two (Michael / Michel, Marin / Marian)
    vowelled: set[str] = set()
    long_forms = [f for f in names if len(f) >= 6 and not f.isupper() and zipf(f) < TRANSLITERATED_ZIPF]
    for i, a in enumerate(long_forms):
        for b in long_forms[i + 1:]:
            if find(a) != find(b) and _one_letter_apart(a, b):
                parent[find(a)] = find(b)
                vowelled.update((a, b))
    inflected = {}
    for form in names:
        base = inflected_base(form, names)
        if base is not None:
            inflected[form] = base
            parent[find(form)] = find(base)
    groups: dict[str, list[str]] = defaultdict(list)
    for form in names:
        groups[find(form)].append(form)
    out: list[Edit] = []
    for members in groups.values():
        # a group needs a spelling seen mid-sentence, in capitals or in the phrasebook: a word
        # that only ever starts sentences may be an ordinary word
        if len(members) < 2 or not any(m in mid or m.isupper() or names[m] for m in members):
            continue
        out.extend(_unify(members, names, forms, inflected, vowelled))
    if book is not None:  # names in capitals that no other spelling in the text accounts for
        done = [(e.start, e.end) for e in out]
        out += [e for e in _shouted_names(doc, book) if not any(a < e.end and e.start < b for a, b in done)]
    out.sort(key=lambda e: e.start)
    return out


def inflected_base(form: str, names) -> str | None:
    """The name ``form`` is, with a source language's case ending (:data:`CASE_ENDINGS`) taken
    off or its changed ending put back (:data:`CASE_CHANGES`), when that name is also in ``names``
    ("Nowaka" -> "Nowak", "Kovalenka" -> "Kovalenko"); the inflected form must be rarer in
    English than the name ("Romana" is a word of its own)."""
    if not form[:1].isupper() or form.isupper():
        return None
    for ending in CASE_ENDINGS:
        base = form[:-len(ending)]
        if ending == "a" and base.endswith(("ov", "ev", "in", "yn", "sky", "skiy")):
            continue  # a woman's surname: Petrov, Petrova
        if form.endswith(ending) and _is_case_form(form, base, names):
            return base
    for name_end, form_end in CASE_CHANGES:
        base = form[:-len(form_end)] + name_end
        if form.endswith(form_end) and _is_case_form(form, base, names):
            return base
    return None


def _is_case_form(form: str, base: str, names) -> bool:
    return len(base) >= CASE_BASE_LETTERS and base in names and zipf(form) < 2.5 and zipf(form) <= zipf(base)


#: Letters transliterations and Nordic spellings swap inside a name (Lindkvist / Lindqvist).
_SWAPPED = frozenset({frozenset("kq"), frozenset("ck"), frozenset("vw"), frozenset("iy"), frozenset("sz")})


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether two spellings of a name differ by one vowel more or less, one vowel for another, or
    one letter of a pair transliterations swap (k/q, c/k, v/w, i/y, s/z), inside the name (not at
    either end: ``Petrov`` / ``Petrova`` are two people).

    >>> _one_letter_apart("Al-Harthi", "Al-Harithi"), _one_letter_apart("Lindkvist", "Lindqvist")
    (True, True)
    >>> _one_letter_apart("Petrov", "Petrova"), _one_letter_apart("Kowalski", "Kowalska"), _one_letter_apart("Marton", "Martin")
    (False, False, True)
    """
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) != 1 or not 0 < diff[0] < len(a) - 1:
            return False
        x, y = a[diff[0]].lower(), b[diff[0]].lower()
        return (x in "aeiou" and y in "aeiou") or frozenset((x, y)) in _SWAPPED
    short, long_ = sorted((a, b), key=len)
    if len(long_) != len(short) + 1:
        return False
    for i in range(1, len(short)):
        if long_[i] != short[i]:
            return long_[i].lower() in "aeiou" and long_[:i] + long_[i + 1:] == short
    return False


def _unify(members: list[str], names: dict, forms: dict[str, list[_Occurrence]],
           inflected: dict[str, str] | None = None, vowelled: set[str] = frozenset()) -> list[Edit]:
    counts = Counter({m: len(forms[m]) for m in members})
    house = next((names[m] for m in members if names[m] is not None), None)
    voters = Counter({m: c for m, c in counts.items() if not m.isupper()}) or counts
    bases = {(inflected or {}).get(m, m) for m in members}
    if house is not None:
        target, reason = house.canonical, "house"
        why = f"house spelling from the phrasebook ({house.kind}, {house.domain})"
    elif len(bases) == 1 and bases <= set(members):
        (target,) = bases
        reason = "inflected"
        why = "the name itself: the other forms keep a case ending of the source language"
    else:
        ranked = voters.most_common()
        target, top = ranked[0]
        ties = [m for m, c in ranked if c == top]
        if len(ties) > 1:  # a tie: the spelling that comes first in the text
            target = min(ties, key=lambda m: forms[m][0].start)
        total = sum(voters.values())
        if all(fold(m) == fold(target) for m in members):
            reason = "case"
            why = "the spelling used elsewhere in the text"
        elif vowelled & set(members):
            reason = "plurality"
            why = f"the most frequent spelling, or the first ({top} of {total}; spelt one letter apart, so only suggested)"
        elif top >= 2 and top * 3 >= total * 2:
            reason = "majority"
            why = f"the majority spelling ({top} of {total})"
        else:
            reason = "plurality"
            why = f"the most frequent spelling ({top} of {total})"
    others = ", ".join(f"{m} ×{counts[m]}" for m in sorted(members, key=lambda m: -counts[m]) if m != target)
    message = f"one name, several spellings: '{target}' is {why}; this text also has {others}"
    out = []
    for m in members:
        if m == target:
            continue
        conf = CONFIDENCE["case"] if fold(m) == fold(target) and reason != "house" else CONFIDENCE[reason]
        for occ in forms[m]:
            if occ.shouting and occ.first:
                continue  # a dateline in capitals is news style (MOSCOW (Reuters) -)
            out.append(Edit(occ.start, occ.end, occ.text, target, source="consistency",
                            rule=f"consistency.name.{reason}", confidence=conf, message=message))
    return out


class ConsistencyProposer(BaseProposer):
    """The ``consistency`` proposer: one spelling per name in a text (house spellings from the
    phrasebook), and a person's pronoun as the text itself genders that person (:mod:`.pronouns`)."""

    name = "consistency"

    def propose(self, doc) -> list[Edit]:
        from . import pronouns

        names = propose(doc, self.repairer.phrasebook)
        taken = [(e.start, e.end) for e in names]
        return sorted(names + [e for e in pronouns.propose(doc) if not any(a < e.end and e.start < b for a, b in taken)],
                      key=lambda e: e.start)
