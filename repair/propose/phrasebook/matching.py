"""Finding phrasebook matches in a text: exact variants, spellings, and near-misses (word order,
function words, calques scored with the embedding model)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...text import Token, fold, tokenize
from .index import ANCHOR_SIMILARITY, SEMANTIC_KINDS, WORD_SIMILARITY, _Index, _squash  # noqa: F401
from .schema import PROPER_KINDS, Entry, Phrasebook




@dataclass(frozen=True)
class Match:
    """A near-miss (or known variant) of an entry in the text, before it becomes an :class:`Edit`."""

    entry: Entry
    start: int
    end: int
    original: str
    replacement: str
    method: str  # variant | house | case | spelling | order | function | semantic
    score: float
    #: How the score was made (for the message and the tuning script).
    detail: str = ""
    features: dict = field(default_factory=dict, compare=False)


def _sentence_runs(tokens: list[Token]) -> list[list[int]]:
    """Indices of word tokens, split where punctuation stands between them."""
    runs: list[list[int]] = [[]]
    for i, t in enumerate(tokens):
        if t.word:
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def _transfer(entry_tokens: Sequence[Token], text_by_stem: dict[str, Token], proper: bool) -> str:
    """The canonical's core, keeping the text's own inflection of words it shares (by stem)."""
    parts = []
    for t in entry_tokens:
        src = text_by_stem.get(t.stem) if t.content and not proper else None
        if src is not None and src.text[:1].isupper() and not t.text[:1].isupper():
            parts.append(src.text.lower() if not src.text.isupper() else t.text)
        else:
            parts.append(src.text if src is not None else t.text)
    return _join(parts)


def _join(parts: Sequence[str]) -> str:
    out = ""
    for p in parts:
        if out and p not in ",.;:!?)]”’" and not out.endswith(("(", "[", "“", "‘")):
            out += " "
        out += p
    return out


def _core(tokens: Sequence[Token]) -> tuple[int, int]:
    """First and last index of the content words (the part of a phrase a near-miss must cover)."""
    idx = [i for i, t in enumerate(tokens) if t.content]
    return idx[0], idx[-1]


def find_matches(text: str, segments, book: Phrasebook, embedder=None) -> list[Match]:
    """Every candidate match in the sentences of ``text`` (overlaps included), with its score."""
    idx = book.index
    pending: list[tuple] = []  # semantic candidates waiting for word embeddings
    out: list[Match] = []
    for seg in segments:
        tokens = tokenize(seg.text, seg.start)
        if not tokens:
            continue
        first_word = next((i for i, t in enumerate(tokens) if t.word), 0)
        protected = _exact_matches(text, tokens, idx, first_word, out)
        _spelling_matches(text, tokens, idx, protected, out)
        for run in _sentence_runs(tokens):
            _near_misses(text, tokens, run, idx, protected, first_word, out, pending)
    if pending and embedder is not None:
        _score_semantic(pending, embedder, out)
    return out


def _exact_matches(text, tokens, idx: _Index, first_word: int, out: list[Match]) -> list[tuple[int, int]]:
    """Known variants (and case slips of proper names); returns the spans already canonical."""
    protected: list[tuple[int, int]] = []
    norms = [t.norm for t in tokens]
    n = len(tokens)
    for i in range(n):
        if not tokens[i].word:
            continue
        for L in range(min(idx.max_len, n - i), 0, -1):
            forms = idx.exact.get(tuple(norms[i:i + L]))
            if not forms or not tokens[i + L - 1].word or any(t.possessive for t in tokens[i:i + L - 1]):
                continue
            toks = tokens[i:i + L]
            start, end = toks[0].start, toks[-1].end
            surface = text[start:end]
            if any(a <= start and end <= b for a, b in protected):
                continue  # inside a longer phrasing already matched (the last drop of blood)
            for form in forms:
                e = form.entry
                if not form.variant:
                    if surface == e.canonical or e.kind not in PROPER_KINDS or L < 2:
                        protected.append((start, end))
                        continue
                    # a proper name written all in lower case ("european union") in a sentence
                    # that has capitals elsewhere (a lower-cased text is no evidence)
                    if surface == surface.lower() and any(c.isupper() for c in e.canonical) \
                            and e.kind in ("institution", "place") \
                            and any(t.text[:1].isupper() for t in tokens if t.word and t is not tokens[first_word]):
                        out.append(Match(e, start, end, surface, e.canonical, "case", 1.0,
                                         "written in lower case"))
                    protected.append((start, end))
                    continue
                if e.kind in PROPER_KINDS and not surface[:1].isupper() and any(c.isupper() for c in form.tokens[0].text):
                    continue  # "turkey" the bird is not "Turkey" the country
                if toks[-1].possessive and e.kind not in PROPER_KINDS:
                    continue  # "in Monday's vote" is not "in Monday"
                if surface.isupper() and len(surface) > 3 and L == 1:
                    repl = e.canonical.upper() if e.canonical.upper() != surface else e.canonical
                else:
                    repl = e.canonical
                    if i == first_word and surface[:1].isupper() and not repl[:1].isupper():
                        repl = repl[:1].upper() + repl[1:]
                if repl == surface:
                    protected.append((start, end))
                    continue
                method = "house" if e.kind in PROPER_KINDS else "variant"
                out.append(Match(e, start, end, surface, repl, method, 1.0, "listed variant"))
                protected.append((start, end))
    return protected


def _spelling_matches(text, tokens, idx: _Index, protected, out: list[Match]) -> None:
    """Compounds written apart, together or with other hyphens than the canonical."""
    n = len(tokens)
    for i in range(n):
        if not tokens[i].word:
            continue
        for L in range(1, min(idx.max_len + 2, n - i) + 1):
            toks = tokens[i:i + L]
            if not toks[-1].word or not all(t.word or t.text == "-" for t in toks):
                continue
            start, end = toks[0].start, toks[-1].end
            if any(a < end and start < b for a, b in protected):
                continue
            surface = text[start:end]
            entries = idx.squashed.get(_squash(surface))
            if not entries:
                continue
            if re.search(r"\s-|-\s", surface):
                continue  # a space around a hyphen is an MT artifact for the artifact rules
            for e in entries:
                if fold(surface) == fold(e.canonical):
                    continue
                if "-" in e.canonical or len(e.canonical.split()) >= len(surface.split()):
                    continue  # hyphens and joins are house style; only a word split apart is an error
                if e.kind not in PROPER_KINDS and any(t.text[:1].isupper() for t in toks[1:]):
                    continue  # capitals inside: a name, not a common compound
                repl = e.canonical
                if surface[:1].isupper() and not repl[:1].isupper():
                    repl = repl[:1].upper() + repl[1:]
                out.append(Match(e, start, end, surface, repl, "spelling", 1.0, "written with other spacing"))


def _near_misses(text, tokens, run: list[int], idx: _Index, protected, first_word: int,
                 out: list[Match], pending: list) -> None:
    """Order, function-word and (pending embedding scores) semantic near-misses in one run of words."""
    content = [i for i in run if tokens[i].content]
    if len(content) < 2:
        return
    hits: dict[int, dict[int, float]] = defaultdict(dict)  # entry -> {content position: anchor similarity}
    for ci, ti in enumerate(content):
        t = tokens[ti]
        for e in idx.stem_entries(t.stem):
            hits[e][ci] = 1.0
        for w, sim in idx.near_words(t.norm):
            for e in idx.entries_with_word(w):
                hits[e].setdefault(ci, sim)
    pos_in_run = {ti: k for k, ti in enumerate(run)}
    for ei, anchors in hits.items():
        entry = idx.entries[ei]
        etoks = idx.canon[ei]
        c0, c1 = _core(etoks)
        core = etoks[c0:c1 + 1]
        ecore_content = [t for t in core if t.content]
        k = len(ecore_content)
        tried: set[int] = set()
        for ca in anchors:
            for s in range(max(0, ca - k + 1), min(ca, len(content) - k) + 1):
                if s in tried:
                    continue
                tried.add(s)
                win_content = content[s:s + k]
                a, b = win_content[0], win_content[-1]
                if pos_in_run[b] - pos_in_run[a] + 1 > len(core) + 1:
                    continue
                wtoks = tokens[a:b + 1]
                start, end = wtoks[0].start, wtoks[-1].end
                if any(pa < end and start < pb for pa, pb in protected):
                    continue
                _judge(text, tokens, a, b, entry, core, ecore_content, first_word, out, pending, etoks)


def _align(wcontent: Sequence[Token], econtent: Sequence[Token]) -> tuple[list[tuple[Token, Token]], list[tuple[Token, Token]]]:
    """One-to-one pairs of window and entry content words: (same stem), (the rest, by character ratio)."""
    from rapidfuzz import fuzz

    left = list(wcontent)
    right = list(econtent)
    same = []
    for w in list(left):
        m = next((e for e in right if e.stem == w.stem), None)
        if m is not None:
            same.append((w, m))
            left.remove(w)
            right.remove(m)
    rest = []
    while left:
        best = max(((w, e, fuzz.ratio(w.norm, e.norm)) for w in left for e in right), key=lambda x: x[2])
        rest.append((best[0], best[1]))
        left.remove(best[0])
        right.remove(best[1])
    return same, rest


_NEGATION = frozenset({"not", "no", "never", "nor", "without"})
_ARTICLES = frozenset({"a", "an", "the"})
_CONJUNCTIONS = frozenset({"and", "or", "nor"})
#: Prefixes that make another word of the same root without turning its meaning round (un-, dis-,
#: non-, anti- ... do: "employment ratio" is not a garbled "unemployment rate").
_PREFIXES = ("re", "co", "pre", "inter", "sub", "super", "trans")


def _judge(text, tokens, a: int, b: int, entry: Entry, core, ecore_content, first_word: int,
           out: list[Match], pending: list, etoks=()) -> None:
    from rapidfuzz import fuzz

    wtoks = tokens[a:b + 1]
    proper = entry.kind in PROPER_KINDS
    if not proper and any(t.text[:1].isupper() and a + j != first_word for j, t in enumerate(wtoks)):
        return  # capitals inside: a name or title, not a common phrase
    if proper and not any(t.text[:1].isupper() for t in wtoks if t.content):
        return  # a proper name's near-miss keeps its capitals
    wcontent = [t for t in wtoks if t.content]
    same, rest = _align(wcontent, ecore_content)
    start, end = wtoks[0].start, wtoks[-1].end
    surface = text[start:end]
    by_stem = {e.stem: w for w, e in same}
    repl = _transfer(core, by_stem, proper)
    if a == first_word and surface[:1].isupper() and not repl[:1].isupper():
        repl = repl[:1].upper() + repl[1:]
    if fold(repl) == fold(surface) or fold(surface) == fold(entry.canonical):
        return
    wnorm = " ".join(t.norm for t in wtoks)
    enorm = " ".join(t.norm for t in core)
    wfunc = [t.norm for t in wtoks if not t.content]
    efunc = [t.norm for t in core if not t.content]
    if set(wfunc) & _NEGATION != set(efunc) & _NEGATION:
        return  # never add or drop a negation
    if not rest:
        if any(w.norm.rstrip("s") != e.norm.rstrip("s") for w, e in same):
            return  # "headed" is not "head": only plural -s may differ
        if [t.stem for t in wcontent] != [t.stem for t in ecore_content]:
            # word order: the genitive calque, the words of "X of (the) Y" run together ("willing
            # coalition", "mass destruction weapons"), and a fixed pair turned round ("stick and
            # carrot"); other swaps ("agreement signed", "attempted coup") are ordinary English
            binomial = (len(ecore_content) == 2 and len(efunc) == 1 and wfunc == efunc
                        and efunc[0] in _CONJUNCTIONS
                        and [t.stem for t in wcontent] == [t.stem for t in reversed(ecore_content)])
            if not binomial and (wfunc or "of" not in efunc or proper):
                return
            method, detail = "order", "the pair's fixed order" if binomial else "word order"
        else:
            if [t.stem for t in wtoks] == [t.stem for t in core]:
                return  # only inflection differs
            diff = set(wfunc) ^ set(efunc)
            if diff <= _ARTICLES or diff & {"and", "or", "but"}:
                return  # articles are the grammar checker's business; a conjunction is meaning
            # the words around the core must be the entry's own, so that the phrase is really there
            lead = [t.norm for t in etoks[:_core(etoks)[0]]]
            trail = [t.norm for t in etoks[_core(etoks)[1] + 1:]]
            i = tokens.index(wtoks[0])
            j = tokens.index(wtoks[-1])
            before = [t.norm for t in tokens[max(0, i - len(lead)):i]]
            after = [t.norm for t in tokens[j + 1:j + 1 + len(trail)]]
            if before != lead or after != trail:
                return
            method, detail = "function", "function words"
        score = fuzz.token_sort_ratio(wnorm, enorm) / 100
        out.append(Match(entry, start, end, surface, repl, method, round(score, 3), detail,
                         {"k": len(wcontent), "len_diff": len(core) - len(wtoks)}))
        return
    if not entry.fuzzy or entry.kind not in SEMANTIC_KINDS or wfunc != efunc:
        return
    # A calque garbles a word of the phrase into another word of the same root ("assurance" for
    # "reassurance", "possible" for "impossible") and may swap the others for near-synonyms; an
    # exact word plus a synonym ("sovereign country") is ordinary English and is left alone.
    near = [(w, e) for w, e in rest if _near_form(w.norm, e.norm)]
    if not near:
        return
    changed = [(w, e) for w, e in rest if (w, e) not in near]
    if len(changed) > max(1, len(ecore_content) // 2):
        return
    pending.append((entry, start, end, surface, repl, same, rest, wnorm, enorm))


def _near_form(a: str, b: str) -> bool:
    """Two words of one root that differ by a prefix ("assurance"/"reassurance")."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < 5 or not long_.endswith(short):
        return False
    return long_[: len(long_) - len(short)].strip("-") in _PREFIXES


def _score_semantic(pending: list, embedder, out: list[Match]) -> None:
    """Embed the unmatched words and the windows of the semantic candidates (one batch) and score them."""
    from rapidfuzz import fuzz

    words = {w.norm for p in pending for pair in p[6] for w in pair}
    phrases = {p[7] for p in pending} | {p[8] for p in pending}
    texts = sorted(words | phrases)
    vecs = dict(zip(texts, embedder.encode(texts)))
    for entry, start, end, surface, repl, same, rest, wnorm, enorm in pending:
        sims = [1.0] * len(same)
        worst = 1.0
        for w, e in rest:
            char = fuzz.ratio(w.norm, e.norm) / 100
            emb = float(vecs[w.norm] @ vecs[e.norm])
            sim = max(char if char >= ANCHOR_SIMILARITY else 0.0, emb)
            sims.append(sim)
            worst = min(worst, sim)
        if worst < WORD_SIMILARITY:
            continue
        align = sum(sims) / len(sims)
        phrase = float(vecs[wnorm] @ vecs[enorm])
        score = round(0.5 * align + 0.5 * phrase, 3)
        out.append(Match(entry, start, end, surface, repl, "semantic", score,
                         f"words {align:.2f}, phrase {phrase:.2f}",
                         {"align": align, "phrase": phrase, "worst": worst, "k": len(sims)}))
