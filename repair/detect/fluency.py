"""Fluency signals from a causal language model (:mod:`repair.backends.lm`).

A language model gives every token of a sentence a log-probability given the tokens before it.
Raw log-probability mostly measures how rare the words are (a sentence full of names is
"improbable" and fine), so each signal here is set against what the words' own frequencies
predict (wordfreq's unigram frequencies):

* **SLOR** (syntactic log-odds ratio): (ln P_LM(sentence) - ln P_unigram(sentence)) / words.
  Low when the words are common but their order or choice is odd;
* the mean and the lowest token log-probability, and the share of tokens below
  :data:`SURPRISE_CUTOFF`;
* **per-word PMI**: ln P_LM(word | the words before it) - ln P_unigram(word). The words with the
  lowest PMI are the ones the model did not expect *there*, however common they are: they point
  at wrong words. A capitalised word inside a sentence, a number, or a word wordfreq hardly knows
  (a name, most likely) is not counted among them: a model cannot expect a name it has not seen,
  and that is no error.

Everything here reads the English sentence alone.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import numpy as np

from . import features as F
from .model import _sigmoid

LN10 = math.log(10.0)
#: A token this improbable (ln P; about 1 in 3,000) counts as surprising.
SURPRISE_CUTOFF = -8.0
#: Unigram Zipf frequency given to punctuation (wordfreq does not count it) and the floor for
#: words wordfreq does not know.
PUNCT_ZIPF = 6.0
UNKNOWN_ZIPF = 1.0

SENTENCE_FEATURES = ("lm_slor", "lm_mean", "lm_min", "lm_low_share", "lm_pmi_min", "lm_pmi_low3",
                     "lm_pmi_mean", "lm_name_pmi_min")


@dataclass
class WordScores:
    """Per word of :func:`repair.detect.features.words`: LM and unigram log-probabilities and PMI."""

    spans: list[tuple[int, int]]
    tokens: list[str]
    lm: np.ndarray
    unigram: np.ndarray
    #: True for words whose PMI can point at an error (lower-case content words and function words).
    judged: np.ndarray

    @property
    def pmi(self) -> np.ndarray:
        return self.lm - self.unigram


def unigram_logprob(word: str) -> float:
    """ln P(word) under wordfreq's English unigram frequencies (British and American spellings alike)."""
    if not any(c.isalnum() for c in word):
        z = PUNCT_ZIPF
    else:
        z = max(F.zipf(F._norm(word)), UNKNOWN_ZIPF)
    return (z - 9.0) * LN10


def word_scores(text: str, offsets, logprobs: np.ndarray) -> WordScores:
    """Spread the token log-probabilities over the words of ``text`` (a token belongs to the word its
    first character is in, or else to the next word)."""
    spans = F.words(text)
    toks = [text[s:e] for s, e in spans]
    lm = np.zeros(len(spans), np.float64)
    w = 0
    for (s, _), lp in zip(offsets, logprobs):
        if not spans:
            break
        while w + 1 < len(spans) and spans[w][1] <= s:
            w += 1
        lm[w] += float(lp)
    uni = np.array([unigram_logprob(t) for t in toks], np.float64)
    judged = np.array([_judged(t, i) for i, t in enumerate(toks)], bool)
    return WordScores(spans, toks, lm, uni, judged)


def _judged(token: str, index: int) -> bool:
    """Is a low PMI of this word evidence of an error (not a name, a number or a symbol)?"""
    if not F._is_alpha(token) or any(c.isdigit() for c in token):
        return False
    if index > 0 and token[:1].isupper():
        return False
    if token.isupper() and len(token) > 1:
        return False
    return F.zipf(F._norm(token)) > F.RARE_ZIPF


def sentence_features(ws: WordScores, logprobs: np.ndarray) -> np.ndarray:
    v = dict.fromkeys(SENTENCE_FEATURES, 0.0)
    n = max(len(ws.tokens), 1)
    if len(logprobs):
        v["lm_slor"] = float(ws.lm.sum() - ws.unigram.sum()) / n
        v["lm_mean"] = float(np.mean(logprobs))
        inner = logprobs[1:] if len(logprobs) > 1 else logprobs
        v["lm_min"] = max(float(np.min(inner)), -25.0)
        v["lm_low_share"] = float(np.mean(inner < SURPRISE_CUTOFF))
    pmi = ws.pmi
    judged = pmi[ws.judged]
    if len(judged):
        low = np.sort(judged)
        v["lm_pmi_min"] = max(float(low[0]), -25.0)
        v["lm_pmi_low3"] = max(float(low[:3].mean()), -25.0)
        v["lm_pmi_mean"] = float(judged.mean())
    names = [p for p, t, j in zip(pmi, ws.tokens, ws.judged) if not j and F._is_alpha(t)]
    if names:
        v["lm_name_pmi_min"] = max(float(min(names)), -25.0)
    return np.array([v[k] for k in SENTENCE_FEATURES], np.float32)


def features(results) -> tuple[list[WordScores], np.ndarray]:
    """(word scores, sentence features) for :class:`repair.backends.lm.TokenLogprobs` results."""
    ws = [word_scores(r.text, r.offsets, r.logprobs) for r in results]
    x = np.stack([sentence_features(w, r.logprobs) for w, r in zip(ws, results)]) if results \
        else np.zeros((0, len(SENTENCE_FEATURES)), np.float32)
    return ws, x


# --------------------------------------------------------------------------- the head


def _read_head(base, file: str, features: list[str], what: str, script: str) -> dict | None:
    """The weights in ``base / file`` (a folder or a package resource), None when there are none."""
    from ..errors import ModelError

    path = base / file
    if not path.is_file():
        return None
    d = json.loads(path.read_text(encoding="utf-8"))
    if d.get("features") != features:
        raise ModelError(f"the {what} in {base} was fitted on other features; refit it with benchmarks/tune/{script}")
    return d


HEAD_FILE = "detector_fluency.json"


def logit(p):
    p = np.clip(np.asarray(p, np.float64), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


@dataclass
class FluencyHead:
    """The detector's score (as a logit) and the LM signals, combined linearly and calibrated to
    P(garbled); fitted by ``benchmarks/tune/train_fluency.py``."""

    model: str
    mean: np.ndarray
    scale: np.ndarray
    #: one weight for the detector's logit, then one per :data:`SENTENCE_FEATURES`
    coef: np.ndarray
    intercept: float
    cal_a: float
    cal_b: float
    #: a judged word whose PMI is below this is pointed at as a likely wrong word
    word_cutoff: float
    meta: dict

    def columns(self, base_score: np.ndarray, x: np.ndarray) -> np.ndarray:
        return np.hstack([logit(base_score)[:, None], x]).astype(np.float64)

    def contributions(self, base_score: np.ndarray, x: np.ndarray) -> np.ndarray:
        return (self.columns(base_score, x) - self.mean) / self.scale * self.coef

    def raw(self, base_score: np.ndarray, x: np.ndarray) -> np.ndarray:
        return self.contributions(base_score, x).sum(axis=1) + self.intercept

    def score(self, base_score: np.ndarray, x: np.ndarray) -> np.ndarray:
        return _sigmoid(self.cal_a * self.raw(base_score, x) + self.cal_b)

    def save(self, folder) -> None:
        from pathlib import Path

        d = {"model": self.model, "features": ["detector_logit", *SENTENCE_FEATURES],
             "mean": self.mean.tolist(), "scale": self.scale.tolist(), "coef": self.coef.tolist(),
             "intercept": self.intercept, "cal_a": self.cal_a, "cal_b": self.cal_b,
             "word_cutoff": self.word_cutoff, "meta": self.meta}
        (Path(folder) / HEAD_FILE).write_text(json.dumps(d, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, base) -> FluencyHead | None:
        """The head in ``base`` (a folder or a package resource), or None when there is none."""
        d = _read_head(base, HEAD_FILE, ["detector_logit", *SENTENCE_FEATURES], "fluency head", "train_fluency.py")
        if d is None:
            return None
        return cls(d["model"], np.array(d["mean"]), np.array(d["scale"]), np.array(d["coef"]), float(d["intercept"]),
                   float(d["cal_a"]), float(d["cal_b"]), float(d["word_cutoff"]), d.get("meta", {}))


# --------------------------------------------------------------------------- the flagging head

FLAG_FILE = "detector_flag.json"
#: The flagging head's columns: the estimate (as a logit), the LM's sentence signals, ln(words + 1).
FLAG_FEATURES = ("estimate_logit", *SENTENCE_FEATURES, "log_words")


@dataclass
class FlagHead:
    """P(a news editor would change something in the sentence), from the estimate (the quality
    estimate of :class:`FluencyHead`, fitted to readers' ratings of Wikipedia MT) and the language
    model's signals, by a logistic model fitted on machine-translated news articles with every error
    listed and on MLQE-PE's MT and post-edits (``benchmarks/tune/train_flag.py``). The estimate ranks translations as readers rate them;
    this head decides which sentences to flag, the job the estimate does poorly on news: readers of
    MLQE-PE rated meaning, and a fluent-looking news sentence whose words are wrong ("Russia is not
    a veto about the deployment") got a low estimate."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    meta: dict

    @staticmethod
    def columns(estimate: np.ndarray, x: np.ndarray, n_words: np.ndarray) -> np.ndarray:
        return np.hstack([logit(estimate)[:, None], x, np.log1p(np.asarray(n_words, np.float64))[:, None]])

    def contributions(self, estimate: np.ndarray, x: np.ndarray, n_words: np.ndarray) -> np.ndarray:
        """Per sentence and column of :data:`FLAG_FEATURES`: what it adds to the logit."""
        return (self.columns(estimate, x, n_words) - self.mean) / self.scale * self.coef

    def score(self, estimate: np.ndarray, x: np.ndarray, n_words: np.ndarray) -> np.ndarray:
        return _sigmoid(self.contributions(estimate, x, n_words).sum(axis=1) + self.intercept)

    def save(self, folder) -> None:
        from pathlib import Path

        d = {"features": list(FLAG_FEATURES), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
             "coef": self.coef.tolist(), "intercept": self.intercept, "meta": self.meta}
        (Path(folder) / FLAG_FILE).write_text(json.dumps(d, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, base) -> FlagHead | None:
        """The head in ``base`` (a folder or a package resource), or None when there is none."""
        d = _read_head(base, FLAG_FILE, list(FLAG_FEATURES), "flagging head", "train_flag.py")
        if d is None:
            return None
        return cls(np.array(d["mean"]), np.array(d["scale"]), np.array(d["coef"]), float(d["intercept"]),
                   d.get("meta", {}))
