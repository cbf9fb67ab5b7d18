"""Detection features: what the garble model sees of a sentence, computed the same way when
training (``benchmarks/tune/train_detector.py``) and when scoring (:class:`repair.detect.Detector`).

Everything here looks at the English sentence alone (never a source sentence):

* **words** (:func:`words`): a Moses-like word split with character offsets into the sentence;
* **per-word signals** (:func:`word_features`): word frequency (wordfreq), whether LanguageTool or a
  rule pack points at the word, how usual its pairs with the neighbouring words are (:class:`Lexicon`);
* **per-sentence signals** (:func:`sentence_features`): LanguageTool matches by category, rule-pack
  hits by source, rare words, unusual word pairs, repetitions, punctuation oddities;
* **contextual vectors** (:class:`TokenEncoder`): all-MiniLM-L6-v2 hidden states averaged over the
  word pieces of each word, and averaged over the sentence for every layer.
"""

from __future__ import annotations

import math
import re
import threading
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..backends.languagetool import LTMatch
from ..backends.shapes import tokenize
from ..records import Edit
from ..text import zipf

# --------------------------------------------------------------------------- words

#: Numbers with separators, words with inner hyphens/apostrophes, or any other single character.
_WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:[-'’][^\W_]+)*|\S")


def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word and punctuation mark of ``text``.

    >>> t = "Russia’s 40-month war, U.N. said."
    >>> [t[s:e] for s, e in words(t)]
    ['Russia’s', '40-month', 'war', ',', 'U', '.', 'N', '.', 'said', '.']
    """
    return [m.span() for m in _WORD.finditer(text)]


def _is_alpha(w: str) -> bool:
    return any(c.isalpha() for c in w)


#: Words at or below this Zipf frequency count as rare (roughly: fewer than one in 30 million words).
RARE_ZIPF = 1.5
#: Both words of a pair at least this common make an unseen pair suspicious.
COMMON_ZIPF = 3.5
#: Pair surprise (log) below this marks an unusual word pair.
UNUSUAL_PAIR = -1.5


# --------------------------------------------------------------------------- word pairs


def _pair_key(a: str, b: str, buckets: int) -> int:
    return zlib.crc32(f"{a}\t{b}".encode()) % buckets


def _norm(w: str) -> str:
    return w.lower().replace("’", "'")


class Lexicon:
    """Counts of adjacent word pairs in fluent English (hashed into a fixed table).

    The detector ships one built from the post-edited sentences of the MLQE-PE training split;
    the surprise of a pair compares its count with what the two words' frequencies predict.
    """

    def __init__(self, counts: np.ndarray, tokens: int) -> None:
        self.counts = counts
        self.tokens = int(tokens)

    @classmethod
    def build(cls, sentences: Sequence[Sequence[str]], buckets: int = 1 << 21) -> Lexicon:
        """A lexicon from tokenised fluent sentences (counts saturate at 255)."""
        counts = np.zeros(buckets, dtype=np.int32)
        n = 0
        for toks in sentences:
            low = [_norm(t) for t in toks]
            n += len(low)
            for a, b in zip(low, low[1:]):
                counts[_pair_key(a, b, buckets)] += 1
        return cls(np.minimum(counts, 255).astype(np.uint8), n)

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        with np.load(path) as z:
            return cls(z["counts"], int(z["tokens"]))

    def save(self, path: str | Path) -> None:
        np.savez_compressed(path, counts=self.counts, tokens=np.int64(self.tokens))

    def count(self, a: str, b: str) -> int:
        return int(self.counts[_pair_key(_norm(a), _norm(b), len(self.counts))])

    def surprise(self, a: str, b: str) -> float:
        """log((count + .5) / (expected + .5)): strongly negative for a pair of common words never
        seen together, about 0 when there is no evidence either way."""
        expected = self.tokens * 10.0 ** (zipf(_norm(a)) - 9.0) * 10.0 ** (zipf(_norm(b)) - 9.0)
        return math.log((self.count(a, b) + 0.5) / (expected + 0.5))


# --------------------------------------------------------------------------- one sentence


@dataclass
class SentenceInput:
    """A sentence with the LanguageTool matches and rule-pack edits inside it (offsets relative
    to the sentence)."""

    text: str
    matches: list[LTMatch] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)


#: LanguageTool categories with their own feature; the rest count as "other".
LT_CATEGORIES = ("TYPOS", "GRAMMAR", "PUNCTUATION", "TYPOGRAPHY", "CASING")
#: Rule-pack sources with their own feature (grammar candidates are LanguageTool matches again).
HIT_SOURCES = ("artifact", "phrasebook", "consistency", "reference")

WORD_FEATURES = (
    "zipf", "unknown", "rare", "alpha", "capital", "upper", "punct", "digit", "first", "last",
    "position", "lt_spell", "lt_other", "rule_hit", "pair_left", "pair_right", "odd_left", "odd_right",
    "repeated",
)

SENTENCE_FEATURES = (
    "log_words", "log_chars",
    *(f"lt_{c.lower()}" for c in LT_CATEGORIES), "lt_other", "lt_spell_lower", "lt_spell_capital",
    *(f"hits_{s}" for s in HIT_SOURCES),
    "rare_words", "rare_lower", "mean_zipf", "min_zipf", "capital_share", "punct_share", "digit_share",
    "pairs_unusual", "pair_mean", "pair_min", "repeated_words", "repeated_pairs",
    "no_end_punct", "lower_start", "non_latin", "unbalanced",
)


def _overlaps(s: int, e: int, a: int, b: int) -> bool:
    return s < b and a < e or (a == b and s <= a < e)


@dataclass
class WordInfo:
    """The words of one sentence and their hand-made signals."""

    spans: list[tuple[int, int]]
    tokens: list[str]
    features: np.ndarray  # (n_words, len(WORD_FEATURES))


def word_features(inp: SentenceInput, lexicon: Lexicon) -> WordInfo:
    spans = words(inp.text)
    toks = [inp.text[s:e] for s, e in spans]
    n = len(toks)
    f = np.zeros((n, len(WORD_FEATURES)), dtype=np.float32)
    col = {name: i for i, name in enumerate(WORD_FEATURES)}
    low = [_norm(t) for t in toks]
    content_counts: dict[str, int] = {}
    for w in low:
        if _is_alpha(w) and zipf(w) < 5.0:
            content_counts[w] = content_counts.get(w, 0) + 1
    pair_scores = [lexicon.surprise(a, b) if _is_alpha(a) and _is_alpha(b) else 0.0
                   for a, b in zip(toks, toks[1:])]
    for i, (t, w) in enumerate(zip(toks, low)):
        z = zipf(w)
        alpha = _is_alpha(t)
        f[i, col["zipf"]] = z / 8.0
        f[i, col["unknown"]] = float(alpha and z == 0.0)
        f[i, col["rare"]] = float(alpha and z <= RARE_ZIPF)
        f[i, col["alpha"]] = float(alpha)
        f[i, col["capital"]] = float(t[:1].isupper())
        f[i, col["upper"]] = float(len(t) > 1 and t.isupper())
        f[i, col["punct"]] = float(not t[0].isalnum())
        f[i, col["digit"]] = float(any(c.isdigit() for c in t))
        f[i, col["first"]] = float(i == 0)
        f[i, col["last"]] = float(i == n - 1)
        f[i, col["position"]] = i / max(n - 1, 1)
        f[i, col["repeated"]] = float(content_counts.get(w, 0) > 1)
        if i > 0:
            f[i, col["pair_left"]] = max(pair_scores[i - 1], -6.0) / 6.0
            f[i, col["odd_left"]] = float(pair_scores[i - 1] < UNUSUAL_PAIR)
        if i < n - 1:
            f[i, col["pair_right"]] = max(pair_scores[i], -6.0) / 6.0
            f[i, col["odd_right"]] = float(pair_scores[i] < UNUSUAL_PAIR)
    for m in inp.matches:
        a, b = m.offset, m.offset + m.length
        name = "lt_spell" if m.category == "TYPOS" else "lt_other"
        for i, (s, e) in enumerate(spans):
            if _overlaps(s, e, a, b):
                f[i, col[name]] = 1.0
    for ed in inp.edits:
        if ed.source == "grammar":
            continue
        for i, (s, e) in enumerate(spans):
            if _overlaps(s, e, ed.start, ed.end):
                f[i, col["rule_hit"]] = 1.0
    return WordInfo(spans, toks, f)


def pair_scores(info: WordInfo, lexicon: Lexicon) -> list[tuple[int, float]]:
    """(index of the first word, surprise) of each pair of adjacent alphabetic words."""
    return [(i, lexicon.surprise(a, b)) for i, (a, b) in enumerate(zip(info.tokens, info.tokens[1:]))
            if _is_alpha(a) and _is_alpha(b)]


def sentence_features(inp: SentenceInput, info: WordInfo, lexicon: Lexicon) -> np.ndarray:
    text, toks = inp.text, info.tokens
    v = dict.fromkeys(SENTENCE_FEATURES, 0.0)
    n = max(len(toks), 1)
    v["log_words"] = math.log1p(len(toks))
    v["log_chars"] = math.log1p(len(text))
    for m in inp.matches:
        cat = m.category if m.category in LT_CATEGORIES else "OTHER"
        v[f"lt_{cat.lower()}"] += 1
        if m.category == "TYPOS":
            word = text[m.offset:m.offset + m.length]
            v["lt_spell_capital" if word[:1].isupper() else "lt_spell_lower"] += 1
    for ed in inp.edits:
        if ed.source in HIT_SOURCES:
            v[f"hits_{ed.source}"] += 1
    alpha = [(i, t) for i, t in enumerate(toks) if _is_alpha(t)]
    zs = [zipf(_norm(t)) for _, t in alpha]
    v["rare_words"] = sum(z <= RARE_ZIPF for z in zs)
    v["rare_lower"] = sum(z <= RARE_ZIPF and t[:1].islower() for z, (_, t) in zip(zs, alpha))
    v["mean_zipf"] = float(np.mean(zs)) / 8.0 if zs else 0.0
    v["min_zipf"] = min(zs) / 8.0 if zs else 0.0
    v["capital_share"] = sum(t[:1].isupper() for i, t in alpha if i > 0) / n
    v["punct_share"] = sum(not t[0].isalnum() for t in toks) / n
    v["digit_share"] = sum(any(c.isdigit() for c in t) for t in toks) / n
    pairs = [s for _, s in pair_scores(info, lexicon)]
    common = [s for (i, s) in pair_scores(info, lexicon)
              if min(zipf(_norm(toks[i])), zipf(_norm(toks[i + 1]))) >= COMMON_ZIPF]
    v["pairs_unusual"] = sum(s < UNUSUAL_PAIR for s in common)
    v["pair_mean"] = float(np.mean(pairs)) if pairs else 0.0
    v["pair_min"] = max(min(pairs), -8.0) if pairs else 0.0
    low = [_norm(t) for _, t in alpha]
    content = [w for w in low if zipf(w) < 5.0]
    v["repeated_words"] = len(content) - len(set(content))
    bigrams = list(zip(low, low[1:]))
    v["repeated_pairs"] = len(bigrams) - len(set(bigrams))
    stripped = text.rstrip()
    v["no_end_punct"] = float(bool(stripped) and stripped[-1] not in ".!?\"'”’)»:;…")
    v["lower_start"] = float(bool(text) and text.lstrip()[:1].islower())
    letters = [c for c in text if c.isalpha()]
    v["non_latin"] = sum(not ("a" <= c.lower() <= "z" or "\u00c0" <= c <= "\u024f") for c in letters) / max(len(letters), 1)
    v["unbalanced"] = float(text.count("(") != text.count(")")) + float(
        (text.count('"') % 2) or text.count("“") != text.count("”"))
    return np.array([v[k] for k in SENTENCE_FEATURES], dtype=np.float32)


# --------------------------------------------------------------------------- contextual vectors

#: Hidden-state layers of all-MiniLM-L6-v2 averaged per word (0 = the input embeddings).
WORD_LAYERS = (3, 6)
#: Layers averaged over the whole sentence (the last one, normalised, is the sentence embedding).
POOL_LAYERS = (1, 2, 3, 4, 5, 6)
HIDDEN = 384


#: The name the detector's metadata gives the int8 encoder (anything else: the float model).
ENCODER_INT8 = "all-MiniLM-L6-v2 int8 (dynamic), one sentence per call"


class TokenEncoder:
    """Per-word and per-sentence hidden states of the embedding model (no training, no hub).

    ``quantized`` (the default, and what the shipped weights were trained on) runs an int8 copy of
    the transformer (:meth:`Embedder.transformer`), about four times faster on a CPU. Its
    activations are quantized per call, so each sentence goes through the model on its own: in a
    batch, a sentence's vectors would depend on the other sentences of the batch. The float model
    runs in length-sorted batches.
    """

    def __init__(self, embedder, *, batch_size: int = 32, max_length: int = 256, quantized: bool = True) -> None:
        self.embedder = embedder
        self.batch_size = batch_size
        self.max_length = max_length
        self.quantized = quantized
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
               ) -> tuple[list[np.ndarray], np.ndarray]:
        """(word vectors per text: (n_words, len(WORD_LAYERS) * 384) float32,
        sentence pools: (n_texts, len(POOL_LAYERS) * 384) float32)."""
        word_out: list[np.ndarray] = [np.zeros((len(s), len(WORD_LAYERS) * HIDDEN), np.float32) for s in spans]
        pools = np.zeros((len(texts), len(POOL_LAYERS) * HIDDEN), np.float32)
        for i, offsets, states in self._states(texts):
            pools[i] = np.concatenate([states[layer].mean(0) for layer in POOL_LAYERS])
            pieces = [(k, s, e) for k, (s, e) in enumerate(offsets) if e > s]
            word_out[i] = _word_vectors(spans[i], pieces, [states[layer] for layer in WORD_LAYERS])
        return word_out, pools

    def _states(self, texts: Sequence[str]):
        """(index, word-piece character offsets, {layer: hidden states}) per text, padding removed."""
        import torch

        tokenizer = self.embedder.model().tokenizer
        bert = self.embedder.transformer(quantized=self.quantized)
        layers = sorted(set(WORD_LAYERS) | set(POOL_LAYERS))
        one_by_one = self.embedder.is_quantized(bert)
        size = 1 if one_by_one else self.batch_size
        order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
        for b in range(0, len(order), size):
            idx = order[b:b + size]
            batch = tokenize(tokenizer, [texts[i] for i in idx], padding=True, truncation=True,
                              max_length=self.max_length, return_tensors="pt", return_offsets_mapping=True)
            offsets = batch.pop("offset_mapping").numpy()
            with self._lock, torch.inference_mode():
                hidden = bert(**batch, output_hidden_states=True).hidden_states
            lengths = batch["attention_mask"].sum(1).tolist()
            for j, i in enumerate(idx):
                n = int(lengths[j])
                yield i, offsets[j][:n], {layer: hidden[layer][j, :n].numpy() for layer in layers}


def _word_vectors(spans, pieces, layers) -> np.ndarray:
    out = np.zeros((len(spans), len(layers) * HIDDEN), np.float32)
    p = 0
    for w, (s, e) in enumerate(spans):
        while p < len(pieces) and pieces[p][2] <= s:
            p += 1
        ks = []
        q = p
        while q < len(pieces) and pieces[q][1] < e:
            ks.append(pieces[q][0])
            q += 1
        if ks:
            out[w] = np.concatenate([st[ks].mean(0) for st in layers])
    return out


def sentence_embedding(pools: np.ndarray) -> np.ndarray:
    """The all-MiniLM-L6-v2 sentence embedding (unit length) from :meth:`TokenEncoder.encode`'s pools."""
    last = pools[:, POOL_LAYERS.index(6) * HIDDEN:(POOL_LAYERS.index(6) + 1) * HIDDEN]
    return last / np.maximum(np.linalg.norm(last, axis=1, keepdims=True), 1e-12)


# --------------------------------------------------------------------------- all together


@dataclass
class Features:
    """Everything the model needs for a batch of sentences."""

    words: list[WordInfo]
    word_vectors: list[np.ndarray]
    sentence: np.ndarray  # (n, len(SENTENCE_FEATURES))
    pools: np.ndarray  # (n, len(POOL_LAYERS) * 384)


def extract(inputs: Sequence[SentenceInput], lexicon: Lexicon, encoder: TokenEncoder) -> Features:
    infos = [word_features(inp, lexicon) for inp in inputs]
    sent = np.stack([sentence_features(inp, info, lexicon) for inp, info in zip(inputs, infos)]) \
        if inputs else np.zeros((0, len(SENTENCE_FEATURES)), np.float32)
    vecs, pools = encoder.encode([inp.text for inp in inputs], [info.spans for info in infos])
    return Features(infos, vecs, sent, pools)
