"""Compute and cache the language model's log-probabilities of MLQE-PE sentences (``benchmarks/lm_cache.py``).

    python benchmarks/lm_prepare.py --data ../shared/mlqe-pe/dev --side mt &
    python benchmarks/lm_prepare.py --data ../shared/mlqe-pe/dev --side pe &

Two processes (one per side) use the two cores; each writes its own cache file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lm_cache import cached_logprobs  # noqa: E402
from mlqe_data import post_edit_rows, read_pairs  # noqa: E402

from repair.backends.lm import DEFAULT_MODEL, LanguageModel  # noqa: E402


def select(rows: list[dict], limit: int | None, changed: int | None) -> list[dict]:
    """The first ``limit`` rows, or the first ``changed`` rows the post-editor changed."""
    if changed:
        return [r for r in rows if r["hter"] > 0][:changed]
    return rows[:limit] if limit else rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--side", choices=("mt", "pe"), required=True)
    ap.add_argument("--limit", type=int, default=None, help="rows per pair")
    ap.add_argument("--changed", type=int, default=None,
                    help="instead: the first N rows of each pair the post-editor changed (HTER > 0)")
    ap.add_argument("--pairs", default=None, help="comma-separated pairs (default: all)")
    ap.add_argument("--model", default=DEFAULT_MODEL)
    args = ap.parse_args()
    import torch

    torch.set_num_threads(1)
    lm = LanguageModel(args.model)
    split = Path(args.data).name
    for pair, rows in read_pairs(args.data).items():
        if args.pairs and pair not in args.pairs.split(","):
            continue
        rows = select(rows, args.limit, args.changed)
        if args.side == "pe":
            rows = post_edit_rows(rows)
        cached_logprobs(lm, [r["mt"] for r in rows], tag=f"{split}-{args.side}")
        print(f"{pair} done", file=sys.stderr)


if __name__ == "__main__":
    main()
