"""Mine MLQE-PE for the surface edits post-editors make consistently: the raw material of the
artifact rules in ``rules/artifacts/``.

    python benchmarks/measure/mine_artifacts.py                    # train, all pairs
    python benchmarks/measure/mine_artifacts.py --split dev --top 40

Each ``mt_tok`` is aligned with its post-edit ``pe_tok`` (difflib on tokens); every replaced
stretch is classed as a *case* change (same letters, other capitals), a *join/split* (same
letters, other spaces or hyphens), a *spelling* change (one token, similar letters), or
*punctuation*. For each class the most frequent changes are printed, with their
*consistency*: of the sentences whose MT has that token, the share whose post-edit changed it
the same way. A rule is worth writing when a change is frequent, consistent and general (not
one article's name); ``benchmarks/tune/grammar_policy.py --only artifacts`` then measures the
rule itself.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: mlqe_data, correction_metrics

from mlqe_data import read_pairs  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "mlqe-pe"
_PUNCT = re.compile(r"^[\W_]+$")


def classify(x: list[str], y: list[str]) -> str | None:
    a, b = " ".join(x), " ".join(y)
    if a.lower() == b.lower():
        return "case"
    if a.replace(" ", "").replace("-", "") == b.replace(" ", "").replace("-", ""):
        return "join/split"
    if all(_PUNCT.match(t) for t in x + y):
        return "punctuation"
    if len(x) == len(y) == 1 and a[:1].lower() == b[:1].lower() and difflib.SequenceMatcher(a=a, b=b).ratio() > 0.8:
        return "spelling"
    return None


def mine(pairs: dict[str, list[dict]]):
    changes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    where: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for pair, rows in pairs.items():
        for r in rows:
            a, b = r["mt_tok"].split(), r["pe_tok"].split()
            sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
            for op, i1, i2, j1, j2 in sm.get_opcodes():
                if op == "equal" or i2 - i1 > 3 or j2 - j1 > 3:
                    continue
                x, y = a[i1:i2], b[j1:j2]
                kind = classify(x, y) if x and y else ("punctuation" if all(_PUNCT.match(t) for t in x + y) else None)
                if kind is None:
                    continue
                key = (" ".join(x), " ".join(y))
                changes[kind][key] += 1
                where[key][pair] += 1
    # how many MT sentences contain each changed token string (for consistency)
    keys = {k for c in changes.values() for k, _ in c.most_common(400) if k[0]}
    needles = {k[0] for k in keys}
    counts: collections.Counter = collections.Counter()
    for rows in pairs.values():
        for r in rows:
            padded = f" {r['mt_tok']} "
            for n in needles:
                if f" {n} " in padded:
                    counts[n] += 1
    return changes, where, counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--split", default="train")
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    pairs = read_pairs(Path(args.data) / args.split)
    changes, where, counts = mine(pairs)
    for kind in ("case", "join/split", "spelling", "punctuation"):
        c = changes.get(kind, collections.Counter())
        print(f"\n## {kind}: {sum(c.values())} changes\n")
        print(f"| {'MT':28s} | {'post-edit':28s} | changed | MT has it | consistency | pairs |")
        print("|" + "-" * 30 + "|" + "-" * 30 + "|---------|-----------|-------------|-------|")
        for (x, y), n in c.most_common(args.top):
            have = counts.get(x, 0)
            cons = f"{n / have:.2f}" if have else "-"
            pairs_s = ",".join(p.split("-")[0] for p, _ in where[(x, y)].most_common(3))
            print(f"| {x[:28]:28s} | {y[:28]:28s} | {n:7d} | {have:9d} | {cons:>11s} | {pairs_s:5s} |")


if __name__ == "__main__":
    main()
