"""A pipeline author's run: many short documents from JSON Lines through one :class:`Repairer`.

    python benchmarks/measure/jsonl_scale.py --docs 10000 --json /tmp/jsonl.json

Builds ``--docs`` short documents (1 to 3 consecutive MLQE-PE ``mt`` sentences each, train then
dev, in order) as a JSON Lines file with an ``id`` and a ``text`` field, then reads it back line
by line and streams it through ``Repairer.fix_many`` as library code would. Reported: documents,
seconds, documents per second, LanguageTool server starts (1 means it was never restarted),
peak RSS (this process plus the JVM), and the number of documents whose output is not exactly
the input with the reported applied edits (must be 0).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from mlqe_data import read_pairs  # noqa: E402
from speed import PeakRSS  # noqa: E402

from repair.apply import apply_edits  # noqa: E402
from repair.backends.languagetool import LanguageToolServer  # noqa: E402
from repair.pipeline import Repairer  # noqa: E402


def documents(data: Path, n: int) -> list[dict]:
    sentences = [r["mt"] for split in ("train", "dev") for rows in read_pairs(data / split).values()
                 for r in rows]
    docs, i = [], 0
    while len(docs) < n:
        size = 1 + len(docs) % 3
        chunk = [sentences[(i + k) % len(sentences)] for k in range(size)]
        i += size
        docs.append({"id": f"doc-{len(docs)}", "text": " ".join(chunk), "source": "mlqe-pe"})
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "mlqe-pe"))
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for d in documents(Path(args.data), args.docs):
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")

        server = LanguageToolServer()
        with PeakRSS() as rss, Repairer(lt_server=server) as repairer:
            t0 = time.perf_counter()
            pending: collections.deque[str] = collections.deque()
            with path.open(encoding="utf-8") as fh:
                def texts():
                    for line in fh:
                        pending.append(json.loads(line)["text"])
                        yield pending[-1]

                done = mismatched = applied = 0
                for result in repairer.fix_many(texts(), workers=args.workers):
                    text = pending.popleft()
                    done += 1
                    applied += sum(e.applied for e in result.edits)
                    if result.original != text or result.text != apply_edits(text, result.edits):
                        mismatched += 1
            seconds = time.perf_counter() - t0
            starts = server.starts

    figures = {"documents": done, "seconds": round(seconds, 1), "docs_per_s": round(done / seconds, 1),
               "applied_edits": applied, "lt_server_starts": starts, "peak_rss_mb": round(rss.peak / 2**20),
               "output_not_input_plus_edits": mismatched}
    print("| " + " | ".join(figures) + " |")
    print("|---" * len(figures) + "|")
    print("| " + " | ".join(str(v) for v in figures.values()) + " |")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
