"""The garble model's arithmetic, in plain numpy: a word-level classifier and a sentence-level
linear model with a logistic calibration. The weights are trained by
``benchmarks/tune/train_detector.py`` and shipped in ``repair/data/detector*``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ModelError
from . import features as F

WEIGHTS_FILE = "detector.npz"
META_FILE = "detector.json"
LEXICON_FILE = "detector_pairs.npz"
FORMAT = 1


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40.0, 40.0)))


# --------------------------------------------------------------------------- words


def word_matrix(info: F.WordInfo, vectors: np.ndarray) -> np.ndarray:
    """The word classifier's input: per-word signals, then the contextual word vectors."""
    return np.hstack([info.features, vectors.astype(np.float32)])


@dataclass
class WordModel:
    """One hidden ReLU layer over each word's standardised inputs, with two heads: P(word is BAD)
    per word, and a garble estimate for the sentence from the mean and the max of the hidden layer."""

    mean: np.ndarray
    scale: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: float
    v: np.ndarray
    c: float

    def __post_init__(self) -> None:
        # Fold the standardisation into the first layer, in float32 (the weights are stored as
        # float16 to stay small; numpy has no fast float16 matrix product).
        w1 = self.w1.astype(np.float32)
        scale = self.scale.astype(np.float32)
        self._w = (w1 / scale[:, None]).astype(np.float32)
        self._b = (self.b1.astype(np.float32) - (self.mean.astype(np.float32) / scale) @ w1).astype(np.float32)

    def hidden(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(x.astype(np.float32, copy=False) @ self._w + self._b, 0.0)

    def predict(self, x: np.ndarray) -> tuple[np.ndarray, float]:
        """(P(BAD) per word, the sentence estimate) for the words ``x`` of one sentence."""
        if len(x) == 0:
            return np.zeros(0, np.float32), float(self.c)
        h = self.hidden(x)
        probs = _sigmoid(h @ self.w2 + self.b2)
        return probs, float(np.concatenate([h.mean(0), h.max(0)]) @ self.v + self.c)


#: Names of the word classifier's per-sentence summary (inputs of the sentence model).
SUMMARY_FEATURES = ("net_estimate", "bad_mean", "bad_max", "bad_share", "bad_top3", "bad_log_sum",
                    "bad_alpha_mean")


def word_summary(probs: np.ndarray, estimate: float, info: F.WordInfo) -> np.ndarray:
    if len(probs) == 0:
        return np.array([estimate] + [0.0] * (len(SUMMARY_FEATURES) - 1), np.float32)
    alpha = info.features[:, F.WORD_FEATURES.index("alpha")] > 0
    top = np.sort(probs)[::-1][:3]
    return np.array([
        estimate, probs.mean(), probs.max(), (probs > 0.5).mean(), top.mean(), np.log1p(probs.sum()),
        probs[alpha].mean() if alpha.any() else 0.0,
    ], dtype=np.float32)


# --------------------------------------------------------------------------- sentences


def sentence_matrix(sentence: np.ndarray, summaries: np.ndarray, pools: np.ndarray) -> np.ndarray:
    """The sentence model's input: signals, word-classifier summary, layer pools, sentence embedding."""
    return np.hstack([sentence, summaries, pools, F.sentence_embedding(pools)]).astype(np.float32)


def sentence_groups() -> list[str]:
    """The signal group of each column of :func:`sentence_matrix` (used to explain a score)."""
    groups = []
    for name in F.SENTENCE_FEATURES:
        if name.startswith("lt_"):
            groups.append("grammar")
        elif name.startswith("hits_"):
            groups.append("rules")
        elif name in ("rare_words", "rare_lower", "mean_zipf", "min_zipf"):
            groups.append("rare")
        elif name.startswith("pair"):
            groups.append("pairs")
        elif name.startswith("repeated"):
            groups.append("repetition")
        elif name in ("log_words", "log_chars"):
            groups.append("length")
        else:
            groups.append("form")
    groups += ["words"] * len(SUMMARY_FEATURES)
    groups += ["phrasing"] * (len(F.POOL_LAYERS) * F.HIDDEN + F.HIDDEN)
    return groups


@dataclass
class SentenceModel:
    """Standardise, a linear garble estimate, then a logistic calibration to P(garbled)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    cal_a: float
    cal_b: float

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Each column's share of the linear estimate, relative to an average training sentence."""
        return (x - self.mean) / self.scale * self.coef

    def calibrate(self, raw: np.ndarray) -> np.ndarray:
        return _sigmoid(self.cal_a * raw + self.cal_b)


# --------------------------------------------------------------------------- weights on disk


@dataclass
class DetectorWeights:
    word: WordModel
    sentence: SentenceModel
    lexicon: F.Lexicon
    #: Thresholds and training notes (detector.json).
    meta: dict = field(default_factory=dict)

    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        w, s = self.word, self.sentence
        arrays = {
            "word_mean": w.mean, "word_scale": w.scale, "word_w1": w.w1.astype(np.float16),
            "word_b1": w.b1, "word_w2": w.w2, "word_v": w.v, "word_scalars": np.array([w.b2, w.c]),
            "sent_mean": s.mean, "sent_scale": s.scale, "sent_coef": s.coef,
            "sent_scalars": np.array([s.intercept, s.cal_a, s.cal_b]),
        }
        np.savez_compressed(folder / WEIGHTS_FILE, **{k: np.asarray(v) for k, v in arrays.items()})
        self.lexicon.save(folder / LEXICON_FILE)
        meta = dict(self.meta, format=FORMAT, word_features=list(F.WORD_FEATURES),
                    sentence_features=list(F.SENTENCE_FEATURES), summary_features=list(SUMMARY_FEATURES),
                    word_layers=list(F.WORD_LAYERS), pool_layers=list(F.POOL_LAYERS))
        (folder / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path | None = None) -> DetectorWeights:
        """The shipped weights (``repair/data``), or those in ``folder``."""
        base = Path(folder) if folder is not None else resources.files("repair.data")
        try:
            meta = json.loads((base / META_FILE).read_text(encoding="utf-8"))
            with (base / WEIGHTS_FILE).open("rb") as fh, np.load(fh) as z:
                a = {k: z[k] for k in z.files}
            with (base / LEXICON_FILE).open("rb") as fh, np.load(fh) as z:
                lexicon = F.Lexicon(z["counts"], int(z["tokens"]))
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"cannot load the detector weights from {base}: {exc}. "
                             "Rebuild them with benchmarks/tune/train_detector.py") from exc
        expected = {"word_features": list(F.WORD_FEATURES), "sentence_features": list(F.SENTENCE_FEATURES),
                    "word_layers": list(F.WORD_LAYERS), "pool_layers": list(F.POOL_LAYERS)}
        for key, value in expected.items():
            if meta.get(key) != value:
                raise ModelError(f"the detector weights in {base} were trained with other {key.replace('_', ' ')}; "
                                 "rebuild them with benchmarks/tune/train_detector.py")
        b2, c = (float(v) for v in a["word_scalars"])
        word = WordModel(a["word_mean"], a["word_scale"], a["word_w1"].astype(np.float32), a["word_b1"],
                         a["word_w2"], b2, a["word_v"], c)
        intercept, cal_a, cal_b = (float(v) for v in a["sent_scalars"])
        sentence = SentenceModel(a["sent_mean"], a["sent_scale"], a["sent_coef"], intercept, cal_a, cal_b)
        return cls(word, sentence, lexicon, meta)
