"""Clean English news: how many sentences does the detector flag? (Ideally none.)

    python benchmarks/measure/clean_news.py [--threshold T]

Runs the real pipeline on the clean articles of ``tests/data`` (``clean_news.txt``, a published-style
article; ``clean_news_2.txt``, written for this benchmark) and prints, per article, the sentences,
how many are flagged, and each flagged sentence with its score and reasons. Measurement only:
nothing is tuned on these texts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from repair.pipeline import Repairer

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = [ROOT / "tests" / "data" / "clean_news.txt", ROOT / "tests" / "data" / "clean_news_2.txt"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threshold", type=float, default=None)
    args = ap.parse_args()
    options = {} if args.threshold is None else {"threshold": args.threshold}
    rows, notes = [], []
    with Repairer() as r:
        for path in ARTICLES:
            result = r.check(path.read_text(encoding="utf-8"), **options)
            flagged = [s for s in result.sentences if s.flagged]
            top = max(result.sentences, key=lambda s: s.score)
            rows.append((path.name, len(result.sentences), len(flagged), top.score))
            notes += [f"{path.name}: {s.score:.2f} {s.text[:90]!r} ({'; '.join(s.reasons)})" for s in flagged]
    print("| article | sentences | flagged | highest score |")
    print("| --- | --- | --- | --- |")
    for name, n, f, top in rows:
        print(f"| {name} | {n} | {f} | {top:.2f} |")
    for line in notes:
        print(line)


if __name__ == "__main__":
    main()
