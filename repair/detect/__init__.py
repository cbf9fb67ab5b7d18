"""Detect: a garble score in [0, 1] for every sentence, with the reasons behind it.

Two learned, target-only numbers (they read the English sentence alone) come out of the model:

* the **estimate** (``Sentence.estimate``): the probability that a careful reader would rate the
  sentence a poor translation (a direct-assessment score below 50 of 100 in MLQE-PE, the data it
  was trained on). It is the number to rank translations by, as readers rate them;
* the **flagging probability**: that the sentence holds an error a news editor would change, from
  the estimate, the language model's signals and the sentence's length, fitted on machine-
  translated news articles whose errors are all listed and on MLQE-PE's MT and post-edits
  (:class:`repair.detect.fluency.FlagHead`).
  Readers who rated Wikipedia MT rated meaning, and forgave a wrong word in a fluent frame ("Russia
  is not a veto about the deployment"); an editor does not.

The **score** is the flagging probability combined with the findings in the sentence
(:func:`with_findings`): a sentence in which a rule found a fault of confidence 0.95 ("a “assurance
power”", "long -term") is garbled with at least that probability, whether or not the fault is then
fixed. Sentences scoring above :data:`DEFAULT_THRESHOLD` are flagged.

Signals (:mod:`repair.detect.features`), combined by the model of :mod:`repair.detect.model`:

* LanguageTool matches by category, and the rule-pack candidates (artifact, phrasebook, ...);
* lexical oddness: rare or unknown words (wordfreq), unusual pairs of adjacent words;
* the sentence embedding and the layer-averaged hidden states of all-MiniLM-L6-v2;
* a word-level classifier over contextual word vectors that marks words a post-editor would
  likely change (trained on the MT's word tags and on the human post-edits as all-correct
  words): its summary feeds the score, and its words become the sentence's spans.

The weights are in ``repair/data/detector*``; ``benchmarks/tune/train_detector.py`` rebuilds the
detector's, ``benchmarks/tune/train_fluency.py`` the estimate's language-model head and
``benchmarks/tune/train_flag.py`` the flagging head.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import numpy as np

from ..document import Document
from ..records import Edit, Sentence, Span, is_evidence
from . import features as F
from . import fluency as FL
from .model import DetectorWeights, sentence_groups, sentence_matrix, word_matrix, word_summary
from .variant import spelling_variant

#: Sentences scoring above this are flagged (``--threshold`` / ``threshold=``). The score is the
#: flagging head's P(an editor would change something in the sentence) (``repair/data/detector_flag.json``,
#: fitted by ``benchmarks/tune/train_flag.py`` on the machine-translated news articles 1-61 of
#: ``tests/data`` and on MLQE-PE train's MT and post-edits) combined with the findings: 0.68 is the
#: threshold at which one in ten of the fitted clean sentences is flagged. On the held-out articles
#: 62-81, 66% of the sentences with an error are flagged and 8% of the clean ones; none of the 34
#: sentences of the two clean news texts; 7-22% of MLQE-PE dev's post-edits.
DEFAULT_THRESHOLD = 0.68

#: A model-derived signal is named as a reason when it adds at least this much to the estimate
#: (in units of the training target, whose spread is about 1).
REASON_MIN = 0.08

#: A sentence of at least this many words may be called long when length weighs most in its score.
LONG_SENTENCE = 30

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


def with_findings(score: float, confidences) -> float:
    """The model's estimate ``score`` combined with the findings in the same sentence.

    A finding of confidence c is right with probability c, and when it is right the sentence has
    a fault; taking the model and the findings as independent witnesses, the sentence is clean
    only if all of them are wrong: 1 - (1 - score) x prod(1 - c). A sentence with no findings
    keeps the model's score.

    >>> with_findings(0.2, []), round(with_findings(0.2, [0.95]), 2), round(with_findings(0.2, [0.5, 0.5]), 2)
    (0.2, 0.96, 0.8)
    """
    confidences = list(confidences)
    if not confidences:
        return float(score)
    clean = 1.0 - score
    for c in confidences:
        clean *= 1.0 - min(max(float(c), 0.0), 0.99)
    return 1.0 - clean


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
_PREPARED_LM = "detect.lm"


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

    def __init__(self, weights: DetectorWeights, head: FL.FluencyHead | None = None,
                 flag: FL.FlagHead | None = None) -> None:
        self.weights = weights
        #: The language model's head (``repair/data/detector_fluency.json``): when present, every
        #: sentence is also read by the language model and the estimate combines both.
        self.head = head
        #: The flagging head (``repair/data/detector_flag.json``, needs ``head``): when present, the
        #: score a sentence is flagged by comes from it (fitted on news MT and MLQE-PE), not from the estimate.
        self.flag = flag if head is not None else None
        self._lm = None
        self.word_threshold = float(weights.meta.get("word_threshold", 0.5))
        #: The weights were trained on the int8 transformer's hidden states (see TokenEncoder).
        self.quantized = weights.meta.get("encoder") == F.ENCODER_INT8
        self._groups = np.array(sentence_groups())
        self._group_names = sorted(set(self._groups))
        self._embedder = None
        self._lock = threading.Lock()

    @classmethod
    def load(cls, folder: str | Path | None = None, *, fluency: bool = True) -> Detector:
        """The detector with the shipped weights (or those written to ``folder`` by the training scripts);
        ``fluency=False`` leaves the language model out (the learned detector alone)."""
        from importlib import resources

        base = Path(folder) if folder is not None else resources.files("repair.data")
        if not fluency:
            return cls(DetectorWeights.load(folder))
        return cls(DetectorWeights.load(folder), FL.FluencyHead.load(base), FL.FlagHead.load(base))

    @property
    def lm(self):
        """The language model (one per detector, so one per Repairer; loaded on first use)."""
        with self._lock:
            if self._lm is None:
                from ..backends.lm import LanguageModel

                self._lm = LanguageModel(self.head.model if self.head else "gemma-3-270m")
            return self._lm

    def _fluency(self, doc: Document | None, texts: list[str]):
        prepared = doc.cache.get(_PREPARED_LM) if doc is not None else None
        if prepared is not None and prepared[0] == texts:
            return prepared[1]
        return self.lm.logprobs(texts)

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
            if self.head is not None:
                doc.cache[_PREPARED_LM] = (texts, self.lm.logprobs(texts))

    def inputs(self, doc: Document, candidates: list[Edit]) -> list[F.SentenceInput]:
        """Each sentence with its LanguageTool matches and candidate edits, offsets made relative to it."""
        out = [F.SentenceInput(seg.text) for seg in doc.segments]
        for m in doc.matches:
            i = doc.sentence_index(m.offset)
            if m.category == "TYPOS" and spelling_variant(doc.text[m.offset:m.offset + m.length], m.replacements):
                continue  # British or American spelling: the English variant, not a garbled word
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
        return self.predict_fluency(inputs, encoder)[:4]

    def predict_fluency(self, inputs: list[F.SentenceInput], encoder: F.TokenEncoder, doc: Document | None = None):
        """:meth:`predict`'s four values (the scores are the estimates) and a fifth, fluency: None without
        the language model, else (word scores, the fluency head's contributions per column, the flagging
        head's probabilities and its contributions per column, both None without it)."""
        w = self.weights
        feats = F.extract(inputs, w.lexicon, encoder)
        heads = [w.word.predict(word_matrix(info, vec)) for info, vec in zip(feats.words, feats.word_vectors)]
        probs = [p for p, _ in heads]
        summ = np.stack([word_summary(p, est, info) for (p, est), info in zip(heads, feats.words)])
        x = sentence_matrix(feats.sentence, summ, feats.pools)
        contrib = w.sentence.contributions(x)
        scores = w.sentence.calibrate(contrib.sum(axis=1) + w.sentence.intercept)
        fluency = None
        if self.head is not None and inputs:
            word_scores, x = FL.features(self._fluency(doc, [inp.text for inp in inputs]))
            contributions = self.head.contributions(scores, x)
            scores = self.head.score(scores, x)
            flag = flag_parts = None
            if self.flag is not None:
                n_words = [len(ws.tokens) for ws in word_scores]
                flag, flag_parts = self.flag.score(scores, x, n_words), self.flag.contributions(scores, x, n_words)
            fluency = (word_scores, contributions, flag, flag_parts)
        return feats, probs, contrib, scores, fluency

    def score(self, doc: Document, candidates: list[Edit], *, threshold: float = DEFAULT_THRESHOLD,
              findings: bool = True) -> list[Sentence]:
        """The sentences of ``doc`` with their scores, flags, reasons and spans. The score is the flagging
        head's probability (the estimate where there is no flagging head) combined with the candidates
        (:func:`with_findings`); ``findings=False`` leaves the candidates out."""
        if not doc.segments:
            return []
        inputs = self.inputs(doc, candidates)
        feats, probs, contrib, scores, fluency = self.predict_fluency(inputs, self._encoder(doc), doc)
        out = []
        for j, seg in enumerate(doc.segments):
            groups = {g: float(contrib[j][self._groups == g].sum()) for g in self._group_names}
            model = float(scores[j])
            score = base = float(fluency[2][j]) if fluency is not None and fluency[2] is not None else model
            if findings:
                score = with_findings(score, [e.confidence for e in inputs[j].edits if is_evidence(e)])
            flagged = score > threshold
            reasons, spans = self._explain(inputs[j], feats.words[j], feats.sentence[j], probs[j], groups, flagged)
            if fluency is not None:
                self._explain_fluency(fluency[0][j], fluency[1][j], flagged, reasons, spans,
                                      None if fluency[3] is None else fluency[3][j])
            if flagged and not reasons:
                reasons.append(self._fallback_reason(groups, feats.words[j]))
            if not doc.grammar_checked:
                reasons.append("grammar check unavailable")
            spans = tuple(Span(seg.start + s.start, seg.start + s.end, s.text, s.reason) for s in spans)
            out.append(Sentence(seg.start, seg.end, seg.text, round(score, 4), flagged, tuple(reasons), spans,
                                findings_only=flagged and base <= threshold, estimate=round(model, 4)))
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
        spans.sort(key=lambda s: (s.start, s.end))
        return reasons, spans

    @staticmethod
    def _fallback_reason(groups: dict[str, float], info: F.WordInfo) -> str:
        """The reason of a flagged sentence no signal names: its length, when the sentence is long and
        that weighs most, else its phrasing."""
        if max(groups, key=groups.get) == "length" and len(info.tokens) >= LONG_SENTENCE:
            return "long, complex sentence"
        return "phrasing typical of garbled machine translation"

    def _explain_fluency(self, ws: FL.WordScores, contrib: np.ndarray, flagged: bool, reasons: list[str],
                         spans: list[Span], flag_contrib: np.ndarray | None = None) -> None:
        """The words the language model did not expect where they stand (low PMI; names, numbers
        and rare words left out) become spans, and a reason when the model's signals raise the score
        (the estimate's, or in a flagged sentence the flagging head's)."""
        # the first word is left out: it has no context for the model to expect it from, and a
        # capital there does not tell a name ('Putin confirmed') from a common word
        low = [k for k in np.argsort(ws.pmi) if k > 0 and ws.judged[k] and ws.pmi[k] < self.head.word_cutoff][:3]
        for k in sorted(low):
            s, e = ws.spans[k]
            spans.append(Span(s, e, ws.tokens[k], "a word the language model did not expect here"))
        lm_part = float(contrib[1:].sum())
        if flagged and flag_contrib is not None:  # the LM's columns of the head that flagged it
            lm_part = max(lm_part, float(flag_contrib[1:-1].sum()))
        if low and (lm_part > REASON_MIN or (flagged and lm_part > 0)):
            reasons.insert(0 if lm_part > contrib[0] else len(reasons),
                           "unexpected wording for fluent English " + _quote([ws.tokens[k] for k in sorted(low)]))
        elif flagged and lm_part > REASON_MIN:
            reasons.append("reads as unlikely English to a language model")
        spans.sort(key=lambda s: (s.start, s.end))

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
