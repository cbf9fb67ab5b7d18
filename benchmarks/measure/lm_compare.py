"""Which language model judges English better? A quick measure on a sample, before building on one.

    python benchmarks/measure/lm_compare.py --model gemma-3-270m [--rows 100]

Per MLQE-PE dev pair, the first ``--rows`` rows the post-editor changed: how often the MT scores
as less fluent than its own post-edit (0.5 = chance), by each LM signal alone; and on the seed
article, the AUC of each signal for the careful reading of ``benchmarks/data/seed_garbled.txt``
(measurement only). Scores are cached by ``benchmarks/lm_cache.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: lm_cache, mlqe_data
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "measure"))  # mlqe, seed_detection
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tune"))  # train_detector

from lm_cache import cached_logprobs  # noqa: E402
from mlqe_data import post_edit_rows, read_pairs  # noqa: E402
from seed_detection import LABELS, SEED, auc  # noqa: E402

from repair.backends.lm import LanguageModel  # noqa: E402
from repair.detect import fluency  # noqa: E402
from repair.segment import segment  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="gemma-3-270m")
    ap.add_argument("--rows", type=int, default=100)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "mlqe-pe" / "dev"))
    args = ap.parse_args()
    import torch

    torch.set_num_threads(1)
    lm = LanguageModel(args.model)
    names = fluency.SENTENCE_FEATURES
    print(f"| {args.model} | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    t0 = time.time()
    n = 0
    for pair, rows in read_pairs(args.data).items():
        rows = [r for r in rows if r["hter"] > 0][:args.rows]
        pe = post_edit_rows(rows)
        res = cached_logprobs(lm, [r["mt"] for r in rows] + [r["mt"] for r in pe], log=False)
        n += len(res)
        _, x = fluency.features(res)
        a, b = x[:len(rows)], x[len(rows):]
        print(f"| {pair} MT less fluent | " + " | ".join(f"{np.mean(a[:, k] < b[:, k]):.3f}" for k in range(len(names))) + " |")
    text = SEED.read_text(encoding="utf-8")
    pieces = [ln.strip() for ln in LABELS.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    sents = [s.text for s in segment(text)]
    garbled = np.array([any(p in t for p in pieces) for t in sents])
    _, x = fluency.features(cached_logprobs(lm, sents, log=False))
    print("| seed AUC (low = garbled) | " + " | ".join(f"{auc(list(-x[garbled, k]), list(-x[~garbled, k])):.2f}" for k in range(len(names))) + " |")
    print(f"\n{n + len(sents)} sentences in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
