"""Idiom near-misses on MLQE-PE: how many candidates, how many the language model lets through.

    python benchmarks/tune/idioms.py --data ../shared/mlqe-pe/dev [--sample 2000] [--sweep]

Runs :mod:`repair.propose.idioms` on a sample of MT sentences (``mt``) and of their human
post-edits (``pe_tok`` detokenised with sacremoses: clean English, where every applied edit is a
false positive), and prints per side: sentences, candidates, applied, suggested; then the edits
applied to post-edits (to be read), and with ``--sweep`` the applied counts for other margins
(how :data:`repair.propose.idioms.APPLY_MARGIN` was chosen). An MT edit counts as *confirmed*
when the post-editor wrote the replacement word and dropped the original one.

Language-model scores are cached in ``.cache/idioms/lm-NAME.json`` (sentence -> total log-prob).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mlqe_data import read_pairs  # noqa: E402

from repair.propose import idioms as I  # noqa: E402
from repair.segment import segment  # noqa: E402


class CachedScorer:
    """Total log-probs from the language model, kept on disk between runs."""

    def __init__(self, lm, path: Path) -> None:
        self.lm, self.path = lm, path
        self.scores: dict[str, float] = json.loads(path.read_text()) if path.is_file() else {}
        self.fresh = 0

    def __call__(self, texts):
        todo = [t for t in dict.fromkeys(texts) if t not in self.scores]
        for b in range(0, len(todo), 64):
            chunk = todo[b:b + 64]
            for t, s in zip(chunk, I.as_scorer(self.lm)(chunk)):
                self.scores[t] = s
            self.fresh += len(chunk)
            self.save()
        return [self.scores[t] for t in texts]

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.scores, ensure_ascii=False))
        tmp.replace(self.path)


def sample_rows(data: str, n: int, seed: int) -> list[dict]:
    rows = [r for rs in read_pairs(data).values() for r in rs]
    random.Random(seed).shuffle(rows)
    return rows[:n]


def detok(pe_tok: str) -> str:
    from sacremoses import MosesDetokenizer

    return MosesDetokenizer(lang="en").detokenize(pe_tok.split(" "))


def run_side(texts: list[str], index, scorer, embedder):
    """[(sentence index, candidate, margin, word similarity)] for every candidate in ``texts``."""
    found = [(k, c) for k, t in enumerate(texts) for c in I.find_candidates(t, segment(t), index)]
    sents = []
    for k, c in found:
        t = texts[k]
        sents += [t[c.sentence[0]:c.sentence[1]], t[c.sentence[0]:c.start] + c.replacement + t[c.end:c.sentence[1]]]
    scores = dict(zip(sents, scorer(sents)))
    sims = I.similarities([c for _, c in found], embedder)
    return [(k, c, I.margins(texts[k], [c], lambda ts: [scores[x] for x in ts])[0], sim)
            for (k, c), sim in zip(found, sims)]


def decided(found, **limits):
    """(applied, suggested): [(sentence index, candidate, margin)] under these limits."""
    by_text: dict[int, list] = {}
    for k, c, d, sim in found:
        by_text.setdefault(k, []).append((c, d, sim))
    applied, suggested = [], []
    for k, cds in by_text.items():
        for ok, c, d in I.decide_candidates(cds, **limits):
            (applied if ok else suggested).append((k, c, d))
    return applied, suggested


def confirmed(c, pe: str) -> bool:
    words = set(re.findall(r"\w+", pe.lower()))
    return c.replacement.lower() in words and c.original.lower() not in words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "mlqe-pe" / "dev"))
    ap.add_argument("--sample", type=int, default=2000, help="sentences (each side)")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--sweep", action="store_true", help="applied counts for other margins")
    ap.add_argument("--model", default="gemma-3-270m")
    ap.add_argument("--json", help="write every candidate (side, margin, similarity, words, sentence) here")
    args = ap.parse_args()

    import torch

    from repair.backends.idioms import load_idioms
    from repair.backends.lm import LanguageModel
    from repair.propose.phrasebook import default_phrasebook

    torch.set_num_threads(1)
    from repair.backends.embeddings import Embedder

    index = I.build_index(load_idioms(), default_phrasebook())
    embedder = Embedder(threads=1)
    scorer = CachedScorer(LanguageModel(args.model), ROOT / ".cache" / "idioms" / f"lm-{args.model}.json")
    rows = sample_rows(args.data, args.sample, args.seed)
    mt = [r["mt"] for r in rows]
    pe = [detok(r["pe_tok"]) for r in rows]
    t0 = time.time()
    found = {"MT": run_side(mt, index, scorer, embedder), "post-edits": run_side(pe, index, scorer, embedder)}
    secs = time.time() - t0
    if args.json:
        Path(args.json).write_text(json.dumps(
            [{"side": side, "margin": d, "similarity": sim, "method": c.method, "idiom": c.pattern.canonical,
              "original": c.original, "replacement": c.replacement, "listed": c.listed,
              "sentence": (mt if side == "MT" else pe)[k], "post_edit": pe[k]}
             for side, f in found.items() for k, c, d, sim in f], ensure_ascii=False, indent=0))
    print(f"{args.data}: {len(rows)} sentences per side, seed {args.seed}; applied: a word from margin "
          f"{I.APPLY_MARGIN} with similarity {I.WORD_SIMILARITY} (or listed), a function word or order from "
          f"{I.FUNCTION_APPLY_MARGIN}; suggested from {I.SUGGEST_MARGIN} "
          f"({scorer.fresh} new LM scores, {secs:.0f}s)\n")
    print("| side | sentences | candidates | applied | suggested | applied confirmed by the post-editor |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for side, f in found.items():
        applied, suggested = decided(f)
        conf = sum(confirmed(c, pe[k]) for k, c, _ in applied) if side == "MT" else "-"
        print(f"| {side} | {len(rows)} | {len(f)} | {len(applied)} | {len(suggested)} | {conf} |")
    for side in ("post-edits", "MT"):
        applied, _ = decided(found[side])
        print(f"\nEdits applied to {side}:")
        texts = pe if side == "post-edits" else mt
        for k, c, d in applied:
            extra = f" [post-edit: {pe[k]}]" if side == "MT" else ""
            print(f"  {d:5.1f}  {c.original!r} -> {c.replacement!r} ({c.pattern.canonical}; {c.method}): "
                  f"{texts[k]}{extra}")
    if args.sweep:
        print("\n| apply margin | word similarity | function-word margin | applied MT | confirmed | applied post-edits |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for m in (3.0, 4.0, 5.0, 6.0, 8.0):
            for sim in (0.0, 0.3, 0.38, 0.45):
                for fm in (3.0, 5.0):
                    limits = {"apply_margin": m, "word_similarity": sim, "function_margin": fm}
                    a_mt, _ = decided(found["MT"], **limits)
                    a_pe, _ = decided(found["post-edits"], **limits)
                    conf = sum(confirmed(c, pe[k]) for k, c, _ in a_mt)
                    print(f"| {m} | {sim} | {fm} | {len(a_mt)} | {conf} | {len(a_pe)} |")


if __name__ == "__main__":
    main()
