"""Detection on the seed article against a careful reading (``benchmarks/data/seed_garbled.txt``).

    python benchmarks/measure/seed_detection.py [--threshold 0.3]

Prints, for the seed's sentences: how many are garbled by that reading, the ROC AUC of the
garble score (0.5 = chance), and at the threshold how many are flagged, with recall and the
clean sentences flagged. The labels are for measuring only: nothing is trained or tuned on them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from repair.pipeline import Repairer

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_b84adcd93273e994.txt"
LABELS = ROOT / "benchmarks" / "data" / "seed_garbled.txt"


def auc(pos: list[float], neg: list[float]) -> float:
    """P(a garbled sentence scores above a clean one), ties counting half."""
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / max(len(pos) * len(neg), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threshold", type=float, default=None, help="flagging threshold (default: the tool's)")
    args = ap.parse_args()
    pieces = [ln.strip() for ln in LABELS.read_text(encoding="utf-8").splitlines()
              if ln.strip() and not ln.startswith("#")]
    text = SEED.read_text(encoding="utf-8")
    options = {} if args.threshold is None else {"threshold": args.threshold}
    with Repairer() as r:
        result = r.check(text, **options)
    rows = [(text[s.start:s.end], s.score, s.flagged) for s in result.sentences]
    garbled = [any(p in t for p in pieces) for t, _, _ in rows]
    unused = [p for p in pieces if not any(p in t for t, _, _ in rows)]
    if unused:
        raise SystemExit(f"labels match no sentence of the seed: {unused}")
    pos = [s for (_, s, _), g in zip(rows, garbled) if g]
    neg = [s for (_, s, _), g in zip(rows, garbled) if not g]
    tp = sum(f and g for (_, _, f), g in zip(rows, garbled))
    fp = [t for (t, _, f), g in zip(rows, garbled) if f and not g]
    print("| sentences | garbled | clean | auc | flagged | garbled flagged (recall) | clean flagged |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(f"| {len(rows)} | {len(pos)} | {len(neg)} | {auc(pos, neg):.2f} | {tp + len(fp)} | "
          f"{tp} ({tp / max(len(pos), 1):.2f}) | {len(fp)} |")
    for t in fp:
        print(f"clean but flagged: {t[:100]}")


if __name__ == "__main__":
    main()
