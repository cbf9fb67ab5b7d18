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


#: What ``--language auto`` chooses from.
VARIANTS = ("en-US", "en-GB")
_ISE = re.compile(r"(?i)^([a-z]{3,})is(e|es|ed|ing|ation|ations)$")
_IZE = re.compile(r"(?i)^([a-z]{3,})iz(e|es|ed|ing|ation|ations)$")
#: -ize words whose -ise spelling is another word or none (size, seize, prize: not a variant).
_NOT_IZE = frozenset({"seize", "seized", "seizes", "seizing", "prize", "prizes", "prized", "capsize", "capsized"})


@functools.lru_cache(maxsize=1)
def _variant_pairs() -> dict[str, str]:
    from .ruledata import lower_wordlist

    out: dict[str, str] = {}
    for entry in lower_wordlist("spelling_variants"):
        british, american = entry.split()
        out[british], out[american] = "en-GB", "en-US"
    return out


@functools.lru_cache(maxsize=100_000)
def _spelling_vote(word: str) -> str | None:
    """'en-GB', 'en-US' or None for one lower-case word."""
    from wordfreq import zipf_frequency

    found = _variant_pairs().get(word)
    if found:
        return found
    m = _ISE.match(word)
    if m and zipf_frequency(f"{m.group(1)}iz{m.group(2)}", "en") >= 2.0:
        return "en-GB"  # organised, criticise, privatisation (not rise, wise, promise: no -ize word)
    m = _IZE.match(word)
    if m and word not in _NOT_IZE and zipf_frequency(f"{m.group(1)}is{m.group(2)}", "en") >= 2.0:
        return "en-US"
    return None


def spelling_votes(text: str) -> dict[str, int]:
    """How many words of ``text`` are spelled the British way and how many the American way.

    >>> spelling_votes("The programme's colour and organisation were criticised; the center agreed.")
    {'en-US': 1, 'en-GB': 4}
    """
    votes = dict.fromkeys(VARIANTS, 0)
    for w in _WORD.findall(text):
        word = w.lower().split("'")[0].split("’")[0]
        v = _spelling_vote(word)
        if v:
            votes[v] += 1
    return votes


def english_variant(text: str, choice: str = "auto") -> str:
    """The English variant to check ``text`` with: ``choice`` itself unless it is ``auto``, which
    picks the variant most of the text's own spellings (colour/color, -ise/-ize, centre/center
    ...) belong to; en-US when none tells, or on a tie.

    >>> english_variant("The programme's colour and organisation were criticised.")
    'en-GB'
    >>> english_variant("The program's color was criticized."), english_variant("No clue here.")
    ('en-US', 'en-US')
    >>> english_variant("The colour.", "en-US")
    'en-US'
    """
    if choice != "auto":
        if choice not in VARIANTS:
            raise ValueError(f"unknown English variant {choice!r} (known: {', '.join(VARIANTS)}, auto)")
        return choice
    votes = spelling_votes(text)
    return "en-GB" if votes["en-GB"] > votes["en-US"] else "en-US"
