"""Prepositions on MLQE-PE train: how many the language model looks at, and which margin to apply from.

    python benchmarks/tune/prepositions.py --data ../shared/mlqe-pe/train [--sample 1500] [--json out.json]

Runs :func:`repair.propose.prepositions.candidates` on a sample of MT sentences (``mt``) and of
their human post-edits (``pe_tok`` detokenised: clean English, where every applied change is a
false positive). For the MT side each preposition's best alternative is applied alone and scored
by TER against the post-edit (lower / raise / neither). Prints, for each apply margin, what would
be applied on each side, then the changes applied at the module's margin, to be read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from correction_metrics import apply_one, sentence_ter, tokenize  # noqa: E402
from mlqe_data import read_pairs  # noqa: E402

from repair.propose import prepositions as P  # noqa: E402

MARGINS = (4.0, 6.0, 8.0, 10.0, 12.0)


def side(texts: list[str], lm, refs: list[str] | None) -> list[dict]:
    out = []
    for k, m, margins in P.candidates(texts, lm):
        alt, gain = margins[0]
        r = {"text": texts[k], "original": m.group(0), "replacement": alt, "margin": gain,
             "second": margins[1][1] if len(margins) > 1 else None}
        if refs is not None:
            t0 = sentence_ter(tokenize(texts[k]), refs[k], case_sensitive=True)
            t1 = sentence_ter(tokenize(apply_one(texts[k], m.start(), m.end(), alt)), refs[k], case_sensitive=True)
            r["outcome"] = (t1 > t0) - (t1 < t0)
        out.append(r)
    return out


def applied(rows: list[dict], margin: float) -> list[dict]:
    return [r for r in rows if P.decision([(r["replacement"], r["margin"])]
                                          + ([("x", r["second"])] if r["second"] is not None else []),
                                          apply_margin=margin) == "apply"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "mlqe-pe" / "train"))
    ap.add_argument("--sample", type=int, default=1500, help="sentences (each side)")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--json", help="write every preposition looked at here")
    args = ap.parse_args()
    import torch
    from sacremoses import MosesDetokenizer

    torch.set_num_threads(1)  # the machine is shared: one intra-op thread per job

    from repair.backends.lm import LanguageModel

    rows = [r for rs in read_pairs(args.data).values() for r in rs]
    random.Random(args.seed).shuffle(rows)
    rows = rows[:args.sample]
    detok = MosesDetokenizer(lang="en")
    lm = LanguageModel()
    mt = side([r["mt"] for r in rows], lm, [r["pe_tok"] for r in rows])
    pe = side([detok.detokenize(r["pe_tok"].split(" ")) for r in rows], lm, None)
    print(f"{args.data}: {len(rows)} sentences per side, seed {args.seed}; looked at: {len(mt)} MT, "
          f"{len(pe)} post-edit prepositions (trigger {P.TRIGGER})\n")
    print("| apply margin | applied MT | lower TER | raise TER | neither | applied post-edits |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for m in MARGINS:
        a, b = applied(mt, m), applied(pe, m)
        print(f"| {m} | {len(a)} | {sum(r['outcome'] < 0 for r in a)} | {sum(r['outcome'] > 0 for r in a)} "
              f"| {sum(r['outcome'] == 0 for r in a)} | {len(b)} |")
    for name, rs in (("MT", mt), ("post-edits", pe)):
        print(f"\nApplied to {name} at {P.APPLY_MARGIN}:")
        for r in applied(rs, P.APPLY_MARGIN):
            print(f"  {r['margin']:5.1f} {r['original']!r} -> {r['replacement']!r} "
                  f"[{r.get('outcome', '')}] {r['text'][:110]}")
    if args.json:
        Path(args.json).write_text(json.dumps({"MT": mt, "post-edits": pe}, ensure_ascii=False, indent=0))


if __name__ == "__main__":
    main()
