"""Idiom near-misses: a calqued idiom ("behind closed gates", "took the word") put back into its
English form, when a language model finds the English form clearly more probable.

The idioms are Wiktionary's (installed by ``repair setup``, see :mod:`repair.backends.idioms`)
plus the idioms and collocations of the phrasebook (``rules/phrasebook``), those of three words or
more. Their placeholders ("one's", "someone's", "someone", "oneself") match what the text has
there (a possessive, one to three words, a reflexive pronoun), and the head verb of a verb idiom
matches in any tense ("took the word" is "take the ..."); a phrasebook idiom's possessive
determiner ("the ball is in their court") is a placeholder too.

A window of a sentence is a candidate when it differs from an idiom by exactly one thing:

* ``substitution``: one content word ("behind closed gates" -> "doors"; "the ball is in their
  field" -> "court"); a substituted head verb takes the text's tense;
* ``preposition``: one preposition or article ("in the last minute" -> "at");
* ``article``: one article more or less ("playing with the fire" -> "playing with fire");
* ``possessive``: "the" where the idiom has "one's" ("changed the mind" -> "changed her mind":
  one candidate per possessive, the language model chooses among them);
* ``order``: the idiom's words in another order.

Never proposed: where the text already has an idiom (exactly), inside a short quotation (a
mention), on a capitalised word (a name) that does not start the sentence, a change that only
inflects a word ("in the last minutes" is not "at the last minute" with one slip; a noun for the
idiom's -ing noun is a substitution: "opened the score" -> "the scoring"), a negation, or
a three-word Wiktionary idiom that would keep one content word ("take the X").

The rest is left to the language model: each candidate's sentence is scored with and without the
change, less what the words' frequencies explain (:func:`margins`). A changed preposition, article
or order is applied from :data:`FUNCTION_APPLY_MARGIN`; a substituted word from
:data:`APPLY_MARGIN` when it is close in meaning to the idiom's (:data:`WORD_SIMILARITY`, the
embedding model), looks like it (one letter apart: "top" for "tip") or the phrasebook lists the
calque as a variant. Weaker candidates, from
:data:`SUGGEST_MARGIN`, are suggestions. The numbers come from ``benchmarks/tune/idioms.py`` on MLQE-PE
train (see :data:`APPLY_MARGIN`).
"""

from __future__ import annotations

import functools
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from ..errors import RepairError
from ..inflect import form_of, forms, inflect
from ..records import Edit
from ..text import FUNCTION_WORDS, Token, indefinite_article, tokenize, unigram_gain
from . import BaseProposer

log = logging.getLogger(__name__)

#: The margin of a candidate is how much more probable the language model finds its sentence with
#: the change than without (natural-log probability, total over the sentence), less what the
#: words' own frequencies explain (ln 10 x the difference of their Zipf values: a model prefers
#: "the road" to "the way" anywhere). Calibrated on MLQE-PE train (``benchmarks/tune/idioms.py``, 2,000
#: MT sentences and their 2,000 post-edits): the margin alone lets rare words be swapped for
#: frequent ones ("a war of use" -> "attrition", 13.7 nats), hence the word similarity below.
#:
#: A substituted content word is applied from APPLY_MARGIN when the two words are close in meaning
#: (WORD_SIMILARITY, cosine of their embeddings: gates/doors 0.48, field/court 0.39, use/attrition
#: 0.21), or when the phrasebook lists the calque as a variant of the idiom ("take the word").
#: Applied on that sample (MT / post-edits), margin x similarity: 3.0 x 0 -> 20 / 19; 6.0 x 0 ->
#: 14 / 6; 5.0 x 0.3 -> 6 / 3; 4.0 x 0.38 -> 1 / 0; 5.0 x 0.38 -> 1 / 0; 6.0 x 0.38 -> 0 / 0. None of
#: the MT edits is one the post-editor made (MLQE-PE's MT has next to no idiom calques), and the
#: one applied from 5.0 is wrong ("shot in the car" -> "arm", 5.8), so the margin is 6, the
#: lowest that applies nothing there. (Measured afterwards on all of MLQE-PE dev, a margin of 5
#: applied three wrong ones, 5.2 to 5.7: "state of health" -> "emergency", "went to the heritage"
#: -> "wall", "Short and clear" -> "Loud"; the calques of the test articles score 9 to 19.)
APPLY_MARGIN = 6.0
WORD_SIMILARITY = 0.38
#: A look-alike substitution (:func:`look_alike`, "the top of the iceberg") is applied from
#: APPLY_MARGIN whatever the similarity: none of the 2,000 + 2,000 sentences has one there.
#: A calque the phrasebook lists as a variant of the idiom ("take the word") is applied from this
#: margin: the list says what it is, the model only checks that the idiom reads better there.
LISTED_APPLY_MARGIN = 2.0
#: A changed preposition or article, or a word order, is applied from this margin (no such
#: candidate reaches 3.0 on the post-edits of that sample; "in the last minute" -> "at": 6.2).
#: The same for an article more or less and a possessive for "the" (train, seed 15: no article
#: candidate on either side; one post-edit sentence with possessive candidates, applied at 6.8:
#: "didn't get the way" -> "his way"; "lost the temper" -> "his": 6.2, "changed the mind" ->
#: "her": 7.8, "playing with the fire" -> "with fire": 4.6 to 7, the literal "playing with the
#: fire in the garden": -3.3).
FUNCTION_APPLY_MARGIN = 5.0
#: Reported as a suggestion from this margin; below it the candidate is dropped.
SUGGEST_MARGIN = 2.0
#: A candidate is only a suggestion when another replacement of the same words comes this close
#: ("took the word": "the lead", "the stand" ...), unless the phrasebook lists it.
AMBIGUITY_MARGIN = 1.0
WIKTIONARY = "Wiktionary"
#: A quotation of at most this many words is a mention (a title, a slogan, a literal sense: the
#: “closed gates”), left alone; longer ones are speech, whose calques are the translation's.
QUOTED_MENTION_WORDS = 6
APPLY_CONFIDENCE = 0.85
SUGGEST_CONFIDENCE = 0.4

_POSS_PLACEHOLDERS = frozenset({"one's", "someone's", "somebody's", "something's", "one’s", "someone’s"})
_WILD_PLACEHOLDERS = frozenset({"someone", "somebody", "something", "x"})
_REFLEXIVE_PLACEHOLDERS = frozenset({"oneself"})
POSSESSIVE_DETERMINERS = frozenset({"my", "your", "his", "her", "its", "our", "their"})
REFLEXIVES = frozenset({"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves",
                        "themselves", "oneself"})
PREPOSITIONS = frozenset("""of in on at to for from by with into onto upon about against between among
through during before after above below under over across along around behind beyond near off out up
down within toward towards amid despite""".split())
ARTICLES = frozenset({"a", "an", "the"})
_NEGATION = frozenset({"not", "no", "never", "nor", "without"})
_QUOTES = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]")

LIT, POSS, WILD, REFL = "lit", "poss", "wild", "refl"
#: How a window differs from an idiom by an article: the text has one more, or one fewer.
EXTRA, MISSING = "extra", "missing"
#: The text has "the" where the idiom has a possessive ("changed the mind" for "one's mind").
OWNER = "owner"


@dataclass(frozen=True)
class Slot:
    kind: str  # lit | poss | wild | refl
    norm: str = ""
    possessive: bool = False
    text: str = ""


@dataclass(frozen=True)
class Pattern:
    """One idiom as a sequence of slots."""

    canonical: str
    slots: tuple[Slot, ...]
    #: The first slot is a verb the text may inflect.
    head_verb: bool
    origin: str  # "Wiktionary" or the phrasebook domain
    #: (text word, idiom word) substitutions the phrasebook lists as calques of this idiom.
    listed: frozenset = frozenset()

    @property
    def literals(self) -> list[str]:
        return [s.norm for s in self.slots if s.kind == LIT]


@dataclass(frozen=True)
class Candidate:
    """A window of the text that differs from an idiom by one thing, and the edit that fixes it."""

    pattern: Pattern
    method: str  # substitution | preposition | article | possessive | order
    start: int  # the edit's span in the text
    end: int
    original: str
    replacement: str
    #: The sentence (start, end) the window is in.
    sentence: tuple[int, int]

    @property
    def listed(self) -> bool:
        """The phrasebook lists this substitution as a calque of the idiom, in any form of the
        verb ("closed a contract" for the listed "close a contract")."""
        old, new = self.original.lower(), self.replacement.lower()
        return (old, new) in self.pattern.listed or any(old in forms(a) and new in forms(b)
                                                        for a, b in self.pattern.listed)


def make_pattern(canonical: str, head_verb: bool, origin: str, *, determiners_are_slots: bool = False) -> Pattern | None:
    """The slots of an idiom, or None when it is too short or has punctuation inside."""
    toks = tokenize(canonical)
    if not toks or not all(t.word for t in toks):
        return None
    slots: list[Slot] = []
    for t in toks:
        raw = canonical[t.start:t.end + (2 if t.possessive else 0)].lower()
        if t.possessive and (raw in _POSS_PLACEHOLDERS or t.norm in {"one", "someone", "somebody", "something"}):
            slots.append(Slot(POSS))
        elif t.norm in _WILD_PLACEHOLDERS:
            slots.append(Slot(WILD))
        elif t.norm in _REFLEXIVE_PLACEHOLDERS:
            slots.append(Slot(REFL))
        elif determiners_are_slots and t.norm in POSSESSIVE_DETERMINERS:
            slots.append(Slot(POSS))
        else:
            slots.append(Slot(LIT, t.norm, t.possessive, t.text))
    lits = [s for s in slots if s.kind == LIT]
    if len(slots) < 3 or len(lits) < 2 or not any(s.norm not in FUNCTION_WORDS for s in lits):
        return None
    head = head_verb and slots[0].kind == LIT and not slots[0].possessive
    return Pattern(canonical, tuple(slots), head, origin)


class IdiomIndex:
    """The patterns, and their literal words -> pattern ids (to pick the few a sentence may hold)."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.patterns: list[Pattern] = []
        seen: set[str] = set()
        for p in patterns:
            key = p.canonical.lower()
            if key not in seen:
                seen.add(key)
                self.patterns.append(p)
        self.by_word: dict[str, set[int]] = defaultdict(set)
        self.by_bag: dict[tuple[str, ...], list[int]] = defaultdict(list)
        self.verb_forms: dict[str, str] = {}
        for i, p in enumerate(self.patterns):
            for j, s in enumerate(p.slots):
                if s.kind != LIT:
                    continue
                self.by_word[s.norm].add(i)
                if j == 0 and p.head_verb:
                    for f in forms(s.norm):
                        self.by_word[f].add(i)
            if all(s.kind == LIT for s in p.slots):
                self.by_bag[tuple(sorted(p.literals))].append(i)
        self.lengths = sorted({len(k) for k in self.by_bag})

    def __len__(self) -> int:
        return len(self.patterns)

    def candidates_for(self, norms: set[str]) -> list[int]:
        """Patterns all of whose literal words but one occur in ``norms`` (at least two occurring, or
        one of a phrasebook idiom's two: "clean his name" for "clear one's name")."""
        hits: dict[int, int] = defaultdict(int)
        for w in norms:
            for i in self.by_word.get(w, ()):
                hits[i] += 1
        out = []
        for i, n in hits.items():
            need = len(set(self.patterns[i].literals))
            if (n >= 2 and n >= need - 1) or (n == 1 and need == 2 and self.patterns[i].origin != WIKTIONARY):
                out.append(i)
        return out


def build_index(idioms: Sequence | None = None, phrasebook=None) -> IdiomIndex:
    """An index over Wiktionary's idioms (``idioms``: records with ``lemma`` and ``verb``) and the
    idiom and collocation entries of ``phrasebook``."""
    patterns: list[Pattern] = []
    if phrasebook is not None:
        for e in phrasebook:
            if e.kind in ("idiom", "collocation") and e.fuzzy:
                first = e.canonical.split()[0].lower()
                p = make_pattern(e.canonical, _looks_like_verb(first), e.domain, determiners_are_slots=True)
                if p is not None:
                    patterns.append(replace(p, listed=_listed_substitutions(e)))
    for i in idioms or ():
        first = i.lemma.split()[0].lower()
        p = make_pattern(i.lemma, i.verb or _looks_like_verb(first), WIKTIONARY)
        if p is not None:
            patterns.append(p)
    return IdiomIndex(patterns)


def _listed_substitutions(entry) -> frozenset:
    """(variant word, canonical word) of the variants that differ from the canonical in one word."""
    canon = [t.norm for t in tokenize(entry.canonical)]
    out = set()
    for v in entry.variants:
        var = [t.norm for t in tokenize(v)]
        diff = [(x, y) for x, y in zip(var, canon) if x != y]
        if len(var) == len(canon) and len(diff) == 1:
            out.add(diff[0])
    return frozenset(out)


def _verb_like(word: str) -> bool:
    """A word that may be a verb form: irregular, a known head verb, or a regular ending."""
    from ..inflect import irregular_verbs

    table, reverse = irregular_verbs()
    return word in table or word in reverse or word in _COMMON_HEAD_VERBS or form_of(word) in ("past", "ing")


def _looks_like_verb(word: str) -> bool:
    from ..inflect import irregular_verbs

    return word in irregular_verbs()[0] or word in _COMMON_HEAD_VERBS


#: Regular verbs that head idioms of the phrasebook (irregular ones are in the verb table).
_COMMON_HEAD_VERBS = frozenset("""add play turn pay raise shed pose reach sign broker hold draw
rest move level call kick pull push open close cross face change score commit attend host ask sound""".split())


# --------------------------------------------------------------------------- matching


def _quoted(sentence: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTES.finditer(sentence)]


def _runs(tokens: list[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = [[]]
    for t in tokens:
        if t.word:
            runs[-1].append(t)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def _lit_equal(tok: Token, slot: Slot, head: bool) -> bool:
    if tok.possessive != slot.possessive:
        return False
    if tok.norm == slot.norm:
        return True
    return head and tok.norm in forms(slot.norm)


def _match(slots: Sequence[Slot], toks: Sequence[Token], start: int, head: bool, allow_sub: bool):
    """Every way ``slots`` match ``toks`` from ``start``: (end index, substituted (token, slot) or None)."""
    out = []

    def step(si: int, ti: int, sub):
        if si == len(slots):
            out.append((ti, sub))
            return
        s = slots[si]
        if allow_sub and sub is None and si > 0 and ti < len(toks) and toks[ti].norm in ARTICLES \
                and not (s.kind == LIT and s.norm in ARTICLES):
            step(si, ti + 1, (ti, si, EXTRA))  # the text has an article the idiom has not
        if s.kind == LIT:
            if allow_sub and sub is None and si > 0 and s.norm in ARTICLES and ti < len(toks) \
                    and toks[ti].norm not in ARTICLES:
                step(si + 1, ti, (ti, si, MISSING))  # the idiom has an article the text has not
            if ti >= len(toks):
                return
            t = toks[ti]
            if _lit_equal(t, s, head and si == 0):
                step(si + 1, ti + 1, sub)
            elif allow_sub and sub is None and t.possessive == s.possessive:
                step(si + 1, ti + 1, (ti, si))
        elif s.kind == REFL:
            if ti < len(toks) and toks[ti].norm in REFLEXIVES:
                step(si + 1, ti + 1, sub)
        elif s.kind == POSS:
            if ti < len(toks) and toks[ti].norm in POSSESSIVE_DETERMINERS and not toks[ti].possessive:
                step(si + 1, ti + 1, sub)
            if allow_sub and sub is None and si > 0 and ti < len(toks) and toks[ti].norm == "the":
                step(si + 1, ti + 1, (ti, si, OWNER))  # "put all the eggs in one basket": whose?
            for n in range(1, 4):
                if ti + n <= len(toks) and toks[ti + n - 1].possessive \
                        and not any(t.possessive for t in toks[ti:ti + n - 1]):
                    step(si + 1, ti + n, sub)
        else:  # WILD
            for n in range(1, 4):
                if ti + n <= len(toks) and not any(t.norm in _NEGATION for t in toks[ti:ti + n]):
                    step(si + 1, ti + n, sub)

    step(0, start, None)
    return out


def _substitution_kind(t: Token, s: Slot) -> str | None:
    """``substitution`` or ``preposition`` when text word ``t`` may stand for the idiom's ``s``, else None."""
    a, b = t.norm, s.norm
    if not a.isalpha() or not b.isalpha() or a == b:
        return None
    if a in _NEGATION or b in _NEGATION:
        return None
    if a in PREPOSITIONS and b in PREPOSITIONS:
        return "preposition"
    if a in ARTICLES and b in ARTICLES:
        return None if {a, b} == {"a", "an"} else "preposition"
    if a in FUNCTION_WORDS or b in FUNCTION_WORDS:
        return None
    if a.endswith("ing") != b.endswith("ing") and not a.endswith(("s", "ed")) and not b.endswith(("s", "ed")):
        return "substitution"  # a noun for the idiom's -ing noun ("opened the score" for "the scoring")
    if t.stem == _stem(b) or a.rstrip("s") == b.rstrip("s"):
        return None  # only an inflection differs
    return "substitution"


def _stem(norm: str) -> str:
    from ..text import stem

    return stem(norm)


def find_candidates(text: str, segments, index: IdiomIndex) -> list[Candidate]:
    """Every one-difference window of every sentence (before the language model has a say)."""
    out: list[Candidate] = []
    for seg in segments:
        tokens = tokenize(seg.text, seg.start)
        if not tokens:
            continue
        first = next((t for t in tokens if t.word), None)
        quotes = [(seg.start + a, seg.start + b) for a, b in _quoted(seg.text)]
        norms = {t.norm for t in tokens if t.word}
        ids = index.candidates_for(norms)
        found: list[Candidate] = []
        exact: list[tuple[int, int]] = []
        for run in _runs(tokens):
            for pid in ids:
                p = index.patterns[pid]
                for k in range(len(run)):
                    for end, sub in _match(p.slots, run, k, p.head_verb, allow_sub=True):
                        if end == k:
                            continue
                        w0, w1 = run[k].start, run[end - 1].end
                        if sub is None:
                            exact.append((w0, w1))
                            continue
                        found += _substituted(text, run, k, end, sub, p, first, (seg.start, seg.end))
            _reorderings(text, run, index, first, (seg.start, seg.end), found, exact)
        for c in found:
            if any(a < c.end and c.start < b for a, b in exact):
                continue  # the text already has an idiom here
            if any(a <= c.start and c.end <= b and len(text[a:b].split()) <= QUOTED_MENTION_WORDS
                   for a, b in quotes):
                continue  # a short quotation names the words themselves (a title, a literal sense)
            out.append(c)
    return _dedupe(out)


def _article(text, run, k, end, sub, p: Pattern, first, sentence) -> list[Candidate]:
    """The text has an article the idiom has not ("playing with the fire"; the edit spans the
    article and the word after it), lacks one it has ("in blink of an eye"; the edit spans the word
    after it), or has "the" for its possessive ("put all the eggs in one basket": one candidate
    per possessive, the language model chooses)."""
    ti, si, how = sub
    content = [q for q in p.slots if q.kind == LIT and q.norm not in FUNCTION_WORDS]
    if len(content) < 2:
        return []  # "at the end" less an article is any phrase
    words = [run[j] for j in range(k, end)]
    lits = set(p.literals)
    if any(q.text[:1].isupper() and q is not first for q in words if q.norm in FUNCTION_WORDS or q.norm in lits):
        return []  # a title or a name
    if how == OWNER:
        the = run[ti]
        if the is first:
            return []
        return [Candidate(p, "possessive", the.start, the.end, the.text, det, sentence)
                for det in sorted(POSSESSIVE_DETERMINERS)]
    if how == EXTRA:
        art, nxt = run[ti], run[ti + 1] if ti + 1 < len(run) else None
        if nxt is None or art is first or text[art.end:nxt.start] != " ":
            return []
        return [Candidate(p, "article", art.start, nxt.end, text[art.start:nxt.end], nxt.text, sentence)]
    nxt = run[ti]
    if nxt is first:
        return []
    art = p.slots[si].norm
    if art != "the":
        art = indefinite_article(nxt.text)
    return [Candidate(p, "article", nxt.start, nxt.end, nxt.text, f"{art} {nxt.text}", sentence)]


def _substituted(text, run, k, end, sub, p: Pattern, first, sentence) -> list[Candidate]:
    if len(sub) == 3:
        return _article(text, run, k, end, sub, p, first, sentence)
    c = _one_substitution(text, run, k, end, sub, p, first, sentence)
    return [] if c is None else [c]


def _one_substitution(text, run, k, end, sub, p: Pattern, first, sentence) -> Candidate | None:
    ti, si = sub
    t, s = run[ti], p.slots[si]
    method = _substitution_kind(t, s)
    if method is None:
        return None
    matched = [run[j] for j in range(k, end) if j != ti]
    lit_matched = [q for q in p.slots if q.kind == LIT and q is not s]
    if len(lit_matched) < 2 and len(p.slots) < 4 and (p.origin == WIKTIONARY or not look_alike(t.norm, s.norm)):
        return None  # one word of the idiom left is too little to go on, but for a phrasebook idiom's
        # look-alike ("clean his name" for "clear one's name")
    content_left = sum(q.norm not in FUNCTION_WORDS for q in lit_matched)
    if not content_left:
        return None  # only function words would be left of the idiom ("on the X")
    if p.origin == WIKTIONARY and len(p.slots) == 3 and content_left < 2:
        return None  # "take the X", "the last X": a frame, not an idiom, once a word is free
    if t.text[:1].isupper() and t is not first:
        return None  # a name
    lits = set(p.literals)
    if any(q.text[:1].isupper() for q in matched if q is not first and (q.norm in FUNCTION_WORDS or q.norm in lits)):
        return None  # the idiom's own words in capitals: a title or a name ("the State of terror")
    if si == 0 and p.head_verb and not _verb_like(t.norm):
        return None  # the head verb stands for another verb, not for "Now" or a noun
    repl = s.text
    if si == 0 and p.head_verb:
        repl = inflect(s.norm, form_of(t.norm)) if form_of(t.norm) != "base" else s.norm
    if s.norm in ARTICLES and s.norm != "the" and ti + 1 < len(run):
        repl = indefinite_article(run[ti + 1].text)
    if t.text[:1].isupper():
        repl = repl[:1].upper() + repl[1:]
    if t.text.isupper() and len(t.text) > 1:
        repl = repl.upper()
    if repl == t.text:
        return None
    return Candidate(p, method, t.start, t.end, text[t.start:t.end], repl, sentence)


def _reorderings(text, run, index: IdiomIndex, first, sentence, found: list, exact: list) -> None:
    for L in index.lengths:
        for k in range(len(run) - L + 1):
            win = run[k:k + L]
            if any(t.possessive for t in win[:-1]):
                continue
            ids = index.by_bag.get(tuple(sorted(t.norm for t in win)))
            if not ids:
                continue
            for pid in ids:
                p = index.patterns[pid]
                if [t.norm for t in win] == p.literals:
                    exact.append((win[0].start, win[-1].end))
                    continue
                if any(t.text[:1].isupper() and t is not first for t in win):
                    continue
                by_norm: dict[str, list[Token]] = defaultdict(list)
                for t in win:
                    by_norm[t.norm].append(t)
                moved = [by_norm[n].pop(0) for n in p.literals]
                parts = [t.text.lower() if t is first and t is not moved[0] else t.text for t in moved]
                if moved[0] is not first and win[0] is first:
                    parts[0] = parts[0][:1].upper() + parts[0][1:]
                repl = " ".join(parts)
                start, end = win[0].start, win[-1].end
                if text[start:end] != " ".join(t.text for t in win):
                    continue  # punctuation or odd spacing inside
                found.append(Candidate(p, "order", start, end, text[start:end], repl, sentence))


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for c in cands:
        key = (c.start, c.end, c.replacement)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


# --------------------------------------------------------------------------- verification


Scorer = Callable[[list[str]], list[float]]


def as_scorer(lm) -> Scorer:
    """A callable texts -> total log-probabilities, from a scorer or an object with ``logprobs``."""
    if hasattr(lm, "logprobs"):
        return lambda texts: [r.total for r in lm.logprobs(list(texts))]
    return lm


def margins(text: str, cands: Sequence[Candidate], scorer: Scorer) -> list[float]:
    """For each candidate: the total log-prob of its sentence with the change minus without it,
    less what the two words' frequencies explain (see :data:`APPLY_MARGIN`)."""
    if not cands:
        return []
    befores = [text[c.sentence[0]:c.sentence[1]] for c in cands]
    afters = [text[c.sentence[0]:c.start] + c.replacement + text[c.end:c.sentence[1]] for c in cands]
    uniq = list(dict.fromkeys(befores + afters))
    scores = dict(zip(uniq, scorer(uniq)))
    return [scores[a] - scores[b] - _frequency_gain(c) for a, b, c in zip(afters, befores, cands)]


def _frequency_gain(c: Candidate) -> float:
    """The difference of the two sides' unigram log-probabilities (Zipf 9 is probability 1): a
    dropped article gains its own cost, a substituted word the difference of the two words'."""
    if c.method in ("order", "possessive"):
        return 0.0  # the same words; the possessives compete with each other, not with their frequencies
    return unigram_gain(c.original, c.replacement)


def similarities(cands: Sequence[Candidate], embedder) -> list[float]:
    """Cosine of the embeddings of the substituted word and its replacement (1.0 for other methods)."""
    words = sorted({w.lower() for c in cands if c.method == "substitution" for w in (c.original, c.replacement)})
    if not words:
        return [1.0] * len(cands)
    vecs = dict(zip(words, embedder.encode(words)))
    return [float(vecs[c.original.lower()] @ vecs[c.replacement.lower()]) if c.method == "substitution" else 1.0
            for c in cands]


def applicable(c: Candidate, margin: float, similarity: float, *, apply_margin: float = APPLY_MARGIN,
               function_margin: float = FUNCTION_APPLY_MARGIN, word_similarity: float = WORD_SIMILARITY) -> bool:
    """Whether a candidate with this margin and word similarity is applied (see :data:`APPLY_MARGIN`)."""
    if c.listed:
        return margin >= LISTED_APPLY_MARGIN
    if c.method != "substitution":
        return margin >= function_margin
    return margin >= apply_margin and (similarity >= word_similarity or look_alike(c.original, c.replacement))


def look_alike(a: str, b: str) -> bool:
    """Two words of three letters or more one letter apart ("top" / "tip"): a look-alike the
    translation confused, whose meanings the embedding cannot be asked to bring close.

    >>> look_alike("top", "tip"), look_alike("car", "arm"), look_alike("on", "in")
    (True, False, False)
    """
    from rapidfuzz.distance import DamerauLevenshtein

    a, b = a.lower(), b.lower()
    return min(len(a), len(b)) >= 3 and DamerauLevenshtein.distance(a, b) == 1


def decide_candidates(scored: Sequence[tuple[Candidate, float, float]], *, suggest_margin: float = SUGGEST_MARGIN,
                      **limits) -> list[tuple[bool, Candidate, float]]:
    """One candidate per span, and whether it is applied: [(applied, candidate, margin)].

    ``scored`` holds (candidate, margin, word similarity). Per span, a phrasebook idiom's calque
    listed as its variant comes first, then the largest margin; the winner is applied when
    :func:`applicable` (``limits`` override its thresholds) and no other replacement of the same
    words comes within :data:`AMBIGUITY_MARGIN`; otherwise it is a suggestion. Candidates below
    ``suggest_margin`` are dropped.
    """
    spans: dict[tuple[int, int], list[tuple[Candidate, float, float]]] = defaultdict(list)
    for c, d, sim in scored:
        if d >= suggest_margin:
            spans[(c.start, c.end)].append((c, d, sim))
    out = []
    for key in sorted(spans):
        best = max(spans[key], key=lambda cds: (cds[0].listed, cds[1]))
        rivals = [d for c, d, _ in spans[key] if c.replacement != best[0].replacement]
        clear = best[0].listed or not rivals or best[1] - max(rivals) >= AMBIGUITY_MARGIN
        out.append((clear and applicable(best[0], best[1], best[2], **limits), best[0], best[1]))
    return out


def to_edits(scored: Sequence[tuple[Candidate, float, float]], **limits) -> list[Edit]:
    """The candidates the language model prefers (see :func:`decide_candidates`), as edits."""
    edits = []
    for applied, c, d in decide_candidates(scored, **limits):
        conf = APPLY_CONFIDENCE if applied else SUGGEST_CONFIDENCE
        src = "Wiktionary idiom" if c.pattern.origin == WIKTIONARY else f"idiom, {c.pattern.origin}"
        msg = (f"the idiom is '{c.pattern.canonical}' ({src}): '{c.original}' -> '{c.replacement}' "
               f"({c.method}); the language model finds the sentence {d:.1f} nats more probable"
               " than the words' frequencies explain")
        edits.append(Edit(c.start, c.end, c.original, c.replacement, source="phrasebook",
                          rule=f"phrasebook.idiom.near_miss.{c.method}", confidence=conf, message=msg))
    return edits


@functools.lru_cache(maxsize=4)
def _default_index(book_id: int, book) -> IdiomIndex:
    from ..backends.idioms import load_idioms

    try:
        idioms = load_idioms()
    except RepairError as exc:
        log.warning("%s; idiom near-misses use the phrasebook's idioms only", exc)
        idioms = ()
    return build_index(idioms, book)


class IdiomProposer(BaseProposer):
    """The ``idioms`` proposer: near-misses of Wiktionary's and the phrasebook's idioms, verified by
    the repairer's language model (``repairer.language_model``)."""

    name = "idioms"

    def propose(self, doc) -> list[Edit]:
        if not doc.text.strip():
            return []
        book = self.repairer.phrasebook
        index = _default_index(id(book), book)
        cands = find_candidates(doc.text, doc.segments, index)
        if not cands:
            return []
        try:
            deltas = margins(doc.text, cands, as_scorer(self.repairer.language_model))
        except RepairError as exc:  # no language model: nothing is verified, nothing proposed
            log.warning("idiom near-misses skipped: %s", exc)
            return []
        sims = similarities(cands, doc.embedder or self.repairer.embedder)
        return to_edits(list(zip(cands, deltas, sims)))
