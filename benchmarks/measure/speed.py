"""Speed and memory of `repair` next to LanguageTool alone, on (a) the seed article and (b) the
MLQE-PE dev ``mt`` sentences grouped into articles of about 40 sentences.

    python benchmarks/measure/speed.py --json /tmp/speed.json

Figures per corpus: ``cold_start_s`` (a fresh process: imports, LanguageTool server start and
model load included, caches warm on disk), ``warm_article_s`` (median per article, warm),
``sentences_per_s``, ``lt_only_s`` (LanguageTool alone checking the same articles through the
same server, one request each), ``repair_s`` (the whole pipeline on the same articles),
``ratio`` = repair_s / lt_only_s, ``lm_article_s`` and ``lm_share`` (time in the detector's language
model per article, and its share of ``repair_s``; its cache is emptied before each article, not
between the calls of one article: until 2026-12-05 it was emptied for every call, which made the
model score each sentence again for every proposer that asks about it, and counted that as the
article's time), and ``peak_rss_mb`` (this process plus the JVM, sampled).
The server's result cache is switched off here so that neither run profits from the other.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from mlqe_data import read_pairs  # noqa: E402

from repair.backends.languagetool import LanguageToolServer  # noqa: E402
from repair.pipeline import Repairer  # noqa: E402

SEED = ROOT / "seeds" / "000_b84adcd93273e994.txt"

COLD = """
import time, sys
t0 = time.perf_counter()
from repair.pipeline import Repairer
text = open(sys.argv[1], encoding="utf-8").read()
r = Repairer()
r.fix(text)
print(time.perf_counter() - t0)
r.close()
"""


class PeakRSS:
    """Samples the resident memory of this process and its children (the JVM) in the background."""

    def __init__(self, every: float = 0.05) -> None:
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(self.every)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cold_start(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD, str(path)], capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def articles_from_dev(data: str, group: int, limit: int | None) -> list[str]:
    rows = [r for pair_rows in read_pairs(data).values() for r in pair_rows]
    if limit:
        rows = rows[:limit]
    return ["\n".join(r["mt"] for r in rows[i:i + group]) + "\n" for i in range(0, len(rows), group)]


class LMTimer:
    """Wraps the detector's language model to add up the time spent in it. :meth:`fresh` empties
    its cache before each article, so an article's figures do not profit from an earlier round of
    the same article; within the article the cache works as it does in use (the proposers that
    ask the model again about a sentence the detector scored get it from the cache)."""

    def __init__(self, lm) -> None:
        self.lm, self.seconds = lm, 0.0
        self._logprobs = lm.logprobs
        lm.logprobs = self

    def fresh(self) -> None:
        self.lm._cache.clear()

    def __call__(self, texts):
        t = time.perf_counter()
        try:
            return self._logprobs(texts)
        finally:
            self.seconds += time.perf_counter() - t


def measure(repairer: Repairer, articles: list[str], rounds: int) -> dict:
    checker = repairer.checker
    repairer.fix(articles[0])  # warm: server started, model loaded, code paths exercised
    checker.check(articles[-1])
    timer = LMTimer(repairer.detector.lm) if repairer.detector.head is not None else None
    lt_times: list[float] = []
    fix_times: list[float] = []
    for _ in range(rounds):
        for a in articles:  # interleaved, so both see the same machine load
            t = time.perf_counter()
            checker.check(a)
            lt_times.append(time.perf_counter() - t)
            if timer:
                timer.fresh()
            t = time.perf_counter()
            repairer.fix(a)
            fix_times.append(time.perf_counter() - t)
    sentences = sum(len([ln for ln in a.splitlines() if ln.strip()]) for a in articles) * rounds
    repair_s, lt_s = sum(fix_times), sum(lt_times)
    lm_s = timer.seconds if timer else 0.0
    if timer:
        repairer.detector.lm.logprobs = timer._logprobs
    return {
        "articles": len(articles) * rounds,
        "sentences": sentences,
        "warm_article_s": round(statistics.median(fix_times), 4),
        "lt_article_s": round(statistics.median(lt_times), 4),
        "repair_s": round(repair_s, 2),
        "lt_only_s": round(lt_s, 2),
        "ratio": round(repair_s / lt_s, 3),
        "sentences_per_s": round(sentences / repair_s, 1),
        "lm_article_s": round(lm_s / (len(articles) * rounds), 4),
        "lm_share": round(lm_s / repair_s, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "mlqe-pe" / "dev"))
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--group", type=int, default=40, help="sentences per article for (b)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N dev sentences")
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument("--seed-rounds", type=int, default=5, help="repeat the seed article this often (warm)")
    args = ap.parse_args()

    cold = cold_start(SEED, args.cold_runs)
    corpora = {"seed": [SEED.read_text(encoding="utf-8")],
               "mlqe-dev": articles_from_dev(args.data, args.group, args.limit)}
    results = {}
    with PeakRSS() as rss:
        server = LanguageToolServer(cache_size=0)
        with Repairer(lt_server=server) as repairer:
            for name, articles in corpora.items():
                results[name] = measure(repairer, articles, args.seed_rounds if name == "seed" else 1)
                results[name]["cold_start_s"] = round(cold, 2)
    for r in results.values():
        r["peak_rss_mb"] = round(rss.peak / 2**20)

    cols = ["articles", "sentences", "cold_start_s", "warm_article_s", "lt_article_s", "repair_s", "lt_only_s",
            "ratio", "sentences_per_s", "lm_article_s", "lm_share", "peak_rss_mb"]
    print("| corpus | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for name, r in results.items():
        print(f"| {name} | " + " | ".join(str(r[c]) for c in cols) + " |")
    if args.json:
        Path(args.json).write_text(json.dumps({"corpora": results}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
