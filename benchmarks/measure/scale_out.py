"""The distributed engine on a local Dask cluster against a local run, on the MLQE-PE dev sentences.

    python benchmarks/measure/scale_out.py [--limit N] [--workers 2] [--json OUT.json]

Groups the dev ``mt`` sentences into articles of ``--group`` sentences, repairs them once with one
local Repairer and once with :func:`repair.distributed.fix_corpus` on a ``LocalCluster`` of
``--workers`` processes (each with its own LanguageTool server and model), and prints how many
results are identical (the whole JSON report: text, sentences, scores, edits), and where any differ.

(Named scale_out.py, not distributed.py: run as a script from benchmarks/, that name would hide
Dask's own ``distributed`` package.)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from speed import articles_from_dev  # noqa: E402

from repair.distributed import fix_corpus  # noqa: E402
from repair.pipeline import Repairer  # noqa: E402


def _differences(a, b, path="") -> list[str]:
    """Where two JSON-like values differ, as 'path: local != cluster' lines."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b)) for d in _differences(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"  {path}: {a!r} != {b!r}"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "mlqe-pe" / "dev"))
    ap.add_argument("--group", type=int, default=40)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--address", help="a running scheduler (tcp://HOST:8786) instead of a local cluster")
    ap.add_argument("--json")
    args = ap.parse_args()

    articles = articles_from_dev(args.data, args.group, args.limit)
    t = time.perf_counter()
    with Repairer() as r:
        local = [r.fix(a) for a in articles]
    local_s = time.perf_counter() - t
    t = time.perf_counter()
    remote = list(fix_corpus(articles, address=args.address, n_workers=args.workers, batch_size=2))
    cluster_s = time.perf_counter() - t
    same = sum(a.to_dict() == b.to_dict() for a, b in zip(local, remote))
    row = {"articles": len(articles), "sentences": sum(len(a.splitlines()) for a in articles),
           "identical": same, "local_s": round(local_s, 1), "cluster_s": round(cluster_s, 1),
           "workers": args.workers}
    print("| " + " | ".join(row) + " |")
    print("|---" * len(row) + "|")
    print("| " + " | ".join(str(v) for v in row.values()) + " |")
    if args.json:
        Path(args.json).write_text(json.dumps(row, indent=1), encoding="utf-8")
    for i, (a, b) in enumerate(zip(local, remote)):
        if a.to_dict() != b.to_dict():
            print(f"article {i} differs:\n" + "\n".join(_differences(a.to_dict(), b.to_dict())), file=sys.stderr)
    if same != len(articles):
        sys.exit(1)


if __name__ == "__main__":
    main()
