"""Text helpers shared by the proposers and rule hooks: tokens, folding, stems, articles, word frequencies.

Proposers import these from here, never from one another.

>>> [t.text for t in tokenize("Kiev’s peace-keeping force.")]
['Kiev', 'peace-keeping', 'force', '.']
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass



_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+(?:['’][^\W_]+)*)*|[^\w\s]", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")

#: Function words: never anchors, and the only words a ``function`` near-miss may differ in.
FUNCTION_WORDS = frozenset("""
a an the this that these those some any each every no all both either neither such
of in on at to for from by with without into onto upon about against between among through during
before after above below under over across along around behind beyond near off out up down via per
than as like unlike within toward towards amid despite
and or but nor so yet if then because while although though whether
i me my mine you your yours he him his she her hers it its we us our ours they them their theirs
who whom whose which what where when why how
is are was were be been being am do does did done have has had having will would shall should
can could may might must
not very too also just only even still already
""".split())

#: Month and weekday names, lower case: capitalised words that are no name ("the president Tuesday").
MONTHS_AND_DAYS = frozenset("""january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday""".split())


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int  # the end of the word without a possessive ('s)
    text: str  # the surface form without a possessive
    word: bool  # False for punctuation
    norm: str  # case- and accent-folded
    stem: str
    content: bool
    possessive: bool = False


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def fold(s: str) -> str:
    """Case-, accent-, apostrophe- and space-folded form used for exact look-ups.

    >>> fold("Palace of  the ÉLYSÉE")
    'palace of the elysee'
    """
    return " ".join(strip_accents(s).replace("’", "'").lower().split())


def stem(norm: str) -> str:
    """A crude English stem: enough to equate inflections, never shown to anyone.

    >>> [stem(w) for w in ("guarantees", "guaranteed", "forces", "talks", "policies", "running")]
    ['guarant', 'guarant', 'forc', 'talk', 'policy', 'run']
    """
    w = norm
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "ches", "shes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    elif w.endswith("ing") and len(w) > 5:
        w = w[:-3]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    if len(w.rstrip("e")) >= 3:
        w = w.rstrip("e")
    return w


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Words (with hyphens and apostrophes inside) and punctuation marks, with offsets + ``base``."""
    out = []
    for m in _TOKEN.finditer(text):
        s = m.group()
        if s[0].isalnum():
            core = _POSSESSIVE.sub("", s) if len(s) > 2 and s[-2:].lower() in ("'s", "’s") else s
            norm = strip_accents(core.replace("’", "'")).lower()
            out.append(Token(base + m.start(), base + m.start() + len(core), core, True, norm, stem(norm),
                             norm not in FUNCTION_WORDS and not norm.isdigit(), core != s))
        else:
            out.append(Token(base + m.start(), base + m.end(), s, False, s, s, False))
    return out


_VOWEL_SOUND_EXCEPTIONS = ("hour", "honest", "honour", "honor", "heir", "herb")
_CONSONANT_SOUND_EXCEPTIONS = ("uni", "use", "usu", "uti", "ura", "eu", "ewe", "one", "once", "ubi", "uk", "us ")
_INITIALISM_VOWEL = set("AEFHILMNORSX")


def indefinite_article(word: str) -> str:
    """'a' or 'an' for the word that follows (by sound, with the usual exceptions).

    >>> [indefinite_article(w) for w in ("reassurance", "assurance", "hour", "union", "FBI", "NATO", "8-year")]
    ['a', 'an', 'an', 'a', 'an', 'a', 'an']
    >>> [indefinite_article(w) for w in ("84-year-old", "11", "18,000", "180", "110", "1,800", "8")]
    ['an', 'an', 'an', 'a', 'a', 'a', 'an']
    """
    w = word.strip("“”\"'‘’([")
    if not w:
        return "a"
    if w[0].isdigit():
        # said "eight...", "eighty-four", "eleven", "eighteen (thousand)"; not "a hundred and ten"
        return "an" if re.match(r"8|1[18](?:[^\d,]|$|,\d{3}(?!\d))", w) else "a"
    core = re.split(r"[-\s]", w)[0]
    if core.isupper() and len(core) > 1:
        if len(core) < 4 or not any(c in "AEIOU" for c in core[1:3]):  # an initialism, said letter by letter
            return "an" if core[0] in _INITIALISM_VOWEL else "a"
    low = strip_accents(core).lower()
    if low.startswith(_VOWEL_SOUND_EXCEPTIONS):
        return "an"
    if low.startswith(_CONSONANT_SOUND_EXCEPTIONS) or low == "us":
        return "a"
    return "an" if low[:1] in "aeiou" else "a"


# --------------------------------------------------------------------------- frequencies


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English: 0 unknown, 3 rare-ish, ~7 for 'the'."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


LN10 = 2.302585092994046  # ln 10: Zipf is log10 of frequency per billion words


def unigram_gain(old: str, new: str) -> float:
    """How much more probable ``new``'s words are than ``old``'s on their own (natural log, from
    their Zipf frequencies; Zipf 9 is probability 1): what a language model's preference for a
    change owes to frequency alone. A dropped word gains its own cost.

    >>> round(unigram_gain("the", "the"), 6)
    0.0
    >>> unigram_gain("of", "off") < 0
    True
    """
    def logprob(phrase: str) -> float:
        return LN10 * sum(zipf(w) - 9 for w in phrase.lower().split())

    return logprob(new) - logprob(old)



def margin_of(before: float, after: float, old: str, new: str) -> float:
    """Log-probability a language model gains from a change of ``old`` to ``new`` (the sentence's
    totals ``before`` and ``after``), less what the words' frequencies explain."""
    return after - before - unigram_gain(old, new)


#: The prepositions translations mix up (in / on / at for place and time, to / for for purpose,
#: of / for / from / about for relation, with / by for means).
PREPOSITIONS = ("in", "on", "at", "to", "for", "of", "with", "by", "from", "about", "into")


def preposition_swap(original: str, replacement: str) -> tuple[str, str] | None:
    """(old, new) when ``replacement`` is ``original`` with one preposition put for another.

    >>> preposition_swap("accuse the government for", "accuse the government of")
    ('for', 'of')
    >>> preposition_swap("suffer of", "suffer with"), preposition_swap("in", "inside"), preposition_swap("from", "From")
    (('of', 'with'), None, None)
    """
    a, b = original.split(), replacement.split()
    if len(a) != len(b) or [x for x, y in zip(a, b) if x != y and x.lower() == y.lower()]:
        return None  # a change of letter case is no swap ("from" -> "From")
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    if len(diff) == 1 and all(w.lower() in PREPOSITIONS for w in diff[0]):
        return diff[0]
    return None


#: Words that sound alike or are one letter apart and that a translation or a typist puts for
#: each other; LanguageTool has rules for most (THERE_THEIR, THAN_THEN, IT_IS ...).
CONFUSABLES = frozenset(frozenset(p) for p in (
    ("there", "their"), ("their", "they're"), ("there", "they're"), ("than", "then"), ("its", "it's"),
    ("your", "you're"), ("whose", "who's"), ("lose", "loose"), ("weather", "whether"), ("affect", "effect"),
    ("quite", "quiet"), ("accept", "except"), ("advice", "advise"), ("passed", "past"), ("were", "where")))


#: Adverbs of frequency, which English puts before a lexical verb ("she often works") and after
#: "be" or an auxiliary ("they are usually", "she has often").
FREQUENCY_ADVERBS = frozenset("often always usually never rarely sometimes frequently seldom normally generally".split())
_AUXILIARIES = frozenset("""am is are was were be been being has have had do does did will would can could shall
should may might must""".split())


def word_swap(original: str, replacement: str) -> tuple[str, str] | None:
    """(old, new) when ``replacement`` is ``original`` with one preposition put for another
    (:func:`preposition_swap`), one word of a confusable pair (:data:`CONFUSABLES`) for the other,
    or an adverb of frequency (:data:`FREQUENCY_ADVERBS`) put before the lexical verb it followed.

    >>> word_swap("reduce there orders", "reduce their orders"), word_swap("for", "of")
    (('there', 'their'), ('for', 'of'))
    >>> word_swap("There", "Their"), word_swap("there", "three")
    (('There', 'Their'), None)
    >>> word_swap("works often", "often works"), word_swap("usually are", "are usually")
    (('works often', 'often works'), None)
    """
    swap = preposition_swap(original, replacement)
    if swap is not None:
        return swap
    a, b = original.split(), replacement.split()
    if len(a) == 2 and a == b[::-1] and a[1].lower() in FREQUENCY_ADVERBS and a[0].lower() not in _AUXILIARIES:
        return original, replacement  # a frequency adverb put before its lexical verb ("works often")
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    if len(a) == len(b) and len(diff) == 1 and frozenset(w.lower() for w in diff[0]) in CONFUSABLES:
        return diff[0]
    return None


def marks(text: str) -> int:
    """The diacritical marks in ``text`` ("élysée": 2, "Elysée": 1)."""
    return sum(1 for c in unicodedata.normalize("NFD", text) if unicodedata.combining(c))


#: Letters beyond a-z that English writes in loanwords ("café", "façade", "naïve", "jalapeño",
#: "smörgåsbord", "œuvre"): a word with any other Latin letter ("nádraží", "straße", "kuća") is not
#: English (rules/artifacts/leaks.yaml, artifact.leak.untranslated, has the same letters).
LOANWORD_LETTERS = frozenset("éèêëàâäçîïôöûüùñáíóúåæøœ")


def foreign_word(word: str) -> bool:
    """A lower-case word with a Latin letter English writes in no loanword: left untranslated,
    not a misspelling of an English word.

    >>> foreign_word("nádraží"), foreign_word("straße"), foreign_word("café"), foreign_word("Škoda"), foreign_word("μm")
    (True, True, False, False, False)
    """
    if not word[:1].islower():
        return False
    return any(c.islower() and not ("a" <= c <= "z") and c not in LOANWORD_LETTERS
               and unicodedata.name(c, "").startswith("LATIN") for c in word)

