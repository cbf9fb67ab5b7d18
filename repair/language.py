"""Is this English? Non-English text is detected and left alone (with a notice).

A word votes "English" when it is at least as frequent in English as in any of a few common
languages MT is made from (wordfreq; the other languages' small lists, which load in a tenth
of the time of the full ones and hold every word frequent enough to decide a vote); text in a
non-Latin script votes by its letters.

>>> guess_language("The committee approved the budget on Tuesday.")[0]
'en'
>>> guess_language("Le comité a approuvé le budget mardi dernier.")[0]
'fr'
"""

from __future__ import annotations

import functools
import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
OTHERS = ("fr", "de", "es", "it", "pt", "nl", "ro", "ru", "pl", "sv", "tr", "fi")
#: A text with fewer English-voting words than this share counts as non-English.
ENGLISH_SHARE = 0.4
MIN_WORDS = 4


@functools.lru_cache(maxsize=200_000)
def _vote(word: str) -> str:
    from wordfreq import zipf_frequency

    w = word.lower()
    en = zipf_frequency(w, "en")
    best, best_lang = en, "en"
    for lang in OTHERS:
        z = zipf_frequency(w, lang, wordlist="small")
        if z > best + 0.5:
            best, best_lang = z, lang
    return best_lang


def _script(text: str) -> tuple[int, int]:
    latin = other = 0
    for ch in text:
        if ch.isalpha():
            if "LATIN" in unicodedata.name(ch, ""):
                latin += 1
            else:
                other += 1
    return latin, other


def guess_language(text: str) -> tuple[str, float]:
    """(language code, share of the words that voted for it). 'en' when unsure or too short."""
    latin, other = _script(text)
    if other > 2 * max(latin, 1) and other >= 10:
        return "und", other / (latin + other)
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return "en", 1.0
    counts: dict[str, int] = {}
    for w in words:
        v = _vote(w)
        counts[v] = counts.get(v, 0) + 1
    english = counts.pop("en", 0) / len(words)
    if english < ENGLISH_SHARE and counts:
        lang, n = max(counts.items(), key=lambda kv: kv[1])
        return lang, n / len(words)
    return "en", english
