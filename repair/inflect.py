"""English verb forms, enough to recognise a head verb in the text's tense and to put another verb in it.

Irregular verbs come from ``rules/words/irregular_verbs.yaml``; the rest follow the spelling rules
(stop -> stopped, try -> tries). Where the rules allow two spellings, the one :func:`repair.text.zipf`
finds more frequent wins.

>>> sorted(forms("take"))
['take', 'taken', 'takes', 'taking', 'took']
>>> form_of("took"), inflect("turn", "past"), inflect("carry", "3sg"), inflect("stop", "ing")
('past', 'turned', 'carries', 'stopping')

Nouns have their number too: :func:`plural` spells a count noun's plural and :func:`singulars` the
spellings a plural may come from.

>>> plural("city"), plural("tax"), plural("bus"), plural("day"), plural("child"), plural("inch")
('cities', 'taxes', 'buses', 'days', 'children', 'inches')
>>> singulars("prices"), singulars("cities"), singulars("taxes"), singulars("people")
(['price'], ['city'], ['tax', 'taxe'], ['person'])
"""

from __future__ import annotations

import functools

from .ruledata import wordlist
from .text import zipf

_VOWELS = set("aeiou")

#: Nouns whose plural the spelling rules do not give.
_IRREGULAR_NOUNS = {"person": "people", "child": "children", "man": "men", "woman": "women", "foot": "feet",
                    "tooth": "teeth", "mouse": "mice", "goose": "geese"}
_IRREGULAR_SINGULARS = {v: k for k, v in _IRREGULAR_NOUNS.items()}


@functools.lru_cache(maxsize=1)
def _irregular() -> tuple[dict[str, dict[str, tuple[str, ...]]], dict[str, tuple[str, str]]]:
    """(base -> {"past": (...), "part": (...)}, form -> (base, kind))."""
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    reverse: dict[str, tuple[str, str]] = {}
    for line in wordlist("irregular_verbs"):
        base, past, part = line.split()
        table[base] = {"past": tuple(past.split("/")), "part": tuple(part.split("/"))}
        for kind in ("part", "past"):
            for f in table[base][kind]:
                if f != base:
                    reverse[f] = (base, kind)
    return table, reverse


def _regular(base: str, kind: str) -> list[str]:
    """Candidate spellings of a regular form (several where doubling the last consonant is possible)."""
    b = base
    if kind == "base":
        return [b]
    if kind == "3sg":
        if b.endswith(("s", "x", "z", "ch", "sh", "o")):
            return [b + "es"]
        if b.endswith("y") and len(b) > 1 and b[-2] not in _VOWELS:
            return [b[:-1] + "ies"]
        return [b + "s"]
    doubled = (len(b) >= 3 and b[-1] not in _VOWELS | {"w", "x", "y"} and b[-2] in _VOWELS
               and b[-3] not in _VOWELS)
    if kind in ("past", "part"):
        if b.endswith("e"):
            return [b + "d"]
        if b.endswith("y") and len(b) > 1 and b[-2] not in _VOWELS:
            return [b[:-1] + "ied"]
        return [b + "ed"] + ([b + b[-1] + "ed"] if doubled else [])
    if kind == "ing":
        if b.endswith("ie"):
            return [b[:-2] + "ying"]
        if b.endswith("e") and not b.endswith(("ee", "ye", "oe")):
            return [b[:-1] + "ing"]
        return [b + "ing"] + ([b + b[-1] + "ing"] if doubled else [])
    raise ValueError(f"unknown verb form {kind!r}")


def irregular_verbs() -> tuple[dict[str, dict[str, tuple[str, ...]]], dict[str, tuple[str, str]]]:
    """The irregular verbs of ``rules/words/irregular_verbs.yaml``: (base -> {"past": (...),
    "part": (...)}, each past or participle -> (base, "past" or "part"))."""
    return _irregular()


def regular_forms(base: str, kind: str) -> list[str]:
    """The regular spellings of ``base``'s form ``kind`` ("base", "3sg", "past", "part", "ing");
    several where the last consonant may be doubled ("plan" -> "planed", "planned")."""
    return _regular(base, kind)


def past_form(word: str) -> bool:
    """Whether ``word`` (lower case) reads as a past tense or participle: an irregular one, or a
    regular ``-ed`` ("rejected", "said", "built"; not "red", "bed")."""
    return word in _irregular()[1] or (len(word) > 4 and word.endswith("ed"))


def forms(base: str) -> frozenset[str]:
    """Every form of the verb ``base`` (all candidate spellings of the regular ones)."""
    table, _ = _irregular()
    out = {base}
    for kind in ("3sg", "ing"):
        out.update(_regular(base, kind) if base != "be" else ())
    if base in table:
        out.update(table[base]["past"] + table[base]["part"])
    else:
        out.update(_regular(base, "past"))
    if base == "be":
        out.update({"is", "are", "am", "being"})
    if base == "have":
        out.discard("haves")
        out.add("has")
    return frozenset(out)


def form_of(word: str) -> str:
    """The form a verb stands in, by its spelling: base, 3sg, past (also participles), ing."""
    _, reverse = _irregular()
    w = word.lower()
    if w in reverse:
        return reverse[w][1] if reverse[w][1] == "past" else "part"
    if w.endswith("ing") and len(w) > 4:
        return "ing"
    if w.endswith("ed") and len(w) > 3:
        return "past"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 2:
        return "3sg"
    return "base"


def inflect(base: str, kind: str) -> str:
    """``base`` in the form ``kind`` (base, 3sg, past, part, ing)."""
    table, _ = _irregular()
    if kind == "base":
        return base
    if base in table and kind in ("past", "part"):
        return table[base][kind][0]
    if base == "have" and kind == "3sg":
        return "has"
    if kind == "part":
        kind = "past"
    options = _regular(base, kind)
    return max(options, key=zipf) if len(options) > 1 else options[0]


def plural(noun: str) -> str:
    """The plural of the count noun ``noun`` (lower case) by the spelling rules: ``city`` ->
    ``cities``, ``tax`` -> ``taxes``, ``day`` -> ``days``; ``child`` -> ``children`` and the
    other irregular ones from a short table. Whether the noun counts at all is the caller's question."""
    if noun in _IRREGULAR_NOUNS:
        return _IRREGULAR_NOUNS[noun]
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in _VOWELS:
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def singulars(word: str) -> list[str]:
    """The singulars the plural ``word`` (lower case) may be spelled from, the rule's first:
    ``prices`` -> ``price``, ``cities`` -> ``city``, ``taxes`` -> ``tax`` or ``taxe``. Empty for a
    word that is no plural by its spelling. The caller picks the one that is a word."""
    if word in _IRREGULAR_SINGULARS:
        return [_IRREGULAR_SINGULARS[word]]
    if word.endswith("ies") and len(word) > 3:
        return [word[:-3] + "y"]
    if word.endswith(("ses", "xes", "zes", "ches", "shes")):
        return [word[:-2], word[:-1]]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 1:
        return [word[:-1]]
    return []
