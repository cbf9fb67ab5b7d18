"""British and American spellings: the detector does not count either as a rare or misspelt word.

LanguageTool checks one variant (``en-US`` by default) and reports the other one's spellings as
typos ("colour" -> "color", "organise" -> "organize"). Such a match says which English the text is
written in, not that it is garbled, so the detector leaves it out of its signals (the grammar
proposers still see it and decide on their own whether to suggest anything).

>>> spelling_variant("colour", ["color"]), spelling_variant("organised", ["organized"])
(True, True)
>>> spelling_variant("travelled", ["traveled"]), spelling_variant("centre", ["center"])
(True, True)
>>> spelling_variant("alot", ["a lot"]), spelling_variant("recieve", ["receive"])
(False, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: British -> American spelling patterns, applied to both words before they are compared.
_RULES = (
    (re.compile(r"(?<=\w\w)our(?=s?$|ed$|ing$|ite|able|er|ful|less|ism|ist)"), "or"),   # colour, favourite, honourable
    (re.compile(r"([^aeiou])re(?=s?$|d$)"), r"\1er"),                             # centre, theatres, fibre
    (re.compile(r"is(?=e$|es$|ed$|ing$|ation)"), "iz"),                           # organise, realisation
    (re.compile(r"ys(?=e$|es$|ed$|ing$)"), "yz"),                                 # analyse
    (re.compile(r"ogue(?=s?$)"), "og"),                                           # catalogue
    (re.compile(r"([aeiou])ll(?=ed$|ing$|er$|ers$)"), r"\1l"),                    # travelled, modelling
    (re.compile(r"ence(?=s?$)"), "ense"),                                         # defence, licence
    (re.compile(r"mme(?=s?$)"), "m"),                                             # programme
    (re.compile(r"ae"), "e"),                                                     # paediatric, anaemia
    (re.compile(r"oe(?=[^s]|$)"), "e"),                                           # oestrogen, manoeuvre
    (re.compile(r"^grey"), "gray"),
    (re.compile(r"^tyre"), "tire"),
    (re.compile(r"ium$"), "um"),                                                  # aluminium
    (re.compile(r"^mould"), "mold"),
)


def _canonical(word: str) -> str:
    w = word.lower().replace("’", "'")
    for pattern, repl in _RULES:
        w = pattern.sub(repl, w)
    return w


def spelling_variant(word: str, suggestions: Iterable[str]) -> bool:
    """Is ``word`` the other variant's spelling of one of the first ``suggestions``?"""
    w = _canonical(word)
    for s in list(suggestions)[:3]:
        if s.lower() != word.lower() and " " not in s and _canonical(s) == w:
            return True
    return False
