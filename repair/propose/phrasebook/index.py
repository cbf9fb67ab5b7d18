"""The phrasebook index: exact forms, squashed spellings and content-word stems -> entries."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ...text import FUNCTION_WORDS, Token, fold, stem, tokenize
from .schema import PROPER_KINDS, Entry

#: Semantic matching: a word pair counts as aligned when its similarity (character ratio or
#: word-embedding cosine) reaches this; the pair that anchors a window needs ANCHOR_SIMILARITY.
WORD_SIMILARITY = 0.45
ANCHOR_SIMILARITY = 0.85
#: Kinds whose calques the embedding model may find (names and news phrases only by variants).
SEMANTIC_KINDS = frozenset({"idiom", "collocation", "institution"})


@dataclass(frozen=True)
class _Form:
    """One spelling (canonical or variant) of an entry, tokenised."""

    entry: Entry
    tokens: tuple[Token, ...]
    variant: bool


class _Index:
    """Look-up tables over a phrasebook, built once."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.exact: dict[tuple[str, ...], list[_Form]] = defaultdict(list)
        self.squashed: dict[str, list[Entry]] = defaultdict(list)
        self.by_stem: dict[str, set[int]] = defaultdict(set)
        self.single_names: dict[str, Entry] = {}
        self.entries = list(entries)
        self.canon: list[tuple[Token, ...]] = []
        self.max_len = 1
        for i, e in enumerate(self.entries):
            ctoks = tuple(tokenize(e.canonical))
            self.canon.append(ctoks)
            for spelling, is_var in ((e.canonical, False), *((v, True) for v in e.variants)):
                toks = tuple(tokenize(spelling))
                key = tuple(t.norm for t in toks)
                self.exact[key].append(_Form(e, toks, is_var))
                self.max_len = max(self.max_len, len(key))
                words = [t for t in toks if t.word]
                if len(words) == 1 and e.kind in PROPER_KINDS:
                    self.single_names[words[0].norm] = e
            sq = _squash(e.canonical)
            if len(sq) >= 8:
                self.squashed[sq].append(e)
            content = [t for t in ctoks if t.content]
            if e.fuzzy and len(content) >= 2:
                for t in content:
                    self.by_stem[t.stem].add(i)
        self.vocab = sorted({t.norm for i in self._fuzzy_ids() for t in self.canon[i] if t.content and len(t.norm) >= 5})
        self._near: dict[str, list[tuple[str, float]]] = {}

    def _fuzzy_ids(self):
        return {i for ids in self.by_stem.values() for i in ids}

    def near_words(self, norm: str) -> list[tuple[str, float]]:
        """Entry words within ANCHOR_SIMILARITY of ``norm`` by characters (rapidfuzz), cached per word."""
        hit = self._near.get(norm)
        if hit is None:
            hit = []
            if len(norm) >= 5 and norm not in FUNCTION_WORDS:
                from rapidfuzz import fuzz, process

                for w, score, _ in process.extract(norm, self.vocab, scorer=fuzz.ratio,
                                                   score_cutoff=ANCHOR_SIMILARITY * 100, limit=8):
                    if w != norm and stem(w) != stem(norm):
                        hit.append((w, score / 100))
            if len(self._near) > 200000:
                self._near.clear()
            self._near[norm] = hit
        return hit

    def stem_entries(self, s: str) -> set[int]:
        return self.by_stem.get(s, set())

    def entries_with_word(self, norm: str) -> set[int]:
        return self.by_stem.get(stem(norm), set())


def _squash(s: str) -> str:
    return re.sub(r"[\W_]+", "", fold(s))
