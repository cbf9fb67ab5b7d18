"""Detect: a garble score in [0, 1] for every sentence, with the reasons behind it.

The score is a learned, target-only estimate (it reads the English sentence alone) of the
probability that a careful reader would rate the sentence as a poor translation (a direct-
assessment score below 50 of 100 in MLQE-PE, the data it was trained on). Sentences scoring
above :data:`DEFAULT_THRESHOLD` are flagged.

Signals (:mod:`repair.detect.features`), combined by the model of :mod:`repair.detect.model`:

* LanguageTool matches by category, and the rule-pack candidates (artifact, phrasebook, ...);
* lexical oddness: rare or unknown words (wordfreq), unusual pairs of adjacent words;
* the sentence embedding and the layer-averaged hidden states of all-MiniLM-L6-v2;
* a word-level classifier over contextual word vectors that marks words a post-editor would
  likely change (trained on the MT's word tags and on the human post-edits as all-correct
  words): its summary feeds the score, and its words become the sentence's spans.

The weights are in ``repair/data/detector*``; ``benchmarks/tune/train_detector.py`` rebuilds them.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import numpy as np

from ..document import Document
from ..records import Edit, Sentence, Span
from . import features as F
from .model import DetectorWeights, sentence_groups, sentence_matrix, word_matrix, word_summary

#: Sentences scoring above this are flagged (``--threshold`` / ``threshold=``). The score is
#: calibrated as P(garbled); 0.35 is the threshold that maximises F1 for "DA mean below 50" on
#: MLQE-PE dev (precision 0.58, recall 0.79 there; F1 0.666, against 0.663 at 0.3): a reviewer
#: sees most garbled sentences, and about two flagged sentences in five are ones they would have
#: passed. The training script prints it again (``suggested_threshold`` in
#: ``repair/data/detector.json``) when the weights are rebuilt.
DEFAULT_THRESHOLD = 0.35

#: A model-derived signal is named as a reason when it adds at least this much to the estimate
#: (in units of the training target, whose spread is about 1).
REASON_MIN = 0.08

#: Plain names of LanguageTool categories and of some rules.
_LT_CATEGORY = {
    "GRAMMAR": "grammar", "PUNCTUATION": "punctuation", "TYPOGRAPHY": "typography", "CASING": "capitalisation",
    "CONFUSED_WORDS": "confused words", "REDUNDANCY": "redundancy", "STYLE": "style",
    "COLLOCATIONS": "collocation", "SEMANTICS": "meaning", "MISC": "other", "COMPOUNDING": "compound words",
    "REPETITIONS_STYLE": "repetition", "MULTITOKEN_SPELLING": "spelling", "TYPOS": "spelling",
}
_LT_RULE = {"EN_A_VS_AN": "article", "PHRASE_REPETITION": "repeated phrase",
            "ENGLISH_WORD_REPEAT_RULE": "repeated word", "UPPERCASE_SENTENCE_START": "capitalisation",
            "COMMA_PARENTHESIS_WHITESPACE": "spacing", "EN_UNPAIRED_QUOTES": "unpaired quotes",
            "EN_UNPAIRED_BRACKETS": "unpaired brackets"}
_FORM = {"no_end_punct": "no closing punctuation", "lower_start": "starts in lower case",
         "non_latin": "letters outside the Latin alphabet", "unbalanced": "unbalanced quotes or brackets"}


def _lt_label(rule_id: str, category: str) -> str:
    if rule_id in _LT_RULE:
        return _LT_RULE[rule_id]
    if "AGREEMENT" in rule_id or rule_id.startswith(("SUBJECT_VERB", "NON3PRS", "PERS_PRONOUN")):
        return "agreement"
    if rule_id.startswith(("A_", "AN_", "DT_", "THE_")) or "ARTICLE" in rule_id:
        return "article"
    return _LT_CATEGORY.get(category, category.lower().replace("_", " "))


def _quote(items: list[str], limit: int = 3) -> str:
    shown = ", ".join(f"'{t}'" for t in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _context(text: str, start: int, end: int) -> str:
    """The words around ``text[start:end]`` (what a reader needs to find an edit)."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].strip(" ,.;:")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


_PREPARED = "detect.encoding"


class _PreparedEncoder:
    """A TokenEncoder that answers from :meth:`Detector.prepare`'s result when it fits."""

    def __init__(self, encoder: F.TokenEncoder, prepared) -> None:
        self.encoder = encoder
        self.prepared = prepared

    def encode(self, texts, spans):
        if self.prepared is not None and list(texts) == self.prepared[0]:
            return self.prepared[1]
        return self.encoder.encode(texts, spans)


class Detector:
    """Scores the sentences of a :class:`~repair.document.Document`; build with :meth:`load`."""

    def __init__(self, weights: DetectorWeights) -> None:
        self.weights = weights
        self.word_threshold = float(weights.meta.get("word_threshold", 0.5))
        #: The weights were trained on the int8 transformer's hidden states (see TokenEncoder).
        self.quantized = weights.meta.get("encoder") == F.ENCODER_INT8
        self._groups = np.array(sentence_groups())
        self._group_names = sorted(set(self._groups))
        self._embedder = None
        self._lock = threading.Lock()

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Detector:
        """The detector with the shipped weights (or those written to ``folder`` by the training script)."""
        return cls(DetectorWeights.load(folder))

    def _encoder(self, doc: Document) -> F.TokenEncoder:
        embedder = doc.embedder
        if embedder is None:
            with self._lock:
                if self._embedder is None:
                    from ..backends.embeddings import Embedder

                    self._embedder = Embedder()
                embedder = self._embedder
        return _PreparedEncoder(F.TokenEncoder(embedder, quantized=self.quantized), doc.cache.get(_PREPARED))

    def prepare(self, doc: Document) -> None:
        """Run the embedding model over the sentences of ``doc`` now and keep the result.

        It needs no LanguageTool result, so the pipeline runs it while LanguageTool checks
        the text; :meth:`score` then uses it instead of running the model again.
        """
        texts = [seg.text for seg in doc.segments]
        if texts:
            result = self._encoder(doc).encode(texts, [F.words(t) for t in texts])
            doc.cache[_PREPARED] = (texts, result)

    def inputs(self, doc: Document, candidates: list[Edit]) -> list[F.SentenceInput]:
        """Each sentence with its LanguageTool matches and candidate edits, offsets made relative to it."""
        out = [F.SentenceInput(seg.text) for seg in doc.segments]
        for m in doc.matches:
            i = doc.sentence_index(m.offset)
            if i is not None:
                seg = doc.segments[i]
                length = min(m.length, seg.end - m.offset)
                out[i].matches.append(type(m)(m.offset - seg.start, length, m.rule_id, m.category, m.issue_type,
                                              m.message, m.replacements))
        for e in candidates:
            i = doc.sentence_index(e.start)
            if i is not None and e.end <= doc.segments[i].end:
                s = doc.segments[i].start
                out[i].edits.append(Edit(e.start - s, e.end - s, e.original, e.replacement, e.source, e.rule,
                                         e.confidence, e.message))
        return out

    def predict(self, inputs: list[F.SentenceInput], encoder: F.TokenEncoder):
        """(features, word probabilities per sentence, contributions per column, scores)."""
        w = self.weights
        feats = F.extract(inputs, w.lexicon, encoder)
        heads = [w.word.predict(word_matrix(info, vec)) for info, vec in zip(feats.words, feats.word_vectors)]
        probs = [p for p, _ in heads]
        summ = np.stack([word_summary(p, est, info) for (p, est), info in zip(heads, feats.words)])
        x = sentence_matrix(feats.sentence, summ, feats.pools)
        contrib = w.sentence.contributions(x)
        scores = w.sentence.calibrate(contrib.sum(axis=1) + w.sentence.intercept)
        return feats, probs, contrib, scores

    def score(self, doc: Document, candidates: list[Edit], *, threshold: float = DEFAULT_THRESHOLD) -> list[Sentence]:
        if not doc.segments:
            return []
        inputs = self.inputs(doc, candidates)
        feats, probs, contrib, scores = self.predict(inputs, self._encoder(doc))
        out = []
        for j, seg in enumerate(doc.segments):
            groups = {g: float(contrib[j][self._groups == g].sum()) for g in self._group_names}
            score = float(scores[j])
            flagged = score > threshold
            reasons, spans = self._explain(inputs[j], feats.words[j], feats.sentence[j], probs[j], groups, flagged)
            if not doc.grammar_checked:
                reasons.append("grammar check unavailable")
            spans = tuple(Span(seg.start + s.start, seg.start + s.end, s.text, s.reason) for s in spans)
            out.append(Sentence(seg.start, seg.end, seg.text, round(score, 4), flagged, tuple(reasons), spans))
        return out

    # -- explanations

    def _explain(self, inp: F.SentenceInput, info: F.WordInfo, sent: np.ndarray, probs: np.ndarray,
                 groups: dict[str, float], flagged: bool) -> tuple[list[str], list[Span]]:
        text = inp.text
        ranked: list[tuple[float, str]] = []
        spans: list[Span] = []
        value = dict(zip(F.SENTENCE_FEATURES, sent.tolist()))

        # findings that are facts, named whatever their weight: rule-pack hits and grammar matches
        found: dict[str, list[str]] = {}
        for e in sorted(inp.edits, key=lambda e: e.start):
            if e.source == "grammar":
                continue
            if e.source == "phrasebook":
                reason = f"near-miss of the set phrase '{e.replacement}'"
            elif e.source == "artifact":
                reason = f"MT artifact: {e.message[:1].lower() + e.message[1:]}"
            else:
                reason = f"{e.source}: {e.message}"
            found.setdefault(reason, []).append(_context(text, e.start, e.end))
            spans.append(Span(e.start, e.end, e.original, reason))
        for reason, where in found.items():
            shown = reason if reason.startswith("near-miss") else f"{reason} ({_quote(list(dict.fromkeys(where)))})"
            ranked.append((10.0 + groups["rules"], shown))
        grammar = [m for m in inp.matches if m.category != "TYPOS"]
        if grammar:
            labels = Counter(_lt_label(m.rule_id, m.category) for m in grammar)
            reason = (f"{_plural(len(grammar), 'grammar issue')}: "
                      + ", ".join(k if c == 1 else f"{k} ×{c}" for k, c in sorted(labels.items())))
            ranked.append((5.0 + groups["grammar"], reason))
        for m in inp.matches:
            spans.append(Span(m.offset, m.offset + m.length, text[m.offset:m.offset + m.length], m.message))

        # model-derived signals
        # rare words and unusual pairs are named when they push the score up, or explain a flag
        if groups["rare"] + groups["grammar"] * (not grammar) > 0 or flagged:
            rare = [t for t, f in zip(info.tokens, info.features)
                    if (f[F.WORD_FEATURES.index("rare")] and t[:1].islower()) or f[F.WORD_FEATURES.index("lt_spell")]]
            rare = list(dict.fromkeys(rare))
            if rare:
                ranked.append((groups["rare"], f"rare or unknown word{'s' if len(rare) > 1 else ''} {_quote(rare)}"))
        if groups["pairs"] > 0 or flagged:
            pairs = sorted(F.pair_scores(info, self.weights.lexicon), key=lambda p: p[1])
            odd = [p for p in pairs if p[1] < F.UNUSUAL_PAIR and min(
                F.zipf(F._norm(info.tokens[p[0]])), F.zipf(F._norm(info.tokens[p[0] + 1]))) >= F.COMMON_ZIPF]
            if odd:
                i = odd[0][0]
                s, e = info.spans[i][0], info.spans[i + 1][1]
                ranked.append((groups["pairs"], f"unusual word pair '{text[s:e]}'"))
                spans.append(Span(s, e, text[s:e], "unusual word pair"))
        if groups["repetition"] > REASON_MIN and (value["repeated_words"] or value["repeated_pairs"]):
            seen, reps = set(), []
            for t in info.tokens:
                w = F._norm(t)
                if F._is_alpha(w) and F.zipf(w) < 5.0:
                    if w in seen and t not in reps:
                        reps.append(t)
                    seen.add(w)
            if reps:
                ranked.append((groups["repetition"], f"repeated word{'s' if len(reps) > 1 else ''} {_quote(reps)}"))
        if groups["form"] > REASON_MIN:
            fired = [label for name, label in _FORM.items() if value[name] > 0]
            if fired:
                ranked.append((groups["form"], "; ".join(fired)))
        runs = self._bad_runs(info, probs)
        for s, e in runs:
            spans.append(Span(s, e, text[s:e], "likely mistranslated wording"))
        if groups["words"] > REASON_MIN and runs:
            ranked.append((groups["words"], "likely mistranslated wording " + _quote([text[s:e] for s, e in runs])))
        if groups["phrasing"] > REASON_MIN and (flagged or groups["phrasing"] > 2 * REASON_MIN):
            ranked.append((groups["phrasing"], "phrasing typical of garbled machine translation"))
        ranked.sort(key=lambda r: -r[0])
        reasons = [r for _, r in ranked]
        if flagged and not reasons:
            top = max(groups, key=groups.get)
            reasons.append("long, complex sentence" if top == "length"
                           else "phrasing typical of garbled machine translation")
        spans.sort(key=lambda s: (s.start, s.end))
        return reasons, spans

    def _bad_runs(self, info: F.WordInfo, probs: np.ndarray) -> list[tuple[int, int]]:
        """Runs of adjacent words the word classifier marks BAD, trimmed of punctuation."""
        runs: list[tuple[int, int]] = []
        start = last = None
        for k, ((s, e), t, p) in enumerate(zip(info.spans, info.tokens, probs)):
            bad = p > self.word_threshold and t[0].isalnum()
            if bad:
                if start is None:
                    start = s
                last = e
            elif start is not None and (t[0].isalnum() or k + 1 >= len(info.tokens)
                                        or probs[k + 1] <= self.word_threshold):
                runs.append((start, last))
                start = None
        if start is not None:
            runs.append((start, last))
        return runs
